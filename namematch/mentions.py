"""Mentions in: the rows a user resolves, read from Python objects or files, one by one.

A mention is an id, the name as written, an optional type (person | place), an optional
source document and optional attributes.  Readers stream: a CSV or JSONL file of a million
rows is never held in memory.  A bad row (missing id or name, wrong type of value, broken
CSV quoting, duplicate id, unknown type) becomes a :class:`Skipped` record naming the row
and the reason; the rows after it go through.
"""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs

from namematch.errors import InputError
from namematch.parse import KIND_ALIASES, KINDS, Kind

Format = Literal["csv", "jsonl", "parquet"]
_T = TypeVar("_T")


@attrs.frozen
class Mention:
    """One occurrence of a name in a source document."""

    id: str
    name: str
    kind: Kind | None = None
    doc: str | None = None
    attributes: Mapping[str, Any] = attrs.field(factory=dict, eq=False, hash=False, repr=False)


@attrs.frozen
class Skipped:
    """A row that was not resolved, and why (``row`` counts from 1; a file's header is 0)."""

    row: int
    id: str | None
    reason: str


Row = tuple[str, str, "Kind | None", "str | None"]
"""A validated mention as plain values: (id, name, kind, doc)."""


def mention_from_record(record: Mapping[str, Any], row: int) -> Mention | Skipped:
    """Validate one record (a dict with id, name, and optional type/kind, doc)."""
    checked = _check(record, row)
    if isinstance(checked, Skipped):
        return checked
    extra = {k: v for k, v in record.items() if k not in ("id", "name", "type", "kind", "doc")}
    return Mention(*checked, extra)


MAX_FIELD_CHARS = 1000
"""Longest id, type or doc accepted, in characters (a name has text.MAX_NAME_CHARS)."""


def _missing(value: object) -> bool:
    """None, NaN, or pandas' NA / NaT (which refuse ``==``)."""
    if value is None or type(value).__name__ in ("NAType", "NaTType"):
        return True
    return isinstance(value, float) and value != value


def _text(value: object) -> str | None:
    """A field's text: str as is, an integral number without ".0" (pandas turns an id
    column with a gap into floats), other scalars as str; None when missing."""
    if _missing(value):
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bool | int | float):
        return str(value)
    return None if isinstance(value, Mapping | list | tuple | set | bytes | bytearray) \
        else str(value)


def _problem(field: str, value: str) -> str | None:
    """Why a text field cannot be stored (None when it can), short: never the value."""
    if len(value) > MAX_FIELD_CHARS:
        return f"{field} of {len(value):,} characters is longer than {MAX_FIELD_CHARS:,}"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return f"{field} holds a lone surrogate"
    return None


def record_id(value: object) -> str:
    """A row's id as the readers read it: text stripped, an integral number without ".0"
    (7.0 is "7"); "" when missing or not text or a number.  Whoever joins results back to
    input rows reads the id this way too."""
    return (_text(value) or "").strip()


def _check(record: Mapping[str, Any], row: int) -> Row | Skipped:
    raw_id = record.get("id")
    if _text(raw_id) is None and not _missing(raw_id):
        return Skipped(row, None, f"id is {type(raw_id).__name__}, not text or a number")
    mid = record_id(raw_id)
    if not mid:
        return Skipped(row, None, "missing id")
    if (bad := _problem("id", mid)) is not None:
        return Skipped(row, None, bad)
    name = record.get("name")
    if _missing(name):
        return Skipped(row, mid, "missing name")
    if not isinstance(name, str):
        return Skipped(row, mid, f"name is {type(name).__name__}, not text")
    if not name.strip():
        return Skipped(row, mid, "empty name")
    raw_type = record.get("type", record.get("kind"))
    kind: Kind | None = None
    if not _missing(raw_type):
        text = _text(raw_type)
        if text is not None and text.strip():
            alias = KIND_ALIASES.get(text.strip().lower())
            if alias is None:
                shown = text if _problem("type", text) is None and len(text) <= 40 else "..."
                return Skipped(row, mid, f"unknown type {shown!r} (person or place)")
            kind = alias
    raw_doc = record.get("doc")
    doc = _text(raw_doc)
    if doc is None and not _missing(raw_doc):
        return Skipped(row, mid, f"doc is {type(raw_doc).__name__}, not text or a number")
    if doc is not None and (bad := _problem("doc", doc)) is not None:
        return Skipped(row, mid, bad)
    return mid, name, kind, doc or None


class _Unreadable(str):
    """A reader's reason for a row it could not read (a str row from a user is junk)."""


class _Misshapen(dict[str, Any]):
    """A row read but skipped with ``reason``: its columns as far as they go (a CSV row
    with fewer or more fields than the header), kept for the output beside the reason."""

    def __init__(self, values: Mapping[str, Any], reason: str) -> None:
        super().__init__(values)
        self.reason = reason


