"""Scoring speed: bulk pairs per second and compare() latency (prints its figures).

    python benchmarks/bench_scoring.py [--pairs 1000000]

compare() warm: both names in its parse cache (parse.NAMES_CACHED distinct names: a
sample of a quarter as many pairs, scored once before timing, then eight times); cold:
pairs of names not in that cache (the word-level caches warm), so each call parses two.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

from namematch import Scorer, compare
from namematch.calibrate import person_mention, random_people
from namematch.parse import NAMES_CACHED


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=1_000_000)
    parser.add_argument("--names", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(7)
    people = random_people(rng, args.names // 4)
    mentions = list({person_mention(rng, rng.choice(people)) for _ in range(args.names)})
    a = [rng.choice(mentions) for _ in range(args.pairs)]
    b = [rng.choice(mentions) for _ in range(args.pairs)]
    scorer = Scorer(workers=-1)
    start = time.perf_counter()
    scorer.score_pairs(a, b, kind="person")
    cold = time.perf_counter() - start
    start = time.perf_counter()
    scorer.score_pairs(a, b, kind="person")
    warm = time.perf_counter() - start
    print(f"bulk: {args.pairs:,} pairs over {len(mentions):,} distinct names")
    print(f"  cold (parsing every name): {cold:.2f} s = {args.pairs / cold:,.0f} pairs/s")
    print(f"  warm (names cached):       {warm:.2f} s = {args.pairs / warm:,.0f} pairs/s")
    # warm: both names in compare()'s parse cache (parse.NAMES_CACHED names), so a
    # sample of fewer pairs than half of it, each scored once before timing
    warm_sample = [(rng.choice(mentions), rng.choice(mentions))
                   for _ in range(NAMES_CACHED // 4)]
    for x, y in warm_sample:
        compare(x, y, kind="person")
    _latency("compare() warm (names cached)", [p for _ in range(8) for p in warm_sample])
    # cold: names not in that cache, so each call parses both
    _latency("compare() cold (names parsed)",
             [(rng.choice(mentions), rng.choice(mentions)) for _ in range(2000)])


def _latency(label: str, pairs: list[tuple[str, str]]) -> None:
    times = []
    for x, y in pairs:
        t = time.perf_counter_ns()
        compare(x, y, kind="person")
        times.append(time.perf_counter_ns() - t)
    times.sort()
    print(f"{label}: p50 {statistics.median(times) / 1000:.1f} µs, "
          f"p99 {times[int(len(times) * 0.99)] / 1000:.1f} µs")

if __name__ == "__main__":
    main()
