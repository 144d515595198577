"""GitHub Actions workflow commands: one `::error file=…,line=…::message` line per finding,
which GitHub turns into annotations on the pull request's diff.

Escaping follows @actions/core (toolkit/packages/core/src/command.ts): in the message `%`,
CR and LF are percent-encoded; in property values `:` and `,` are too, since they
delimit the properties."""
from __future__ import annotations

from pathlib import Path

# GitHub has three annotation levels; tlint's `info` maps to `notice`.
_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def workspace_path(path: str) -> str:
    """GitHub matches `file=` against paths relative to the checkout (the working folder in
    a workflow): `./news/a.md` and absolute paths inside it become `news/a.md`."""
    try:
        return Path(path).resolve().relative_to(Path.cwd().resolve()).as_posix()
    except (ValueError, OSError):
        return path


def annotation(d) -> str:
    props = [
        ("file", workspace_path(d.path)),
        ("line", d.line),
        ("col", d.column),
        ("endLine", d.end_line),
        ("endColumn", d.end_column),  # exclusive, as tlint and ruff report it
        ("title", d.rule),
    ]
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props)
    return f"::{_COMMAND[d.severity]} {joined}::{escape_data(d.message)}"


def render(results, stream, *, color: bool = False, show_fixes: bool = True, **_context) -> None:
    for r in results:
        for d in r.diagnostics:
            stream.write(annotation(d) + "\n")
