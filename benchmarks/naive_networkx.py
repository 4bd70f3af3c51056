"""The plain-NetworkX baseline of `bench_analysis.py --store`: what a user writes in ten lines.

    python benchmarks/naive_networkx.py STORE.db

Reads the claims from SQLite (one edge per interaction), builds a MultiDiGraph and runs
betweenness (k=256 sampled sources), PageRank and Louvain; prints a JSON line of counts.
"""

import json
import sqlite3
import sys

import networkx as nx

conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT source, target, type, status, date FROM claims WHERE source IS NOT NULL"
    " GROUP BY interaction_id"
)
G = nx.MultiDiGraph()
G.add_edges_from((s, t, {"type": ty, "status": st, "date": d}) for s, t, ty, st, d in rows)
betweenness = nx.betweenness_centrality(G, k=min(256, len(G)), seed=0)
pagerank = nx.pagerank(G)
communities = nx.community.louvain_communities(G, seed=0)
print(json.dumps({"actors": len(G), "edges": G.number_of_edges(), "communities": len(communities)}))
