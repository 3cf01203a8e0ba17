"""The fitted scoring model: logistic weights per kind, read from data/model.json.

``namematch calibrate`` (namematch.calibrate) writes the file; nothing else does.
"""

from __future__ import annotations

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


@attrs.frozen
class KindModel:
    """Weights of one kind's logistic model, aligned with features.FEATURES[kind]."""

    kind: Kind
    weights: tuple[float, ...]
    vector: np.ndarray = attrs.field(eq=False, repr=False)

    def score(self, x: list[float]) -> float:
        """Calibrated probability for one pair's feature list."""
        z = sum(w * v for w, v in zip(self.weights, x, strict=True))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def score_many(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probabilities for a (pairs, features) matrix."""
        z = np.clip(x @ self.vector, -50.0, 50.0)
        out: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return out


def kind_model(kind: Kind, params: dict[str, Any]) -> KindModel:
    """Build and check one kind's model from its JSON parameters."""
    try:
        names = tuple(params["features"])
        weights = tuple(float(w) for w in params["weights"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelError(f"{MODEL_FILE}: bad parameters for {kind}: {exc}") from exc
    if names != FEATURES[kind]:
        raise ModelError(
            f"{MODEL_FILE}: {kind} features {names} do not match the code's {FEATURES[kind]};"
            " run `namematch calibrate` to refit"
        )
    return KindModel(kind, weights, np.array(weights, dtype=np.float64))


@cache
def load_model() -> dict[Kind, KindModel]:
    """The bundled model, checked against the feature lists of the code."""
    doc = load_json(MODEL_FILE)
    return {kind: kind_model(kind, doc[kind]) for kind in ("person", "place")}
