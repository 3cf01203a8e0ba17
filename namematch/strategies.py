"""Hypothesis strategies for users' own property tests (needs ``namematch[strategies]``).

    from hypothesis import given
    from namematch.strategies import name_variants

    @given(name_variants())
    def test_my_pipeline_links_variants(pair):
        a, b = pair
        ...

Names are drawn from data/calibration_names.tsv (Cyrillic) and rendered through the
romanization systems of data/cyrillic.tsv, so variants are the ones real text shows.
"""

from __future__ import annotations

try:
    from hypothesis import strategies as st
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise ImportError(
        "namematch.strategies needs hypothesis: pip install 'namematch[strategies]'"
    ) from exc

from namematch.calibrate import source_names
from namematch.translit import SYSTEMS, romanize

systems = st.sampled_from(SYSTEMS)
"""A romanization system name (see namematch.translit.SYSTEMS)."""


@st.composite
def cyrillic_person_names(draw: st.DrawFn) -> str:
    """A Cyrillic "Given Surname" (feminine surname for a female given name)."""
    names = source_names()
    female = draw(st.booleans())
    given = draw(st.sampled_from(names["given_f" if female else "given_m"]))[0]
    surname = draw(st.sampled_from(names["surname"]))[0]
    if female and surname.endswith(("ов", "ев", "ин")):
        surname += "а"
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
