"""A JSON list of findings, the public contract in DESIGN.md / README (pinned by tests)."""
from __future__ import annotations

import json


def render(results, stream, *, color: bool = False, show_fixes: bool = True, **_context) -> None:
    items = [d.to_dict() for r in results for d in r.diagnostics]
    # one write: json.dump writes every token on its own (~60 writes a finding), and a
    # write to sys.stdout costs microseconds
    stream.write(json.dumps(items, ensure_ascii=False, indent=2) + "\n")
