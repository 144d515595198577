"""SARIF 2.1.0 (OASIS), the format GitHub code scanning and most review tools import.

One run; the driver lists the metadata of the rules that ran (id, description from the
pack, default level) and each result points at its rule by index. A finding's fix becomes
`fixes[].artifactChanges[].replacements[]` with the edit span of Diagnostic.fix. Columns
count Unicode code points, as tlint's do, which the run declares in `columnKind`.
Written by hand on the json module: the SARIF object-model packages on PyPI (sarif-om)
add classes without validation, and the output is checked against the official schema
in the tests."""
from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from tlint.sentences import split

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_ROOT = "%SRCROOT%"


def _tool_version() -> str:
    try:
        return version("tlint")
    except PackageNotFoundError:  # pragma: no cover - running from a bare checkout
        return "0"


def _uri(path: str) -> tuple[str, str | None]:
    """A path relative to the working directory (the repository root in CI) when it lies
    under it, so code scanning can map it to the checkout; an absolute file URI otherwise."""
    p = Path(path)
    try:
        rel = p.resolve().relative_to(Path.cwd().resolve())
        return rel.as_posix(), _ROOT
    except (ValueError, OSError):
        return p.resolve().as_uri(), None


def _location(path: str) -> dict:
    uri, base = _uri(path)
    loc = {"uri": uri}
    if base:
        loc["uriBaseId"] = base
    return loc


def _region(line: int, column: int, end_line: int, end_column: int) -> dict:
    return {"startLine": line, "startColumn": column, "endLine": end_line, "endColumn": end_column}


def _rule_descriptor(rule_id: str, rule) -> dict:
    if rule is None:
        return {"id": rule_id}
    description = (getattr(rule, "description", "") or "").strip()
    # shortDescription is meant to be one sentence: the first of the pack's description
    short = split(" ".join(description.split()))[0].text if description else rule.message
    desc = {
        "id": rule_id,
        "name": rule_id.split(".", 1)[-1],
        "shortDescription": {"text": short},
        "defaultConfiguration": {"level": _LEVEL[rule.level]},
        "properties": {"tags": [rule_id.split(".")[0]]},
    }
    if description:
        desc["fullDescription"] = {"text": description}
    desc["messageStrings"] = {"default": {"text": rule.message}}
    return desc


def _fix(d) -> dict:
    f = d.fix
    what = f"Replace with {f.replacement!r}" if f.replacement else "Delete"
    return {
        "description": {"text": what + ("" if f.safe else " (unsafe: check the result)")},
        "artifactChanges": [{
            "artifactLocation": _location(d.path),
            "replacements": [{
                "deletedRegion": _region(f.line, f.column, f.end_line, f.end_column),
                "insertedContent": {"text": f.replacement},
            }],
        }],
    }


def sarif_log(results, rules: dict | None = None) -> dict:
    """The SARIF log as a dict. `rules` maps rule ids to Rule objects (for metadata)."""
    rules = rules or {}
    diags = [d for r in results for d in r.diagnostics]
    ids = sorted(set(rules) | {d.rule for d in diags})
    index = {rule_id: i for i, rule_id in enumerate(ids)}
    out = []
    for d in diags:
        result = {
            "ruleId": d.rule,
            "ruleIndex": index[d.rule],
            "level": _LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [{"physicalLocation": {
                "artifactLocation": _location(d.path),
                "region": _region(d.line, d.column, d.end_line, d.end_column),
            }}],
        }
        if d.fix is not None:
            result["fixes"] = [_fix(d)]
        out.append(result)
    run = {
        "tool": {"driver": {
            "name": "tlint",
            "version": _tool_version(),
            "informationUri": "https://pypi.org/project/tlint/",
            "rules": [_rule_descriptor(i, rules.get(i)) for i in ids],
        }},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {_ROOT: {"uri": Path.cwd().resolve().as_uri() + "/"}},
        "results": out,
    }
    invocation = {"executionSuccessful": not any(r.error for r in results)}
    errors = [r for r in results if r.error]
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": r.error}} for r in errors
        ]
    run["invocations"] = [invocation]
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def render(results, stream, *, color: bool = False, show_fixes: bool = True,
           rules: dict | None = None, **_context) -> None:
    json.dump(sarif_log(results, rules), stream, ensure_ascii=False, indent=2)
    stream.write("\n")
