#!/usr/bin/env python3
"""Speed, memory and recall of tlint against the peers a user would try instead.

    python3 bench/speed.py [--sizes 1 5 20] [--reps 3] [--work /tmp/tlint-bench] [--no-peers]

In one run on one machine: generates corpora with ../shared/bench/make_corpus.py (~5 KB
articles), then times whole processes (median of --reps runs; peak RSS from wait4):
`tlint check` (default packs, no cache), `tlint fix --diff`, a cached re-run of `tlint check`,
`tlint check` on one article, and the peers installed in a scratch environment under --work
(proselint from PyPI; textlint with a few English rules from npm). Prints files/s, MB/s,
peak memory, the ratio tlint/peer, and recall on the corpus's ground truth for each tool.
Prints figures only; asserts nothing.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# ../shared/bench/make_corpus.py beside the checkout, else the machine's shared copy
MAKE_CORPUS = next((p for p in (ROOT.parent / "shared" / "bench" / "make_corpus.py",
                                Path("/work/shared/bench/make_corpus.py")) if p.exists()),
                   ROOT.parent / "shared" / "bench" / "make_corpus.py")
TEXTLINT_RULES = {
    "textlint-rule-write-good": "write-good",
    "@textlint-rule/textlint-rule-no-unmatched-pair": "@textlint-rule/no-unmatched-pair",
    "textlint-rule-common-misspellings": "common-misspellings",
    "textlint-rule-doubled-spaces": "doubled-spaces",
}


def tlint_exe() -> list[str]:
    """The console script of the Python running this benchmark (a venv's), not a shim."""
    exe = Path(sys.executable).parent / "tlint"
    return [str(exe)] if exe.exists() else [shutil.which("tlint") or "tlint"]


def run(cmd, cwd=None, env=None) -> tuple[float, int, bytes]:
    """Wall seconds, peak RSS in MiB (the process and the children it waited for), stdout."""
    start = time.perf_counter()
    p = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    out = p.stdout.read()
    _, _, usage = os.wait4(p.pid, 0)
    p.returncode = 0
    wall = time.perf_counter() - start
    return wall, usage.ru_maxrss // 1024, out


def timed(cmd, reps, cwd=None, env=None):
    walls, peaks, out = [], [], b""
    for _ in range(reps):
        wall, peak, out = run(cmd, cwd, env)
        walls.append(wall)
        peaks.append(peak)
    return statistics.median(walls), max(peaks), out


def make_corpus(work: Path, mb: int) -> tuple[Path, Path]:
    out = work / f"c{mb}"
    truth = work / f"c{mb}.truth.jsonl"
    if not truth.exists():
        subprocess.run([sys.executable, str(MAKE_CORPUS), "--out", str(out), "--mb", str(mb),
                        "--files", str(mb * 200), "--truth", str(truth)],
                       check=True, stdout=subprocess.DEVNULL)
    return out, truth


def setup_peers(work: Path, proselint: str | None, textlint_dir: str | None) -> dict[str, tuple[list[str], Path | None]]:
    """Scratch installs (or the ones given); a peer that cannot be installed is left out.
    Each peer: (command, working folder)."""
    peers: dict[str, tuple[list[str], Path | None]] = {}
    venv = work / "proselint-venv"
    exe = Path(proselint) if proselint else venv / "bin" / "proselint"
    if not exe.exists() and not proselint:
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", "proselint"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if exe.exists():
        peers["proselint"] = ([str(exe), "check", "-o", "json"], None)
    else:
        print("note: proselint could not be installed; left out")
    npm_dir = Path(textlint_dir) if textlint_dir else work / "textlint"
    exe = npm_dir / "node_modules" / ".bin" / "textlint"
    if not exe.exists() and shutil.which("npm"):
        npm_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "init", "-y"], cwd=npm_dir, stdout=subprocess.DEVNULL)
        subprocess.run(["npm", "install", "--silent", "textlint", *TEXTLINT_RULES], cwd=npm_dir,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if exe.exists():
        rc = npm_dir / ".textlintrc.json"
        rc.write_text(json.dumps({"rules": {name: True for name in TEXTLINT_RULES.values()}}))
        # run from its folder: textlint resolves the rule packages from there
        peers["textlint"] = ([str(exe), "-c", str(rc), "-f", "json"], npm_dir)
    else:
        print("note: textlint could not be installed (npm registry unreachable?); left out")
    return peers


# ---------------------------------------------------------------- recall


def load_truth(truth: Path) -> list[dict]:
    return [json.loads(line) for line in truth.read_text().splitlines() if line.strip()]


def hits_tlint(out: bytes) -> set[tuple[str, int, int, int]]:
    return {(Path(d["path"]).name, d["line"], d["column"], d["end_column"] if d["end_line"] == d["line"] else 10**6)
            for d in json.loads(out or b"[]") if d["severity"] in ("error", "warning")}


def hits_proselint(out: bytes) -> set:
    data = json.loads(out or b"{}").get("result", {})
    hits = set()
    for uri, res in data.items():
        name = Path(uri.replace("file://", "")).name
        for d in res.get("diagnostics", []):
            line, col = d["pos"]
            width = d["span"][1] - d["span"][0]
            hits.add((name, line, col, col + max(width, 1)))
    return hits


def hits_textlint(out: bytes) -> set:
    hits = set()
    for f in json.loads(out or b"[]"):
        name = Path(f["filePath"]).name
        for m in f["messages"]:
            start, end = m["loc"]["start"], m["loc"]["end"]
            end_col = end["column"] + 1 if end["line"] == start["line"] else 10**6
            hits.add((name, start["line"], start["column"] + 1, max(end_col, start["column"] + 2)))
    return hits


def recall(truth: list[dict], hits: set) -> float:
    by_line: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for name, line, col, end in hits:
        by_line.setdefault((name, line), []).append((col, end))
    found = 0
    for t in truth:
        a, b = t["column"], t["column"] + max(len(t["text"]), 1)
        if any(c < b and a < e for c, e in by_line.get((t["file"], t["line"]), [])):
            found += 1
    return found / len(truth) if truth else 1.0


# ---------------------------------------------------------------- main


def main() -> int:
    ap = argparse.ArgumentParser(description="tlint speed benchmark")
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 5, 20], help="corpus sizes in MB")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--work", default="/tmp/tlint-bench")
    ap.add_argument("--no-peers", action="store_true")
    ap.add_argument("--proselint", help="an installed proselint executable (else a scratch venv)")
    ap.add_argument("--textlint-dir", help="a folder with textlint and its rules in node_modules")
    ap.add_argument("--peer-max-mb", type=int, default=20, help="largest size the (slow) peers run on")
    ap.add_argument("--peer-reps", type=int, default=1, help="repetitions for peers above 1 MB")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    tlint = tlint_exe()
    # caches (results, compiled packs, lexicon) in the scratch folder, not the user's
    env = dict(os.environ, TLINT_CACHE_DIR=str(work / "cache"))
    shutil.rmtree(work / "cache", ignore_errors=True)
    # a wheel install ships bytecode; an editable checkout under PYTHONDONTWRITEBYTECODE has none
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tlint")], stdout=subprocess.DEVNULL)
    peers = {} if args.no_peers else setup_peers(work, args.proselint, args.textlint_dir)
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f} at start; "
          f"python {sys.version.split()[0]}; tlint {tlint[0]}; peers: {', '.join(peers) or 'none'}")
    header = "| size | files | tool | wall s | files/s | MB/s | peak MiB | recall | tlint faster by |"
    lines = [header, "|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    results: dict[tuple[int, str], float] = {}
    # warm-up: builds the pack and lexicon caches and compiles the Hyperscan gate (two files:
    # one article alone never builds it) once, as any first run after install does; timed,
    # so the one-time cost is on record too
    first = make_corpus(work, sorted(args.sizes)[0])[0]
    start = time.perf_counter()
    subprocess.run(tlint + ["check", "--no-cache", *map(str, sorted(first.glob("*.md"))[:2])],
                   env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"first run after install (caches built, gate compiled), two articles: "
          f"{time.perf_counter() - start:.2f} s")
    # one article, the pre-commit case, on the machine as a hook finds it: timed before the
    # archive runs (right after the peers, a 400 MB node process that just ended, process
    # starts ran ~30 ms slower for a while)
    one = next(iter(sorted(first.glob("*.md"))))
    one_wall, _, _ = timed(tlint + ["check", "--no-cache", str(one)], max(args.reps, 9), env=env)
    for mb in args.sizes:
        corpus, truth_file = make_corpus(work, mb)
        truth = load_truth(truth_file)
        nfiles = len(list(corpus.glob("*.md")))
        size = sum(p.stat().st_size for p in corpus.glob("*.md")) / 2**20
        rows = []
        wall, peak, out = timed(tlint + ["check", "--no-cache", "--format", "json", str(corpus)], args.reps, env=env)
        rows.append(("tlint check", wall, peak, recall(truth, hits_tlint(out))))
        results[(mb, "tlint check")] = wall
        wall, peak, _ = timed(tlint + ["fix", "--diff", "--no-cache", str(corpus)], args.reps, env=env)
        rows.append(("tlint fix --diff", wall, peak, None))
        subprocess.run(tlint + ["check", str(corpus)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wall, peak, _ = timed(tlint + ["check", str(corpus)], args.reps, env=env)
        rows.append(("tlint check (cached)", wall, peak, None))
        results[(mb, "tlint cached")] = wall
        for name, (cmd, cwd) in peers.items():
            if mb > args.peer_max_mb:
                continue
            wall, peak, out = timed(cmd + [str(corpus)], args.peer_reps if mb > 1 else args.reps, cwd=cwd)
            parse = hits_proselint if name == "proselint" else hits_textlint
            rows.append((name, wall, peak, recall(truth, parse(out))))
            results[(mb, name)] = wall
        base = results[(mb, "tlint check")]
        for name, wall, peak, rec in rows:
            ratio = f"{wall / base:.1f}x" if name in peers else ""
            rec_s = f"{rec:.2f}" if rec is not None else ""
            row = (f"| {mb} MB | {nfiles} | {name} | {wall:.2f} | {nfiles / wall:.0f} | {size / wall:.2f} | "
                   f"{peak} | {rec_s} | {ratio} |")
            lines.append(row)
            print(row, flush=True)
    print()
    print("\n".join(lines))
    sizes = sorted(args.sizes)
    if len(sizes) >= 2:
        a, b = sizes[-2], sizes[-1]
        print(f"linearity: {b} MB / {a} MB wall = {results[(b, 'tlint check')] / results[(a, 'tlint check')]:.2f} "
              f"(size ratio {b / a:.1f})")
    print(f"one article ({one.stat().st_size} bytes), tlint check --no-cache: {one_wall * 1000:.0f} ms wall median "
          "(timed before the archive runs)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
