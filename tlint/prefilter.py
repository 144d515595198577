"""A cheap test that lets a pattern rule skip a block it cannot match.

Most pattern rules need some text most blocks lack: `(?<=\\p{L})\\h+-(?=\\p{L})` needs a
hyphen, `,(?:\\s*,)+` a comma, a chrome rule one of its words ("share", "subscribe"), a
credit rule a parenthesis and an agency name. `requirement` derives, from the pattern's own
syntax tree (the `regex` module's parser, so the derivation follows exactly the syntax the
rule is compiled with), up to two sets of strings such that every match needs one string of
each set somewhere in the block (inside the match or in a positive lookaround). Substring
tests (`str.__contains__`, memchr-fast) then reject most blocks many times faster than
starting the regex on them: ripgrep's literal extraction, in miniature.

Sound by construction, and conservative: whatever the walk does not understand (a property
such as \\p{L}, a negated class, an optional part) requires nothing, never something wrong.
Letters under IGNORECASE are compared case-folded (`str.casefold`, which maps every
character whose simple case fold is an ASCII letter, such as the Kelvin sign, to that
letter); non-ASCII letters under IGNORECASE require nothing. Any error in the derivation
means "no prefilter".
"""
from __future__ import annotations

import re
from typing import Callable

# A set of alternatives larger than this is not worth testing.
MAX_ALTERNATIVES = 256
MAX_STRINGS = 6  # more strings than this cost more to test than the regex does
# How many independent requirements a test checks (each one must hold).
MAX_NEEDS = 2

# An alternative: (text, folded). A folded one is looked for in the block's casefold().
Alt = tuple[str, bool]
Need = frozenset  # of Alt: one of them must occur


def requirement(pattern: str, flags: int = 0) -> tuple[Need, ...] | None:
    """Sets of strings such that every match needs one string of each, or None."""
    try:
        needs = _needs(_parse(pattern, flags))
    except Exception:  # the parser is the regex module's internals: never let it break a run
        return None
    useful = sorted((n for n in needs if _worth_testing(n)), key=_score)
    picked: list[Need] = []
    for need in useful:
        if need not in picked:
            picked.append(need)
        if len(picked) == MAX_NEEDS:
            break
    return tuple(picked) or None


def _worth_testing(need: Need) -> bool:
    if not need or _score(need) >= 1.0:
        return False
    strings = sum(1 for text, folded in need if folded or len(text) > 1)
    return len(need) <= MAX_ALTERNATIVES and strings <= MAX_STRINGS


def block_test(needs: tuple[Need, ...] | frozenset | None) -> Callable[..., bool] | None:
    """A function (text, memo=None) -> could the pattern match there; None when every text
    could. `memo` (a block's memo dict) keeps the block's casefold() for the next rule."""
    if needs is None:
        return None
    if isinstance(needs, frozenset):  # a plain character set
        needs = (frozenset((c, False) for c in needs),)
    return _BlockTest(tuple(_compile_need(n) for n in needs))


def _compile_need(need: Need):
    plain = tuple(sorted(t for t, folded in need if not folded))
    folded = tuple(sorted(t for t, f in need if f))
    if len(plain) > 4 and all(len(t) == 1 for t in plain):
        # many single characters: one character-class search beats many `in` tests
        plain = re.compile("[" + "".join(re.escape(c) for c in plain) + "]")
    return plain, folded


class _BlockTest:
    """Does a text hold one string of every need (a class, not a lambda, so packs pickle)."""

    __slots__ = ("needs",)

    def __init__(self, needs):
        self.needs = needs

    def __call__(self, text: str, memo: dict | None = None) -> bool:
        for plain, folded in self.needs:
            if type(plain) is tuple:
                found = any(t in text for t in plain)
            else:
                found = plain.search(text) is not None
            if not found and folded:
                low = memo.get("casefold") if memo is not None else None
                if low is None:
                    low = text.casefold()
                    if memo is not None:
                        memo["casefold"] = low
                found = any(t in low for t in folded)
            if not found:
                return False
        return True

    def __getstate__(self):
        return self.needs

    def __setstate__(self, needs):
        self.needs = needs


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


def _alt_char(c: str, node) -> Alt | None:
    """One character as an alternative: itself, or case-folded under IGNORECASE."""
    if c.lower() == c.upper():  # uncased: case flags change nothing
        return (c, False)
    if not _ignorecase(node):
        return (c, False)
    if c.isascii():
        return (c.casefold(), True)
    return None  # a non-ASCII letter under IGNORECASE: its case partners are not worth it


def _needs(node) -> list[Need]:
    """Requirements (all must hold) of a syntax-tree node; [] when it requires nothing known."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Character:
        if not node.positive or node.zerowidth:
            return []
        alt = _alt_char(chr(node.value), node)
        return [frozenset([alt])] if alt else []
    if kind in (core.String, core.Literal):
        return _string_needs([(chr(c), node) for c in node.characters])
    if kind is core.SetUnion:
        if not node.positive or node.zerowidth:
            return []
        alts: set[Alt] = set()
        for item in node.items:
            if type(item) is core.Character and item.positive:
                codes = [item.value]
            elif type(item) is core.Range and item.positive and item.upper - item.lower < MAX_ALTERNATIVES:
                codes = range(item.lower, item.upper + 1)
            else:
                return []
            for code in codes:
                alt = _alt_char(chr(code), node)
                if alt is None:
                    return []
                alts.add(alt)
        return [frozenset(alts)] if alts else []
    if kind is core.Sequence:
        out: list[Need] = []
        run: list = []  # consecutive literal characters make one string
        for item in node.items:
            if type(item) is core.Character and item.positive and not item.zerowidth:
                run.append((chr(item.value), item))
                continue
            out += _string_needs(run)
            run = []
            out += _needs(item)
        return out + _string_needs(run)
    if kind is core.Branch:
        alts = set()
        for branch in node.branches:
            needs = _needs(branch)
            if not needs:
                return []
            alts |= min(needs, key=_score)
        return [frozenset(alts)]
    if kind in (core.Group, core.Atomic):
        return _needs(node.subpattern)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _needs(node.subpattern) if node.min_count >= 1 else []
    if kind is core.LookAround:
        # a positive lookaround's text is in the block too; a negative one requires nothing
        return _needs(node.subpattern) if node.positive else []
    return []


def _string_needs(chars: list) -> list[Need]:
    """A run of literal characters -> its longest stretch without a character that cannot be
    an alternative, as one required string. If any letter in it is compared folded the whole
    string is: text containing a string also contains it after casefold(), so this stays sound."""
    stretches: list[list[Alt]] = [[]]
    for c, node in chars:
        alt = _alt_char(c, node)
        if alt is None:
            stretches.append([])
        else:
            stretches[-1].append(alt)
    best = max(stretches, key=len)
    if not best:
        return []
    folded = any(f for _, f in best)
    text = "".join(t for t, _ in best)
    return [frozenset([(text.casefold() if folded else text, folded)])]


def _score(need: Need) -> float:
    """Roughly how likely a block is to hold one of the alternatives (lower is better):
    a space or a letter is in every block, punctuation in some, a word in few."""
    total = 0.0
    for text, _ in need:
        if len(text) == 1:
            total += 1.0 if (text.isalnum() or text.isspace()) else 0.3
        else:
            total += 0.5 ** (len(text.strip()) or 0)
    return total
