"""`duplicate`: a line that repeats (nearly) the text of another one.

Scraping and translation leave copies behind: a headline printed twice, a line doubled
inside a paragraph, a caption that repeats a body sentence almost word for word (the
caption is reported), a headline glued to the start of the first paragraph (the body copy
is reported). Headings repeated as headings (a page title shown twice) are left alone.

Units are the lines of prose blocks, compared as lower-case word sequences; with `unit:
sentence`, their sentences, so a sentence doubled inside a paragraph ("A. A.", or "A, as
B. A.") or repeated later as a line of its own is found (pairs of whole lines, captions
and headings are left to the line units). Candidate pairs come from an index of word
bigrams (for sentences, of their edge words), so a long article costs about as much as
the pairs that really share text, never every pair; the search runs in C when the
extension is built (`_line_candidates_python` and `_sentence_candidates_python` are its
specification), and units, with their spans and flags, are built for the lines and
sentences of candidate pairs only. Similarity is the share of the shorter line's words
that `difflib.SequenceMatcher` matches, in order, within the part of the longer line
around their longest common run: the standard library does this well for the
few pairs the index lets through, so no fuzzy-matching dependency is needed.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from itertools import accumulate, chain
from dataclasses import dataclass
from functools import cached_property
from difflib import SequenceMatcher
from typing import Iterator

from tlint import rx  # module-level patterns load precompiled (tlint.rx)

from tlint.document import Block, Document, ends_sentence, is_title_case
from tlint.kinds.base import Finding, RuleConfigError
from tlint.kinds.base import Rule as BaseRule
from tlint.sentences import split
from tlint.words import WordPattern, _scan  # the C scanner, or None (then Python finds the pairs)

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


def _prose_lines(doc: Document, scope: frozenset[str]) -> tuple[list[tuple], list[str]]:
    """The lines of prose blocks: where each is (block_no, pos, line, lone), and the lines.
    Finding the candidate pairs needs only the lines' words; the units are built for the
    lines of those pairs (`_line_unit`)."""
    places: list[tuple] = []
    for block_no, block in enumerate(doc.blocks):
        if block.kind not in scope:
            continue
        pos = 0
        lines = block.text.split("\n")
        for line in lines:
            places.append((block_no, pos, line, len(lines) == 1))
            pos += len(line) + 1
    return places, [line for _, _, line, _ in places]


def _line_unit(doc: Document, n: int, place: tuple, words: list[str]) -> _Unit:
    """The unit of line `n` (see `_prose_lines`)."""
    block_no, pos, line, lone = place
    block = doc.blocks[block_no]
    terminated = ends_sentence(line)
    return _Unit(
        n=n, block_no=block_no, block=block,
        start=pos + len(line) - len(line.lstrip()), end=pos + len(line.rstrip()),
        words=words, line=line, pos=pos,
        heading=block.kind == "heading" or (not terminated and is_title_case(line.split())),
        caption_like=block.kind == "caption" or (lone and not terminated),
        in_body=block_no >= _body_start(doc),
    )


def _line_candidates(lines: list[str], min_words: int) -> list[tuple[int, list[int]]]:
    """For each line worth it, the lines to align it with, in order: in C when built (the
    words are scanned there, one string object per line instead of one per word)."""
    if _scan is not None:
        return _scan.line_candidates(lines, min_words, COMMON_BIGRAM, MAX_CANDIDATES,
                                     _WORDS.findall_lower, *_WORDS._scan_args())
    return _line_candidates_python([_WORDS.findall_lower(line) for line in lines], min_words)


def _line_candidates_python(words_of: list[list[str]], min_words: int) -> list[tuple[int, list[int]]]:
    """The specification of `_line_candidates`, over the lines' lower-case words: (n,
    others) for each line n of `min_words` words or more that shares enough word bigrams
    with others (the lines sharing the most first, MAX_CANDIDATES of them at most), in
    line order."""
    units = [n for n, words in enumerate(words_of) if len(words) >= min_words]
    bigrams = {n: set(zip(words_of[n], words_of[n][1:])) for n in units}
    # A bigram is evidence when it is in two lines or more, but not in more than
    # COMMON_BIGRAM ("of the": in every other line, evidence of nothing). Counted and
    # intersected with C-level set operations: most bigrams are in one line only.
    counts = Counter(chain.from_iterable(bigrams.values()))
    evidence = {bg for bg, c in counts.items() if 1 < c <= COMMON_BIGRAM}
    index: dict[tuple[str, str], list[int]] = defaultdict(list)
    shared_bigrams = {n: b & evidence for n, b in bigrams.items()}
    for n, mine in shared_bigrams.items():
        for bg in mine:
            index[bg].append(n)
    found = []
    lists_of = index.__getitem__
    for n, mine in shared_bigrams.items():
        if len(mine) < 2:
            continue  # two lines worth aligning share two bigrams at least (_need)
        # lines sharing bigrams with this one, counted at C level
        shared = Counter(chain.from_iterable(map(lists_of, mine)))
        del shared[n]
        # the few lines sharing the most text are the only ones worth aligning (and
        # one bigram in common never is: kept out before sorting, most pairs are so)
        near = [o for o, c in shared.items() if c >= 2]
        tried = [o for o in sorted(near, key=lambda o: (-shared[o], o))[:MAX_CANDIDATES]
                 if shared[o] >= _need(len(words_of[n]), len(words_of[o]))]
        if tried:
            found.append((n, tried))
    return found


_EDGE_PUNCT = "\"'“”‘’()[]«».,;:!?…-—–"


def _normalised(tokens: list[str]) -> list[str]:
    """A sentence's whitespace tokens without edge punctuation, in lower case."""
    return [t.strip(_EDGE_PUNCT).lower() for t in tokens]


