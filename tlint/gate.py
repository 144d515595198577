"""One Hyperscan pass per block says which pattern rules could match there.

Seventy-odd pattern rules each scan every block with the `regex` module: most of the
cost of a run, though most blocks match none of them. Hyperscan (Intel's multi-pattern
matcher, the engine behind Snort and Suricata) scans a block for all of them at once.
It cannot run tlint's patterns as they are (lookarounds, Unicode properties, backrefs),
so each rule gets an *approximation* that matches wherever the rule could: built from the
rule's own syntax tree (the `regex` module's parser) over UTF-8 bytes:

- an ASCII character stays itself (both cases under IGNORECASE);
- a class (\\p{L}, \\w, [^,]) becomes its ASCII members, plus "some non-ASCII bytes"
  whenever it could match a non-ASCII character;
- line and string anchors stay (each block is scanned on its own); lookarounds, word
  boundaries and \\K become nothing; a backreference, anything;
- a repeat of more than MAX_REPEAT keeps its lower bound only (far faster to compile).

Every match of the rule is then inside a match of its approximation (a superset), so a
block the pass does not flag for a rule cannot hold that rule's match, and the exact
`regex` pattern runs only on the blocks flagged. A construct the walk does not know leaves
the rule ungated (it runs everywhere), never wrongly skipped. The compiled database is
cached (tlint.cachefile). Hyperscan is optional: where its wheel is missing (it ships for
x86-64 Linux and macOS), every rule simply runs on every block.
"""
from __future__ import annotations

from pathlib import Path

from tlint.cachefile import blake2b

from tlint.document import Block
from tlint.prefilter import _parse

MAX_REPEAT = 8
_NON_ASCII = r"[\x80-\xff]+"
_ANY = r"[\x00-\xff]"
# ASCII letters that a non-ASCII letter folds to under IGNORECASE (KELVIN SIGN, LONG S)
_FOLDED_FROM_NON_ASCII = frozenset("kKsS")


class Unsupported(Exception):
    pass


def approximate(pattern: str, flags: int = 0) -> str | None:
    """A Hyperscan pattern over UTF-8 bytes matching wherever `pattern` can, or None."""
    try:
        out = _emit(_parse(pattern, flags))
    except Unsupported:
        return None
    except Exception:  # the parser is the regex module's internals: never break a run
        return None
    return out or None


def _byte(b: int) -> str:
    c = chr(b)
    return c if c.isalnum() and b < 128 else f"\\x{b:02x}"


def _class(members: set[int], non_ascii: bool) -> str:
    parts = []
    if members:
        parts.append("[" + "".join(_byte(b) for b in sorted(members)) + "]")
    if non_ascii:
        parts.append(_NON_ASCII)
    if not parts:
        raise Unsupported("matches nothing")
    return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"


def _ignorecase(node) -> bool:
    from regex import _regex_core as core

    return bool(getattr(node, "case_flags", 0) & core.IGNORECASE)


def _char(code: int, node) -> str:
    ign = _ignorecase(node)
    if code < 128:
        c = chr(code)
        members = {code, ord(c.swapcase())} if ign and c.isalpha() else {code}
        return _class(members, ign and c in _FOLDED_FROM_NON_ASCII)
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
    non_ascii = not _ascii_only(node) or (ign and bool({ord(c) for c in _FOLDED_FROM_NON_ASCII} & members))
    return _class(members, non_ascii)


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


def _emit(node) -> str:
    from regex import _regex_core as core

    kind = type(node)
    if kind is core.Character:
        if node.zerowidth:
            return ""
        if not node.positive:
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
        return "".join(_emit(i) for i in node.items)
    if kind is core.Branch:
        return "(?:" + "|".join(_emit(b) for b in node.branches) + ")"
    if kind in (core.Group, core.Atomic):
        return "(?:" + _emit(node.subpattern) + ")"
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        sub = _emit(node.subpattern)
        if not sub:
            return ""
        lo = min(node.min_count, MAX_REPEAT)
        hi = node.max_count
        if hi is None or hi > MAX_REPEAT:
            bounds = "*" if lo == 0 else "+" if lo == 1 else f"{{{lo},}}"
        else:
            bounds = f"{{{lo},{hi}}}"
        return f"(?:{sub}){bounds}"
    if kind in (core.LookAround, core.LookAroundConditional, core.Keep, core.SearchAnchor):
        return ""
    # anchors keep their meaning over a block's bytes (every expression is compiled
    # MULTILINE, so ^ and $ are the line anchors; the string anchors are \A, \Z, \z)
    if kind is core.StartOfLine:
        return "^"
    if kind is core.EndOfLine:
        return "$"
    if kind is core.StartOfString:
        return r"\A"
    if kind is core.EndOfStringLine:
        return r"\Z"
    if kind is core.EndOfString:
        return r"\z"
    # word boundaries depend on what counts as a letter, which bytes cannot tell: dropped
    if kind in (core.Boundary, core.DefaultBoundary, core.DefaultStartOfWord, core.DefaultEndOfWord,
                core.StartOfWord, core.EndOfWord, core.StartOfLineU, core.EndOfLineU,
                core.EndOfStringLineU):
        return ""
    if kind is core.RefGroup:
        return _ANY + "*"
    raise Unsupported(kind.__name__)


