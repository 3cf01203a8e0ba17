"""Fuzzing the entry points: any input gives a result or a namematch error, never another
exception (benchmarks/fuzz.py runs the same at a million inputs)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from namematch import Reference, Scorer, compare, keys, parse, resolve
from namematch.errors import NamematchError

TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["", " ", "\x00", "\ud800", "A.", "-", "'", "Ивана", "ع", "Βλ", "王"]),
    st.text(alphabet=st.sampled_from("aeiouкхшАБВ .,-'ʼ()\u200c\u0301"), max_size=30),
)
ANYTHING = st.one_of(TEXT, st.none(), st.integers(), st.floats(), st.lists(st.integers()),
                     st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
                     st.binary(max_size=8))
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(ANYTHING, ANYTHING, st.sampled_from([None, "person", "place"]))
def test_compare_gives_a_score_or_a_namematch_error(a: object, b: object, kind: str | None
                                                    ) -> None:
    try:
        found = compare(a, b, kind=kind)  # type: ignore[arg-type]
    except NamematchError:
        return
    assert 0.0 <= found.score <= 1.0
    assert str(found.explain())
    assert json.dumps(found.to_dict(), ensure_ascii=False)


@FUZZ
@given(ANYTHING)
def test_parse_and_keys_give_a_result_or_a_namematch_error(a: object) -> None:
    for f in (parse, keys):
        with contextlib.suppress(NamematchError):
            f(a)  # type: ignore[operator]


@FUZZ
@given(st.lists(ANYTHING, max_size=6), st.lists(ANYTHING, max_size=6))
def test_bulk_scores_are_nan_or_bounded(a: list[object], b: list[object]) -> None:
    n = min(len(a), len(b))
    scores = Scorer(on_error="nan").score_pairs(a[:n], b[:n])
    assert all(s != s or 0.0 <= s <= 1.0 for s in scores.tolist())


ROW = st.one_of(
    st.dictionaries(st.sampled_from(["id", "name", "type", "doc", "x"]), ANYTHING, max_size=5),
    ANYTHING,
)


@FUZZ
@given(st.lists(ROW, max_size=8))
def test_resolve_and_link_never_lose_a_batch_to_a_bad_row(rows: list[object]) -> None:
    good = [{"id": "good-1", "name": "Emomali Rahmon"}]
    res = resolve([*rows, *good])
    assert "good-1" in {a.mention for a in res.assignments}
    assert len(res.assignments) + len(res.skipped) == len(rows) + 1
    linked = Reference([("R1", "Emomali Rahmon", "person")]).link([*rows, *good])
    assert linked.links[-1].matched


@FUZZ
@given(st.binary(max_size=200), st.sampled_from(["csv", "jsonl"]))
def test_files_of_any_bytes_give_rows_or_a_namematch_error(data: bytes, fmt: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"in.{fmt}"
        head = b"id,name\n" if fmt == "csv" else b""
        path.write_bytes(head + data + b"\n" + (b"zz,Emomali Rahmon\n" if fmt == "csv" else
                                             b'{"id": "zz", "name": "Emomali Rahmon"}\n'))
        try:
            res = resolve(path)
        except NamematchError:
            return
        assert "zz" in {a.mention for a in res.assignments} or any(
            s.id == "zz" for s in res.skipped)
