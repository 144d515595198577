"""One Hyperscan pass per article says which pattern rules could match in each block.

Seventy-odd pattern rules each scan every block with the `regex` module: most of the
cost of a run, though most blocks match none of them. Hyperscan (Intel's multi-pattern
matcher, the engine behind Snort and Suricata) scans an article for all of them at once.
It cannot run tlint's patterns as they are (lookarounds, Unicode properties, backrefs),
so each rule gets an *approximation* that matches wherever the rule could: built from the
rule's own syntax tree (the `regex` module's parser) over UTF-8 bytes:

- an ASCII character stays itself (under IGNORECASE both cases, and the non-ASCII
  letters the regex module folds to it: the Kelvin sign for k, ſ for s, İ and ı for i;
  full case folding, where ß matches ss, leaves the rule ungated);
- a class (\\p{L}, \\w, [^,]) becomes its ASCII members, plus "some non-ASCII bytes"
  whenever it could match a non-ASCII character;
- the article is scanned with each block between the bytes \\xff and \\xfe, which UTF-8
  never holds and no class matches (so no match runs from one block into the next): the
  block's anchors are those bytes, \\A as \\xff, \\z as \\xfe, ^ as \\xff or a line start,
  `$` and `\\Z` as the newline or end they stand before; a start anchor counts only where
  nothing of the approximation is before it, an end anchor where nothing is after it;
  word boundaries and \\K become nothing; a backreference, anything;
- a lookbehind that opens the pattern is matched as a prefix, a lookahead that closes it
  as a suffix (`(?<=\\d)\\.(?=\\p{Lu})` as `\\d\\.\\p{Lu}`: the text around the match is in
  the block too); other lookarounds become nothing, and a positive one of them that every
  match (of one alternative) passes through is scanned for on its own, the rule flagged
  only where the block holds both; a lookbehind after all the match consumes is scanned
  for as its body (and what follows it), which must end where the match does
  (`alternatives`);
- a repeat of more than MAX_REPEAT keeps its lower bound only (far faster to compile), and
  one at the approximation's start or end its fewest rounds (only whether the block holds
  a match counts: `\\d{1,3}%` as `\\d%`).

Every match of the rule is then inside a match of its approximation (a superset), so a
block the pass does not flag for a rule cannot hold that rule's match, and the exact
`regex` pattern runs only on the blocks flagged. Every match of an approximation is
reported, its end saying the block it lies in. A construct the walk does not know leaves
the rule ungated (it runs everywhere), never wrongly skipped. The compiled database is
cached (tlint.cachefile). Hyperscan is optional: where its wheel is missing (it ships for
x86-64 Linux and macOS), every rule simply runs on every block.
"""
from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from itertools import accumulate
from pathlib import Path

from tlint.cachefile import blake2b

from tlint.document import Block
from tlint.prefilter import _parse

MAX_REPEAT = 8
CONJUNCT_MIN_WIDTH = 3
MAX_LISTED = 128  # non-ASCII characters of a set spelled out in bytes
# An article is scanned whole, each block between two bytes UTF-8 never holds:
# \xff block \xfe \xff block \xfe ... The block's anchors are those bytes (\A is \xff, \z is
# \xfe) and nothing else matches them, so no match spans two blocks.
_START = r"\xff"
_END = r"\xfe"
_NON_ASCII = r"[\x80-\xfd]+"
_ANY = r"[\x00-\xfd]"
# The non-ASCII characters an ASCII letter matches under IGNORECASE, as the regex module
# folds case (tests/test_gate.py holds this to it): the Kelvin sign, the long s, and the
# dotted capital I and dotless small i (each partner of one case of i: both, to be safe)
_CASE_PARTNERS = {"k": "\u212a", "s": "\u017f", "i": "\u0130\u0131"}


class Unsupported(Exception):
    pass


def approximate(pattern: str, flags: int = 0) -> str | None:
    """A Hyperscan pattern over UTF-8 bytes matching wherever `pattern` can, or None."""
    try:
        out = _emit(_parse(pattern, flags), True, True)
    except Unsupported:
        return None
    except Exception:  # the parser is the regex module's internals: never break a run
        return None
    return out or None


