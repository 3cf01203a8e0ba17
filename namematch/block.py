"""Blocking: which pairs of distinct names are worth scoring.

Each distinct (kind, name) gets the blocking keys of namematch.keys (surname or core
skeleton, consonant skeleton, Metaphone, initial+consonants, skeleton prefix), so one
spelling difference never hides a pair. Names that share a key form a block; every pair
inside a block is a candidate. A key shared by more than ``max_block`` names (a very
common surname's skeleton) is skipped and counted: its names still meet through their
other, narrower keys (the initial+surname key splits a common surname by given name).
Keys carry the kind, so people never pair with places.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import attrs
import numpy as np

MAX_BLOCK = 300
"""Largest block whose pairs are all generated (300 names: 44,850 pairs)."""


@attrs.frozen
class BlockStats:
    """What blocking did: names, keys, candidate pairs, and the keys it skipped."""

    names: int
    keys: int
    pairs: int
    oversized_keys: int
    largest_block: int


def typed_keys(kind: str, keys: Iterable[str]) -> tuple[str, ...]:
    """A name's blocking keys with its type in them: people never meet places."""
    return tuple(f"{kind}|{k}" for k in keys)


def block_index(keys: Sequence[Iterable[str]]) -> dict[str, list[int]]:
    """Key -> indices of the names that have it."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, ks in enumerate(keys):
        for k in ks:
            index[k].append(i)
    return index


def candidate_pairs(
    keys: Sequence[Iterable[str]], *, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray, BlockStats]:
    """Candidate pairs (i < j) of names given each name's blocking keys, sorted."""
    index = block_index(keys)
    by_size: dict[int, list[list[int]]] = defaultdict(list)
    oversized = 0
    for members in index.values():
        if len(members) > max_block:
            oversized += 1
        elif len(members) > 1:
            by_size[len(members)].append(members)
    n = max(len(keys), 1)
    chunks = []
    for m, blocks in by_size.items():  # every block of one size at once
        idx = np.array(blocks, dtype=np.int64)
        i, j = np.triu_indices(m, k=1)
        a, b = idx[:, i].ravel(), idx[:, j].ravel()
        chunks.append(np.minimum(a, b) * n + np.maximum(a, b))
    codes = np.concatenate(chunks) if chunks else np.empty(0, dtype=np.int64)
    codes.sort()
    codes = codes[np.r_[True, codes[1:] != codes[:-1]]] if len(codes) else codes
    largest = max(by_size, default=0)
    return codes // n, codes % n, BlockStats(len(keys), len(index), len(codes), oversized,
                                             largest)
