"""Features of a pair of parsed names, written once for one pair and for arrays of pairs.

The same function computes the features of one pair (Python scalars, rapidfuzz's scalar
scorers) and of a million pairs (numpy arrays, rapidfuzz.process.cpdist): the arithmetic
is shared and only the few primitives in :class:`Ops` differ.  That is what keeps
``compare()`` and the bulk :class:`~namematch.scorer.Scorer` in exact agreement.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from typing import Any

import attrs
import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Indel, JaroWinkler, Levenshtein

from namematch.parse import Name, lexicon, rarity
from namematch.translit import _costly_rules, consonant_skeleton, cost_mask, vowel_skeleton

PERSON_FEATURES = (
    "bias", "surname_sim", "surname_sim_hinge", "surname_jaro_winkler", "surname_skeleton_sim",
    "surname_consonant_sim", "surname_exact", "surname_one_edit", "surname_derussified",
    "surname_ending_conflict", "gender_conflict", "given_both", "given_sim", "given_differ",
    "given_missing_one", "given_missing_both", "initial_match", "initial_conflict",
    "patronymic_sim", "patronymic_conflict", "rarity_without_given", "rarity", "reordered",
    "token_set_sim", "translit_cost", "short_surname", "identical",
)
PLACE_FEATURES = (
    "bias", "core_sim", "core_sim_hinge", "core_jaro_winkler", "core_skeleton_sim",
    "core_consonant_sim", "core_exact", "core_one_edit", "stem_sim", "ending_same",
    "ending_differ", "feature_conflict", "feature_missing_one", "token_set_sim",
    "translit_cost", "short_core", "identical",
)
FEATURES = {"person": PERSON_FEATURES, "place": PLACE_FEATURES}

_PERSON_FIELDS = (
    "sur", "stem", "cls", "sur_skel", "sur_cons", "given", "given_skel", "given_cons",
    "initial", "pat", "gender", "words", "has_given", "rarity", "cost", "short",
)
_PLACE_FIELDS = ("core", "stem", "ending", "skel", "cons", "words", "feat", "cost", "short")


@cache
def _feature_bits() -> dict[str, int]:
    classes = sorted({c for c in lexicon().features.values() if c != "descriptor"})
    return {c: 1 << i for i, c in enumerate(classes)}


def fields(name: Name) -> tuple[Any, ...]:
    """The per-name values the features read, in the order of the kind's field list."""
    cost = cost_mask(name.rule_mask)
    words = " ".join(sorted(name.compared.split()))
    if name.kind == "person":
        return (
            name.surname, name.surname_stem, name.surname_class,
            vowel_skeleton(name.surname), consonant_skeleton(name.surname),
            name.given, vowel_skeleton(name.given), consonant_skeleton(name.given),
            name.initial, name.patronymic, name.gender, words,
            bool(name.given), rarity(name.surname_per_million), cost, len(name.surname) <= 4,
        )
    bits = _feature_bits()
    feat = 0
    for c in name.feature_classes:
        feat |= bits[c]
    return (
        name.core, name.core_stem, name.ending_class, vowel_skeleton(name.core),
        consonant_skeleton(name.core), words, feat, cost, len(name.core) <= 4,
    )


class Ops:
    """Primitives for one pair of Python scalars."""

    @staticmethod
    def sim(scorer: Callable[..., float], a: Any, b: Any) -> Any:
        return scorer(a, b)

    @staticmethod
    def where(c: Any, x: Any, y: Any) -> Any:
        return x if c else y

    maximum = staticmethod(max)

    @staticmethod
    def cost(a: Any, b: Any) -> Any:
        costs = _costly_rules()[1]
        diff = a ^ b
        total = 0.0
        while diff:
            low = diff & -diff
            total += float(costs[low.bit_length() - 1])
            diff ^= low
        return total

    @staticmethod
    def f(x: Any) -> Any:
        return float(x)

    @staticmethod
    def not_(x: Any) -> Any:
        return not x

    @staticmethod
    def ones(like: Any) -> Any:
        return 1.0