def alternatives(pattern: str, flags: int = 0) -> list[tuple[str, list[str], list[str]]] | None:
    """The rule's approximation as alternatives (main, same_end, conjuncts), or None: the
    rule could match in a block only where, for one alternative, the block holds a match
    of `main` that ends where a match of each `same_end` expression does, and a match of
    each conjunct. One alternative, unless some branch of the pattern's top-level
    alternation has conjuncts or same-end expressions of its own (a lookaround inside an
    alternative is not every match's).

    A lookbehind after what the match consumes (`\\h+"(?<=^(?:[^"]*"[^"]*")+)`: a quote
    that closes) ends where the match does: its body, followed by the assertions after
    it, is a same-end expression (`^(?:[^"]*"[^"]*")+` ending where `\\h+"` does)."""
    from regex import _regex_core as core

    try:
        tree = _parse(pattern, flags)
        if type(tree) is core.Branch:
            alts = [_alternative(branch) for branch in tree.branches]
            if any(same or conj for _, same, conj in alts):
                return alts
        return [_alternative(tree)]
    except Exception:  # (Unsupported too): ungated
        return None


def _alternative(node) -> tuple[str, list[str], list[str]]:
    """(main, same_end, conjuncts) of `node`, the pattern or a branch of it. The conjuncts
    are the bodies of the positive lookarounds every match passes (`(?=[.!?] Reuters$)` of
    a rule that then matches any capital), but for those matched as the main part's
    prefix or suffix or taken as same-end parts, those inside an alternative or a repeat
    (not every match's), those shorter than CONJUNCT_MIN_WIDTH characters (`(?=\\d)`,
    `(?=[^\\n]*$)`: in nearly every block, they cost a scan and skip nothing) and those
    that say only how long the text is (`(?=.{240})`, `(?=[^\\n]{3,100}$)`)."""
    from regex import _regex_core as core

    items = node.items if type(node) is core.Sequence else [node]
    consumed_at = [i for i, item in enumerate(items) if not _zero_width(item)]
    same_end, used = [], set()
    if consumed_at:
        after = items[consumed_at[-1] + 1:]  # assertions only
        for behind in after:
            if not (type(behind) is core.LookAround and behind.positive and behind.behind):
                continue
            body = behind.subpattern.items if type(behind.subpattern) is core.Sequence else [behind.subpattern]
            if body and not _zero_width(body[-1]):
                # (ending on what it consumes: its own assertions do not take the end)
                rest = [x for x in after if x is not behind]
                same_end.append(_emit(core.Sequence(list(body) + rest), True, True, None, True))
                used.add(id(behind))
    consumed: set = set(used)
    main = _emit(node, True, True, consumed, bool(same_end))
    if not main:
        raise Unsupported("nothing to match")
    found: list = []
    _must_lookarounds(node, found)
    # (a body stands alone: its own lookbehind is its prefix, its lookahead its suffix)
    conj = [_emit(n.subpattern, True, True) for n in found
            if id(n) not in consumed and _min_width(n.subpattern) >= CONJUNCT_MIN_WIDTH
            and not _length_only(n.subpattern)]
    same_end = [x for x in dict.fromkeys(same_end) if x and x != main]
    conj = [x for x in dict.fromkeys(conj) if x and x != main and x not in same_end]
    return main, same_end, conj


