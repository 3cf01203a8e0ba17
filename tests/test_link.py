"""Linking mentions against a reference list (namematch.link)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from namematch.errors import InputError, NamematchError
from namematch.link import Reference
from namematch.resolve import Resolver

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "data" / "examples" / "mentions.jsonl"
REFERENCE = ROOT / "data" / "examples" / "reference.csv"

# who the bundled example mentions are, by what their strings hold (the articles' people
# and places that data/examples/reference.csv lists)
KNOWN = [
    (("Nazarzod", "Nazarnod"), "TJ-P-0002"),
    (("Nazarov",), "TJ-P-0003"),
    (("Rahmon", "Rakhmon"), "TJ-P-0001"),
    (("Ayombekov",), "TJ-P-0004"),
    (("Khalimov",), "TJ-P-0005"),
    (("Khairulloev", "Khairulloyev"), "TJ-P-0006"),
    (("Putin",), "RU-P-0001"),
    (("Karimov",), "UZ-P-0001"),
    (("Dushanbe",), "TJ-G-0001"),
    (("Khorog", "Khorugh"), "TJ-G-0002"),
    (("Tajikistan",), "TJ-G-0003"),
    (("Badakhshan",), "TJ-G-0004"),
    (("Rasht",), "TJ-G-0005"),
]


def _expected(name: str) -> str | None:
    return next((rid for parts, rid in KNOWN if any(p in name for p in parts)), None)


def test_every_known_person_and_place_of_the_examples_is_found_with_its_id() -> None:
    linked = Reference.read(REFERENCE).link(EXAMPLES)
    assert len(linked.links) == sum(1 for _ in EXAMPLES.open(encoding="utf-8"))
    for link in linked:
        expected = _expected(link.name)
        if expected is None:
            assert not link.matched, (link.name, link.best)
        else:
            assert link.matched and link.best is not None, link.name
            assert link.best.id == expected, (link.name, link.best)


def test_a_list_is_never_renamed_or_merged() -> None:
    reference = Reference([("TJ-P-0003", "Abdullo Nazarov", "person"),
                           ("TJ-P-0007", "Abdullo Rahimov", "person"),
                           ("TJ-P-0006", "Sherali Khairulloev", "person"),
                           ("TJ-P-0001", "Emomali Rahmon", "person")])
    links = {k.name: k for k in reference.link(["Abdullo Rahimov", "Abdullo Nazarov",
                                                 "Sherali Hayrulloyev", "Ozoda Rakhmonova"],
                                                top=2)}
    assert links["Abdullo Rahimov"].best.id == "TJ-P-0007"  # type: ignore[union-attr]
    assert links["Abdullo Nazarov"].best.id == "TJ-P-0003"  # type: ignore[union-attr]
    # the listed spelling comes back as listed
    best = links["Sherali Hayrulloyev"].best
    assert best is not None and (best.id, best.name) == ("TJ-P-0006", "Sherali Khairulloev")
    # another person of the family is no match, with the best score said
    assert not links["Ozoda Rakhmonova"].matched
    assert links["Ozoda Rakhmonova"].candidates  # the best is said even when no match
    assert all(c.score < 0.5 for c in links["Ozoda Rakhmonova"].candidates)


NO_MATCH = [  # (a listed name, a mention no blocking key brings near it, its kind)
    ("Emomali Rahmon", "Ozoda Rakhmonova", "person"),
    ("Sherali Khairulloev", "Zarina Qodirova", "person"),
    ("Abdullo Nazarov", "Ivan Petrov", "person"),
    ("Gulnora Karimova", "Mirzo Tursunzoda", "person"),
    ("Khorog", "Dushanbe", "place"),
    ("Qurghonteppa", "Istaravshan", "place"),
]


@pytest.mark.parametrize(("listed", "mention", "kind"), NO_MATCH)
def test_no_match_still_gives_its_best_candidate_and_an_explanation(
        listed: str, mention: str, kind: str) -> None:
    link = Reference([("R1", listed, kind)]).link(  # type: ignore[list-item]
        [{"id": "1", "name": mention, "type": kind}]).links[0]
    assert not link.matched and link.best is not None and link.best.id == "R1"
    assert 0.0 <= link.best.score < 0.5
    assert link.explain().score == pytest.approx(link.best.score, abs=1e-5)
    with Resolver.open(":memory:") as r:
        r.add([{"id": "s", "name": listed, "type": kind}])
        found = r.search(mention, kind=kind)  # type: ignore[arg-type]
    assert not found.matched and found.best is not None and found.best.name == listed
    assert found.explain().score < 0.5


def test_aliases_of_one_entity_give_one_candidate_with_the_best_alias() -> None:
    reference = Reference([("TJ-G-0002", "Khorog", "place"), ("TJ-G-0002", "Хорог", "place"),
                           ("TJ-G-0002", "Khorugh", "place")])
    link = reference.link([{"id": "1", "name": "Khorugh", "type": "place"}]).links[0]
    assert [(c.id, c.name) for c in link.candidates] == [("TJ-G-0002", "Khorugh")]


@pytest.mark.parametrize("options", [{"top": 0}, {"top": "3"}, {"threshold": float("nan")},
                                     {"threshold": 1.5}])
def test_bad_options_are_input_errors(options: dict[str, object]) -> None:
    with pytest.raises(InputError):
        Reference([("1", "Emomali Rahmon", "person")]).link(["Rahmon"], **options)  # type: ignore[arg-type]


def test_an_empty_reference_list_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "ref.csv"
    path.write_text("id,name\n1,\n", encoding="utf-8")
    with pytest.raises(InputError, match="no usable row"):
        Reference.read(path)


def test_cli_link_writes_the_top_candidates(tmp_path: Path) -> None:
    out = tmp_path / "links.jsonl"
    done = subprocess.run([sys.executable, "-m", "namematch", "link", str(EXAMPLES),
                           "--reference", str(REFERENCE), "--top", "2", "--output", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    # every input row, its columns beside its candidates
    assert {r["id"] for r in rows} == {json.loads(line)["id"] for line in
                                      EXAMPLES.read_text(encoding="utf-8").splitlines()}
    assert all("doc" in r for r in rows if "skipped" not in r)
    assert all(r["rank"] <= 2 for r in rows) and "matched a reference entity" in done.stderr


def test_cli_link_tells_which_file_a_skipped_row_is_of(tmp_path: Path) -> None:
    reference = tmp_path / "ref.csv"
    reference.write_text("id,name\nr1,Emomali Rahmon\nr2,\nr3,Khorog\n", encoding="utf-8")
    mentions = tmp_path / "m.csv"
    mentions.write_text("id,name\n1,Rakhmon\n2,\n3,\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "namematch", "link", str(mentions),
                           "--reference", str(reference)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert f"skipped row 2 of the reference {reference} (r2): empty name" in done.stderr
    assert "skipped row 2 of the mentions (2): empty name" in done.stderr
    assert "skipped rows: 2 of the mentions, 1 of the reference list" in done.stderr


# ---- searching a store: the top stored entities of one name ---------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Resolver]:
    path = tmp_path_factory.mktemp("search") / "store.db"
    with Resolver.open(path) as r:
        r.add(EXAMPLES)
        yield r


def _entity_holding(r: Resolver, name: str) -> str:
    return next(e.id for e in r.entities() if any(m.name == name for m in e.members))


SEARCHES = [  # (query as a user types it, a stored spelling of the entity it must find)
    ("Emomali Rahmon", "President Emomali Rahmon"),
    ("Rahmon, Emomali", "President Emomali Rahmon"),
    ("RAKHMON Imomali", "President Emomali Rahmon"),
    ("Рахмон Эмомали", "President Emomali Rahmon"),
    ("Abdulkharim Nazarzoda", "Major General Abdulkharim Nazarzod"),
    ("Nazarzod", "Nazarzod"),
    ("Sherali Khayrulloyev", "Sherali Khairulloev"),
    ("Wladimir Putin", "Vladimir Putin"),
    ("Владимир Путин", "Vladimir Putin"),
    ("Tolib Ajombekow", "Tolib Ayombekov"),
    ("Khorog", "Khorugh"),
    ("Хорог", "Khorugh"),
    ("Duschanbe", "Dushanbe"),
    ("Kurmanbek Bakiev", "Kurmanbek Bakiyev"),
]


@pytest.mark.parametrize(("query", "stored"), SEARCHES)
def test_search_finds_the_stored_entity(store: Resolver, query: str, stored: str) -> None:
    found = store.search(query)
    assert found.matched, found
    assert found.best is not None and found.best.id == _entity_holding(store, stored)
    assert found.best.canonical  # the store's canonical name comes along


@pytest.mark.parametrize("query", ["Zarina Yusufova", "Aleksey Mirzoyev", "Samarqand"])
def test_search_for_someone_not_stored_is_no_match(store: Resolver, query: str) -> None:
    found = store.search(query)
    assert not found.matched
    assert all(c.score < 0.5 for c in found.candidates)


def test_search_writes_nothing_and_keeps_its_limits(store: Resolver) -> None:
    before = (len(store), store.conn.total_changes)
    found = store.search("Nazarov", top=1)
    assert len(found.candidates) == 1
    assert (len(store), store.conn.total_changes) == before
    explained = found.explain()
    assert explained.score == pytest.approx(found.candidates[0].score, abs=1e-6)
    with pytest.raises(InputError):
        store.search("Nazarov", top=0)
    with pytest.raises(InputError):
        store.search("Nazarov", threshold=2.0)
    with pytest.raises(InputError):
        store.search("Nazarov", kind="planet")  # type: ignore[arg-type]
    with pytest.raises(NamematchError):
        store.search("   ")
    with pytest.raises(InputError):
        found.explain(5)


def test_cli_search(store: Resolver) -> None:
    done = subprocess.run([sys.executable, "-m", "namematch", "search", store.path,
                           "Imomali Rakhmon", "Khorog", "--explain"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["name"] for r in rows if r["rank"] == 1] == ["Imomali Rakhmon", "Khorog"]
    assert all(r["matched"] for r in rows if r["rank"] == 1)
    assert rows[0]["explanation"].startswith("+ ")
    missing = subprocess.run([sys.executable, "-m", "namematch", "search", store.path,
                              "Aleksey Mirzoyev"], capture_output=True, text=True,
                             timeout=120, check=False)
    assert missing.returncode == 1  # like grep: nothing matched


def test_link_explains_each_candidate(tmp_path: Path) -> None:
    linked = Reference.read(REFERENCE).link(["Imomali Rakhmon", "Nazarnod's"])
    for link in linked:
        assert link.best is not None
        e = link.explain()
        assert e.score == pytest.approx(link.best.score, abs=1e-3)
        assert e.supporting
    rows = linked.rows(explain=True)
    assert all(r["explanation"] for r in rows if r["rank"])
    assert all(r["canonical"] for r in rows if r["rank"])
    assert not any(r["explanation"] for r in linked.rows())
