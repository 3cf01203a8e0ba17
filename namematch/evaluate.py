"""Evaluate: metrics for scores against labels (ROC-AUC, F1 at a threshold, calibration)
for clusterings against gold entities (pairwise and B-cubed F1), and blocking's recall of
the pairs of names that gold puts together (:func:`blocking_metrics` on small sets,
:func:`blocking_recall` at any scale).

Used by the tests, the calibration script and ``namematch evaluate``.
"""

from __future__ import annotations

import itertools
import math
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, cast

import attrs
import numpy as np

from namematch.arrays import unique_sorted
from namematch.block import MAX_BLOCK, name_candidates
from namematch.errors import ROW_ERRORS, InputError
from namematch.mentions import numbered_rows
from namematch.model import DEFAULT_THRESHOLD, ModelChoice
from namematch.parse import Kind, parse
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


def read_mentions(path: str | Path, *, labelled: bool = True) -> list[dict[str, Any]]:
    """Labelled mentions from a JSONL file (id, name, entity; optional type, doc;
    ``labelled=False``: no entity needed).  InputError naming the file and line of the
    first line that is not one: an evaluation needs every labelled row."""
    out: list[dict[str, Any]] = []
    for number, row in numbered_rows(path, "labelled mentions"):
        missing = [k for k in ("id", "name", "entity")[:3 if labelled else 2]
                   if not isinstance(row, dict) or row.get(k) in (None, "")]
        if missing or not isinstance(row, dict):
            raise InputError(f"{path}:{number}: a labelled mention needs {missing}")
        out.append(row)
    if not out:
        raise InputError(f"{path}: no labelled mentions")
    return out


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
    mentions: Iterable[Mapping[str, Any]], threshold: float = DEFAULT_THRESHOLD,
    *, model: ModelChoice = None,
) -> tuple[PairMetrics, list[tuple[str, str, float, bool]]]:
    """Score every same-type pair of labelled mentions; metrics and the wrong decisions
    (``model``: the bundled one, or yours)."""
    a, b, kinds, y = mention_pairs(mentions)
    scorer = Scorer(model=model)
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
            parse(name, cast(Kind, kind))
        except ROW_ERRORS:
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


@attrs.frozen
class BlockingRecall:
    """Blocking's recall of the name pairs that matter, on any number of labelled mentions.

    ``gold_pairs``: pairs of distinct (type, name) strings that some entity has both of
    (an entity's names capped at ``max_entity_names``, sampled); ``scored_pairs``: those the
    scorer puts at or above the threshold (the pairs clustering could join); ``found``: of
    those, the ones blocking proposes, ``recall`` = found / scored_pairs.  ``gold_found``
    and ``gold_recall`` are the same over every gold pair.  ``candidate_pairs`` and
    ``oversized_keys`` are blocking's over all the distinct names; ``missed`` is a sample
    (name, name, score) of scored pairs blocking does not propose.  ``full_scored``,
    ``full_found`` and ``full_recall`` are the same over the scored pairs of two full names
    (neither a short form: a bare surname or initials and a surname meets a sample of a
    crowded block, where many people may bear its surname)."""

    names: int
    gold_pairs: int
    scored_pairs: int
    found: int
    recall: float
    gold_found: int
    gold_recall: float
    candidate_pairs: int
    oversized_keys: int
    missed: tuple[tuple[str, str, float], ...]
    full_scored: int = 0
    full_found: int = 0
    full_recall: float = 1.0


def blocking_recall(
    rows: Iterable[Mapping[str, Any]],
    *,
    threshold: float = 0.5,
    max_block: int = MAX_BLOCK,
    max_entity_names: int = 300,
    missed_sample: int = 50,
    scorer: Scorer | None = None,
) -> BlockingRecall:
    """Blocking recall over rows with name, type and entity, without the all-pairs
    loop of :func:`blocking_metrics`: gold pairs come from each entity's distinct names
    (quadratic only within an entity; an entity with more than ``max_entity_names``
    distinct names keeps a deterministic sample of that many), candidates from
    :func:`namematch.block.keyed_candidates` over all distinct names (keyed once:
    the short flags split the full-name figures), scores from
    :meth:`Scorer.score_pairs` in bulk."""
    from namematch.block import keyed_candidates, keyed_names

    index: dict[tuple[str, str], int] = {}
    by_entity: dict[str, set[int]] = defaultdict(set)
    for r in rows:
        key = (str(r.get("type") or "person"), str(r["name"]))
        by_entity[str(r["entity"])].add(index.setdefault(key, len(index)))
    distinct = list(index)
    n = max(len(distinct), 1)
    chunks = []
    for entity in sorted(by_entity):
        members = sorted(by_entity[entity], key=distinct.__getitem__)
        if len(members) < 2:
            continue
        if len(members) > max_entity_names:
            members = sorted(random.Random(entity).sample(members, max_entity_names))
        idx = np.asarray(members, dtype=np.int64)
        i, j = np.triu_indices(len(idx), k=1)
        a, b = np.minimum(idx[i], idx[j]), np.maximum(idx[i], idx[j])
        same_kind = np.fromiter((distinct[x][0] == distinct[y][0] for x, y in
                                 zip(a.tolist(), b.tolist(), strict=True)), bool, len(a))
        chunks.append((a * n + b)[same_kind])
    codes = (unique_sorted(np.concatenate(chunks), overwrite=True) if chunks
             else np.empty(0, dtype=np.int64))
    kinds_of = [k for k, _ in distinct]
    keyed = keyed_names(kinds_of, [s for _, s in distinct])
    ia, ib, stats = keyed_candidates(kinds_of, keyed, max_block=max_block)
    proposed = np.sort(ia.astype(np.int64) * n + ib.astype(np.int64))
    found = np.zeros(len(codes), dtype=bool)
    if len(proposed):
        pos = np.minimum(np.searchsorted(proposed, codes), len(proposed) - 1)
        found = proposed[pos] == codes
    a_idx, b_idx = (codes // n).tolist(), (codes % n).tolist()
    scores = np.full(len(codes), np.nan)
    scorer = scorer or Scorer()
    kinds = np.array([distinct[x][0] for x in a_idx], dtype=object)
    for kind in ("person", "place"):
        sel = np.flatnonzero(kinds == kind)
        if len(sel):
            scores[sel] = scorer.score_pairs([distinct[a_idx[k]][1] for k in sel],
                                             [distinct[b_idx[k]][1] for k in sel],
                                             kind=kind)
    scored = np.nan_to_num(scores, nan=-1.0) >= threshold
    missed_idx = np.flatnonzero(scored & ~found)
    if len(missed_idx) > missed_sample:
        missed_idx = missed_idx[np.linspace(0, len(missed_idx) - 1, missed_sample).astype(int)]
    missed = tuple((distinct[a_idx[k]][1], distinct[b_idx[k]][1], float(scores[k]))
                   for k in missed_idx)
    n_scored, n_found = int(scored.sum()), int((scored & found).sum())
    n_gold, gold_found = len(codes), int(found.sum())
    full = scored & ~keyed.short[codes // n] & ~keyed.short[codes % n]
    n_full, full_found = int(full.sum()), int((full & found).sum())
    return BlockingRecall(
        len(distinct), n_gold, n_scored, n_found, n_found / n_scored if n_scored else 1.0,
        gold_found, gold_found / n_gold if n_gold else 1.0, stats.pairs, stats.oversized_keys,
        missed, n_full, full_found, full_found / n_full if n_full else 1.0,
    )
