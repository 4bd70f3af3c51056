"""Scoring an extraction against hand-made gold annotations.

`load_gold(dir)` reads a gold directory, `score(gold, export)` compares an export
(`actornet export --format json`) with it and returns `Scores`.
"""

from __future__ import annotations

from actornet.evaluate.gold import SCORED_TYPES, SYMMETRIC_TYPES, Gold, load_gold
from actornet.evaluate.scores import (
    VARIANTS,
    Agreement,
    Counts,
    MatchedPair,
    Scores,
    UnmatchedGold,
    UnmatchedPrediction,
    VariantScores,
)
from actornet.evaluate.scoring import map_actors, score

__all__ = [
    "SCORED_TYPES",
    "SYMMETRIC_TYPES",
    "VARIANTS",
    "Agreement",
    "Counts",
    "Gold",
    "MatchedPair",
    "Scores",
    "UnmatchedGold",
    "UnmatchedPrediction",
    "VariantScores",
    "load_gold",
    "map_actors",
    "score",
]
