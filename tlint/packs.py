"""Load and validate YAML rule packs into Rule objects, with errors at pack:line.

A pack file is the whole extension API (see README "Writing a pack"): every mistake in one
is reported as `FILE:LINE: RULE: what is wrong`, never as a traceback.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from tlint.document import parse
from tlint.kinds import KINDS, rule_class
from tlint.kinds.base import COMMON_FIELDS, Rule, RuleConfigError
from tlint.diagnostic import LEVELS

PACK_FIELDS = {"pack", "description", "language", "rules", "default"}


class PackError(Exception):
    """A pack that cannot be used; str() is the one-line message for the user."""


@dataclass
class Pack:
    name: str
    path: str
    description: str = ""
    language: list[str] = field(default_factory=list)
    # a pack with `default: false` runs only when selected by name (e.g. grammar)
    default: bool = True
    rules: list[Rule] = field(default_factory=list)
    rule_lines: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------- YAML with line numbers


def _plain(node) -> Any:
    """Node -> Python value (the safe constructor, one node at a time)."""
    import yaml  # imported only when a pack is parsed, not when it comes from the cache

    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    finally:
        loader.dispose()


def _load_nodes(text: str, path: str):
    import yaml

    # libyaml's loader when PyYAML was built with it: composing the packs in C is ~15x
    # faster; the nodes carry the same line marks
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        return yaml.compose(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise PackError(f"{path}:{line}: invalid YAML: {problem}") from None


def _mapping_items(node):
    for key_node, value_node in node.value:
        yield _plain(key_node), key_node.start_mark.line + 1, value_node


# ---------------------------------------------------------------- loading


@functools.lru_cache(maxsize=1)  # asked ~40 times a run, and each answer lists a folder
def builtin_dir() -> Path:
    """Where the built-in packs live: `tlint/rules` in an installed wheel (rules/ is mapped
    there by pyproject), or the checkout's top-level rules/ when run from source."""
    # next to this file first: importlib.resources costs ~10 ms of start-up to say the same
    d = Path(__file__).parent / "rules"
    if d.is_dir() and any(d.glob("*.yaml")):
        return d
    try:
        from importlib import resources  # an editable install maps tlint.rules elsewhere

        d = Path(str(resources.files("tlint.rules")))
        if d.is_dir() and any(d.glob("*.yaml")):
            return d
    except (ModuleNotFoundError, TypeError):
        pass
    return Path(__file__).resolve().parent.parent / "rules"


def builtin_names() -> list[str]:
    return sorted(p.stem for p in builtin_dir().glob("*.yaml"))


def resolve(name_or_path: str, base: str | os.PathLike | None = None) -> str:
    """A built-in pack name -> its file; anything else is a path (relative to `base`)."""
    if not name_or_path.endswith((".yaml", ".yml")) and "/" not in name_or_path:
        candidate = builtin_dir() / f"{name_or_path}.yaml"
        if candidate.is_file():
            return str(candidate)
        raise PackError(
            f"unknown pack {name_or_path!r} (built-in packs: {', '.join(builtin_names())})"
        )
    p = Path(name_or_path)
    if base is not None and not p.is_absolute():
        p = Path(base) / p
    return str(p)


