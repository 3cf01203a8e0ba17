"""Your own model: fit on your labelled pairs, load it where the bundled one is used."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import attrs
import numpy as np
import pytest

from namematch import Resolver, Scorer, compare
from namematch.calibrate import LabelledPair, fit_model, person_pairs, read_pairs
from namematch.errors import InputError, ModelError
from namematch.features import FEATURES
from namematch.model import SEGMENTS, load_model, model_of, read_model


@pytest.fixture(scope="module")
def pairs() -> list[LabelledPair]:
    return random.Random(1).sample(person_pairs(random.Random(3)), 1500)


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory, pairs: list[LabelledPair]) -> Path:
    path = tmp_path_factory.mktemp("model") / "mine.json"
    path.write_text(json.dumps(fit_model(pairs)), encoding="utf-8")
    return path


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_model_fitted_on_your_pairs_scores_everywhere_alike(model_file: Path) -> None:
    mine = read_model(model_file)
    assert mine["person"].weights != load_model()["person"].weights
    assert mine["place"].weights == load_model()["place"].weights  # no place pair given
    a = ["Emomali Rahmon", "Abdullo Nazarov", "Nazarzod", "Ivan Petrov"]
    b = ["Rahmon Imomali", "Abduhalim Nazarzoda", "Abdulkharim Nazarzoda", "Ivan Petrova"]
    bulk = Scorer(model=model_file).score_pairs(a, b, kind="person")
    single = [compare(x, y, kind="person", model=model_file).score
              for x, y in zip(a, b, strict=True)]
    assert np.allclose(bulk, single, atol=1e-4)
    assert not np.allclose(bulk, Scorer().score_pairs(a, b, kind="person"), atol=1e-6)
    assert compare(a[0], b[0], model=str(model_file)).explain().score == pytest.approx(single[0])
    with Resolver.open(":memory:", model=model_file) as r:
        r.add([{"id": str(i), "name": n} for i, n in enumerate(a + b)])
        assert len(r) >= 4


def test_pairs_files_csv_and_jsonl_read_alike(tmp_path: Path, pairs: list[LabelledPair]
                                             ) -> None:
    rows = [{"a": p.a, "b": p.b, "same": p.same, "group": p.block} for p in pairs[:50]]
    from_jsonl = read_pairs(_write_jsonl(tmp_path / "p.jsonl", rows))
    csv_path = tmp_path / "p.csv"
    csv_path.write_text("a,b,same,group\n" + "".join(
        f'"{r["a"]}","{r["b"]}",{"yes" if r["same"] else "no"},{r["group"]}\n' for r in rows),
        encoding="utf-8")
    assert read_pairs(csv_path) == from_jsonl
    assert {p.kind for p in from_jsonl} == {"person"}


BAD_ROWS = [
    ({"a": "Ali Rahmon", "b": "Ali Rakhmon"}, "same must be true or false"),
    ({"a": "Ali Rahmon", "b": "Ali Rakhmon", "same": "maybe"}, "same must be true or false"),
    ({"a": "Ali Rahmon", "same": True}, "a pair needs text columns a and b"),
    ({"a": "", "b": "Ali", "same": True}, "a pair needs text columns a and b"),
    ({"a": "Ali", "b": "Vali", "same": False, "kind": "planet"}, "kind must be person or place"),
    ({"a": "Ali", "b": "!!!", "same": False}, "unusable name"),
]


@pytest.mark.parametrize(("row", "message"), BAD_ROWS)
def test_a_bad_pair_row_names_its_line(tmp_path: Path, row: dict[str, object],
                                       message: str) -> None:
    good = {"a": "Ali Rahmon", "b": "Ali Rakhmon", "same": True}
    path = _write_jsonl(tmp_path / "p.jsonl", [good, row])
    with pytest.raises(InputError, match=f"p.jsonl:2: {message}"):
        read_pairs(path)


def test_too_few_pairs_or_none_is_an_input_error(tmp_path: Path,
                                                 pairs: list[LabelledPair]) -> None:
    with pytest.raises(InputError, match="at least 20 of each"):
        fit_model([p for p in pairs if p.same][:200] + [p for p in pairs if not p.same][:3])
    with pytest.raises(InputError, match="no labelled pairs"):
        read_pairs(_write_jsonl(tmp_path / "empty.jsonl", []))
    with pytest.raises(InputError, match="cannot read"):
        read_pairs(tmp_path / "missing.jsonl")


@pytest.fixture(scope="module")
def segmented(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A model fitted on pairs marked as a stream's: its short forms get parts of their
    own (model.SEGMENTS)."""
    path = tmp_path_factory.mktemp("model") / "segmented.json"
    realistic = [attrs.evolve(p, realistic=True) for p in person_pairs(random.Random(3))]
    path.write_text(json.dumps(fit_model(realistic)), encoding="utf-8")
    return path