def _edge_keys(words: list[str]) -> set[tuple[str, ...]]:
    """A sentence's first two and last two (normalised) tokens: a copy close enough to count
    keeps one pair or the other."""
    edge = words[:2] + words[-2:]
    return {("<",) + tuple(edge[:2]), (">",) + tuple(edge[2:])}


def _could_copy(later: list[str], earlier: list[str]) -> bool:
    """Cheap necessary test before aligning two sentences (their normalised tokens): the
    shorter one's tokens are nearly all among the longer one's (a copy shares at least 95%
    of its words)."""
    if len(later) > 1.25 * len(earlier):
        return False  # the later sentence is no copy of a shorter one
    short, long_ = (later, earlier) if len(later) <= len(earlier) else (earlier, later)
    words = set(long_)
    missing = sum(t not in words for t in short)
    return missing <= 0.1 * len(short)


class _Sentence:
    """A sentence of a prose line in a candidate pair: its keys, and the unit with word
    lists and spans, built when it is compared."""

    __slots__ = ("n", "block_no", "block", "line", "here", "sent", "whole_line", "in_body",
                 "keys", "_unit", "_line_words")

    def __init__(self, n, block_no, block, line, here, sent, in_body, line_words):
        self.n, self.block_no, self.block, self.line, self.here = n, block_no, block, line, here
        self.sent, self.in_body, self._line_words = sent, in_body, line_words
        self.whole_line = sent.text.strip() == line.strip()
        self.keys = _edge_keys(_normalised(sent.text.split()))
        self._unit = None

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


def _sentence_lines(doc: Document, scope: frozenset[str], min_words: int) -> list[tuple]:
    """(block_no, here, line, lone) of each line of prose blocks (not headings or captions)
    long enough for two sentences or for a pasted one of its own."""
    places = []
    for block_no, block in enumerate(doc.blocks):
        if block.kind not in scope or block.kind in ("heading", "caption"):
            continue
        pos = 0
        lines = block.text.split("\n")
        for line in lines:
            here, pos = pos, pos + len(line) + 1
            spaces = line.count(" ")
            if spaces + 1 < min_words or (spaces + 1 < min(2 * min_words, _FAR_SENTENCE_WORDS)):
                continue  # too short for two sentences or for a pasted one of its own
            places.append((block_no, here, line, len(lines) == 1))
    return places


def _caption_or_heading(line: str, lone: bool) -> bool:
    """A line without final punctuation that stands alone or is in title case: its
    sentences are left to the line units."""
    return not ends_sentence(line) and (lone or is_title_case(line.split()))


def _sentence_candidates(texts: list[str], splits: list[tuple], min_words: int) -> list[tuple]:
    """The sentence pairs sharing a key whose later sentence could copy the earlier, in
    order (in C when built): see `_sentence_candidates_python`."""
    if _scan is not None:
        found = _scan.sentence_candidates(texts, splits, min_words, _FAR_SENTENCE_WORDS, _EDGE_PUNCT)
        if found is not None:
            return found
    return _sentence_candidates_python(texts, splits, min_words)


