"""tlint: a linter for machine-translation artifacts.

Public API (kept small and stable):
    lint_text(text, path=..., config=...) -> list[Diagnostic]
    lint_paths(paths, overrides=...) -> list[FileResult]
    fix_text(text, path=..., config=..., unsafe=False) -> (new_text, applied, remaining)
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


def fix_text(text, path="<text>", config=None, unsafe=False):
    from tlint.fixes import fix_text as _fix_text

    return _fix_text(text, path, config, unsafe)


__all__ = ["lint_text", "lint_paths", "fix_text", "Diagnostic", "Fix", "Config"]
