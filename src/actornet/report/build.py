"""Assemble the analysis into one typed `Report` that every renderer reads."""

from __future__ import annotations

import functools
import gc
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, ParamSpec, TypeVar

import networkx as nx

from actornet.analysis.centrality import (
    EXACT_LIMIT,
    betweenness_closeness,
    brokers,
    degree,
    pagerank,
    top,
    weighted_degree,
)
from actornet.analysis.communities import community_members, louvain
from actornet.analysis.dates import in_window
from actornet.analysis.flags import flags
from actornet.analysis.graph import build_multigraph, collapse, edge_attrs
from actornet.analysis.paths import ActorRef, Path, find_paths
from actornet.analysis.sets import proxy_set, tehran_set
from actornet.analysis.timeline import (
    PeriodChange,
    activity,
    centrality_by_period,
    changes,
    period_coverage,
)
from actornet.judgements import JudgedNetwork
from actornet.model import Actor, Affiliation, ClaimStatus, Document, Interaction
from actornet.report.timings import Timings
from actornet.review import FlagSummary, summarise_flags
from actornet.store.confident import ConfidentStore

__all__ = [
    "MEASURE_TITLES",
    "Community",
    "Ranked",
    "Report",
    "Summary",
    "build_report",
    "build_report_from",
]

MEASURE_TITLES = {
    "degree": "Degree (distinct partners)",
    "weighted_degree": "Weighted degree (evidence strength)",
    "betweenness": "Betweenness (on many paths)",
    "pagerank": "PageRank (linked to the central)",
    "closeness": "Closeness (near everyone)",
}


@dataclass(frozen=True)
class Ranked:
    id: str
    name: str
    kind: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "kind": self.kind, "score": round(self.score, 6)}


@dataclass(frozen=True)
class Community:
    index: int
    size: int
    members: tuple[ActorRef, ...]  # most central first, at most `shown`

    @property
    def label(self) -> str:
        return self.members[0].name if self.members else f"community {self.index}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "size": self.size,
            "label": self.label,
            "members": [m.to_dict() for m in self.members],
        }


@dataclass(frozen=True)
class Summary:
    documents: int
    actors: int
    actors_by_kind: dict[str, int]
    interactions: int
    interactions_by_type: dict[str, int]
    interactions_by_status: dict[str, int]
    standing_relations: int
    as_of: str | None
    since: str | None
    until: str | None
    include_denied: bool
    min_confidence: float | None = None  # interactions under it were left out; None: no filter

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class Report:
    summary: Summary
    top: dict[str, list[Ranked]]
    brokers: list[Ranked]
    communities: list[Community]
    paths: list[Path]
    paths_total: int
    activity: dict[str, dict[str, int]]
    changes: list[PeriodChange]
    flags: FlagSummary  # counts by kind, the most severe few; `actornet flags` lists all
    notes: list[str]
    names: dict[str, str] = field(repr=False)
    scores: dict[str, dict[str, float]] = field(repr=False)
    graph: nx.MultiDiGraph = field(repr=False, compare=False)
    collapsed: nx.Graph = field(repr=False, compare=False)
    tehran: set[str] = field(default_factory=set, repr=False)
    proxies: set[str] = field(default_factory=set, repr=False)
    judgements: dict[str, int] = field(default_factory=dict)  # JudgedNetwork.counts()
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds (--timings)

    def name(self, actor_id: str) -> str:
        return self.names.get(actor_id, actor_id)

    def release(self) -> None:
        """Empty the report's graphs, freeing their nodes, edges and evidence at once by
        reference counting. A networkx graph's cached views (`G.nodes`, `G.adj`, ...) refer
        back to it, so a graph is a reference cycle that only the cyclic collector frees: at
        10^5 interactions 2.1 s of walking 900,000 objects at the end of `actornet report`,
        at 10^6 about 40 s. Call it when done with the report (the CLI does)."""
        self.graph.clear()
        self.collapsed.clear()

    def to_dict(self) -> dict[str, Any]:
        def change(c: PeriodChange) -> dict[str, Any]:
            data = c.to_dict()
            for row in data["risers"] + data["fallers"] + data["new"] + data["unseen"]:
                row["name"] = self.name(row["id"])
            return data

        return {
            "summary": self.summary.to_dict(),
            "top": {m: [r.to_dict() for r in rows] for m, rows in self.top.items()},
            "brokers": [r.to_dict() for r in self.brokers],
            "communities": [c.to_dict() for c in self.communities],
            "paths": [p.to_dict() for p in self.paths],
            "paths_total": self.paths_total,
            "activity": self.activity,
            "changes": [change(c) for c in self.changes],
            "flags": self.flags.to_dict(),
            "judgements": dict(self.judgements),
            "notes": list(self.notes),
            **({"timings": dict(self.timings)} if self.timings else {}),
        }


