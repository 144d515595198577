"""Word patterns scanned in C: the words the regex module finds, several times faster
(and, over a list of words, where a unit of them repeats back to back).

The kinds split block text into words with patterns of one shape: a first character, a
body, and a tail after a joiner (`don't`, `al-Sham`), once or repeated:

    F B* (?:J T+)?      or      F B* (?:J T+)*

A `WordPattern` keeps that pattern compiled by the regex module (the specification) and,
when the optional extension `tlint._scan` was built at install, scans with a C loop over
class tables that the regex module itself fills for the Basic Multilingual Plane
(rx.char_table), so both agree on every character. A text with a character beyond the BMP
(an emoji), an install without a C compiler, or TLINT_PURE_PYTHON=1 use the regex module;
the words are the same either way (tests/test_words.py compares them).
"""
from __future__ import annotations

import os
import re
from operator import eq

import regex

from tlint import rx

try:
    from tlint import _scan
except ImportError:  # built only where a C compiler was at install
    _scan = None
if os.environ.get("TLINT_PURE_PYTHON"):
    _scan = None


class WordPattern:
    """F B* (?:J T+)? (or * with `repeat`); classes in regex syntax (r"[\\p{L}\\p{M}]"),
    `joiners` the joining characters themselves."""

    def __init__(self, first: str, body: str, joiners: str = "", tail: str = "", repeat: bool = False):
        if bool(joiners) != bool(tail):
            raise ValueError("a tail needs its joiners and joiners a tail")
        joiner_class = f"[{regex.escape(joiners)}]" if joiners else ""
        self.pattern = f"{first}{body}*" + (f"(?:{joiner_class}{tail}+)" + ("*" if repeat else "?") if joiners else "")
        self.regex = rx.compile(self.pattern)
        self._classes = (first, body, joiner_class, tail)
        self._repeat = repeat
        self._args: tuple | None = None

    def _scan_args(self) -> tuple:
        if self._args is None:
            self._args = (*map(rx.char_table, self._classes), self._repeat)
        return self._args

    def findall(self, text: str) -> list[str]:
        if _scan is not None:
            found = _scan.words(text, *self._scan_args(), text)
            if found is not None:
                return found
        return self.regex.findall(text)

    def count(self, text: str, limit: int) -> int:
        """len(self.findall(text)), or `limit` if that is less: counted in C, stopping at
        the limit ("has it 8 words?"), without a string per word."""
        if _scan is not None:
            found = _scan.count_words(text, *self._scan_args(), limit)
            if found is not None:
                return found
        return min(len(self.findall(text)), limit)

    def repeat_starts(self, text: str, min_n: int, max_n: int) -> list[int]:
        """repeat_starts(self.findall_lower(text), min_n, max_n): in C over the words as
        spans of the text's lower case, without a string per word, where that is exact."""
        lowered = lower_in_place(text) if _scan is not None else None
        if lowered is not None:
            found = _scan.text_repeat_starts(text, lowered, *self._scan_args(), min_n, max_n)
            if found is not None:
                return found
        return repeat_starts(self.findall_lower(text), min_n, max_n)

    def repeat_offsets(self, text: str, min_n: int, max_n: int, lowered: str | None = None) -> list[int] | None:
        """The offsets in `text` of the words at repeat_starts(text, min_n, max_n), or None
        where the C scanner cannot answer (no extension, a text beyond the BMP, a lower
        case of another length). `lowered`: text.lower(), where the caller has it."""
        if _scan is None:
            return None
        lowered = lower_in_place(text, lowered)
        if lowered is None:
            return None
        return _scan.text_repeat_starts(text, lowered, *self._scan_args(), min_n, max_n, True)

    def spans_lower(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, the word in lower case) of each word: self.regex.finditer(text)
        zipped with findall_lower(text)."""
        lowered = lower_in_place(text) if _scan is not None else None
        if lowered is not None:
            found = _scan.words(text, *self._scan_args(), lowered, True)
            if found is not None:
                return found
        return [(m.start(), m.end(), w) for m, w in zip(self.regex.finditer(text), self.findall_lower(text))]

    def findall_lower(self, text: str) -> list[str]:
        """The words in lower case, as word.lower() makes each."""
        lowered = lower_in_place(text) if _scan is not None else None
        if lowered is not None:
            found = _scan.words(text, *self._scan_args(), lowered)
            if found is not None:
                return found
        return [w.lower() for w in self.findall(text)]


def lower_in_place(text: str, lowered: str | None = None) -> str | None:
    """text.lower() (or `lowered`, the caller's copy of it) where each word's lower case
    lies at the word's own offsets, as the C scanner reads it; None where the length
    changed (İ -> i̇) or a capital sigma's form depends on what follows the word: then
    the words are lowered one by one."""
    lowered = text.lower() if lowered is None else lowered
    return lowered if len(lowered) == len(text) and "Σ" not in text else None


# The classes of the C scanner's class-bit table, in bit order (C_SPACE, C_DIGIT, C_LETTER,
# C_UPPER in _scan.c): the regex module's \s, \d, \p{L} and \p{Lu}.
CLASS_BITS = (r"\s", r"\d", r"\p{L}", r"\p{Lu}")


_class_bits: bytes | None = None


def class_bits() -> bytes:
    """The table of CLASS_BITS, one byte per BMP character (built once, stored: rx; kept
    here too, as ends_sentence asks for it on every call)."""
    global _class_bits
    if _class_bits is None:
        _class_bits = rx.class_bits(CLASS_BITS)
    return _class_bits


def holds_class(cls: str, text: str) -> bool:
    """Whether `text` has a character of the regex class `cls` (a set like "[’]"):
    a prefilter for a rule whose every match holds one. In C over a class table where the
    extension is built (a character beyond the BMP counts as a yes), else by the regex."""
    if _scan is not None:
        return _scan.find_class(text, rx.char_table(cls)) >= 0
    return rx.compile(cls).search(text) is not None


def repeat_starts(words: list[str], min_n: int, max_n: int) -> list[int]:
    """The sorted positions i where an n-word unit (min_n <= n <= max_n) may repeat back to
    back: words[i + k] == words[i + n + k] for every k < n (a run of n equal pairs)."""
    if _scan is not None:
        return _scan.repeat_starts(words, min_n, max_n)
    starts: set[int] = set()
    for n in range(min_n, max_n + 1):
        same = bytes(map(eq, words, words[n:]))
        run = b"\x01" * n
        if run in same:
            starts.update(m.start() for m in re.finditer(b"(?=%s)" % run, same))
    return sorted(starts)
