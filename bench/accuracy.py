#!/usr/bin/env python3
"""Recall per artifact class and overall precision of the default packs on a labelled corpus.

    python3 bench/accuracy.py CORPUS_DIR [CORPUS_DIR ...] [-v]

Several folders are scored together (figures over all of them). Each CORPUS_DIR holds X.txt (or X.md) with X.gold beside it: one artifact a line,
LINE<TAB>SNIPPET<TAB>CATEGORY[<TAB>optional]. A finding (error or warning; info does not
count) matches an artifact when it is on the artifact's line and its column span overlaps
the snippet's first occurrence there. Optional artifacts are neither counted for recall nor
false alarms when flagged. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def missing_dependencies() -> list[str]:
    """tlint's required distributions (pyproject.toml) that this Python lacks. The script
    lints with the checkout's own tlint, so it runs without `pip install .`, but not
    without tlint's dependencies: say so in one line instead of a traceback mid-run."""
    import re
    import tomllib
    from importlib import metadata

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    missing = []
    for req in project["dependencies"]:
        if ";" in req:
            continue  # platform-conditional, and optional where it applies (hyperscan)
        name = re.match(r"[A-Za-z0-9._-]+", req).group()
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            missing.append(name)
    return missing


if __name__ == "__main__" and (_missing := missing_dependencies()):
    sys.exit(f"bench/accuracy.py: {sys.executable} lacks tlint's dependencies "
             f"({', '.join(_missing)}): install them with `pip install .` "
             "(README), or run this with the Python tlint is installed in")

sys.path.insert(0, str(ROOT))

from tlint.engine import lint_text  # noqa: E402
from tlint.sources import decode  # noqa: E402


def load_gold(path: Path, lines: list[str]) -> list[dict]:
    items = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip():
            continue
        parts = raw.split("\t")
        line = int(parts[0])
        snippet = parts[1] if len(parts) > 1 else ""
        category = parts[2] if len(parts) > 2 else "?"
        optional = len(parts) > 3 and parts[3].strip() == "optional"
        text = lines[line - 1] if line - 1 < len(lines) else ""
        col = text.find(snippet) if snippet else -1
        if snippet and col == -1:
            col = text.lower().find(snippet.lower())
        span = (col, col + len(snippet)) if col >= 0 and snippet else (0, len(text) + 1)
        items.append({"line": line, "span": span, "category": category,
                      "optional": optional, "snippet": snippet})
    return items


def gold_files(folder: Path) -> list[Path]:
    """The labelled texts of a folder: X.txt or X.md with X.gold beside it."""
    if not folder.is_dir():
        sys.exit(f"{folder}: not a folder")
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".md") and p.with_suffix(".gold").exists())


def overlaps(diag, item) -> bool:
    if not diag.line <= item["line"] <= diag.end_line:
        return False
    start = diag.column - 1 if diag.line == item["line"] else 0
    end = diag.end_column - 1 if diag.end_line == item["line"] else 10**9
    a, b = item["span"]
    return start < b and a < max(end, start + 1)


@dataclass
class Score:
    """Counts of one scoring run; per-class recall and overall precision derive from them."""

    found: dict = field(default_factory=lambda: defaultdict(int))
    total: dict = field(default_factory=lambda: defaultdict(int))
    true_pos: int = 0
    false_pos: int = 0
    misses: list = field(default_factory=list)
    alarms: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        n = sum(self.total.values())
        return sum(self.found.values()) / n if n else 1.0

    @property
    def precision(self) -> float:
        n = self.true_pos + self.false_pos
        return self.true_pos / n if n else 1.0


def score(files: list[Path], config=None) -> Score:
    """Lint each labelled file with the default packs (or `config`) and match findings to gold."""
    s = Score()
    for path in files:
        src = decode(path.read_bytes(), str(path))
        lines = src.text.split("\n")
        gold = load_gold(path.with_suffix(".gold"), lines)
        diags = [d for d in lint_text(src.text, path.name, config) if d.severity in ("error", "warning")]
        for item in gold:
            if item["optional"]:
                continue
            s.total[item["category"]] += 1
            if any(overlaps(d, item) for d in diags):
                s.found[item["category"]] += 1
            else:
                s.misses.append(f"{path.name}:{item['line']}: {item['category']}: {item['snippet']!r}")
        for d in diags:
            hits = [i for i in gold if overlaps(d, i)]
            if any(not i["optional"] for i in hits):
                s.true_pos += 1
            elif hits:
                continue  # matches only a judgement call: neither right nor wrong
            else:
                s.false_pos += 1
                s.alarms.append(f"{path.name}:{d.line}:{d.column}: {d.rule}: {lines[d.line - 1][d.column - 1:d.column + 40]!r}")
    return s


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+", help="folders of X.txt/X.md with X.gold beside them")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false alarms")
    args = ap.parse_args()
    files = [p for folder in args.corpus for p in gold_files(Path(folder))]
    s = score(files)
    print(f"{'class':<14}{'found':>7}{'total':>7}{'recall':>9}")
    for cat in sorted(s.total):
        print(f"{cat:<14}{s.found[cat]:>7}{s.total[cat]:>7}{s.found[cat] / s.total[cat]:>9.2f}")
    if args.verbose:
        print("\nmisses:")
        print("\n".join("  " + m for m in s.misses) or "  none")
        print("\nfalse alarms:")
        print("\n".join("  " + a for a in s.alarms) or "  none")
    flagged = s.true_pos + s.false_pos
    print(f"\nfiles {len(files)}  findings {flagged}  false alarms {s.false_pos}")
    print(f"recall {s.recall:.3f} ({sum(s.found.values())}/{sum(s.total.values())})"
          f"  precision {s.precision:.3f} ({s.true_pos}/{flagged})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
