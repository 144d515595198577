"""Result cache: findings per file, keyed by the file's content hash, tlint's version and the
configuration (packs' own bytes included), like ruff's cache. Re-running over an unchanged
archive reads files and hashes them, and lints nothing.

One pickle per configuration fingerprint under `.tlint_cache/` in the current folder (or
$TLINT_CACHE_DIR), loaded once and written once per run (atomically), so 10,000 articles
cost one small file read, not 10,000.
"""
from __future__ import annotations

import functools
import os
from dataclasses import dataclass, field
from pathlib import Path

from tlint.cachefile import blake2b

from tlint.diagnostic import Diagnostic

CACHE_DIR_NAME = ".tlint_cache"
_VERSION_KEY = None


def _tlint_version() -> str:
    global _VERSION_KEY
    if _VERSION_KEY is None:
        try:
            from importlib.metadata import version

            _VERSION_KEY = version("tlint")
        except Exception:  # not installed (running from a checkout)
            _VERSION_KEY = "dev"
        # the code itself: an edited checkout must not serve stale results
        h = blake2b(package_hash().encode(), digest_size=16)
        # the libraries whose behaviour shapes findings: regex, the Markdown parser, the lexicon
        from tlint.lexicon import _data_key

        h.update(repr((_dist_version("regex"), _dist_version("markdown-it-pyrs"),
                       _data_key())).encode())
        _VERSION_KEY += "-" + h.hexdigest()
    return _VERSION_KEY


@functools.lru_cache(maxsize=1)
def package_hash() -> str:
    """code_hash of tlint itself, once per process (the result and pack caches both key on it)."""
    return code_hash(Path(__file__).resolve().parent)


def code_hash(package_dir: Path) -> str:
    """A hash of every .py file under the package folder: its name, size and modification
    time. Any edit changes them, and a stat costs far less than reading and hashing the
    bytes, which every run (a one-article hook run too) would pay twice."""
    h = blake2b(digest_size=16)
    for p in sorted(package_dir.rglob("*.py")):
        st = p.stat()
        h.update(f"{p.relative_to(package_dir)}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    return h.hexdigest()


def _dist_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def fingerprint(config_repr: str, pack_files: list[str]) -> str:
    """A key for everything but the file: tlint's code, the config, the packs' bytes."""
    h = blake2b(digest_size=16)
    h.update(_tlint_version().encode())
    h.update(config_repr.encode())
    for f in pack_files:
        h.update(f.encode())
        try:
            h.update(Path(f).read_bytes())
        except OSError:
            pass
    return h.hexdigest()


def content_key(raw: bytes) -> str:
    return blake2b(raw, digest_size=16).hexdigest()


def cache_dir() -> Path:
    return Path(os.environ.get("TLINT_CACHE_DIR") or Path.cwd() / CACHE_DIR_NAME)


@dataclass
class ResultCache:
    """path -> (content key, diagnostics) for one configuration fingerprint."""

    key: str
    entries: dict[str, tuple[str, list[Diagnostic]]] = field(default_factory=dict)
    dirty: bool = False

    @classmethod
    def load(cls, key: str) -> "ResultCache":
        from tlint import cachefile

        entries = cachefile.read(cache_dir() / f"{key}.pickle")
        return cls(key, entries) if isinstance(entries, dict) else cls(key)

    def get(self, path: str, ckey: str) -> list[Diagnostic] | None:
        hit = self.entries.get(path)
        if hit is not None and hit[0] == ckey:
            return hit[1]
        return None

    def put(self, path: str, ckey: str, diagnostics: list[Diagnostic]) -> None:
        self.entries[path] = (ckey, diagnostics)
        self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        from tlint import cachefile

        d = cache_dir()
        try:
            d.mkdir(parents=True, exist_ok=True)
            gitignore = d / ".gitignore"
            if not gitignore.exists():
                gitignore.write_text("# created by tlint\n*\n")
        except OSError:
            return  # a read-only folder just means no cache
        cachefile.write(d / f"{self.key}.pickle", self.entries, prefix="")