STDIN = "-"
"""The source that reads standard input (a file format must then be given or is JSONL)."""


def _lines(path: Path, first: int) -> Iterator[tuple[int, str | _Unreadable]]:
    """A text file's lines that are not blank, numbered from ``first``, decoded one by one:
    a line that is not UTF-8 costs that row only (its reason names the byte), and a UTF-8
    byte order mark (Excel writes one) is dropped."""
    with (contextlib.nullcontext(sys.stdin.buffer) if str(path) == STDIN
          else open(path, "rb")) as fh:
        for row, raw in enumerate(fh, start=first):
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                yield row, _Unreadable(f"not UTF-8 text (byte 0x{raw[exc.start]:02x} at "
                                       f"position {exc.start})")
                continue
            line = line.removeprefix("\ufeff") if row == first else line
            if line.strip():
                yield row, line


def _delimiter(path: Path, header: str) -> str:
    """Tab for .tsv; else the one of , ; tab | that the header holds most (comma on a tie)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    counts = {d: header.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _records_csv(path: Path, wanted: tuple[str, str]
                 ) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    # Each record parsed strictly on its own lines, so broken quoting costs that row only
    # instead of swallowing the file up to the next quote.
    lines = _lines(path, 0)
    _, header_line = next(lines, (0, ""))
    if isinstance(header_line, _Unreadable):
        raise InputError(f"{path}: unreadable CSV header: {header_line}")
    delimiter = _delimiter(path, header_line)
    try:
        header = next(csv.reader([header_line], strict=True, delimiter=delimiter))
    except (csv.Error, StopIteration) as exc:
        raise InputError(f"{path}: unreadable CSV header: {exc}") from exc
    header = _columns_named([h.strip().lower() for h in header], wanted,
                            f"{path}: CSV header")
    for row, values in _csv_rows(lines, delimiter):
        if isinstance(values, _Unreadable):
            yield row, values
            continue
        if len(values) != len(header):
            yield row, _Misshapen(dict(zip(header, values, strict=False)),
                                  f"has {len(values)} fields, header has {len(header)}")
            continue
        yield row, dict(zip(header, values, strict=True))


JOIN_LINES = 20
"""Lines a quoted CSV field may span; a stray quote costs its own line only."""


def _csv_rows(lines: Iterator[tuple[int, str | _Unreadable]], delimiter: str
              ) -> Iterator[tuple[int, list[str] | _Unreadable]]:
    """Parsed CSV records, numbered by their first line.  A line with an odd number of
    quotes opens a field that goes on in the next lines (Excel writes a cell's line breaks
    so): it takes up to JOIN_LINES more, and when no record closes there, only that line
    is skipped and the lines it took are read again on their own."""
    again: list[tuple[int, str | _Unreadable]] = []
    while True:
        row, line = again.pop(0) if again else next(lines, (-1, ""))
        if row < 0:
            return
        if isinstance(line, _Unreadable):
            yield row, line
            continue
        taken: list[tuple[int, str | _Unreadable]] = []
        while line.count('"') % 2 and len(taken) < JOIN_LINES:
            more = again.pop(0) if again else next(lines, (-1, ""))
            if more[0] < 0:
                break
            taken.append(more)
            if isinstance(more[1], _Unreadable):
                break
            line += more[1]
        try:
            if line.count('"') % 2:
                raise csv.Error("a quoted field is never closed")
            yield row, next(csv.reader([line], strict=True, delimiter=delimiter))
        except csv.Error as exc:
            yield row, _Unreadable(f"broken CSV quoting: {exc}")
            again = taken + again


def _records_jsonl(path: Path, wanted: tuple[str, str]
                   ) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    for row, line in _lines(path, 1):
        if isinstance(line, _Unreadable):
            yield row, line
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield row, _Unreadable(f"invalid JSON: {exc.msg}")
            continue
        except RecursionError:
            yield row, _Unreadable("JSON nested too deeply")
            continue
        yield row, (value if isinstance(value, dict)
                    else _Unreadable(f"not a JSON object but {type(value).__name__}"))


def _records_parquet(path: Path, wanted: tuple[str, str]
                     ) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    try:
        import pyarrow.parquet as pq  # type: ignore[import-not-found,unused-ignore]
    except ImportError as exc:
        raise InputError(f"{path}: reading Parquet needs pyarrow (pip install pyarrow)") from exc
    file = pq.ParquetFile(path)
    yield from _records_arrow(file.schema_arrow.names, file.iter_batches(batch_size=65_536),
                              wanted, str(path))


def _columns_named(names: Iterable[object], wanted: tuple[str, str], what: str
                   ) -> list[str]:
    """A source's column names, lower-cased; InputError naming ``what`` and the columns
    it has when the ``wanted`` id and name columns are not among them."""
    columns = [str(c) for c in names]
    lowered = [c.lower() for c in columns]
    if not set(wanted) <= set(lowered):
        raise InputError(f"{what} needs columns {' and '.join(wanted)}, has {columns}")
    return lowered


def _records_arrow(names: Sequence[str], batches: Iterable[Any], wanted: tuple[str, str],
                   what: str) -> Iterator[tuple[int, Mapping[str, Any] | str]]:
    """The records of Arrow record batches (a Parquet file's, a Table's), after the
    columns are checked as a CSV header is (lower-cased column names)."""
    lowered = _columns_named(names, wanted, what)
    row = 0
    for batch in batches:
        for values in zip(*(c.to_pylist() for c in batch.columns), strict=True):
            row += 1
            yield row, dict(zip(lowered, values, strict=True))


FIELDS = ("id", "name", "type", "doc")
"""The fields a mention row holds; ``columns`` maps them to a source's own column names."""