P = ParamSpec("P")
R = TypeVar("R")


def _collector_paused(fn: Callable[P, R]) -> Callable[P, R]:
    """Run `fn` with the cyclic garbage collector paused (restored after). A report makes
    millions of objects that live until it is done, and the collector would walk them all
    again and again: a third of the report's CPU at 10^5 interactions. Reference counting
    still frees everything as before; only cycles wait for the collector to resume."""

    @functools.wraps(fn)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


def _handed_over(items: list[Any]) -> Iterator[Any]:
    """Yield the items of a list, emptying each slot as it goes: what the consumer keeps
    of an item stays, the rest is freed at once (the interactions and the multigraph built
    from them need not both be whole in memory)."""
    for i in range(len(items)):
        item, items[i] = items[i], None
        yield item


def _ranked(G: nx.Graph, scores: dict[str, float], n: int) -> list[Ranked]:
    return [
        Ranked(v, G.nodes[v].get("name") or v, G.nodes[v].get("kind") or "", s)
        for v, s in top(scores, n)
    ]


@_collector_paused
def build_report_from(
    actors: Iterable[Actor],
    interactions: Iterable[Interaction],
    affiliations: Iterable[Affiliation] = (),
    documents: Iterable[Document] = (),
    *,
    since: str | None = None,
    until: str | None = None,
    include_denied: bool = False,
    top_n: int = 10,
    seed: int = 0,
    max_hops: int = 4,
    k: int = 3,
    max_paths: int = 50,
    period: str = "year",
    judged: JudgedNetwork | None = None,
    min_confidence: float | None = None,
    timings: Timings | None = None,
) -> Report:
    """Run every analysis on the records and gather the results.

    `flags` are the open ones (see `actornet.review`), counted by kind, the most severe
    few listed; with `judged`, the network the records come from, the report also counts
    its judgements. `min_confidence` only records, in the summary, the threshold the
    records were filtered with. The multigraph and its collapse are built once and read by
    every section; `timings` (when given) records the seconds each phase takes.
    """

    def phase(name: str) -> AbstractContextManager[None]:
        return timings.phase(name) if timings is not None else nullcontext()

    # Flags first: then the documents' texts and the flags themselves (all but the few
    # shown) are freed before the graph is built. Lists handed in as iterators (as
    # `build_report` does) are this function's alone, so they are freed as it goes.
    actors, interactions = list(actors), list(interactions)
    affiliations, documents = list(affiliations), list(documents)
    with phase("flags"):
        window = (
            [it for it in interactions if in_window(it.date, since, until)]
            if since or until
            else interactions
        )
        found = flags(actors, window, documents)
    with phase("open_flags"):
        open_ = summarise_flags(found, interactions, judged)
    n_documents = len(documents)
    del found, window, documents
    with phase("graph"):
        G = build_multigraph(
            actors,
            _handed_over(interactions),  # each interaction freed once its edge is built
            affiliations,
            since=since,
            until=until,
            include_denied=include_denied,
        )
    del interactions  # the edges keep what the sections read (their evidence lists)
    with phase("collapse"):
        H = collapse(G)
    notes = []
    if len(H) > EXACT_LIMIT:
        notes.append(f"betweenness and closeness sampled ({len(H)} actors; seed {seed})")
    with phase("betweenness_closeness"):
        b, c = betweenness_closeness(H, seed=seed)
    with phase("pagerank"):
        pr = pagerank(H)
    with phase("degree"):
        scores = {
            "degree": degree(H),
            "weighted_degree": weighted_degree(H),
            "betweenness": b,
            "pagerank": pr,
            "closeness": c,
        }
    with phase("louvain"):
        partition = louvain(H, seed=seed)
        groups = community_members(partition, pr)
    communities = [
        Community(i, len(m), tuple(ActorRef(v, H.nodes[v].get("name") or v) for v in m[:8]))
        for i, m in enumerate(groups)
        if len(m) > 1
    ]
    with phase("paths"):
        tehran, proxies = tehran_set(G), proxy_set(G)
        paths = find_paths(G, tehran, proxies, max_hops=max_hops, k=k, H=H) if tehran else []
    if not tehran:
        notes.append("no Tehran actors in this network: no Tehran-to-proxy paths")
    if not proxies:
        notes.append("no actors marked as proxies: no Tehran-to-proxy paths")
    if G.graph.get("unknown_source"):
        notes.append(f"{G.graph['unknown_source']} interactions with an unknown source left out")
    with phase("summary"):
        summary = _summary(G, n_documents, since, until, include_denied, min_confidence)
    with phase("activity"):
        by_month = activity(G)
    with phase("centrality_by_period"):
        period_changes = changes(
            centrality_by_period(G, period=period),
            n=5,
            coverage=period_coverage(G, period=period),
        )
    return Report(
        summary=summary,
        top={m: _ranked(H, s, top_n) for m, s in scores.items()},
        brokers=_ranked(H, brokers(H, scores=b), top_n),
        communities=communities[:top_n],
        paths=paths[:max_paths],
        paths_total=len(paths),
        activity=by_month,
        changes=period_changes,
        flags=open_,
        notes=notes,
        names={v: H.nodes[v].get("name") or v for v in H},
        scores=scores,
        graph=G,
        collapsed=H,
        tehran=tehran,
        proxies=proxies,
        judgements=judged.counts() if judged else {},
        timings=timings.phases if timings is not None else {},
    )


