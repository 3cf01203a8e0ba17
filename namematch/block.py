"""Blocking: which pairs of distinct names are worth scoring.

Each distinct (kind, name) gets the blocking keys of namematch.keys.  Names that share a
key form a block.  A name is in a block in one of these roles, written as the key's last
character:

* a *probe* (no mark): paired with every other name of the block;
* a *member* (``*``): paired with the block's probes only -- a full name is a member of
  its words' blocks, so the short form "Mirzoyev" meets every full name with that word,
  while the thousands of full names that share a given name do not meet there;
* a *weak probe* (``~``): a probe whose block decides nothing about ambiguity (a typo
  key);
* a *same-name probe* (``=``): a probe of a key that only spellings of one whole name
  share (both words of a person's name): in such a block refined by neighbours, a pair
  left unscored is not evidence against (``Blocking.refined``).

A block too big to pair whole is *refined*, never dropped:

* its probes, beyond ``max_block`` of them (``WIDE_FACTOR`` times that for a key on
  two words' codes, whose block holds one name's spellings), are sorted by the caller's
  ``rank`` (names that sort together look alike) and each is paired with its
  ``window`` next ones (sorted neighbourhood), or given the names' texts, half of them
  and its nearest in letters (spellings that sort apart: Otnufrii and Onufrii
  Pahomov); the *sampled* ones (the resolver's short forms) also with ``SAMPLE`` probes
  spread evenly over the block;
* probes facing more than ``MEMBER_FACTOR * max_block`` members are not paired with
  them all: the sampled ones meet ``SAMPLE`` members spread evenly over them;
* such probes are marked *crowded* (statistics); what they meet is enough for
  clustering to tell one famous person's 500 spellings (the sample reaches one group)
  from a common surname's many people (it reaches several: the short form is ambiguous);
* the pairs a refinement leaves out are counted (``BlockStats.uncovered_pairs``).

Keys are per kind (``kinds``), so people never pair with places.  Pairs stay near-linear
in the number of names: a block yields at most max_block²/2 probe pairs ((WIDE_FACTOR *
max_block)²/2 for a two-word key, whose blocks past max_block are few; or window pairs
per name, plus SAMPLE per name) and MEMBER_FACTOR * max_block² probe-member pairs (SAMPLE
per probe beyond that).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import cast

import attrs
import numpy as np

from namematch.arrays import factorize, pair_codes, repeat_ranges, unique_sorted
from namematch.keys import TWO_WORD
from namematch.parse import Kind

MAX_BLOCK = 100
"""Largest set of probes whose pairs are all generated (100 names: 4,950 pairs); probes
meet up to MEMBER_FACTOR times as many members.  Measured on the synthetic quality
benchmark (benchmarks/bench_quality.py): at 1M mentions 100 gives B-cubed 0.718 with 32M
candidate pairs, 5.9 GB, where 300 (members capped at 300 too) gave 0.716 with 86M pairs,
12.8 GB; at 100k both give 0.821."""

MEMBER_FACTOR = 3
"""A probe is paired with up to MEMBER_FACTOR * max_block members (a block's probe-member
pairs up to MEMBER_FACTOR * max_block²): a short form facing the 300 spellings of one
famous person's full name still meets them all."""

WIDE_FACTOR = 4
"""A block of a key on two words' codes (keys.TWO_WORD: pp:, pd:) is paired whole up to
WIDE_FACTOR * max_block probes: its names are one name's spellings or its homonyms, whose
pairs all matter (Ernst Afanasev written 140 ways; pairing a third of such pairs by
neighbours lost 4% of same-person full-name pairs at 1M mentions), and such blocks are
few (at 1M: 363 over 100 probes, the largest 369, 3.5M pairs whole)."""

WINDOW = 12
"""Neighbours (in rank order) each probe of an oversized block is paired with."""

SAMPLE = 16
"""Names spread evenly (in rank order) over an oversized block that each of its sampled
probes (the resolver's short forms) is paired with too: whether the block is one famous
person's spellings or many people is then seen in the scores (a short form there reaches
one group or several)."""


def _spread(seq: np.ndarray) -> np.ndarray:
    """SAMPLE names evenly spaced along ``seq`` (all of it when shorter)."""
    if len(seq) <= SAMPLE:
        return seq
    return seq[np.linspace(0, len(seq) - 1, SAMPLE).astype(np.int64)]


@attrs.frozen
class BlockStats:
    """What blocking did: names, keys, candidate pairs, the blocks it refined, the pairs
    refinement left out, and the largest block it paired whole."""

    names: int
    keys: int
    pairs: int
    oversized_keys: int
    largest_block: int
    uncovered_pairs: int = 0
    crowded_names: int = 0


