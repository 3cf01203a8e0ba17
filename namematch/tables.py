"""Load and validate the rule tables in ``data/`` (installed as ``namematch.data``).

Every table is a UTF-8 TSV file: ``#`` lines are comments, the first other line is the
header, every row has exactly the header's columns.  A bad row raises
:class:`~namematch.errors.DataFileError` naming the file and line, so a contributor who
adds a rule sees at once where it went wrong.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import attrs

from namematch.errors import DataFileError

EMPTY = "-"
"""The cell value that stands for the empty string (a TSV cell cannot show it)."""


@attrs.frozen
class Row:
    """One validated row: its cells by column name, and where it came from."""

    line: int
    cells: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.cells[column]


Check = Callable[[str], str | None]
"""A cell check: returns an error message, or None when the value is fine."""


_CHECKOUT_DATA = Path(__file__).resolve().parent.parent / "data"
"""The tables of a source checkout (pyproject maps data/ to namematch.data on install)."""


def _data_root() -> Any:
    """Where the tables are: the installed namematch.data, or a source checkout's data/."""
    try:
        return resources.files("namematch.data")
    except ModuleNotFoundError:
        # namematch imported from a source checkout, not from the installed package
        # (python -m namematch run in the clone after a plain install): its tables are in
        # the checkout's data/, which only an install maps to namematch.data
        if not (_CHECKOUT_DATA / "model.json").is_file():
            raise
        return _CHECKOUT_DATA


def _read_text(name: str) -> str:
    return str(_data_root().joinpath(name).read_text(encoding="utf-8"))


@cache
def tables_digest() -> str:
    """A digest of every rule table namematch reads (data/*.tsv): what a store keeps
    computed from them (a name's feature fields) is read back only under the same one."""
    digest = hashlib.sha256()
    for entry in sorted((e for e in _data_root().iterdir() if e.name.endswith(".tsv")),
                        key=lambda e: e.name):
        digest.update(entry.name.encode())
        digest.update(entry.read_bytes())
    return digest.hexdigest()[:16]


def parse_table(
    text: str,
    name: str,
    columns: Sequence[str],
    checks: dict[str, Check] | None = None,
    optional: Sequence[str] = (),
) -> list[Row]:
    """Parse TSV ``text`` (from file ``name``) with the given header and cell checks.

    Columns named in ``optional`` may be missing at the end of a row (they read as "").
    """
    checks = checks or {}
    rows: list[Row] = []
    header: list[str] | None = None
    for lineno, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        cells = raw.split("\t")
        if header is None:
            header = [c.strip() for c in cells]
            if header != list(columns):
                raise DataFileError(name, lineno, f"header {header} is not {list(columns)}")
            continue
        required = len(columns) - sum(1 for c in columns[::-1] if c in optional)
        if not required <= len(cells) <= len(columns):
            raise DataFileError(
                name, lineno, f"{len(cells)} cells, expected {len(columns)} (tab-separated)"
            )
        cells += [""] * (len(columns) - len(cells))
        row = dict(zip(columns, (c.strip() for c in cells), strict=True))
        for column, value in row.items():
            if not value and column not in optional:
                raise DataFileError(name, lineno, f"empty cell in column {column!r}")
            check = checks.get(column)
            problem = check(value) if check is not None else None
            if problem:
                raise DataFileError(name, lineno, f"column {column!r}: {problem}")
        rows.append(Row(lineno, row))
    if header is None:
        raise DataFileError(name, 1, "no header row")
    return rows


def load_table(
    name: str,
    columns: Sequence[str],
    checks: dict[str, Check] | None = None,
    optional: Sequence[str] = (),
) -> list[Row]:
    """Read and validate the bundled table ``name`` (see :func:`parse_table`)."""
    return parse_table(_read_text(name), name, columns, checks, optional)


@cache
def load_json(name: str) -> Any:
    """A bundled JSON document (the fitted model parameters)."""
    try:
        return json.loads(_read_text(name))
    except json.JSONDecodeError as exc:
        raise DataFileError(name, exc.lineno, exc.msg) from exc


CYRILLIC_COLUMNS = ("key", "canonical", "bgn", "iso9", "icao", "tajik", "uzbek", "french", "german")
ARABIC_COLUMNS = ("key", "canonical", "note")


@cache
def letter_maps(
    name: str, column: str
) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """(plain, word-initial, word-final) maps of a letter table's ``column``.

    A key "^x" is the letter word-initially (or after a vowel), "xy$" a word ending.
    """
    columns = CYRILLIC_COLUMNS if name == "cyrillic.tsv" else ARABIC_COLUMNS
    plain: dict[str, str] = {}
    initial: dict[str, str] = {}
    final: dict[str, str] = {}
    for row in load_table(name, columns, optional=("note",)):
        key, value = row["key"], cell(row[column])
        if key.startswith("^") and len(key) > 1:
            initial[key[1:]] = value
        elif key.endswith("$") and len(key) > 1:
            final[key[:-1]] = value
        else:
            plain[key] = value
    return plain, initial, final


def one_of(*allowed: str) -> Check:
    """Check that a cell holds one of ``allowed``."""

    def check(value: str) -> str | None:
        return None if value in allowed else f"{value!r} is not one of {sorted(allowed)}"

    return check


def number(low: float, high: float) -> Check:
    """Check that a cell holds a number in [low, high]."""

    def check(value: str) -> str | None:
        try:
            x = float(value)
        except ValueError:
            return f"{value!r} is not a number"
        return None if low <= x <= high else f"{x} is outside [{low}, {high}]"

    return check


def regex(value: str) -> str | None:
    """Check that a cell holds a valid Python regular expression."""
    try:
        re.compile(value)
    except re.error as exc:
        return f"bad regular expression {value!r}: {exc}"
    return None


def lower_ascii(value: str) -> str | None:
    """Check that a cell holds lower-case ASCII letters, spaces, hyphens or apostrophes."""
    return None if re.fullmatch(r"[a-z' -]+", value) else f"{value!r} is not lower-case ASCII"


def lower_letters(value: str) -> str | None:
    """Check that a cell holds lower-case letters of any script, spaces, hyphens or
    apostrophes (words as a language writes them: "г-н", "president")."""
    ok = re.fullmatch(r"[^\W\d_]+(?:[' -]+[^\W\d_]+)*", value) and value == value.lower()
    return None if ok else f"{value!r} is not lower-case letters"


def one_word(value: str) -> str | None:
    """Check that a cell holds one lower-case word of any script (Mykola, Микола)."""
    ok = re.fullmatch(r"[^\W\d_]+(?:'[^\W\d_]+)*", value) and value == value.lower()
    return None if ok else f"{value!r} is not one lower-case word"


def letters_only(value: str) -> str | None:
    """Check that a cell holds letters of any script and nothing else (Ким, 김, Kim)."""
    return None if re.fullmatch(r"[^\W\d_]+", value) else f"{value!r} is not letters only"


def cell(value: str) -> str:
    """The cell's text with the EMPTY marker read as the empty string."""
    return "" if value == EMPTY else value
