"""The fitted scoring model: logistic weights per kind, read from data/model.json.

``namematch calibrate`` (namematch.calibrate) writes the file; nothing else does.
"""

from __future__ import annotations

import bisect
import json
import math
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from namematch.errors import InputError, ModelError
from namematch.features import CONFLICTS, FEATURES
from namematch.parse import Kind
from namematch.tables import load_json

MODEL_FILE = "model.json"
DEFAULT_THRESHOLD = 0.5
"""Default decision threshold: a calibrated score of 0.5 means "as likely as not"."""


def check_threshold(threshold: object) -> float:
    """The threshold if it is a number from 0 to 1, else InputError (NaN, 2.0, "x")."""
    if (isinstance(threshold, bool) or not isinstance(threshold, int | float)
            or not 0.0 <= threshold <= 1.0):
        raise InputError(f"threshold must be a number from 0 to 1, not {threshold!r}")
    return float(threshold)


IDENTICAL_SCORE = 0.999
"""Score of two names that are the same after normalization (case, script, diacritics,
titles, possessives and word order set aside).  The name evidence is then complete; whether
two bearers of one name are one person is for context (the clustering layer).  The
calibration population leaves such pairs out for the same reason."""


Knots = tuple[tuple[float, ...], tuple[float, ...]]


def conflict_columns(kind: Kind) -> tuple[int, ...]:
    """Feature columns of features.CONFLICTS[kind]: a pair with one set is a
    contradiction (a cannot-link for clustering)."""
    return tuple(FEATURES[kind].index(f) for f in CONFLICTS[kind])


def conflicted(x: np.ndarray, kind: Kind) -> np.ndarray:
    """Which rows of a (pairs, features) matrix have a contradiction set."""
    return np.asarray((x[:, list(conflict_columns(kind))] > 0.5).any(axis=1), dtype=bool)


SEGMENTS: dict[Kind, tuple[tuple[str, ...], ...]] = {
    "person": (("given_missing_one",), ("given_missing_both",),
               ("initial_match", "initial_conflict")),
    "place": (),
}
"""Pairs each kind's model fits apart, each part named by the features that mark it (a
pair belongs to the first whose feature is set; the rest to the main part).  Without a
given name on a side (Belov ~ Ivan Belov), on both (Belov ~ Bielow), or with initials
against given names (A. Belov ~ Afanasii Belov), whether two names are one person is
a question of how many people share the surname, not of how alike the spellings are: one
set of weights for all pairs bent the full names' fit towards that and calibrated
neither (leave one system out, benchmarks/bench_calibration.py: docs/scoring.md)."""


def segment_columns(kind: Kind, when: tuple[str, ...]) -> list[int]:
    """Feature columns of a part's marking features (checked against FEATURES[kind] where
    a model is read)."""
    return [FEATURES[kind].index(f) for f in when]


