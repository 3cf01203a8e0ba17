"""Clustering: candidate edges between distinct names -> groups that name one entity.

Greedy average linkage with cannot-link constraints over the candidate graph.  Strong
edges (score at or above the threshold, no conflict) are taken strongest first; two
groups merge only when

* the mean score over all pairs across the two groups reaches the threshold -- one
  strong edge cannot chain two entities whose other names disagree.  A pair that
  blocking never proposed counts as a non-match (score 0: blocking's premise, names that
  share no key are different), with two exceptions.  When the test falls short because
  of such pairs -- the pairs blocking proposed agree on their own, and both groups hold
  FILL_MIN names or more (or one is a place's single name) and at most FILL_MAX pairs
  across -- they are scored with the
  caller's scorer (:class:`_Fill`): a place's spellings and its other-language ones
  share keys only in part (Kharkiv ~ Харьков).  And two names in one *refined* block
  (namematch.block: a block too big to pair whole, such as a famous person's 500
  spellings, pairs each name with its neighbours only) do share a key, so a pair of them
  that was not scored is left out of the mean;
* no pair across them is a conflict: different given names on alike surnames,
  contradicting patronymics, a gender-ending conflict, or a user cannot-link;
* the merged group stays within ``max_size`` distinct names (the giant-component guard).

Short forms (a person's name without a given name: "Mirzoyev", "A. Mirzoyev") fit many
people, so they never take part in that linkage: :func:`attach_short` decides them after
the full names are grouped (see there).

A merge decision only ever involves the groups of one connected component of the strong
edges (with the initial groups and must-links), so components are clustered one by one.
A component of up to ``DENSE_MAX`` names keeps group-by-group sums and pair counts in
dense matrices: a merge test is two lookups, a merge two row additions.  A bigger one
(at a million mentions, strong edges chain most full names into one component) is
clustered on its edge lists instead, with the same decisions: a merge test sums the
edges from one group into the other.

Must-links are applied first.  Node order is the caller's deterministic order (sorted
names), and ties between equal scores break by node index, so the partition does not
depend on input order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import numpy as np

from namematch.arrays import pair_codes, unique_sorted
from namematch.errors import ConstraintError

DENSE_MAX = 4_096
"""Largest component clustered on dense group sums (a 4,096-square matrix: 134 MB)."""

EDGE_CHUNK = 4_000_000
"""Edges looked at per step where a pass over all of them needs per-edge temporaries."""

FILL_MAX = 4_096
"""Most pairs across two groups for which a merge test scores the pairs blocking did not
propose (see :class:`_Fill`)."""

FILL_MIN = 2
"""Fewest names of each of two groups for which a merge test scores the pairs blocking did
not propose: a single name short of a group is a typo's shape, which its edges judge, and
asking costs a scorer call (at a million mentions, groups of any size asked 10,000 times
and added 20 s to clustering's 14 s; from two names up, 5,900 times and 15 s)."""

PairScore = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
"""(nodes a, nodes b) -> (scores, conflict flags) of those pairs."""


class _Fill:
    """The pairs across two groups that blocking never proposed, scored when a merge test
    falls short because of them (each pair once): a place's 60 spellings and its 40
    Russian ones share keys only in part (Kharkiv, Charkiw ~ Харьков, Ĥarkov), so the
    pairs blocking proposed agree and the rest, counted 0, sink the mean.  With every
    pair across scored, the test is the plain mean over all of them, and a conflict
    among them keeps the groups apart.  (Also asking where a refined block's unscored
    pairs were left out of the mean, for a conflict hidden there, changed no group at a
    million mentions and cost 8 s.)"""

    def __init__(self, score: PairScore, free: np.ndarray, n: int,
                 single: np.ndarray | None = None) -> None:
        self.score, self.free, self.n = score, free, n
        self.single = np.zeros(n, dtype=bool) if single is None else single
        self.seen: dict[int, tuple[float, bool]] = {}

    def asks(self, xs: list[int] | np.ndarray, ys: list[int] | np.ndarray) -> bool:
        """Whether a merge test of two groups (node indices) scores the pairs blocking
        did not propose: both hold FILL_MIN names or more, or the smaller is one name
        whose edges do not judge it alone (``single``: a place's, see :func:`cluster`)."""
        lone = min(len(xs), len(ys))
        if lone >= FILL_MIN:
            return True
        return lone == 1 and bool(self.single[(xs if len(xs) == 1 else ys)[0]])

    def missing(self, xs: np.ndarray, ys: np.ndarray, present: np.ndarray,
                scored: float, threshold: float) -> tuple[float, bool] | None:
        """Summed score and any conflict of the pairs (x of xs, y of ys: node indices)
        whose code (arrays.pair_codes) ``present`` (sorted) lacks; a node the caller
        leaves out (a short form) takes part in no pair.  None where the pairs across
        that are edges (their summed score ``scored``) fall short of the threshold on
        their own: the ones blocking judged apart seldom carry them, and asking costs a
        scorer call."""
        xs, ys = xs[self.free[xs]], ys[self.free[ys]]
        codes = (np.minimum.outer(xs, ys).astype(np.int64) * self.n
                 + np.maximum.outer(xs, ys)).ravel()
        at = np.searchsorted(present, codes)
        found = at < len(present)
        found[found] = present[at[found]] == codes[found]
        if scored < threshold * int(found.sum()):
            return None
        wanted = codes[~found].tolist()
        new = [c for c in wanted if c not in self.seen]
        if new:
            pairs = np.array(new, dtype=np.int64)
            scores, conflicts = self.score(pairs // self.n, pairs % self.n)
            self.seen.update(zip(new, zip(scores.tolist(), conflicts.tolist(),
                                          strict=True), strict=True))
        values = [self.seen[c] for c in wanted]
        return sum(v[0] for v in values), any(v[1] for v in values)


def _index(x: object) -> np.ndarray:
    """Node indices as given when int32 or int64 (no copy of tens of millions of edges),
    else as int64.  Codes of pairs (a * n + b) are always computed in int64."""
    arr = np.asarray(x)
    return arr if arr.dtype in (np.int32, np.int64) else arr.astype(np.int64)


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


def cluster(
    n: int,
    edges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    *,
    initial: Iterable[int] | None = None,
    threshold: float = 0.5,
    max_size: int = 1_000,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    refined: np.ndarray | None = None,
    leave_out: np.ndarray | None = None,
    score: PairScore | None = None,
    fill_single: np.ndarray | None = None,
) -> list[int]:
    """Group labels for ``n`` nodes.

    ``edges`` = (a, b, score, conflict) arrays of scored candidate pairs, each pair once.
    ``refined``: per node, the refined block it was paired in (-1: none; see above).
    ``leave_out``: per node, whether its edges take no part (the resolver's short forms,
    which :func:`attach_short` decides afterwards); such a node stays in its initial group.
    ``initial`` labels start nodes in groups (an incremental store's entities).
    ``score``: scores node pairs that are no edge (:class:`_Fill`); without it such a
    pair counts 0 (or, in a refined block, not at all).  ``fill_single``: per node,
    whether that name alone joining a group is tested with the group's pairs blocking
    did not propose scored too (places: a typo'd or foreign spelling meets few of its
    place's other spellings in blocking -- Simeropolj ~ Simferopol 0.97 but not
    Sinferòpol -- and those unproposed pairs counted 0 kept it apart).  Returns each
    node's group label: the smallest node index of its group.
    """
    a, b = (_index(x) for x in edges[:2])
    s, conflict = np.asarray(edges[2], dtype=np.float64), np.asarray(edges[3], dtype=bool)
    first: dict[int, int] = {}  # a group is labelled by its smallest node
    groups = _Groups([first.setdefault(lab, x) for x, lab in
                      enumerate(initial if initial is not None else range(n))])
    cannot = {(min(i, j), max(i, j)) for i, j in cannot_link}
    must = list(must_link)
    lists: dict[int, list[int]] = {}
    for x in range(n if must else 0):
        lists.setdefault(groups.find(x), []).append(x)
    for i, j in must:
        gi, gj = groups.find(i), groups.find(j)
        if gi == gj:
            continue
        if any((min(x, y), max(x, y)) in cannot for x in lists[gi] for y in lists[gj]):
            raise ConstraintError("must-links join two names that a cannot-link keeps apart")
        keep = groups.union(gi, gj)
        lists[keep] = lists.pop(gi) + lists.pop(gj)
    start = np.array([groups.find(x) for x in range(n)], dtype=np.int64)
    used = (np.ones(len(a), dtype=bool) if leave_out is None
            else ~(np.asarray(leave_out, dtype=bool)[a] | np.asarray(leave_out, dtype=bool)[b]))
    if cannot:  # a user cannot-link is a conflicting pair (of score 0 if not scored)
        want = np.array(sorted(cannot), dtype=np.int64).reshape(-1, 2)
        want_codes = want[:, 0] * n + want[:, 1]
        codes = pair_codes(a, b, n)
        listed = np.isin(codes, want_codes)
        conflict = conflict | listed
        extra = want[~np.isin(want_codes, codes[listed])]
        del codes, listed
        if len(extra):  # every pair once: the edge-list path relies on it
            a, b = np.concatenate([a, extra[:, 0]]), np.concatenate([b, extra[:, 1]])
            s = np.concatenate([s, np.zeros(len(extra))])
            conflict = np.concatenate([conflict, np.ones(len(extra), dtype=bool)])
            used = np.concatenate([used, np.ones(len(extra), dtype=bool)])
    strong = np.flatnonzero((s >= threshold) & ~conflict & used)
    if np.all(np.diff(a[strong].astype(np.int64) * n + b[strong]) > 0):  # blocking's order
        strong = strong[np.argsort(-s[strong], kind="stable")]
    else:
        strong = strong[np.lexsort((b[strong], a[strong], -s[strong]))]
    comp = components(n, np.concatenate([a[strong], np.arange(n)]),
                      np.concatenate([b[strong], start]))
    # int32 labels halve the temporaries of the per-edge lookups (tens of millions of edges)
    comp = comp.astype(np.int32) if n < 2**31 else comp
    inside = np.flatnonzero((comp[a] == comp[b]) & used)
    del used
    labels = start.copy()
    rb = np.full(n, -1, dtype=np.int64) if refined is None else np.asarray(refined, np.int64)
    parts = _by_component(comp, (a[strong], b[strong]), inside, a, b)
    del inside
    free = (np.ones(n, dtype=bool) if leave_out is None
            else ~np.asarray(leave_out, dtype=bool))
    fill = (_Fill(score, free, n, None if fill_single is None
                  else np.asarray(fill_single, dtype=bool)) if score is not None else None)
    for members, (sa, sb), known in parts:
        if len(members) <= DENSE_MAX:
            found = _dense(members, (sa, sb), (a[known], b[known], s[known], conflict[known]),
                           start, threshold, max_size, rb[members], fill)
        else:  # its edges stay where they are: a big component holds most of them
            found = _sparse(members, (sa, sb), known, (a, b, s, conflict), start,
                            threshold, max_size, rb[members], fill)
        labels[members] = found
    return labels.tolist()  # type: ignore[no-any-return]


def _by_component(
    comp: np.ndarray, strong: tuple[np.ndarray, np.ndarray], inside: np.ndarray,
    a: np.ndarray, b: np.ndarray,
) -> Iterator[tuple[np.ndarray, tuple[np.ndarray, np.ndarray], np.ndarray]]:
    """Per component of two or more nodes: its members (ascending), its strong edges (in
    strength order) and the indices of all edges inside it."""
    nodes = np.argsort(comp, kind="stable")
    cuts = np.flatnonzero(np.diff(comp[nodes])) + 1
    starts, ends = np.r_[0, cuts], np.r_[cuts, len(nodes)]
    big = ends - starts >= 2
    starts, ends = starts[big], ends[big]
    roots = comp[nodes[starts]]
    sa, sb = strong
    s_order = np.argsort(comp[sa], kind="stable")
    s_comp = comp[sa][s_order]
    s_lo, s_hi = np.searchsorted(s_comp, roots), np.searchsorted(s_comp, roots + 1)
    key = comp[a[inside]]
    order = np.argsort(key, kind="stable")
    i_order, i_comp = inside[order], key[order]
    del key, order, inside  # the edge index arrays are long: one copy at a time
    i_lo, i_hi = np.searchsorted(i_comp, roots), np.searchsorted(i_comp, roots + 1)
    del i_comp
    for k in range(len(roots)):
        chosen = s_order[s_lo[k] : s_hi[k]]
        yield nodes[starts[k] : ends[k]], (sa[chosen], sb[chosen]), i_order[i_lo[k] : i_hi[k]]


Known = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _dense(
    members: np.ndarray, strong: tuple[np.ndarray, np.ndarray], known: Known,
    start: np.ndarray, threshold: float, max_size: int, rb: np.ndarray, fill: _Fill | None,
) -> np.ndarray:
    """Cluster one component on group sums: total[g, h] is the summed score over the
    pairs across groups g and h, clash[g, h] whether any of them conflicts."""
    m = len(members)
    ka, kb, ks, kc = known
    i, j = np.searchsorted(members, ka), np.searchsorted(members, kb)
    total = np.zeros((m, m))
    clash = np.zeros((m, m), dtype=bool)
    total[i, j] = total[j, i] = ks
    # refined blocks: per group, its nodes in each block (share[g] @ share[h] = cross
    # pairs that share one), and the scored pairs among those
    blocks, block_of = np.unique(rb, return_inverse=True)
    neutral = blocks[0] >= 0 or len(blocks) > 1
    if neutral:
        share = np.zeros((m, len(blocks)), dtype=np.int64)
        share[np.arange(m), block_of.reshape(-1)] = rb >= 0
        same = np.zeros((m, m), dtype=np.int64)
        hit = (rb[i] == rb[j]) & (rb[i] >= 0)
        same[i[hit], j[hit]] = same[j[hit], i[hit]] = 1
    clash[i, j] |= kc
    clash[j, i] |= kc
    groups = _Groups(range(m))

    lists: dict[int, list[int]] = {k: [k] for k in range(m)}
    present: list[np.ndarray] = []  # the edges' pair codes, sorted when _Fill first asks

    def merge(g: int, h: int) -> None:
        keep, gone = min(g, h), max(g, h)
        lists[keep] += lists.pop(gone)
        total[keep] += total[gone]
        total[:, keep] = total[keep]  # the matrices stay symmetric
        if neutral:
            share[keep] += share[gone]
            same[keep] += same[gone]
            same[:, keep] = same[keep]
        clash[keep] |= clash[gone]
        clash[:, keep] = clash[keep]
        groups.union(keep, gone)

    home = np.searchsorted(members, start[members]).tolist()
    for k in range(m):  # stored entities and must-links
        g, h = groups.find(k), groups.find(home[k])
        if g != h:
            merge(g, h)
    size, find, parent = groups.size, groups.find, groups.parent
    sa, sb = strong
    for x, y in zip(np.searchsorted(members, sa).tolist(),
                    np.searchsorted(members, sb).tolist(), strict=True):
        g, h = parent[x], parent[y]  # after path compression, mostly the root already
        if parent[g] != g:
            g = find(x)
        if parent[h] != h:
            h = find(y)
        if g == h or size[g] + size[h] > max_size or clash[g, h]:
            continue
        pairs = size[g] * size[h]
        left = int(share[g] @ share[h]) - int(same[g, h]) if neutral else 0
        ok = total[g, h] >= threshold * (pairs - left)  # a refined block's unscored: none
        if (fill is not None and not ok and pairs <= FILL_MAX
                and fill.asks(members[lists[g]], members[lists[h]])):
            if not present:  # most components never ask: no sort of their edges
                present.append(np.sort(pair_codes(members[i], members[j], len(start))))
            got = fill.missing(members[lists[g]], members[lists[h]], present[0],
                               total[g, h], threshold)
            if got is not None:
                ok = not got[1] and total[g, h] + got[0] >= threshold * pairs
        if ok:
            merge(g, h)
    result: np.ndarray = members[[find(k) for k in range(m)]]
    return result


def _sparse(
    members: np.ndarray, strong: tuple[np.ndarray, np.ndarray], known: np.ndarray,
    edges: Known, start: np.ndarray, threshold: float, max_size: int, rb: np.ndarray,
    fill: _Fill | None,
) -> np.ndarray:
    """Cluster one big component exactly on its edges, as :func:`_dense` does on group
    sums: a merge test gathers the edges of the group with fewer edges and keeps those
    that end in the other group (a million mentions can make one component of 380,000
    names and 16M edges, far beyond a dense matrix)."""
    m = len(members)
    ea, eb, ks, kc = edges  # all edges; ``known``: the positions of this component's
    # each node's edges: those where it is the first end (ordered by it) and those where
    # it is the second (ordered by that); int32 positions keep 16M edges near 200 MB
    i = np.searchsorted(members, ea[known]).astype(np.int32)
    j = np.searchsorted(members, eb[known]).astype(np.int32)
    by_first = (None if np.all(i[1:] >= i[:-1])
                else np.argsort(i, kind="stable").astype(np.int32))
    by_second = np.argsort(j, kind="stable").astype(np.int32)
    first_ptr, second_ptr = np.zeros(m + 1, dtype=np.int64), np.zeros(m + 1, dtype=np.int64)
    np.cumsum(np.bincount(i, minlength=m), out=first_ptr[1:])
    np.cumsum(np.bincount(j, minlength=m), out=second_ptr[1:])
    degree = np.diff(first_ptr) + np.diff(second_ptr)
    group_of = np.searchsorted(members, start[members])
    by_group = np.argsort(group_of, kind="stable")
    cuts = np.flatnonzero(np.diff(group_of[by_group])) + 1
    lists = {int(group_of[x[0]]): x for x in np.split(by_group, cuts)}
    size = {g: len(x) for g, x in lists.items()}
    edges_of = {g: int(degree[x].sum()) for g, x in lists.items()}
    neutral = bool((rb >= 0).any())
    apart: set[tuple[int, int]] = set()  # a conflict across: final, groups only grow
    tried: set[tuple[int, int, int, int]] = set()  # mean too low at these sizes

    def spans(ptr: np.ndarray, nodes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The positions ptr[x] .. ptr[x + 1] of each node x, and how many per node."""
        lo = ptr[nodes]
        count = ptr[nodes + 1] - lo
        if len(nodes) == 1:
            return np.arange(lo[0], lo[0] + count[0]), count
        return np.repeat(lo - np.cumsum(count) + count, count) + np.arange(count.sum()), count

    def across(g: int, h: int) -> tuple[float, bool, int, np.ndarray]:
        """Summed score, any conflict, (refined blocks) the pair count's correction over
        the pairs across groups g and h, and those pairs' edge positions."""
        nodes = lists[g]
        first, n_first = spans(first_ptr, nodes)
        if by_first is not None:
            first = by_first[first]
        second, n_second = spans(second_ptr, nodes)
        second = by_second[second]
        other = np.concatenate([j[first], i[second]])
        into = group_of[other] == h
        hit = np.concatenate([first, second])[into]
        correction = 0
        if neutral:  # unscored pairs of one refined block say nothing (see _dense)
            fg, fh = rb[nodes], rb[lists[h]]
            fg, fh = fg[fg >= 0], fh[fh >= 0]
            if len(fg) and len(fh):
                ug, cg = np.unique(fg, return_counts=True)
                uh, ch = np.unique(fh, return_counts=True)
                _, at_g, at_h = np.intersect1d(ug, uh, return_indices=True)
                share = int((cg[at_g] * ch[at_h]).sum())
                own = np.concatenate([np.repeat(nodes, n_first), np.repeat(nodes, n_second)])
                own, far = rb[own[into]], rb[other[into]]
                correction = share - int(((own == far) & (own >= 0)).sum())
        hit = known[hit]
        return float(ks[hit].sum()), bool(kc[hit].any()), correction, hit

    sa, sb = strong
    for x, y in zip(np.searchsorted(members, sa).tolist(),
                    np.searchsorted(members, sb).tolist(), strict=True):
        g, h = int(group_of[x]), int(group_of[y])
        if g == h:
            continue
        if edges_of[g] > edges_of[h]:
            g, h = h, g
        pair = (min(g, h), max(g, h))
        sizes = (*pair, size[pair[0]], size[pair[1]])
        if pair in apart or sizes in tried or size[g] + size[h] > max_size:
            continue
        if size[g] == size[h] == 1:  # the strong edge is their one pair: it decides
            total, clash, correction = threshold, False, 0
        else:
            total, clash, correction, hit = across(g, h)
            pairs = size[g] * size[h]
            if (fill is not None and not clash and pairs <= FILL_MAX
                    and total < threshold * (pairs - correction)
                    and fill.asks(members[lists[g]], members[lists[h]])):
                present = np.sort(pair_codes(ea[hit], eb[hit], len(start)))
                got = fill.missing(members[lists[g]], members[lists[h]], present, total,
                                   threshold)
                if got is not None:
                    total, clash, correction = total + got[0], got[1], 0
        if clash:
            apart.add(pair)
        elif total < threshold * (size[g] * size[h] - correction):
            tried.add(sizes)
        else:  # the smaller group takes the larger's label
            keep, gone = (g, h) if size[g] >= size[h] else (h, g)
            group_of[lists[gone]] = keep
            lists[keep] = np.concatenate([lists[keep], lists.pop(gone)])
            size[keep] += size.pop(gone)
            edges_of[keep] += edges_of.pop(gone)
    smallest = {g: int(x.min()) for g, x in lists.items()}
    result: np.ndarray = members[[smallest[g] for g in group_of.tolist()]]
    return result


def _one_person(node: np.ndarray, group: np.ndarray, lab: np.ndarray, a: np.ndarray,
                b: np.ndarray, strong: np.ndarray, conflict: np.ndarray,
                short: np.ndarray) -> np.ndarray:
    """Per node: given the (node, group) pairs of the full-name groups each short form
    reaches (sorted by node), the largest of a node's groups when they look like one
    person's names split apart -- strong edges join them all (a typo'd "Pakhomox
    Onufriy" and "Pakhomov, Oufriy" each beside "Onufriy Pakhomov": blocking pairs the
    typos with the main spellings, not with each other) and no conflict joins any two,
    else -1.  Different people sharing a surname differ in given name, patronymic or
    gender, and conflict."""
    n = len(lab)
    candidate = np.zeros(n, dtype=bool)
    candidate[group] = True
    found: tuple[list[np.ndarray], list[np.ndarray]] = ([], [])  # strong, conflicting
    for lo in range(0, len(a), EDGE_CHUNK):  # only edges between candidate groups count
        pa, pb = a[lo : lo + EDGE_CHUNK], b[lo : lo + EDGE_CHUNK]
        ga, gb = lab[pa], lab[pb]
        at = np.flatnonzero(candidate[ga] & candidate[gb] & (ga != gb) & ~short[pa]
                            & ~short[pb])
        code = pair_codes(ga[at], gb[at], n)
        for out_codes, flag in zip(found, (strong, conflict), strict=True):
            out_codes.append(code[flag[lo : lo + EDGE_CHUNK][at]])
    # group pairs as codes g * n + h (g < h)
    linked, clashing = (set(unique_sorted(np.concatenate([np.empty(0, np.int64), *codes]),
                                          overwrite=True).tolist()) for codes in found)
    size = np.bincount(lab, minlength=n)
    out = np.full(n, -1, dtype=np.int64)
    bounds = np.flatnonzero(np.diff(node)) + 1
    for nodes, groups in zip(np.split(node, bounds), np.split(group, bounds), strict=True):
        gs = sorted(groups.tolist())
        pairs = [(g, h) for i, g in enumerate(gs) for h in gs[i + 1:]]
        if pairs and not any(g * n + h in clashing for g, h in pairs) and _connected(
                gs, [(g, h) for g, h in pairs if g * n + h in linked]):
            out[nodes[0]] = max(gs, key=lambda g: (size[g], -g))
    return out


def _connected(nodes: list[int], edges: list[tuple[int, int]]) -> bool:
    """Whether ``edges`` join all of ``nodes`` (a few) into one."""
    at = {x: i for i, x in enumerate(nodes)}
    groups = _Groups(range(len(nodes)))
    for g, h in edges:
        x, y = groups.find(at[g]), groups.find(at[h])
        if x != y:
            groups.union(x, y)
    return groups.size[groups.find(0)] == len(nodes)


REFERENT_MARGIN = 0.2
"""A candidate referent of a short form whose best score is more than this below the
best candidate's is not a plausible one: "Samojlov" beside "Valentin Szamojlov" (0.98)
does not also mean "Boyan Samsonov" (0.66).  Two people it fits alike (0.97, 0.96) stay
ambiguous.  Measured on benchmarks/bench_quality.py: a margin of 0.4-1.0 in log-odds
gives the same B-cubed at 10k and 100k mentions but lowers the agreement of batches
with one shot (tests/test_blocking.py), since a short form then attaches on less."""


def plausible(codes: np.ndarray, scores: np.ndarray, n: int
              ) -> tuple[np.ndarray, np.ndarray]:
    """Distinct (node * n + group) codes with their best scores, less those whose best
    is more than REFERENT_MARGIN below their node's best; sorted by code."""
    if not len(codes):
        return codes, scores
    order = np.lexsort((-scores, codes))
    codes, scores = codes[order], scores[order]
    head = np.r_[True, codes[1:] != codes[:-1]]
    codes, scores = codes[head], scores[head]
    node = codes // max(n, 1)
    best = np.full(int(node.max()) + 1, -np.inf)
    np.maximum.at(best, node, scores)
    keep = scores >= best[node] - REFERENT_MARGIN
    return codes[keep], scores[keep]


def spelled_alike(spelling: tuple[np.ndarray, ...], x: np.ndarray, y: np.ndarray
                  ) -> np.ndarray:
    """Per pair of a short form x[k] and a candidate y[k]: how closely the candidate
    spells what the short form shows, as a level.  2: the surname as folded, the letter
    of its given name as the short form's initial (when both show one) and its second
    given word's letter as a second initial (S. V. Lagoda: Svitlana Volodymyrivna);
    1: surname and initial so, the candidate showing no second given word (U. V.
    Kuznetsov: Ustin, whose patronymic no mention shows, before Amvrosiy Vsevolodovich,
    whose A shares only U's vowel class); 0: otherwise.  ``spelling``: per node the codes
    of surname, first and second letter (-1 for none)."""
    surname, lead, lead2 = (np.asarray(c, dtype=np.int64) for c in spelling)
    # a bare surname needs no letter to agree
    named = ((surname[x] == surname[y]) & (surname[x] >= 0)
             & ((lead[x] < 0) | (lead[y] < 0) | (lead[x] == lead[y])))
    second = (lead2[x] < 0) | (lead2[x] == lead2[y])
    level: np.ndarray = np.where(named, np.where(second, 2, np.where(lead2[y] < 0, 1, 0)), 0)
    return level


def prefer_alike(codes: np.ndarray, level: np.ndarray, n: int) -> np.ndarray:
    """Which (node * n + group) edge codes to keep: for each node, the edges into groups
    it reaches at its best level of :func:`spelled_alike` (all of them when that is 0)."""
    level = np.asarray(level, dtype=np.int64)
    if not level.any():
        return np.ones(len(codes), dtype=bool)
    node = codes // max(n, 1)
    best = np.zeros(int(node.max()) + 1, dtype=np.int64)
    np.maximum.at(best, node, level)
    # a group counts at the best level any of its edges reaches
    uniq, inverse = np.unique(codes, return_inverse=True)
    top = np.zeros(len(uniq), dtype=np.int64)
    np.maximum.at(top, inverse, level)
    keep: np.ndarray = top[inverse] >= best[node]
    return keep


def attach_short(
    labels: Iterable[int],
    edges: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    short: np.ndarray,
    *,
    threshold: float = 0.5,
    max_size: int = 1_000,
    must_link: Iterable[tuple[int, int]] = (),
    cannot_link: Iterable[tuple[int, int]] = (),
    spelling: tuple[np.ndarray, ...] | None = None,
) -> tuple[list[int], np.ndarray]:
    """Decide the short forms, given ``labels`` that group the full names (short nodes
    alone in their group).  Returns the new labels and, per node, whether it is an
    ambiguous short form.

    A short form joins a group only when the evidence singles one out:

    1. it has a strong edge (score >= threshold, no conflict) into exactly one group of
       full names -- it joins that group (a short form in an oversized block met a sample
       of it: namematch.block).  Several groups count as one when they
       look like one person's names split apart (:func:`_one_person`): it joins the
       largest;
    2. with no such edge, it has strong edges to short forms decided in step 1, all in one
       group -- it joins that group (a typo of an attached form: Nazarnod ~ Nazarzod);
    3. with neither, short forms that fit no full name group among themselves (average
       linkage, as :func:`cluster`): "Mirzoyev" and "Mirzoev" when no Mirzoyev is known.

    A group whose best edge to the short form is more than REFERENT_MARGIN below the
    best group's is no candidate (a near spelling of another surname); a group it
    conflicts with is neither a candidate nor a rival.  A short form whose strong edges
    reach two or more groups is ambiguous: it stays alone, and the caller decides its
    mentions by their documents.
    ``spelling``: per node, a code of its surname as folded and of the letters its given
    name (or initial) and second given word start with (-1 for none; see
    :func:`spelled_alike`).  A group that the short form meets only through other
    spellings -- of its surname, or of its initials' letters -- is no candidate while
    another group spells them as the short form does: "N. Panov" beside Nikodim Panov is
    not also "PANFVA Nadežda" (a typo that hid Panova's ending), nor "O. Baranova" beside
    Olimpiada Baranova also Anzhela Baranova (o and a are one vowel class to the
    initials' sounds: Tajik Odina, Adina).
    A user's cannot-link is a conflict (a group holding a node a short form must not
    join is not a candidate); a must-linked short form stays with its partner, where
    :func:`cluster` (given the same must-links) put it.
    """
    lab = np.asarray(list(labels), dtype=np.int64)
    n = len(lab)
    a, b = (_index(x) for x in edges[:2])
    s, conflict = np.asarray(edges[2], dtype=np.float64), np.asarray(edges[3], dtype=bool)
    cannot = np.array(sorted({(min(i, j), max(i, j)) for i, j in cannot_link}),
                      dtype=np.int64).reshape(-1, 2)
    if len(cannot):
        a, b = np.concatenate([a, cannot[:, 0]]), np.concatenate([b, cannot[:, 1]])
        s = np.concatenate([s, np.zeros(len(cannot))])
        conflict = np.concatenate([conflict, np.ones(len(cannot), dtype=bool)])
    short = np.asarray(short, dtype=bool)
    bound = [x for pair in must_link for x in pair]
    if bound:  # a must-linked short form stays where the must-link put it (see cluster)
        short = short.copy()
        short[bound] = False
    strong = (s >= threshold) & ~conflict
    # _one_person reads the edges between full names; everything else here reads only
    # the edges of a short form (a few of a million mentions' tens of millions)
    full_edges = (a, b, strong, conflict)
    touch = np.flatnonzero(short[a] | short[b])
    a, b, s, conflict, strong = a[touch], b[touch], s[touch], conflict[touch], strong[touch]
    everyone = np.ones(n, dtype=bool)
    # per edge, how closely the candidate spells the short form, with a or b the short form
    level = ((spelled_alike(spelling, a, b), spelled_alike(spelling, b, a))
             if spelling is not None else (np.zeros(len(a), dtype=np.int64),) * 2)

    def groups_seen(sel: np.ndarray, target_ok: np.ndarray
                    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Per short node: how many distinct groups its strong edges reach among targets
        with target_ok, and one such group; and every (node, group) pair so reached,
        sorted by node."""
        def reach(sel: np.ndarray, target_ok: np.ndarray = target_ok
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            fwd = sel & short[a] & target_ok[b]
            back = sel & short[b] & target_ok[a]
            return (np.concatenate([a[fwd].astype(np.int64) * n + lab[b[fwd]],
                                    b[back].astype(np.int64) * n + lab[a[back]]]),
                    np.concatenate([s[fwd], s[back]]),
                    np.concatenate([level[0][fwd], level[1][back]]))

        codes, scores, alike = reach(sel)
        # never a group it conflicts with (through any of its names, full or short: a
        # user's cannot-link with the full name holds when a short form of the group
        # is what it meets), which is then no rival either
        ok = ~np.isin(codes, reach(conflict, everyone)[0])
        codes, scores, alike = codes[ok], scores[ok], alike[ok]
        ok = prefer_alike(codes, alike, n)
        pairs = plausible(codes[ok], scores[ok], n)[0]
        node, group = pairs // max(n, 1), pairs % max(n, 1)
        count = np.bincount(node, minlength=n)
        one = np.full(n, -1, dtype=np.int64)
        one[node] = group
        return count, one, node, group

    count, group, node, reached = groups_seen(strong, ~short)
    split = short & (count >= 2)
    if split.any():  # groups that are one person's names split apart count as one
        at = split[node]
        pick = _one_person(node[at], reached[at], lab, *full_edges, short)
        count[pick >= 0] = 1
        group[pick >= 0] = pick[pick >= 0]
    ambiguous = short & (count >= 2)
    first = short & ~ambiguous & (count == 1)
    lab[first] = group[first]
    rest = short & ~ambiguous & ~first
    count, group, _, _ = groups_seen(strong & (rest[a] | rest[b]), first)
    second = rest & (count == 1)
    ambiguous |= rest & (count >= 2)
    lab[second] = group[second]
    rest &= ~second & ~ambiguous
    inside = rest[a] & rest[b]
    if inside.any():  # on the remaining short forms alone (renumbered)
        nodes = np.flatnonzero(rest)
        sub = np.searchsorted(nodes, np.stack([a[inside], b[inside]]))
        found = cluster(len(nodes), (sub[0], sub[1], s[inside], conflict[inside]),
                        threshold=threshold, max_size=max_size)
        lab[nodes] = nodes[np.asarray(found, dtype=np.int64)]
    smallest = np.full(n, n, dtype=np.int64)  # label a group by its smallest node again
    np.minimum.at(smallest, lab, np.arange(n))
    return smallest[lab].tolist(), ambiguous
