"""Inline suppressions in Markdown, as HTML comments (invisible when the article renders):

    <!-- tlint-disable credits.leaked-credit punctuation -->  ... <!-- tlint-enable -->
    <!-- tlint-disable-next-line credits -->

No rule named means every rule. Rules are ids, pack names or globs, as in `ignore`.
`disable` runs from the end of the comment to the next `enable` naming the same rule (or
naming none), or to the end of the file; `disable-next-line` covers the next line that is
not blank. Only real HTML comments count: the comments are found through the Markdown parser's
HTML blocks and inline HTML, so one shown inside code (fenced or inline) is ignored.

A rule in a suppression that matches no known rule, or that silenced nothing, is reported
as `tlint.unused-suppression` (info), like ruff's RUF100, so stale comments do not pile up.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from tlint import rx  # module-level patterns load precompiled (tlint.rx)

from tlint import config as cfg

UNUSED_RULE = "tlint.unused-suppression"
UNUSED_DESCRIPTION = ("A tlint-disable comment names a rule that does not exist or that "
                      "silenced nothing: remove it or fix the rule id.")

_DIRECTIVE_RE = rx.compile(
    r"<!--\s*tlint-(?P<verb>disable-next-line|disable|enable)(?=[\s-])(?P<rules>.*?)-->",
    regex.DOTALL,
)
_RULE_RE = rx.compile(r"[^\s,]+")


@dataclass
class Directive:
    verb: str
    start: int                     # source span of the whole comment
    end: int
    rules: list[tuple[str, int, int]]   # (pattern, start, end) in the source
    used: dict[str | None, int] = field(default_factory=dict)


def _comment_lines(source: str) -> set[int]:
    """0-based lines holding real HTML comments (not code): tlint.document.html_lines."""
    from tlint.document import html_lines

    return html_lines(source)


def find_directives(source: str) -> list[Directive]:
    """The tlint comments of a Markdown source, in order."""
    if "tlint-" not in source:
        return []
    allowed = _comment_lines(source)
    from tlint.document import line_starts as _line_starts

    line_starts = _line_starts(source)
    out = []
    for m in _DIRECTIVE_RE.finditer(source):
        line = bisect.bisect_right(line_starts, m.start()) - 1
        if line not in allowed:
            continue
        base = m.start("rules")
        rules = [(r.group(), base + r.start(), base + r.end()) for r in _RULE_RE.finditer(m.group("rules"))]
        out.append(Directive(m.group("verb"), m.start(), m.end(), rules))
    return out


def _next_line_span(source: str, offset: int) -> tuple[int, int]:
    """Source span of the first non-blank line after the line holding `offset`."""
    pos = source.find("\n", offset)
    while pos != -1:
        start = pos + 1
        end = source.find("\n", start)
        end = len(source) if end == -1 else end
        if source[start:end].strip():
            return start, end
        pos = end if end < len(source) else -1
    return len(source), len(source)


@dataclass
class _Region:
    directive: Directive
    pattern: str | None   # None: every rule
    start: int
    end: int


def _regions(directives: list[Directive], source: str) -> list[_Region]:
    regions: list[_Region] = []
    open_: list[_Region] = []
    for d in directives:
        patterns = [p for p, _, _ in d.rules] or [None]
        if d.verb == "disable-next-line":
            s, e = _next_line_span(source, d.end)
            regions.extend(_Region(d, p, s, e) for p in patterns)
        elif d.verb == "disable":
            for p in patterns:
                region = _Region(d, p, d.end, len(source))
                regions.append(region)
                open_.append(region)
        else:  # enable
            for region in list(open_):
                if d.rules == [] or region.pattern in patterns:
                    region.end = d.start
                    open_.remove(region)
    return regions


def apply(source: str, diagnostics: list, enabled: set[str], known: set[str]):
    """Split diagnostics into (kept, problems): `kept` are the ones no suppression covers;
    `problems` are (directive start, end, message) for suppressions that name an unknown
    rule or silenced nothing."""
    directives = find_directives(source)
    if not directives:
        return diagnostics, []
    regions = _regions(directives, source)
    kept = []
    for diag in diagnostics:
        hit = False
        for region in regions:
            if region.start <= diag.start < region.end and (
                region.pattern is None or cfg.matches(diag.rule, (region.pattern,))
            ):
                region.directive.used[region.pattern] = region.directive.used.get(region.pattern, 0) + 1
                hit = True
        if not hit:
            kept.append(diag)
    problems = []
    for d in directives:
        for pattern, start, end in d.rules:
            if not any(cfg.matches(rule_id, (pattern,)) for rule_id in known):
                problems.append((start, end, f"Unknown rule '{pattern}' in tlint-{d.verb}"))
            elif (d.verb != "enable" and not d.used.get(pattern)
                  and any(cfg.matches(rule_id, (pattern,)) for rule_id in enabled)):
                problems.append((start, end, f"Unused suppression: '{pattern}' silenced nothing here"))
        if not d.rules and d.verb != "enable" and not d.used.get(None):
            problems.append((d.start, d.end, f"Unused tlint-{d.verb}: no finding to silence here"))
    return kept, problems
