"""The synthetic benchmark data (namematch.synthetic) and evaluate.blocking_recall."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest

pytest.importorskip("faker")
pytest.importorskip("iuliia")

import namematch.block
from namematch import synthetic as S
from namematch.block import BlockStats
from namematch.evaluate import blocking_metrics, blocking_recall


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return S.people(4000, seed=11)


def test_deterministic_for_a_seed() -> None:
    assert S.people(300, seed=5) == S.people(300, seed=5)
    assert S.people(300, seed=5) != S.people(300, seed=6)
    assert S.mixed(300, seed=2) == S.mixed(300, seed=2)
    assert S.places(100, seed=1) == S.places(100, seed=1)


def test_rows_fields_forms_systems(rows: list[dict[str, str]]) -> None:
    assert len(rows) == 4000
    assert all(set(r) == {*S.FIELDS, *S.TRUTH_FIELDS} for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    assert {r["form"] for r in rows} == {*S.FULL_FORMS, *S.SHORT_FORMS}
    assert {r["locale"] for r in rows} == set(S.PERSON_LOCALES)
    systems = Counter(r["system"] for r in rows)
    assert len(systems) >= 50
    assert {"cyrillic", "icao_doc_9303", "de", "lt", "kmu2010", "uz_latin"} <= set(systems)
    typos = sum(bool(r["typo"]) for r in rows) / len(rows)
    titles = sum(bool(r["title"]) for r in rows) / len(rows)
    assert 0.07 < typos < 0.13 and 0.03 < titles < 0.09
    docs = Counter(r["doc"] for r in rows)
    assert all(3 <= c <= 12 for d, c in docs.items() if d != rows[-1]["doc"])
    entities = Counter(r["entity"] for r in rows)
    assert 3.5 < len(rows) / len(entities) < 6.5
    assert max(entities.values()) >= 80  # a famous person
    stats = S.describe(rows)
    assert stats["distinct_share"] > 0.75
    assert 0.2 < stats["family_doc_share"] < 0.45


def test_rendering() -> None:
    assert S.render("de", "ru_RU", "Хрущёв", "surname") == "Chruschtschow"
    assert S.render("lt", "ru_RU", "Сергеевич", "patronymic", "m") == "Sergejevičius"
    assert S.render("lv", "ru_RU", "Юрий", "given", "m") == "Jurijs"
    assert S.render("lv", "ru_RU", "Наталья", "given", "f") == "Natalja"
    assert S.render("cs_plain", "ru_RU", "Жуков", "surname") == "Zukov"
    assert S.render("kmu2010", "uk_UA", "Григорій", "given") == "Hryhorii"
    assert S.render("bg_streamlined", "bg_BG", "Щерю", "given") == "Shteryu"
    assert S.render("icao_doc_9303", "ru_RU", "Щукин", "surname") == "Shchukin"
    assert S.uz_cyrillic("Ulug‘bek") == "Улуғбек"
    assert S.uz_russian(S.uz_cyrillic("Ja’far")) == "Джафар"
    assert S.render("uz_latin_ascii", "uz_UZ", "Ulug‘bek") == "Ulug'bek"
    assert S.female_surname("Иванов", "ru_RU") == "Иванова"
    assert S.female_surname("Шевченко", "uk_UA") == "Шевченко"


def test_exclude_and_choose_systems() -> None:
    out = S.people(800, seed=3, exclude_systems=["cyrillic", "icao_doc_9303"])
    assert not {r["system"] for r in out} & {"cyrillic", "icao_doc_9303"}
    only = S.people(200, seed=3, systems=["kmu2010"])
    assert {r["system"] for r in only} == {"kmu2010"}
    assert {r["locale"] for r in only} == {"uk_UA"}
    with pytest.raises(ValueError, match="unknown systems"):
        S.people(10, exclude_systems=["klingon"])


def test_places_and_mixed() -> None:
    pl = S.places(500, seed=1)
    assert all(r["type"] == "place" and r["entity"].startswith("place:") for r in pl)
    assert {r["locale"] for r in pl} <= set(S.PLACE_COUNTRIES)
    assert Counter(r["system"] for r in pl)["latin"] > 0.6 * len(pl)
    held = S.places_heldout(200, seed=1)
    assert {r["locale"] for r in held} <= set(S.HELDOUT_COUNTRIES)
    mix = S.mixed(1000, seed=4, place_share=0.2)
    assert len(mix) == 1000 and len({r["id"] for r in mix}) == 1000
    assert Counter(r["type"] for r in mix)["place"] == 200
    person_docs = {r["doc"] for r in mix if r["type"] == "person"}
    assert {r["doc"] for r in mix if r["type"] == "place"} <= person_docs
    assert all(set(r) == set(S.RESOLVER_FIELDS) for r in S.resolver_rows(mix))


def _person(mid: str, name: str, doc: str, entity: str, form: str, surname: str,
            given: str, patronymic: str = "") -> dict[str, str]:
    return {"id": mid, "name": name, "type": "person", "doc": doc, "entity": entity,
            "form": form, "system": "x", "locale": "ru_RU", "surname_src": surname,
            "given_src": given, "patronymic_src": patronymic, "gender": "m", "title": "",
            "typo": ""}


def test_ceiling_by_hand() -> None:
    a = ("Иванов", "Сергей")  # two men named Ivanov: bare "Ivanov" is ambiguous
    b = ("Иванов", "Павел")
    c = ("Петров", "Олег")  # and a namesake, E
    d = ("Иванова", "Анна")  # a woman's form is another surname
    rows = [
        _person("1", "Sergey Ivanov", "d1", "A", "given_surname", *a),
        _person("2", "Ivanov", "d1", "A", "surname", *a),  # anchored by 1 -> A
        _person("3", "Ivanov", "d2", "A", "surname", *a),  # no anchor -> apart
        _person("4", "Pavel Ivanov", "d3", "B", "given_surname", *b),
        _person("5", "Sergei Ivanov", "d3", "A", "given_surname", *a),
        _person("6", "Ivanov", "d3", "B", "surname", *b),  # two anchors -> apart
        _person("7", "Petrov", "d4", "C", "surname", *c),  # C or E: apart
        _person("8", "S. Ivanov", "d5", "A", "initial_surname", *a),  # initial fits A only
        _person("9", "Ivanova", "d6", "D", "surname", *d),  # unique -> D
        _person("10", "P. Ivanov", "d1", "B", "initial_surname", *b),  # fits B, A anchors
        _person("11", "Oleg Petrov", "d7", "E", "given_surname", *c),  # a namesake of C
        _person("12", "Oleg Petrov", "d8", "C", "given_surname", *c),
    ]
    got = S.ceiling(rows)
    assert got == {"1": "A", "2": "A", "3": "short|d2|Ivanov", "4": "B", "5": "A",
                   "6": "short|d3|Ivanov", "7": "short|d4|Petrov", "8": "A", "9": "D",
                   "10": "B", "11": "E", "12": "C"}
    homonyms = S.ceiling(rows, homonyms=True)
    assert homonyms["11"] == homonyms["12"] == "homonym|Петров|Олег|"
    assert {k: v for k, v in homonyms.items() if k not in ("11", "12")} == {
        k: v for k, v in got.items() if k not in ("11", "12")}


def test_ceiling_on_generated(rows: list[dict[str, str]]) -> None:
    ceil = S.ceiling(rows)
    apart = [r for r in rows if ceil[r["id"]] != r["entity"]]
    assert apart and all(r["form"] in S.SHORT_FORMS for r in apart)
    assert all(ceil[r["id"]] == f"short|{r['doc']}|{r['name']}" for r in apart)
    assert len(apart) < 0.2 * len(rows)


class _FakeScorer:
    def __init__(self, scores: dict[frozenset[str], float]) -> None:
        self.scores = scores

    def score_pairs(self, a: list[str], b: list[str], *, kind: str) -> np.ndarray:
        pairs = zip(a, b, strict=True)
        return np.array([self.scores.get(frozenset(pair), 0.0) for pair in pairs])


def test_blocking_recall_by_hand(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [
        {"id": "1", "name": "Sergey Ivanov", "type": "person", "entity": "e1"},
        {"id": "2", "name": "Sergei Ivanov", "type": "person", "entity": "e1"},
        {"id": "3", "name": "Ivanov Sergey", "type": "person", "entity": "e1"},
        {"id": "4", "name": "Sergey Ivanov", "type": "person", "entity": "e1"},
        {"id": "5", "name": "Tbilisi", "type": "place", "entity": "e2"},
        {"id": "6", "name": "Tiflis", "type": "place", "entity": "e2"},
        {"id": "7", "name": "Petrov", "type": "person", "entity": "e3"},
        {"id": "8", "name": "Sergey Ivanov", "type": "person", "entity": "e4"},
    ]
    seen = {}
    keyed_names = namematch.block.keyed_names

    def keyed(kinds, names):
        seen["names"] = list(names)
        return keyed_names(kinds, names)

    def candidates(kinds, keyed, *, max_block):
        seen["kinds"] = list(kinds)
        # (Sergey, Sergei) and (Tbilisi, Tiflis) are gold; (Sergey, Petrov) is not
        return np.array([0, 0, 3]), np.array([1, 5, 4]), BlockStats(6, 9, 3, 1, 2)

    monkeypatch.setattr(namematch.block, "keyed_names", keyed)
    monkeypatch.setattr(namematch.block, "keyed_candidates", candidates)
    scorer = _FakeScorer({frozenset(("Sergey Ivanov", "Sergei Ivanov")): 0.9,
                          frozenset(("Sergey Ivanov", "Ivanov Sergey")): 0.8,
                          frozenset(("Sergei Ivanov", "Ivanov Sergey")): 0.3,
                          frozenset(("Tbilisi", "Tiflis")): 0.6})
    got = blocking_recall(rows, scorer=scorer)
    assert seen["names"] == ["Sergey Ivanov", "Sergei Ivanov", "Ivanov Sergey", "Tbilisi",
                             "Tiflis", "Petrov"]
    assert seen["kinds"] == ["person"] * 3 + ["place"] * 2 + ["person"]
    assert (got.names, got.gold_pairs, got.scored_pairs, got.found) == (6, 4, 3, 2)
    assert got.recall == pytest.approx(2 / 3)
    assert (got.gold_found, got.gold_recall) == (2, 0.5)
    assert (got.candidate_pairs, got.oversized_keys) == (3, 1)
    assert got.missed == (("Sergey Ivanov", "Ivanov Sergey", 0.8),)
    # no short form among the scored pairs: the full-name figures are the same
    assert (got.full_scored, got.full_found) == (3, 2)
    assert blocking_recall(rows, scorer=scorer, threshold=0.95).scored_pairs == 0


def test_blocking_recall_caps_an_entity(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = [{"id": str(i), "name": f"Name{chr(97 + i)}", "type": "person", "entity": "e"}
            for i in range(10)]
    rows.append({"id": "p", "name": "Gori", "type": "place", "entity": "e"})  # other type
    monkeypatch.setattr(namematch.block, "keyed_candidates",
                        lambda k, keyed, *, max_block: (np.empty(0, np.int64),
                                                        np.empty(0, np.int64),
                                                        BlockStats(len(k), 0, 0, 0, 0)))
    scorer = _FakeScorer({})
    assert blocking_recall(rows, scorer=scorer).gold_pairs == 45
    capped = blocking_recall(rows, scorer=scorer, max_entity_names=4)
    assert capped.gold_pairs in (3, 6)  # 4 sampled names, the place one pairs with none
    assert capped == blocking_recall(rows, scorer=scorer, max_entity_names=4)


def test_blocking_recall_of_full_name_pairs_leaves_short_forms_out() -> None:
    rows = [{"id": str(i), "name": name, "type": "person", "entity": "e"}
            for i, name in enumerate(["Sergey Ivanov", "Sergei Ivanov", "Ivanov", "S. Ivanov"])]
    got = blocking_recall(rows)
    assert got.scored_pairs == 6 and got.full_scored == 1  # Sergey ~ Sergei alone
    assert got.full_found == 1 and got.full_recall == 1.0


def test_blocking_recall_agrees_with_blocking_metrics() -> None:
    rows = S.mixed(400, seed=9)
    fast, slow = blocking_recall(rows), blocking_metrics(rows)
    assert (fast.gold_pairs, fast.gold_found) == (slow.gold_pairs, slow.found)
    assert fast.candidate_pairs == slow.candidate_pairs
    assert 0 < fast.scored_pairs <= fast.gold_pairs and 0.5 < fast.recall <= 1.0


def test_cache_round_trip(tmp_path) -> None:
    first = S.cached("people", 120, cache_dir=tmp_path, seed=1)
    path = S.cache_path("people", 120, cache_dir=tmp_path, seed=1)
    assert path.exists() and S.read_jsonl(path) == first
    assert S.cached("people", 120, cache_dir=tmp_path, seed=1) == first
    other = S.cache_path("people", 120, cache_dir=tmp_path, seed=1, exclude_systems=["de"])
    assert other != path
