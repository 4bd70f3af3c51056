"""Cheapest paths from a set of sources to many targets: one search, then lazy k-best.

`find_paths` asks, for each target, for its cheapest simple paths of at most `max_hops`
hops from any source, in order of cost. Instead of a backward search and a Yen
enumeration per target (cost: targets x edges), this module

1. runs one search from all sources at once: ``best[h][v]``, the cheapest cost from any
   source to v in at most h hops (a hop-bounded Bellman-Ford, `max_hops` rounds over
   the edge arrays in numpy; cost grows with the edges);
2. enumerates one target's paths backwards, best first (A* over path suffixes, with
   ``best`` as the exact remaining cost when simplicity is ignored, hence a lower bound):
   complete paths come out in order of cost, and each node's predecessors are sorted
   once per remaining hop budget and offered one at a time, so a target costs a few
   heap operations per path it yields, not a search of the graph.
"""

from __future__ import annotations

import heapq
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["SearchGraph", "search_graph"]


@dataclass
class SearchGraph:
    """The directed search graph: `edges` u -> v of `cost`, as node-index arrays.

    Sources have no incoming edge (a path starts at the last source it touches); nodes
    `blocked` from the interior have no outgoing edge.
    """

    nodes: tuple[Any, ...]
    index: dict[Any, int]
    is_source: np.ndarray  # bool per node
    max_hops: int
    best: np.ndarray  # (max_hops + 1, n): cheapest cost from the sources in <= h hops
    _pred_start: np.ndarray  # CSR of predecessors: for v, rows _pred_start[v]:[v + 1]
    _pred: np.ndarray
    _pred_cost: np.ndarray
    _offers: dict[tuple[int, int], tuple[list[int], list[float], list[float]]] = field(
        default_factory=dict
    )

    def reaches(self, target: Any) -> bool:
        """Whether some source reaches `target` within `max_hops` hops."""
        return bool(np.isfinite(self.best[self.max_hops, self.index[target]]))

    def _offer(self, v: int, budget: int) -> tuple[list[int], list[float], list[float]]:
        """v's predecessors u usable with `budget` hops left before u, cheapest bound first.

        Returns (u, edge cost, edge cost + best[budget][u]), sorted by the last.
        """
        key = (v, budget)
        hit = self._offers.get(key)
        if hit is None:
            lo, hi = self._pred_start[v], self._pred_start[v + 1]
            us, cs = self._pred[lo:hi], self._pred_cost[lo:hi]
            bound = cs + self.best[budget, us]
            keep = np.isfinite(bound)
            us, cs, bound = us[keep], cs[keep], bound[keep]
            order = np.lexsort((us, bound))
            hit = (us[order].tolist(), cs[order].tolist(), bound[order].tolist())
            self._offers[key] = hit
        return hit

    def paths_to(self, target: Any) -> Iterator[list[Any]]:
        """Simple paths from a source to `target` of at most `max_hops` hops, cheapest first."""
        t = self.index[target]
        if not np.isfinite(self.best[self.max_hops, t]):
            return
        # a suffix is (node, cost so far, hops so far, link to the next suffix or None)
        tick = itertools.count()
        heap: list[tuple[float, int, tuple[Any, ...], int]] = []
        start = (t, 0.0, 0, None)

        def offer(suffix: tuple[Any, ...], rank: int) -> None:
            v, cost, hops, _ = suffix
            budget = self.max_hops - hops - 1
            if budget < 0:
                return
            us, _, bound = self._offer(v, budget)
            if rank < len(us):
                heapq.heappush(heap, (cost + bound[rank], next(tick), suffix, rank))

        offer(start, 0)
        while heap:
            _, _, suffix, rank = heapq.heappop(heap)
            offer(suffix, rank + 1)
            v, cost, hops, _ = suffix
            us, cs, _ = self._offer(v, self.max_hops - hops - 1)
            u = us[rank]
            if _on(suffix, u):
                continue
            longer = (u, cost + cs[rank], hops + 1, suffix)
            if self.is_source[u]:
                yield [self.nodes[i] for i in _nodes(longer)]
            else:
                offer(longer, 0)


def _on(suffix: tuple[Any, ...] | None, node: int) -> bool:
    while suffix is not None:
        if suffix[0] == node:
            return True
        suffix = suffix[3]
    return False


def _nodes(suffix: tuple[Any, ...] | None) -> list[int]:
    out = []
    while suffix is not None:
        out.append(suffix[0])
        suffix = suffix[3]
    return out


def search_graph(
    nodes: tuple[Any, ...],
    index: dict[Any, int],
    pairs: np.ndarray,
    cost: np.ndarray,
    sources: Iterable[Any],
    blocked: Iterable[Any],
    max_hops: int,
) -> SearchGraph:
    """The search graph over undirected `pairs` (node-index rows) of `cost`, searched once.

    Each pair gives both directions, except into a source or out of a `blocked` node.
    """
    n = len(nodes)
    is_source = np.zeros(n, dtype=bool)
    is_source[[index[s] for s in sources]] = True
    is_blocked = np.zeros(n, dtype=bool)
    is_blocked[[index[b] for b in blocked]] = True
    tail = np.concatenate([pairs[:, 0], pairs[:, 1]])
    head = np.concatenate([pairs[:, 1], pairs[:, 0]])
    both = np.concatenate([cost, cost])
    keep = ~is_source[head] & ~is_blocked[tail]
    tail, head, both = tail[keep], head[keep], both[keep]
    best = np.full((max_hops + 1, n), np.inf)
    best[0, is_source] = 0.0
    for h in range(1, max_hops + 1):
        row = best[h - 1].copy()
        np.minimum.at(row, head, best[h - 1, tail] + both)
        best[h] = row
    order = np.argsort(head, kind="stable")
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(head, minlength=n), out=starts[1:])
    return SearchGraph(nodes, index, is_source, max_hops, best, starts, tail[order], both[order])
