"""Resolution speed and memory on synthetic mentions (prints its figures).

    python benchmarks/bench_resolve.py [--sizes 100000 1000000] [--single 200]

Mentions are many transliterations of many people and places (data/calibration_names.tsv
rendered through seven romanization systems), with typos, titles, possessives and
surname-only forms, 20 to a document.  Each size runs in a fresh process (peak RSS is the
process's own); the largest store is then reopened and single mentions are added one batch
each, timing p50/p99.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from namematch.calibrate import Person, person_mention, place_mention, source_names


def synthetic(n: int, seed: int = 11) -> Iterator[dict[str, str]]:
    """``n`` mentions of about n/15 people and the bundled places."""
    rng = random.Random(seed)
    names = source_names()
    male, surnames, places = names["given_m"], names["surname"], names["place"]
    people = [Person(i, rng.choice(male)[0], rng.choice(male)[0], rng.choice(surnames)[0],
                     False) for i in range(max(n // 15, 10))]
    for i in range(n):
        if rng.random() < 0.75:
            name, kind = person_mention(rng, rng.choice(people)), "person"
        else:
            name, kind = place_mention(rng, *rng.choice(places)), "place"
        yield {"id": f"m{i}", "name": name, "type": kind, "doc": f"d{i // 20}"}


def run_one(n: int, store: str) -> None:
    from namematch import Resolver

    path = Path(tempfile.mkdtemp()) / "in.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for row in synthetic(n):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    start = time.perf_counter()
    with Resolver.open(store) as r:
        result = r.add(path)
        entities = len(r)
    wall = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    # parsing workers are forked copies: their peak counts the pages they share with us
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"resolve {n:>9,} mentions: {wall:7.1f} s, peak RSS {peak:,.0f} MB "
          f"(a parsing worker {workers:,.0f} MB), {entities:,} entities, "
          f"{result.blocking.pairs:,} candidate pairs, {len(result.skipped)} skipped",
          flush=True)


def run_single(store: str, count: int) -> None:
    from namematch import Resolver

    rng = random.Random(5)
    rows = list(synthetic(count, seed=99))
    times = []
    with Resolver.open(store) as r:
        held = int(r.conn.execute("SELECT COUNT(*) FROM mentions").fetchone()[0])
        for row in rows:
            row = {**row, "id": f"single-{row['id']}", "doc": f"s{rng.random()}"}
            t = time.perf_counter()
            r.add([row])
            times.append(time.perf_counter() - t)
    times.sort()
    print(f"add one mention to a store of {held:,}: p50 {statistics.median(times) * 1000:.1f} ms,"
          f" p99 {times[int(len(times) * 0.99)] * 1000:.1f} ms ({count} adds)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="*", default=[100_000, 1_000_000])
    parser.add_argument("--single", type=int, default=200)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--store", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        run_one(args.one, args.store)
        return
    tmp = Path(tempfile.mkdtemp())
    store = ""
    for n in args.sizes:
        store = str(tmp / f"store-{n}.db")
        subprocess.run([sys.executable, __file__, "--one", str(n), "--store", store], check=True)
    if store and args.single:
        run_single(store, args.single)


if __name__ == "__main__":
    main()