class ArrayOps(Ops):
    """The same primitives over numpy arrays of pairs (rapidfuzz.process.cpdist)."""

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def sim(self, scorer: Callable[..., float], a: Any, b: Any) -> Any:  # type: ignore[override]
        return process.cpdist(a, b, scorer=scorer, workers=self.workers).astype(np.float64)

    @staticmethod
    def where(c: Any, x: Any, y: Any) -> Any:
        return np.where(c, x, y)

    maximum = staticmethod(np.maximum)  # type: ignore[assignment]

    @staticmethod
    def cost(a: Any, b: Any) -> Any:
        from namematch.translit import cost_of_difference

        return cost_of_difference(np.asarray(a, dtype=np.uint64), np.asarray(b, dtype=np.uint64))

    @staticmethod
    def f(x: Any) -> Any:
        return np.asarray(x, dtype=np.float64)

    @staticmethod
    def not_(x: Any) -> Any:
        return ~np.asarray(x, dtype=bool)

    @staticmethod
    def ones(like: Any) -> Any:
        return np.ones(len(like), dtype=np.float64)


def _ratio(a: str, b: str, **_: Any) -> float:
    return fuzz.token_set_ratio(a, b) / 100.0


_indel = Indel.normalized_similarity
_jw = JaroWinkler.normalized_similarity
_lev = Levenshtein.distance


@attrs.frozen
class _View:
    """Named access to one side's fields (scalars or arrays)."""

    values: Sequence[Any]
    names: tuple[str, ...]

    def __getattr__(self, item: str) -> Any:
        return self.values[self.names.index(item)]


