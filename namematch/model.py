"""The fitted scoring model: logistic weights per kind, read from data/model.json.

``namematch calibrate`` (namematch.calibrate) writes the file; nothing else does.
"""

from __future__ import annotations

import bisect
import math
from functools import cache
from typing import Any

import attrs
import numpy as np

from namematch.errors import ModelError
from namematch.features import FEATURES
from namematch.parse import Kind
from namematch.tables import load_json

MODEL_FILE = "model.json"
DEFAULT_THRESHOLD = 0.5
"""Default decision threshold: a calibrated score of 0.5 means "as likely as not"."""
IDENTICAL_SCORE = 0.999
"""Score of two names that are the same after normalization (case, script, diacritics,
titles, possessives and word order set aside).  The name evidence is then complete; whether
two bearers of one name are one person is for context (the clustering layer).  The
calibration population leaves such pairs out for the same reason."""


@attrs.frozen
class KindModel:
    """One kind's model: logistic weights aligned with features.FEATURES[kind], then a
    monotone map (isotonic regression, piecewise linear through ``knots``) from the
    logistic score to a calibrated probability."""

    kind: Kind
    weights: tuple[float, ...]
    knots: tuple[tuple[float, ...], tuple[float, ...]] = ((0.0, 1.0), (0.0, 1.0))
    vector: np.ndarray = attrs.field(eq=False, repr=False, default=None)

    def score(self, x: list[float], identical: bool = False) -> float:
        """Calibrated probability for one pair's feature list."""
        z = sum(w * v for w, v in zip(self.weights, x, strict=True))
        p = _interp(1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z)))), *self.knots)
        return max(p, IDENTICAL_SCORE) if identical else p

    def score_many(self, x: np.ndarray, identical: np.ndarray | None = None) -> np.ndarray:
        """Calibrated probabilities for a (pairs, features) matrix."""
        z = np.clip(x @ self.vector, -50.0, 50.0)
        out: np.ndarray = np.interp(1.0 / (1.0 + np.exp(-z)), *self.knots)
        if identical is not None:
            out = np.where(identical, np.maximum(out, IDENTICAL_SCORE), out)
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


def kind_model(kind: Kind, params: dict[str, Any]) -> KindModel:
    """Build and check one kind's model from its JSON parameters."""
    try:
        names = tuple(params["features"])
        weights = tuple(float(w) for w in params["weights"])
        xs = tuple(float(v) for v in params["isotonic"]["logistic"])
        ys = tuple(float(v) for v in params["isotonic"]["probability"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{MODEL_FILE}: bad parameters for {kind}: {exc}") from exc
    if len(xs) < 2 or len(xs) != len(ys) or list(xs) != sorted(xs) or list(ys) != sorted(ys):
        raise ModelError(f"{MODEL_FILE}: {kind} isotonic knots must be two increasing lists")
    if names != FEATURES[kind]:
        raise ModelError(
            f"{MODEL_FILE}: {kind} features {names} do not match the code's {FEATURES[kind]};"
            " run `namematch calibrate` to refit"
        )
    return KindModel(kind, weights, (xs, ys), np.array(weights, dtype=np.float64))


@cache
def load_model() -> dict[Kind, KindModel]:
    """The bundled model, checked against the feature lists of the code."""
    doc = load_json(MODEL_FILE)
    return {kind: kind_model(kind, doc[kind]) for kind in ("person", "place")}