def _min_width(node) -> int:
    """The fewest characters `node` matches (0 for what the walk does not know)."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Character or kind in (core.Property, core.Range, core.SetUnion, core.SetInter,
                                          core.SetDiff, core.SetSymDiff, core.Any, core.AnyAll, core.AnyU):
        return 0 if getattr(node, "zerowidth", False) else 1
    if kind in (core.String, core.Literal):
        return len(node.characters)
    if kind is core.Sequence:
        return sum(map(_min_width, node.items))
    if kind is core.Branch:
        return min(map(_min_width, node.branches))
    if kind in (core.Group, core.Atomic):
        return _min_width(node.subpattern)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return node.min_count * _min_width(node.subpattern)
    return 0


def _length_only(node) -> bool:
    """`node` matches any text long enough: any characters (`.`, `[^\\n]`), repeated, and
    assertions."""
    from regex import _regex_core as core

    kind = type(node)
    if kind in (core.Any, core.AnyAll, core.AnyU) or (_zero_width(node) and kind is not core.LookAround):
        return True
    if kind is core.Character:
        return not node.positive
    if kind is core.Sequence:
        return all(map(_length_only, node.items))
    if kind in (core.Group, core.Atomic, core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _length_only(node.subpattern)
    return False


def _must_lookarounds(node, found: list) -> None:
    """The positive lookarounds that every match of `node` passes through."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.LookAround:
        if node.positive:
            found.append(node)
            _must_lookarounds(node.subpattern, found)
    elif kind is core.Sequence:
        for item in node.items:
            _must_lookarounds(item, found)
    elif kind in (core.Group, core.Atomic):
        _must_lookarounds(node.subpattern, found)
    elif kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat) and node.min_count >= 1:
        _must_lookarounds(node.subpattern, found)


def _byte(b: int) -> str:
    c = chr(b)
    return c if c.isalnum() and b < 128 else f"\\x{b:02x}"


def _class(members: set[int], non_ascii: bool, ignorecase: bool = False) -> str:
    """The bytes of `members` (ASCII), and of the non-ASCII characters they match under
    IGNORECASE (`k` also matches the Kelvin sign), or else any non-ASCII character."""
    parts = []
    if members:
        parts.append("[" + "".join(_byte(b) for b in sorted(members)) + "]")
    if non_ascii:
        parts.append(_NON_ASCII)
    elif ignorecase:
        partners = "".join(_CASE_PARTNERS.get(chr(b), "") for b in sorted(members))
        parts += ["".join(_byte(b) for b in c.encode("utf-8")) for c in dict.fromkeys(partners)]
    if not parts:
        raise Unsupported("matches nothing")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _ignorecase(node) -> bool:
    from regex import _regex_core as core

    flags = getattr(node, "case_flags", 0)
    if flags & core.IGNORECASE and flags & core.FULLCASE:
        # full case folding: one character may match several (ß and ss, ﬁ and fi)
        raise Unsupported("FULLCASE")
    return bool(flags & core.IGNORECASE)


def _char(code: int, node) -> str:
    ign = _ignorecase(node)
    if code < 128:
        c = chr(code)
        members = {code, ord(c.swapcase())} if ign and c.isalpha() else {code}
        return _class(members, False, ign)
    if ign:
        return _NON_ASCII  # its other cases are other bytes
    return "".join(_byte(b) for b in chr(code).encode("utf-8"))


def _set(node) -> str:
    from regex import _regex_core as core

    ign = _ignorecase(node)
    members = set()
    for b in range(128):
        c = chr(b)
        if node.matches(b) or (ign and c.isalpha() and node.matches(ord(c.swapcase()))):
            members.add(b)
    non_ascii = not _ascii_only(node)
    listed = None if ign or not non_ascii else _non_ascii_members(node)
    if listed:
        # `[“”]`, `[\u200B\u2060]`: those characters' own bytes, not any non-ASCII one
        spelled = ["".join(_byte(b) for b in chr(c).encode("utf-8")) for c in listed]
        return "(?:" + "|".join(([_class(members, False)] if members else []) + spelled) + ")"
    return _class(members, non_ascii, ign)


def _non_ascii_members(node) -> list[int] | None:
    """The non-ASCII characters of a set that lists them (`[“”«»]`, `[\u200B-\u200D]`), or
    None: a property, a negation or more than MAX_LISTED of them."""
    from regex import _regex_core as core

    items = node.items if type(node) is core.SetUnion else [node]
    if not node.positive:
        return None
    out: list[int] = []
    for item in items:
        if type(item) is core.Character and item.positive:
            codes = [item.value]
        elif type(item) is core.Range and item.positive and item.upper - item.lower < MAX_LISTED:
            codes = range(item.lower, item.upper + 1)
        else:
            return None
        out += [c for c in codes if c >= 128]
    return out if len(out) <= MAX_LISTED else None


