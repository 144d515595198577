"""A JSON list of findings, the public contract in DESIGN.md / README (pinned by tests)."""
from __future__ import annotations

import json


def render(results, stream, *, color: bool = False, show_fixes: bool = True, **_context) -> None:
    items = [d.to_dict() for r in results for d in r.diagnostics]
    json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
