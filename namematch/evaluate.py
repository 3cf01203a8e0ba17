"""Evaluate: metrics for scores against labels (ROC-AUC, F1 at a threshold, calibration)
for clusterings against gold entities (pairwise and B-cubed F1), and blocking's recall of
the pairs of names that gold puts together.

Used by the tests, the calibration script and ``namematch evaluate``.
"""

from __future__ import annotations

import itertools
import json
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from namematch.block import MAX_BLOCK, name_candidates
from namematch.errors import NamematchError
from namematch.model import DEFAULT_THRESHOLD
from namematch.parse import parse
from namematch.scorer import Scorer


def roc_auc(p: np.ndarray, y: np.ndarray) -> float:
    """Area under the ROC curve (rank statistic, tied scores share their mean rank)."""
    p = np.asarray(p, dtype=np.float64)
    pos = np.asarray(y).astype(bool)
    n_pos, n_neg = int(pos.sum()), int((~pos).sum())
    if not n_pos or not n_neg:
        return math.nan
    order = np.argsort(p, kind="mergesort")
    ranks = np.empty(len(p))
    ranks[order] = np.arange(1, len(p) + 1)
    _, inverse, counts = np.unique(p, return_inverse=True, return_counts=True)
    ranks = (np.bincount(inverse, weights=ranks) / counts)[inverse]
    return float((ranks[pos].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def expected_calibration_error(p: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """ECE: bin-weighted |mean score - match rate| over equal-width score bins."""
    p = np.asarray(p, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    idx = np.clip(np.digitize(p, np.linspace(0.0, 1.0, bins + 1)[1:-1]), 0, bins - 1)
    total = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            total += m.sum() / len(p) * abs(float(p[m].mean()) - float(y[m].mean()))
    return total


@attrs.frozen
class PairMetrics:
    """Pairwise classification quality at one threshold."""

    pairs: int
    positives: int
    auc: float
    precision: float
    recall: float
    f1: float
    threshold: float


def pair_metrics(p: np.ndarray, y: np.ndarray, threshold: float = DEFAULT_THRESHOLD) -> PairMetrics:
    """AUC, and precision/recall/F1 of ``p >= threshold`` against labels ``y``."""
    y = np.asarray(y).astype(bool)
    pred = np.asarray(p) >= threshold
    tp = int((pred & y).sum())
    precision = tp / max(int(pred.sum()), 1)
    recall = tp / max(int(y.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairMetrics(len(y), int(y.sum()), roc_auc(p, y), precision, recall, f1, threshold)


def read_mentions(path: str | Path) -> list[dict[str, Any]]:
    """Mentions from a JSONL file (id, name, type, doc, entity)."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def mention_pairs(
    mentions: Iterable[Mapping[str, Any]],
) -> tuple[list[str], list[str], list[str], np.ndarray]:
    """All same-type pairs of labelled mentions: (a names, b names, kinds, same-entity)."""
    a, b, kinds, same = [], [], [], []
    for m, n in itertools.combinations(list(mentions), 2):
        if m["type"] != n["type"]:
            continue
        a.append(m["name"])
        b.append(n["name"])
        kinds.append(m["type"])
        same.append(m["entity"] == n["entity"])
    return a, b, kinds, np.array(same, dtype=bool)


def score_mention_pairs(
    mentions: Iterable[Mapping[str, Any]], threshold: float = DEFAULT_THRESHOLD
) -> tuple[PairMetrics, list[tuple[str, str, float, bool]]]:
    """Score every same-type pair of labelled mentions; metrics and the wrong decisions."""
    a, b, kinds, y = mention_pairs(mentions)
    scorer = Scorer()
    p = np.empty(len(a))
    for kind in ("person", "place"):
        sel = [i for i, k in enumerate(kinds) if k == kind]
        p[sel] = scorer.score_pairs([a[i] for i in sel], [b[i] for i in sel], kind=kind)
    errors = [
        (a[i], b[i], float(p[i]), bool(y[i]))
        for i in range(len(a))
        if (p[i] >= threshold) != y[i]
    ]
    return pair_metrics(p, y, threshold), errors


@attrs.frozen
class ClusterMetrics:
    """Quality of a clustering against gold entities (over the mentions both cover)."""

    mentions: int
    pairwise_precision: float
    pairwise_recall: float
    pairwise_f1: float
    bcubed_precision: float
    bcubed_recall: float
    bcubed_f1: float


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def cluster_metrics(predicted: Mapping[str, str], gold: Mapping[str, str]) -> ClusterMetrics:
    """Pairwise and B-cubed precision/recall/F1 of ``predicted`` (mention -> cluster)
    against ``gold`` (mention -> entity), over mentions present in both.

    Pairwise counts mention pairs put together; B-cubed averages, per mention, the share
    of its predicted cluster that is truly its entity (precision) and the share of its
    entity that it was put with (recall).
    """
    ids = [m for m in gold if m in predicted]
    pred_groups: dict[str, list[str]] = defaultdict(list)
    gold_groups: dict[str, list[str]] = defaultdict(list)
    for m in ids:
        pred_groups[predicted[m]].append(m)
        gold_groups[gold[m]].append(m)
    overlap: Counter[tuple[str, str]] = Counter((predicted[m], gold[m]) for m in ids)
    together = sum(c * (c - 1) // 2 for c in overlap.values())
    pred_pairs = sum(len(g) * (len(g) - 1) // 2 for g in pred_groups.values())
    gold_pairs = sum(len(g) * (len(g) - 1) // 2 for g in gold_groups.values())
    pp = together / pred_pairs if pred_pairs else 1.0
    pr = together / gold_pairs if gold_pairs else 1.0
    bp = sum(overlap[(predicted[m], gold[m])] / len(pred_groups[predicted[m]]) for m in ids)
    br = sum(overlap[(predicted[m], gold[m])] / len(gold_groups[gold[m]]) for m in ids)
    n = max(len(ids), 1)
    return ClusterMetrics(len(ids), pp, pr, _f1(pp, pr), bp / n, br / n, _f1(bp / n, br / n))


@attrs.frozen
class BlockingMetrics:
    """How blocking does on labelled mentions: of the pairs of distinct names that gold
    puts in one entity (``gold_pairs``), how many it proposes (``found``, ``recall``), and
    how many pairs it proposes in all against every same-type pair of distinct names."""

    names: int
    gold_pairs: int
    found: int
    recall: float
    candidate_pairs: int
    all_pairs: int
    missed: tuple[tuple[str, str], ...]


def blocking_metrics(
    mentions: Iterable[Mapping[str, Any]], *, max_block: int = MAX_BLOCK
) -> BlockingMetrics:
    """Blocking's recall of gold's same-entity name pairs (mentions with name, type,
    entity), with the keys and block-size cap the resolver uses."""
    entities: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        entities[(str(m.get("type") or "person"), str(m["name"]))].add(str(m["entity"]))
    distinct = []
    for kind, name in sorted(entities):
        try:
            parse(name, kind)
        except NamematchError:
            continue
        distinct.append((kind, name))
    ia, ib, stats = name_candidates([k for k, _ in distinct], [s for _, s in distinct],
                                    max_block=max_block)
    proposed = set(zip(ia.tolist(), ib.tolist(), strict=True))
    gold, missed, all_pairs = 0, [], 0
    for i, j in itertools.combinations(range(len(distinct)), 2):
        if distinct[i][0] != distinct[j][0]:
            continue
        all_pairs += 1
        if entities[distinct[i]] & entities[distinct[j]]:
            gold += 1
            if (i, j) not in proposed:
                missed.append((distinct[i][1], distinct[j][1]))
    found = gold - len(missed)
    return BlockingMetrics(len(distinct), gold, found, found / gold if gold else 1.0,
                           stats.pairs, all_pairs, tuple(missed))
