"""Sentence segmentation of prose block text, with offsets.

Shared by every rule that reasons about sentences (fragments, capitals, readability).
Written here rather than taken from textstat/nltk because those split at `U.S.`, `Dr.`
and `3.5`, drop short sentences and lose offsets, and offsets are the whole point.
"""
from __future__ import annotations

import functools
from typing import NamedTuple

from tlint import rx  # module-level patterns load precompiled (tlint.rx)
from tlint.words import _scan, class_bits  # the C scanner, or None (then Python splits)

# Abbreviations after which a full stop does not end a sentence (lower-cased, no dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres
    maj brig cpl pvt pte insp supt det
    no nos vol pp fig figs approx est dept univ inc ltd co corp bros
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    vs etc al cf ie eg viz ca e.g i.e a.m p.m u.s u.k u.n u.s.a e.u""".split()
)

# A candidate end: terminal punctuation, optional closing quotes/brackets, optional
# citation markers (`.[2]`, `.[1][3]` in encyclopedic text), then whitespace.
# A bare footnote number glued to the stop (`Syria.22 During`) ends it too, when a word
# (not a number: `3.5 Million`) precedes the stop and a capital follows.
_END_RE = rx.compile(
    r"""[.!?…]+["'”’»)\]]*(?:(?:\[\d{1,3}\])+|(?<=[\p{L})][.!?]["”’)]?)\d{1,3}(?=\s+["“‘(]?\p{Lu}|\s*$))?(?=\s+|$)"""
)
_CITATION_RE = rx.compile(r"""(?:\[\d{1,3}\])+$|(?<=[.!?"”’)])\d{1,3}$""")
_NEXT_RE = rx.compile(r"""\s+(["'“‘«(\[]?)(\S)""")


class Sentence(NamedTuple):
    """(A named tuple: a block has dozens, made for every split; a frozen dataclass cost
    three times as much to build.)"""

    start: int
    end: int  # exclusive, after the terminal punctuation (or the block end)
    text: str
    terminated: bool


_DOTTED_CAPS_RE = rx.compile(r"(?:\p{Lu}\.)+\p{Lu}")


def _is_abbreviation(text: str, dot: int) -> bool:
    """True when the '.' at `dot` closes an abbreviation or an initial (`U.S.`, `W.`)."""
    # the letters-and-dots token before the dot, scanned back over a short window (a regex
    # search from 0 made long blocks quadratic); a longer token is no abbreviation anyway
    lo = max(0, dot - 24)
    space = text.rfind(" ", lo, dot)
    token = text[space + 1:dot] if space >= 0 else ""
    if not token.replace(".", "").isalpha():
        # (the common case above: a space before the token; else the scan, character by
        # character, that it stands for)
        i = dot
        while i > lo and (text[i - 1].isalpha() or text[i - 1] == "."):
            i -= 1
        if i == dot or (i == lo and lo > 0):
            return False
        token = text[i:dot]
    word = token.lower().strip(".")
    if word in ABBREVIATIONS:
        return True
    # a single capital letter: an initial (George W. Bush), or dotted caps (U.S.)
    letters = token.replace(".", "")
    return (len(letters) == 1 and token[-1].isupper()) or _DOTTED_CAPS_RE.fullmatch(token) is not None


_split_args: tuple | None = None


@functools.lru_cache(maxsize=4096)
def split(text: str) -> tuple[Sentence, ...]:
    """Sentences of a block of prose, in order, covering all its non-space text. Found in C
    (tlint._scan.split) when the extension is built; `split_python` is the specification."""
    global _split_args
    if _scan is not None:
        if _split_args is None:
            _split_args = (class_bits(), set(ABBREVIATIONS), Sentence, _is_abbreviation)
        found = _scan.split(text, *_split_args)
        if found is not None:
            return found
    return split_python(text)


def split_python(text: str) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    start = 0
    n = len(text)
    while start < n and text[start].isspace():
        start += 1
    for m in _END_RE.finditer(text):
        end = m.end()
        if end <= start:
            continue
        punct = _CITATION_RE.sub("", m.group())
        if punct.startswith(".") and len(punct.rstrip("\"'”’»)]")) == 1 and _is_abbreviation(text, m.start()):
            # after an abbreviation, only a clear sentence start (capital after a
            # non-title abbreviation) would end it; keep it simple: never split here
            continue
        nxt = _NEXT_RE.match(text, end)
        if nxt is not None and nxt.group(2).islower():
            # "... he said. then" is not a sentence start; leave the join to the fragment rule
            if punct.startswith((".", "…")) and punct.rstrip("\"'”’»)]") in ("...", "…"):
                continue
        out.append(Sentence(start, end, text[start:end], True))
        start = end
        while start < n and text[start].isspace():
            start += 1
    if start < n and text[start:].strip():
        end = len(text.rstrip())
        out.append(Sentence(start, end, text[start:end], False))
    return tuple(out)


_WORDS_RE = rx.compile(r"[\p{L}\p{N}]+(?:['’\-][\p{L}\p{N}]+)*")


def words(text: str) -> list[str]:
    return _WORDS_RE.findall(text)


def inside_quote(text: str, pos: int) -> bool:
    """Is `pos` inside a quotation opened earlier in the text (curly or straight quotes)?"""
    before = text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
