"""The finding a rule reports, and the fix it may carry."""
from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("info", "warning", "error")
LEVEL_RANK = {name: rank for rank, name in enumerate(LEVELS)}


@dataclass(frozen=True)
class Fix:
    """Replace source[start:end] with `replacement`. The edit span can be wider than the
    finding (deleting a leaked credit takes the space before it along)."""

    replacement: str
    safe: bool
    start: int
    end: int
    line: int = 0
    column: int = 0
    end_line: int = 0
    end_column: int = 0

    def to_dict(self) -> dict:
        return {
            "replacement": self.replacement,
            "safe": self.safe,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
        }


@dataclass(frozen=True)
class Diagnostic:
    """One finding. `start`/`end` are character offsets into the decoded source (end
    exclusive); line/column are 1-based and count characters."""

    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    rule: str
    severity: str
    message: str
    fix: Fix | None = None

    def sort_key(self) -> tuple:
        return (self.path, self.start, self.end, self.rule)

    def to_dict(self) -> dict:
        """The public JSON contract (DESIGN.md): pinned by tests."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "fix": None if self.fix is None else self.fix.to_dict(),
        }
