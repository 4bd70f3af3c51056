"""Time: an actor's timeline, activity per month, and who rose or fell between periods."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actornet.analysis.centrality import centrality, top
from actornet.analysis.dates import latest, period_key
from actornet.analysis.graph import collapse, edge_attrs, edge_items
from actornet.analysis.paths import ActorRef, EvidenceRef

__all__ = [
    "PeriodChange",
    "TimelineEvent",
    "activity",
    "centrality_by_period",
    "changes",
    "period_coverage",
    "timeline",
]


@dataclass(frozen=True)
class TimelineEvent:
    """One interaction (or standing relation) of an actor, seen from that actor."""

    date: str | None
    type: str
    status: str
    direction: str  # "out" (the actor is the source) or "in"
    other: ActorRef
    place: str | None
    interaction: str
    role_edge: bool
    documents: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...]
    cited_sources: tuple[str, ...] = ()  # who the reports say reported it (Tasnim, IRNA ...)

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "type": self.type,
            "status": self.status,
            "direction": self.direction,
            "other": self.other.to_dict(),
            "place": self.place,
            "interaction": self.interaction,
            "role_edge": self.role_edge,
            "documents": list(self.documents),
            "cited_sources": list(self.cited_sources),
            "evidence": [e.to_dict() for e in self.evidence],
        }


def _sort_key(event: TimelineEvent) -> tuple[Any, ...]:
    return (event.date is None, event.date or "", event.type, event.other.id, event.interaction)


def timeline(G: nx.MultiDiGraph, actor_id: str) -> list[TimelineEvent]:
    """Everything `actor_id` did or had done to it, by date (undated last)."""
    if not G.is_multigraph():
        raise nx.NetworkXNotImplemented("timeline reads the multigraph of build_multigraph")
    if actor_id not in G:
        raise nx.NodeNotFound(f"{actor_id!r} is not in the graph")
    edges = [(v, k, d, "out") for _, v, k, d in G.out_edges(actor_id, keys=True, data=True)]
    edges += [(u, k, d, "in") for u, _, k, d in G.in_edges(actor_id, keys=True, data=True)]
    events = []
    for other, key, data, direction in edges:
        events.append(
            TimelineEvent(
                date=data.get("date"),
                type=data.get("type", ""),
                status=data.get("status", ""),
                direction=direction,
                other=ActorRef(other, G.nodes[other].get("name") or other),
                place=data.get("place"),
                interaction=key,
                role_edge=bool(data.get("role_edge")),
                documents=tuple(data.get("documents") or ()),
                cited_sources=tuple(data.get("cited_sources") or ()),
                evidence=tuple(
                    EvidenceRef(e.document, e.quote, e.start, e.end)
                    for e in data.get("evidence", ())
                ),
            )
        )
    return sorted(events, key=_sort_key)


class _Periods(dict[str | None, str | None]):
    """`period_key` of each date string, computed once per distinct date."""

    def __init__(self, period: str) -> None:
        super().__init__()
        period_key(None, period)  # an unknown period fails here, as it always did
        self.period = period

    def __missing__(self, iso: str | None) -> str | None:
        key = self[iso] = period_key(iso, self.period)
        return key


def _all_periods(first: str, last: str, period: str) -> list[str]:
    """Every period key from `first` to `last` inclusive."""
    if period == "year":
        return [f"{y:04d}" for y in range(int(first), int(last) + 1)]
    step = 1 if period == "month" else 3

    def index(key: str) -> int:
        y, rest = key.split("-")
        m = int(rest[1:]) * 3 - 2 if rest.startswith("Q") else int(rest)
        return int(y) * 12 + m - 1

    out = []
    for i in range(index(first), index(last) + 1, step):
        y, m = divmod(i, 12)
        out.append(period_key(f"{y:04d}-{m + 1:02d}", period) or "")
    return out


def activity(
    G: nx.MultiDiGraph, *, period: str = "month", fill: bool = True
) -> dict[str, dict[str, int]]:
    """``{period: {type: count}}`` of interactions (standing relations left out).

    Interactions whose date is too coarse for the period (a bare year, by month) are
    left out. With `fill`, periods without activity between the first and last appear
    with empty counts, so the result plots as a continuous series.
    """
    counts: dict[str, Counter[str]] = {}
    keys = _Periods(period)
    for data in edge_attrs(G):
        if data.get("role_edge"):
            continue
        key = keys[data.get("date")]
        if key:
            counts.setdefault(key, Counter())[data.get("type", "")] += 1
    if not counts:
        return {}
    keys = _all_periods(min(counts), max(counts), period) if fill else sorted(counts)
    return {k: dict(sorted(counts.get(k, Counter()).items())) for k in keys}


def centrality_by_period(
    G: nx.MultiDiGraph, *, period: str = "quarter", measure: str = "pagerank", **kwargs: Any
) -> dict[str, dict[str, float]]:
    """``{period: {actor: score}}`` on the interactions dated in each period.

    Each period's network holds only that period's interactions (no standing relations),
    collapsed from G's own edges (weights only); recency is measured from the period's last
    day. PageRank scores are shares of the
    period's total, so they compare across periods of different sizes.
    """
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
    keys = _Periods(period)
    for u, v, k, data in edge_items(G):
        if not data.get("role_edge"):
            key = keys[data.get("date")]
            if key:
                edges.setdefault(key, []).append((u, v, k, data))
    out = {}
    for key in sorted(edges):
        last = key if "Q" not in key else f"{key[:4]}-{int(key[-1]) * 3:02d}"
        H = collapse(G, as_of=latest(last).isoformat(), edges=edges[key], lean=True)
        out[key] = centrality(H, measure, **kwargs)
    return out


def period_coverage(G: nx.MultiDiGraph, *, period: str = "quarter") -> dict[str, dict[str, int]]:
    """``{period: {"reports": n, "interactions": m}}``: how many interactions are dated in
    each period (standing relations left out, as in `centrality_by_period`) and from how
    many distinct reports their evidence comes."""
    docs: dict[str, set[str]] = {}
    count: Counter[str] = Counter()
    keys = _Periods(period)
    for data in edge_attrs(G):
        key = None if data.get("role_edge") else keys[data.get("date")]
        if key:
            count[key] += 1
            docs.setdefault(key, set()).update(data.get("documents") or ())
    return {k: {"reports": len(docs[k]), "interactions": count[k]} for k in sorted(count)}


Move = tuple[str, float, float]  # (actor, share before, share after)


@dataclass(frozen=True)
class PeriodChange:
    """Who rose and fell between two periods, comparing like with like.

    Scores are shares of each period's total (PageRank already is one), so periods with
    more reports or interactions do not lift everyone. Rises and falls are measured only
    among the actors with interactions in **both** periods: an actor no report of a period
    tells about has no score there, not a score of zero. Actors seen only after (`new`) or
    only before (`unseen`) are listed apart with the share they had. `before_coverage` and
    `after_coverage` say how many reports and interactions each period has.
    """

    before: str
    after: str
    risers: tuple[Move, ...]
    fallers: tuple[Move, ...]
    new: tuple[Move, ...] = ()  # seen only in `after`
    unseen: tuple[Move, ...] = ()  # seen only in `before`: no interaction in `after`
    before_coverage: dict[str, int] | None = None  # {"reports": n, "interactions": m}
    after_coverage: dict[str, int] | None = None
    compared: int = 0  # actors seen in both periods

    def to_dict(self) -> dict[str, Any]:
        def rows(items: tuple[Move, ...]) -> list[dict[str, Any]]:
            return [
                {"id": a, "before": round(b, 6), "after": round(c, 6), "change": round(c - b, 6)}
                for a, b, c in items
            ]

        return {
            "before": self.before,
            "after": self.after,
            "before_coverage": self.before_coverage,
            "after_coverage": self.after_coverage,
            "compared": self.compared,
            "risers": rows(self.risers),
            "fallers": rows(self.fallers),
            "new": rows(self.new),
            "unseen": rows(self.unseen),
        }


def _shares(scores: dict[str, float]) -> dict[str, float]:
    total = sum(scores.values())
    return {a: s / total for a, s in scores.items()} if total > 0 else dict(scores)


def changes(
    by_period: dict[str, dict[str, float]],
    *,
    n: int = 5,
    coverage: dict[str, dict[str, int]] | None = None,
) -> list[PeriodChange]:
    """Between consecutive periods: the `n` largest rises and falls of the actors seen in
    both, as shares of each period's total, and the `n` strongest actors seen in only one
    of them (see `PeriodChange`). `coverage` (`period_coverage`) is carried along."""
    keys = sorted(by_period)
    coverage = coverage or {}
    out = []
    for before, after in itertools.pairwise(keys):
        s1, s2 = _shares(by_period[before]), _shares(by_period[after])
        both = set(s1) & set(s2)
        delta = {a: s2[a] - s1[a] for a in both}
        up = [a for a, d in top(delta, n) if d > 0]
        down = [a for a, d in top({a: -d for a, d in delta.items()}, n) if delta[a] < 0]
        new = [a for a, s in top({a: s2[a] for a in set(s2) - both}, n) if s > 0]
        gone = [a for a, s in top({a: s1[a] for a in set(s1) - both}, n) if s > 0]
        out.append(
            PeriodChange(
                before,
                after,
                tuple((a, s1[a], s2[a]) for a in up),
                tuple((a, s1[a], s2[a]) for a in down),
                new=tuple((a, 0.0, s2[a]) for a in new),
                unseen=tuple((a, s1[a], 0.0) for a in gone),
                before_coverage=coverage.get(before),
                after_coverage=coverage.get(after),
                compared=len(both),
            )
        )
    return out
