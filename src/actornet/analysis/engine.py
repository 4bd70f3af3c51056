"""The compiled engine: python-igraph on the collapsed graph, converted once.

NetworkX stays the reference and what callers see (graphs in, ``{node: score}`` out).
Above `ENGINE_MIN_NODES` actors the heavy algorithms (betweenness and closeness on
`distance`, PageRank on `weight`, communities) run in igraph's C core on a copy of the
collapsed graph made once per graph (`converted`, cached while the graph is alive and
unchanged in size). Below, networkx runs them: it is fast there, and small networks (the
seeds) keep networkx's exact results. The choice and its measurement: docs/analysis.md.
"""

from __future__ import annotations

import random
import sys
import weakref
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

import networkx as nx
import numpy as np

if TYPE_CHECKING:  # igraph is imported where it runs: 0.6 s a start that never needs it
    import igraph as ig

__all__ = [
    "ENGINES",
    "ENGINE_MIN_NODES",
    "Converted",
    "EngineName",
    "betweenness",
    "closeness",
    "converted",
    "louvain",
    "pagerank",
    "pagerank_arrays",
    "sampled_betweenness_closeness",
    "use_igraph",
    "use_igraph_for",
]

EngineName = Literal["auto", "igraph", "networkx"]
ENGINES: tuple[str, ...] = ("auto", "igraph", "networkx")
ENGINE_MIN_NODES = 500  # actors; "auto" uses igraph above (as sampling starts above 500)
_CHUNK = 16  # sources per igraph distance call (bounds the k x n matrix's memory)


@dataclass(frozen=True)
class Converted:
    """The collapsed graph as igraph sees it: node i of `graph` is `nodes[i]`."""

    graph: ig.Graph
    nodes: tuple[Any, ...]
    index: dict[Any, int]
    edges: np.ndarray  # (m, 2) node indices, one row per undirected pair
    attrs: dict[str, np.ndarray]  # float edge attributes, one value per row of `edges`


def _igraph() -> Any:
    """The igraph module, imported on first use. igraph's drawing modules import
    matplotlib.pyplot when matplotlib is installed (0.7-0.9 s of a report's start at 10^5
    interactions); the engine never draws, so unless matplotlib is already loaded igraph is
    imported with matplotlib hidden (its drawing then reports matplotlib missing; the
    project draws with matplotlib itself, see `actornet.report.plot`)."""
    if "igraph" in sys.modules or "matplotlib" in sys.modules:
        import igraph

        return igraph
    sys.modules["matplotlib"] = None  # type: ignore[assignment]  # `import matplotlib` fails
    try:
        import igraph
    finally:
        del sys.modules["matplotlib"]
    return igraph


_ATTRS = ("weight", "distance", "cost")
_cache: weakref.WeakKeyDictionary[nx.Graph, tuple[tuple[int, int], Converted]] = (
    weakref.WeakKeyDictionary()
)


def use_igraph(H: nx.Graph, engine: str) -> bool:
    """Whether `engine` ("auto", "igraph" or "networkx") means igraph for this graph."""
    return use_igraph_for(len(H), engine)


