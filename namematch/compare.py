"""Compare: two names -> a calibrated probability that they name the same entity.

compare() parses both names (cached per string), aligns their parts, computes the features
of namematch.features and applies the fitted logistic model of data/model.json.  The
result carries the features and explains itself: aligned parts, the romanization rules
that bridge the spellings, and the evidence for and against.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from typing import Any

import attrs

from namematch.errors import InputError, NameTypeError
from namematch.features import (
    CONFLICTS,
    FEATURE_FUNCTIONS,
    FEATURES,
    ORDER,
    Ops,
    fields,
    same_name,
)
from namematch.model import DEFAULT_THRESHOLD, KindModel, ModelChoice, load_model, model_of
from namematch.parse import KIND_ALIASES, NAMES_CACHED, Kind, Name, infer_kind, parse
from namematch.translit import explain_mask

_OPS = Ops()

_DESCRIPTIONS = {
    "surname_sim": "surnames alike",
    "surname_sim_hinge": "surnames nearly identical",
    "surname_skeleton_sim": "surnames alike up to vowel alternation (o/u/a, e/i)",
    "surname_exact": "same surname after folding",
    "surname_derussified": "same stem, Russian vs Tajik ending (-ov vs -zoda)",
    "surname_ending_conflict": "different surname endings",
    "gender_conflict": "gender endings conflict (-ov vs -ova)",
    "given_both": "both give a given name",
    "given_sim": "given names alike",
    "given_differ": "different given names",
    "given_known_differ": "two different known given names (data/given_names.tsv)",
    "given_unlike": "given names three edits apart, sounds not equal (Elena, Anna)",
    "given_missing_one": "one side has no given name (weak evidence)",
    "given_missing_both": "neither side has a given name",
    "initial_match": "initial agrees with given name",
    "initial_conflict": "initials differ",
    "patronymic_sim": "patronymics alike",
    "patronymic_conflict": "patronymics contradict",
    "rarity_without_given": "rare shared surname carries the match",
    "rarity": "surname rarity",
    "reordered": "parts matched in another order",
    "translit_cost": "spellings bridged by weaker romanization rules",
    "short_surname": "short surname (weak evidence)",
    "full_name_agrees": "given name and surname both agree",
    "bare_surname_agrees": "bare surnames agree",
    "surname_one_edit": "surnames one letter apart (a typo's shape)",
    "surname_unlike": "surnames two edits apart, sounds not equal (Kapustina, Kostina)",
    "surname_sound_sim": "surnames sound alike (consonant classes, any convention)",
    "given_sound_sim": "given names sound alike (consonant classes, any convention)",
    "second_initial_conflict": "second initials or patronymic initials differ (I. O. vs A. T.)",
    "generation_conflict": "generational suffixes differ (Jr. vs III, Sr. vs Jr.)",
    "core_sim": "core names alike",
    "core_sim_hinge": "core names nearly identical",
    "core_skeleton_sim": "core names alike up to vowel alternation",
    "core_exact": "same core name after folding",
    "stem_sim": "names alike without generic endings (-stan, -obod)",
    "ending_same": "same ending (-stan, -abad, -sk, -skoye)",
    "stem_unlike": "nothing alike but a generic ending (Pakistan, Tajikistan)",
    "ending_differ": "endings of other classes (-sk, -skoye, -skiy: a town, a village, a district)",
    "feature_conflict": "different kinds of place (River vs Valley)",
    "feature_missing_one": "feature word on one side only (weak evidence)",
    "short_core": "short name (weak evidence)",
    "core_sound_sim": "core names sound alike (consonant classes, any convention)",
    "core_word_unmatched": "a word of one name has no counterpart in the other",
}


_GROUPS = {
    "person": {
        "surname": ("surname_sim", "surname_sim_hinge", "surname_skeleton_sim", "surname_exact",
                    "surname_sound_sim", "surname_one_edit", "surname_unlike", "short_surname",
                    "surname_derussified", "surname_ending_conflict", "rarity",
                    "rarity_without_given", "bare_surname_agrees"),
        "given name": ("given_both", "given_sim", "given_sound_sim", "given_differ",
                       "given_unlike", "given_known_differ", "given_missing_one",
                       "given_missing_both", "initial_match", "initial_conflict",
                       "second_initial_conflict"),
        "patronymic": ("patronymic_sim", "patronymic_conflict"),
        "gender": ("gender_conflict",),
        "generation": ("generation_conflict",),
        "whole name": ("full_name_agrees", "reordered"),
        "spelling": ("translit_cost",),
    },
    "place": {
        "core name": ("core_sim", "core_sim_hinge", "core_skeleton_sim", "core_exact",
                      "stem_sim", "short_core", "core_sound_sim", "core_word_unmatched"),
        "ending": ("ending_same", "ending_differ", "stem_unlike"),
        "feature words": ("feature_conflict", "feature_missing_one"),
        "spelling": ("translit_cost",),
    },
}
"""Features that speak of one part of the name: the explanation gives one line per group,
signed by the group's total effect.  A linear model splits one piece of evidence over
correlated features, some with negative weights (same surname after folding -0.72 beside
surnames alike +2.35), so a line per feature read as evidence against an agreement."""


@attrs.frozen
class Explanation:
    """Why a pair scored what it did."""

    score: float
    kind: Kind
    aligned: tuple[tuple[str, str, str], ...]
    rules: tuple[str, ...]
    supporting: tuple[str, ...]
    against: tuple[str, ...]
    titles: tuple[tuple[str, ...], tuple[str, ...]]
    baseline: float = 0.0
    """The model's log-odds before any evidence (its bias: two names taken at random are
    rarely one person), where every pair starts."""
    evidence: float = 0.0
    """The log-odds all the features add to the baseline (the lines' totals, and the small
    ones left out); baseline + evidence goes through the calibration map to the score."""

    def __str__(self) -> str:
        lines = [f"score {self.score:.3f} ({self.kind})"]
        for role, a, b in self.aligned:
            lines.append(f"  {role:<11} {a or '—'} ~ {b or '—'}")
        if any(self.titles):
            lines.append(
                f"  titles set aside: {', '.join(self.titles[0]) or '—'} | "
                f"{', '.join(self.titles[1]) or '—'}"
            )
        for rule in self.rules:
            lines.append(f"  rule: {rule}")
        for item in self.supporting:
            lines.append(f"  + {item}")
        for item in self.against:
            lines.append(f"  - {item}")
        if self.baseline or self.evidence:
            lines.append(f"  = log-odds {self.baseline:+.2f} before any evidence, "
                         f"{self.evidence:+.2f} from it: {self.baseline + self.evidence:+.2f},"
                         f" calibrated to {self.score:.3f}")
        return "\n".join(lines)


@attrs.frozen
class Comparison:
    """The result of compare(): score, features and the two parsed names."""

    a: Name
    b: Name
    kind: Kind
    score: float
    features: Mapping[str, float] = attrs.field(eq=False, hash=False)
    threshold: float = DEFAULT_THRESHOLD
    identical: bool = False
    """The names are the same after normalization (the score is then IDENTICAL_SCORE)."""
    model: KindModel | None = attrs.field(default=None, eq=False, repr=False)
    """The model that scored the pair (None: the bundled one)."""

    @property
    def is_match(self) -> bool:
        """score >= threshold (the default threshold is 0.5)."""
        return self.score >= self.threshold

    def explain(self) -> Explanation:
        """Aligned parts, romanization rules used, and evidence for and against."""
        # the weights of the part of the model that scored the pair (model.SEGMENTS)
        model = (self.model or load_model()[self.kind]).part(
            [self.features[n] for n in FEATURES[self.kind]])
        weight = dict(zip(FEATURES[self.kind], model.weights, strict=True))
        lines: list[tuple[float, str]] = []
        for group, names in _GROUPS[self.kind].items():
            fired = sorted(((weight[n] * self.features[n], n) for n in names
                            if weight[n] * self.features[n] != 0.0), reverse=True)
            total = sum(c for c, _ in fired)
            if abs(total) > 0.05:
                parts = ", ".join(f"{_DESCRIPTIONS.get(n, n)} {self.features[n]:.2f}"
                                  for _, n in fired)
                lines.append((total, f"{group} ({total:+.2f}): {parts}"))
        lines.sort(key=lambda t: -abs(t[0]))
        supporting = (("identical after normalization",) if self.identical else ()) + tuple(
            text for total, text in lines if total > 0)
        contradictions = [n for n in CONFLICTS[self.kind] if self.features[n] > 0.5]
        against = tuple(
            f"a contradiction ({', '.join(_DESCRIPTIONS.get(n, n) for n in contradictions)}):"
            " scored as the calibration's contradicting pairs are, and never joined by resolve"
            for _ in contradictions[:1] if not self.identical
        ) + tuple(text for total, text in lines if total < 0)
        # an identical pair's score is IDENTICAL_SCORE, not the model's: no sum to show
        baseline = 0.0 if self.identical else weight.get("bias", 0.0) * self.features.get(
            "bias", 0.0)
        evidence = 0.0 if self.identical else sum(
            weight[n] * self.features[n] for n in FEATURES[self.kind] if n != "bias")
        return Explanation(
            score=self.score,
            kind=self.kind,
            aligned=_aligned(self.a, self.b, self.features.get("reordered", 0.0) > 0.5),
            rules=tuple(explain_mask(self.a.rule_mask, self.b.rule_mask)),
            supporting=supporting,
            against=against,
            titles=(self.a.titles, self.b.titles),
            baseline=baseline,
            evidence=evidence,
        )

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict (what `namematch compare --json` prints)."""
        e = self.explain()
        return {
            "a": self.a.original,
            "b": self.b.original,
            "kind": self.kind,
            "score": round(self.score, 6),
            "match": self.is_match,
            "identical": self.identical,
            "features": {k: round(v, 6) for k, v in self.features.items()},
            "aligned": [list(t) for t in e.aligned],
            "rules": list(e.rules),
            "supporting": list(e.supporting),
            "against": list(e.against),
            "baseline": round(e.baseline, 6),
            "evidence": round(e.evidence, 6),
            "titles": [list(t) for t in e.titles],
        }


