"""Confidence of extracted facts: the shipped decision threshold and the filter every command uses.

Each extracted interaction carries `confidence`, the probability (0 to 1) that the learned scorer
(`actornet.extract.scorer`) gives it. Commands show the facts at or above a threshold; the
default is the threshold that maximised F1 in the scorer's leave-one-genre-out
cross-validation, shipped in the model file. Facts under it stay in the store for review.
"""

from __future__ import annotations

from actornet.extract.scorer.model import shipped_model
from actornet.model import Interaction

__all__ = ["default_min_confidence", "passes"]

FALLBACK_THRESHOLD = 0.5


def default_min_confidence() -> float:
    """The threshold shipped with the decision model (FALLBACK_THRESHOLD without one)."""
    model = shipped_model()
    return FALLBACK_THRESHOLD if model is None else model.threshold


def passes(interaction: Interaction, min_confidence: float | None) -> bool:
    """Shown at this threshold: confident enough, confirmed by an analyst, or never scored
    (a store written before the scorer existed); `None` means the default threshold."""
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    if interaction.confirmed_by or interaction.confidence is None:
        return True
    return interaction.confidence >= threshold
