"""Pickle files in tlint's cache folders: read them, write them atomically, prune the stale.

Four caches use these (results, compiled packs, module patterns, the lexicon table). A
missing, truncated or incompatible file reads as None: a cache can only make a run
faster, never fail it. A write goes to a temporary file first and replaces the old one in
one step, so a reader never sees half a file. Each write also removes the files of the same
kind (same prefix) that no run has used for STALE_DAYS: keys change with every upgrade of
tlint, regex or the packs, and old entries would otherwise pile up forever. A read marks
its file as used (at most once a day, one utime call).
"""
from __future__ import annotations

import os
import pickle
import time
from pathlib import Path
from typing import Any

try:  # hashlib's own BLAKE2, without hashlib loading OpenSSL first (~4 ms of every run)
    import _blake2 as _blake
except ImportError:  # a Python built without it
    import hashlib as _blake
blake2b = _blake.blake2b

STALE_DAYS = 30
_DAY = 86400


def read(path: Path) -> Any | None:
    try:
        with open(path, "rb") as fh:
            data = pickle.load(fh)
            age = time.time() - os.fstat(fh.fileno()).st_mtime
    except Exception:  # missing, truncated, or from another build: rebuild it
        return None
    if age > _DAY:
        try:
            os.utime(path)  # in use: not stale
        except OSError:
            pass
    return data


def write(path: Path, data: Any, prefix: str) -> None:
    """Write `data` to `path` atomically; then drop stale `prefix*.pickle` files beside it."""
    import tempfile  # only when writing: a run served from the caches never needs it

    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return  # no writable cache folder, or something unpicklable: no cache this time
    prune(folder, prefix, keep=path.name)


def prune(folder: Path, prefix: str, keep: str) -> None:
    cutoff = time.time() - STALE_DAYS * _DAY
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name == keep or not (name.startswith(prefix) and name.endswith(".pickle")):
            continue
        try:
            if entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
        except OSError:
            pass