@functools.lru_cache(maxsize=None)
def load_pack(path: str, run_examples: bool = False) -> Pack:
    """Parse and validate one pack file. Cached per process (packs compile once), and
    across processes in the user cache (tlint.pack_cache): a pack whose bytes and tlint's
    code are unchanged is unpickled instead of parsed, validated and analysed again."""
    try:
        raw = Path(path).read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        raise PackError(f"{path}: pack file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(f"{path}: cannot read pack: {exc}") from None
    from tlint import pack_cache

    key = pack_cache.key(path, raw, run_examples)
    pack = pack_cache.get(key)
    if pack is None:
        pack = _parse_pack(path, text, run_examples)
        pack_cache.put(key, pack)
    return pack


def _parse_pack(path: str, text: str, run_examples: bool) -> Pack:
    root = _load_nodes(text, path)
    import yaml

    if not isinstance(root, yaml.MappingNode):
        raise PackError(f"{path}:1: a pack is a mapping with 'pack' and 'rules'")
    top: dict[str, Any] = {}
    rules_node = None
    for key, line, value in _mapping_items(root):
        if key not in PACK_FIELDS:
            raise PackError(
                f"{path}:{line}: unknown key {key!r} (allowed: {', '.join(sorted(PACK_FIELDS))})"
            )
        if key == "rules":
            rules_node = value
        else:
            top[key] = _plain(value)
    name = top.get("pack")
    if not isinstance(name, str) or not name:
        raise PackError(f"{path}:1: missing 'pack: NAME'")
    if rules_node is None or not isinstance(rules_node, yaml.MappingNode):
        raise PackError(f"{path}:1: pack {name!r} needs a 'rules' mapping")
    language = top.get("language", [])
    if isinstance(language, str):
        language = [language]
    pack = Pack(
        name=name,
        path=path,
        description=str(top.get("description", "")),
        language=list(language),
        default=bool(top.get("default", True)),
    )
    for rule_name, line, rule_node in _mapping_items(rules_node):
        rule_id = f"{name}.{rule_name}"
        rule = _build_rule(path, rule_id, line, rule_node)
        pack.rules.append(rule)
        pack.rule_lines[rule_id] = line
    if run_examples:
        problems = example_failures(pack)
        if problems:
            raise PackError(problems[0])
    return pack


def _build_rule(path: str, rule_id: str, line: int, node) -> Rule:
    import yaml

    def fail(msg: str, at: int = line) -> PackError:
        return PackError(f"{path}:{at}: {rule_id}: {msg}")

    if not isinstance(node, yaml.MappingNode):
        raise fail("a rule is a mapping of fields")
    spec: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for key, key_line, value in _mapping_items(node):
        spec[key] = _plain(value)
        lines[key] = key_line
    kind = spec.get("kind")
    if kind not in KINDS:
        raise fail(
            f"unknown kind {kind!r} (one of: {', '.join(sorted(KINDS))})", lines.get("kind", line)
        )
    cls = rule_class(kind)
    allowed = {**COMMON_FIELDS, **cls.fields}
    for key, value in spec.items():
        if key not in allowed:
            raise fail(
                f"unknown key {key!r} for kind {kind} (allowed: {', '.join(sorted(allowed))})",
                lines[key],
            )
        expected = allowed[key]
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            names = (
                "/".join(t.__name__ for t in expected)
                if isinstance(expected, tuple)
                else expected.__name__
            )
            raise fail(f"{key} must be a {names}", lines[key])
    for key in sorted({"message", *cls.required}):
        if key not in spec:
            raise fail(f"missing {key!r}")
    if spec.get("level", "warning") not in LEVELS:
        raise fail(f"level must be one of {', '.join(LEVELS)}", lines.get("level", line))
    examples = spec.get("examples")
    if not isinstance(examples, dict) or not examples.get("flag") or not examples.get("pass"):
        raise fail("examples need a non-empty 'flag' list and 'pass' list", lines.get("examples", line))
    unknown = set(examples) - {"flag", "pass"}
    if unknown:
        raise fail(f"unknown key {sorted(unknown)[0]!r} in examples (flag, pass)", lines["examples"])
    try:
        return cls(rule_id, spec)
    except RuleConfigError as exc:
        raise fail(str(exc), lines.get(exc.field or "", line)) from None


# ---------------------------------------------------------------- examples


def _example_text(item: Any) -> tuple[str, str]:
    if isinstance(item, dict):
        return str(item.get("text", "")), str(item.get("path", "example.txt"))
    return str(item), "example.txt"


def run_rule(rule: Rule, text: str, path: str = "example.txt") -> list:
    return list(rule.check(parse(text, path)))


def example_failures(pack: Pack) -> list[str]:
    """Run every rule's examples; return one message per misbehaving example."""
    problems = []
    for rule in pack.rules:
        line = pack.rule_lines.get(rule.id, 1)
        for item in rule.examples.get("flag", []):
            text, path = _example_text(item)
            if not run_rule(rule, text, path):
                problems.append(f"{pack.path}:{line}: {rule.id}: flag example not flagged: {text!r}")
        for item in rule.examples.get("pass", []):
            text, path = _example_text(item)
            hits = run_rule(rule, text, path)
            if hits:
                problems.append(
                    f"{pack.path}:{line}: {rule.id}: pass example flagged: {text!r} "
                    f"(at {text[hits[0].start:hits[0].end]!r})"
                )
    return problems