def _ascii_only(node) -> bool:
    """The set matches ASCII characters only (case aside): a union of ASCII members, or an
    intersection with one (`[\\p{Uppercase}&&[Tt]]`, V1 syntax); unknown nodes: False."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Character:
        return node.positive and node.value < 128
    if kind is core.Range:
        return node.positive and node.upper < 128
    if kind is core.SetUnion:
        return node.positive and all(map(_ascii_only, node.items))
    if kind is core.SetInter:
        return node.positive and any(map(_ascii_only, node.items))
    return False


def _emit(node, start: bool = False, end: bool = False, consumed: set | None = None,
          exact: bool = False) -> str:
    """`node`'s approximation. `start`: nothing of the match (nor of the approximation)
    lies before the node, so a lookbehind opening it may be matched as a prefix, a start
    anchor is the block's start and a repeat needs its fewest rounds only; `end`: nothing
    after it, so a lookahead closing it may be matched as a suffix (`consumed` collects
    the ids of the lookarounds so matched), and likewise for end anchors and repeats,
    unless `exact`: the approximation must end where the match does (a repeat keeps all
    its rounds)."""
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.LookAround and node.positive and (start if node.behind else end):
        return _lookaround_body(node, consumed)
    if kind is core.Character:
        if node.zerowidth:
            return ""
        if not node.positive:
            if node.value < 128 and not _ignorecase(node):
                # `[^)]`, `[^\n]`: every byte but that one, or a non-ASCII character
                return _class(set(range(128)) - {node.value}, True)
            return "(?:" + _ANY + "|" + _NON_ASCII + ")"
        return _char(node.value, node)
    if kind in (core.String, core.Literal):
        return "".join(_char(c, node) for c in node.characters)
    if kind in (core.Property, core.Range, core.SetUnion, core.SetInter, core.SetDiff, core.SetSymDiff):
        if getattr(node, "zerowidth", False):
            return ""
        return _set(node)
    if kind is core.Any:
        return r"(?:[\x00-\x09\x0b-\x7f]|" + _NON_ASCII + ")"
    if kind in (core.AnyAll, core.AnyU):
        return "(?:" + _ANY + ")"
    if kind is core.Sequence:
        return _sequence(node.items, start, end, consumed, exact)
    if kind is core.Branch:
        return "(?:" + "|".join(_emit(b, start, end, consumed, exact) for b in node.branches) + ")"
    if kind in (core.Group, core.Atomic):
        return "(?:" + _emit(node.subpattern, start, end, consumed, exact) + ")"
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        # (a lookbehind opening the repeated part holds before each round, not as a prefix)
        sub = _emit(node.subpattern, False, False, consumed)
        if not sub:
            return ""
        lo = min(node.min_count, MAX_REPEAT)
        hi = node.max_count
        if start or (end and not exact):
            # at the approximation's edge only whether a match exists counts, and a longer
            # match holds a shorter one: the fewest rounds (`\d{1,3}$` as `\d$`), so each
            # match is reported once, not at every round it could stop at
            hi = lo
            if lo == 0:
                return ""
        if hi is None or hi > MAX_REPEAT:
            bounds = "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
        else:
            bounds = f"{{{lo},{hi}}}"
        return f"(?:{sub}){bounds}"
    if kind in (core.LookAround, core.LookAroundConditional, core.Keep, core.SearchAnchor):
        return ""
    # the anchors are the bytes around the block (and ^ is also the article's or a line's
    # start: every expression is compiled MULTILINE), so they stand where nothing of the
    # approximation is before (start anchors) or after them (end anchors; `$` and `\Z` as
    # the newline or end they stand before); elsewhere they are nothing (`^\A` would ask
    # for two \xff, `x\n^y` is x\ny)
    if kind is core.StartOfLine:
        return "(?:^|" + _START + ")" if start else ""
    if kind is core.StartOfString:
        return _START if start else ""
    if kind is core.EndOfLine:
        return r"(?:\n|" + _END + ")" if end else ""
    if kind is core.EndOfStringLine:
        return r"\n?" + _END if end else ""
    if kind is core.EndOfString:
        return _END if end else ""
    # word boundaries depend on what counts as a letter, which bytes cannot tell: dropped
    if kind in (core.Boundary, core.DefaultBoundary, core.DefaultStartOfWord, core.DefaultEndOfWord,
                core.StartOfWord, core.EndOfWord, core.StartOfLineU, core.EndOfLineU,
                core.EndOfStringLineU):
        return ""
    if kind is core.RefGroup:
        return _ANY + "*"
    raise Unsupported(kind.__name__)


def _lookaround_body(node, consumed: set | None) -> str:
    """A lookaround's body, matched as the prefix (lookbehind) or suffix (lookahead) of
    what it looks from: a nested lookbehind opening a lookbehind's body is a prefix of it."""
    if consumed is not None:
        consumed.add(id(node))
    return "(?:" + _emit(node.subpattern, node.behind, not node.behind, consumed) + ")"


