"""Reliability of resolve's confidences on the quality benchmark's stream (prints tables).

    python benchmarks/bench_confidence.py [--sizes 10000 100000] [--seed 0]

Membership: each mention's confidence against whether it is where it belongs
(calibrate.membership_outcomes, the rule the tests use), in ten bins: mentions, mean
confidence, share right; then the expected calibration error.  Entity: each entity's
confidence against whether all of its mentions are of one true person or place, in the
same bins, and its ECE.  The stream is bench_quality.py's (seed 0; the membership map is
fitted on seed 1).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quality import dataset


def table(title: str, conf: np.ndarray, right: np.ndarray) -> None:
    from namematch.evaluate import expected_calibration_error

    print(f"  {title}: ECE {expected_calibration_error(conf, right):.3f}")
    print(f"    {'bin':>9} {'count':>8} {'mean conf':>10} {'share right':>12}")
    edges = np.linspace(0, 1, 11)
    which = np.clip(np.digitize(conf, edges[1:-1]), 0, 9)
    for k in range(10):
        sel = which == k
        if sel.any():
            print(f"    {edges[k]:.1f}-{edges[k + 1]:.1f} {int(sel.sum()):>8,}"
                  f" {conf[sel].mean():>10.3f} {right[sel].mean():>12.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    from namematch import Resolver, synthetic
    from namematch.calibrate import membership_outcomes

    for n in args.sizes:
        path, inputs, _ = dataset("mixed", n, args.seed, [])
        rows = synthetic.read_jsonl(path)
        truth = synthetic.gold(rows)
        with Resolver.open(":memory:") as r:
            found = r.add(str(inputs))
            entities = list(r.entities())
        alone = {e.id for e in entities if len(e.variants) == 1}
        conf, right, _ = membership_outcomes(found.assignments, truth, alone)
        print(f"{n:,} mentions, {len(entities):,} entities")
        table("membership", np.asarray(conf, float), np.asarray(right, float))
        people: dict[str, set[str]] = defaultdict(set)
        for e in entities:
            for m in e.members:
                people[e.id].add(truth[m.mention])
        e_conf = np.array([e.confidence for e in entities], float)
        pure = np.array([len(people[e.id]) == 1 for e in entities], float)
        table("entity (one real person or place)", e_conf, pure)


if __name__ == "__main__":
    main()