def _summary(
    G: nx.MultiDiGraph,
    documents: int,
    since: str | None,
    until: str | None,
    include_denied: bool,
    min_confidence: float | None,
) -> Summary:
    """The counts of the network, in one pass over its edges."""
    types: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    standing = 0
    for d in edge_attrs(G):
        if d.get("role_edge"):
            standing += 1
        else:
            types[d["type"]] += 1
            statuses[d["status"]] += 1
    return Summary(
        documents=documents,
        actors=G.number_of_nodes(),
        actors_by_kind=dict(sorted(Counter(str(k) for _, k in G.nodes(data="kind")).items())),
        interactions=sum(types.values()),
        interactions_by_type=dict(sorted(types.items())),
        interactions_by_status=dict(sorted(statuses.items(), key=lambda kv: _status_rank(kv[0]))),
        standing_relations=standing,
        as_of=G.graph.get("as_of"),
        since=since,
        until=until,
        include_denied=include_denied,
        min_confidence=min_confidence,
    )


def _status_rank(status: str) -> int:
    order = [str(s) for s in ClaimStatus]
    return order.index(status) if status in order else len(order)


@_collector_paused
def build_report(store: Any, *, timings: Timings | None = None, **options: Any) -> Report:
    """`build_report_from` over everything a `GraphStore` holds (see its options); a
    `JudgedStore` also gives its judgements, a `ConfidentStore` its threshold. With
    `timings`, the reads are timed too (`read`)."""
    if isinstance(store, ConfidentStore):
        options.setdefault("min_confidence", store.threshold)
    clock = timings if timings is not None else Timings()
    with clock.phase("read"):
        judged = store.network() if hasattr(store, "network") and store.judgements() else None
        snapshot = getattr(store, "snapshot", None)
        with snapshot() if snapshot else nullcontext():
            records = [store.actors(), store.interactions(), store.affiliations()]
            records.append(store.documents())
    # Iterators over the lists: build_report_from copies them and, once a list iterator is
    # exhausted, it lets its list go, so the records are freed as the report is built.
    actors, interactions, affiliations, documents = (iter(r) for r in records)
    del records
    return build_report_from(
        actors, interactions, affiliations, documents, judged=judged, timings=timings, **options
    )