# one pair per part: a bare surname against a full name, two bare surnames, initials
# against a given name, two full names
PARTS = [("Nazarov", "Abdullo Nazarov", ("given_missing_one",)),
         ("Nazarzod", "Nazarzoda", ("given_missing_both",)),
         ("A. Nazarov", "Abdullo Nazarov", ("initial_match", "initial_conflict")),
         ("Abdullo Nazarov", "Abdullo Nazarzoda", ())]


def test_short_forms_are_fitted_apart_only_on_a_streams_pairs(
        model_file: Path, segmented: Path) -> None:
    doc = json.loads(segmented.read_text(encoding="utf-8"))
    assert [tuple(s["when"]) for s in doc["person"]["segments"]] == list(SEGMENTS["person"])
    assert "segments" not in json.loads(model_file.read_text(encoding="utf-8"))["person"]
    assert "segments" not in json.loads(
        (Path(__file__).parents[1] / "data" / "model.json").read_text("utf-8"))["person"]
    model = read_model(segmented)["person"]
    for a, b, when in PARTS:
        found = compare(a, b, kind="person", model=segmented)
        x = [found.features[n] for n in FEATURES["person"]]
        part = model.part(x)
        assert part.when == when, (a, b)
        # the part's weights score the pair, in bulk and one by one, and explain it
        z = sum(w * v for w, v in zip(part.weights, x, strict=True))
        e = found.explain()
        assert e.baseline + e.evidence == pytest.approx(z)
        assert Scorer(model=segmented).score_pairs([a], [b], kind="person")[0] == (
            pytest.approx(found.score, abs=1e-6))
        assert model.score(x) == pytest.approx(found.score, abs=1e-12)
    assert len({model.part(x).weights for x in
                ([compare(a, b, kind="person").features[n] for n in FEATURES["person"]]
                 for a, b, _ in PARTS)}) == 4


