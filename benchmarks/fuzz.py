"""Fuzz and latency at scale (prints its figures).

    python benchmarks/fuzz.py [--inputs 1000000] [--calls 1000000]

1. ``--inputs`` random inputs (random text of many scripts and control characters, names
   with random edits, non-str values) through parse(), compare() and bulk Scorer: counts
   results, namematch errors and any other exception (a crash; the run fails with exit 1).
2. ``--calls`` compare() calls in one process over distinct generated names (one in four
   pairs a name with a variant), after one warm-up call that loads the tables: latency
   p50 / p99 / max and the process's RSS every tenth, so a cache that grows without
   bound or a garbage collector pause shows.
"""

from __future__ import annotations

import argparse
import contextlib
import random
import resource
import sys
import time
from collections import Counter

import numpy as np

from namematch import Scorer, compare, parse
from namematch.calibrate import person_mention, random_people
from namematch.errors import NamematchError

_ALPHABETS = ("abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ.,'-",
              "абвгдеёжзийклмнопрстуфхцчшщъыьэюяҳқғҷӣӯ АБВ",
              "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی ‌", "αβγδεζηθικλμνξοπρστυφχψωάέ ",
              "\x00\x01\t\n\r\u200b\u200c\u200d\ufeff\u202e\u0301\ud800", "王小明红李娜 ")


def _random_input(rng: random.Random, names: list[str]) -> object:
    r = rng.random()
    if r < 0.05:
        return rng.choice([None, 7, 3.5, b"x", ["a"], {"a": 1}, float("nan"), "", " "])
    if r < 0.45:
        alphabet = rng.choice(_ALPHABETS)
        return "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
    name = list(rng.choice(names))
    for _ in range(rng.randint(0, 3)):
        i = rng.randrange(len(name) + 1)
        op = rng.random()
        if op < 0.4 and name:
            del name[min(i, len(name) - 1)]
        else:
            name.insert(i, rng.choice(rng.choice(_ALPHABETS)))
    return "".join(name)


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fuzz(n: int, rng: random.Random, names: list[str]) -> int:
    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    start = time.perf_counter()
    batch_a: list[object] = []
    batch_b: list[object] = []
    for k in range(n):
        a, b = _random_input(rng, names), _random_input(rng, names)
        for call, args in ((parse, (a,)), (compare, (a, b))):
            try:
                call(*args)  # type: ignore[operator]
                outcomes["result"] += 1
            except NamematchError:
                outcomes["namematch error"] += 1
            except Exception as exc:  # what the fuzz run counts
                crashes[f"{type(exc).__name__}: {str(exc)[:60]}"] += 1
        batch_a.append(a)
        batch_b.append(b)
        if len(batch_a) == 10_000 or k == n - 1:
            try:
                Scorer(on_error="nan").score_pairs(batch_a, batch_b)
                outcomes["bulk batch"] += 1
            except Exception as exc:
                crashes[f"bulk {type(exc).__name__}: {str(exc)[:60]}"] += 1
            batch_a, batch_b = [], []
    took = time.perf_counter() - start
    print(f"fuzz: {n:,} input pairs in {took:.0f} s: {dict(outcomes)}; crashes "
          f"(not namematch errors): {sum(crashes.values())}")
    for what, count in crashes.most_common(10):
        print(f"  {count:,} x {what}")
    return sum(crashes.values())


def latency(n: int, rng: random.Random) -> None:
    people = random_people(rng, 20_000)
    compare("Emomali Rahmon", "Rahmon Emomali")  # loads the tables: a start-up cost, not a call's
    # an array, not a list: a list of a million floats is a container every full garbage
    # collection walks, and the benchmark would time its own bookkeeping
    times = np.zeros(n)
    start = time.perf_counter()
    for k in range(n):
        p = rng.choice(people)
        a = person_mention(rng, p) + ("" if k % 7 else f" {k}")  # distinct strings mostly
        b = person_mention(rng, p if k % 4 == 0 else rng.choice(people))
        t = time.perf_counter()
        with contextlib.suppress(NamematchError):
            compare(a, b, kind="person")
        times[k] = time.perf_counter() - t
        if (k + 1) % (n // 10) == 0:
            print(f"  {k + 1:,} calls: RSS {_rss_mb():,.0f} MB, max so far "
                  f"{times[:k + 1].max() * 1e3:.1f} ms", flush=True)
    p50, p99 = np.percentile(times, [50, 99])
    print(f"latency: {n:,} compare() calls in {time.perf_counter() - start:.0f} s: p50 "
          f"{p50 * 1e6:.0f} µs, p99 {p99 * 1e6:.0f} µs, max {times.max() * 1e3:.1f} ms; "
          f"peak RSS {_rss_mb():,.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=1_000_000)
    parser.add_argument("--calls", type=int, default=1_000_000)
    args = parser.parse_args()
    rng = random.Random(14)
    names = [person_mention(rng, p) for p in random_people(rng, 5_000)]
    crashes = fuzz(args.inputs, rng, names) if args.inputs else 0
    if args.calls:
        latency(args.calls, rng)
    sys.exit(1 if crashes else 0)


if __name__ == "__main__":
    main()
