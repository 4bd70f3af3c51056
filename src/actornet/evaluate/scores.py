"""Result records of the scorer; every one has `to_dict()` for `--json`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from actornet.evaluate.gold import SCORED_TYPES

__all__ = [
    "VARIANTS",
    "Agreement",
    "Counts",
    "MatchedPair",
    "Scores",
    "UnmatchedGold",
    "UnmatchedPrediction",
    "VariantScores",
]

VARIANTS: tuple[str, ...] = ("strict", "core")


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


@dataclass
class Counts:
    """True positives, false positives, false negatives and the figures derived from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Agreement:
    """How many matched pairs agree on a field, out of all matched pairs."""

    agree: int = 0
    total: int = 0

    @property
    def fraction(self) -> float:
        return _ratio(self.agree, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"agree": self.agree, "total": self.total, "fraction": self.fraction}


@dataclass
class VariantScores:
    """The figures of one variant (`strict` or `core`)."""

    name: str
    by_type: dict[str, Counts] = field(default_factory=lambda: {t: Counts() for t in SCORED_TYPES})
    by_report: dict[str, Counts] = field(default_factory=dict)
    date_agreement: Agreement = field(default_factory=Agreement)
    status_agreement: Agreement = field(default_factory=Agreement)

    @property
    def overall(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total.add(counts)
        return total

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "by_type": {t: c.to_dict() for t, c in self.by_type.items()},
            "by_report": {r: c.to_dict() for r, c in self.by_report.items()},
            "date_agreement": self.date_agreement.to_dict(),
            "status_agreement": self.status_agreement.to_dict(),
        }


@dataclass
class MatchedPair:
    """A gold record paired with a prediction in one report."""

    report: str
    type: str
    gold_id: str
    prediction_id: str
    swapped: bool
    implicit: bool
    gold_date: str | None
    predicted_date: str | None
    gold_status: str | None
    predicted_status: str | None

    @property
    def date_agrees(self) -> bool:
        return self.gold_date == self.predicted_date

    @property
    def status_agrees(self) -> bool:
        return self.gold_status == self.predicted_status

    def to_dict(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "date_agrees": self.date_agrees,
            "status_agrees": self.status_agrees,
        }


@dataclass
class UnmatchedGold:
    """A gold record no prediction was paired with (a false negative).

    `near` lists the report's predictions that differ from it in one field only.
    """

    id: str
    report: str
    type: str
    source: str | None
    target: str
    source_name: str | None
    target_name: str | None
    date: str | None
    status: str | None
    implicit: bool
    quote: str | None
    near: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class UnmatchedPrediction:
    """A prediction left unpaired in one report (a false positive).

    `source`/`target` are the predicted actor ids, `*_gold` the gold ids they map to
    (None when unmapped or null), `*_name` the predicted actors' names; `near` lists
    the report's gold records that differ from it in one field only.
    """

    id: str
    document: str
    type: str
    source: str | None
    source_gold: str | None
    source_name: str | None
    target: str | None
    target_gold: str | None
    target_name: str | None
    date: str | None
    status: str | None
    quote: str | None
    near: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Scores:
    """Everything the scorer found: both variants, the pairs and what stayed unmatched."""

    strict: VariantScores
    core: VariantScores
    reports: list[str]
    matches: list[MatchedPair]
    unmatched_gold: list[UnmatchedGold]
    unmatched_predictions: list[UnmatchedPrediction]
    actor_mapping: dict[str, str | None]
    ignored: dict[str, int]  # predictions left out: unknown_type, no_gold_report
    unmapped_actors: list[str]  # predicted actor ids sharing no name with a gold entity
    notes: list[str]

    def variant(self, name: str) -> VariantScores:
        """The figures of `strict` or `core`."""
        if name not in VARIANTS:
            raise KeyError(name)
        return self.strict if name == "strict" else self.core

    def to_dict(self) -> dict[str, Any]:
        return {
            "strict": self.strict.to_dict(),
            "core": self.core.to_dict(),
            "reports": list(self.reports),
            "details": {
                "matches": [m.to_dict() for m in self.matches],
                "unmatched_gold": [g.to_dict() for g in self.unmatched_gold],
                "unmatched_predictions": [p.to_dict() for p in self.unmatched_predictions],
            },
            "actor_mapping": dict(self.actor_mapping),
            "ignored": dict(self.ignored),
            "unmapped_actors": list(self.unmapped_actors),
            "notes": list(self.notes),
        }