def _aligned(a: Name, b: Name, reordered: bool = False) -> tuple[tuple[str, str, str], ...]:
    """Parts side by side, by role; ``reordered``: the features read b's given name as its
    surname and the other way round (Rakhmon Imomali ~ Emomali Rahmon), and so does this."""
    if a.kind == "place":
        rows = [("core", a.core, b.core)]
        fa = " ".join(p.text for p in a.parts if p.role == "feature")
        fb = " ".join(p.text for p in b.parts if p.role == "feature")
        if fa or fb:
            rows.append(("feature", fa, fb))
        return tuple(rows)
    swapped = {"given": "surname", "surname": "given"} if reordered else {}
    rows = []
    for role in ("given", "initial", "patronymic", "surname"):
        pa = " ".join(p.text for p in a.parts if p.role == role)
        pb = " ".join(p.text for p in b.parts if p.role == swapped.get(role, role))
        if pa or pb:
            rows.append((role, pa, pb))
    return tuple(rows)


@lru_cache(maxsize=NAMES_CACHED)
def prepared(name: str, kind: Kind) -> tuple[Name, tuple[Any, ...]]:
    """Parsed name and its feature fields, cached per (string, kind)."""
    parsed = parse(name, kind)
    return parsed, fields(parsed)


def resolve_kind(a: str, b: str, kind: Kind | None) -> Kind:
    """The kind to compare with: the given one, else place if either name looks like one."""
    if kind is not None:
        found = KIND_ALIASES.get(kind.strip().lower()) if isinstance(kind, str) else None
        if found is None:
            raise InputError(f"kind must be 'person', 'place' (or per, loc, gpe) or None, "
                             f"not {kind!r:.60}")
        return found
    return "place" if "place" in (infer_kind(a), infer_kind(b)) else "person"


