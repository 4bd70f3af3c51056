"""Time the analysis on seeded synthetic networks; print JSON.

    .venv/bin/python benchmarks/bench_analysis.py [--sizes 1000 10000 100000] [--seed 0]

Steps: graph build, collapse, degree/PageRank, exact and sampled betweenness (+closeness,
from the same searches), Louvain, Tehran-to-proxy paths, flags, the full report build
(`build_report_from`) and its JSON and HTML renderings. Exact betweenness is skipped above
`--exact-max` actors and estimated from 16 timed sources instead.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import time
from collections.abc import Callable
from typing import Any

import networkx as nx

from actornet.analysis.centrality import (
    SAMPLES,
    betweenness_closeness,
    degree,
    pagerank,
)
from actornet.analysis.communities import louvain
from actornet.analysis.flags import flags
from actornet.analysis.graph import build_multigraph, collapse
from actornet.analysis.paths import find_paths
from actornet.analysis.sets import proxy_set, tehran_set
from actornet.analysis.synthetic import synthetic_network
from actornet.report.build import build_report_from
from actornet.report.html import render_html
from actornet.report.json import render_json


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - start, 3)


def exact_betweenness(H: nx.Graph, exact_max: int) -> dict[str, Any]:
    if len(H) <= exact_max:
        _, seconds = timed(lambda: nx.betweenness_centrality(H, weight="distance"))
        return {"exact_betweenness_s": seconds}
    sources = random.Random(0).sample(sorted(H), 16)
    _, seconds = timed(
        lambda: nx.betweenness_centrality_subset(H, sources, list(H), weight="distance")
    )
    return {
        "exact_betweenness_s": None,
        "exact_betweenness_estimated_s": round(seconds / 16 * len(H), 1),
    }


def bench(n: int, seed: int, exact_max: int) -> dict[str, Any]:
    syn, t_gen = timed(lambda: synthetic_network(n, seed=seed))
    out: dict[str, Any] = {"interactions": len(syn.interactions), "generate_s": t_gen}
    G, out["build_s"] = timed(
        lambda: build_multigraph(syn.actors, syn.interactions, syn.affiliations)
    )
    H, out["collapse_s"] = timed(lambda: collapse(G))
    out.update(actors=H.number_of_nodes(), pairs=H.number_of_edges(), edges=G.number_of_edges())
    _, out["degree_s"] = timed(lambda: degree(H))
    _, out["pagerank_s"] = timed(lambda: pagerank(H))
    out.update(exact_betweenness(H, exact_max))
    _, out["sampled_betweenness_closeness_s"] = timed(
        lambda: betweenness_closeness(H, exact_limit=0, k=SAMPLES, seed=seed)
    )
    _, out["louvain_s"] = timed(lambda: louvain(H, seed=seed))
    sources, targets = tehran_set(G), proxy_set(G)
    paths, out["paths_s"] = timed(lambda: find_paths(G, sources, targets, H=H))
    out.update(path_sources=len(sources), path_targets=len(targets), paths=len(paths))
    found, out["flags_s"] = timed(lambda: flags(syn.actors, syn.interactions, syn.documents))
    out["flags"] = len(found)
    report, out["report_build_s"] = timed(
        lambda: build_report_from(
            syn.actors, syn.interactions, syn.affiliations, syn.documents, seed=seed
        )
    )
    _, out["report_json_s"] = timed(lambda: render_json(report))
    _, out["report_html_s"] = timed(lambda: render_html(report, seed=seed))
    out["report_total_s"] = round(out["report_build_s"] + out["report_html_s"], 3)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exact-max", type=int, default=2000, help="Actors; above, estimate.")
    args = parser.parse_args()
    results = {
        "machine": {
            "python": platform.python_version(),
            "networkx": nx.__version__,
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
        },
        "sampled_sources": SAMPLES,
        "runs": [bench(n, args.seed, args.exact_max) for n in args.sizes],
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
