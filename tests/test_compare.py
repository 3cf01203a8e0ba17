"""compare(): seed pairs, properties, explanation, bulk agreement, calibration."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from namematch import Scorer, compare
from namematch.calibrate import calibrate
from namematch.errors import InvalidNameError, NameTypeError
from namematch.evaluate import (
    expected_calibration_error,
    read_mentions,
    roc_auc,
    score_mention_pairs,
)
from namematch.features import CONFLICTS, FEATURES
from namematch.strategies import hard_negatives, name_variants, person_names, place_names

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "bench" / "seeds_gold.jsonl"

SAME = [
    ("Nazarzod", "Nazarzoda", "person", 0.9),
    # bare surnames one letter apart: a typo, or another family
    ("Nazarzod", "Nazarnod", "person", 0.85),
    # a typo that also breaks the -zoda ending: weaker, the model says 0.446 (0.60 before
    # sound codes entered the model: a typo in a consonant costs more now; issue 9)
    ("Nazarzoda", "Nazarnod", "person", 0.4),
    ("Emomali Rahmon", "Imomali Rakhmon", "person", 0.9),
    ("E. Rahmon", "Imomali Rakhmon", "person", 0.9),
    ("Rahmon Emomali", "Emomali Rahmon", "person", 0.99),
    # one vowel and gh/g apart: 0.90 at the refits of 2026-12-07, 0.876 after the refit
    # that learnt Uzbek x (Boxtar ~ Bokhtar); the place model moves such pairs by 0.03
    ("Khorugh", "Khorog", "place", 0.85),
    ("Khairulloev", "Khairulloyev", "person", 0.9),
    ("Ramzan Sharipov", "Рамзан Шарипов", "person", 0.9),
    ("Qodiri Qosim", "Қодирӣ Қосим", "person", 0.9),
]
DIFFERENT = [
    ("Abdullo Nazarov", "Abduhalim Nazarzoda", "person", 0.2),
    ("Abdulrakhim Kahharov", "Abdulkharim Nazarzod", "person", 0.2),
    ("Nazarov", "Nazarzoda", "person", 0.2),
    ("Ivan Ivanov", "Anna Ivanova", "person", 0.2),
    ("Tajikistan", "Uzbekistan", "place", 0.5),
]


@pytest.mark.parametrize(("a", "b", "kind", "floor"), SAME)
def test_seed_variants_score_high(a: str, b: str, kind: str, floor: float) -> None:
    assert compare(a, b, kind=kind).score >= floor  # type: ignore[arg-type]


@pytest.mark.parametrize(("a", "b", "kind", "ceiling"), DIFFERENT)
def test_different_entities_score_low(a: str, b: str, kind: str, ceiling: float) -> None:
    assert compare(a, b, kind=kind).score <= ceiling  # type: ignore[arg-type]


@pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/bench beside the checkout")
def test_seed_gold_pairs() -> None:
    metrics, _ = score_mention_pairs(read_mentions(GOLD))
    assert metrics.auc >= 0.99
    assert metrics.f1 >= 0.95


def test_explanation_names_rules_and_parts() -> None:
    e = compare("President Emomali Rahmon", "Imomali Rakhmon", kind="person").explain()
    assert ("surname", "rahmon", "rakhmon") in e.aligned
    assert any("kh ≈ h" in r for r in e.rules)
    assert e.titles == (("president",), ())
    text = str(e)
    assert "rule: kh ≈ h (BGN/PCGN vs Tajik Latin)" in text
    assert compare("Abdullo Nazarov", "Abduhalim Nazarzoda", kind="person").explain().against


def test_result_is_frozen_and_serialisable() -> None:
    r = compare("Nazarzod", "Nazarzoda", kind="person")
    with pytest.raises(AttributeError):
        r.score = 1.0  # type: ignore[misc]
    assert json.loads(json.dumps(r.to_dict()))["kind"] == "person"


def test_bad_input_in_compare() -> None:
    with pytest.raises(NameTypeError):
        compare(None, "Rahmon")  # type: ignore[arg-type]
    with pytest.raises(InvalidNameError):
        compare("", "Rahmon")
    with pytest.raises(ValueError):
        compare("a", "b", kind="planet")  # type: ignore[arg-type]


names = st.one_of(person_names(), st.text(min_size=1, max_size=30))


def _score(a: str, b: str, kind: str = "person") -> float | None:
    try:
        return compare(a, b, kind=kind).score  # type: ignore[arg-type]
    except InvalidNameError:
        return None


@settings(max_examples=150, deadline=None)
@given(names, names)
def test_score_bounded_and_symmetric(a: str, b: str) -> None:
    s, t = _score(a, b), _score(b, a)
    assert s == t
    if s is not None:
        assert 0.0 <= s <= 1.0


@settings(max_examples=100, deadline=None)
@given(st.one_of(person_names(), place_names()), st.sampled_from(["person", "place"]))
def test_identity_scores_near_one(a: str, kind: str) -> None:
    s = _score(a, a, kind)
    assert s is not None and s >= 0.99


@settings(max_examples=100, deadline=None)
@given(person_names(), person_names())
def test_invariant_to_case_whitespace_diacritics_titles(a: str, b: str) -> None:
    base = _score(a, b)
    assert _score(a.upper(), b.lower()) == pytest.approx(base)
    assert _score(f"  {a}  ", b.replace(" ", "   ")) == pytest.approx(base)
    assert _score(f"President {a}", f"Maj. Gen. {b}") == pytest.approx(base)
    accented = a.replace("a", "á").replace("o", "ō")
    assert _score(accented, b) == pytest.approx(base)


@settings(max_examples=100, deadline=None)
@given(person_names())
def test_normalization_idempotent(a: str) -> None:
    from namematch import parse

    once = parse(a, "person").compared
    assert parse(once, "person").compared == once


@settings(max_examples=60, deadline=None)
@given(name_variants())
def test_romanizations_of_one_name_mostly_match(pair: tuple[str, str]) -> None:
    assert _score(*pair) is not None


def test_bulk_equals_single() -> None:
    pairs = [
        ("Nazarzod", "Nazarzoda"), ("Emomali Rahmon", "Rahmon Emomali"),
        ("Abdullo Nazarov", "Abduhalim Nazarzoda"), ("E. Rahmon", "Emomali Rahmon"),
        ("Vladimir Vladimirovich Putin", "Putin"), ("Rosa Otunbayeva", "Otunbayev"),
        ("Қодирӣ Қосим", "Qodiri Qosim"),
    ]
    bulk = Scorer().score_pairs([a for a, _ in pairs], [b for _, b in pairs], kind="person")
    single = [compare(a, b, kind="person").score for a, b in pairs]
    np.testing.assert_allclose(bulk, single, atol=1e-6)  # cpdist scores in float32
    places = [("Khorugh", "Khorog"), ("Rasht Valley", "Rasht"), ("Tajikistan", "Pakistan")]
    bulk = Scorer().score_pairs([a for a, _ in places], [b for _, b in places], kind="place")
    np.testing.assert_allclose(
        bulk, [compare(a, b, kind="place").score for a, b in places], atol=1e-6
    )


def test_bulk_bad_rows_do_not_sink_the_batch() -> None:
    scorer = Scorer()
    out = scorer.score_pairs(["Rahmon", None, "", ["x"], "Nazarzod"],
                             ["Rakhmon", "Rahmon", "Rahmon", "y", "Nazarzoda"])
    assert np.isnan(out[1:4]).all() and not np.isnan(out[[0, 4]]).any()
    assert len(scorer.last_errors) == 3
    with pytest.raises(NameTypeError):
        Scorer(on_error="raise").score_pairs([None], ["x"])


def test_options_and_rules_speak_plainly() -> None:
    # a wrong kind or on_error is a namematch error (still a ValueError), and no rule of
    # an explanation is shown as a regular expression
    from namematch.errors import InputError
    from namematch.translit import rules

    for bad in ("alien", ["place"], 5, ""):
        with pytest.raises(InputError):
            compare("Rahmon", "Rakhmon", kind=bad)  # type: ignore[arg-type]
        with pytest.raises(InputError):
            Scorer().score_pairs(["Rahmon"], ["Rakhmon"], kind=bad)  # type: ignore[arg-type]
    # the resolver's type column reads NER tags; so do compare and the Scorer
    for tag, kind in (("LOC", "place"), ("gpe", "place"), ("PER", "person")):
        assert compare("Khorugh", "Khorog", kind=tag).kind == kind  # type: ignore[arg-type]
    with pytest.raises(InputError):
        Scorer(on_error="ignore")  # type: ignore[arg-type]
    for rule in rules():
        line = rule.describe()
        assert not any(mark in line for mark in ("(?", "\\", "[", "|")), line


def test_a_scorer_scores_the_same_names_again_alike() -> None:
    # the second call takes the names' fields from the Scorer (no parsing), and a bad
    # name is parsed again, so its error is listed or raised as the first time
    scorer = Scorer()
    a, b = ["Rahmon", "", "Nazarzod", "Khorugh"], ["Rakhmon", "Rahmon", "Nazarzoda", "Rahmon"]
    first = scorer.score_pairs(a, b, kind="person")
    second = scorer.score_pairs(a, b, kind="person")
    np.testing.assert_array_equal(first, second)
    assert len(scorer.last_errors) == 1
    np.testing.assert_array_equal(scorer.score_pairs(a, b, kind="place"),
                                  Scorer().score_pairs(a, b, kind="place"))
    strict = Scorer(on_error="raise")
    strict.score_pairs(["Rahmon"], ["Rakhmon"])
    for _ in range(2):
        with pytest.raises(InvalidNameError):
            strict.score_pairs(["Rahmon"], ["..."])


def test_one_to_many_and_top_k() -> None:
    choices = ["Abdullo Nazarov", "Abduhalim Nazarzoda", "Imomali Rakhmon", "Sherali Khairulloev"]
    top = Scorer().top_k("Emomali Rahmon", choices, k=2)
    assert top[0][0] == 2


def test_calibration_is_reproducible_and_calibrated() -> None:
    doc = calibrate()
    bundled = json.loads((ROOT / "data" / "model.json").read_text(encoding="utf-8"))
    for kind in ("person", "place"):
        assert doc[kind]["weights"] == bundled[kind]["weights"]
        assert doc[kind]["heldout_ece"] <= 0.03
        assert doc[kind]["heldout_auc"] >= 0.95


@pytest.mark.parametrize("countries", ["PLACE_COUNTRIES", "HELDOUT_COUNTRIES"])
def test_place_scores_on_real_names(countries: str) -> None:
    """GeoNames names (the benchmark's countries; the model is fitted on generated places
    only), paired as blocking pairs them: same city or not.  Measured 2026-12-08: AUC
    0.953 / 0.961, ECE 0.015 / 0.018 (2026-12-03: 0.948 / 0.952, 0.051 / 0.064; a model
    refitted on real names of other countries reached ECE 0.02 / 0.03 then, at the same
    AUC, but lost recall at scale; docs/scoring.md)."""
    from namematch import synthetic

    pairs = synthetic.place_pairs(getattr(synthetic, countries), seed=7)
    p = Scorer().score_pairs([x[0] for x in pairs], [x[1] for x in pairs], kind="place")
    y = np.array([x[2] for x in pairs], dtype=np.float64)
    assert len(pairs) > 10_000
    assert roc_auc(p, y) >= 0.945
    assert expected_calibration_error(p, y) <= 0.03


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("Pakistan", "Tajikistan", False), ("Uzbekistan", "Kazakhstan", False),
     ("Turkmenistan", "Afghanistan", False), ("Jalalabad", "Faizabad", False),
     ("Tashkent", "Shymkent", False), ("Kaliningrad", "Zelenograd", False),
     ("Pakistan", "Republic of Tajikistan", False),
     ("Tashkent", "Toshkent", True), ("Shymkent", "Chimkent", True),
     ("Jalal-Abad", "Jalalabad", True), ("Tajikistan", "Tojikiston", True),
     ("Volgograd", "Wolgograd", True)],
)
def test_a_shared_generic_ending_alone_is_no_match(a: str, b: str, same: bool) -> None:
    # stems unlike in letters and sounds beside one -stan, -abad, -kent or -grad
    assert (compare(a, b, kind="place").score >= 0.5) == same


PLACE_STEMS = ("Novotroits", "Kamen", "Zelenodol", "Oktyabr", "Sovet", "Blagoveshchen",
               "Pervomay", "Krasnoarmey", "Uspen", "Zavod")


@pytest.mark.parametrize("stem", PLACE_STEMS)
def test_one_stem_with_other_endings_is_other_places(stem: str) -> None:
    # a town, a village, a district and an oblast named from one stem (Pokrovsk,
    # Pokrovskoye, Pokrovskiy, Pokrovskaya) are other places; one ending in two
    # conventions is one
    for a, b in [("sk", "skoye"), ("skiy", "skaya"), ("sk", "skiy"), ("skoye", "skaya")]:
        assert compare(stem + a, stem + b, kind="place").score < 0.5, (a, b)
    for a, b in [("skoye", "skoje"), ("skiy", "skij"), ("skaya", "skaja"), ("sk", "s'k")]:
        assert compare(stem + a, stem + b, kind="place").score >= 0.9, (a, b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Nazarzod", "Nazarzoda"), ("Emomali Rahmon", "Imomali Rakhmon"),
     ("Khairulloev", "Khairulloyev"), ("Shavkat Mirziyoyev", "Schawkat Mirsijojew")],
)
def test_an_agreement_has_no_line_against(a: str, b: str) -> None:
    # one line per part of the name, signed by its total: "same surname after folding"
    # (a negative weight beside "surnames alike") no longer reads as evidence against
    assert compare(a, b, kind="person").explain().against == ()


def test_a_reordered_name_aligns_the_parts_the_features_matched() -> None:
    aligned = compare("Rakhmon Imomali", "Emomali Rahmon", kind="person").explain().aligned
    assert set(aligned) == {("given", "rakhmon", "rahmon"), ("surname", "imomali", "emomali")}


@settings(max_examples=80, deadline=None)
@given(st.one_of(name_variants(), hard_negatives()))
def test_each_line_moves_the_score_its_way(pair: tuple[str, str]) -> None:
    from namematch.compare import _GROUPS
    from namematch.model import load_model

    found = compare(*pair, kind="person")
    model = load_model()["person"]
    weight = dict(zip(FEATURES["person"], model.weights, strict=True))
    explained = found.explain()
    for lines, sign in ((explained.supporting, 1), (explained.against, -1)):
        for line in lines:
            group = line.split(" (")[0]
            if group not in _GROUPS["person"]:
                continue  # "identical after normalization", "a contradiction"
            effect = sum(weight[n] * found.features[n] for n in _GROUPS["person"][group])
            assert sign * effect > 0, line


@settings(max_examples=60, deadline=None)
@given(st.one_of(name_variants(), hard_negatives()))
def test_baseline_and_evidence_add_up_to_the_score(pair: tuple[str, str]) -> None:
    # the lines omit the bias: without it an all-positive explanation scored 0.11
    # (Tit Lazrev ~ Tit Lazarey) read as a contradiction of its own evidence
    import math

    from namematch.model import load_model

    found = compare(*pair, kind="person")
    e = found.explain()
    if found.identical:  # scored IDENTICAL_SCORE, not through the model: no sum shown
        assert (e.baseline, e.evidence) == (0.0, 0.0) and "log-odds" not in str(e)
        return
    model = load_model()["person"]
    z = e.baseline + e.evidence
    x = [found.features[n] for n in FEATURES["person"]]
    assert z == pytest.approx(sum(w * v for w, v in zip(model.weights, x, strict=True)))
    assert e.baseline < 0
    knots = model.conflict_knots if any(
        found.features[n] > 0.5 for n in CONFLICTS["person"]) and model.conflict_knots \
        else model.knots
    logistic = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))
    assert float(np.interp(logistic, *knots)) == pytest.approx(e.score, abs=1e-9)
    assert f"calibrated to {e.score:.3f}" in str(e)


@pytest.mark.parametrize(
    ("a", "b", "kind"),
    [("Pyandzh River", "Panj River", "place"), ("Tajikistan", "Tojikiston", "place"),
     ("Ramit Gorge", "Romit Gorge", "place"),
     ("Emomali Rahmon", "Imomali Rakhmon", "person"), ("Khorugh", "Khorog", "person")],
)
def test_one_rule_for_a_kind_not_given(a: str, b: str, kind: str) -> None:
    # compare, Scorer and resolve infer it alike (parse.infer_kind); a name with no cue
    # is a person (Khorugh: give the type)
    from namematch import resolve

    assert compare(a, b).kind == kind
    assert Scorer().score_pairs([a], [b])[0] == pytest.approx(compare(a, b).score)
    entities = resolve([{"id": "1", "name": a}, {"id": "2", "name": b}]).entities
    assert {e.kind for e in entities} == {kind}


def test_the_explanations_guide_shows_what_compare_prints() -> None:
    # the guide's worked example and its sum drift whenever the model is refitted; a
    # reader checks them against their own run (found stale by a new-user trial)
    guide = (ROOT / "docs" / "guides" / "explanations.md").read_text(encoding="utf-8")
    shown = str(compare("Sergey Ivanovich Lavrov", "Sergey Viktorovich Lavrov").explain())
    lines = shown.splitlines()
    assert lines[0] in guide and lines[-1] in guide
    for line in lines:
        head = line.split(":")[0]
        if line.lstrip().startswith(("+ ", "- ")) and "(" in head:
            assert head in guide, head
    tit = str(compare("Tit Lazrev", "Tit Lazarey").explain()).splitlines()[-1]
    base, rest = tit.split(" before any evidence, ")
    evidence = rest.split(" from it: ")[0]
    total = rest.split(": ")[1].split(",")[0]
    claim = (f"{base.split()[-1]} + {evidence.lstrip('+')} = {total}, "
             f"{tit.split()[-1]}").replace("-", "\u2212")
    assert claim in guide, claim
