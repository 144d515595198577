"""Reading article files: bytes -> text, keeping what `fix` must put back (BOM), and the
one-line errors for inputs that cannot be linted."""
from __future__ import annotations

from dataclasses import dataclass

BOM = "\ufeff"


class InputError(Exception):
    """An input that cannot be linted; str() is the one-line message, naming the file."""


class EmptyInput(InputError):
    """An empty file: reported, not an error for the exit code."""


@dataclass(frozen=True)
class Source:
    path: str
    text: str          # decoded, without the BOM
    bom: bool
    raw: bytes         # exactly what was read, so `fix` can detect a change on disk


def decode(raw: bytes, path: str) -> Source:
    if not raw.strip():
        raise EmptyInput(f"{path}: empty file, nothing to lint")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file (NUL bytes), not linted")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: not valid UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}); "
            "convert the file to UTF-8"
        ) from None
    bom = text.startswith(BOM)
    return Source(path, text[1:] if bom else text, bom, raw)


def read(path: str) -> Source:
    try:
        with open(path, "rb") as fh:  # (not Path.read_bytes: parsing a Path costs more than the read)
            raw = fh.read()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return decode(raw, path)


def attempt(load, *args) -> tuple[Source | None, dict[str, str]]:
    """Run `read(path)` or `decode(raw, path)`. On an input that cannot be linted, (None, the
    keyword a result record takes: `skipped=` for an empty file, `error=` otherwise)."""
    try:
        return load(*args), {}
    except EmptyInput as exc:
        return None, {"skipped": str(exc)}
    except InputError as exc:
        return None, {"error": str(exc)}
