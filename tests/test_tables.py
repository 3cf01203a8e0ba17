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
