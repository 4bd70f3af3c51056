"""Explainable paths: how a set of actors reaches another, hop by hop, with the quotes.

Search runs on the collapsed graph. Each link costs ``ln(1 + 1/weight)``, so the cheapest
path is the one with the highest strength, ``strength = prod(w / (1 + w))`` over its hops
(a hop of weight 1 gives 0.5, of weight 3 gives 0.75): longer and weaker chains rank lower.
Paths start at the last source they touch (they never pass through another source), never
pass *through* a place or a country (two actors visiting Baghdad, or Iraq, are not linked
through it), and have at most `max_hops` hops. Each hop is explained by the strongest
interaction between its two actors, or by a standing relation (`role_edge`) when no
interaction links them.

The search (`engine`, "auto" by default) runs once from all sources and then lists each
target's paths cheapest first (`path_search`); ``engine="networkx"`` is the reference it
agrees with: per target, a backward search and `nx.shortest_simple_paths` (Yen).

Paths that rest on the same evidence (the same quoted sentences, whatever standing
relations join them) are one finding: the strongest is kept and the others are named as
its `alternatives`. Paths resting on no quote at all (only standing relations) are kept
apart.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actornet.analysis import engine as compiled
from actornet.analysis.dates import midpoint
from actornet.analysis.graph import collapse, edge_weight
from actornet.analysis.path_search import search_graph

__all__ = [
    "ActorRef",
    "EvidenceRef",
    "Hop",
    "Path",
    "evidence_key",
    "find_paths",
    "hops_text",
    "paths_to_dict",
]

INTERIOR_EXCLUDED_KINDS = frozenset({"Place", "Country"})
_START = ("__actornet_sources__",)  # virtual node linked to every source at zero cost


@dataclass(frozen=True)
class ActorRef:
    id: str
    name: str

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True)
class EvidenceRef:
    document: str
    quote: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Hop:
    """One link of a path, in path order (`source` -> `target`)."""

    source: ActorRef
    target: ActorRef
    type: str
    date: str | None
    status: str
    role_edge: bool
    evidence: tuple[EvidenceRef, ...]
    interaction: str  # interaction id, or the standing relation's key
    forward: bool  # the interaction runs source -> target (False: target -> source)
    weight: float  # the collapsed weight of the pair
    confidence: float | None = None  # the interaction's; None: never scored, or a role hop

    def to_dict(self) -> dict[str, Any]:
        return {
            "from": self.source.id,
            "to": self.target.id,
            "type": self.type,
            "date": self.date,
            "status": self.status,
            "role_edge": self.role_edge,
            "evidence": [e.to_dict() for e in self.evidence],
            "confidence": None if self.confidence is None else round(self.confidence, 3),
        }


def hops_text(n: int) -> str:
    """The hop count in words: `1 hop`, `2 hops`."""
    return f"{n} hop" if n == 1 else f"{n} hops"


@dataclass(frozen=True)
class Path:
    source: ActorRef
    target: ActorRef
    strength: float
    hops: tuple[Hop, ...]
    # weaker paths resting on the same quotes, strongest first (see `evidence_key`)
    alternatives: tuple[Path, ...] = ()

    @property
    def nodes(self) -> list[str]:
        return [self.source.id, *(h.target.id for h in self.hops)]

    @property
    def routes(self) -> tuple[Path, ...]:
        """This path and its alternatives (every route the finding stands for)."""
        return (self, *self.alternatives)

    @property
    def via(self) -> list[ActorRef]:
        """The actors inside the path (neither its source nor its target)."""
        return [h.target for h in self.hops[:-1]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source.to_dict(),
            "target": self.target.to_dict(),
            "strength": round(self.strength, 6),
            "hops": [h.to_dict() for h in self.hops],
            "alternatives": [a.to_dict() for a in self.alternatives],
        }


def evidence_key(path: Path) -> frozenset[tuple[str, int, int]] | tuple[str, ...]:
    """What a path rests on: the set of its quotes (document, start, end) over every hop.

    Two paths with the same key tell one finding. A path with no quote (standing
    relations only) is keyed by its actors, so it is never merged with another.
    """
    quotes = frozenset((e.document, e.start, e.end) for h in path.hops for e in h.evidence)
    return quotes if quotes else tuple(path.nodes)


def paths_to_dict(paths: Iterable[Path]) -> dict[str, list[dict[str, Any]]]:
    """``{"paths": [...]}``, the JSON shape of `actornet paths --json`."""
    return {"paths": [p.to_dict() for p in paths]}


def _ref(H: nx.Graph, node: str) -> ActorRef:
    return ActorRef(node, H.nodes[node].get("name") or node)


def _search_graph(H: nx.Graph, sources: set[str], excluded: frozenset[str]) -> nx.DiGraph:
    """Directed view of H: sources cannot be entered, excluded kinds cannot be left."""
    D = nx.DiGraph()
    D.add_nodes_from(H)
    blocked = {v for v, kind in H.nodes(data="kind") if kind in excluded and v not in sources}
    for u, v, cost in H.edges(data="cost"):
        if v not in sources and u not in blocked:
            D.add_edge(u, v, cost=cost)
        if u not in sources and v not in blocked:
            D.add_edge(v, u, cost=cost)
    D.add_edges_from(((_START, s) for s in sources), cost=0.0)
    return D


def _explain(G: nx.MultiDiGraph, H: nx.Graph, u: str, v: str) -> Hop:
    """The strongest interaction between u and v (either direction); else a standing relation."""
    as_of = H.graph.get("as_of")
    day = midpoint(as_of) if as_of else None
    options = [(k, d, True) for k, d in (G.get_edge_data(u, v) or {}).items()]
    options += [(k, d, False) for k, d in (G.get_edge_data(v, u) or {}).items()]

    def rank(item: tuple[str, dict[str, Any], bool]) -> tuple[Any, ...]:
        key, data, _ = item
        when = midpoint(data["date"]).toordinal() if data.get("date") else 0
        return (
            not data.get("role_edge"),
            edge_weight(data, day),
            data.get("evidence_count", 0),
            when,
            key,
        )

    key, data, forward = max(options, key=rank)
    evidence = tuple(
        EvidenceRef(e.document, e.quote, e.start, e.end) for e in data.get("evidence", ())
    )
    return Hop(
        source=_ref(H, u),
        target=_ref(H, v),
        type=data.get("type", ""),
        date=data.get("date"),
        status=data.get("status", ""),
        role_edge=bool(data.get("role_edge")),
        evidence=evidence,
        interaction=key,
        forward=forward,
        weight=H[u][v]["weight"],
        confidence=data.get("confidence"),
    )


def find_paths(
    G: nx.MultiDiGraph,
    sources: Iterable[str],
    targets: Iterable[str],
    *,
    max_hops: int = 4,
    k: int = 3,
    H: nx.Graph | None = None,
    max_candidates: int = 50,
    interior_excluded_kinds: Iterable[str] = INTERIOR_EXCLUDED_KINDS,
    merge_same_evidence: bool = True,
    engine: str = "auto",
) -> list[Path]:
    """For each target, the `k` strongest simple paths from any source, strongest first.

    With `merge_same_evidence`, paths that rest on the same quotes (`evidence_key`), to
    the same target or not, are one: the strongest stands for them and lists the others
    as `alternatives`; each target still gets up to `k` paths of its own evidence.

    `G` is the multigraph of `build_multigraph` (it explains the hops); `H` its collapsed
    graph (computed when not given). At most `max_candidates` candidate paths are examined
    per target, in order of strength, to bound the search. Actors of the
    `interior_excluded_kinds` (places and countries) may start or end a path but not sit
    inside one: "visited Iraq" does not link a visitor to everyone else in Iraq.
    `engine`: "networkx" for the reference search (per target), else the one search.
    """
    if not G.is_multigraph():
        raise nx.NetworkXNotImplemented("find_paths explains hops from the multigraph")
    if max_hops < 1 or k < 1:
        raise ValueError("max_hops and k must be at least 1")
    H = collapse(G) if H is None else H
    src = {s for s in sources if s in H}
    tgts = sorted({t for t in targets if t in H} - src)
    if not src or not tgts:
        return []
    excluded = frozenset(interior_excluded_kinds)
    if engine == "networkx":
        candidates = _yen_candidates(H, src, tgts, excluded, max_hops)
    else:
        compiled.use_igraph(H, engine)  # checks the name
        candidates = _one_search_candidates(H, src, tgts, excluded, max_hops)
    out: list[Path] = []
    groups: dict[Any, list[Path]] = {}
    for t, found_paths in candidates:
        found = 0
        for nodes in itertools.islice(found_paths, max_candidates):
            if len(nodes) - 1 > max_hops:
                continue
            total = sum(H[a][b]["cost"] for a, b in itertools.pairwise(nodes))
            hops = tuple(_explain(G, H, a, b) for a, b in itertools.pairwise(nodes))
            path = Path(_ref(H, nodes[0]), _ref(H, t), math.exp(-total), hops)
            if not merge_same_evidence:
                out.append(path)
            else:
                key = evidence_key(path)
                if key in groups:
                    groups[key].append(path)
                    continue
                groups[key] = [path]
            found += 1
            if found == k:
                break
    out.sort(key=_order)
    for members in groups.values():
        best, *rest = sorted(members, key=_order)
        out.append(Path(best.source, best.target, best.strength, best.hops, tuple(rest)))
    out.sort(key=_order)
    return out


def _order(p: Path) -> tuple[Any, ...]:
    return (-p.strength, p.target.name, len(p.hops), p.nodes)


Candidates = Iterable[tuple[str, Iterable[list[str]]]]


def _yen_candidates(
    H: nx.Graph, src: set[str], tgts: list[str], excluded: frozenset[str], max_hops: int
) -> Candidates:
    """The reference: per target, a backward search for the ball of nodes within reach,
    then `nx.shortest_simple_paths` (Yen) inside it, cheapest first."""
    D = _search_graph(H, src, excluded)
    from_start = nx.single_source_shortest_path_length(D, _START, cutoff=max_hops + 1)
    R = D.reverse(copy=False)
    for t in tgts:
        if t not in from_start:
            continue
        to_t = nx.single_source_shortest_path_length(R, t, cutoff=max_hops + 1)
        ball = {n for n, d in from_start.items() if d + to_t.get(n, math.inf) <= max_hops + 1}

        def cost(u: Any, v: Any, data: dict[str, Any], ball: set[Any] = ball) -> float | None:
            return data["cost"] if u in ball and v in ball else None

        paths = nx.shortest_simple_paths(D, _START, t, weight=cost)
        yield t, (nodes[1:] for nodes in paths)


def _one_search_candidates(
    H: nx.Graph, src: set[str], tgts: list[str], excluded: frozenset[str], max_hops: int
) -> Candidates:
    """One search from every source, then each target's paths cheapest first."""
    c = compiled.converted(H)
    blocked = [v for v, kind in H.nodes(data="kind") if kind in excluded and v not in src]
    S = search_graph(c.nodes, c.index, c.edges, c.attrs["cost"], src, blocked, max_hops)
    for t in tgts:
        if S.reaches(t):
            yield t, S.paths_to(t)