def use_igraph_for(nodes: int, engine: str) -> bool:
    """Whether `engine` means igraph for a graph of `nodes` actors."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; one of {', '.join(ENGINES)}")
    return engine == "igraph" or (engine == "auto" and nodes > ENGINE_MIN_NODES)


def converted(H: nx.Graph) -> Converted:
    """The igraph copy of the collapsed graph H (made once; again if H changed size)."""
    key = (H.number_of_nodes(), H.number_of_edges())
    hit = _cache.get(H)
    if hit is not None and hit[0] == key:
        return hit[1]
    nodes = tuple(H)
    index = {v: i for i, v in enumerate(nodes)}
    tails: list[int] = []
    heads: list[int] = []
    values: dict[str, list[float]] = {a: [] for a in _ATTRS}
    columns = [values[a] for a in _ATTRS]
    for u, nbrs in H.adj.items():  # each pair once: from its lower-index end
        iu = index[u]
        for v, data in nbrs.items():
            iv = index[v]
            if iv < iu:
                continue
            tails.append(iu)
            heads.append(iv)
            for a, column in zip(_ATTRS, columns, strict=True):
                column.append(data.get(a, 1.0))
    edges = np.column_stack(
        [np.asarray(tails, dtype=np.int64), np.asarray(heads, dtype=np.int64)]
    ).reshape(-1, 2)
    ig = _igraph()
    g = ig.Graph(n=len(nodes), edges=list(zip(tails, heads, strict=True)), directed=False)
    for a in _ATTRS:
        g.es[a] = values[a]
    out = Converted(g, nodes, index, edges, {a: np.asarray(values[a]) for a in _ATTRS})
    _cache[H] = (key, out)
    return out


def pagerank(H: nx.Graph, *, weight: str = "weight", alpha: float = 0.85) -> dict[Any, float]:
    """Weighted PageRank to machine precision (networkx iterates to a tolerance of 1e-6).

    ARPACK, not igraph's default PRPACK: the same scores (within 1e-14 on the synthetic
    networks) in a seventh of the time on this collapsed graph (0.22 s against 1.6 s at
    10^5 interactions).
    """
    c = converted(H)
    scores = c.graph.pagerank(
        weights=weight, damping=alpha, directed=False, implementation="arpack"
    )
    return dict(zip(c.nodes, scores, strict=True))


def pagerank_arrays(
    nodes: Sequence[Any], edges: np.ndarray, weights: np.ndarray, *, alpha: float = 0.85
) -> dict[Any, float]:
    """`pagerank` of the undirected graph on `nodes` whose i-th edge joins the node indices
    `edges[i]` with weight `weights[i]`: what `pagerank` gives for a collapsed graph whose
    `converted` copy has these nodes, edges and weights (in this order)."""
    g = _igraph().Graph(n=len(nodes), edges=edges.tolist(), directed=False)
    scores = g.pagerank(
        weights=weights.tolist(), damping=alpha, directed=False, implementation="arpack"
    )
    return dict(zip(nodes, scores, strict=True))


def betweenness(H: nx.Graph, *, weight: str | None = "distance") -> dict[Any, float]:
    """Exact normalised betweenness, scaled like `nx.betweenness_centrality`."""
    c, n = converted(H), len(H)
    raw = c.graph.betweenness(directed=False, weights=weight)
    scale = 2.0 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    return {v: b * scale for v, b in zip(c.nodes, raw, strict=True)}


def closeness(H: nx.Graph, *, distance: str = "distance") -> dict[Any, float]:
    """Exact closeness, Wasserman-Faust scaled like `nx.closeness_centrality`."""
    c, n = converted(H), len(H)
    if n < 2:
        return dict.fromkeys(c.nodes, 0.0)
    # igraph: reached / sum of distances over the reached; WF: times reached / (n - 1)
    near = c.graph.closeness(weights=distance, normalized=True)
    sizes = c.graph.connected_components().sizes()
    member = c.graph.connected_components().membership
    out = {}
    for i, v in enumerate(c.nodes):
        reached = sizes[member[i]] - 1
        score = near[i]
        out[v] = 0.0 if not reached or score != score else score * reached / (n - 1)
    return out


def sampled_betweenness_closeness(
    H: nx.Graph, sources: Sequence[Any], *, weight: str = "distance"
) -> tuple[dict[Any, float], dict[Any, float]]:
    """Betweenness from `sources` and closeness to them as pivots (see `sampling`).

    The same estimates as `sampling.sampled_measures` from the same sources: igraph's
    subset betweenness (which counts each undirected pair once, hence the factor 2) and
    the distances from each source.
    """
    c, n, k = converted(H), len(H), len(sources)
    src = [c.index[s] for s in sources]
    raw = c.graph.betweenness(directed=False, weights=weight, sources=src)
    scale = 2.0 * n / (k * (n - 1) * (n - 2)) if n > 2 and k else 0.0
    between = {v: b * scale for v, b in zip(c.nodes, raw, strict=True)}
    total, reached = np.zeros(n), np.zeros(n, dtype=np.int64)
    for start in range(0, k, _CHUNK):
        block = src[start : start + _CHUNK]
        dist = np.asarray(c.graph.distances(source=block, weights=weight), dtype=float)
        dist[np.arange(len(block)), block] = np.inf  # a source does not count itself
        finite = np.isfinite(dist)
        total += np.where(finite, dist, 0.0).sum(axis=0)
        reached += finite.sum(axis=0)
    pivots = np.full(n, k, dtype=np.int64)
    pivots[src] -= 1
    with np.errstate(divide="ignore", invalid="ignore"):
        near = (reached / pivots) * (reached / total)
    ok = (reached > 0) & (pivots > 0) & (total > 0)
    near = np.where(ok, near, 0.0)
    return between, dict(zip(c.nodes, near.tolist(), strict=True))


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from Python's `random` module: give it a seeded one for the call."""
    ig = _igraph()

    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def louvain(
    H: nx.Graph, *, weight: str = "weight", resolution: float = 1.0, seed: int = 0
) -> list[set[Any]]:
    """Communities as sets of nodes: igraph's Leiden on modularity, seeded.

    Leiden is Louvain with a refinement step (Traag, Waltman & van Eck 2019), iterated
    here until a pass no longer improves modularity. On the synthetic networks it splits
    as well as networkx's Louvain or better (modularity 0.786 against 0.773-0.777 at
    10^4 interactions, 0.8275 against 0.8271 at 10^5), where igraph's own multilevel
    Louvain was sometimes worse; see docs/analysis.md.
    """
    c = converted(H)
    with _seeded(seed):
        parts = c.graph.community_leiden(
            objective_function="modularity",
            weights=weight,
            resolution=resolution,
            n_iterations=-1,
        )
    groups: dict[int, set[Any]] = {}
    for i, label in enumerate(parts.membership):
        groups.setdefault(label, set()).add(c.nodes[i])
    return list(groups.values())
