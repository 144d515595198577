"""Compiled packs kept between runs: one pickle per pack file in the user cache folder,
keyed by the pack's path and bytes, tlint's code and the regex module's version.

Start-up matters for a pre-commit hook on one article: parsing the YAML, validating ~100
rules and deriving their prefilters costs more than linting the article. Unpickling a
Pack skips all of it (the regex module recompiles the patterns). A missing, stale or
unreadable entry is simply rebuilt; errors are never cached (a broken pack raises first).
"""
from __future__ import annotations

import functools
import os
from pathlib import Path

from tlint.cachefile import blake2b


@functools.lru_cache(maxsize=1)
def _code_key() -> str:
    import regex

    from tlint.cache import package_hash

    return package_hash() + regex.__version__


def _folder() -> Path:
    from tlint.lexicon import user_cache_dir

    return user_cache_dir() / "packs"


def key(path: str, raw: bytes, run_examples: bool) -> str:
    h = blake2b(digest_size=16)
    for part in (_code_key(), os.path.abspath(path), str(run_examples)):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(raw)
    return h.hexdigest()


def get(k: str):
    from tlint import cachefile

    return cachefile.read(_folder() / f"{k}.pickle")


def put(k: str, pack) -> None:
    from tlint import cachefile

    cachefile.write(_folder() / f"{k}.pickle", pack, prefix="")
