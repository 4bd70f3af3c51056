"""Centrality on the collapsed graph: who is central, who brokers.

All functions take the weighted simple graph of `collapse` and return ``{node: score}``.
Multigraphs and directed graphs are refused: collapse first.
Betweenness and closeness are exact up to `EXACT_LIMIT` nodes and sampled above
(`SAMPLES` sources, drawn with `seed`, so results repeat; see `sampling`).
`engine` ("auto", "igraph", "networkx"): where betweenness, closeness and PageRank run;
"auto" is igraph above `engine.ENGINE_MIN_NODES` actors, networkx below (see `engine`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx
from networkx.utils import not_implemented_for

from actornet.analysis import engine as compiled
from actornet.analysis.sampling import sample_sources, sampled_measures

__all__ = [
    "BROKER_MIN_BETWEENNESS",
    "EXACT_LIMIT",
    "MEASURES",
    "SAMPLES",
    "betweenness",
    "betweenness_closeness",
    "brokers",
    "centrality",
    "closeness",
    "degree",
    "ego_network",
    "pagerank",
    "top",
    "weighted_degree",
]

EXACT_LIMIT = 500  # nodes; above, betweenness and closeness are sampled
SAMPLES = 128  # sources (betweenness) or pivots (closeness) when sampling
BROKER_MIN_BETWEENNESS = 0.01  # normalised betweenness a broker must reach


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def degree(H: nx.Graph) -> dict[str, int]:
    """Number of distinct actors each actor is linked to."""
    return dict(H.degree())


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def weighted_degree(H: nx.Graph, *, weight: str = "weight") -> dict[str, float]:
    """Sum of the evidence weights of each actor's links (its 'strength')."""
    return dict(H.degree(weight=weight))


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def betweenness(
    H: nx.Graph,
    *,
    weight: str | None = "distance",
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLES,
    seed: int = 0,
    engine: str = "auto",
) -> dict[str, float]:
    """Normalised betweenness on `distance` (strong links are short).

    Exact up to `exact_limit` nodes; above, estimated from `k` sampled sources.

    >>> betweenness(nx.star_graph(4), weight=None)[0]
    1.0
    """
    n = len(H)
    exact = n <= exact_limit or k >= n
    if weight is None and not exact:
        return nx.betweenness_centrality(H, k=k, weight=None, normalized=True, seed=seed)
    if compiled.use_igraph(H, engine):
        if exact:
            return compiled.betweenness(H, weight=weight)
        chosen = sample_sources(H, k, seed)
        return compiled.sampled_betweenness_closeness(H, chosen, weight=weight)[0]
    if exact:
        return nx.betweenness_centrality(H, weight=weight, normalized=True)
    return sampled_measures(H, sample_sources(H, k, seed), weight=weight).betweenness


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def pagerank(
    H: nx.Graph, *, weight: str = "weight", alpha: float = 0.85, engine: str = "auto"
) -> dict[str, float]:
    """Weighted PageRank: central when linked strongly to central actors."""
    if len(H) == 0:
        return {}
    if compiled.use_igraph(H, engine):
        return compiled.pagerank(H, weight=weight, alpha=alpha)
    return nx.pagerank(H, alpha=alpha, weight=weight)


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def closeness(
    H: nx.Graph,
    *,
    distance: str = "distance",
    exact_limit: int = EXACT_LIMIT,
    pivots: int = SAMPLES,
    seed: int = 0,
    engine: str = "auto",
) -> dict[str, float]:
    """Closeness on `distance`, Wasserman-Faust scaled for disconnected graphs.

    Above `exact_limit` nodes, each actor's mean distance is estimated from its distances
    to `pivots` sampled actors (Eppstein-Wang), and its reach from the share of pivots
    it reaches.
    """
    n = len(H)
    exact = n <= exact_limit or pivots >= n
    if compiled.use_igraph(H, engine):
        if exact:
            return compiled.closeness(H, distance=distance)
        chosen = sample_sources(H, pivots, seed)
        return compiled.sampled_betweenness_closeness(H, chosen, weight=distance)[1]
    if exact:
        return nx.closeness_centrality(H, distance=distance, wf_improved=True)
    return sampled_measures(H, sample_sources(H, pivots, seed), weight=distance).closeness


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def betweenness_closeness(
    H: nx.Graph,
    *,
    distance: str = "distance",
    exact_limit: int = EXACT_LIMIT,
    k: int = SAMPLES,
    seed: int = 0,
    engine: str = "auto",
) -> tuple[dict[str, float], dict[str, float]]:
    """`betweenness` and `closeness` together; sampled ones share their searches."""
    if len(H) <= exact_limit or k >= len(H):
        return (
            betweenness(H, weight=distance, exact_limit=exact_limit, engine=engine),
            closeness(H, distance=distance, exact_limit=exact_limit, engine=engine),
        )
    chosen = sample_sources(H, k, seed)
    if compiled.use_igraph(H, engine):
        return compiled.sampled_betweenness_closeness(H, chosen, weight=distance)
    both = sampled_measures(H, chosen, weight=distance)
    return both.betweenness, both.closeness


def brokers(
    H: nx.Graph,
    *,
    scores: Mapping[str, float] | None = None,
    min_betweenness: float = BROKER_MIN_BETWEENNESS,
    exclude_kinds: frozenset[str] = frozenset({"Place"}),
    **kwargs: Any,
) -> dict[str, float]:
    """Actors on many paths for few links: betweenness / normalised degree.

    score(v) = b(v) / (deg(v) / (n - 1)), for actors with b(v) >= `min_betweenness`
    (normalised betweenness, passed in as `scores` or computed with `kwargs`).
    A bridge of degree 2 between two groups scores far above a hub of the same betweenness.
    Places are not brokers (`exclude_kinds`): they are where actors meet, not who.
    """
    b = dict(scores) if scores is not None else betweenness(H, **kwargs)
    n = len(H)
    if n < 3:
        return {}
    out = {}
    kinds = H.nodes(data="kind")
    for v, deg in H.degree():
        if deg and b.get(v, 0.0) >= min_betweenness and kinds[v] not in exclude_kinds:
            out[v] = b[v] / (deg / (n - 1))
    return out


MEASURES: dict[str, Callable[..., Mapping[str, float]]] = {
    "degree": degree,
    "weighted_degree": weighted_degree,
    "betweenness": betweenness,
    "pagerank": pagerank,
    "closeness": closeness,
}


def centrality(H: nx.Graph, measure: str, **kwargs: Any) -> dict[str, float]:
    """One of `MEASURES` (or "brokers") by name."""
    if measure == "brokers":
        return brokers(H, **kwargs)
    try:
        fn = MEASURES[measure]
    except KeyError:
        raise ValueError(f"unknown measure {measure!r}; one of {', '.join(MEASURES)}") from None
    return dict(fn(H, **kwargs))


def top(scores: Mapping[str, float], n: int = 10) -> list[tuple[str, float]]:
    """The n highest scores, ties broken by id (stable output)."""
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def ego_network(H: nx.Graph, actor: str, *, radius: int = 2) -> nx.Graph:
    """The actors within `radius` links of `actor` and the links among them.

    Each node gets `hops` (its link distance from the actor).
    """
    if actor not in H:
        raise nx.NodeNotFound(f"{actor!r} is not in the graph")
    hops = nx.single_source_shortest_path_length(H, actor, cutoff=radius)
    E = H.subgraph(hops).copy()
    nx.set_node_attributes(E, hops, "hops")
    return E
