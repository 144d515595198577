"""`duplicate`: a line that repeats (nearly) the text of another one.

Scraping and translation leave copies behind: a headline printed twice, a line doubled
inside a paragraph, a caption that repeats a body sentence almost word for word (the
caption is reported), a headline glued to the start of the first paragraph (the body copy
is reported). Headings repeated as headings (a page title shown twice) are left alone.

Units are the lines of prose blocks, compared as lower-case word sequences; with `unit:
sentence`, their sentences, so a sentence doubled inside a paragraph ("A. A.", or "A, as
B. A.") or repeated later as a line of its own is found (pairs of whole lines, captions
and headings are left to the line units). Candidate
pairs come from an index of word bigrams, so a long article costs about as much as the
pairs that really share text, never every pair. Similarity is the share of the shorter
line's words that `difflib.SequenceMatcher` matches, in order, within the part of the
longer line around their longest common run: the standard library does this well for the
few pairs the index lets through, so no fuzzy-matching dependency is needed.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from itertools import chain
from dataclasses import dataclass
from functools import cached_property
from difflib import SequenceMatcher
from typing import Iterator

from tlint import rx  # module-level patterns load precompiled (tlint.rx)

from tlint.document import Block, Document, ends_sentence, is_title_case
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.sentences import split
from tlint.words import WordPattern

_WORDS = WordPattern(r"[\p{L}\p{M}\p{N}]", r"[\p{L}\p{M}\p{N}]", "'’", r"[\p{L}]")
_WORD_RE = _WORDS.regex
# A bigram shared by more lines than this does not make two lines candidates: it keeps the
# index near-linear on long articles.
COMMON_BIGRAM = 12
# A sentence repeated on another line counts from this length (in its own line, from min_words).
_FAR_SENTENCE_WORDS = 12
_GLUE_WORDS = frozenset("the a an of in on at to for and or by with from as is was".split())
MAX_CANDIDATES = 4


@dataclass
class _Unit:
    n: int  # order in the document
    block_no: int
    block: Block
    start: int  # span in block text
    end: int
    words: list[str]
    line: str
    pos: int  # where the line starts in the block text
    heading: bool
    caption_like: bool  # a caption, or a lone line without final punctuation
    in_body: bool  # after the first full paragraph (not the headline, deck or byline)
    whole_line: bool = True  # the unit is a whole line (always so when units are lines)
    line_words: list[str] | None = None  # with sentence units: the words of the whole line

    # spans and sentence numbers are needed only for the few lines that are compared:
    # computed on demand, they no longer dominate the rule's cost
    @cached_property
    def matches(self) -> list:
        """The word matches, in the line's own coordinates."""
        return list(_WORD_RE.finditer(self.line))

    @cached_property
    def spans(self) -> list[tuple[int, int]]:
        """Block-text span of each word."""
        return [(self.pos + m.start(), self.pos + m.end()) for m in self.matches]

    @cached_property
    def sentence_of(self) -> list[int]:
        """Which sentence of the line each word is in."""
        ends = [x.end for x in split(self.line)]
        return [bisect.bisect_right(ends, m.start()) for m in self.matches]


def _body_start(doc: Document) -> int:
    """Index of the first full paragraph (one that ends a sentence, 20 words or more): the
    body starts there, after the headline, deck and byline. Once per document."""
    found = doc.memo.get("duplicate.body")
    if found is None:
        found = next((n for n, b in enumerate(doc.blocks)
                      if b.kind == "paragraph" and ends_sentence(b.text.rstrip())
                      and len(b.text.split()) >= 20), len(doc.blocks))
        doc.memo["duplicate.body"] = found
    return found


def _units(doc: Document, scope: frozenset[str], min_words: int, sentences: bool = False) -> list[_Unit]:
    """The lines of prose blocks, or with `sentences` the sentences of those lines."""
    units: list[_Unit] = []
    body = _body_start(doc)
    for block_no, block in enumerate(doc.blocks):
        body_started = block_no >= body
        if block.kind not in scope:
            continue
        pos = 0
        lines = block.text.split("\n")
        for line in lines:
            lone = len(lines) == 1
            terminated = ends_sentence(line)
            parts = [(s.start, s.text) for s in split(line)] if sentences else [(0, line)]
            line_words = _WORDS.findall_lower(line) if sentences else None
            for offset, part in parts:
                words = _WORDS.findall_lower(part)
                if len(words) < min_words:
                    continue
                units.append(_Unit(
                    n=len(units), block_no=block_no, block=block,
                    start=pos + offset + len(part) - len(part.lstrip()),
                    end=pos + offset + len(part.rstrip()),
                    words=words,
                    line=part, pos=pos + offset,
                    heading=block.kind == "heading" or (not terminated and is_title_case(line.split())),
                    caption_like=block.kind == "caption" or (lone and not terminated),
                    in_body=body_started,
                    whole_line=part.strip() == line.strip(),
                    line_words=line_words,
                ))
            pos += len(line) + 1
    return units


