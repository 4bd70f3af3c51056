"""Network analysis with evidence: build, collapse, measure, explain, flag, export.

Pure functions over networkx graphs (see docs/analysis.md):
`build_multigraph` / `graph_from_store` -> MultiDiGraph (one edge per interaction);
`collapse` -> weighted simple Graph for the algorithms; `resolve_spec` -> actor sets;
`find_paths` -> explainable paths; `flags` -> quality flags.
Betweenness, closeness, PageRank and communities run on igraph above 500 actors
(`analysis.engine`; networkx with ``engine="networkx"``); paths come from one search.
"""

from actornet.analysis.centrality import (
    betweenness,
    betweenness_closeness,
    brokers,
    centrality,
    closeness,
    degree,
    ego_network,
    pagerank,
    top,
    weighted_degree,
)
from actornet.analysis.communities import community_members, louvain
from actornet.analysis.flags import Flag, flags, flags_to_dict
from actornet.analysis.graph import build_multigraph, collapse, graph_from_store
from actornet.analysis.paths import Hop, Path, find_paths, paths_to_dict
from actornet.analysis.sets import proxy_set, resolve_spec, tehran_set
from actornet.analysis.timeline import activity, centrality_by_period, changes, timeline

__all__ = [
    "Flag",
    "Hop",
    "Path",
    "activity",
    "betweenness",
    "betweenness_closeness",
    "brokers",
    "build_multigraph",
    "centrality",
    "centrality_by_period",
    "changes",
    "closeness",
    "collapse",
    "community_members",
    "degree",
    "ego_network",
    "find_paths",
    "flags",
    "flags_to_dict",
    "graph_from_store",
    "louvain",
    "pagerank",
    "paths_to_dict",
    "proxy_set",
    "resolve_spec",
    "tehran_set",
    "timeline",
    "top",
    "weighted_degree",
]
