"""tlint: a linter for machine-translation artifacts.

Public API (kept small and stable):
    lint_text(text, path=..., config=...) -> list[Diagnostic]
    lint_paths(paths, overrides=...) -> list[FileResult]
    Diagnostic, Fix, Config
"""
from __future__ import annotations

from tlint.config import Config
from tlint.diagnostic import Diagnostic, Fix


def lint_text(text, path="<text>", config=None):
    from tlint.engine import lint_text as _lint_text

    return _lint_text(text, path, config)


def lint_paths(paths, overrides=None):
    from tlint.engine import lint_paths as _lint_paths

    return _lint_paths(paths, overrides)


__all__ = ["lint_text", "lint_paths", "Diagnostic", "Fix", "Config"]
