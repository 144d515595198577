"""A cheap test that lets a pattern rule skip a block it cannot match.

Most pattern rules need a character most blocks lack: `(?<=\\p{L})\\h+-(?=\\p{L})` needs a
hyphen, `,(?:\\s*,)+` a comma, a credit rule a parenthesis. `required_chars` derives, from the
pattern's own syntax tree (the `regex` module's parser, so the derivation follows exactly the
syntax the rule is compiled with), a set of characters of which every match needs one
somewhere in the block (inside the match or in a positive lookaround). `str.__contains__`
then rejects most blocks many times faster than starting the regex on them.

Sound by construction, and conservative: whatever the walk does not understand (a property
such as \\p{L}, a case-insensitive letter, a negated class, an optional part) yields None,
meaning "no prefilter", never a wrong one. Any error in the derivation also yields None.
"""
from __future__ import annotations

import re
from typing import Callable

# A requirement larger than this is not worth testing (a class search is fast up to here).
MAX_CHARS = 256


def required_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Characters one of which every match of `pattern` needs in the searched text, or None."""
    try:
        tree = _parse(pattern, flags)
        found = _req(tree)
    except Exception:  # the parser is the regex module's internals: never let it break a run
        return None
    if not found or len(found) > MAX_CHARS:
        return None
    return frozenset(found)


def block_test(chars: frozenset[str] | None) -> Callable[[str], bool] | None:
    """A function text -> could the pattern match there; None when every text could."""
    if chars is None:
        return None
    if len(chars) <= 4:  # a few `in` tests beat a character-class search
        return _AnyOf(tuple(sorted(chars)))
    return re.compile("[" + "".join(re.escape(c) for c in sorted(chars)) + "]").search


class _AnyOf:
    """text -> does it contain one of `chars` (a class, not a lambda, so packs pickle)."""

    __slots__ = ("chars",)

    def __init__(self, chars: tuple[str, ...]):
        self.chars = chars

    def __call__(self, text: str) -> bool:
        for c in self.chars:
            if c in text:
                return True
        return False

    def __getstate__(self):
        return self.chars

    def __setstate__(self, chars):
        self.chars = chars


def _parse(pattern: str, flags: int):
    from regex import _regex_core as core

    global_flags = flags
    while True:
        source = core.Source(pattern)
        info = core.Info(global_flags, source.char_type, {})
        info.guess_encoding = core.UNICODE
        source.ignore_space = bool(info.flags & core.VERBOSE)
        try:
            return _parse_with(core, source, info)
        except core._UnscopedFlagSet:
            global_flags = info.global_flags  # (?i) at the start applies to the whole pattern


def _parse_with(core, source, info):
    tree = core._parse_pattern(source, info)
    if not source.at_end():
        raise ValueError("unbalanced parenthesis")
    return tree


def _ignorecase(node) -> bool:
    from regex import _regex_core as core

    return bool(getattr(node, "case_flags", 0) & core.IGNORECASE)


def _chars_ok(chars: set[str], node) -> set[str] | None:
    """Under IGNORECASE a letter also matches its other cases: give up on letters then."""
    if _ignorecase(node) and any(c.lower() != c.upper() or not c.isascii() for c in chars):
        return None
    return chars


def _req(node) -> set[str] | None:
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Character:
        if not node.positive or node.zerowidth:
            return None
        return _chars_ok({chr(node.value)}, node)
    if kind in (core.String, core.Literal):
        for code in node.characters:  # every character is needed: pick one that is safe
            c = chr(code)
            if not (_ignorecase(node) and (c.lower() != c.upper() or not c.isascii())):
                return {c}
        return None
    if kind is core.SetUnion:
        if not node.positive or node.zerowidth:
            return None
        out: set[str] = set()
        for item in node.items:
            if type(item) is core.Character and item.positive:
                out.add(chr(item.value))
            elif type(item) is core.Range and item.positive and item.upper - item.lower < MAX_CHARS:
                out.update(chr(v) for v in range(item.lower, item.upper + 1))
            else:
                return None
        return _chars_ok(out, node) if out else None
    if kind is core.Sequence:
        best = None
        for item in node.items:
            r = _req(item)
            if r is not None and (best is None or _cost(r) < _cost(best)):
                best = r
        return best
    if kind is core.Branch:
        out = set()
        for branch in node.branches:
            r = _req(branch)
            if r is None:
                return None
            out |= r
        return out
    if kind in (core.Group, core.Atomic):
        return _req(node.subpattern)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _req(node.subpattern) if node.min_count >= 1 else None
    if kind is core.LookAround:
        # a positive lookaround's text is in the block too; a negative one requires nothing
        return _req(node.subpattern) if node.positive else None
    return None


def _cost(chars: set[str]) -> tuple[int, int]:
    """Prefer few characters, and rare ones: punctuation over letters and spaces."""
    common = sum(1 for c in chars if c.isalnum() or c.isspace())
    return (common > 0, len(chars) + 4 * common)
