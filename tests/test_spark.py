"""The Spark backend (namematch.spark) on local[2]: its stages are the in-process code,
its entities agree with in-process resolution, bad rows are skipped with their reason,
prior entity ids carry over, and the command line runs it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from namematch import resolve, synthetic
from namematch import spark as nms
from namematch.block import name_candidates
from namematch.cli import main
from namematch.errors import InputError
from namematch.evaluate import cluster_metrics


@pytest.fixture(scope="module")
def session() -> Any:
    s = nms.session("local[2]", app="namematch-tests")
    s.conf.set("spark.sql.shuffle.partitions", "4")
    s.sparkContext.setLogLevel("ERROR")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def slice_10k() -> list[dict[str, str]]:
    return synthetic.mixed(10_000, seed=3)


def test_blocking_per_bucket_gives_the_in_process_pairs() -> None:
    """block_pairs over a bucket holding every key pairs names as block.name_candidates."""
    rows = synthetic.mixed(3_000, seed=5)
    items = list(dict.fromkeys((r["type"], r["name"]) for r in rows))
    parsed = nms.parse_names(pd.DataFrame({"kind": [k for k, _ in items],
                                           "name": [n for _, n in items]}))
    good = parsed[parsed["error"].isna()]
    exploded = good.explode("keys").rename(columns={"keys": "key"})
    got = nms.block_pairs(exploded, 100)
    ids = good["nid"].tolist()
    ia, ib, _ = name_candidates(good["resolved"].tolist(), good["name"].tolist())
    want = {(min(ids[a], ids[b]), max(ids[a], ids[b]))
            for a, b in zip(ia.tolist(), ib.tolist(), strict=True)}
    assert set(zip(got["a"].tolist(), got["b"].tolist(), strict=True)) == want
    assert len(want) > 1_000


@pytest.mark.parametrize(("record", "reason"), [
    ({"id": "1", "name": None, "type": None, "doc": None}, "missing name"),
    ({"id": "2", "name": "  ", "type": None, "doc": None}, "empty name"),
    ({"id": None, "name": "Emomali Rahmon", "type": None, "doc": None}, "missing id"),
    ({"id": "4", "name": "Khorog", "type": "river", "doc": None}, "unknown type"),
])
def test_rows_are_checked_as_the_readers_check_them(record: dict[str, Any],
                                                    reason: str) -> None:
    out = nms.check_rows(pd.DataFrame([{**record, "_row": 0}]))
    assert reason in out["reason"][0]


def test_spark_agrees_with_in_process_on_a_10k_slice(session: Any,
                                                     slice_10k: list[dict[str, str]]) -> None:
    frame = pd.DataFrame(synthetic.resolver_rows(slice_10k))
    got = nms.resolve(session.createDataFrame(frame))
    out = got.assignments.select("id", "entity", "skipped").toPandas()
    assert out["skipped"].isna().all() and len(out) == len(frame)
    on_spark = dict(zip(out["id"], out["entity"], strict=True))
    local = {a.mention: a.entity for a in resolve(frame).assignments}
    agreement = cluster_metrics(on_spark, local)
    assert agreement.bcubed_f1 >= 0.99, agreement
    ents = got.entities.toPandas()
    assert list(ents.columns) == ["entity", "type", "canonical", "confidence", "mentions",
                                  "docs"]
    assert ents["mentions"].sum() == len(frame)
    assert ents["mentions"].is_monotonic_decreasing


def test_bad_rows_are_skipped_with_reasons_and_columns_kept(session: Any) -> None:
    frame = session.createDataFrame(pd.DataFrame({
        "id": ["a", "b", "c", "a", "e", "f"],
        "name": ["Emomali Rahmon", None, "Rahmon Emomali", "Imomali Rakhmon", "\x00\x01",
                 "Khorog"],
        "type": ["person", "person", None, None, None, "place"],
        "doc": ["d1", "d1", "d2", "d2", None, "d1"],
        "source": ["wire", "wire", "list", "list", "wire", "wire"],
    }))
    out = nms.resolve(frame).assignments.toPandas()
    assert list(out["id"]) == ["a", "b", "c", "a", "e", "f"]  # every row, input order
    assert list(out["source"]) == ["wire", "wire", "list", "list", "wire", "wire"]
    reasons = dict(zip(range(6), out["skipped"], strict=True))
    assert reasons[1] == "missing name"
    assert reasons[3] == "duplicate id 'a'"  # the in-process readers' words
    assert reasons[4] is not None
    assert out["entity"][0] == out["entity"][2]  # Emomali Rahmon ~ Rahmon Emomali
    assert out["resolved_type"][5] == "place"


def test_wrong_columns_are_an_input_error(session: Any) -> None:
    frame = session.createDataFrame(pd.DataFrame({"id": ["1"], "text": ["Emomali Rahmon"]}))
    with pytest.raises(InputError, match="no column name"):
        nms.resolve(frame)
    with pytest.raises(InputError, match="Spark DataFrame"):
        nms.resolve(pd.DataFrame({"id": ["1"], "name": ["x"]}))
    with pytest.raises(InputError, match="prior"):
        nms.resolve(frame.withColumnRenamed("text", "name"), prior=frame)


def test_prior_entity_ids_carry_over(session: Any) -> None:
    rows = synthetic.mixed(800, seed=11)
    frame = session.createDataFrame(pd.DataFrame(synthetic.resolver_rows(rows)))
    first = nms.resolve(frame).assignments.select("id", "entity").toPandas()
    renamed = {e: f"P{i}" for i, e in enumerate(sorted(set(first["entity"])))}
    prior = session.createDataFrame(pd.DataFrame({
        "id": first["id"], "entity": [renamed[e] for e in first["entity"]]}))
    again = nms.resolve(frame, prior=prior).assignments.select("id", "entity").toPandas()
    want = {i: renamed[e] for i, e in zip(first["id"], first["entity"], strict=True)}
    assert dict(zip(again["id"], again["entity"], strict=True)) == want


def test_a_prior_id_never_names_two_entities(session: Any) -> None:
    """Yesterday one entity held m, a and b (its id is the hash of m); today a and b are
    one entity and m another: a and b take the prior id, and m's own id, the same hash,
    is not reused.  A prior row without an entity (skipped) has no vote."""
    frame = session.createDataFrame(pd.DataFrame({
        "id": ["m", "a", "b"], "name": ["Abdullo Nazarov", "Emomali Rahmon",
                                        "Imomali Rakhmon"]}))
    old = nms.entity_id("m")
    prior = session.createDataFrame(pd.DataFrame({
        "id": ["m", "a", "b", "z"], "entity": [old, old, old, None]}))
    got = nms.resolve(frame, prior=prior).assignments.toPandas()
    ids = dict(zip(got["id"], got["entity"], strict=True))
    assert ids["a"] == ids["b"] == old
    assert ids["m"] != old


def test_the_command_line_runs_on_spark(tmp_path: Path, session: Any,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "m.jsonl"
    source.write_text("\n".join(json.dumps(r) for r in [
        {"id": "1", "name": "Emomali Rahmon", "doc": "a"},
        {"id": "2", "name": "Rahmon, Emomali", "doc": "b"},
        {"id": "3", "name": "Khorugh", "type": "place", "doc": "a"},
        {"id": "4", "name": None, "doc": "a"},
    ]) + "\n", encoding="utf-8")
    out = tmp_path / "o.csv"
    code = main(["resolve", str(source), "--engine", "spark", "--spark-master", "local[2]",
                 "--output", str(out), "-q"])
    assert code == 0
    rows = pd.read_csv(out, dtype=str)
    assert list(rows["id"]) == ["1", "2", "3", "4"]
    assert rows["entity"][0] == rows["entity"][1] != rows["entity"][2]
    assert rows["skipped"][3] == "missing name"
    assert "3 mentions resolved, 1 skipped" in capsys.readouterr().err
    assert main(["resolve", str(source), "--engine", "spark", "--store", "x.db"]) == 2


def test_missing_java_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import shutil

    from namematch.errors import NamematchError

    monkeypatch.setattr(shutil, "which", lambda name: None)
    monkeypatch.delenv("JAVA_HOME", raising=False)
    with pytest.raises(NamematchError, match="needs Java"):
        nms.session("local[1]")