@attrs.frozen
class KindModel:
    """One kind's model: logistic weights aligned with features.FEATURES[kind], then a
    monotone map (isotonic regression, piecewise linear through ``knots``) from the
    logistic score to a calibrated probability.  Pairs with a contradiction
    (features.CONFLICTS: other given names or fathers, genders, second initials) have a
    map of their own, ``conflict_knots``, fitted on such pairs alone: the logistic
    weights of a rare feature stay small under regularisation, so one map would give
    Sergey Ivanovich Lavrov ~ Sergey Viktorovich Lavrov the rate of pairs that agree.
    The pairs of a :data:`SEGMENTS` part have weights and maps of their own too
    (``segments``, each a KindModel whose ``when`` names its marking features)."""

    kind: Kind
    weights: tuple[float, ...]
    knots: Knots = ((0.0, 1.0), (0.0, 1.0))
    conflict_knots: Knots | None = None
    vector: np.ndarray = attrs.field(eq=False, repr=False, default=None)
    when: tuple[str, ...] = ()
    segments: tuple[KindModel, ...] = ()

    def part(self, x: list[float]) -> KindModel:
        """The model that scores a pair of these features: the first segment whose
        marking feature is set, else this one (explanations read its weights)."""
        for seg in self.segments:
            if any(x[i] > 0.5 for i in segment_columns(self.kind, seg.when)):
                return seg
        return self

    def score(self, x: list[float], identical: bool = False) -> float:
        """Calibrated probability for one pair's feature list."""
        model = self.part(x)
        z = sum(w * v for w, v in zip(model.weights, x, strict=True))
        knots = model.knots
        if model.conflict_knots is not None and any(x[i] > 0.5
                                                    for i in conflict_columns(self.kind)):
            knots = model.conflict_knots
        p = _interp(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))), *knots)
        return max(p, IDENTICAL_SCORE) if identical else p

    def score_many(self, x: np.ndarray, identical: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities for a (pairs, features) matrix."""
        if not self.segments:  # the bundled model: no copy of the pairs' rows
            out = self._calibrated(x)
        else:
            out = np.empty(len(x), dtype=np.float64)
            rest = np.ones(len(x), dtype=bool)
            for seg in self.segments:
                rows = rest & (x[:, segment_columns(self.kind, seg.when)] > 0.5).any(axis=1)
                if rows.any():
                    out[rows] = seg._calibrated(x[rows])
                    rest &= ~rows
            out[rest] = self._calibrated(x[rest])
        if identical is not None:
            out = np.where(identical, np.maximum(out, IDENTICAL_SCORE), out)
        return out

    def _calibrated(self, x: np.ndarray) -> np.ndarray:
        """This part's probabilities for the rows it scores."""
        z = np.clip(x @ self.vector, -50.0, 50.0)
        logistic = 1.0 / (1.0 + np.exp(-z))
        out: np.ndarray = np.interp(logistic, *self.knots)
        if self.conflict_knots is not None:
            conflict = conflicted(x, self.kind)
            out[conflict] = np.interp(logistic[conflict], *self.conflict_knots)
        return out


def _interp(v: float, xs: tuple[float, ...], ys: tuple[float, ...]) -> float:
    """np.interp for one value, without numpy's per-call overhead."""
    i = bisect.bisect_right(xs, v)
    if i == 0:
        return ys[0]
    if i == len(xs):
        return ys[-1]
    x0, x1 = xs[i - 1], xs[i]
    return ys[i - 1] + (ys[i] - ys[i - 1]) * (v - x0) / (x1 - x0)


def kind_model(kind: Kind, params: dict[str, Any], source: str = MODEL_FILE) -> KindModel:
    """Build and check one kind's model from its JSON parameters (``source``: the file
    they come from, for the error message)."""
    try:
        names = tuple(params["features"])
        parts = params.get("segments", [])
        if not isinstance(parts, list) or not all(
                isinstance(part, dict) and isinstance(part.get("when"), list) for part in parts):
            raise ModelError(f"{source}: {kind} segments must be a list of objects, each"
                             " with a list of features as \"when\"")
        whens = [tuple(str(f) for f in part["when"]) for part in parts]
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ModelError(f"{source}: bad parameters for {kind}: missing or bad {exc}") from exc
    if names != FEATURES[kind]:
        raise ModelError(
            f"{source}: {kind} features {names} do not match the code's {FEATURES[kind]};"
            " run `namematch calibrate` to refit"
        )
    for when in whens:
        if not when or not set(when) <= set(FEATURES[kind]):
            raise ModelError(f"{source}: {kind} segment marked by {list(when)}: not features"
                             f" of {kind}")
    segments = tuple(_part(kind, part, source, when)
                     for part, when in zip(parts, whens, strict=True))
    return attrs.evolve(_part(kind, params, source, ()), segments=segments)


def _part(kind: Kind, params: dict[str, Any], source: str, when: tuple[str, ...]
          ) -> KindModel:
    """One part's weights and maps, checked."""
    try:
        weights = tuple(float(w) for w in params["weights"])
        knots = _knots(params["isotonic"])
        # a model fitted before contradictions had their own map uses the one map
        conflict = _knots(params["isotonic_conflict"]) if "isotonic_conflict" in params else None
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{source}: bad parameters for {kind}: {exc}") from exc
    where = f"{kind} segment {list(when)}" if when else kind
    if len(weights) != len(FEATURES[kind]):
        raise ModelError(f"{source}: {where} has {len(weights)} weights for"
                         f" {len(FEATURES[kind])} features")
    if not all(math.isfinite(w) for w in weights):
        raise ModelError(f"{source}: {where} has a weight that is not a finite number")
    for xs, ys in (knots, conflict or knots):
        if (len(xs) < 2 or len(xs) != len(ys) or list(xs) != sorted(xs)
                or list(ys) != sorted(ys)):
            raise ModelError(f"{source}: {where} isotonic knots must be two increasing lists")
        if not all(0.0 <= v <= 1.0 for v in (*xs, *ys)):  # NaN fails too
            raise ModelError(f"{source}: {where} isotonic knots must lie from 0 to 1")
    return KindModel(kind, weights, knots, conflict, np.array(weights, dtype=np.float64),
                     when)


def _knots(params: dict[str, Any]) -> Knots:
    return (tuple(float(v) for v in params["logistic"]),
            tuple(float(v) for v in params["probability"]))


@cache
def membership_knots() -> tuple[Knots, Knots] | None:
    """The membership calibration of data/model.json: (a mention among others of its
    entity, a mention whose name is alone in its entity), or None in a model without it."""
    maps = _membership_maps("member", "alone")
    return None if maps is None else (maps[0], maps[1])


def _membership_maps(*names: str) -> list[Knots] | None:
    """The named maps of data/model.json's membership calibration, or None when the model
    has not all of them."""
    doc = load_json(MODEL_FILE).get("membership") or {}
    if not all(name in doc for name in names):
        return None
    try:
        return [_knots(doc[name]) for name in names]
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{MODEL_FILE}: bad membership calibration: {exc}") from exc


def membership(raw: np.ndarray, alone: np.ndarray) -> np.ndarray:
    """Calibrated membership confidence from the raw one (the mean score of a mention's
    name to the other names of its entity; for a name alone, 1 - its best score outside):
    the rate at which mentions with that raw value were where they belong, on the
    calibration stream (namematch.calibrate.membership_calibration)."""
    knots = membership_knots()
    if knots is None:
        return raw
    out: np.ndarray = np.where(alone, np.interp(raw, *knots[1]), np.interp(raw, *knots[0]))
    return out


def entity_confidence(mean: np.ndarray, one_name: np.ndarray) -> np.ndarray:
    """An entity's confidence from the mean of its members' calibrated confidences: the
    rate at which entities with that mean were one real person or place on the
    calibration stream, one map for entities of one name and one for entities of several
    (namematch.calibrate.membership_calibration); the mean itself in a model without
    those maps."""
    maps = _membership_maps("entity_one_name", "entity_names")
    if maps is None:
        return mean
    one, several = maps
    out: np.ndarray = np.where(one_name, np.interp(mean, *one), np.interp(mean, *several))
    return out


@cache
def load_model() -> dict[Kind, KindModel]:
    """The bundled model, checked against the feature lists of the code."""
    doc = load_json(MODEL_FILE)
    return {kind: kind_model(kind, doc[kind]) for kind in ("person", "place")}


ModelChoice = str | Path | Mapping[Kind, KindModel] | None
"""What ``model=`` takes (compare, Scorer, Resolver, Reference): None for the bundled
model, the path of a model file (``namematch calibrate --out``), or what
:func:`read_model` returned."""


@lru_cache(maxsize=16)
def _read_model(path: Path) -> dict[Kind, KindModel]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(f"{path}: cannot read the model: {exc}") from exc
    if not isinstance(doc, dict) or not {"person", "place"} <= set(doc):
        raise ModelError(f"{path}: not a namematch model (no person and place parts)")
    return {kind: kind_model(kind, doc[kind], str(path)) for kind in ("person", "place")}


def read_model(path: str | Path) -> dict[Kind, KindModel]:
    """A model file written by ``namematch calibrate --out`` (read once per path);
    ModelError when it cannot be read or does not fit the code's features."""
    return _read_model(Path(path).resolve())


def model_of(model: ModelChoice) -> dict[Kind, KindModel]:
    """The per-kind models a ``model=`` argument names (see :data:`ModelChoice`)."""
    if model is None:
        return load_model()
    if isinstance(model, str | Path):
        return read_model(model)
    if isinstance(model, Mapping) and all(isinstance(model.get(k), KindModel)
                                          for k in ("person", "place")):
        return dict(model)
    raise InputError("model must be None, a model file's path or what read_model() returned,"
                     f" not {type(model).__name__}")

