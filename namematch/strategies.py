"""Hypothesis strategies for users' own property tests (needs ``namematch-translit[strategies]``).

    from hypothesis import given
    from namematch.strategies import name_variants

    @given(name_variants())
    def test_my_pipeline_links_variants(pair):
        a, b = pair
        ...

Names are drawn from data/calibration_names.tsv (Cyrillic) and rendered through the
romanization systems of data/cyrillic.tsv, so variants are the ones real text shows;
:func:`convention_variants` adds the European-language conventions (German Schawkat,
Polish Szojgu, Dutch Poetin...), and :func:`hard_negatives` draws two different people
whose names look alike (Marina and Maria Petrova; Karimov and Kasimov; Ivan Petrovich
and Ivan Pavlovich Sidorov).
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "namematch.strategies needs hypothesis: pip install 'namematch-translit[strategies]'"
    ) from exc

import functools

from rapidfuzz.distance import Indel

from namematch.calibrate import (
    alike_given_names,
    bgn_spelling,
    feminine,
    patronymic,
    source_names,
)
from namematch.keys import reading_codes
from namematch.synthetic import CONVENTIONS, render
from namematch.translit import SYSTEMS, romanize

systems = st.sampled_from(SYSTEMS)
"""A romanization system name (see namematch.translit.SYSTEMS)."""


@st.composite
def cyrillic_person_names(draw: st.DrawFn) -> str:
    """A Cyrillic "Given Surname" (feminine surname for a female given name)."""
    given, surname, _ = draw(_person())
    return f"{given} {surname}"


def cyrillic_place_names() -> st.SearchStrategy[str]:
    """A Cyrillic place name."""
    return st.sampled_from([n for n, _ in source_names()["place"]])


@st.composite
def romanized(draw: st.DrawFn, cyrillic: st.SearchStrategy[str] | None = None) -> str:
    """A Cyrillic name rendered in one drawn system."""
    name = draw(cyrillic if cyrillic is not None else cyrillic_person_names())
    return romanize(name, draw(systems))


@st.composite
def name_variants(
    draw: st.DrawFn, cyrillic: st.SearchStrategy[str] | None = None
) -> tuple[str, str]:
    """Two renderings of one name in two drawn systems (possibly the original script)."""
    name = draw(cyrillic if cyrillic is not None else cyrillic_person_names())
    options = st.sampled_from((*SYSTEMS, "cyrillic"))
    a, b = draw(options), draw(options)
    return (
        name if a == "cyrillic" else romanize(name, a),
        name if b == "cyrillic" else romanize(name, b),
    )


def person_names() -> st.SearchStrategy[str]:
    """A romanized person name."""
    return romanized(cyrillic_person_names())


def place_names() -> st.SearchStrategy[str]:
    """A romanized place name."""
    return romanized(cyrillic_place_names())


conventions = st.sampled_from(CONVENTIONS)
"""A European-language convention (see namematch.synthetic.CONVENTIONS)."""


def _written(name: str, system: str, female: bool) -> str:
    """A Cyrillic name in a system of data/cyrillic.tsv, a convention, or as it is."""
    if system == "cyrillic":
        return name
    if system in CONVENTIONS:
        gender = "f" if female else "m"
        words = name.split()
        roles = ["given", *["patronymic"] * (len(words) - 2), "surname"][-len(words):]
        return " ".join(render(system, "ru_RU", w, r, gender)
                        for w, r in zip(words, roles, strict=True))
    return romanize(name, system)


@st.composite
def _person(draw: st.DrawFn) -> tuple[str, str, bool]:
    """(given name, surname of that gender, whether a woman), Cyrillic."""
    names = source_names()
    female = draw(st.booleans())
    given = draw(st.sampled_from(names["given_f" if female else "given_m"]))[0]
    surname = draw(st.sampled_from(names["surname"]))[0]
    return given, _gendered(surname, female), female


def _gendered(surname: str, female: bool) -> str:
    return feminine(surname) if female else surname


@st.composite
def convention_variants(draw: st.DrawFn) -> tuple[str, str]:
    """Two renderings of one "Given Surname" in two drawn systems: a system of
    data/cyrillic.tsv, a European-language convention, or the original script."""
    given, surname, female = draw(_person())
    options = st.sampled_from((*SYSTEMS, *CONVENTIONS, "cyrillic"))
    name = f"{given} {surname}"
    return _written(name, draw(options), female), _written(name, draw(options), female)


@functools.cache
def _near_surnames() -> dict[str, tuple[str, ...]]:
    """Surnames of the list whose BGN/PCGN spellings are alike (Karimov, Kasimov)."""
    surnames = [s for s, _ in source_names()["surname"]]
    folded = {s: bgn_spelling(s) for s in surnames}
    return {s: near for s in surnames
            if (near := tuple(t for t in surnames if t != s and
                              Indel.normalized_similarity(folded[s], folded[t]) >= 0.75))}


@st.composite
def hard_negatives(draw: st.DrawFn) -> tuple[str, str]:
    """Two different people whose names look alike, each rendered in a drawn system:
    one surname and alike but other given names (data/given_names.tsv: Marina, Maria;
    letters at least calibrate.ALIKE_GIVEN alike, sound codes other), one given name and
    alike surnames
    (Karimov, Kasimov), or one given name and surname with other fathers (Ivan Petrovich
    and Ivan Pavlovich Sidorov)."""
    given, surname, female = draw(_person())
    kind = draw(st.sampled_from(("given", "surname", "father")))
    names = source_names()
    a = b = f"{given} {surname}"
    if kind == "given":
        # other names in letters and sounds: Gulnora and Gulnara are one name to ear
        codes = set(reading_codes(bgn_spelling(given)))
        others = [o for o in alike_given_names(given, "f" if female else "m")
                  if not codes & set(reading_codes(bgn_spelling(o)))]
        if others:
            b = f"{draw(st.sampled_from(others)).capitalize()} {surname}"
    if kind == "surname" or (a == b and kind == "given"):
        near = _near_surnames()
        base = draw(st.sampled_from(sorted(near)))
        a = f"{given} {_gendered(base, female)}"
        b = f"{given} {_gendered(draw(st.sampled_from(near[base])), female)}"
    if kind == "father":
        fathers = [f for f, _ in names["given_m"]]
        father, other = draw(st.lists(st.sampled_from(fathers), min_size=2, max_size=2,
                                      unique=True))
        a = f"{given} {patronymic(father, female)} {surname}"
        b = f"{given} {patronymic(other, female)} {surname}"
    options = st.sampled_from((*SYSTEMS, *CONVENTIONS, "cyrillic"))
    return _written(a, draw(options), female), _written(b, draw(options), female)
