"""Run rules over documents: choose the rules a config enables, lint one text, lint many
files. No I/O formatting here: the CLI and the formatters consume the Diagnostics."""
from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from tlint import config as cfg
from tlint import suppressions, watchdog
from tlint.diagnostic import Diagnostic, Fix
from tlint.document import Document, parse
from tlint.gitignore import GitIgnore
from tlint.kinds.base import Rule
from tlint.packs import Pack, PackError, builtin_dir, builtin_names, load_pack, resolve
from tlint.sources import attempt, InputError, read


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    severity: dict = field(default_factory=dict, hash=False, compare=False)
    # every rule id of the packs in play (selected or not): what a suppression may name
    known: frozenset = frozenset()
    # whether select/ignore let `tlint.unused-suppression` through
    report_unused: bool = True
    # for findings that carry their own rule id (languagetool): ids, packs or globs
    ignore: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    # the Hyperscan gate over the pattern rules (tlint.gate), built when first worth it
    gate_state: dict = field(default_factory=dict, hash=False, compare=False)
    # per-file `ignore` -> _Plan: what every document of those files runs
    plans: dict = field(default_factory=dict, hash=False, compare=False)


def pack_files(config: cfg.Config) -> list[str]:
    """The pack files a config enables, in order, without repeats."""
    if config.packs is None:
        names = [p.stem for p in sorted(builtin_dir().glob("*.yaml"))]
        files = [resolve(n) for n in names]
        files = [f for f in files if load_pack(f).default]
    else:
        files = [resolve(p, config.root) for p in config.packs]
    files += [resolve(p, config.root) for p in config.extend_packs]
    return list(dict.fromkeys(files))


def _user_pack(path: str) -> bool:
    return Path(path).resolve().parent != builtin_dir().resolve()


@functools.lru_cache(maxsize=64)
def ruleset(config: cfg.Config) -> RuleSet:
    """Rules enabled by a config. Packs named by path (the user's own) have their examples
    run at load, so a pack whose examples misbehave is refused before it lints anything."""
    rules: list[Rule] = []
    selected_packs = {p.split(".")[0] for p in config.select}
    files = pack_files(config)
    # a non-default built-in pack (e.g. grammar) joins when selected by name
    for name in builtin_names():
        f = resolve(name)
        if name in selected_packs and f not in files:
            files.append(f)
    known = {suppressions.UNUSED_RULE}
    for name in builtin_names():
        known.update(r.id for r in load_pack(resolve(name)).rules)
    for f in files:
        # called as everywhere else for a built-in pack: lru_cache keys on the call's form,
        # and a second form would unpickle the pack a second time
        pack: Pack = load_pack(f, True) if _user_pack(f) else load_pack(f)
        known.update(r.id for r in pack.rules)
        for rule in pack.rules:
            if config.select and not cfg.matches(rule.id, config.select) and not _names_own_rule(rule, config.select):
                continue
            if config.ignore and cfg.matches(rule.id, config.ignore):
                continue
            rules.append(rule)
    unused = suppressions.UNUSED_RULE
    report_unused = ((not config.select or cfg.matches(unused, config.select))
                     and not cfg.matches(unused, config.ignore))
    return RuleSet(tuple(rules), dict(config.severity), frozenset(known), report_unused,
                   config.ignore, config.select)


def _names_own_rule(rule: Rule, select: tuple[str, ...]) -> bool:
    """`--select grammar.EN_A_VS_AN`: a kind that reports rules of its own (languagetool)
    runs when a selection names one of them; its findings are then filtered by id."""
    if not rule.reports_own_rules:
        return False
    pack = rule.id.split(".")[0] + "."
    return any(p.startswith(pack) for p in select)


def _level(rule_id: str, default: str, severity: dict) -> str:
    for pattern, level in severity.items():
        if cfg.matches(rule_id, (pattern,)):
            return level
    return default


def gate(rules: RuleSet, build: bool = True):
    """The rule set's gate (tlint.gate), or None: not built yet (and `build` is False),
    Hyperscan missing, or nothing to gate. Built once per rule set and process; a process
    that forks workers builds it first, so they share it."""
    state = rules.gate_state
    if "gate" not in state:
        if not build:
            return None
        from tlint import gate as gate_mod

        try:
            state["gate"] = gate_mod.Gate(rules.rules)
        except ImportError:
            state["gate"] = None
        if state["gate"] is not None and state["gate"].db is None:
            state["gate"] = None
    return state["gate"]


def lint_document(doc: Document, rules: RuleSet, ignore: tuple[str, ...] = ()) -> list[Diagnostic]:
    # one article (a hook run) is linted before the gate is built: loading Hyperscan and
    # its database costs more than gating saves on one file; from the second file on it pays
    state = rules.gate_state
    if "gate" not in state:
        seen = state.setdefault("paths", set())
        seen.add(doc.path)
        if len(seen) > 1:
            del state["paths"]
    # Hyperscan's scratch space is one per database: threads of a library user go ungated
    main = threading.current_thread() is threading.main_thread()
    doc.memo["gate"] = gate(rules, build="paths" not in state) if main else None
    with watchdog.guard() as run:
        return _lint_document(doc, rules, ignore, run)