def _records(source: object, fmt: Format | None, columns: Mapping[str, str] | None = None
             ) -> Iterator[tuple[int, Any]]:
    """(row, record) pairs, each record's columns renamed to FIELDS by ``columns``
    (field -> the source's column: {"id": "mention_id", "name": "text"})."""
    rename = _renaming(columns)
    wanted = (rename.get("id", "id"), rename.get("name", "name"))
    back = {v: k for k, v in rename.items()}
    # a source column named like a field that is mapped from another column is the
    # source's own, kept as input_<name> ("text" mapped to name beside a "name" column:
    # the name was read from the wrong one)
    shadowed = {f for f, c in rename.items() if c != f}
    for row, record in _raw_records(source, fmt, wanted):
        if back and isinstance(record, Mapping):
            out: dict[Any, Any] = {}
            for k, v in record.items():
                low = str(k).lower()
                if low in back:
                    out[back[low]] = v
                elif low in shadowed or (low == "kind" and "type" in shadowed):
                    out[f"input_{low}"] = v
                else:
                    out[k] = v
            record = _Misshapen(out, record.reason) if isinstance(record, _Misshapen) else out
        yield row, record


def raw_records(source: object, *, format: Format | None = None,
                columns: Mapping[str, str] | None = None) -> Iterator[tuple[int, Any]]:
    """(row, record) as read, before any check: a dict of the row's columns (renamed to
    FIELDS by ``columns``), or what a reader made of a row it could not read.  The rows
    and their numbers are those of :func:`read_rows`."""
    return _records(source, format, columns)


def _renaming(columns: Mapping[str, str] | None) -> dict[str, str]:
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise InputError(f"columns must map fields to column names, not {type(columns).__name__}")
    unknown = sorted(set(columns) - set(FIELDS))
    if unknown:
        raise InputError(f"columns: unknown fields {unknown}; the fields are {list(FIELDS)}")
    if not all(isinstance(v, str) and v.strip() for v in columns.values()):
        raise InputError("columns: every column name must be a non-empty string")
    return {k: v.strip().lower() for k, v in columns.items()}


def _raw_records(source: object, fmt: Format | None, wanted: tuple[str, str]
                 ) -> Iterator[tuple[int, Any]]:
    if isinstance(source, str | Path):
        if not str(source).strip():
            raise InputError("an empty path: name a CSV, JSONL or Parquet file of mentions")
        path = Path(source)
        if str(source) == STDIN:
            fmt = fmt or "jsonl"
            if fmt == "parquet":
                raise InputError("Parquet cannot be read from standard input")
        elif not path.is_file():
            raise InputError(f"{path}: no such file")
        fmt = fmt or _format_of(path)
        reader = {"csv": _records_csv, "jsonl": _records_jsonl, "parquet": _records_parquet}
        yield from reader[fmt](path, wanted)
    elif hasattr(source, "itertuples") and hasattr(source, "columns"):  # a pandas DataFrame
        lowered = _columns_named(source.columns, wanted, "DataFrame")
        for row, values in enumerate(source.itertuples(index=False, name=None), start=1):
            yield row, dict(zip(lowered, values, strict=True))
    elif hasattr(source, "schema") and hasattr(source, "to_batches"):  # a pyarrow Table
        yield from _records_arrow(source.schema.names, source.to_batches(max_chunksize=65_536),
                                  wanted, "Arrow table")
    elif hasattr(source, "schema") and hasattr(source, "num_rows"):  # a pyarrow RecordBatch
        yield from _records_arrow(source.schema.names, [source], wanted, "Arrow record batch")
    elif isinstance(source, Mapping):  # iterating it would read its keys as rows
        raise InputError("one mapping is not a batch of mentions: pass a list of them "
                         "([{'id': ..., 'name': ...}])")
    elif isinstance(source, Iterable):
        yield from enumerate(source, start=1)
    else:
        raise InputError(f"cannot read mentions from {type(source).__name__}")


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower()
    if suffix in (".csv", ".tsv"):
        return "csv"
    if suffix in (".jsonl", ".ndjson", ".json"):
        return "jsonl"
    if suffix in (".parquet", ".pq"):
        return "parquet"
    raise InputError(f"{path}: unknown format {suffix!r}; pass format='csv'|'jsonl'|'parquet'")