_EDGE_PUNCT = "\"'“”‘’()[]«».,;:!?…-—–"


class _Sentence:
    """A sentence of a prose line, cheap to make: its whitespace tokens give its size and
    keys; the unit with word lists and spans is built only when it is compared."""

    __slots__ = ("n", "block_no", "block", "line", "here", "sent", "whole_line", "in_body",
                 "size", "keys", "_unit", "_line_words", "_tokens")

    def __init__(self, n, block_no, block, line, here, sent, tokens, in_body, line_words):
        self.n, self.block_no, self.block, self.line, self.here = n, block_no, block, line, here
        self.sent, self.in_body, self._line_words = sent, in_body, line_words
        self.whole_line = sent.text.strip() == line.strip()
        self.size = len(tokens)
        edge = [t.strip(_EDGE_PUNCT).lower() for t in tokens[:2] + tokens[-2:]]
        self.keys = {("<",) + tuple(edge[:2]), (">",) + tuple(edge[2:])}
        self._unit = None
        self._tokens = tokens

    def could_copy(self, other: "_Sentence") -> bool:
        """Cheap necessary test before aligning: the shorter one's tokens are nearly all
        among the longer one's (a copy shares at least 95% of its words)."""
        short, long_ = (self, other) if self.size <= other.size else (other, self)
        if self.size > 1.25 * other.size:
            return False  # the later sentence is no copy of a shorter one
        words = {t.strip(_EDGE_PUNCT).lower() for t in long_._tokens}
        missing = sum(t.strip(_EDGE_PUNCT).lower() not in words for t in short._tokens)
        return missing <= 0.1 * short.size

    @property
    def unit(self) -> _Unit:
        if self._unit is None:
            if not self._line_words:
                self._line_words.extend(_WORDS.findall_lower(self.line))
            part, start = self.sent.text, self.here + self.sent.start
            self._unit = _Unit(
                n=self.n, block_no=self.block_no, block=self.block,
                start=start, end=start + len(part.rstrip()),
                words=_WORDS.findall_lower(part), line=part, pos=start,
                heading=False, caption_like=False, in_body=self.in_body,
                whole_line=self.whole_line, line_words=self._line_words,
            )
        return self._unit


def _sentences(doc: Document, scope: frozenset[str], min_words: int) -> Iterator[tuple[_Sentence, list[_Sentence]]]:
    """Each sentence of the prose lines (not headings or captions), with the earlier
    sentences of its own line."""
    n = 0
    body = _body_start(doc)
    for block_no, block in enumerate(doc.blocks):
        body_started = block_no >= body
        if block.kind not in scope or block.kind in ("heading", "caption"):
            continue
        pos = 0
        lines = block.text.split("\n")
        for line in lines:
            here, pos = pos, pos + len(line) + 1
            spaces = line.count(" ")
            if spaces + 1 < min_words or (spaces + 1 < min(2 * min_words, _FAR_SENTENCE_WORDS)):
                continue  # too short for two sentences or for a pasted one of its own
            if not ends_sentence(line) and (len(lines) == 1 or is_title_case(line.split())):
                continue  # a caption or a heading line
            same_line: list[_Sentence] = []
            line_words: list[str] = []  # filled by the first unit built on this line
            for sent in split(line):
                tokens = sent.text.split()
                if len(tokens) < min_words:
                    continue
                s = _Sentence(n, block_no, block, line, here, sent, tokens, body_started, line_words)
                n += 1
                yield s, list(same_line)
                same_line.append(s)


