"""The hypothesis strategies users test with: variants that score as one name, hard
negatives that mostly do not.  Evaluation tests draw a fixed sample (derandomized) and
check shares, since a scorer is not right on every pair; the figures are in
docs/scoring.md."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from namematch import compare, parse
from namematch.strategies import convention_variants, hard_negatives, name_variants
from namematch.synthetic import CONVENTIONS


def _scores(strategy: st.SearchStrategy[tuple[str, str]], n: int,
            label: Callable[[str, str], str] = lambda a, b: "all"
            ) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {}

    @settings(max_examples=n, derandomize=True, database=None, deadline=None,
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def draw(pair: tuple[str, str]) -> None:
        out.setdefault(label(*pair), []).append(compare(*pair, kind="person").score)

    draw()
    return out


def test_variants_of_the_projects_systems_score_as_one_name() -> None:
    scores = _scores(name_variants(), 1500)["all"]
    assert sum(s >= 0.5 for s in scores) / len(scores) >= 0.995


def test_variants_in_european_conventions_score_as_one_name() -> None:
    # measured 0.998 on 3,000 draws (German, Polish, Dutch, Hungarian, Catalan, Latvian...)
    scores = _scores(convention_variants(), 1500)["all"]
    assert sum(s >= 0.5 for s in scores) / len(scores) >= 0.99


def _kind(a: str, b: str) -> str:
    x, y = parse(a, "person"), parse(b, "person")
    if len(a.split()) > 2:
        return "father"
    return "given" if x.surname_stem == y.surname_stem else "surname"


def test_hard_negatives_mostly_score_low() -> None:
    # measured on this sample: other fathers 0.89 below 0.5, other given names of one
    # surname 0.79, alike surnames of one given name 0.44 (Mirzoyev ~ Mirziyoyev, Karimov ~
    # Kasimov score high: a known gap, docs/scoring.md)
    scores = _scores(hard_negatives(), 1500, _kind)
    low = {k: sum(s < 0.5 for s in v) / len(v) for k, v in scores.items()}
    assert set(low) == {"father", "given", "surname"}
    assert low["father"] >= 0.85 and low["given"] >= 0.7 and low["surname"] >= 0.4


@settings(max_examples=50, deadline=None)
@given(convention_variants())
def test_convention_variants_are_one_name_in_two_writings(pair: tuple[str, str]) -> None:
    a, b = (parse(x, "person") for x in pair)
    assert len(a.parts) == len(b.parts) == 2


def test_conventions_need_no_optional_package() -> None:
    assert {"de", "pl", "nl", "hu", "fr", "cs", "lv", "lt"} <= set(CONVENTIONS)


def _double(pairs: tuple[tuple[str, str], tuple[str, str]]) -> tuple[str, str]:
    """Two variant pairs made one double surname: hyphenated on one side, written apart
    (and spelt otherwise) on the other (Rimsky-Korsakov ~ Rimskij Korsakow)."""
    (a1, b1), (a2, b2) = pairs
    return f"{a1}-{a2.partition(' ')[2]}", f"{b1} {b2.partition(' ')[2]}"


def test_a_double_surname_written_apart_meets_its_hyphenated_spelling() -> None:
    # the surname joined with the word before it (features._joined_surname), against a
    # surname written hyphenated: measured on this sample 0.992, 0.328 without it
    double = st.tuples(convention_variants(), convention_variants()).filter(
        lambda p: all(" " not in x.partition(" ")[2] and x.partition(" ")[2].isalpha()
                      for pair in p for x in pair)).map(_double)
    scores = _scores(double, 600)["all"]
    assert sum(s >= 0.5 for s in scores) / len(scores) >= 0.97
