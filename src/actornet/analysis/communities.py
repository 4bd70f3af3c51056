"""Communities: groups of actors linked more among themselves than to others (Louvain)."""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx
from networkx.utils import not_implemented_for

from actornet.analysis import engine as compiled

__all__ = ["community_members", "louvain"]


@not_implemented_for("directed")
@not_implemented_for("multigraph")
def louvain(
    H: nx.Graph,
    *,
    weight: str = "weight",
    resolution: float = 1.0,
    seed: int = 0,
    engine: str = "auto",
) -> dict[str, int]:
    """``{node: community}``; communities are numbered from 0, largest first.

    Uses `nx.community.louvain_communities` with a fixed `seed`, so results repeat; with
    igraph (`engine`; "auto" is igraph above `engine.ENGINE_MIN_NODES` actors) igraph's
    Leiden on modularity, seeded too, which splits at least as well (higher modularity
    on the synthetic networks; see `engine.louvain`).
    Isolated actors form their own (singleton) communities.
    """
    if len(H) == 0:
        return {}
    if compiled.use_igraph(H, engine):
        parts = compiled.louvain(H, weight=weight, resolution=resolution, seed=seed)
    else:
        parts = nx.community.louvain_communities(H, weight=weight, resolution=resolution, seed=seed)
    ordered = sorted(parts, key=lambda c: (-len(c), min(c)))
    return {node: i for i, part in enumerate(ordered) for node in part}


def community_members(
    partition: Mapping[str, int], scores: Mapping[str, float] | None = None
) -> list[list[str]]:
    """Members of each community (index = community), most central first when `scores`."""
    groups: dict[int, list[str]] = {}
    for node, c in partition.items():
        groups.setdefault(c, []).append(node)
    rank = scores or {}
    return [sorted(groups[c], key=lambda v: (-rank.get(v, 0.0), v)) for c in sorted(groups)]