def _need(u: _Unit, v: _Unit) -> int:
    """Shared bigrams two units need before they are worth aligning."""
    return max(2, (min(len(u.words), len(v.words)) - 1) // 2)


def contained(short: list[str], long: list[str], sentence_of: list[int] | None = None) -> tuple[float, int, int]:
    """Share of `short`'s words found in order in `long`, within the sentence of `long`
    that holds their longest common run (and a little around it); and the word span of
    `long` they cover."""
    sm = SequenceMatcher(None, short, long, autojunk=False)
    i, j, k = sm.find_longest_match(0, len(short), 0, len(long))
    if k == 0:
        return 0.0, 0, 0
    slack = max(2, len(short) // 5)
    lo = max(0, j - i - slack)
    hi = min(len(long), j + (len(short) - i) + slack)
    if sentence_of is not None:
        same = [x for x, s in enumerate(sentence_of) if s == sentence_of[j]]
        lo, hi = min(lo, same[0]), max(hi, same[-1] + 1)
    blocks = SequenceMatcher(None, short, long[lo:hi], autojunk=False).get_matching_blocks()
    # a lone function word matched between two runs ("of" in "south of Doha") is chance
    matched = sum(b.size for b in blocks
                  if b.size >= 2 or (b.size == 1 and short[b.a] not in _GLUE_WORDS))
    real = [b for b in blocks if b.size]
    first = lo + real[0].b
    last = lo + real[-1].b + real[-1].size
    return matched / len(short), first, last


# A paragraph number opening a line: "8. ", "(2) ", "3) ".
_PARAGRAPH_NO_RE = rx.compile(r"\s*\(?(\d{1,3})[.)]\s")


def _is_verse(block: Block) -> bool:
    """A stanza: three or more short lines, at most one of them ending a sentence."""
    lines = [line for line in block.text.split("\n") if line.strip()]
    return (len(lines) >= 3 and all(len(line) <= 60 for line in lines)
            and sum(ends_sentence(line) for line in lines) <= 1)


def _renumbered(a: str, b: str) -> bool:
    """Two numbered paragraphs with different numbers: a judgment's or resolution's
    operative provisions restate its reasoning on purpose; a copy left by scraping or
    translation repeats the number too."""
    ma, mb = _PARAGRAPH_NO_RE.match(a), _PARAGRAPH_NO_RE.match(b)
    return ma is not None and mb is not None and ma.group(1) != mb.group(1)


class Rule(BaseRule):
    kind = "duplicate"
    fields = {"similarity": (int, float), "min_words": int, "unit": str}

    def compile(self) -> None:
        self.similarity = float(self.spec.get("similarity", 0.8))
        if not 0.5 <= self.similarity <= 1.0:
            raise RuleConfigError("similarity is between 0.5 and 1.0", "similarity")
        self.min_words = self.spec.get("min_words", 6)
        if self.min_words < 2:
            raise RuleConfigError("min_words is at least 2", "min_words")
        self.unit = self.spec.get("unit", "line")
        if self.unit not in ("line", "sentence"):
            raise RuleConfigError("unit is line or sentence", "unit")

    def check(self, doc: Document) -> Iterator[Finding]:
        if self.unit == "sentence":
            yield from self._check_sentences(doc)
            return
        units = _units(doc, self.scope, self.min_words)
        bigrams = [set(zip(u.words, u.words[1:])) for u in units]
        # A bigram is evidence when it is in two lines or more, but not in more than
        # COMMON_BIGRAM ("of the": in every other line, evidence of nothing). Counted and
        # intersected with C-level set operations: most bigrams are in one line only.
        counts = Counter(chain.from_iterable(bigrams))
        evidence = {bg for bg, c in counts.items() if 1 < c <= COMMON_BIGRAM}
        index: dict[tuple[str, str], list[int]] = defaultdict(list)
        shared_bigrams = [b & evidence for b in bigrams]
        for u in units:
            for bg in shared_bigrams[u.n]:
                index[bg].append(u.n)
        reported: set[int] = set()
        lists_of = index.__getitem__
        for u in units:
            mine = shared_bigrams[u.n]
            if len(mine) < 2:
                continue  # two lines worth aligning share two bigrams at least (_need)
            # lines sharing bigrams with this one, counted at C level
            shared = Counter(chain.from_iterable(map(lists_of, mine)))
            del shared[u.n]
            # the few lines sharing the most text are the only ones worth aligning (and
            # one bigram in common never is: kept out before sorting, most pairs are so)
            near = [o for o, c in shared.items() if c >= 2]
            for other_n in sorted(near, key=lambda o: (-shared[o], o))[:MAX_CANDIDATES]:
                v = units[other_n]
                if shared[other_n] < _need(u, v):
                    continue
                f = self._compare(doc, u, v, reported)
                if f is not None:
                    yield f
                    break

    def _check_sentences(self, doc: Document) -> Iterator[Finding]:
        """Only two kinds of pair can be reported, so only those are compared: sentences of
        one line, and a one-sentence paragraph against the long sentences of the paragraphs
        before it. A copy close enough to count (similarity 0.95) keeps its first two or its
        last two words, so sentences are keyed by those and only pairs sharing a key are
        aligned: the units (word lists, spans) are built for those few sentences only."""
        reported: set[int] = set()
        earlier: dict[tuple, list[_Sentence]] = defaultdict(list)  # long sentences of other lines
        for s, same_line in _sentences(doc, self.scope, self.min_words):
            if same_line:
                pair = next((v for v in same_line if s.keys & v.keys and s.could_copy(v)), None)
                f = self._compare(doc, s.unit, pair.unit, reported) if pair is not None else None
                if f is not None:
                    yield f
            elif s.whole_line and s.size >= _FAR_SENTENCE_WORDS:
                for v in {id(v): v for k in s.keys for v in earlier.get(k, ())}.values():
                    if not s.could_copy(v):
                        continue
                    f = self._compare(doc, s.unit, v.unit, reported)
                    if f is not None:
                        yield f
                        break
            if not s.whole_line and s.size >= _FAR_SENTENCE_WORDS:
                for k in s.keys:
                    earlier[k].append(s)

    def _compare(self, doc: Document, u: _Unit, v: _Unit, reported: set[int]) -> Finding | None:
        """Report `u` if it is the copy in the pair (u, v), else None (v's turn decides)."""
        if u.n in reported:
            return None
        if self.unit == "sentence" and not self._sentence_pair(u, v):
            return None
        short, long_ = (u, v) if len(u.words) <= len(v.words) else (v, u)
        # necessary, and far cheaper than aligning: contained() never matches more of the
        # shorter line's words than the two lines have in common (most pairs fail here)
        common = sum((Counter(short.words) & Counter(long_.words)).values())
        if common < self.similarity * len(short.words):
            return None
        score, first, last = contained(short.words, long_.words, long_.sentence_of)
        if score < self.similarity:
            return None
        same_size = len(short.words) >= 0.8 * len(long_.words)
        if self.unit == "sentence":
            # the later sentence is the copy: a whole sentence repeated, or one that repeats
            # part of a sentence just before it in the same paragraph ("A, as B. A.")
            if u.n < v.n or not (same_size or (u is short and u.block_no == v.block_no)):
                return None
            if same_size and len(short.words) < _FAR_SENTENCE_WORDS:
                return None  # a short sentence said twice ("The talks lasted four hours.") may be meant
            reported.add(u.n)
            return self._report(doc, u, u.start, u.end, v, "repeats")
        if same_size:
            # a repeat: the later copy is the artifact, unless both are headings of their own
            if u.n < v.n or (u.heading and v.heading and u.block_no != v.block_no):
                return None
            if _renumbered(u.line, v.line):
                return None  # "2. Holds that there has been a violation…" restating paragraph 8
            if u.block_no != v.block_no and _is_verse(u.block) and _is_verse(v.block):
                return None  # a poem's or song's refrain comes back in a later stanza on purpose
            reported.add(u.n)
            return self._report(doc, u, u.start, u.end, v, "repeats")
        if u is short and u.caption_like and u.block.kind != "heading" and u.in_body and not long_.caption_like:
            # (a Markdown subheading is no caption: it may take up a phrase of the paragraph
            # under it, "Boosting the X" over "will help the X")
            # a caption that repeats a body sentence
            reported.add(u.n)
            return self._report(doc, u, u.start, u.end, v, "repeats the body text of")
        if u is long_ and (short.heading or short.block_no == 0) and first <= 1 and last - first <= len(short.words) + 1:
            # a headline glued to the start of a paragraph: its words in one run, not a lead
            # that retells the headline with names and dates put in
            reported.add(u.n)
            return self._report(doc, u, u.spans[first][0], u.spans[last - 1][1], v, "repeats the headline of")
        return None

    @staticmethod
    def _sentence_pair(u: _Unit, v: _Unit) -> bool:
        """Sentences the line units do not compare: not two whole lines (the line rule's
        pair), no headings or captions (a caption retelling the body is the line rule's)."""
        if u.whole_line and v.whole_line:
            return False
        if u.heading or v.heading or u.caption_like or v.caption_like:
            return False
        if u.line_words is v.line_words:
            return True  # two sentences of one line
        if min(len(u.words), len(v.words)) < _FAR_SENTENCE_WORDS:
            return False  # stock sentences recur across an article: "Read the full report."
        # on another line, the later copy stands as a paragraph of its own (a doubled
        # sentence pasted again); a sentence recurring inside two paragraphs is a refrain
        later = u if u.n > v.n else v
        if not later.whole_line:
            return False
        # sentences of two lines that repeat each other as lines: the line rule reports them
        short, long_ = sorted((u.line_words, v.line_words), key=len)
        return contained(short, long_)[0] < 0.8 or len(short) < 0.8 * len(long_)

    def _report(self, doc: Document, u: _Unit, start: int, end: int, v: _Unit, how: str) -> Finding:
        line = doc.position(v.block.source_span(v.start, v.start + 1)[0])[0]
        return self.finding(u.block, start, end, None, line=line, how=how)
