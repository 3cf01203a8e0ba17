"""Clustering on hand-made graphs: no chaining, average linkage, constraints, guards, and
the dense and edge-list paths agreeing."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namematch import cluster as cl
from namematch.cluster import cluster, components
from namematch.errors import ConstraintError


def _edges(rows: list[tuple[int, int, float, bool]]) -> tuple[np.ndarray, ...]:
    a = np.array([min(r[0], r[1]) for r in rows], dtype=np.int64)
    b = np.array([max(r[0], r[1]) for r in rows], dtype=np.int64)
    return a, b, np.array([r[2] for r in rows]), np.array([r[3] for r in rows], dtype=bool)


def _partition(labels: list[int]) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for node, lab in enumerate(labels):
        groups.setdefault(lab, set()).add(node)
    return {frozenset(g) for g in groups.values()}


CASES = [
    # a bare surname (1) scores high with two full names that conflict (0, 2): it joins
    # one of them, never both
    ("no chain through a conflict", 3,
     [(0, 1, 0.90, False), (1, 2, 0.85, False), (0, 2, 0.0, True)],
     {frozenset({0, 1}), frozenset({2})}),
    # two tight pairs and one good edge between them: the mean over the four cross pairs
    # (three never proposed, so 0) is 0.6 / 4
    ("average linkage, not single", 4,
     [(0, 1, 0.95, False), (2, 3, 0.95, False), (1, 2, 0.60, False)],
     {frozenset({0, 1}), frozenset({2, 3})}),
    ("all cross pairs strong", 4,
     [(0, 1, 0.95, False), (2, 3, 0.95, False), (0, 2, 0.7, False), (0, 3, 0.7, False),
      (1, 2, 0.7, False), (1, 3, 0.7, False)],
     {frozenset({0, 1, 2, 3})}),
    ("weak edges never merge", 3, [(0, 1, 0.3, False), (1, 2, 0.49, False)],
     {frozenset({0}), frozenset({1}), frozenset({2})}),
    ("nothing proposed, nothing merged", 2, [], {frozenset({0}), frozenset({1})}),
]


@pytest.mark.parametrize(("why", "n", "rows", "want"), CASES, ids=[c[0] for c in CASES])
def test_cluster_cases(why: str, n: int, rows: list[tuple[int, int, float, bool]],
                       want: set[frozenset[int]]) -> None:
    assert _partition(cluster(n, _edges(rows))) == want


def test_labels_are_smallest_member() -> None:
    labels = cluster(3, _edges([(1, 2, 0.9, False)]))
    assert labels == [0, 1, 1]


def test_size_guard() -> None:
    rows = [(i, j, 0.9, False) for i in range(4) for j in range(i + 1, 4)]
    assert max(len(g) for g in _partition(cluster(4, _edges(rows), max_size=2))) == 2


def test_initial_groups_are_kept_and_grow() -> None:
    # 0 and 1 are one stored entity although nothing links them; 2 joins through 1 only if
    # the mean over both stays high
    labels = cluster(3, _edges([(1, 2, 0.95, False)]), initial=[0, 0, 2])
    assert _partition(labels) == {frozenset({0, 1}), frozenset({2})}
    rows = [(1, 2, 0.95, False), (0, 2, 0.9, False)]
    assert _partition(cluster(3, _edges(rows), initial=[0, 0, 2])) == {frozenset({0, 1, 2})}


def test_user_constraints() -> None:
    rows = [(0, 1, 0.95, False), (1, 2, 0.9, False), (0, 2, 0.9, False)]
    split = cluster(3, _edges(rows), cannot_link=[(0, 2)])
    assert split[0] != split[2]
    joined = cluster(3, _edges([]), must_link=[(0, 2)])
    assert joined == [0, 1, 0]
    with pytest.raises(ConstraintError):
        cluster(3, _edges([]), must_link=[(0, 2)], cannot_link=[(2, 0)])


def test_components() -> None:
    a, b = np.array([0, 3, 5]), np.array([2, 4, 3])
    assert components(6, a, b).tolist() == [0, 1, 0, 3, 3, 3]


@st.composite
def graphs(draw: st.DrawFn) -> tuple[int, list[tuple[int, int, float, bool]]]:
    n = draw(st.integers(2, 12))
    pairs = draw(st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                          max_size=40, unique_by=lambda p: (min(p), max(p))))
    rows = []
    for k, (i, j) in enumerate(p for p in pairs if p[0] != p[1]):
        # distinct scores: ties would make node order matter
        rows.append((i, j, 0.3 + 0.69 * ((k * 7919) % 97) / 97 + k * 1e-6,
                     draw(st.booleans()) and k % 5 == 0))
    return n, rows


@settings(max_examples=60, deadline=None)
@given(graphs())
def test_dense_and_sparse_paths_agree(graph: tuple[int, list[tuple[int, int, float, bool]]]
                                       ) -> None:
    n, rows = graph
    dense = cluster(n, _edges(rows))
    old = cl.DENSE_MAX
    cl.DENSE_MAX = 1  # every component takes the edge-list path
    try:
        sparse = cluster(n, _edges(rows))
    finally:
        cl.DENSE_MAX = old
    assert _partition(dense) == _partition(sparse)


@settings(max_examples=100, deadline=None)
@given(graphs(), st.data())
def test_dense_and_sparse_agree_with_groups_blocks_and_constraints(
    graph: tuple[int, list[tuple[int, int, float, bool]]], data: st.DataObject
) -> None:
    """Stored groups, refined blocks (unscored pairs left out of the mean), cannot-links
    and a group-size cap: both paths make the same decisions."""
    n, rows = graph
    options = {
        "initial": data.draw(st.lists(st.integers(0, n - 1), min_size=n, max_size=n)),
        "refined": np.array(data.draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n))),
        "cannot_link": data.draw(st.lists(st.tuples(st.integers(0, n - 1),
                                                    st.integers(0, n - 1)), max_size=3)),
        "max_size": data.draw(st.integers(2, 8)),
    }
    initial = options["initial"]
    for i, j in options["cannot_link"]:  # a cannot-link inside a stored group is refused
        if i == j or initial[i] == initial[j]:
            return
    dense = cluster(n, _edges(rows), **options)
    old = cl.DENSE_MAX
    cl.DENSE_MAX = 1
    try:
        sparse = cluster(n, _edges(rows), **options)
    finally:
        cl.DENSE_MAX = old
    assert _partition(dense) == _partition(sparse)


def _scorer(table: dict[tuple[int, int], tuple[float, bool]], default: float = 0.0
            ) -> cl.PairScore:
    """A pair scorer from a table of (min, max) -> (score, conflict); what it was asked."""
    def score(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        got = [table.get((min(x, y), max(x, y)), (default, False))
               for x, y in zip(a.tolist(), b.tolist(), strict=True)]
        asked.extend((min(x, y), max(x, y)) for x, y in zip(a.tolist(), b.tolist(),
                                                            strict=True))
        return np.array([g[0] for g in got]), np.array([g[1] for g in got], dtype=bool)

    asked: list[tuple[int, int]] = []
    score.asked = asked  # type: ignore[attr-defined]
    return score


@pytest.mark.parametrize("dense", [True, False])
def test_pairs_blocking_missed_are_scored_when_a_merge_asks(
        dense: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # two spellings of a place and two of its other-language name, one edge across
    # (Kharkiv ~ Kharkov): the three pairs blocking never proposed counted 0; scored,
    # they are 0.7 and the four cross pairs' mean carries the merge
    if not dense:
        monkeypatch.setattr(cl, "DENSE_MAX", 1)
    rows = [(0, 1, 0.95, False), (2, 3, 0.95, False), (1, 2, 0.6, False)]
    assert _partition(cluster(4, _edges(rows))) == {frozenset({0, 1}), frozenset({2, 3})}
    score = _scorer({}, default=0.7)
    assert _partition(cluster(4, _edges(rows), score=score)) == {frozenset({0, 1, 2, 3})}
    assert sorted(set(score.asked)) == [(0, 2), (0, 3), (1, 3)]  # type: ignore[attr-defined]
    # a missed pair that conflicts keeps them apart, and a short form left out is asked
    # about nothing
    score = _scorer({(0, 3): (0.0, True)}, default=0.9)
    assert _partition(cluster(4, _edges(rows), score=score)) == {frozenset({0, 1}),
                                                                 frozenset({2, 3})}
    score = _scorer({}, default=0.7)
    leave_out = np.array([False, False, False, True])
    cluster(4, _edges(rows), score=score, leave_out=leave_out)
    assert all(3 not in pair for pair in score.asked)  # type: ignore[attr-defined]


@pytest.mark.parametrize("dense", [True, False])
def test_missed_pairs_are_asked_for_only_where_they_decide(
        dense: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    if not dense:
        monkeypatch.setattr(cl, "DENSE_MAX", 1)
    # the proposed pairs across fall short on their own (0.55 and 0.2): nothing is asked
    rows = [(0, 1, 0.95, False), (2, 3, 0.95, False), (1, 2, 0.55, False),
            (0, 3, 0.2, False)]
    score = _scorer({}, default=0.99)
    assert _partition(cluster(4, _edges(rows), score=score)) == {frozenset({0, 1}),
                                                                 frozenset({2, 3})}
    assert score.asked == []  # type: ignore[attr-defined]
    # one name short of a group (a typo's shape) is judged by its edges alone
    rows = [(0, 1, 0.95, False), (1, 2, 0.7, False)]
    score = _scorer({}, default=0.99)
    assert _partition(cluster(3, _edges(rows), score=score)) == {frozenset({0, 1}),
                                                                 frozenset({2})}
    assert score.asked == []  # type: ignore[attr-defined]


@pytest.mark.parametrize("dense", [True, False])
def test_a_places_single_spelling_is_judged_with_its_missed_pairs(
        dense: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    # a place written three ways (0, 1, 2) and a typo'd spelling (3) that blocking paired
    # with one of them only (Simeropolj ~ Simferopol), after the three have met: counted
    # 0, the two missed pairs sink it; scored (0.6: alike enough), it joins; scored low,
    # it stays apart; a person's single name (fill_single False) is judged by its edges
    if not dense:
        monkeypatch.setattr(cl, "DENSE_MAX", 1)
    rows = [(0, 1, 0.95, False), (0, 2, 0.95, False), (1, 2, 0.95, False),
            (2, 3, 0.9, False)]
    place = np.array([True] * 4)
    for single, default, joins in ((None, 0.6, False), (place, 0.6, True),
                                   (place, 0.1, False), (~place, 0.6, False)):
        score = _scorer({}, default=default)
        got = _partition(cluster(4, _edges(rows), score=score, fill_single=single))
        assert (got == {frozenset({0, 1, 2, 3})}) is joins, (single, default)
        assert (sorted(set(score.asked)) == [(0, 3), (1, 3)]) is (  # type: ignore[attr-defined]
            single is place)


@settings(max_examples=100, deadline=None)
@given(graphs(), st.data())
def test_dense_and_sparse_agree_when_missed_pairs_are_scored(
    graph: tuple[int, list[tuple[int, int, float, bool]]], data: st.DataObject
) -> None:
    n, rows = graph
    table = {(i, j): (0.2 + 0.79 * ((i * 31 + j * 17) % 23) / 23, (i + j) % 7 == 0)
             for i in range(n) for j in range(i + 1, n)}
    options = {
        "refined": np.array(data.draw(st.lists(st.integers(-1, 2), min_size=n, max_size=n))),
        "leave_out": np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n))),
        "fill_single": np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n))),
    }
    dense = cluster(n, _edges(rows), score=_scorer(table), **options)
    old = cl.DENSE_MAX
    cl.DENSE_MAX = 1
    try:
        sparse = cluster(n, _edges(rows), score=_scorer(table), **options)
    finally:
        cl.DENSE_MAX = old
    assert _partition(dense) == _partition(sparse)


@settings(max_examples=60, deadline=None)
@given(graphs(), st.randoms(use_true_random=False))
def test_partition_does_not_depend_on_node_numbering(
    graph: tuple[int, list[tuple[int, int, float, bool]]], rng: object
) -> None:
    n, rows = graph
    perm = list(range(n))
    rng.shuffle(perm)  # type: ignore[attr-defined]
    moved = [(perm[i], perm[j], s, c) for i, j, s, c in rows]
    back = {frozenset(perm.index(x) for x in g) for g in _partition(cluster(n, _edges(moved)))}
    assert back == _partition(cluster(n, _edges(rows)))