def _sentence_candidates_python(texts: list[str], splits: list[tuple], min_words: int) -> list[tuple]:
    """The specification of `_sentence_candidates`: (i, j, others) for sentence j of line i
    (`splits[i]`, min_words whitespace tokens or more) and the earlier sentences (i', j')
    sharing an edge key with it that it could copy (`_could_copy`): those of its own line;
    or, when none is before it on its line and it is the whole line and long
    (_FAR_SENTENCE_WORDS), the long sentences of earlier lines that are not whole lines, in
    document order."""
    found = []
    sources: dict[tuple, list[tuple[int, int]]] = defaultdict(list)
    words_of: dict[tuple[int, int], list[str]] = {}
    for i, (line, sents) in enumerate(zip(texts, splits)):
        same_line: list[tuple[int, set]] = []  # (j, keys) of the sentences so far
        for j, sent in enumerate(sents):
            tokens = sent.text.split()
            if len(tokens) < min_words:
                continue
            words = words_of[i, j] = _normalised(tokens)
            keys = _edge_keys(words)
            whole = sent.text.strip() == line.strip()
            long_ = len(tokens) >= _FAR_SENTENCE_WORDS
            if same_line:
                near = [(i, k) for k, theirs in same_line if keys & theirs]
            elif whole and long_:
                near = sorted({o for k in keys for o in sources.get(k, ())})
            else:
                near = []
            others = [o for o in near if _could_copy(words, words_of[o])]
            if others:
                found.append((i, j, others))
            if long_ and not whole:
                for k in keys:
                    sources[k].append((i, j))
            same_line.append((j, keys))
    return found


def _need(u_words: int, v_words: int) -> int:
    """Shared bigrams two units (of so many words) need before they are worth aligning."""
    return max(2, (min(u_words, v_words) - 1) // 2)


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
        places, lines = _prose_lines(doc, self.scope)
        units: dict[int, _Unit] = {}  # built for the lines of candidate pairs only

        def unit(n: int) -> _Unit:
            if n not in units:
                units[n] = _line_unit(doc, n, places[n], _WORDS.findall_lower(lines[n]))
            return units[n]

        reported: set[int] = set()
        for n, others in _line_candidates(lines, self.min_words):
            u = unit(n)
            for other_n in others:
                f = self._compare(doc, u, unit(other_n), reported)
                if f is not None:
                    yield f
                    break

    def _check_sentences(self, doc: Document) -> Iterator[Finding]:
        """Only two kinds of pair can be reported, so only those are compared: sentences of
        one line, and a one-sentence paragraph against the long sentences of the paragraphs
        before it. A copy close enough to count (similarity 0.95) keeps its first two or its
        last two words, so sentences are keyed by those and only pairs sharing a key are
        aligned (`_sentence_candidates`): the sentences and their units (word lists, spans)
        are built for those few pairs only."""
        places = _sentence_lines(doc, self.scope, self.min_words)
        texts = [line for _, _, line, _ in places]
        splits = [split(line) for line in texts]
        candidates = _sentence_candidates(texts, splits, self.min_words)
        if not candidates:
            return
        first_n = list(accumulate(map(len, splits), initial=0))  # sentence numbers, in order
        body = _body_start(doc)
        line_words: dict[int, list[str]] = {}  # per line, filled by the first unit built on it
        built: dict[tuple[int, int], _Sentence] = {}

        is_prose: dict[int, bool] = {}

        def prose(i: int) -> bool:
            if i not in is_prose:
                is_prose[i] = not _caption_or_heading(places[i][2], places[i][3])
            return is_prose[i]

        def sentence(i: int, j: int) -> _Sentence:
            if (i, j) not in built:
                block_no, here, line, _ = places[i]
                built[i, j] = _Sentence(first_n[i] + j, block_no, doc.blocks[block_no], line, here,
                                        splits[i][j], block_no >= body, line_words.setdefault(i, []))
            return built[i, j]

        reported: set[int] = set()
        for i, j, others in candidates:
            if not prose(i):
                continue
            s = sentence(i, j)
            if others[0][0] == i:  # the first sentence of its own line it could copy
                f = self._compare(doc, s.unit, sentence(*others[0]).unit, reported)
                if f is not None:
                    yield f
                continue
            # a whole line: the long sentences of earlier lines, tried key by key
            sources = [sentence(*o) for o in others if prose(o[0])]
            earlier = {k: [v for v in sources if k in v.keys] for k in s.keys}
            for v in {id(v): v for k in s.keys for v in earlier[k]}.values():
                f = self._compare(doc, s.unit, v.unit, reported)
                if f is not None:
                    yield f
                    break

    def _compare(self, doc: Document, u: _Unit, v: _Unit, reported: set[int]) -> Finding | None:
        """Report `u` if it is the copy in the pair (u, v), else None (v's turn decides)."""
        if u.n in reported:
            return None
        if self.unit == "sentence" and not self._sentence_pair(u, v):
            return None
        short, long_ = (u, v) if len(u.words) <= len(v.words) else (v, u)
        # necessary, and far cheaper than aligning: contained() never matches more of the
        # shorter line's words than the two lines have in common (most pairs fail here);
        # first the shorter line's words found at all in the longer one, no fewer and cheaper
        needed = self.similarity * len(short.words)
        in_long = set(long_.words).__contains__
        if sum(map(in_long, short.words)) < needed:
            return None
        common = sum((Counter(short.words) & Counter(long_.words)).values())
        if common < needed:
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
