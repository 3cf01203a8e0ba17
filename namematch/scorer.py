"""Bulk scoring: many pairs, or one name against many, on unique strings.

Each distinct input string is parsed once (cached across calls), the per-name fields are
laid out as numpy columns (strings as codes into a vocabulary of distinct values), pairs
become index arrays, and each distinct pair of field values is scored once with
rapidfuzz.process (cdist over the distinct values, or cpdist over distinct pairs), then one
matrix product.  The features are the very function
compare() uses (namematch.features), so bulk and single scores agree to float32 precision (cpdist).
"""

from __future__ import annotations

import itertools
import os
from collections import defaultdict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal

import numpy as np

from namematch.compare import prepared, resolve_kind
from namematch.errors import ROW_ERRORS, InputError, NameTypeError
from namematch.features import (
    BIT_FIELDS,
    FEATURE_FUNCTIONS,
    FEATURES,
    FIELD_NAMES,
    ORDER,
    SHARED_VOCABULARY,
    ArrayOps,
    Column,
    same_name,
)
from namematch.model import KindModel, ModelChoice, conflicted, load_model, model_of
from namematch.parse import Kind

_KIND_ERRORS: tuple[type[Exception], ...] = (*ROW_ERRORS, TypeError)
"""What inferring one pair's kind may raise for a bad name (that pair is then a person's)."""

OnError = Literal["nan", "raise"]

PAIRS_PER_CHUNK = 250_000
"""Pairs scored at once: a chunk's feature matrix is about 50 MB."""

FIELDS_KEPT = 50_000
"""Distinct names whose parsed fields a Scorer keeps between calls (about 1.7 KB each:
85 MB full), so that scoring the same names again does not parse them again; a call
with more distinct names than this keeps none of them (compare()'s own parse cache holds
parse.NAMES_CACHED names)."""


