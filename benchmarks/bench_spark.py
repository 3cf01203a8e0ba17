"""Spark (local[2]) beside in-process resolution on the quality benchmark's streams.

    python benchmarks/bench_spark.py [--sizes 100000 1000000] [--master local[2]]

Per size: the stream of bench_quality.py (generated into benchmarks/.cache/ once), resolved
in-process (``namematch.resolve`` on the JSONL file) and on Spark (``namematch.spark.resolve``
on ``spark.read.json`` of the same file, results collected).  Prints wall time, B-cubed F1
against the truth for each, their B-cubed agreement, the Spark run's components (count,
largest) and the peak RSS of this process (the driver; Spark's JVM and Python workers are
other processes).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_quality import dataset


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--driver-memory", default="8g")
    args = parser.parse_args()

    from namematch import resolve, synthetic
    from namematch import spark as nms
    from namematch.evaluate import cluster_metrics

    session = nms.session(args.master, app="namematch-bench",
                          config={"spark.driver.memory": args.driver_memory})
    session.sparkContext.setLogLevel("ERROR")
    print(f"{'mentions':>10} {'local s':>8} {'spark s':>8} {'local B3':>9} {'spark B3':>9}"
          f" {'agree B3':>9} {'components':>11} {'largest':>8} {'RSS MB':>7}", flush=True)
    for n in args.sizes:
        path, inputs, _ = dataset("mixed", n, args.seed, [])
        start = time.perf_counter()
        local = {a.mention: a.entity for a in resolve(str(inputs)).assignments}
        t_local = time.perf_counter() - start
        start = time.perf_counter()
        got = nms.resolve(nms.read(session, str(inputs)))
        out = got.assignments.select("id", "entity").toPandas()
        t_spark = time.perf_counter() - start
        on_spark = dict(zip(out["id"], out["entity"], strict=True))
        sizes = got.components.groupBy("component").count()
        n_comp = sizes.count()
        largest = sizes.agg({"count": "max"}).collect()[0][0]
        truth = synthetic.gold(synthetic.read_jsonl(path))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>10,} {t_local:>8.1f} {t_spark:>8.1f}"
              f" {cluster_metrics(local, truth).bcubed_f1:>9.3f}"
              f" {cluster_metrics(on_spark, truth).bcubed_f1:>9.3f}"
              f" {cluster_metrics(on_spark, local).bcubed_f1:>9.3f}"
              f" {n_comp:>11,} {largest:>8,} {rss:>7.0f}", flush=True)
    session.stop()


if __name__ == "__main__":
    main()
