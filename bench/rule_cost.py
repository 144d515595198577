"""What each rule costs: CPU seconds per MB of prose, per rule and per kind, on a corpus.

For pack authors (which of my rules is slow?) and for tuning the engine. One process, no
pool, no cache: parse every file once, then run each rule over every document (under the
engine's watchdog, as `tlint check` does) and time it with process CPU time (the shared sentence split and gate pass on lines of
their own), best of
--runs, so other jobs on the machine disturb the figures less.

    python bench/rule_cost.py CORPUS_DIR [--runs 3] [--top 25] [--select PACK_OR_RULE ...]
"""
from __future__ import annotations

import argparse
import collections
import time
from pathlib import Path

from tlint import config as cfg
from tlint import sentences, watchdog
from tlint.document import parse
from tlint import engine
from tlint.engine import ruleset


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--select", nargs="*", default=())
    ap.add_argument("--no-gate", action="store_true", help="without the Hyperscan gate (tlint.gate)")
    args = ap.parse_args()

    paths = sorted(p for p in args.corpus.rglob("*") if p.suffix in (".md", ".txt"))
    if not paths:
        raise SystemExit(f"{args.corpus}: no .md or .txt files")
    sources = [(str(p), p.read_text(encoding="utf-8", errors="replace")) for p in paths]
    mb = sum(len(s.encode("utf-8")) for _, s in sources) / 1e6
    config = cfg.Config(select=tuple(args.select)) if args.select else cfg.config_for(str(paths[0]))
    rs = ruleset(config)
    rules = rs.rules
    the_gate = None if args.no_gate else engine.gate(rs)

    parse_s = min(_timed(lambda: [parse(s, p) for p, s in sources]) for _ in range(args.runs))
    docs = [parse(s, p) for p, s in sources]
    for d in docs:
        d.memo["gate"] = the_gate
    blocks = [b.text for d in docs for b in d.blocks]

    def split_all():
        sentences.split.cache_clear()
        for text in blocks:
            sentences.split(text)

    # the sentence split is shared by several rules (cached per block text): timed on its own
    split_s = min(_timed(split_all) for _ in range(args.runs))

    def gate_all():  # likewise the gate's one Hyperscan pass per article
        for d in docs:
            d.memo.pop("gate.hits", None)
            for b in d.blocks:
                b.memo.pop("gate", None)
            the_gate.fired_rules(d)

    gate_s = min(_timed(gate_all) for _ in range(args.runs)) if the_gate else 0.0
    cost: dict[str, float] = {}
    with watchdog.guard() as run:
        for r in rules:
            # as the engine does: a rule that finds only in candidate blocks is not called
            # on an article where it cannot match (Rule.may_fire)
            cost[r.id] = min(_timed(lambda: [run(r.check, d) for d in docs
                                            if not r.only_candidates or r.may_fire(d)])
                             for _ in range(args.runs))
    kinds: collections.Counter = collections.Counter()
    for r in rules:
        kinds[r.kind] += cost[r.id]

    print(f"{len(docs)} files, {mb:.2f} MB; CPU s per MB, best of {args.runs}; "
          f"gate: {'on' if the_gate else 'off'}")
    print(f"{'parse':<12} {parse_s / mb:7.3f}")
    print(f"{'split':<12} {split_s / mb:7.3f}  (sentence split, shared by the rules)")
    if the_gate:
        print(f"{'gate':<12} {gate_s / mb:7.3f}  (one Hyperscan pass per article, shared by the pattern rules)")
    print(f"{'all rules':<12} {sum(cost.values()) / mb:7.3f}")
    for kind, s in kinds.most_common():
        print(f"  {kind:<10} {s / mb:7.3f}")
    print(f"\nslowest {args.top} rules:")
    for rule_id, s in sorted(cost.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"  {s / mb:7.3f}  {rule_id}")


def _timed(func) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


if __name__ == "__main__":
    main()
