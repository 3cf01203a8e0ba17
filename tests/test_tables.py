"""The rule-table loader reports file and line of a bad row."""

from __future__ import annotations

import pytest

from namematch.errors import DataFileError
from namematch.parse import lexicon
from namematch.tables import number, one_of, parse_table, regex
from namematch.translit import rules


def test_bundled_tables_load() -> None:
    assert len(rules()) > 40
    assert lexicon().titles


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("a\tb\n1\t2\n3\n", 3, "1 cells"),
        ("# c\na\tb\nx\ty\n", 3, "not one of"),
        ("a\tb\nkh\tzz\n", 2, "not a number"),
        ("a\tc\n", 1, "header"),
        ("a\tb\n\t1\n", 2, "empty cell"),
    ],
)
def test_bad_rows_name_file_and_line(text: str, line: int, fragment: str) -> None:
    checks = {"a": one_of("1", "3", "kh", ""), "b": number(0, 5)}
    with pytest.raises(DataFileError) as info:
        parse_table(text, "demo.tsv", ("a", "b"), checks)
    assert info.value.path == "demo.tsv"
    assert info.value.line == line
    assert fragment in str(info.value)
    assert str(info.value).startswith(f"demo.tsv:{line}:")


def test_bad_regex_is_reported() -> None:
    with pytest.raises(DataFileError, match="bad regular expression"):
        parse_table("p\n(unclosed\n", "r.tsv", ("p",), {"p": regex})


@pytest.mark.parametrize(("text", "line"), [
    ("stage\tpattern\nfold\tsch\nfold\tdsch\n", 3),  # German дж after ш: never reached
    ("stage\tpattern\nfold\tkh\nletter\tx\nfold\tzh\nfold\tzhk\n", 5),
    ("stage\tpattern\nfold\tsh\nfold\tshch\n", 3),
])
def test_a_rule_an_earlier_one_pre_empts_is_reported(text: str, line: int) -> None:
    from namematch.translit import _check_reachable

    rows = parse_table(text, "romanization.tsv", ("stage", "pattern"), {})
    with pytest.raises(DataFileError, match="never applies") as info:
        _check_reachable(rows)
    assert info.value.line == line


def test_rules_in_other_stages_or_with_other_letters_pass() -> None:
    from namematch.translit import _check_reachable

    text = "stage\tpattern\nfold\tdsch\nfold\tsch\nletter\tsch\nfold\t(?<!d)zh\nfold\tdzh\n"
    _check_reachable(parse_table(text, "romanization.tsv", ("stage", "pattern"), {}))


def test_a_broken_table_fails_the_batch_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A malformed rule table is no bad name: resolving, scoring and keying raise it
    instead of skipping every row as unusable."""
    import sys

    from namematch import Scorer, resolve
    from namematch.block import name_candidates

    def broken() -> None:
        raise DataFileError("sound_classes.tsv", 40, "column 'reading': 'iberian' is not one of")

    # names no earlier test keyed (the word caches would answer without the table)
    monkeypatch.setattr(sys.modules["namematch.keys"], "_rules", broken)
    rows = [{"id": "1", "name": "Qwzrtplk Vbnmxqz", "doc": "d"}]
    with pytest.raises(DataFileError, match=r"sound_classes\.tsv:40"):
        resolve(rows)
    with pytest.raises(DataFileError):
        name_candidates(["person", "person"], ["Zqxwvut Plmokn", "Zqxwvut Plmoknb"])
    with pytest.raises(DataFileError):
        Scorer().score_pairs(["Xqzvbn Trwplk"], ["Xqzvbn Trwplkk"], kind="person")


@pytest.mark.parametrize(("sense", "ok"), [("height:upper", True), ("upper", False),
                                           ("height:", False), ("Height:Upper", False)])
def test_a_place_sense_names_its_dimension(sense: str, ok: bool) -> None:
    from namematch.parse import _dimension_sense

    text = f"word\tsense\tlanguage\ngornji\t{sense}\tCroatian\n"
    if ok:
        assert parse_table(text, "place_senses.tsv", ("word", "sense", "language"),
                           {"sense": _dimension_sense})[0]["sense"] == sense
    else:
        with pytest.raises(DataFileError, match=r"place_senses\.tsv:2: .*dimension:sense"):
            parse_table(text, "place_senses.tsv", ("word", "sense", "language"),
                        {"sense": _dimension_sense})


def test_a_place_word_with_two_senses_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Two spellings that fold alike (nizhniy, nizhny) listed under other senses would
    make a word contrast with itself: the loader names the second row."""
    import namematch.tables as tables

    real = tables._read_text

    def read(name: str) -> str:
        if name == "place_senses.tsv":
            return ("# two senses\nword\tsense\tlanguage\nnizhniy\theight:lower\tRussian\n"
                    "nizhny\theight:upper\tRussian\n")
        return real(name)

    monkeypatch.setattr(tables, "_read_text", read)
    lexicon.cache_clear()
    try:
        with pytest.raises(DataFileError, match=r"place_senses\.tsv:4: 'nizhny' folds"):
            lexicon()
    finally:
        monkeypatch.undo()
        lexicon.cache_clear()
    assert lexicon().place_senses  # the bundled table loads again