def compare(a: str, b: str, *, kind: Kind | None = None,
            model: ModelChoice = None) -> Comparison:
    """Probability that names ``a`` and ``b`` name the same person (or place).

    ``kind`` is "person", "place", or None to infer it (a name with feature words or a
    -stan/-obod ending is a place; otherwise a person).  Raises NameTypeError,
    InvalidNameError or NameTooLongError (namematch.errors) for unusable input.
    ``model``: the bundled model (None) or your own (see namematch.model.ModelChoice).
    """
    for name in (a, b):
        if not isinstance(name, str):  # before any cache sees it: a list is no cache key
            raise NameTypeError(f"a name must be str, not {type(name).__name__}")
    k = resolve_kind(a, b, kind)
    name_a, fa = prepared(a, k)
    name_b, fb = prepared(b, k)
    first, second = (fb, fa) if fa[ORDER] > fb[ORDER] else (fa, fb)
    x = FEATURE_FUNCTIONS[k](first, second, _OPS)
    identical = bool(same_name(fa, fb, k))
    chosen = None if model is None else model_of(model)[k]
    score = (chosen or load_model()[k]).score(x, identical)
    return Comparison(
        a=name_a, b=name_b, kind=k, score=score,
        features=dict(zip(FEATURES[k], x, strict=True)), identical=identical, model=chosen,
    )
