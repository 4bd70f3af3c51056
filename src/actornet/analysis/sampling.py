"""Sampled betweenness and closeness from one set of shortest-path searches.

For large networks both measures are estimated from the same `k` sampled sources: one
Dijkstra search per source feeds Brandes' dependency accumulation (betweenness) and the
distance sums (closeness), so the second measure costs almost nothing.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from heapq import heappop, heappush
from typing import Any

import networkx as nx

__all__ = ["SampledMeasures", "sample_sources", "sampled_measures"]


@dataclass(frozen=True)
class SampledMeasures:
    betweenness: dict[Any, float]  # normalised like nx.betweenness_centrality(k=...)
    closeness: dict[Any, float]  # Wasserman-Faust scaled estimate
    sources: tuple[Any, ...]


def sample_sources(H: nx.Graph, k: int, seed: int) -> list[Any]:
    """`k` distinct nodes, the same ones for the same graph and seed."""
    return random.Random(seed).sample(sorted(H, key=str), min(k, len(H)))


def _search(adj: dict[Any, list[tuple[Any, float]]], s: Any) -> tuple[list[Any], dict, dict, dict]:
    """Dijkstra from s: settle order, predecessors, path counts and distances."""
    dist: dict[Any, float] = {s: 0.0}
    sigma: dict[Any, float] = {s: 1.0}
    preds: dict[Any, list[Any]] = {s: []}
    order: list[Any] = []
    settled: set[Any] = set()
    heap: list[tuple[float, int, Any]] = [(0.0, 0, s)]
    tick = 1
    while heap:
        d, _, v = heappop(heap)
        if v in settled:
            continue
        settled.add(v)
        order.append(v)
        for w, length in adj[v]:
            nd = d + length
            old = dist.get(w)
            if old is None or nd < old:
                dist[w] = nd
                sigma[w] = sigma[v]
                preds[w] = [v]
                heappush(heap, (nd, tick, w))
                tick += 1
            elif nd == old and w not in settled:
                sigma[w] += sigma[v]
                preds[w].append(v)
    return order, preds, sigma, dist


def sampled_measures(
    H: nx.Graph, sources: list[Any], *, weight: str = "distance"
) -> SampledMeasures:
    """Betweenness and closeness of every node of the undirected H, from `sources`."""
    n, k = len(H), len(sources)
    adj = {u: [(v, d[weight]) for v, d in nbrs.items()] for u, nbrs in H.adj.items()}
    bc = dict.fromkeys(H, 0.0)
    total = dict.fromkeys(H, 0.0)
    reached = dict.fromkeys(H, 0)
    for s in sources:
        order, preds, sigma, dist = _search(adj, s)
        delta = dict.fromkeys(order, 0.0)
        for w in reversed(order):
            share = (1.0 + delta[w]) / sigma[w]
            for v in preds[w]:
                delta[v] += sigma[v] * share
            if w != s:
                bc[w] += delta[w]
                total[w] += dist[w]
                reached[w] += 1
    scale = n / (k * (n - 1) * (n - 2)) if n > 2 and k else 0.0
    chosen = set(sources)
    close = {}
    for v in H:
        r, m = reached[v], k - (v in chosen)
        close[v] = (r / m) * (r / total[v]) if r and m and total[v] > 0 else 0.0
    return SampledMeasures({v: b * scale for v, b in bc.items()}, close, tuple(sources))
