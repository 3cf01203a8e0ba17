"""Does the model's calibration transfer to romanization systems its fit never saw?
(prints a table)

    python benchmarks/bench_calibration.py [--systems es de nl ...] [--mentions 30000]
        [--bundled-only]

The candidate pairs (namematch.block, as the resolver proposes them) of a
namematch.synthetic stream (seed 7), scored system by system: the pairs with a side
written in that system.  Columns: pairs and their same-person share; ROC-AUC, expected
calibration error and precision/recall at 0.5 of the bundled model, fitted on our own
tables' renderings only (none of these systems); the same for a model fitted on those
renderings plus a stream of other people (seed of calibrate.SEED) with that one system
left out ("stream, left out": calibrate(stream=True, exclude_systems=[system]); a minute
a system, so ``--bundled-only`` leaves those columns out).  The
last rows average over the systems and give the lowest, then the same means over the
pairs of two full names and over the pairs with a short form on a side (Belov, A. Belov:
whether such a pair is one person depends on how many Belovs the stream holds, which no
pair shows).  The left-out fits have short forms fitted apart on the stream's pairs
(model.SEGMENTS); ``namematch calibrate --stream --exclude-system X`` writes one.  Needs
the bench extra; deterministic for the versions of the source libraries.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

import numpy as np

from namematch import synthetic
from namematch.block import name_candidates
from namematch.calibrate import calibrate
from namematch.evaluate import expected_calibration_error, roc_auc
from namematch.model import kind_model
from namematch.scorer import Scorer

EVAL_SEED = 7
ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--systems", nargs="*", default=None,
                        help="systems to leave out in turn (default: every one)")
    parser.add_argument("--mentions", type=int, default=30_000)
    parser.add_argument("--bundled-only", action="store_true",
                        help="only the bundled model's columns (no refit per system)")
    args = parser.parse_args()
    rows = synthetic.people(args.mentions, seed=EVAL_SEED)
    entities: dict[str, set[str]] = defaultdict(set)
    written: dict[str, set[str]] = defaultdict(set)
    short: set[str] = set()
    for r in rows:
        entities[r["name"]].add(r["entity"])
        written[r["name"]].add(r["system"])
        if r["form"] in synthetic.SHORT_FORMS:
            short.add(r["name"])
    names = sorted(entities)
    ia, ib, _ = name_candidates(["person"] * len(names), names)
    y = np.array([bool(entities[names[i]] & entities[names[j]])
                  for i, j in zip(ia.tolist(), ib.tolist(), strict=True)])
    full = np.array([names[i] not in short and names[j] not in short
                     for i, j in zip(ia.tolist(), ib.tolist(), strict=True)])
    x, identical = Scorer().feature_matrix([names[i] for i in ia], [names[j] for j in ib],
                                           "person")
    x = np.nan_to_num(x)

    def scores(doc: dict[str, object]) -> np.ndarray:
        return kind_model("person", doc["person"]).score_many(x, identical)  # type: ignore[arg-type]

    bundled = scores(json.loads((ROOT / "data" / "model.json").read_text(encoding="utf-8")))
    systems = args.systems or [s for s in synthetic.SYSTEMS
                               if any(s in w for w in written.values())]
    print(f"evaluation stream: {args.mentions:,} mentions, {len(names):,} distinct names, "
          f"{len(y):,} candidate pairs ({y.mean():.3f} same person)")
    print(f"{'system':16} {'pairs':>7} {'same':>5}   {'bundled AUC':>11} {'ECE':>5} {'P':>5} "
          f"{'R':>5}   {'stream, left out AUC':>20} {'ECE':>5} {'P':>5} {'R':>5}")
    table = []
    by_pairs: dict[str, list[list[float]]] = {"full names": [], "with a short form": []}
    for system in systems:
        m = np.array([system in written[names[i]] or system in written[names[j]]
                      for i, j in zip(ia.tolist(), ib.tolist(), strict=True)])
        if y[m].all() or not y[m].any():
            continue
        loso = (None if args.bundled_only
                else scores(calibrate(stream=True, exclude_systems=[system])))
        row = _row(bundled, loso, m, y)
        table.append(row)
        print(f"{system:16} {int(m.sum()):7,} {y[m].mean():5.3f}   " + _line(row), flush=True)
        for label, part in (("full names", m & full), ("with a short form", m & ~full)):
            if y[part].any() and not y[part].all():
                by_pairs[label].append(_row(bundled, loso, part, y))
    mean = [statistics.fmean(c) for c in zip(*table, strict=True)]
    print(f"{'mean':16} {'':7} {'':5}   " + _line(mean))
    worst = [min(c) for c in zip(*table, strict=True)]
    print(f"{'lowest AUC':16} {'':7} {'':5}   {worst[0]:11.4f} {'':17}   "
          + (f"{worst[4]:20.4f}" if len(worst) > 4 else ""))
    for label, rows_of in by_pairs.items():
        if rows_of:
            part = full if label == "full names" else ~full
            mean = [statistics.fmean(c) for c in zip(*rows_of, strict=True)]
            print(f"{'mean, ' + label:24}{int(part.sum()):7,}   " + _line(mean))


def _row(bundled: np.ndarray, loso: np.ndarray | None, m: np.ndarray, y: np.ndarray
         ) -> list[float]:
    row = _measures(bundled[m], y[m])
    return row if loso is None else row + _measures(loso[m], y[m])


def _measures(p: np.ndarray, y: np.ndarray) -> list[float]:
    return [roc_auc(p, y), expected_calibration_error(p, y), *_pr(p, y)]


def _line(r: list[float]) -> str:
    out = f"{r[0]:11.4f} {r[1]:5.3f} {r[2]:5.3f} {r[3]:5.3f}"
    if len(r) > 4:
        out += f"   {r[4]:20.4f} {r[5]:5.3f} {r[6]:5.3f} {r[7]:5.3f}"
    return out


def _pr(p: np.ndarray, y: np.ndarray) -> tuple[float, float]:
    hit = p >= 0.5
    return (float((hit & y).sum() / max(hit.sum(), 1)), float((hit & y).sum() / max(y.sum(), 1)))


if __name__ == "__main__":
    main()
