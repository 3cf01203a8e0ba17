"""Clustering: candidate edges between distinct names -> groups that name one entity.

Greedy average linkage with cannot-link constraints.  Strong edges (score at or above the
threshold, no conflict) are taken strongest first; two groups merge only when

* the mean score over *all* pairs across the two groups reaches the threshold -- one
  strong edge cannot chain two entities whose other names disagree ("Nazarzoda" bridging
  Abdullo Nazarov and Abduhalim Nazarzoda);
* no pair across them is a conflict: different given names on alike surnames,
  contradicting patronymics, a gender-ending conflict, or a user cannot-link;
* the merged group stays within ``max_size`` distinct names (the giant-component guard).

A merge decision only ever involves the groups of one connected component of the strong
edges (with the initial groups and must-links), so components are clustered one by one.
A component of up to ``DENSE_MAX`` names gets every pair scored (candidate edges reuse
their scores; the rest are scored in bulk, many components per call) and is clustered on
group-by-group sums: each merge test is two lookups, each merge two row additions.  A
bigger component scores cross pairs on demand, a deterministic sample of
``MAX_CROSS_PAIRS`` for big groups.

Must-links are applied first.  Node order is the caller's deterministic order (sorted
names), and ties between equal scores break by node index, so the partition does not
depend on input order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator

import numpy as np

from namematch.errors import ConstraintError

PairEval = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
"""(nodes a, nodes b) -> (scores, conflict flags) for those pairs."""

DENSE_MAX = 400
"""Largest component clustered on a dense matrix of all its pairs (80k pairs, 1.3 MB)."""

PAIRS_PER_CALL = 500_000
"""Pairs per call to the scorer: bounds the memory of one bulk scoring."""

MAX_CROSS_PAIRS = 2_500
"""Cross pairs scored per merge decision in a big component; beyond, a fixed sample."""


def components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Connected components of ``n`` nodes and the links (a[k], b[k]): each node's label
    is the smallest node of its component (min-label propagation with pointer jumping)."""
    label = np.arange(n, dtype=np.int64)
    a, b = np.asarray(a, dtype=np.int64), np.asarray(b, dtype=np.int64)
    while True:
        low = np.minimum(label[a], label[b])
        before = label.copy()
        np.minimum.at(label, a, low)
        np.minimum.at(label, b, low)
        label = label[label]
        if np.array_equal(label, before):
            return label


class _Groups:
    """Union-find whose root is always the smallest member (the group's label)."""

    def __init__(self, labels: Iterable[int]) -> None:
        self.parent = list(labels)
        self.size = [0] * len(self.parent)
        for node in range(len(self.parent)):
            self.size[self.find(node)] += 1

    def find(self, x: int) -> int:
        parent = self.parent
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, x: int, y: int) -> int:
        keep, gone = min(x, y), max(x, y)
        self.parent[gone] = keep
        self.size[keep] += self.size[gone]
        return keep


def _pair_codes(a: np.ndarray, b: np.ndarray, n: int) -> np.ndarray:
    codes: np.ndarray = np.minimum(a, b).astype(np.int64) * n + np.maximum(a, b)
    return codes


