"""Pass 6, the decision: a linear model over the candidates' features (:mod:`.stance_candidates`) gives each
holder and issue of a sentence the probability of support, oppose, conditional or no claim.

The model is trained by ``make train`` (:mod:`briefing.train`) on the blind annotations of ``data/annotations/``
and shipped as numbers: ``briefing/data/stance_model.npz`` (the weights, read with ``allow_pickle=False``, so the
file cannot run code) and ``stance_model.json`` (the classes, the hashing width and the operating threshold).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple

import numpy as np

from briefing.errors import ModelError, shown_path
from briefing.paths import PACKAGE_DIR

MODEL_WEIGHTS = PACKAGE_DIR / "data" / "stance_model.npz"
MODEL_INFO = PACKAGE_DIR / "data" / "stance_model.json"
NO_CLAIM = "none"


class StanceModel(NamedTuple):
    """A trained decision: per class a weight for every hashed feature, and the threshold claims must reach."""

    classes: tuple[str, ...]
    weights: np.ndarray  # classes × features
    intercepts: np.ndarray
    features: int  # the hashing width
    threshold: float  # the probability of a claim (1 − P(none)) a row needs

    def probabilities(self, candidates: Sequence[Sequence[str]]) -> np.ndarray:
        """One row per candidate's features, one column per class, each row summing to 1."""
        scores = hashed(candidates, self.features) @ self.weights.T + self.intercepts
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


def hashed(candidates: Sequence[Sequence[str]], features: int):
    """The candidates' features as a sparse matrix of ``features`` columns (scikit-learn's hashing, as trained)."""
    from sklearn.feature_extraction import FeatureHasher

    return FeatureHasher(n_features=features, input_type="string", alternate_sign=False).transform(candidates)


@lru_cache(maxsize=1)
def stance_model() -> StanceModel:
    """The shipped model, loaded once per process.

    Raises
    ------
    ModelError
        When the model files are missing or unreadable (``make train`` makes them).
    """
    try:
        info = json.loads(MODEL_INFO.read_text(encoding="utf-8"))
        with np.load(MODEL_WEIGHTS, allow_pickle=False) as arrays:
            weights, intercepts = arrays["weights"], arrays["intercepts"]
    except (OSError, ValueError, KeyError) as exc:
        raise ModelError(
            f"{shown_path(MODEL_WEIGHTS)}: the stance model cannot be read ({exc}); run make train"
        ) from None
    return StanceModel(tuple(info["classes"]), weights, intercepts, int(info["features"]), float(info["threshold"]))
