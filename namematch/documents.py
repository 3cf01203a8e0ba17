"""Same-document evidence: within one article a bare surname is the person of the one
full name there it matches ("Rahmon" beside "Emomali Rahmon"), and an ambiguous short form
that no full name places is one person per (document, name): in one article "Ivanov" is
one man, across articles nobody can say which."""

from __future__ import annotations

import numpy as np

from namematch.arrays import repeat_ranges, unique_sorted
from namematch.batch import Batch
from namematch.cluster import plausible, prefer_alike, spelled_alike


def _expand(keys: np.ndarray, query: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For sorted ``keys`` and some query keys: (query index, position in ``keys``) for
    every entry of ``keys`` equal to each query key."""
    lo = np.searchsorted(keys, query, side="left")
    which, offset = repeat_ranges(np.searchsorted(keys, query, side="right") - lo)
    return which, lo[which] + offset


def same_document(b: Batch, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Bare-surname mentions that go to the one full name in their document they match
    without a conflict (names in a must- or cannot-link stay where clustering put
    them):
    (mentions, their groups, their scores).  A mention whose document holds no match,
    or matches in several groups, is left out (the global clustering stands)."""
    nodes, n = b.nodes, len(b.nodes)
    person = np.array([x.kind == "person" for x in nodes], dtype=bool)
    given = person & ~b.short
    codes: dict[str, int] = {}
    doc = np.array([-1 if d is None else codes.setdefault(d, len(codes)) for d in b.docs],
                   dtype=np.int64)
    full = np.flatnonzero((doc >= 0) & given[b.node])
    pairs = unique_sorted(doc[full] * n + b.node[full])  # distinct (doc, full name)
    full_doc, full_node = pairs // max(n, 1), pairs % max(n, 1)
    # a user's decision stands over a document's evidence
    bare = np.flatnonzero((doc >= 0) & b.short[b.node] & ~b.decided[b.node])
    which, at = _expand(full_doc, doc[bare])
    mention, target = bare[which], full_node[at]
    scores, conflicts = b.known.with_conflicts(b.node[mention], target)
    ok = (scores >= threshold) & ~conflicts  # Trofimova is not Timofej Trofimov
    mention, target, scores = mention[ok], target[ok], scores[ok]
    group, candidates = b.labels[target], (mention, target)
    # groups spelt otherwise than another are no candidates (cluster.prefer_alike), nor
    # are groups far below the mention's best (cluster.plausible): then mentions that
    # match exactly one group
    n_groups = max(len(b.labels), 1)
    pair = mention * n_groups + group
    alike = prefer_alike(pair, spelled_alike(b.spelling, b.node[mention], target),
                         n_groups)
    kept, scores = plausible(pair[alike], scores[alike], n_groups)
    mention, group = kept // n_groups, kept % n_groups
    alone = np.ones(len(mention), dtype=bool)
    alone[1:] &= mention[1:] != mention[:-1]
    alone[:-1] &= mention[:-1] != mention[1:]
    mention, group, scores = mention[alone], group[alone], scores[alone]
    keep = ~_rivalled(b, doc, threshold, mention, group, candidates)
    return mention[keep], group[keep], scores[keep]


def _rivalled(b: Batch, doc: np.ndarray, threshold: float, mention: np.ndarray,
              group: np.ndarray, candidates: tuple[np.ndarray, np.ndarray]) -> np.ndarray:
    """Per mention placed by its document: whether another short form in that document
    fits the mention but none of the chosen group's full names there ("Sitnikova" beside
    "Sitnikova Sofiya" and "V. Sitnikova": the document speaks of two Sitnikovas).
    ``candidates``: the (mention, full-name node) pairs that fit, sorted by mention."""
    n = len(b.nodes)
    shorts = np.flatnonzero((doc >= 0) & b.short[b.node])
    pairs = unique_sorted(doc[shorts] * n + b.node[shorts])  # distinct (doc, short form)
    which, at = _expand(pairs // max(n, 1), doc[mention])
    rival = pairs[at] % max(n, 1)
    other = rival != b.node[mention[which]]
    which, rival = which[other], rival[other]
    scores, conflicts = b.known.with_conflicts(b.node[mention[which]], rival)
    fits = (scores >= threshold) & ~conflicts
    which, rival = which[fits], rival[fits]
    # the chosen group's full names in the document, per placed mention
    cand_mention, cand_target = candidates
    pos = np.minimum(np.searchsorted(mention, cand_mention), max(len(mention) - 1, 0))
    chosen = ((mention[pos] == cand_mention) & (b.labels[cand_target] == group[pos])
              if len(mention) else np.zeros(len(cand_mention), dtype=bool))
    owner, target = pos[chosen], cand_target[chosen]
    k, t = _expand(owner, which)
    scores, conflicts = b.known.with_conflicts(rival[k], target[t])
    explained = np.zeros(len(which), dtype=bool)
    explained[k[(scores >= threshold) & ~conflicts]] = True
    out = np.zeros(len(mention), dtype=bool)
    out[which[~explained]] = True
    return out

def by_document(b: Batch, mention_label: np.ndarray, chosen: np.ndarray) -> int:
    """Mentions of an ambiguous short form that their document did not place go to a
    group of their (document, name): in one article "Ivanov" is one person, across
    articles nobody can say which.  A mention without a document stands alone.
    Updates ``mention_label`` in place; returns the number of labels in use."""
    n = len(b.nodes)
    left = b.ambiguous[b.node]
    left[chosen] = False
    idx = np.flatnonzero(left)
    if not len(idx):
        return n
    codes: dict[tuple[str | int, int], int] = {}
    for k in idx.tolist():
        d = b.docs[k]
        where: str | int = d if d is not None else -1 - k
        mention_label[k] = n + codes.setdefault((where, int(b.node[k])), len(codes))
    return n + len(codes)
