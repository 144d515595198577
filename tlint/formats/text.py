"""`path:line:col: level rule message [*]`, then a summary (coloured on a terminal)."""
from __future__ import annotations

from collections import Counter

import click

_COLORS = {"error": "red", "warning": "yellow", "info": "blue"}


def render(results, stream, *, color: bool = False, show_fixes: bool = True,
           quiet: bool = False, **_context) -> None:
    diags = [d for r in results for d in r.diagnostics]
    for d in diags:
        loc = f"{d.path}:{d.line}:{d.column}:"
        level = d.severity
        marker = " [*]" if d.fix is not None and d.fix.safe else (" [~]" if d.fix else "")
        if color:
            loc = click.style(loc, bold=True)
            level = click.style(level, fg=_COLORS[d.severity])
        stream.write(f"{loc} {level} {d.rule} {d.message}{marker}\n")
    if not quiet:  # --quiet: the findings only
        stream.write(summary(diags) + "\n")


def summary(diags) -> str:
    if not diags:
        return "No problems found."
    counts = Counter(d.severity for d in diags)
    parts = [f"{counts[k]} {k}{'s' if counts[k] != 1 and k != 'info' else ''}"
             for k in ("error", "warning", "info") if counts[k]]
    files = len({d.path for d in diags})
    text = (f"Found {len(diags)} problem{'s' if len(diags) != 1 else ''} "
            f"({', '.join(parts)}) in {files} file{'s' if files != 1 else ''}.")
    safe = sum(1 for d in diags if d.fix is not None and d.fix.safe)
    unsafe = sum(1 for d in diags if d.fix is not None and not d.fix.safe)
    if safe:
        text += f"\n[*] {safe} fixable with `tlint fix`."
    if unsafe:
        text += f"\n[~] {unsafe} more fixable with `tlint fix --unsafe`."
    return text
