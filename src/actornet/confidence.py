"""Confidence of extracted facts: the shipped decision threshold and the filter every command uses.

Each extracted interaction carries `confidence`, the probability (0 to 1) that the learned scorer
(`actornet.extract.decide`) gives it. Commands show the facts at or above a threshold; the
default is the threshold that maximised F1 in the scorer's leave-one-genre-out
cross-validation, shipped in the model file. Facts under it stay in the store for review.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from actornet.model import Interaction

__all__ = ["default_min_confidence", "passes"]

MODEL_FILE = "decision_model.json"
FALLBACK_THRESHOLD = 0.5


@cache
def default_min_confidence() -> float:
    """The threshold shipped with the decision model (FALLBACK_THRESHOLD without one)."""
    try:
        text = resources.files("actornet.extract").joinpath(MODEL_FILE).read_text("utf-8")
    except (FileNotFoundError, OSError):
        return FALLBACK_THRESHOLD
    return float(json.loads(text).get("threshold", FALLBACK_THRESHOLD))


def passes(interaction: Interaction, min_confidence: float | None) -> bool:
    """Shown at this threshold: confident enough, confirmed by an analyst, or never scored
    (a store written before the scorer existed); `None` means the default threshold."""
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    if interaction.confirmed_by or interaction.confidence is None:
        return True
    return interaction.confidence >= threshold
