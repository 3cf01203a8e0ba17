"""Clustering: candidate edges between distinct names -> groups that name one entity.

Greedy average linkage with cannot-link constraints.  Edges are taken strongest first; two
groups merge only when

* the mean score over *all* pairs across the two groups (scored on demand, a deterministic
  sample for big groups) reaches the threshold -- one strong edge cannot chain two
  entities whose other names disagree ("Nazarzoda" bridging Abdullo Nazarov and Abduhalim
  Nazarzoda);
* no pair across them is a conflict: different given names on alike surnames, contradicting
  patronymics, a gender-ending conflict, or a user cannot-link;
* the merged group stays within ``max_size`` distinct names (the giant-component guard).

Must-links are applied first.  Node order is the caller's deterministic order (sorted
names), and ties between equal scores break by node index, so the partition does not depend
on input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np

from namematch.errors import ConstraintError

PairEval = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
"""(nodes a, nodes b) -> (scores, conflict flags) for those pairs."""

MAX_CROSS_PAIRS = 2_500
"""Cross pairs scored per merge decision; bigger groups are compared on a fixed sample."""


class Clustering:
    """Union of groups with per-group member lists and a cache of scored pairs."""

    def __init__(self, labels: Iterable[int], evaluate: PairEval) -> None:
        self.label = list(labels)
        self.members: dict[int, list[int]] = {}
        for node, lab in enumerate(self.label):
            self.members.setdefault(lab, []).append(node)
        self.evaluate = evaluate
        self.cache: dict[tuple[int, int], tuple[float, bool]] = {}
        self.cannot: set[tuple[int, int]] = set()

    def remember(self, a: np.ndarray, b: np.ndarray, scores: np.ndarray, conflict: np.ndarray
                 ) -> None:
        for i, j, s, c in zip(a.tolist(), b.tolist(), scores.tolist(), conflict.tolist(),
                              strict=True):
            self.cache[(min(i, j), max(i, j))] = (float(s), bool(c))

    def cross(self, ga: int, gb: int) -> tuple[np.ndarray, np.ndarray]:
        """Scores and conflicts of the pairs across two groups (sampled when many)."""
        ma, mb = self.members[ga], self.members[gb]
        total = len(ma) * len(mb)
        step = max(1, total // MAX_CROSS_PAIRS)
        pairs = [(i, j) for k, (i, j) in enumerate((i, j) for i in ma for j in mb)
                 if k % step == 0]
        missing = [p for p in pairs if (min(p), max(p)) not in self.cache]
        if missing:
            a = np.array([p[0] for p in missing], dtype=np.int64)
            b = np.array([p[1] for p in missing], dtype=np.int64)
            self.remember(a, b, *self.evaluate(a, b))
        got = [self.cache[(min(p), max(p))] for p in pairs]
        scores = np.array([g[0] for g in got], dtype=np.float64)
        conflicts = np.array([g[1] or (min(p), max(p)) in self.cannot
                              for g, p in zip(got, pairs, strict=True)], dtype=bool)
        return scores, conflicts

    def union(self, ga: int, gb: int) -> int:
        keep, gone = min(ga, gb), max(ga, gb)
        for node in self.members[gone]:
            self.label[node] = keep
        self.members[keep].extend(self.members.pop(gone))
        return keep


def cluster(
    n: int,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    evaluate: PairEval,
    *,
    initial: Iterable[int] | None = None,
    threshold: float = 0.5,
    max_size: int = 1_000,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    fixed: Iterable[tuple[int, int]] = (),
) -> list[int]:
    """Group labels for ``n`` nodes.

    ``edges`` = (a, b, score, conflict) arrays of scored candidate pairs.  ``initial``
    labels start nodes in groups (an incremental store's entities); ``fixed`` lists pairs
    of initial groups that are already known apart.  Returns each node's group label (the
    smallest node index of its group's first member).
    """
    c = Clustering(initial if initial is not None else range(n), evaluate)
    a, b, s, conflict = edges
    c.remember(a, b, s, conflict)
    c.cannot = {(min(i, j), max(i, j)) for i, j in cannot_link}
    for i, j in must_link:
        gi, gj = c.label[i], c.label[j]
        if gi == gj:
            continue
        if any((min(x, y), max(x, y)) in c.cannot for x in c.members[gi] for y in c.members[gj]):
            raise ConstraintError(f"must-link ({i}, {j}) joins a cannot-link pair")
        c.union(gi, gj)
    apart = {(min(x, y), max(x, y)) for x, y in fixed}  # conflicts: final, groups only grow
    tried: set[tuple[int, int, int, int]] = set()  # mean too low at these sizes
    order = np.lexsort((b, a, -s))
    for k in order.tolist():
        if s[k] < threshold:
            break
        if conflict[k]:
            continue
        gi, gj = c.label[int(a[k])], c.label[int(b[k])]
        gi, gj = min(gi, gj), max(gi, gj)
        sizes = (gi, gj, len(c.members[gi]), len(c.members[gj]))
        if gi == gj or (gi, gj) in apart or sizes in tried:
            continue
        if sizes[2] + sizes[3] > max_size:
            continue
        scores, conflicts = c.cross(gi, gj)
        if conflicts.any():
            apart.add((gi, gj))
        elif scores.mean() < threshold:
            tried.add(sizes)
        else:
            c.union(gi, gj)
    return c.label
