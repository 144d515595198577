#!/usr/bin/env python3
"""What the readability pack adds to the default `tlint check` time.

    python3 bench/readability_cost.py [CORPUS_DIR] [--files 1000] [--runs 3]

Without CORPUS_DIR, generates 1,000 articles with /work/shared/bench/make_corpus.py (or
$MAKE_CORPUS) into a temporary folder. Times `tlint check` as a fresh process (what a user
and pre-commit pay, including importing textstat and loading the CMU dictionary) with the
default packs, and again with the opt-in readability pack added (a config with
`extend-packs: [readability]`); prints the best of N runs of each and the difference in
percent. The result cache is bypassed (`--no-cache`). Times are CPU seconds (user + system) of the tlint process. Prints figures; asserts nothing.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

MAKE_CORPUS = os.environ.get("MAKE_CORPUS", "/work/shared/bench/make_corpus.py")


def tlint_cmd() -> list[str]:
    exe = shutil.which("tlint", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "tlint.cli"]


def best_time(args: list[str], runs: int) -> float:
    """Best CPU time (user + system) of the child over `runs`: on a shared machine wall
    time mostly measures the neighbours."""
    best = float("inf")
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(tlint_cmd() + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
    return best


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?")
    ap.add_argument("--files", type=int, default=1000)
    ap.add_argument("--mb", type=float, default=5.0)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    tmp = None
    corpus = args.corpus
    if corpus is None:
        tmp = tempfile.mkdtemp(prefix="tlint-rd-")
        corpus = os.path.join(tmp, "corpus")
        subprocess.run([sys.executable, MAKE_CORPUS, "--out", corpus, "--files", str(args.files),
                        "--mb", str(args.mb), "--truth", os.path.join(tmp, "truth.jsonl")],
                       check=True, stdout=subprocess.DEVNULL)
    n = sum(1 for p in Path(corpus).rglob("*") if p.suffix in (".md", ".txt"))
    conf_dir = tempfile.mkdtemp(prefix="tlint-rd-conf-")
    conf = os.path.join(conf_dir, "with-readability.yaml")
    Path(conf).write_text("extend-packs: [readability]\n", encoding="utf-8")
    plain, extended = ["check", "--no-cache"], ["check", "--no-cache", "--config", conf]
    without = best_time(plain + [corpus], args.runs)
    with_pack = best_time(extended + [corpus], args.runs)
    one = sorted(Path(corpus).rglob("*.md"))[:1]
    single_without = best_time(plain + [str(one[0])], args.runs) if one else 0
    single_with = best_time(extended + [str(one[0])], args.runs) if one else 0
    shutil.rmtree(conf_dir, ignore_errors=True)
    print(f"{n} files in {corpus}")
    print(f"default packs without readability: {without:.2f} s CPU")
    print(f"default packs with readability:    {with_pack:.2f} s CPU")
    print(f"readability adds {with_pack - without:.2f} s = {100 * (with_pack - without) / without:.1f}%")
    if one:
        print(f"one file (pre-commit on one article): {single_without:.2f} s -> {single_with:.2f} s")
    if tmp:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
