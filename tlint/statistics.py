"""`--statistics`: how many findings each rule produced, most frequent first (ruff's
`--statistics`), to size up an archive before adopting tlint."""
from __future__ import annotations

import json
from collections import Counter


def counts(results) -> list[dict]:
    diags = [d for r in results for d in r.diagnostics]
    per_rule = Counter(d.rule for d in diags)
    fixable = Counter(d.rule for d in diags if d.fix is not None and d.fix.safe)
    return [{"rule": rule, "count": n, "fixable": fixable[rule]}
            for rule, n in sorted(per_rule.items(), key=lambda kv: (-kv[1], kv[0]))]


def render(results, stream, as_json: bool = False) -> None:
    rows = counts(results)
    if as_json:
        json.dump(rows, stream, indent=2)
        stream.write("\n")
        return
    width = max((len(str(r["count"])) for r in rows), default=1)
    for r in rows:
        mark = " [*]" if r["fixable"] == r["count"] else (f" [*{r['fixable']}]" if r["fixable"] else "")
        stream.write(f"{r['count']:>{width}}  {r['rule']}{mark}\n")
    total = sum(r["count"] for r in rows)
    stream.write(f"{total} problem{'s' if total != 1 else ''} from {len(rows)} rule{'s' if len(rows) != 1 else ''}.\n")
