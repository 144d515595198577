"""Output formats: one module each, registered here. A format module defines
`render(results, stream, *, color, show_fixes) -> None`, where `results` is a list of
engine.FileResult in output order."""
from __future__ import annotations

import importlib

FORMATS: dict[str, str] = {
    "text": "tlint.formats.text",
    "json": "tlint.formats.json",
}


def renderer(name: str):
    return importlib.import_module(FORMATS[name]).render