def _zero_width(node) -> bool:
    """An assertion at one position (a lookaround, an anchor, a boundary, \\K)."""
    from regex import _regex_core as core

    return type(node) in _zero_width_kinds(core) or bool(getattr(node, "zerowidth", False))


def _silent(node) -> bool:
    """An assertion whose approximation is nothing (where it is not a prefix or suffix):
    a lookaround, a boundary, \\K. (Anchors are kept.)"""
    from regex import _regex_core as core

    return _zero_width(node) and type(node) not in (
        core.StartOfLine, core.EndOfLine, core.StartOfString, core.EndOfStringLine, core.EndOfString)


def _zero_width_kinds(core) -> frozenset:
    return frozenset((
        core.LookAround, core.Keep, core.SearchAnchor, core.StartOfLine, core.EndOfLine,
        core.StartOfString, core.EndOfStringLine, core.EndOfString, core.Boundary,
        core.DefaultBoundary, core.DefaultStartOfWord, core.DefaultEndOfWord, core.StartOfWord,
        core.EndOfWord, core.StartOfLineU, core.EndOfLineU, core.EndOfStringLineU))


def _sequence(items: list, start: bool, end: bool, consumed: set | None, exact: bool = False) -> str:
    """A sequence's approximation. The assertions before its first consumed item hold at
    the match's start: a lookbehind among them is matched as a prefix, in their place
    (only the first: two lookbehinds end at the same place); those after its last item
    hold at the end, and a lookahead among them becomes a suffix, in their place."""
    from regex import _regex_core as core

    lead = 0
    while lead < len(items) and _zero_width(items[lead]):
        lead += 1
    trail = len(items)
    while trail > lead and _zero_width(items[trail - 1]):
        trail -= 1

    def around(node, ahead: bool) -> bool:
        return type(node) is core.LookAround and node.positive and node.behind != ahead

    prefix = next((i for i in range(lead) if around(items[i], False)), None) if start else None
    # (a sequence of assertions only: its lookahead is a suffix, unless it gave the prefix)
    run = range(trail, len(items)) if trail > lead or lead == 0 else range(len(items))
    suffix = next((i for i in reversed(run) if around(items[i], True) and i != prefix), None) if end else None
    out = [] if prefix is None else [_lookaround_body(items[prefix], consumed)]
    for i, item in enumerate(items):
        if i in (prefix, suffix) or (prefix is not None and i < lead) or (suffix is not None and i >= trail):
            continue  # (the other assertions at a prefix's or suffix's end: dropped, as
            # Hyperscan refuses a `^` after the prefix)
        # the first/last item is at the match's edge only with nothing emitted beyond it
        # (`^(?:(?<=x)a)` as `^xa` would put the line start before the x)
        first = prefix is None and all(map(_silent, items[:i]))
        last = suffix is None and all(map(_silent, items[i + 1:]))
        out.append(_emit(item, start and first, end and last, consumed, exact))
    if suffix is not None:
        out.append(_lookaround_body(items[suffix], consumed))
    return "".join(out)