class _Plan:
    """The rules a per-file `ignore` leaves, with their levels, worked out once per rule
    set and `ignore` rather than per document: with the gate, a document runs the rules it
    does not gate and the gated rules its pass flagged (a few of ~115), so the others cost
    nothing at all. The order rules run in does not matter: findings are sorted."""

    def __init__(self, rules: RuleSet, ignore: tuple[str, ...]):
        kept = [r for r in rules.rules if not (ignore and cfg.matches(r.id, ignore))]
        self.rules = [(r, _level(r.id, r.level, rules.severity)) for r in kept]
        self.enabled = frozenset(r.id for r in kept)
        self._split: tuple = (None, [], {})

    def for_document(self, doc: Document) -> list:
        gate = doc.memo.get("gate")
        if gate is None:
            return self.rules
        if self._split[0] is not gate:
            ungated = [(r, level) for r, level in self.rules if not gate.gates(r)]
            gated = {r: level for r, level in self.rules if gate.gates(r)}
            self._split = (gate, ungated, gated)
        _, ungated, gated = self._split
        return ungated + [(r, gated[r]) for r in gate.fired_rules(doc) if r in gated]


def _plan(rules: RuleSet, ignore: tuple[str, ...]) -> _Plan:
    plan = rules.plans.get(ignore)
    if plan is None:
        plan = rules.plans[ignore] = _Plan(rules, ignore)
    return plan


def _lint_document(doc, rules, ignore, run) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    plan = _plan(rules, ignore)
    enabled = plan.enabled
    for rule, level in plan.for_document(doc):
        if rule.only_candidates and not rule.may_fire(doc):
            continue
        try:
            found = run(rule.check, doc) if rule.guarded else list(rule.check(doc))
        except watchdog.RuleTimeout:
            out.append(_timeout(doc, rule, rules))
            continue
        for f in found:
            rule_id, f_level = rule.id, level
            if f.rule_id is not None:
                if cfg.matches(f.rule_id, rules.ignore + ignore):
                    continue
                if (rules.select and not cfg.matches(f.rule_id, rules.select)
                        and not cfg.matches(rule.id, rules.select)):
                    continue
                rule_id, f_level = f.rule_id, _level(f.rule_id, level, rules.severity)
            line, col = doc.position(f.start)
            end_line, end_col = doc.position(f.end)
            fix = None
            if f.replacement is not None:
                fs = f.start if f.fix_start is None else f.fix_start
                fe = f.end if f.fix_end is None else f.fix_end
                fix = Fix(f.replacement, rule.fix_safe, fs, fe, *doc.position(fs), *doc.position(fe))
            out.append(
                Diagnostic(doc.path, f.start, f.end, line, col, end_line, end_col,
                           rule_id, f_level, f.message, fix)
            )
    if doc.is_markdown:
        out = _apply_suppressions(doc, out, rules, enabled, ignore)
    out.sort(key=Diagnostic.sort_key)
    return _dedupe(out)


def _timeout(doc: Document, rule: Rule, rules: RuleSet) -> Diagnostic:
    """A rule stopped by the watchdog: said at the file's start, never silently dropped."""
    level = _level(watchdog.TIMEOUT_RULE, "error", rules.severity)
    message = (f"rule {rule.id} was stopped after {watchdog.RULE_SECONDS:g} s on this file "
               "(a pattern that backtracks without end?); its findings here are missing")
    return Diagnostic(doc.path, 0, 0, 1, 1, 1, 1, watchdog.TIMEOUT_RULE, level, message, None)


def _apply_suppressions(doc: Document, diags: list[Diagnostic], rules: RuleSet,
                        enabled: set[str], ignore: tuple[str, ...]) -> list[Diagnostic]:
    """Drop what `<!-- tlint-disable ... -->` comments silence; report stale comments."""
    kept, problems = suppressions.apply(doc.source, diags, enabled, set(rules.known))
    rule_id = suppressions.UNUSED_RULE
    if not rules.report_unused or (ignore and cfg.matches(rule_id, ignore)):
        return kept
    level = _level(rule_id, "info", rules.severity)
    for start, end, message in problems:
        kept.append(Diagnostic(doc.path, start, end, *doc.position(start), *doc.position(end),
                               rule_id, level, message, None))
    return kept


