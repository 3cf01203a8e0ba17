"""One batch's state as arrays, between reading and commit: the distinct names (nodes),
the mentions column by column, the scored candidate edges and any other pair's score."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from typing import Any

import attrs
import numpy as np

from namematch.arrays import pair_codes
from namematch.parse import Kind


@attrs.define
class Node:
    """One distinct (kind, name) of a batch, or a stored name it loaded: what scoring,
    blocking and canonical naming read of it, and where the store has it."""

    kind: Kind
    name: str
    fields: tuple[Any, ...]  # what the scorer reads (features.fields)
    keys: tuple[str, ...]  # blocking keys
    rank: tuple[int, int, str]  # name_rank: how complete, whether Latin, as displayed
    nid: int | None = None  # row in the store's names table
    entity: str | None = None  # the store's entity of an existing name


Edges = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]
PairEval = Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]
"""(nodes a, nodes b) -> (scores, conflict flags) for those pairs."""

PAIRS_PER_CALL = 500_000
"""Pairs per call to the scorer outside the candidate edges (bounds its memory)."""


class PairScores:
    """Scores of any node pairs: candidate edges are looked up (scored once), other pairs
    scored, each distinct pair once (confidences and document evidence ask for both)."""

    def __init__(self, n: int, edges: Edges, evaluate: PairEval) -> None:
        a, b, s, c = edges
        codes = pair_codes(a, b, n)
        if np.any(codes[1:] <= codes[:-1]):  # blocking hands them over sorted already
            order = np.argsort(codes, kind="stable")
            codes, s, c = codes[order], s[order], c[order]
        self.n, self.codes, self.scores, self.conflicts = n, codes, s, c
        self.evaluate = evaluate

    def __call__(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return self.with_conflicts(a, b)[0]

    def with_conflicts(self, a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(scores, conflict flags) of the pairs."""
        codes = pair_codes(a, b, self.n)
        scores = np.zeros(len(codes))
        conflicts = np.zeros(len(codes), dtype=bool)
        pos = np.minimum(np.searchsorted(self.codes, codes), max(len(self.codes) - 1, 0))
        found = self.codes[pos] == codes if len(self.codes) else np.zeros(len(codes), bool)
        scores[found] = self.scores[pos[found]]
        conflicts[found] = self.conflicts[pos[found]]
        missing = np.flatnonzero(~found)
        if len(missing):
            pairs, inverse = np.unique(codes[missing], return_inverse=True)
            got = np.empty(len(pairs))
            clash = np.empty(len(pairs), dtype=bool)
            for k in range(0, len(pairs), PAIRS_PER_CALL):
                part = pairs[k : k + PAIRS_PER_CALL]
                got[k : k + PAIRS_PER_CALL], clash[k : k + PAIRS_PER_CALL] = self.evaluate(
                    part // self.n, part % self.n)
            scores[missing] = got[inverse]
            conflicts[missing] = clash[inverse]
        return scores, conflicts


@attrs.define
class Input:
    """One batch's mentions column by column (a million rows are a few lists, not a
    million objects): id, source row, document, and the code of its (type, name)."""

    ids: list[str] = attrs.Factory(list)
    rows: list[int] = attrs.Factory(list)
    docs: list[str | None] = attrs.Factory(list)
    names: list[int] = attrs.Factory(list)
    distinct: dict[tuple[Kind | None, str], int] = attrs.Factory(dict)

    def keep(self, keep: Sequence[bool]) -> None:
        self.ids = list(itertools.compress(self.ids, keep))
        self.rows = list(itertools.compress(self.rows, keep))
        self.docs = list(itertools.compress(self.docs, keep))
        self.names = list(itertools.compress(self.names, keep))


@attrs.define
class Redo:
    """Stored mentions a batch decides again (Resolver._redo), column by column: id,
    document, node, and the entity and confidence the store holds for each."""

    ids: list[str] = attrs.Factory(list)
    docs: list[str | None] = attrs.Factory(list)
    node: np.ndarray = attrs.Factory(lambda: np.empty(0, dtype=np.int64))
    entities: list[str] = attrs.Factory(list)
    confidences: list[float] = attrs.Factory(list)


@attrs.frozen
class Batch:
    """One batch's state between clustering and commit."""

    ids: list[str]
    docs: list[str | None]
    node: np.ndarray  # per mention: the index of its name's node
    nodes: Sequence[Node]
    labels: np.ndarray  # per node: its group (the group's smallest node index)
    best_out: np.ndarray  # per node: its best edge's score outside its group
    known: PairScores
    ambiguous: np.ndarray  # per node: a short form that fits several entities
    short: np.ndarray  # per node: a person written without a given name (_short)
    spelling: tuple[np.ndarray, ...]  # per node: surname, initials' letters (codes)
    decided: np.ndarray  # per node: in a must- or cannot-link (documents do not move it)