# ---------------------------------------------------------------- the pass


# Expressions per Hyperscan database at most. Compiling is superlinear in a database's
# size (the builtin rules' ~125 expressions: ~6 s of CPU as one database, ~3.5 s as two,
# once per machine and version), and each database is one more pass over the article; but
# two databases of alike expressions (see _build) scan faster than one of all (0.025 CPU
# s/MB against 0.030; three of mixed ones, 0.039).
DATABASE_SIZE = 70


class Gate:
    """The rules it gates, and per block the set of those that could match there.

    An article is scanned whole, its blocks between the bytes \\xff and \\xfe (one Hyperscan
    call per database and article: a call costs more than the bytes of a short block),
    and every match is reported: its end says the block it lies in. A rule of several
    alternatives or parts (`alternatives`) has each part reported under an id of its own,
    once per article (a weak part, "a sentence, then a capital", would be reported all
    over it); where all parts of an alternative are, the rule's own database of its parts
    is scanned over the article, and where its matches end says which blocks hold one."""

    def __init__(self, rules):
        import hyperscan  # ImportError: the caller goes without a gate

        self._hs = hyperscan
        gated = [(rule, rule.regex) for rule in rules if getattr(rule, "regex", None) is not None]
        # deriving ~115 approximations re-parses every pattern (~0.25 s, each multi-file
        # run): they are cached with the databases, keyed by the patterns and tlint's code
        path = self._cache_path([(r.pattern, r.flags) for _, r in gated])
        cached = self._load(path)
        ids, self._alts, self.dbs, self._checks = cached if cached is not None else self._derive(gated, path)
        self.index: dict[int, int] = {  # id(rule) -> Hyperscan id
            id(rule): i for (rule, _), i in zip(gated, ids) if i is not None}
        self._rule_of = {i: rule for (rule, _), i in zip(gated, ids) if i is not None}
        # per rule of several parts: the part ids of each alternative, all of which must
        # have fired in an article before its own database is asked
        self._needs = {i: [(main, *same, *conj) for main, same, conj in alts] for i, alts in self._alts.items()}

    def _derive(self, gated, path: Path) -> tuple[list[int | None], dict, list, dict]:
        """Approximate and compile; (Hyperscan id or None per gated rule, the alternatives
        (main, same-end and conjunct part ids) of each rule of several parts, databases,
        the database of each one's parts)."""
        from tlint import cachefile

        units: list[list[tuple[bytes, list[bytes], list[bytes]]]] = []  # per gated rule
        packs: list[str] = []
        ids: list[int | None] = []
        for rule, regex_ in gated:
            alts = alternatives(regex_.pattern, regex_.flags)
            ids.append(None if alts is None else len(units))
            if alts is not None:
                units.append([(main.encode("latin-1"), [x.encode("latin-1") for x in same],
                               [x.encode("latin-1") for x in conj]) for main, same, conj in alts])
                packs.append(str(getattr(rule, "id", "")).partition(".")[0])
        # a rule of one expression reports under its own id, the parts of one of several
        # under ids above every rule's
        exprs: list[tuple[int, bytes, str]] = []  # (id, expression, the rule's pack)
        alts_of: dict[int, list[tuple[int, list[int], list[int]]]] = {}
        part_of: dict[tuple[int, bytes], int] = {}  # (rule, expression) -> part id
        owner: dict[int, int] = {}

        def part(i: int, x: bytes, pack: str) -> int:
            key = (i, x)
            if key not in part_of:
                part_of[key] = owner_id = len(units) + len(exprs)
                owner[owner_id] = i
                exprs.append((owner_id, x, pack))
            return part_of[key]

        for i, (unit, pack) in enumerate(zip(units, packs)):
            if len(unit) == 1 and not unit[0][1] and not unit[0][2]:
                exprs.append((i, unit[0][0], pack))
            else:
                alts_of[i] = [(part(i, main, pack), [part(i, x, pack) for x in same], [part(i, x, pack) for x in conj])
                              for main, same, conj in unit]
        built, refused = self._build(exprs, once=set(owner))
        # an expression Hyperscan refuses (or one that matches the empty string, in every
        # block) leaves its rule ungated
        lost = {owner.get(x, x) for x in refused}
        checks = {i: self._compile([(p, x) for (u, x), p in part_of.items() if u == i])
                  for i in alts_of if i not in lost}
        lost |= {i for i, db in checks.items() if db is None}
        ids = [None if i is None or i in lost else i for i in ids]
        alts_of = {i: alts for i, alts in alts_of.items() if i not in lost}
        checks = {i: db for i, db in checks.items() if i not in lost}
        dump = self._hs.dumpb
        cachefile.write(path, (ids, alts_of, [dump(db) for db in built], {i: dump(db) for i, db in checks.items()}),
                        prefix="gate-")
        return ids, alts_of, built, checks

    @property
    def db(self):
        """The databases, or None when there is nothing to gate."""
        return self.dbs or None

    def _cache_path(self, patterns: list[tuple[str, int]]) -> Path:
        from tlint.cache import package_hash
        from tlint.lexicon import user_cache_dir

        h = blake2b(digest_size=16)
        h.update(f"{getattr(self._hs, '__version__', '?')}/{DATABASE_SIZE}/{package_hash()}".encode())
        for pattern, flags in patterns:
            h.update(f"{flags}:{pattern}".encode("utf-8", "surrogatepass") + b"\0")
        return Path(user_cache_dir()) / f"gate-{h.hexdigest()}.pickle"

    def _load(self, path: Path):
        """What _derive gives, from the cache, or None."""
        from tlint import cachefile

        cached = cachefile.read(path)
        if not (isinstance(cached, tuple) and len(cached) == 4):
            return None
        hs = self._hs

        def load(blob):
            db = hs.loadb(blob, hs.HS_MODE_BLOCK)
            db.scratch = hs.Scratch(db)  # a loaded database comes without scratch space
            return db

        try:
            return cached[0], cached[1], list(map(load, cached[2])), {i: load(b) for i, b in cached[3].items()}
        except Exception:
            return None  # built for another CPU or library: compile again

    def _build(self, exprs: list[tuple[int, bytes, str]], once: set[int]) -> tuple[list, set[int]]:
        """The databases of (id, expression, pack) triples, and the ids of those refused
        (those of `once` report their first match only).
        A pack's rules look alike (chrome's line patterns, credits' agency names), and
        Hyperscan builds a database of alike expressions faster than a mix: packs go whole
        (a pack larger than DATABASE_SIZE in pieces), the largest first, each to the
        smallest database, so their sizes are about even."""
        by_pack: dict[str, list[tuple[int, bytes]]] = {}
        for i, x, pack in exprs:
            by_pack.setdefault(pack, []).append((i, x))
        pieces = [members[k:k + DATABASE_SIZE] for members in by_pack.values()
                  for k in range(0, len(members), DATABASE_SIZE)]
        bins: list[list[tuple[int, bytes]]] = [[] for _ in range(-(-len(exprs) // DATABASE_SIZE))]
        for piece in sorted(pieces, key=len, reverse=True):
            min(bins, key=len).extend(piece)
        built, refused = [], set()
        for part in bins:
            db = self._compile(part, once)
            if db is None:
                # an expression Hyperscan refuses: find it
                bad = {i for i, x in part if self._compile([(i, x)]) is None}
                refused |= bad
                part = [(i, x) for i, x in part if i not in bad]
                db = self._compile(part, once) if part else None
            if db is not None:
                built.append(db)
        return built, refused

    def _compile(self, part: list[tuple[int, bytes]], once: set[int] = frozenset()):
        """One database reporting every match of each expression (not only the first: the
        scan covers many blocks), but the first only of those in `once`. An expression
        that can match the empty string is refused (it would report at every byte; every
        block holds it)."""
        hs = self._hs
        flags = hs.HS_FLAG_DOTALL | hs.HS_FLAG_MULTILINE
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        try:
            db.compile(expressions=[x for _, x in part], ids=[i for i, _ in part], elements=len(part),
                       flags=[flags | hs.HS_FLAG_SINGLEMATCH if i in once else flags for i, _ in part])
        except Exception:
            return None
        return db

    def gates(self, rule) -> bool:
        return id(rule) in self.index

    def _scan(self, texts: list[str]) -> tuple[list[set[int]], set[int]]:
        """Per text (the blocks of an article), the ids of the rules that could match
        there; and all of them."""
        encoded = [t.encode("utf-8", "surrogatepass") for t in texts]
        ends = list(accumulate(len(b) + 2 for b in encoded))  # where each block's \xfe ends
        hits: list[set[int]] = [set() for _ in texts]
        data = b"\xff" + b"\xfe\xff".join(encoded) + b"\xfe"
        for db in self.dbs:
            db.scan(data, match_event_handler=_record, context=(ends, hits))
        found = set().union(*hits)
        for unit, needs in self._needs.items():
            if any(found.issuperset(need) for need in needs):
                # each part was reported once, somewhere: where does an alternative hold?
                for k in self._check(unit, data, ends):
                    hits[k].add(unit)
                    found.add(unit)
        return hits, found

    def _check(self, unit: int, data: bytes, ends: list[int]) -> set[int]:
        """The blocks of the article `data` that hold an alternative of `unit`: a match of
        its main part ending where one of each same-end part does, and each conjunct."""
        matched: dict[int, set[int]] = defaultdict(set)  # part id -> where its matches end
        self._checks[unit].scan(data, match_event_handler=_collect, context=matched)
        out: set[int] = set()
        for main, same, conj in self._alts[unit]:
            at = matched[main].intersection(*(matched[x] for x in same))
            blocks = {bisect_left(ends, end) for end in at}
            for x in conj:
                blocks.intersection_update({bisect_left(ends, end) for end in matched[x]})
            out |= blocks
        return out

    def hits(self, block: Block) -> set[int]:
        """The Hyperscan ids of the rules that could match in `block` (kept; its article's
        pass gives every block's at once)."""
        found = block.memo.get("gate")
        if found is None:
            found = block.memo["gate"] = self._scan([block.text])[1]
        return found

    def _doc_hits(self, doc) -> set[int]:
        """The Hyperscan ids flagged in any block of `doc` (one pass over the article, each
        block's ids kept with the block, their union with the document)."""
        found = doc.memo.get("gate.hits")
        if found is None:
            if not doc.blocks:
                found = doc.memo["gate.hits"] = set()
                return found
            per_block, found = self._scan([b.text for b in doc.blocks])
            for block, ids in zip(doc.blocks, per_block):
                block.memo["gate"] = ids
            doc.memo["gate.hits"] = found
        return found

    def could_fire(self, rule, doc) -> bool:
        """Whether any block of `doc` could hold a match of `rule`."""
        return self.index[id(rule)] in self._doc_hits(doc)

    def fired_rules(self, doc) -> list:
        """The gated rules the pass flagged in some block of `doc` (a few in most articles):
        the only gated rules the engine runs on it."""
        rule_of = self._rule_of
        return [rule_of[i] for i in self._doc_hits(doc) if i in rule_of]

    def could_match(self, rule, block: Block) -> bool:
        return self.index[id(rule)] in self.hits(block)

    def candidates(self, rule, blocks: list[Block]) -> list[Block]:
        """The blocks in which `rule` could match (what every pattern rule asks, per block:
        kept lean, it runs some seventy times a document)."""
        idx = self.index[id(rule)]
        hits = self.hits
        return [b for b in blocks if idx in (b.memo.get("gate") or hits(b))]


def _collect(part_id, start, end, flags, matched):
    matched[part_id].add(end)


def _record(rule_id, start, end, flags, context):
    ends, hits = context
    hits[bisect_left(ends, end)].add(rule_id)  # the block the match ends in
