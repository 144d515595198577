#!/usr/bin/env python3
"""How long `tlint fix` takes on an archive. Prints figures; asserts nothing.

    python3 /work/shared/bench/make_corpus.py --out /tmp/corpus --mb 5 --files 1000
    python3 bench/fix_speed.py /tmp/corpus

The folder is copied to a temporary one first (fix writes in place), then timed as a user
runs it, one process each: `check`, `fix --diff`, `fix`, and `fix` again on the fixed copy
(the no-op run of a nightly job). Run it with the interpreter tlint is installed in.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run(args: list[str]) -> tuple[float, int, str]:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "tlint.cli", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - t0
    summary = next((ln for ln in (p.stdout + p.stderr).splitlines()
                    if ln.startswith(("Fixed", "Would fix", "Found", "No problems"))), "")
    return elapsed, p.returncode, summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", type=Path, help="folder of articles (left untouched)")
    ap.add_argument("--unsafe", action="store_true", help="also time with --unsafe")
    args = ap.parse_args()
    files = [p for p in args.corpus.rglob("*") if p.suffix in (".md", ".markdown", ".txt")]
    size = sum(p.stat().st_size for p in files)
    print(f"corpus: {len(files)} files, {size / 2**20:.2f} MiB ({args.corpus})")
    with tempfile.TemporaryDirectory(prefix="tlint-fix-bench-") as tmp:
        copy = Path(tmp) / "archive"
        shutil.copytree(args.corpus, copy)
        steps = [("check", ["check", str(copy)]),
                 ("fix --diff", ["fix", "--diff", str(copy)]),
                 ("fix", ["fix", str(copy)] + (["--unsafe"] if args.unsafe else [])),
                 ("fix (again, nothing left to fix)", ["fix", str(copy)])]
        for name, cmd in steps:
            elapsed, code, summary = run(cmd)
            print(f"{name:<34} {elapsed:7.2f} s  {len(files) / elapsed:7.0f} files/s  exit {code}  {summary}")


if __name__ == "__main__":
    main()
