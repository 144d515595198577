"""Which parts of speech an English word form can be, from lemminflect's lexicon.

lemminflect (data shipped in its wheel) answers `getAllLemmas(word)` with a dict keyed by
part of speech. tlint only needs those keys, and importing lemminflect and decoding its
lemma table costs ~0.5 s: most of a one-article run. So the first run derives the table
word -> set of parts of speech (exactly the keys getAllLemmas would return: the lemma table
merged with lemminflect's overrides) and pickles it in the user cache folder, keyed by the
installed data files; later processes load it in ~15 ms without importing lemminflect.
"""
from __future__ import annotations

import functools
import importlib.util
import os
from array import array
from bisect import bisect_left
from pathlib import Path

from tlint.cachefile import blake2b

POS = ("NOUN", "PROPN", "VERB", "ADJ", "ADV", "AUX")
_DATA_FILES = ("resources/lemma_lu.csv.gz", "resources/lemma_overrides.csv")


def user_cache_dir() -> Path:
    """$TLINT_CACHE_DIR, else $XDG_CACHE_HOME/tlint, else ~/.cache/tlint."""
    env = os.environ.get("TLINT_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "tlint"


def _data_key() -> str | None:
    """A key for the installed lemminflect data (path, size, mtime), without importing it."""
    spec = importlib.util.find_spec("lemminflect")
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(list(spec.submodule_search_locations)[0])
    h = blake2b(digest_size=12)
    for name in _DATA_FILES:
        try:
            st = (root / name).stat()
        except OSError:
            return None
        h.update(f"{root / name}:{st.st_size}:{st.st_mtime_ns};".encode())
    return h.hexdigest()


def _build() -> dict[str, int]:
    """word (lower case) -> bitmask over POS, from lemminflect's own tables."""
    from lemminflect.core.Lemmatizer import Lemmatizer

    lem = Lemmatizer()
    lemmas, overrides = lem._getLemmaDict(), lem._getOverridesDict()
    table: dict[str, int] = {}
    for word in set(lemmas) | set(overrides):
        keys = set(lemmas.get(word, {})) | set(overrides.get(word, {}))
        table[word] = sum(1 << POS.index(k) for k in keys if k in POS)
    return table


class _Table:
    """word -> POS bitmask, looked up by binary search over the sorted words.

    Stored as one string of the sorted words, their end offsets (array of uint32) and one
    mask byte per word: loading is a read and a pickle of three flat objects (~1 ms), where
    unpickling a 70,000-entry dict took ~20 ms of every run that needs the lexicon."""

    __slots__ = ("words", "ends", "masks")

    def __init__(self, words: str, ends: array, masks: bytes):
        self.words, self.ends, self.masks = words, ends, masks

    @classmethod
    def from_dict(cls, data: dict[str, int]) -> "_Table":
        ends, pos = array("I"), 0
        order = sorted(data)
        for w in order:
            pos += len(w)
            ends.append(pos)
        return cls("".join(order), ends, bytes(data[w] for w in order))

    def __len__(self) -> int:
        return len(self.ends)

    def __getitem__(self, i: int) -> str:  # the i-th word, for bisect
        return self.words[self.ends[i - 1] if i else 0:self.ends[i]]

    def get(self, word: str, default: int = 0) -> int:
        i = bisect_left(self, word)
        if i < len(self.ends) and self[i] == word:
            return self.masks[i]
        return default

    def __getstate__(self):
        return self.words, self.ends.tobytes(), self.masks

    def __setstate__(self, state):
        words, ends, self.masks = state
        self.words, self.ends = words, array("I")
        self.ends.frombytes(ends)


@functools.lru_cache(maxsize=1)
def table() -> _Table:
    from tlint import cachefile

    key = _data_key()
    path = user_cache_dir() / f"lexicon-v2-{key}.pickle" if key else None
    if path is not None:
        data = cachefile.read(path)
        if isinstance(data, _Table):
            return data
    data = _Table.from_dict(_build())
    if path is not None:
        cachefile.write(path, data, prefix="lexicon-")
    return data


@functools.lru_cache(maxsize=16384)
def parts_of_speech(word: str) -> frozenset[str]:
    """The parts of speech lemminflect knows `word` as (case-insensitive); empty if unknown."""
    mask = table().get(word.lower(), 0)
    return frozenset(p for i, p in enumerate(POS) if mask >> i & 1)