class PairScores:
    """Scores and conflicts of any node pairs: candidate edges are looked up (scored
    once), other pairs evaluated in calls of at most PAIRS_PER_CALL; user cannot-links
    count as conflicts."""

    def __init__(self, n: int, edges: tuple[np.ndarray, ...], evaluate: PairEval,
                 cannot: Iterable[tuple[int, int]] = ()) -> None:
        a, b, s, conflict = edges
        codes = _pair_codes(a, b, n)
        order = np.argsort(codes, kind="stable")
        self.n = n
        self.codes, self.scores, self.conflicts = codes[order], s[order], conflict[order]
        self.evaluate = evaluate
        self.cannot = np.array(sorted(min(i, j) * n + max(i, j) for i, j in cannot),
                               dtype=np.int64)

    def __call__(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        codes = _pair_codes(a, b, self.n)
        scores = np.zeros(len(codes))
        conflicts = np.zeros(len(codes), dtype=bool)
        pos = np.minimum(np.searchsorted(self.codes, codes), max(len(self.codes) - 1, 0))
        found = self.codes[pos] == codes if len(self.codes) else np.zeros(len(codes), bool)
        scores[found] = self.scores[pos[found]]
        conflicts[found] = self.conflicts[pos[found]]
        missing = np.flatnonzero(~found)
        if len(missing):  # each distinct pair once
            pairs, inverse = np.unique(codes[missing], return_inverse=True)
            got_s, got_c = np.empty(len(pairs)), np.empty(len(pairs), dtype=bool)
            for k in range(0, len(pairs), PAIRS_PER_CALL):
                part = pairs[k : k + PAIRS_PER_CALL]
                got_s[k : k + PAIRS_PER_CALL], got_c[k : k + PAIRS_PER_CALL] = self.evaluate(
                    part // self.n, part % self.n)
            scores[missing], conflicts[missing] = got_s[inverse], got_c[inverse]
        if len(self.cannot):
            conflicts |= np.isin(codes, self.cannot)
        return scores, conflicts


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
    known: PairScores | None = None,
) -> list[int]:
    """Group labels for ``n`` nodes.

    ``edges`` = (a, b, score, conflict) arrays of scored candidate pairs; ``evaluate``
    scores any other pair.  ``initial`` labels start nodes in groups (an incremental
    store's entities), each labelled by its smallest node.  ``known`` may pass a
    PairScores of these edges that the caller keeps using (built here otherwise).  Returns
    each node's group label: the smallest node index of its group.
    """
    a, b, s, conflict = (np.asarray(x) for x in edges)
    first: dict[int, int] = {}  # a group is labelled by its smallest node
    groups = _Groups([first.setdefault(lab, x) for x, lab in
                      enumerate(initial if initial is not None else range(n))])
    cannot = {(min(i, j), max(i, j)) for i, j in cannot_link}
    if known is None:
        known = PairScores(n, (a, b, s, conflict), evaluate)
    known.cannot = np.array(sorted(i * n + j for i, j in cannot), dtype=np.int64)
    must = list(must_link)
    lists: dict[int, list[int]] = {}
    for x in range(n if must else 0):
        lists.setdefault(groups.find(x), []).append(x)
    for i, j in must:
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj:
            continue
        if any((min(x, y), max(x, y)) in cannot for x in lists[gi] for y in lists[gj]):
            raise ConstraintError(f"must-link ({i}, {j}) joins a cannot-link pair")
        keep = groups.union(gi, gj)
        lists[keep] = lists.pop(gi) + lists.pop(gj)
    start = np.array([groups.find(x) for x in range(n)], dtype=np.int64)
    strong = np.flatnonzero((s >= threshold) & ~conflict.astype(bool))
    strong = strong[np.lexsort((b[strong], a[strong], -s[strong]))]
    comp = components(n, np.concatenate([a[strong], np.arange(n)]),
                      np.concatenate([b[strong], start]))
    labels = start.copy()
    for nodes, edge_list, pairs in _dense_batches(comp, a[strong], b[strong], known):
        for members, (ea, eb), scored in zip(nodes, edge_list, pairs, strict=True):
            _dense(members, ea, eb, scored, start, labels, threshold, max_size)
    for members, ea, eb in _components(comp, a[strong], b[strong], big=True):
        _sparse(members, ea, eb, known, start, labels, threshold, max_size)
    return labels.tolist()  # type: ignore[no-any-return]


def _components(
    comp: np.ndarray, ea: np.ndarray, eb: np.ndarray, *, big: bool
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """(members, edge ends a, edge ends b) per component of two or more nodes, dense
    (``big`` False) or big ones; edges keep their strength order."""
    nodes = np.argsort(comp, kind="stable")
    cuts = np.flatnonzero(np.diff(comp[nodes])) + 1
    starts = np.concatenate([[0], cuts])
    ends = np.concatenate([cuts, [len(nodes)]])
    edge_order = np.argsort(comp[ea], kind="stable")
    edge_comp = comp[ea][edge_order]
    for lo, hi in zip(starts.tolist(), ends.tolist(), strict=True):
        size = hi - lo
        if size < 2 or (size > DENSE_MAX) != big:
            continue
        root = comp[nodes[lo]]
        e_lo, e_hi = np.searchsorted(edge_comp, [root, root + 1])
        chosen = edge_order[e_lo:e_hi]
        yield nodes[lo:hi], ea[chosen], eb[chosen]


def _dense_batches(
    comp: np.ndarray, ea: np.ndarray, eb: np.ndarray, known: PairScores
) -> Iterator[tuple[list[np.ndarray], list[tuple[np.ndarray, np.ndarray]],
                    list[tuple[np.ndarray, np.ndarray]]]]:
    """Dense components in batches of about PAIRS_PER_CALL pairs, each with the scores and
    conflicts of all its pairs (upper triangle order)."""
    batch: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    count = 0
    for item in _components(comp, ea, eb, big=False):
        batch.append(item)
        count += len(item[0]) * (len(item[0]) - 1) // 2
        if count >= PAIRS_PER_CALL:
            yield _score_batch(batch, known)
            batch, count = [], 0
    if batch:
        yield _score_batch(batch, known)


def _score_batch(
    batch: list[tuple[np.ndarray, np.ndarray, np.ndarray]], known: PairScores
) -> tuple[list[np.ndarray], list[tuple[np.ndarray, np.ndarray]],
           list[tuple[np.ndarray, np.ndarray]]]:
    left, right = [], []
    for members, _, _ in batch:
        i, j = np.triu_indices(len(members), k=1)
        left.append(members[i])
        right.append(members[j])
    scores, conflicts = known(np.concatenate(left), np.concatenate(right))
    bounds = np.cumsum([0] + [len(x) for x in left])
    pairs = [(scores[lo:hi], conflicts[lo:hi]) for lo, hi in itertools.pairwise(bounds.tolist())]
    return [m for m, _, _ in batch], [(x, y) for _, x, y in batch], pairs


def _dense(
    members: np.ndarray, ea: np.ndarray, eb: np.ndarray,
    scored: tuple[np.ndarray, np.ndarray], start: np.ndarray, labels: np.ndarray,
    threshold: float, max_size: int,
) -> None:
    """Cluster one component on group sums: total[g, h] is the summed score over all
    pairs across groups g and h, clash[g, h] counts their conflicts."""
    m = len(members)
    total = np.zeros((m, m))
    clash = np.zeros((m, m), dtype=np.int32)
    i, j = np.triu_indices(m, k=1)
    total[i, j] = total[j, i] = scored[0]
    clash[i, j] = clash[j, i] = scored[1]
    local = {int(x): k for k, x in enumerate(members.tolist())}
    groups = _Groups(range(m))

    def merge(g: int, h: int) -> None:
        keep, gone = min(g, h), max(g, h)
        total[keep] += total[gone]
        total[:, keep] += total[:, gone]
        clash[keep] += clash[gone]
        clash[:, keep] += clash[:, gone]
        groups.union(keep, gone)

    for k, node in enumerate(members.tolist()):  # stored entities and must-links
        g, h = groups.find(k), groups.find(local[int(start[node])])
        if g != h:
            merge(g, h)
    size = groups.size
    for x, y in zip(ea.tolist(), eb.tolist(), strict=True):
        g, h = groups.find(local[x]), groups.find(local[y])
        if g == h or size[g] + size[h] > max_size or clash[g, h]:
            continue
        if total[g, h] >= threshold * size[g] * size[h]:
            merge(g, h)
    roots = members[[groups.find(k) for k in range(m)]]
    labels[members] = roots


def _sparse(
    members: np.ndarray, ea: np.ndarray, eb: np.ndarray, known: PairScores,
    start: np.ndarray, labels: np.ndarray, threshold: float, max_size: int,
) -> None:
    """Cluster one big component, scoring cross pairs on demand (sampled when many)."""
    local = {int(x): k for k, x in enumerate(members.tolist())}
    groups = _Groups(local[int(start[x])] for x in members.tolist())
    lists: dict[int, list[int]] = {}
    for k in range(len(members)):
        lists.setdefault(groups.find(k), []).append(k)
    apart: set[tuple[int, int]] = set()  # a conflict across: final, groups only grow
    tried: set[tuple[int, int, int, int]] = set()  # mean too low at these sizes
    for x, y in zip(ea.tolist(), eb.tolist(), strict=True):
        g, h = sorted((groups.find(local[x]), groups.find(local[y])))
        sizes = (g, h, groups.size[g], groups.size[h])
        if g == h or (g, h) in apart or sizes in tried or sizes[2] + sizes[3] > max_size:
            continue
        la, lb = np.asarray(lists[g]), np.asarray(lists[h])
        ia, ib = np.repeat(la, len(lb)), np.tile(lb, len(la))
        step = max(1, len(ia) // MAX_CROSS_PAIRS)
        scores, conflicts = known(members[ia[::step]], members[ib[::step]])
        if conflicts.any():
            apart.add((g, h))
        elif scores.mean() < threshold:
            tried.add(sizes)
        else:
            groups.union(g, h)
            lists[g].extend(lists.pop(h))
    labels[members] = members[[groups.find(k) for k in range(len(members))]]
