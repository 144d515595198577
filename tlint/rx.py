"""`compile`: regex.compile for tlint's own module-level patterns, kept compiled between runs.

Importing the document model and the sentence kind compiles ~30 patterns with the `regex`
module, ~15-20 ms of a one-article run (a pre-commit hook). A compiled `regex` pattern
pickles as its compiled code, and unpickling one takes microseconds, so the patterns are
stored in one pickle in the user cache folder, keyed by the regex module's and Python's
versions, and looked up by (pattern, flags): the result is the very pattern regex.compile
would build. A pattern not yet stored is compiled as usual and the file is rewritten at
exit; a missing or unreadable file only means compiling again.
"""
from __future__ import annotations

import atexit
import os
import sys
from pathlib import Path

import regex

_store: dict[tuple[str, int], regex.Pattern] | None = None
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
    global _store, _dirty
    if _store is None:
        _store = _load()
    key = (pattern, flags)
    compiled = _store.get(key)
    if compiled is None:
        compiled = _store[key] = regex.compile(pattern, flags)
        if not _dirty:
            _dirty = True
            atexit.register(_save)
    return compiled


def _save() -> None:
    from tlint import cachefile

    cachefile.write(Path(_path()), _store, prefix="patterns-")
