"""Membership confidence: how sure a batch is that each mention is where it went -- the
mean score of its name to the other names of its entity, 1 minus the best score outside
for a name alone, its score there for a mention its document placed -- through the
calibration map of the model (namematch.model.membership)."""

from __future__ import annotations

import numpy as np

from namematch.arrays import repeat_ranges, unique_sorted
from namematch.batch import Batch
from namematch.model import membership


def membership_confidences(b: Batch, chosen: np.ndarray, chosen_score: np.ndarray,
                           calibrated: bool) -> list[float]:
    """Membership confidence per mention: the mean score of its name to the other
    names of its group (the first 50 of them); for a group of one name, 1 - its best
    score outside the group; a mention placed by its document, its score there."""
    labels, n, best_out = b.labels, len(b.nodes), b.best_out
    # members in (group, node) order; each wanted node against its group's first 51
    order = np.lexsort((np.arange(n), labels))
    starts = np.flatnonzero(np.r_[True, labels[order][1:] != labels[order][:-1]])
    group_of_pos = np.cumsum(np.r_[True, labels[order][1:] != labels[order][:-1]]) - 1
    sizes = np.diff(np.r_[starts, n])
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    wanted = unique_sorted(b.node)
    g = group_of_pos[pos[wanted]]
    head = np.minimum(sizes[g], 51)
    within = pos[wanted] - starts[g]
    count = np.minimum(head - (within < head), 50)
    owner, j = repeat_ranges(count)
    node = wanted[owner]
    skip = np.repeat(np.where(within < head, within, head), count)
    partner = order[np.repeat(starts[g], count) + j + (j >= skip)]
    scores = b.known(node, partner) if len(node) else np.empty(0)
    sums = np.bincount(owner, weights=scores, minlength=len(wanted))
    mean = np.where(count > 0, sums / np.maximum(count, 1), 1.0 - best_out[wanted])
    per_node = np.zeros(n)
    per_node[wanted] = mean
    out = per_node[b.node]
    out[chosen] = chosen_score
    if calibrated:  # a mention placed by its document is a member
        alone = np.zeros(n, dtype=bool)
        alone[wanted] = count == 0
        lone = alone[b.node]
        lone[chosen] = False
        out = membership(out, lone)
    return np.round(out, 6).tolist()  # type: ignore[no-any-return]