# ---------------------------------------------------------------- the pass


# Expressions per Hyperscan database. Compiling is superlinear in the database's size
# (110 expressions: 5.5 s as one database, 2.4 s as three), scanning about linear in the
# number of databases (0.054 -> 0.062 s/MB): a few databases of this size are the balance.
DATABASE_SIZE = 40


class Gate:
    """The rules it gates, and per block the set of those that could match there."""

    def __init__(self, rules):
        import hyperscan  # ImportError: the caller goes without a gate

        self._hs = hyperscan
        gated = [(rule, rule.regex) for rule in rules if getattr(rule, "regex", None) is not None]
        # deriving ~115 approximations re-parses every pattern (~0.25 s, each multi-file
        # run): they are cached with the databases, keyed by the patterns and tlint's code
        path = self._cache_path([(r.pattern, r.flags) for _, r in gated])
        cached = self._load(path)
        ids, self.dbs = cached if cached is not None else self._derive(gated, path)
        self.index: dict[int, int] = {  # id(rule) -> Hyperscan id
            id(rule): i for (rule, _), i in zip(gated, ids) if i is not None}

    def _derive(self, gated, path: Path) -> tuple[list[int | None], list]:
        """Approximate and compile; (Hyperscan id or None per gated rule, databases)."""
        from tlint import cachefile

        exprs: list[bytes] = []
        ids: list[int | None] = []
        for _, regex_ in gated:
            approx = approximate(regex_.pattern, regex_.flags)
            ids.append(None if approx is None else len(exprs))
            if approx is not None:
                exprs.append(approx.encode("latin-1"))
        built = self._build(exprs) if exprs else []
        kept = {i for part, _ in built for i in part}  # refused expressions leave their rules ungated
        ids = [i if i in kept else None for i in ids]
        cachefile.write(path, (ids, [(part, self._hs.dumpb(db)) for part, db in built]), prefix="gate-")
        return ids, [db for _, db in built]

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
        """(Hyperscan id or None per gated rule, databases) from the cache, or None."""
        from tlint import cachefile

        cached = cachefile.read(path)
        if not (isinstance(cached, tuple) and len(cached) == 2):
            return None
        hs = self._hs
        try:
            dbs = []
            for _, blob in cached[1]:
                db = hs.loadb(blob, hs.HS_MODE_BLOCK)
                db.scratch = hs.Scratch(db)  # a loaded database comes without scratch space
                dbs.append(db)
        except Exception:
            return None  # built for another CPU or library: compile again
        return cached[0], dbs

    def _build(self, exprs: list[bytes]) -> list[tuple[list[int], object]]:
        """The databases, each with the ids of the expressions it holds."""
        # similar sizes in each database: the longest expressions dealt out in turn
        order = sorted(range(len(exprs)), key=lambda i: -len(exprs[i]))
        count = -(-len(exprs) // DATABASE_SIZE)
        built = []
        for part in (order[k::count] for k in range(count)):
            db = self._compile([exprs[i] for i in part], part)
            if db is None:
                # an expression Hyperscan refuses: find it, leave its rule ungated
                part = [i for i in part if self._compile([exprs[i]], [i]) is not None]
                db = self._compile([exprs[i] for i in part], part) if part else None
            if db is not None:
                built.append((part, db))
        return built

    def _compile(self, exprs: list[bytes], ids: list[int]):
        hs = self._hs
        flag = hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_ALLOWEMPTY | hs.HS_FLAG_DOTALL | hs.HS_FLAG_MULTILINE
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        try:
            db.compile(expressions=exprs, ids=ids, elements=len(exprs), flags=[flag] * len(exprs))
        except Exception:
            return None
        return db

    def gates(self, rule) -> bool:
        return id(rule) in self.index

    def hits(self, block: Block) -> set[int]:
        """The Hyperscan ids of the rules that could match in `block` (one pass, kept)."""
        found = block.memo.get("gate")
        if found is None:
            found = block.memo["gate"] = set()
            data = block.text.encode("utf-8", "surrogatepass")
            for db in self.dbs:
                db.scan(data, match_event_handler=_record, context=found)
        return found

    def could_fire(self, rule, doc) -> bool:
        """Whether any block of `doc` could hold a match of `rule` (one pass per block,
        the union kept for the document)."""
        found = doc.memo.get("gate.hits")
        if found is None:
            found = doc.memo["gate.hits"] = set().union(*map(self.hits, doc.blocks))
        return self.index[id(rule)] in found

    def could_match(self, rule, block: Block) -> bool:
        return self.index[id(rule)] in self.hits(block)

    def candidates(self, rule, blocks: list[Block]) -> list[Block]:
        """The blocks in which `rule` could match (what every pattern rule asks, per block:
        kept lean, it runs some seventy times a document)."""
        idx = self.index[id(rule)]
        hits = self.hits
        return [b for b in blocks if idx in (b.memo.get("gate") or hits(b))]


def _record(rule_id, start, end, flags, hits):
    hits.add(rule_id)
