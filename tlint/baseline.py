"""Baseline files: the findings an archive already has, recorded once by `tlint baseline`,
so `tlint check --baseline FILE` reports only new ones and a repository full of old
artifacts can adopt tlint in CI without fixing everything first.

A finding is keyed by rule, path (relative to the baseline file) and the text around it:
the flagged text plus a few words either side on the same line, whitespace-normalised.
Line numbers are left out on purpose: adding a paragraph above an old artifact must not
make it "new". Keys are counted, so a second copy of the same artifact is still reported.
"""
from __future__ import annotations

import json
import os
from collections import Counter
from pathlib import Path

from tlint.sources import InputError, read

VERSION = 1
CONTEXT = 30  # characters of the line kept on each side of the flagged text


class BaselineError(Exception):
    """An unreadable baseline; str() is the one-line message."""


def _snippet(source: str, start: int, end: int) -> str:
    line_start = source.rfind("\n", 0, start) + 1
    line_end = source.find("\n", end)
    line_end = len(source) if line_end == -1 else line_end
    text = source[max(line_start, start - CONTEXT): min(line_end, end + CONTEXT)]
    return " ".join(text.split())


def _rel(path: str, base: Path) -> str:
    try:
        return Path(os.path.relpath(Path(path).resolve(), base)).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).resolve().as_posix()


class _Sources:
    """Reads each file once; `texts` may pre-fill (stdin)."""

    def __init__(self, texts: dict[str, str] | None = None):
        self.texts = dict(texts or {})

    def __call__(self, path: str) -> str:
        if path not in self.texts:
            try:
                self.texts[path] = read(path).text
            except InputError:
                self.texts[path] = ""
        return self.texts[path]


def key(diag, source: str, base: Path) -> tuple[str, str, str]:
    return (diag.rule, _rel(diag.path, base), _snippet(source, diag.start, diag.end))


def write(path: str, results, texts: dict[str, str] | None = None) -> int:
    """Record every finding of `results`; returns how many."""
    base = Path(path).resolve().parent
    source = _Sources(texts)
    counts = Counter(key(d, source(d.path), base) for r in results for d in r.diagnostics)
    entries = [{"rule": rule, "path": p, "snippet": snippet, "count": n}
               for (rule, p, snippet), n in sorted(counts.items())]
    data = {"tlint-baseline": VERSION, "findings": entries}
    tmp = Path(path).with_name(Path(path).name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return sum(counts.values())


class Baseline:
    def __init__(self, path: str):
        self.base = Path(path).resolve().parent
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            self.counts = Counter({
                (e["rule"], e["path"], e["snippet"]): int(e.get("count", 1))
                for e in data["findings"]
            })
        except FileNotFoundError:
            raise BaselineError(f"{path}: baseline file not found (write one with `tlint baseline`)") from None
        except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError) as exc:
            raise BaselineError(f"{path}: not a tlint baseline file ({exc.__class__.__name__})") from None

    def filter(self, results, texts: dict[str, str] | None = None) -> int:
        """Drop findings the baseline records (in place); returns how many were dropped."""
        remaining = Counter(self.counts)
        source = _Sources(texts)
        dropped = 0
        for r in results:
            kept = []
            for d in r.diagnostics:
                k = key(d, source(d.path), self.base)
                if remaining[k] > 0:
                    remaining[k] -= 1
                    dropped += 1
                else:
                    kept.append(d)
            r.diagnostics = kept
        return dropped
