"""`tlint stats`: per file and in total, words, sentences, reading ease, grade and
findings per rule. Figures come from tlint.readability (textstat counts over tlint's
sentences) for the running prose: paragraphs, list items and quotes, not headings,
captions or table cells, which are not sentences."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from tlint import readability as rd
from tlint.document import parse
from tlint.sources import InputError, read

PROSE = frozenset({"paragraph", "list_item", "quote"})


@dataclass
class FileStats:
    path: str
    counts: rd.Counts = field(default_factory=rd.Counts)
    findings: Counter = field(default_factory=Counter)

    def to_dict(self) -> dict:
        c = self.counts
        return {
            "path": self.path,
            "words": c.words,
            "sentences": c.sentences,
            "reading_ease": round(rd.measure("flesch_reading_ease", c), 1),
            "grade": round(rd.measure("flesch_kincaid_grade", c), 1),
            "findings": dict(sorted(self.findings.items())),
        }


def document_counts(text: str, path: str) -> rd.Counts:
    doc = parse(text, path)
    return rd.total(rd.text_counts(b.text) for b in doc.iter_blocks(PROSE))


def collect(results) -> tuple[list[FileStats], FileStats]:
    """Stats for the files that were linted (engine.FileResult list), and their total."""
    files = []
    for r in results:
        if r.error or r.skipped:
            continue
        try:
            counts = document_counts(read(r.path).text, r.path)
        except InputError:
            continue
        files.append(FileStats(r.path, counts, Counter(d.rule for d in r.diagnostics)))
    total = FileStats("total", rd.total(f.counts for f in files),
                      sum((f.findings for f in files), Counter()))
    return files, total


def render_json(files: list[FileStats], total: FileStats, stream) -> None:
    out = {"files": [f.to_dict() for f in files], "total": {**total.to_dict(), "files": len(files)}}
    del out["total"]["path"]
    json.dump(out, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def render_text(files: list[FileStats], total: FileStats, stream) -> None:
    width = max([len(f.path) for f in files] + [5])
    head = f"{'file':<{width}}  {'words':>7}  {'sentences':>9}  {'ease':>6}  {'grade':>5}  findings"
    stream.write(head + "\n")
    for f in [*files, total]:
        d = f.to_dict()
        found = ", ".join(f"{rule} {n}" for rule, n in d["findings"].items()) or "-"
        stream.write(
            f"{f.path:<{width}}  {d['words']:>7}  {d['sentences']:>9}  "
            f"{d['reading_ease']:>6.1f}  {d['grade']:>5.1f}  {found}\n"
        )