class Scorer:
    """Score many name pairs fast.

    ``on_error="nan"`` (the default) gives NaN for a pair with an unusable name (None,
    empty, too long...) so one bad row never sinks a batch; the bad strings are listed in
    :attr:`last_errors`.  ``on_error="raise"`` raises the first error instead.
    ``workers`` is how many threads a big call scores its chunks on (-1 = all cores).
    ``model``: the bundled model (None) or one of your own (a file written by
    ``namematch calibrate --pairs ... --out``, or what model.read_model returned).
    """

    def __init__(self, *, workers: int = 1, on_error: OnError = "nan",
                 model: ModelChoice = None) -> None:
        if on_error not in ("nan", "raise"):
            raise InputError("on_error must be 'nan' or 'raise'")
        self.workers = workers
        self.on_error = on_error
        # the bundled model is read when scoring, not before: calibration computes
        # features of a model that does not exist yet
        self.models = None if model is None else model_of(model)
        self.last_errors: dict[object, str] = {}
        # (name, kind) -> its fields: plain values only (tuples of strings and numbers),
        # which the cyclic garbage collector skips; an unusable name is parsed again, so
        # its error is raised or listed as the first time
        self._kept: dict[tuple[str, Kind], tuple[Any, ...]] = {}

    def table(self, names: Sequence[object], kind: Kind) -> NameTable:
        """Prepare ``names`` once for scoring many pairs of them by index (see NameTable).

        Unusable names are recorded in :attr:`last_errors` (or raise, with
        ``on_error="raise"``); their pairs score NaN.
        """
        self.last_errors = {}
        kind = resolve_kind("", "", kind)  # InputError for no kind of ours (aliases read)
        return self.table_of_fields(self._fields(names, kind), kind)

    def table_of_fields(self, rows: Sequence[tuple[Any, ...] | None], kind: Kind) -> NameTable:
        """A NameTable of names already parsed: each row the names' ``features.fields``
        tuple (None for an unusable name)."""
        model = None if self.models is None else self.models[kind]
        return NameTable(*_columns(rows, kind), kind, self.workers, model)

    def _fields(self, strings: Sequence[object], kind: Kind) -> list[tuple[Any, ...] | None]:
        """Each string's feature fields (parsed once, cached), None where unusable."""
        rows: list[tuple[Any, ...] | None] = []
        keep = len(strings) <= FIELDS_KEPT
        if keep and len(self._kept) + len(strings) > FIELDS_KEPT:
            self._kept.clear()
        kept = self._kept
        for s in strings:
            got = kept.get((s, kind)) if keep and isinstance(s, str) else None
            if got is not None:
                rows.append(got)
                continue
            try:
                fields = prepared(s, kind)[1]  # type: ignore[arg-type,unused-ignore]
                rows.append(fields)
                if keep and isinstance(s, str):
                    kept[(s, kind)] = fields
            except ROW_ERRORS as exc:
                if self.on_error == "raise":
                    raise
                self.last_errors[s if isinstance(s, str | None) else repr(s)] = str(exc)
                rows.append(None)
            except TypeError as exc:  # unhashable input (a list, a dict) cannot be cached
                if self.on_error == "raise":
                    raise
                self.last_errors[repr(s)] = str(exc)
                rows.append(None)
        return rows


    def _table_of_pairs(
        self, a: Sequence[object], b: Sequence[object], kind: Kind
    ) -> tuple[NameTable, np.ndarray, np.ndarray]:
        """A table of the distinct strings of ``a`` and ``b``, and each side's row indices."""
        _check_sequences(a, b)
        try:
            index = {s: i for i, s in enumerate(dict.fromkeys(itertools.chain(a, b)))}
            uniq: list[object] = list(index)
            ia = np.fromiter(map(index.__getitem__, a), np.int64, len(a))
            ib = np.fromiter(map(index.__getitem__, b), np.int64, len(b))
        except TypeError:  # an unhashable input: index by key wrappers instead
            keyed: dict[object, int] = {}
            ia = np.fromiter((keyed.setdefault(_key(s), len(keyed)) for s in a), np.int64, len(a))
            ib = np.fromiter((keyed.setdefault(_key(s), len(keyed)) for s in b), np.int64, len(b))
            uniq = [_unkey(k) for k in keyed]
        return self.table(uniq, kind), ia, ib

    def features(self, a: Sequence[object], b: Sequence[object], kind: Kind) -> np.ndarray:
        """The (pairs, features) matrix for one kind; rows of invalid pairs are NaN."""
        return self.feature_matrix(a, b, kind)[0]

    def feature_matrix(
        self, a: Sequence[object], b: Sequence[object], kind: Kind
    ) -> tuple[np.ndarray, np.ndarray]:
        """(features, identical): the feature matrix and which pairs are the same name
        after normalization (those score model.IDENTICAL_SCORE)."""
        table, ia, ib = self._table_of_pairs(a, b, kind)
        return table.feature_matrix(ia, ib)

    def score_pairs(
        self, a: Sequence[object], b: Sequence[object], *, kind: Kind | None = None
    ) -> np.ndarray:
        """Calibrated scores of pairs (a[i], b[i]); NaN where a name is unusable.

        ``kind``: "person" or "place" for every pair; None (the default) infers each
        pair's kind by the rule compare() and resolve() use: a place when either name
        has a place's feature word or ending (River, Province, -stan, -obod), else a
        person.  Give the kind when it is known: inference parses each name twice.
        """
        _check_sequences(a, b)
        if kind is not None:
            return self.score_with_conflicts(a, b, kind)[0]
        kinds = []
        for s, t in zip(a, b, strict=True):
            try:
                kinds.append(resolve_kind(s, t, None))  # type: ignore[arg-type]
            except _KIND_ERRORS:
                kinds.append("person")
        out = np.full(len(a), np.nan)
        errors: dict[object, str] = {}
        for k in ("person", "place"):
            sel = [i for i, kk in enumerate(kinds) if kk == k]
            if sel:
                out[sel] = self.score_pairs([a[i] for i in sel], [b[i] for i in sel], kind=k)
                errors.update(self.last_errors)
        self.last_errors = errors
        return out

    def score_with_conflicts(
        self, a: Sequence[object], b: Sequence[object], kind: Kind
    ) -> tuple[np.ndarray, np.ndarray]:
        """(scores, conflicts): conflicts marks pairs with a features.CONFLICTS feature set
        (different given names, contradicting patronymics, gender or place-kind conflict)."""
        table, ia, ib = self._table_of_pairs(a, b, kind)
        return table.score(ia, ib)

    def score_one_to_many(
        self, query: object, choices: Sequence[object], *, kind: Kind = "person"
    ) -> np.ndarray:
        """Scores of ``query`` against every choice (like rapidfuzz.process.cdist's row)."""
        return self.score_pairs([query] * len(choices), choices, kind=kind)

    def top_k(
        self, query: object, choices: Sequence[object], k: int = 5, *, kind: Kind = "person"
    ) -> list[tuple[int, float]]:
        """The ``k`` best (index, score) pairs of ``query`` among ``choices``, best first."""
        scores = self.score_one_to_many(query, choices, kind=kind)
        order = np.argsort(-np.nan_to_num(scores, nan=-1.0), kind="stable")[:k]
        return [(int(i), float(scores[i])) for i in order if not np.isnan(scores[i])]


