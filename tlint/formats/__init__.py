"""Output formats: one module each, registered here. A format module defines
`render(results, stream, *, color, show_fixes, **context) -> None`, where `results` is a
list of engine.FileResult in output order; `context` may carry `rules` (rule id -> Rule,
the metadata SARIF needs); formats ignore what they do not use."""
from __future__ import annotations

import importlib

FORMATS: dict[str, str] = {
    "text": "tlint.formats.text",
    "json": "tlint.formats.json",
    "github": "tlint.formats.github",
    "sarif": "tlint.formats.sarif",
}


def renderer(name: str):
    return importlib.import_module(FORMATS[name]).render


def auto_format() -> str:
    """`--format auto`: annotations under GitHub Actions, text elsewhere."""
    import os

    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
