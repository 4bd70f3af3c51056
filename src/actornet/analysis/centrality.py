"""Centrality on the collapsed graph: who is central, who brokers.

All functions take the weighted simple graph of `collapse` and return ``{node: score}``.
Multigraphs and directed graphs are refused: collapse first.
Betweenness and closeness are exact up to `EXACT_LIMIT` nodes and sampled above
(`SAMPLES` sources or pivots, drawn with `seed`, so results repeat).
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx
from networkx.utils import not_implemented_for

__all__ = [
    "BROKER_MIN_BETWEENNESS",
    "EXACT_LIMIT",
    "MEASURES",
    "SAMPLES",
    "betweenness",
    "brokers",
    "centrality",
    "closeness",
    "degree",
    "ego_network",
    "pagerank",
    "top",
    "weighted_degree",
]

EXACT_LIMIT = 1000  # nodes; above, betweenness and closeness are sampled
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
) -> dict[str, float]:
    """Normalised betweenness on `distance` (strong links are short).

    Exact up to `exact_limit` nodes; above, estimated from `k` sampled sources.

    >>> betweenness(nx.star_graph(4), weight=None)[0]
    1.0
    """
    n = len(H)
    if n <= exact_limit or k >= n:
        return nx.betweenness_centrality(H, weight=weight, normalized=True)
    return nx.betweenness_centrality(H, k=k, weight=weight, normalized=True, seed=seed)


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def pagerank(H: nx.Graph, *, weight: str = "weight", alpha: float = 0.85) -> dict[str, float]:
    """Weighted PageRank: central when linked strongly to central actors."""
    if len(H) == 0:
        return {}
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
) -> dict[str, float]:
    """Closeness on `distance`, Wasserman-Faust scaled for disconnected graphs.

    Above `exact_limit` nodes, each actor's mean distance is estimated from its distances
    to `pivots` sampled actors (Eppstein-Wang), and its reach from the share of pivots
    it reaches.
    """
    n = len(H)
    if n <= exact_limit or pivots >= n:
        return nx.closeness_centrality(H, distance=distance, wf_improved=True)
    sample = random.Random(seed).sample(sorted(H), pivots)
    total = dict.fromkeys(H, 0.0)
    reached = dict.fromkeys(H, 0)
    for p in sample:
        for v, d in nx.single_source_dijkstra_path_length(H, p, weight=distance).items():
            if v != p:
                total[v] += d
                reached[v] += 1
    chosen = set(sample)
    out = {}
    for v in H:
        r, k = reached[v], pivots - (v in chosen)
        out[v] = (r / k) * (r / total[v]) if r and total[v] > 0 else 0.0
    return out


def brokers(
    H: nx.Graph,
    *,
    scores: Mapping[str, float] | None = None,
    min_betweenness: float = BROKER_MIN_BETWEENNESS,
    **kwargs: Any,
) -> dict[str, float]:
    """Actors on many paths for few links: betweenness / normalised degree.

    score(v) = b(v) / (deg(v) / (n - 1)), for actors with b(v) >= `min_betweenness`
    (normalised betweenness, passed in as `scores` or computed with `kwargs`).
    A bridge of degree 2 between two groups scores far above a hub of the same betweenness.
    """
    b = dict(scores) if scores is not None else betweenness(H, **kwargs)
    n = len(H)
    if n < 3:
        return {}
    out = {}
    for v, deg in H.degree():
        if deg and b.get(v, 0.0) >= min_betweenness:
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
