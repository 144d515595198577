"""Compiled packs kept between runs: one pickle per pack file in the user cache folder,
keyed by the pack's path and bytes, tlint's code and the regex module's version.

Start-up matters for a pre-commit hook on one article: parsing the YAML, validating ~100
rules and deriving their prefilters costs more than linting the article. Unpickling a
Pack skips all of it (the regex module recompiles the patterns). A missing, stale or
unreadable entry is simply rebuilt; errors are never cached (a broken pack raises first).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path


@functools.lru_cache(maxsize=1)
def _code_key() -> str:
    import regex

    from tlint.cache import package_hash

    return package_hash() + regex.__version__


def _folder() -> Path:
    from tlint.lexicon import user_cache_dir

    return user_cache_dir() / "packs"


def key(path: str, raw: bytes, run_examples: bool) -> str:
    h = hashlib.blake2b(digest_size=16)
    for part in (_code_key(), os.path.abspath(path), str(run_examples)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(raw)
    return h.hexdigest()


def get(k: str):
    try:
        with open(_folder() / f"{k}.pickle", "rb") as fh:
            return pickle.load(fh)
    except Exception:  # missing, truncated, or from an incompatible build: rebuild it
        return None


def put(k: str, pack) -> None:
    import tempfile  # only when a pack was (re)built: ~5 ms a cached run need not pay

    folder = _folder()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-pack-")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(pack, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{k}.pickle")
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # no writable cache folder, or a rule holding something unpicklable