def _dedupe(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen = set()
    result = []
    for d in diags:
        key = (d.start, d.end, d.rule)
        if key not in seen:
            seen.add(key)
            result.append(d)
    return result


def per_file_ignores(path: str, config: cfg.Config) -> tuple[str, ...]:
    ignored: list[str] = []
    for glob, rules in config.per_file_ignores:
        if cfg.path_matches(path, (glob,), config.root):
            ignored.extend(rules)
    return tuple(ignored)


def lint_text(text: str, path: str = "<text>", config: cfg.Config | None = None) -> list[Diagnostic]:
    """Public API: lint a string as if it were the file `path` (its suffix picks Markdown).
    Without `config`, the built-in defaults apply (no config file is looked up)."""
    if config is None:
        config = cfg.Config()
    if text.startswith("\ufeff"):
        text = text[1:]
    doc = parse(text, path)
    return lint_document(doc, ruleset(config), per_file_ignores(path, config))


# ---------------------------------------------------------------- files


@dataclass
class FileResult:
    path: str
    diagnostics: list[Diagnostic] = field(default_factory=list)
    error: str | None = None       # one-line message when the file could not be linted
    skipped: str | None = None     # one-line note (empty file)


def discover(paths: Iterable[str], include: tuple[str, ...], exclude: tuple[str, ...],
             root: str | None = None, gitignore: GitIgnore | None = None,
             force_exclude: bool = False) -> Iterator[str | InputError]:
    """Files named directly are taken (unless `force_exclude` and they match `exclude` or
    .gitignore: pre-commit passes every changed file by name); folders are walked for
    `include` globs, skipping `exclude`, hidden folders and what .gitignore ignores.
    A missing path yields an InputError in its place so the rest still run."""
    gitignore = gitignore or GitIgnore()
    for p in paths:
        path = Path(p)
        if path.is_dir():
            for dirpath, dirnames, filenames in os.walk(path):
                dirnames[:] = sorted(
                    d for d in dirnames
                    if not d.startswith(".")
                    and not cfg.path_matches(os.path.join(dirpath, d), exclude, root)
                    and not gitignore.ignored(os.path.join(dirpath, d), is_dir=True)
                )
                for name in sorted(filenames):
                    full = os.path.join(dirpath, name)
                    if (cfg.path_matches(full, include, None)
                            and not cfg.path_matches(full, exclude, root)
                            and not gitignore.ignored(full)):
                        yield full
        elif path.exists():
            if force_exclude and (cfg.path_matches(p, exclude, root) or gitignore.ignored(p)):
                continue
            yield str(path)
        else:
            yield InputError(f"{p}: no such file or directory")


def effective_config(path: str, overrides: dict | None = None,
                     fixed: cfg.Config | None = None) -> cfg.Config:
    """The config for one file: `fixed` (from --config) or the one discovered above it,
    with command-line overrides on top."""
    base = fixed if fixed is not None else cfg.config_for(path)
    return base.with_overrides(**(overrides or {}))


def lint_file(path: str, overrides: dict | None = None, fixed: cfg.Config | None = None) -> FileResult:
    config = effective_config(path, overrides, fixed)
    src, failure = attempt(read, path)
    if src is None:
        return FileResult(path, **failure)
    return lint_source(src, config)


def lint_source(src, config: cfg.Config) -> FileResult:
    """Lint a file already read (a `sources.Source`) under its effective config."""
    doc = parse(src.text, src.path)
    doc.bom = src.bom
    return FileResult(src.path, lint_document(doc, ruleset(config), per_file_ignores(src.path, config)))


def discover_files(paths: Iterable[str], overrides: dict | None = None,
                   fixed: cfg.Config | None = None, force_exclude: bool = False) -> list[str | FileResult]:
    """The files `lint_paths` would lint, in order; an unreadable path is a FileResult
    carrying its error. Separate so the CLI can size a progress bar first."""
    items: list[str | FileResult] = []
    gitignore = GitIgnore()
    for p in paths:
        anchor = str(Path(p) / "x") if Path(p).is_dir() else p
        base = effective_config(anchor, overrides, fixed)
        for item in discover([p], base.include, base.exclude, base.root, gitignore, force_exclude):
            items.append(FileResult(p, error=str(item)) if isinstance(item, InputError) else item)
    return items


def lint_paths(paths: Iterable[str], overrides: dict | None = None,
               fixed: cfg.Config | None = None, force_exclude: bool = False) -> list[FileResult]:
    """Public API: lint files and folders. Config is found per file (or `fixed` for all);
    `overrides` (select, ignore, ...) apply on top of it."""
    return [item if isinstance(item, FileResult) else lint_file(item, overrides, fixed)
            for item in discover_files(paths, overrides, fixed, force_exclude)]


def enabled_rules(paths: Iterable[str], overrides: dict | None = None,
                  fixed: cfg.Config | None = None) -> dict[str, Rule]:
    """Rule id -> Rule for every rule enabled for these files (metadata for SARIF)."""
    rules: dict[str, Rule] = {}
    for p in dict.fromkeys(paths):
        for rule in ruleset(effective_config(p, overrides, fixed)).rules:
            rules.setdefault(rule.id, rule)
    return rules


__all__ = ["lint_text", "lint_paths", "lint_file", "discover_files", "enabled_rules", "lint_document", "ruleset", "FileResult",
           "PackError"]
