"""The decision model: a logistic regression over readable features, shipped as JSON.

The file holds the intercept, one weight per feature name, and the threshold that maximised
F1 in leave-one-genre-out cross-validation (`actornet.extract.scorer.train`). Scoring is a sum
of weights and a sigmoid: no library is needed at run time, and every decision can be
explained by the weights of the features it had.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

__all__ = ["MODEL_FILE", "DecisionModel", "shipped_model"]

MODEL_FILE = "decision_model.json"


@dataclass(frozen=True)
class DecisionModel:
    intercept: float
    weights: dict[str, float]
    threshold: float

    def probability(self, features: dict[str, float]) -> float:
        """The calibrated probability that a candidate with these features is a true fact."""
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        if z < -30:
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def explain(self, features: dict[str, float], top: int = 5) -> list[tuple[str, float]]:
        """The features that moved this decision most, with their contribution."""
        parts = [(k, self.weights.get(k, 0.0) * v) for k, v in features.items()]
        parts = [p for p in parts if p[1]]
        return sorted(parts, key=lambda p: -abs(p[1]))[:top]

    @classmethod
    def from_json(cls, data: dict) -> DecisionModel:
        return cls(float(data["intercept"]), dict(data["weights"]), float(data["threshold"]))


@cache
def shipped_model() -> DecisionModel | None:
    """The model that ships with the package, or None when none was trained yet."""
    try:
        text = resources.files("actornet.extract.scorer").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return None
    return DecisionModel.from_json(json.loads(text))