def read_mentions(source: object, *, format: Format | None = None,
                  columns: Mapping[str, str] | None = None) -> Iterator[Mention | Skipped]:
    """Stream mentions from a file path (CSV with , ; tab or | between fields, JSONL,
    Parquet; "-" for standard input), a DataFrame, or an iterable of dicts /
    :class:`Mention` values.  ``columns`` names the source's own columns for the fields
    id, name, type, doc ({"id": "mention_id", "name": "text"}).  Bad rows come out as
    :class:`Skipped`; a repeated id is skipped after its first occurrence."""
    for _, item in read_rows(source, format=format, columns=columns):
        yield item


def read_rows(
    source: object, *, format: Format | None = None, columns: Mapping[str, str] | None = None
) -> Iterator[tuple[int, Mention | Skipped]]:
    """:func:`read_mentions` with each item's row number (from 1; data rows of a file)."""
    return _read(source, format, mention_from_record, lambda m: m, lambda m: m.id,
                 columns=columns)


def read_plain(
    source: object, *, format: Format | None = None, unique_ids: bool = True,
    columns: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, Row | Skipped]]:
    """:func:`read_rows` as plain (id, name, kind, doc) tuples, attributes left out: what
    the resolver keeps of a row, without building a value per row (a million rows).
    ``unique_ids=False``: an id may repeat (a reference list's aliases of one entity)."""
    return _read(source, format, _check, lambda m: (m.id, m.name, m.kind, m.doc),
                 lambda r: r[0], unique_ids, columns)


def _read(
    source: object,
    fmt: Format | None,
    from_record: Callable[[Mapping[str, Any], int], _T | Skipped],
    from_mention: Callable[[Mention], _T],
    id_of: Callable[[_T], str],
    unique_ids: bool = True,
    columns: Mapping[str, str] | None = None,
) -> Iterator[tuple[int, _T | Skipped]]:
    seen: set[str] = set()
    for row, record in _records(source, fmt, columns):
        item: _T | Skipped
        if isinstance(record, _Misshapen):
            item = Skipped(row, record_id(record.get("id")) or None, record.reason)
        elif isinstance(record, Mapping):
            item = from_record(record, row)
        else:
            other = _other(record, row)
            item = other if isinstance(other, Skipped) else from_mention(other)
        if isinstance(item, Skipped):
            yield item.row, item
        elif not unique_ids:
            yield row, item
        elif id_of(item) in seen:
            yield row, Skipped(row, id_of(item), f"duplicate id {id_of(item)!r}")
        else:
            seen.add(id_of(item))
            yield row, item


def _other(record: object, row: int) -> Mention | Skipped:
    """A row that is not a mapping: a Mention value, an already skipped row (it keeps its
    own row number), a reader's error text, or junk."""
    if isinstance(record, Mention):
        if record.kind is not None and record.kind not in KINDS:
            return Skipped(row, record.id, f"unknown type {record.kind!r}")
        return record
    if isinstance(record, Skipped):
        return record
    if isinstance(record, _Unreadable):
        return Skipped(row, None, str(record))
    return Skipped(row, None, f"row is {type(record).__name__}, not a mapping with id and name")


def numbered_rows(path: str | Path, what: str) -> list[tuple[int, object]]:
    """Every row of a small file whose rows must all be right (labelled pairs, decisions,
    labelled mentions), with its line number: CSV/TSV (by suffix; a header row, then dicts)
    or JSONL (each line's JSON value; blank lines left out).  InputError, naming the
    file and line, for a file that cannot be read or a line that is not JSON: unlike a
    batch of mentions, these are not worth resolving with a row missing."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"{p}: cannot read the {what}: {exc}") from exc
    if p.suffix.lower() in (".csv", ".tsv"):
        reader = csv.DictReader(text.splitlines(),
                                delimiter="\t" if p.suffix.lower() == ".tsv" else ",")
        return [(reader.line_num, row) for row in reader]
    rows: list[tuple[int, object]] = []
    for line, raw in enumerate(text.splitlines(), start=1):
        if raw.strip():
            try:
                rows.append((line, json.loads(raw)))
            except (json.JSONDecodeError, RecursionError) as exc:
                raise InputError(f"{p}:{line}: not a JSON value: {exc}") from exc
    return rows
