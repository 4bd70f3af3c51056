"""Time: an actor's timeline, activity per month, and who rose or fell between periods."""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np

from actornet.analysis.centrality import centrality, top
from actornet.analysis.dates import latest, midpoint, period_key
from actornet.analysis.engine import pagerank_arrays as engine_pagerank_arrays
from actornet.analysis.engine import use_igraph_for
from actornet.analysis.graph import (
    STATUS_WEIGHTS,
    collapse,
    edge_attrs,
    edge_items,
    evidence_weight,
    recency_weight,
)
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
    keys = _Periods(period)
    if measure == "pagerank" and set(kwargs) <= {"engine"}:
        return _pagerank_by_period(G, keys, kwargs.get("engine", "auto"))
    edges: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
    for u, v, k, data in edge_items(G):
        if not data.get("role_edge"):
            key = keys[data.get("date")]
            if key:
                edges.setdefault(key, []).append((u, v, k, data))
    return {
        key: centrality(_period_graph(G, key, edges[key]), measure, **kwargs)
        for key in sorted(edges)
    }


def _as_of(key: str) -> str:
    """The last day of a period key (`2020`, `2020-11`, `2020-Q4`), as an ISO date."""
    last = key if "Q" not in key else f"{key[:4]}-{int(key[-1]) * 3:02d}"
    return latest(last).isoformat()


def _period_graph(
    G: nx.MultiDiGraph, key: str, edges: list[tuple[str, str, str, dict[str, Any]]]
) -> nx.Graph:
    """One period's network: its edges collapsed (weights only), recency from its last day."""
    return collapse(G, as_of=_as_of(key), edges=edges, lean=True)


def _pagerank_by_period(
    G: nx.MultiDiGraph, keys: _Periods, engine: str
) -> dict[str, dict[str, float]]:
    """`centrality_by_period` for PageRank without a networkx graph per period.

    One pass over G's edges gives each dated interaction its period, its ends as integers
    and its weight before recency (`evidence_weight` x status); each period's collapsed
    graph is then summed in numpy and handed to the engine as `collapse` and
    `engine.converted` would have built it: actors in the order they first appear, pairs in
    the order `converted` lists them, each pair's weight summed in edge order with the same
    floating-point operations, so the scores are the same to the bit. Periods of at most
    `ENGINE_MIN_NODES` actors (or with `engine="networkx"`) are collapsed and scored by
    networkx as before.
    """
    index: dict[str, int] = {}
    period_of: dict[str, int] = {}  # period key -> its number, in order of appearance
    dated: dict[str | None, tuple[int, int] | None] = {}  # date -> (period, date number)
    tails: list[int] = []
    heads: list[int] = []
    periods: list[int] = []
    dates: list[int] = []
    bases: list[float] = []
    isos: list[str | None] = []  # the dates in the periods, by number
    strength: dict[tuple[Any, Any], float] = {}

    def place(iso: str | None) -> tuple[int, int] | None:
        key = keys[iso]
        if not key:
            dated[iso] = None
            return None
        found = dated[iso] = (period_of.setdefault(key, len(period_of)), len(isos))
        isos.append(iso)
        return found

    for u, nbrs in G._adj.items():  # edge_items, inlined: this loop runs once per edge
        for v, keyed in nbrs.items():
            loop = u == v  # collapse drops self-loops (their period is still there, perhaps empty)
            iu = iv = -1
            for data in keyed.values():
                if data.get("role_edge"):
                    continue
                iso = data.get("date")
                at = dated[iso] if iso in dated else place(iso)
                if at is None or loop:
                    continue
                if iu < 0:
                    iu, iv = index.setdefault(u, len(index)), index.setdefault(v, len(index))
                n, status = data.get("evidence_count"), data.get("status")
                base = strength.get((n, status))
                if base is None:
                    base = strength[n, status] = evidence_weight(int(n or 0)) * STATUS_WEIGHTS.get(
                        status or "asserted", 1.0
                    )
                tails.append(iu)
                heads.append(iv)
                periods.append(at[0])
                dates.append(at[1])
                bases.append(base)
    names = np.array(list(index), dtype=object)
    u_all, v_all = np.asarray(tails, dtype=np.int64), np.asarray(heads, dtype=np.int64)
    p_all, d_all = np.asarray(periods, dtype=np.int64), np.asarray(dates, dtype=np.int64)
    w_all = np.asarray(bases, dtype=float)
    del tails, heads, periods, dates, bases
    order = np.argsort(p_all, kind="stable")  # each period's edges, in edge order
    bounds = np.searchsorted(p_all[order], np.arange(len(period_of) + 1))
    out: dict[str, dict[str, float]] = {}
    small: dict[str, int] = {}
    local = np.full(len(index), -1, dtype=np.int64)
    for key, p in period_of.items():
        at = order[bounds[p] : bounds[p + 1]]
        u, v = u_all[at], v_all[at]
        seen = np.empty(2 * len(at), dtype=np.int64)
        seen[0::2], seen[1::2] = u, v  # collapse adds an edge's source, then its target
        ids, first = np.unique(seen, return_index=True)
        nodes = ids[np.argsort(first, kind="stable")]
        if not use_igraph_for(len(nodes), engine):
            small[key] = p
            continue
        local[nodes] = np.arange(len(nodes))
        lu, lv = local[u], local[v]
        local[nodes] = -1
        lo, hi = np.minimum(lu, lv), np.maximum(lu, lv)
        pairs, created, which = np.unique(
            lo * len(nodes) + hi, return_index=True, return_inverse=True
        )
        ref_day = midpoint(_as_of(key))
        d = d_all[at]
        recency = np.zeros(len(isos))
        for i in np.unique(d).tolist():
            recency[i] = recency_weight(isos[i], ref_day)
        weight = np.bincount(which, weights=w_all[at] * recency[d], minlength=len(pairs))
        first_end, second_end = pairs // len(nodes), pairs % len(nodes)
        listed = np.lexsort((created, first_end))  # `converted`: by lower end, then by age
        edges = np.column_stack([first_end[listed], second_end[listed]])
        out[key] = engine_pagerank_arrays(names[nodes].tolist(), edges, weight[listed])
    if small:
        edges_of: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {k: [] for k in small}
        for u, v, k, data in edge_items(G):
            if not data.get("role_edge"):
                key = keys[data.get("date")]
                if key in edges_of:
                    edges_of[key].append((u, v, k, data))
        for key, its in edges_of.items():
            out[key] = centrality(_period_graph(G, key, its), "pagerank", engine=engine)
    return {key: out[key] for key in sorted(out)}


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
