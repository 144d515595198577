"""A JSON list of findings, the public contract in DESIGN.md / README (pinned by tests).

The text is json.dumps(findings as Diagnostic.to_dict() makes them, ensure_ascii=False,
indent=2), laid out here with one f-string per finding: with an indent the standard
library encodes in Python, token by token (~15 us a finding, all of it after the workers
are done). tests/test_formats.py holds the two to the same text."""
from __future__ import annotations

from json.encoder import encode_basestring as _s  # json's own string encoder (C)


def render(results, stream, *, color: bool = False, show_fixes: bool = True, **_context) -> None:
    stream.write(dumps(d for r in results for d in r.diagnostics) + "\n")


def dumps(diagnostics) -> str:
    items = [_finding(d) for d in diagnostics]
    return "[\n" + ",\n".join(items) + "\n]" if items else "[]"


def _finding(d) -> str:
    f = d.fix
    fix = "null" if f is None else (
        f'{{\n      "replacement": {_s(f.replacement)},\n      "safe": {"true" if f.safe else "false"},\n'
        f'      "line": {f.line},\n      "column": {f.column},\n      "end_line": {f.end_line},\n'
        f'      "end_column": {f.end_column}\n    }}')
    return (f'  {{\n    "path": {_s(d.path)},\n    "line": {d.line},\n    "column": {d.column},\n'
            f'    "end_line": {d.end_line},\n    "end_column": {d.end_column},\n    "rule": {_s(d.rule)},\n'
            f'    "severity": {_s(d.severity)},\n    "message": {_s(d.message)},\n    "fix": {fix}\n  }}')
