"""Benchmark: `actornet neo4j analyse` (GDS in Neo4j) against the report's NetworkX sections.

    NEO4J_URI=bolt://127.0.0.1:7687 NEO4J_PASSWORD=... \\
        .venv/bin/python benchmarks/bench_neo4j_analyse.py [--sizes 100000 1000000]

Per size, in one run: a seeded synthetic network (`analysis.synthetic`, the shapes
`bench_analysis.py` uses) is loaded into Neo4j through `Neo4jStore.load_documents` (what
`actornet neo4j load` runs, `--jobs` documents at once; timed, not compared), then

* gds: `neo4j_gds.analyse` as `actornet neo4j analyse` runs it: the projection with the
  report's weights, degree, weighted degree, PageRank, betweenness (sampled above 500
  actors), Louvain, the scores streamed back and written onto the actors; per phase;
* networkx: what `report/build.py` computes for the same sections, from the records in
  memory: `build_multigraph`, `collapse`, degree, weighted degree, PageRank, betweenness
  (sampled above 500 actors), communities and brokers, with the report's engine
  (`--engine auto`: igraph for PageRank, betweenness and communities above 500 actors;
  `--engine networkx`: NetworkX alone);
* networkx_read_s (unless `--no-read`): reading the network back from Neo4j into the
  multigraph (`graph_from_store` over the store), what `write-metrics --source neo4j`
  or a report from Neo4j adds before the NetworkX work.

`agreement` compares the two engines' scores (Spearman, top 10); betweenness is sampled
from different sources on each side above 500 actors, so it agrees only roughly there.
Prints one JSON object. The database must hold no actornet nodes: the benchmark refuses
to touch one that does, and wipes what it loaded at the end (also on failure); the schema
(`cypher/schema.cypher`, idempotent) stays. Without NEO4J_URI, or without GDS on the
server, it prints a JSON error and exits 2. Set NEO4J_TX_TIMEOUT high for 10^6 (the
projection is one transaction).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable
from typing import Any

from scipy.stats import spearmanr

from actornet.analysis.centrality import (
    betweenness,
    brokers,
    degree,
    pagerank,
    top,
    weighted_degree,
)
from actornet.analysis.communities import community_members, louvain
from actornet.analysis.graph import build_multigraph, collapse, graph_from_store
from actornet.analysis.synthetic import synthetic_extractions, synthetic_network
from actornet.store.base import StoreError

# nodes per wipe transaction: at 10^6 interactions, 10,000 actors with their relationships
# exceeded the transaction memory of a 3 GiB heap
WIPE_ROWS = 1000
ACTORNET_NODES = "MATCH (n) WHERE n:Actor OR n:Document OR n:Claim RETURN count(n) AS n"


def timed(fn: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    value = fn()
    return value, round(time.perf_counter() - start, 3)


def networkx_sections(
    syn: Any, seed: int, engine: str = "auto"
) -> tuple[dict[str, dict[str, float]], dict]:
    """The report's degree, PageRank, betweenness, communities and brokers, phase by phase
    (`engine`: "auto" as the report runs them, igraph above 500 actors; "networkx")."""
    out: dict[str, Any] = {"engine": engine}
    G, out["build_s"] = timed(
        lambda: build_multigraph(syn.actors, syn.interactions, syn.affiliations)
    )
    H, out["collapse_s"] = timed(lambda: collapse(G))
    scores: dict[str, dict[str, float]] = {}
    (scores["degree"], scores["weighted_degree"]), out["degree_s"] = timed(
        lambda: (degree(H), weighted_degree(H))
    )
    scores["pagerank"], out["pagerank_s"] = timed(lambda: pagerank(H, engine=engine))
    scores["betweenness"], out["betweenness_s"] = timed(
        lambda: betweenness(H, seed=seed, engine=engine)
    )
    _, out["louvain_s"] = timed(
        lambda: community_members(louvain(H, seed=seed, engine=engine), scores["pagerank"])
    )
    _, out["brokers_s"] = timed(lambda: brokers(H, scores=scores["betweenness"]))
    out["total_s"] = round(sum(v for k, v in out.items() if k.endswith("_s")), 3)
    out["actors"], out["pairs"] = H.number_of_nodes(), H.number_of_edges()
    return scores, out


def agreement(nx_scores: dict[str, dict[str, float]], gds: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for measure in ("pagerank", "betweenness", "degree"):
        theirs = gds.by_measure(measure)
        mine = nx_scores[measure]
        ids = sorted(set(mine) & set(theirs))
        rho = spearmanr([mine[v] for v in ids], [theirs[v] for v in ids]).statistic
        same = {v for v, _ in top(mine, 10)} & {v for v, _ in top(theirs, 10)}
        out[measure] = {"spearman": round(float(rho), 4), "top10_shared": len(same)}
    return out


def bench(store: Any, n: int, seed: int, jobs: int, read: bool, engine: str) -> dict[str, Any]:
    from actornet.store.neo4j_gds import analyse

    syn, t_gen = timed(lambda: synthetic_network(n, seed=seed))
    out: dict[str, Any] = {"interactions": len(syn.interactions), "generate_s": t_gen}
    docs = synthetic_extractions(syn)
    store.apply_schema()
    report, out["neo4j_load_s"] = timed(lambda: store.load_documents(docs, jobs=jobs))
    out["documents"] = report.documents
    gds, t_gds = timed(lambda: analyse(store, min_confidence=0.0, seed=seed))
    out["gds"] = {
        "total_s": t_gds,
        **{f"{k}_s": v for k, v in gds.timings.items()},
        "actors": len(gds.scores),
        "pairs": gds.relationships,
        "written": gds.written,
        "betweenness_sampled": gds.sampled,
        "version": gds.gds_version,
    }
    nx_scores, out["networkx"] = networkx_sections(syn, seed, engine)
    if read:
        _, out["networkx_read_s"] = timed(lambda: graph_from_store(store))
    out["speedup"] = round(out["networkx"]["total_s"] / t_gds, 2) if t_gds else None
    out["agreement"] = agreement(nx_scores, gds)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=2, help="document transactions at once")
    ap.add_argument("--no-read", action="store_true", help="skip reading back into NetworkX")
    ap.add_argument(
        "--engine",
        choices=["auto", "networkx", "igraph"],
        default="auto",
        help="the report side's engine (auto: as the report runs, igraph above 500 actors)",
    )
    args = ap.parse_args()
    if not os.environ.get("NEO4J_URI"):
        print(json.dumps({"error": "NEO4J_URI is not set"}))
        return 2
    from actornet.store.neo4j import Neo4jStore
    from actornet.store.neo4j_gds import gds_version

    results: dict[str, Any] = {
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "load_average_before": os.getloadavg()[0],
        "sizes": [],
    }
    try:
        with Neo4jStore.from_env() as store:
            results["server"] = store.server_info()["agent"]
            results["gds"] = gds_version(store)
            with store.session() as session:
                if session.run(ACTORNET_NODES).single()["n"]:
                    raise StoreError("the database holds actornet nodes; use an empty one")
            try:
                for n in args.sizes:
                    results["sizes"].append(
                        bench(store, n, args.seed, args.jobs, not args.no_read, args.engine)
                    )
                    print(json.dumps(results["sizes"][-1]), file=sys.stderr, flush=True)
                    store.wipe(WIPE_ROWS)
            finally:
                store.wipe(WIPE_ROWS)
    except StoreError as exc:
        print(json.dumps({**results, "error": str(exc)}, indent=2))  # the sizes measured
        return 2
    results["load_average_after"] = os.getloadavg()[0]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
