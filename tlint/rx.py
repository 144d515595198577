"""`compile`: regex.compile for tlint's own module-level patterns, kept compiled between runs.

Importing the document model and the sentence kind compiles ~30 patterns with the `regex`
module, ~15-20 ms of a one-article run (a pre-commit hook). A compiled `regex` pattern
pickles as its compiled code, and unpickling one takes microseconds, so the patterns are
stored in one pickle in the user cache folder, keyed by the regex module's and Python's
versions, and looked up by (pattern, flags): the result is the very pattern regex.compile
would build. A pattern not yet stored is compiled as usual and the file is rewritten at
exit; a missing or unreadable file only means compiling again. `char_table` keeps the
character-class tables of tlint.words' C scanner in the same store, for the same reason.
"""
from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

import regex

# (pattern, flags) -> compiled pattern; ("char_table", class) -> table (char_table)
_store: dict[tuple, regex.Pattern | bytes] | None = None
_dirty = False


def _path() -> str:
    from tlint.lexicon import user_cache_dir

    tag = f"{regex.__version__}-{sys.implementation.cache_tag}"
    return os.path.join(user_cache_dir(), f"patterns-{tag}.pickle")


def _load() -> dict:
    from tlint import cachefile

    data = cachefile.read(Path(_path()))
    return data if isinstance(data, dict) else {}


def compile(pattern: str, flags: int = 0) -> regex.Pattern:
    return _stored((pattern, flags), lambda: regex.compile(pattern, flags))


_BMP = 0x10000


def char_table(cls: str) -> bytes:
    """One byte per character of the Basic Multilingual Plane: 1 where the regex class `cls`
    (r"[\\p{L}\\p{M}]") matches it, for tlint.words' C scanner. It depends on the regex
    module's Unicode tables as the patterns do, so it is stored with them: building one
    walks all 65,536 characters (~8 ms of a one-article run), loading it takes microseconds."""
    def build() -> bytes:
        out = bytearray(_BMP)
        if cls:
            every = "".join(map(chr, range(_BMP)))
            for m in regex.finditer(f"{cls}+", every):  # letters come in long runs
                out[m.start():m.end()] = b"\x01" * (m.end() - m.start())
        return bytes(out)

    return _stored(("char_table", cls), build)


def class_bits(classes: tuple[str, ...]) -> bytes:
    """One byte per BMP character, bit i set where the regex class `classes[i]` matches it
    (at most 8 classes): several char_tables in one, for a C scan that asks several."""
    def build() -> bytes:
        out = bytearray(_BMP)
        for bit, cls in enumerate(classes):
            for c, member in enumerate(char_table(f"[{cls}]")):
                if member:
                    out[c] |= 1 << bit
        return bytes(out)

    if len(classes) > 8:
        raise ValueError("at most 8 classes fit in a byte")
    return _stored(("class_bits", classes), build)


def _stored(key: tuple, build):
    """The stored value for `key`, else build() it, keep it and save the store at exit."""
    global _store, _dirty
    if _store is None:
        _store = _load()
    value = _store.get(key)
    if value is None:
        value = _store[key] = build()
        if not _dirty:
            _dirty = True
            atexit.register(_save)
    return value


def _save() -> None:
    from tlint import cachefile

    cachefile.write(Path(_path()), _store, prefix="patterns-")