def test_a_model_that_cannot_be_used_is_a_typed_error(tmp_path: Path,
                                                       segmented: Path) -> None:
    with pytest.raises(ModelError, match="cannot read the model"):
        read_model(tmp_path / "missing.json")
    (tmp_path / "other.json").write_text('{"person": {}}', encoding="utf-8")
    with pytest.raises(ModelError, match="not a namematch model"):
        read_model(tmp_path / "other.json")
    doc = json.loads((Path(__file__).parents[1] / "data" / "model.json").read_text("utf-8"))
    doc["person"]["features"] = doc["person"]["features"][:-1]
    (tmp_path / "old.json").write_text(json.dumps(doc), encoding="utf-8")
    with pytest.raises(ModelError, match="do not match the code's"):
        Scorer(model=tmp_path / "old.json")
    with pytest.raises(InputError, match="model must be"):
        model_of(42)  # type: ignore[arg-type]
    doc = json.loads(segmented.read_text(encoding="utf-8"))
    for bad, match in (({"when": ["no_such_feature"]}, "segment marked by"),
                       ({"when": "given_missing_one"}, "list of features"),
                       ({"weights": [1.0]}, "segment .*1 weights for"),
                       ({"weights": [float("nan")] * len(FEATURES["person"])},
                        "not a finite number"),
                       ({"isotonic": {"logistic": [0, 1], "probability": [1, 0]}},
                        "two increasing lists"),
                       ({"isotonic": {"logistic": [0, 1], "probability": [-2, 6]}},
                        "from 0 to 1")):
        broken = json.loads(json.dumps(doc))
        broken["person"]["segments"][0].update(bad)
        (tmp_path / f"broken{len(match)}.json").write_text(json.dumps(broken),
                                                          encoding="utf-8")
        with pytest.raises(ModelError, match=match):
            read_model(tmp_path / f"broken{len(match)}.json")
    broken = json.loads(json.dumps(doc))
    broken["person"]["segments"] = "all"
    (tmp_path / "segments.json").write_text(json.dumps(broken), encoding="utf-8")
    with pytest.raises(ModelError, match="segments must be a list"):
        read_model(tmp_path / "segments.json")
    with pytest.raises(ModelError):
        Resolver.open(":memory:", model=tmp_path / "missing.json")


def test_cli_calibrate_on_your_pairs_then_compare_with_it(tmp_path: Path,
                                                         pairs: list[LabelledPair]) -> None:
    src = _write_jsonl(tmp_path / "mine.jsonl", [{"a": p.a, "b": p.b, "same": p.same,
                                                  "group": p.block} for p in pairs])
    out = tmp_path / "m.json"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "namematch", *args],
                              capture_output=True, text=True, timeout=300, check=False)

    done = run("calibrate", "--pairs", str(src), "--out", str(out))
    assert done.returncode == 0, done.stderr
    assert "person: fit on" in done.stdout and "bundled place model is kept" in done.stdout
    shown = run("compare", "Emomali Rahmon", "Rahmon Imomali", "--json", "--model", str(out))
    assert shown.returncode == 0, shown.stderr
    expected = compare("Emomali Rahmon", "Rahmon Imomali", model=out).score
    assert json.loads(shown.stdout)["score"] == pytest.approx(expected, abs=1e-6)
    missing = run("compare", "a", "b", "--model", str(tmp_path / "nope.json"))
    assert missing.returncode == 2 and "cannot read the model" in missing.stderr


def test_cli_calibrate_on_a_stream_with_a_system_left_out(tmp_path: Path) -> None:
    """The leave-one-system-out fit of benchmarks/bench_calibration.py, as a user runs it:
    short forms get parts of their own, fitted on the stream's pairs."""
    out = tmp_path / "stream.json"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "namematch", "calibrate", *args],
                              capture_output=True, text=True, timeout=600, check=False)

    done = run("--stream", "--exclude-system", "de", "--no-membership", "--out", str(out))
    assert done.returncode == 0, done.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["stream"]["excluded_systems"] == ["de"]
    # (a part with fewer than MIN_PAIRS pairs of an outcome is scored by the main part:
    # two bare surnames, in the stream's 20,000 pairs)
    parts = [tuple(s["when"]) for s in doc["person"]["segments"]]
    assert set(parts) <= set(SEGMENTS["person"]) and ("given_missing_one",) in parts
    # a bare surname against a full name is mostly another bearer of the surname in a
    # stream: the stream's part says so, where the bundled model gives the name evidence
    bare = compare("Nazarov", "Abdullo Nazarov", kind="person", model=out).score
    assert bare < compare("Nazarov", "Abdullo Nazarov", kind="person").score
    for args, match in ((("--exclude-system", "de"), "give --stream"),
                        (("--stream", "--exclude-system", "klingon"), "klingon"),
                        (("--stream", "--pairs", str(out)), "one or the other")):
        refused = run(*args, "--out", str(tmp_path / "no.json"))
        assert refused.returncode == 2 and match in refused.stderr, refused.stderr
        assert not (tmp_path / "no.json").exists()