@attrs.frozen
class Blocking:
    """Candidate pairs (a[k] < b[k], sorted, each once; int32 indices below 2**31 names),
    per name whether it is crowded
    (a probe of a refined block) and its family of refined same-name blocks (-1 for none:
    clustering leaves unscored pairs of one family out of its means),
    and the statistics."""

    a: np.ndarray
    b: np.ndarray
    crowded: np.ndarray
    refined: np.ndarray
    stats: BlockStats


_ROLES = {"*": 2, "~": 1, "=": 3}
MARKS = tuple(_ROLES)
"""The role marks a key may end with (no mark: a probe)."""


def base_key(key: str) -> str:
    """A blocking key without its role mark."""
    return key[:-1] if key.endswith(MARKS) else key


def cap(key: str, max_block: int) -> int:
    """The most probes a block of ``key`` (a base key) is paired whole with."""
    return max_block * WIDE_FACTOR if key.startswith(TWO_WORD) else max_block


def _entries(keys: Sequence[Iterable[str]], kinds: Sequence[str] | None, max_block: int
             ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(key id, name, role) per (name, key), and per key id its :func:`cap`; role 0
    probe, 1 weak probe, 2 member, 3 same-name probe.  A key's id is per kind (people
    never meet places)."""
    # A million names have tens of millions of entries: each is hashed once and the
    # hashes factorized by numpy; roles and base keys are read per distinct key.  Two keys
    # of one hash (64 bits: about one chance in a million at 5M distinct keys) would
    # share a block, which only adds candidate pairs for the scorer to turn down.
    n = len(keys)
    kind_of = [""] * n if kinds is None else list(kinds)
    kid_parts, name_parts, role_parts, cap_parts = [], [], [], []
    offset = 0
    for kind in sorted(set(kind_of)):
        members = [i for i in range(n) if kind_of[i] == kind]
        of_kind = [tuple(keys[i]) for i in members]  # a tuple is not copied
        counts = np.fromiter(map(len, of_kind), dtype=np.int64, count=len(of_kind))
        flat = list(itertools.chain.from_iterable(of_kind))
        hashes = np.fromiter(map(hash, flat), dtype=np.int64, count=len(flat))
        first, marked_of = factorize(hashes)
        del hashes
        distinct = [flat[x] for x in first.tolist()]
        del flat, of_kind
        role = np.fromiter((_ROLES.get(k[-1:], 0) for k in distinct), dtype=np.int8,
                           count=len(distinct))
        base = [k[:-1] if r else k for k, r in zip(distinct, role.tolist(), strict=True)]
        bases = np.fromiter(map(hash, base), dtype=np.int64, count=len(distinct))
        first_base, base_of = factorize(bases)
        cap_parts.append(np.fromiter((cap(base[x], max_block) for x in first_base.tolist()),
                                     dtype=np.int64, count=len(first_base)))
        kid_parts.append(base_of[marked_of] + offset)
        role_parts.append(role[marked_of])
        name_parts.append(np.repeat(np.asarray(members, dtype=np.int64), counts))
        offset += int(base_of.max()) + 1 if len(base_of) else 0
    if not kid_parts:
        return (np.empty(0, np.int64), np.empty(0, np.int64), np.empty(0, np.int8),
                np.empty(0, np.int64))
    return (np.concatenate(kid_parts).astype(np.int64), np.concatenate(name_parts),
            np.concatenate(role_parts), np.concatenate(cap_parts))


def candidate_pairs(
    keys: Sequence[Iterable[str]],
    *,
    max_block: int = MAX_BLOCK,
    rank: np.ndarray | None = None,
    window: int = WINDOW,
    sampled: np.ndarray | None = None,
    kinds: Sequence[str] | None = None,
    texts: Sequence[str] | None = None,
) -> Blocking:
    """Candidate pairs of names given each name's blocking keys (see the module
    docstring).  ``rank``: each name's position in an order where alike names sort
    together (default: input order), used inside refined blocks.  ``sampled``: which names
    meet a spread sample of an oversized block they probe (default: all; the resolver
    asks it for short forms, whose decision needs it).  ``kinds``: each name's kind;
    names of different kinds share no block (default: one kind).  ``texts``: each name's
    compared words; in a refined block half of a probe's window is then its nearest
    probes by letters (:func:`_nearest`) instead of neighbours in rank."""
    n = len(keys)
    wants = np.ones(n, dtype=bool) if sampled is None else np.asarray(sampled, dtype=bool)
    kid, name, role, caps = _entries(keys, kinds, max_block)
    n_keys = len(caps)
    rank = np.arange(n) if rank is None else np.asarray(rank, dtype=np.int64)
    order = np.lexsort((rank[name] if n else name, role == 2, kid))
    kid, name, role = kid[order], name[order], role[order]
    probes = np.bincount(kid, weights=role != 2, minlength=n_keys).astype(np.int64)
    members = np.bincount(kid, minlength=n_keys) - probes
    start = np.searchsorted(kid, np.arange(n_keys))  # probes first, in rank order
    crowded = np.zeros(n, dtype=bool)
    chunks: list[np.ndarray] = []
    uncovered = 0

    def code(a: np.ndarray, b: np.ndarray) -> np.ndarray:
        return pair_codes(a, b, n)

    def add(a: np.ndarray, b: np.ndarray) -> None:
        chunks.append(code(a, b))

    # probes among themselves: whole blocks by size at once, oversized ones by window
    whole = np.flatnonzero((probes >= 2) & (probes <= caps))
    for m in np.unique(probes[whole]).tolist():
        idx = name[start[whole[probes[whole] == m]][:, None] + np.arange(m)]
        i, j = np.triu_indices(m, k=1)
        add(idx[:, i].ravel(), idx[:, j].ravel())
    big = np.flatnonzero(probes > caps)
    spellings: list[tuple[np.ndarray, int]] = []
    for k in big.tolist():
        p = int(probes[k])
        seq = name[start[k] : start[k] + p]
        # its window: neighbours in rank order, half of them instead its nearest in
        # letters when the texts are known
        near = window // 2 if texts is not None else 0
        pairs = [code(seq[:-d], seq[d:]) for d in range(1, min(window - near, p - 1) + 1)]
        if texts is not None and near:
            pairs.append(code(*_nearest(seq, texts, near)))
        # and a sample across the block: who else the block holds (one person's spellings,
        # or many people) is then known to clustering
        sample, asking = _spread(seq), seq[wants[seq]]
        a, b = np.repeat(asking, len(sample)), np.tile(sample, len(asking))
        pairs.append(code(a, b)[a != b])
        covered = unique_sorted(np.concatenate(pairs), overwrite=True)
        chunks.append(covered)
        uncovered += p * (p - 1) // 2 - len(covered)
        roles = role[start[k] : start[k] + p]
        crowded[seq[roles != 1]] = True
        same_name = roles == 3
        spellings.append((seq[same_name], k))
    refined = _families(n, spellings)
    # probes against members
    facing = np.flatnonzero((probes >= 1) & (members >= 1))
    most = MEMBER_FACTOR * max_block
    over = (members[facing] > most) | (probes[facing] * members[facing] > most * max_block)
    too_many = facing[over]
    for k in too_many.tolist():
        p, m = int(probes[k]), int(members[k])
        seq = name[start[k] : start[k] + p]
        crowded[seq[role[start[k] : start[k] + p] != 1]] = True
        sample, asking = _spread(name[start[k] + p : start[k] + p + m]), seq[wants[seq]]
        add(np.repeat(asking, len(sample)), np.tile(sample, len(asking)))
        uncovered += p * m - len(asking) * len(sample)
    fit = facing[~over]
    if len(fit):
        fp, fm = probes[fit], members[fit]
        count = fp * fm
        block, offset = repeat_ranges(count)
        probe_at = start[fit][block] + offset // fm[block]
        member_at = start[fit][block] + fp[block] + offset % fm[block]
        add(name[probe_at], name[member_at])
    codes = np.concatenate(chunks) if chunks else np.empty(0, dtype=np.int64)
    chunks.clear()  # the pair codes are the biggest arrays of a batch: one copy at a time
    codes = unique_sorted(codes, overwrite=True)
    codes = codes[codes // max(n, 1) != codes % max(n, 1)]  # a name twice in one block
    paired_whole = probes[whole].max() if len(whole) else 0
    stats = BlockStats(
        names=n, keys=n_keys, pairs=len(codes),
        oversized_keys=len(big) + len(too_many),
        largest_block=int(paired_whole), uncovered_pairs=int(uncovered),
        crowded_names=int(crowded.sum()),
    )
    # int32 node indices: a million mentions' 34M pairs at rest in half the memory
    index = np.int32 if n < 2**31 else np.int64
    first = (codes // max(n, 1)).astype(index)
    second = (codes % max(n, 1)).astype(index)
    return Blocking(first, second, crowded, refined, stats)


NEAREST_CELLS = 4_000_000
"""Similarities computed at once when a refined block looks for nearest neighbours (a
block of 2,000 names is one step of 4M int32 cells, 16 MB)."""


def _nearest(seq: np.ndarray, texts: Sequence[str], k: int) -> tuple[np.ndarray, np.ndarray]:
    """Each name of a refined block with its ``k`` nearest others by letters (Indel
    similarity of the compared words, ties to the nearer in rank order): spellings of one
    name that sort apart (Otnufrii Pahomov, Onufrii Pahomov: the block's Oleg and Orest
    between them) still meet."""
    from rapidfuzz import process
    from rapidfuzz.distance import Indel

    p = len(seq)
    k = min(k, p - 1)
    words = [texts[i] for i in seq.tolist()]
    step = max(1, NEAREST_CELLS // p)
    # int32 scores: 255 * 2p stays far below 2**31 for any block that fits in memory
    cols = np.arange(p, dtype=np.int32)
    firsts, seconds = [], []
    for lo in range(0, p, step):
        rows = cols[lo : lo + step]
        near = process.cdist(words[lo : lo + step], words, scorer=Indel.normalized_similarity,
                             score_multiplier=255, dtype=np.uint8,
                             workers=-1).astype(np.int32)
        # ties (equal similarity) go to the nearer in rank order; never the name itself
        near *= -2 * p
        near += np.abs(rows[:, None] - cols[None, :])
        near[np.arange(len(rows)), rows] = np.iinfo(np.int32).max
        top = np.argpartition(near, k - 1, axis=1)[:, :k]
        firsts.append(np.repeat(seq[rows], k))
        seconds.append(seq[top.ravel()])
    return np.concatenate(firsts), np.concatenate(seconds)


def _families(n: int, blocks: list[tuple[np.ndarray, int]]) -> np.ndarray:
    """Per name, its family of refined same-name blocks (-1 for none): blocks that share
    a name are one family, since one string read two ways (Alexej: x as ks or kh, j as
    й or дж) is in the blocks of both readings."""
    parent = {k: k for _, k in blocks}

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    first = np.full(n, -1, dtype=np.int64)
    for names, k in blocks:
        seen = first[names]
        for other in unique_sorted(seen[seen >= 0]).tolist():
            parent[find(other)] = find(k)
        first[names[seen < 0]] = k
    out = np.full(n, -1, dtype=np.int64)
    has = np.flatnonzero(first >= 0)
    out[has] = [find(k) for k in first[has].tolist()]
    return out


def name_candidates(
    kinds: Sequence[str], names: Sequence[str], *, max_block: int = MAX_BLOCK
) -> tuple[np.ndarray, np.ndarray, BlockStats]:
    """Candidate pairs (i < j, sorted) among distinct raw names of the given kinds, with
    the keys the resolver uses; a name that cannot be parsed gets no key (no pair)."""
    return keyed_candidates(kinds, keyed_names(kinds, names), max_block=max_block)


@attrs.frozen
class KeyedNames:
    """Per raw name: its blocking keys (none when it cannot be parsed), its compared words
    in rank order (keys.rank_order) and whether it is a short name (NameKeys.short)."""

    keys: list[tuple[str, ...]]
    compared: list[str]
    short: np.ndarray


def keyed_names(kinds: Sequence[str], names: Sequence[str]) -> KeyedNames:
    """Parse and key raw names of the given kinds (see :class:`KeyedNames`)."""
    from namematch.errors import ROW_ERRORS
    from namematch.keys import name_keys, rank_order
    from namematch.parse import parse

    keys: list[tuple[str, ...]] = []
    compared: list[str] = []
    short: list[bool] = []
    for kind, name in zip(kinds, names, strict=True):
        try:
            parsed = parse(name, cast(Kind, kind))
            found = name_keys(parsed)
            keys.append(found.blocking)
            compared.append(rank_order(parsed))
            short.append(found.short)
        except ROW_ERRORS:
            keys.append(())
            compared.append("")
            short.append(False)
    return KeyedNames(keys, compared, np.array(short, dtype=bool))


def keyed_candidates(kinds: Sequence[str], keyed: KeyedNames, *, max_block: int = MAX_BLOCK
                     ) -> tuple[np.ndarray, np.ndarray, BlockStats]:
    """:func:`name_candidates` of names already keyed."""
    found = candidate_pairs(keyed.keys, max_block=max_block, rank=ranks(keyed.compared),
                            kinds=kinds, texts=keyed.compared)
    return found.a, found.b, found.stats


def ranks(sort_keys: Sequence[str]) -> np.ndarray:
    """Each item's position when ``sort_keys`` are sorted (ties by input order)."""
    order = sorted(range(len(sort_keys)), key=sort_keys.__getitem__)
    out = np.empty(len(sort_keys), dtype=np.int64)
    out[order] = np.arange(len(sort_keys))
    return out