class NameTable:
    """Names prepared once (per-field columns), scored in pairs by row index.

    Made by :meth:`Scorer.table`.  A caller that scores many batches of pairs among the
    same names (clustering asks for thousands of small batches) pays for parsing and the
    columns once; each :meth:`score` call only gathers rows and scores the distinct value
    pairs it meets.
    """

    def __init__(self, columns: list[Any], valid: np.ndarray, kind: Kind, workers: int,
                 model: KindModel | None = None) -> None:
        self.columns = columns
        self.model = model
        self.valid = valid
        self.kind: Kind = kind
        self._threads = (os.cpu_count() or 1) if workers < 0 else max(workers, 1)
        # chunks run side by side, so each one keeps rapidfuzz on its own thread
        self._ops = ArrayOps(1 if self._threads > 1 else workers)

    def __len__(self) -> int:
        return len(self.valid)

    def feature_matrix(self, ia: np.ndarray, ib: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(features, identical) of the pairs (ia[k], ib[k]); rows with an unusable name
        are NaN."""
        ok = self.valid[ia] & self.valid[ib]
        width = len(FEATURES[self.kind])
        if not ok.all():
            out = np.full((len(ia), width), np.nan)
            same = np.zeros(len(ia), dtype=bool)
            if ok.any():
                out[ok], same[ok] = self.feature_matrix(ia[ok], ib[ok])
            return out, same
        order = self.columns[ORDER]
        flip = order[ia] > order[ib]  # canonical side order: compare(a, b) == compare(b, a)
        ia, ib = np.where(flip, ib, ia), np.where(flip, ia, ib)
        fa = [c.take(ia) if isinstance(c, Column) else c[ia] for c in self.columns]
        fb = [c.take(ib) if isinstance(c, Column) else c[ib] for c in self.columns]
        out = np.empty((len(ia), width), order="F")  # filled column by column
        for k, values in enumerate(FEATURE_FUNCTIONS[self.kind](fa, fb, self._ops)):
            out[:, k] = values
        return out, np.asarray(same_name(fa, fb, self.kind), dtype=bool)

    def score(self, ia: np.ndarray, ib: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(scores, conflicts) of the pairs (ia[k], ib[k]): NaN scores where a name is
        unusable; conflicts marks pairs with a features.CONFLICTS feature set (different
        given names, contradicting patronymics, gender or place-kind conflict).

        Pairs are scored PAIRS_PER_CHUNK at a time, which bounds memory; a big call
        scores its chunks on ``workers`` threads (numpy and rapidfuzz release the GIL).
        """
        scores = np.empty(len(ia))
        conflicts = np.empty(len(ia), dtype=bool)

        def chunk(lo: int) -> None:
            part = slice(lo, lo + PAIRS_PER_CHUNK)
            scores[part], conflicts[part] = self._score_chunk(ia[part], ib[part])

        starts = range(0, len(ia), PAIRS_PER_CHUNK)
        if len(starts) > 1 and self._threads > 1:
            with ThreadPoolExecutor(self._threads) as pool:
                list(pool.map(chunk, starts))
        else:
            for lo in starts:
                chunk(lo)
        return scores, conflicts

    def _score_chunk(self, ia: np.ndarray, ib: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x, identical = self.feature_matrix(ia, ib)
        bad = np.isnan(x[:, 0])  # an unusable name's row is all NaN
        if np.isnan(x).any():
            x = np.nan_to_num(x, copy=False)
        model = self.model or load_model()[self.kind]
        scores = model.score_many(x, identical)
        scores[bad] = np.nan
        return scores, conflicted(x, self.kind) & ~identical


def _check_sequences(a: object, b: object) -> None:
    """NameTypeError unless both sides are sequences of names; InputError unless of one
    length."""
    for side in (a, b):
        if isinstance(side, str | bytes) or not hasattr(side, "__len__"):
            raise NameTypeError(f"a and b must be sequences of names, not {type(side).__name__}")
    if len(a) != len(b):  # type: ignore[arg-type]
        raise InputError(f"a and b differ in length ({len(a)} vs {len(b)})")  # type: ignore[arg-type]


def _columns(rows: Sequence[tuple[Any, ...] | None], kind: Kind) -> tuple[list[Any], np.ndarray]:
    """Per-field columns of the names' field rows (a Column per string field), validity.

    In bulk (a million names, some fifty fields): the rows are transposed once, and each
    string is coded by C-level iteration over a dict; Python loops only over distinct
    strings."""
    valid = np.fromiter((r is not None for r in rows), dtype=bool, count=len(rows))
    template = next((r for r in rows if r is not None), None)
    names = FIELD_NAMES[kind]
    samples = ["" if template is None else template[j] for j in range(len(names))]
    fills = tuple("" if isinstance(x, str) else type(x)(0) for x in samples)
    full = rows if valid.all() else [fills if r is None else r for r in rows]
    fields: list[tuple[Any, ...]] = list(zip(*full, strict=True)) if len(full) else []
    if not fields:
        fields = [() for _ in names]
    # fields compared with each other (same_name) share one vocabulary; each string field
    # is coded in one C-level pass (map over a coder), its vocabulary read off afterwards
    coders = {group: _coder() for group in {SHARED_VOCABULARY[n] for n in names
                                             if n in SHARED_VOCABULARY}}
    coded: dict[int, tuple[np.ndarray, dict[str, int]]] = {}
    for j, name in enumerate(names):
        if isinstance(samples[j], str):
            group = SHARED_VOCABULARY.get(name)
            codes = _coder() if group is None else coders[group]
            coded[j] = (np.fromiter(map(codes.__getitem__, fields[j]), np.int32,
                                    len(fields[j])), codes)
    vocabs = {id(codes): _strings(codes) for _, codes in coded.values()}
    columns: list[Any] = []
    for j, name in enumerate(names):
        sample, values = samples[j], fields[j]
        if isinstance(sample, str):
            index, codes = coded[j]
            vocab = vocabs[id(codes)]
            if j == ORDER:  # the order field becomes its rank: an integer compare
                rank = np.empty(len(codes), dtype=np.int64)
                rank[sorted(range(len(codes)), key=vocab.__getitem__)] = np.arange(len(codes))
                columns.append(rank[index])
            else:
                columns.append(Column(index, vocab))
        elif isinstance(sample, bool):
            columns.append(np.array(values, dtype=bool))
        elif name in BIT_FIELDS:
            columns.append(np.array(values, dtype=np.uint64))
        else:
            columns.append(np.array(values, dtype=np.float64))
    return columns, valid


def _coder() -> dict[str, int]:
    """A dict that gives a string it has not seen the next code as it is looked up ("" is
    0, the others in order of first appearance): ``map(coder.__getitem__, values)`` codes
    a column in one pass."""
    codes: defaultdict[str, int] = defaultdict()
    codes.default_factory = codes.__len__
    codes[""] = 0
    return codes


def _strings(codes: dict[str, int]) -> np.ndarray:
    """The strings of a vocabulary by code, as an object array."""
    vocab = np.empty(len(codes), dtype=object)
    vocab[:] = list(codes)
    return vocab


class _Unhashable:
    """Stands in for an unhashable input so it can still get an index and an error."""

    def __init__(self, value: object) -> None:
        self.value = value


def _key(s: object) -> object:
    try:
        hash(s)
    except TypeError:
        return _Unhashable(s)
    return s


def _unkey(k: object) -> object:
    return k.value if isinstance(k, _Unhashable) else k