def person_features(a: Sequence[Any], b: Sequence[Any], ops: Ops) -> list[Any]:
    """Features of person pairs; ``a`` and ``b`` hold :func:`fields` values (or arrays)."""
    # Put the two sides in a canonical order first, so that the asymmetric choices below
    # (which side's roles swap) give compare(a, b) == compare(b, a).
    flip = a[_PERSON_FIELDS.index("words")] > b[_PERSON_FIELDS.index("words")]
    a, b = (
        [ops.where(flip, y, x) for x, y in zip(a, b, strict=True)],
        [ops.where(flip, x, y) for x, y in zip(a, b, strict=True)],
    )
    A, B = _View(a, _PERSON_FIELDS), _View(b, _PERSON_FIELDS)
    both_given = A.has_given & B.has_given
    straight_sur = ops.sim(_indel, A.sur, B.sur)
    # Reordering: "Rahmon Emomali" vs "Emomali Rahmon".  Swap the roles of one side when
    # that aligns the words better.
    cross_ab = ops.sim(_indel, A.sur, B.given)
    cross_ba = ops.sim(_indel, A.given, B.sur)
    straight = straight_sur + ops.sim(_indel, A.given, B.given) * both_given
    # A lone word is read as a surname, never matched to the other side's given name:
    # "Khalimov" is not "Abduhalim Nazarzoda".
    swap_b = both_given & (cross_ab + cross_ba > straight + 0.05)
    w = ops.where
    a_sur, a_given, a_stem, a_cls = A.sur, A.given, A.stem, A.cls
    a_skel, a_cons, a_gskel = A.sur_skel, A.sur_cons, A.given_skel
    b_sur, b_given = w(swap_b, B.given, B.sur), w(swap_b, B.sur, B.given)
    b_stem, b_cls = w(swap_b, B.given, B.stem), w(swap_b, "", B.cls)
    b_skel, b_cons = w(swap_b, B.given_skel, B.sur_skel), w(swap_b, B.given_cons, B.sur_cons)
    b_gskel = w(swap_b, B.sur_skel, B.given_skel)
    a_has_given, b_has_given = A.has_given, B.has_given

    same_cls = a_cls == b_cls
    stem_sim = ops.sim(_indel, a_stem, b_stem)
    sur_sim = ops.maximum(ops.sim(_indel, a_sur, b_sur), stem_sim * same_cls)
    lev = ops.sim(_lev, a_sur, b_sur)
    exact = (a_sur == b_sur) | ((a_stem == b_stem) & same_cls)
    both_cls = (a_cls != "") & (b_cls != "")
    cls_conflict = both_cls & ops.not_(same_cls)
    derus = cls_conflict * stem_sim * (stem_sim >= 0.85)
    gender_conflict = (A.gender != "") & (B.gender != "") & (A.gender != B.gender)

    g_both = a_has_given & b_has_given
    g_sim = ops.maximum(ops.sim(_indel, a_given, b_given), ops.sim(_indel, a_gskel, b_gskel))
    g_sim = g_sim * g_both
    g_differ = g_both & (g_sim < 0.6)
    a_info = a_has_given | (A.initial != "")
    b_info = b_has_given | (B.initial != "")
    g_missing_one = a_info ^ b_info
    g_missing_both = ops.not_(a_info) & ops.not_(b_info)
    initial_only = (a_info & b_info) & ops.not_(g_both)
    ini_equal = A.initial == B.initial
    p_both = (A.pat != "") & (B.pat != "")
    p_sim = ops.sim(_indel, A.pat, B.pat) * p_both
    rar = (A.rarity + B.rarity) * 0.5
    return [
        ops.ones(sur_sim),
        sur_sim,
        ops.maximum(sur_sim - 0.8, 0.0) * 5.0,
        ops.sim(_jw, a_sur, b_sur),
        ops.sim(_indel, a_skel, b_skel),
        ops.sim(_indel, a_cons, b_cons),
        ops.f(exact),
        ops.f(lev == 1),
        ops.f(derus),
        ops.f(cls_conflict),
        ops.f(gender_conflict),
        ops.f(g_both),
        g_sim,
        ops.f(g_differ),
        ops.f(g_missing_one),
        ops.f(g_missing_both),
        ops.f(initial_only & ini_equal),
        ops.f((a_info & b_info) & ops.not_(ini_equal)),
        p_sim,
        ops.f(p_both & (p_sim < 0.7)),
        rar * ops.f(g_missing_one | g_missing_both),
        rar,
        ops.f(swap_b),
        ops.sim(_ratio, A.words, B.words),
        ops.cost(A.cost, B.cost),
        ops.f(A.short | B.short),
        ops.f(A.words == B.words),
    ]


def place_features(a: Sequence[Any], b: Sequence[Any], ops: Ops) -> list[Any]:
    """Features of place pairs; ``a`` and ``b`` hold :func:`fields` values (or arrays)."""
    A, B = _View(a, _PLACE_FIELDS), _View(b, _PLACE_FIELDS)
    core_sim = ops.sim(_indel, A.core, B.core)
    lev = ops.sim(_lev, A.core, B.core)
    both_end = (A.ending != "") & (B.ending != "")
    both_feat = (A.feat != 0) & (B.feat != 0)
    return [
        ops.ones(core_sim),
        core_sim,
        ops.maximum(core_sim - 0.8, 0.0) * 5.0,
        ops.sim(_jw, A.core, B.core),
        ops.sim(_indel, A.skel, B.skel),
        ops.sim(_indel, A.cons, B.cons),
        ops.f(A.core == B.core),
        ops.f(lev == 1),
        ops.sim(_indel, A.stem, B.stem),
        ops.f(both_end & (A.ending == B.ending)),
        ops.f(A.ending != B.ending),
        ops.f(both_feat & ((A.feat & B.feat) == 0)),
        ops.f((A.feat != 0) ^ (B.feat != 0)),
        ops.sim(_ratio, A.words, B.words),
        ops.cost(A.cost, B.cost),
        ops.f(A.short | B.short),
        ops.f(A.words == B.words),
    ]


FEATURE_FUNCTIONS = {"person": person_features, "place": place_features}
FIELD_NAMES = {"person": _PERSON_FIELDS, "place": _PLACE_FIELDS}
