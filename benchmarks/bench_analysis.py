"""Time the analysis on seeded synthetic networks; print JSON.

    .venv/bin/python benchmarks/bench_analysis.py [--sizes 1000 10000 100000] [--seed 0]
    .venv/bin/python benchmarks/bench_analysis.py --store --interactions 1000000 \
        [--store-path /tmp/syn-1e6.db] [--pythonpath OTHER/src]

In-process mode (default): graph build, collapse, degree/PageRank, exact and sampled
betweenness (+closeness, from the same searches), Louvain, Tehran-to-proxy paths, flags, the
full report build (`build_report_from`) and its JSON and HTML renderings. Exact betweenness
is skipped above `--exact-max` actors and estimated from 16 timed sources instead.

Store mode (`--store`): writes a synthetic network of N interactions into a SQLite store
through `SqliteStore.replace_document`, one document at a time as an ingest does (kept and
reused with `--store-path`), then runs, each as a child process so that its peak memory
is its own, `actornet report --format json --timings` as a user runs it and the plain
NetworkX baseline (`naive_networkx.py`: claims from SQLite, MultiDiGraph, betweenness with
k=256, PageRank, Louvain), alternating over `--rounds` (each side's best time counts).
Each child's CPU seconds (user + system, from `wait4`) are printed beside its wall time:
on a machine shared with other jobs they say more than the wall time does.
`--pythonpath` runs the report from another source tree (a worktree of an older commit).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
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
from actornet.analysis.synthetic import synthetic_extractions, synthetic_network
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


# -- store mode -----------------------------------------------------------------------

HERE = os.path.dirname(os.path.abspath(__file__))


def build_store(path: str, n: int, seed: int) -> dict[str, Any]:
    """Write a synthetic network into a new SQLite store, document by document."""
    from actornet.store.sqlite import SqliteStore

    start = time.perf_counter()
    net = synthetic_network(n, seed=seed)
    with SqliteStore(path) as store:
        for extraction in synthetic_extractions(net):
            store.replace_document(extraction)
    return {"store_built_s": round(time.perf_counter() - start, 1)}


def store_counts(path: str) -> dict[str, int]:
    from actornet.store.sqlite import SqliteStore

    with SqliteStore(path) as store:
        stats = store.stats()
    return {"interactions": stats["interactions"], "actors": stats["actors"],
            "documents": stats["documents"]}  # fmt: skip


def run_child(argv: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run a command; its wall time, peak resident memory (its own: `wait4`) and output."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode:
        raise SystemExit(f"{' '.join(argv)} failed ({proc.returncode}):\n{stderr[-2000:]}")
    return {"s": round(seconds, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
            "peak_mib": round(usage.ru_maxrss / 1024, 1), "stdout": stdout,
            "stderr": stderr}  # fmt: skip


def bench_store(args: argparse.Namespace) -> dict[str, Any]:
    path = args.store_path or os.path.join(tempfile.mkdtemp(), f"syn-{args.interactions}.db")
    out: dict[str, Any] = {}
    if not os.path.exists(path):
        out.update(build_store(path, args.interactions, args.seed))
    out.update(store_counts(path))
    out["store_path"] = path
    cli = os.path.join(os.path.dirname(sys.executable), "actornet")
    env = dict(os.environ)
    timings = True
    if args.pythonpath:
        env["PYTHONPATH"] = os.path.abspath(args.pythonpath)
        with open(os.path.join(args.pythonpath, "actornet/cli/analysis_cmds.py")) as fh:
            timings = '"--timings"' in fh.read()  # an older commit's CLI may not know it
    with tempfile.TemporaryDirectory() as tmp:
        report_json = os.path.join(tmp, "report.json")
        argv = [cli, "report", "--db", path, "--format", "json", "-o", report_json]
        argv += ["--seed", str(args.seed)] + (["--timings"] if timings else [])
        naive_argv = [sys.executable, os.path.join(HERE, "naive_networkx.py"), path]
        reports, naives = [], []
        for _ in range(args.rounds):
            reports.append(run_child(argv, env))
            naives.append(run_child(naive_argv))
        with open(report_json) as fh:
            report = json.load(fh)
    best, naive = min(reports, key=lambda r: r["s"]), min(naives, key=lambda r: r["s"])
    out.update(
        report_s=best["s"],
        naive_s=naive["s"],
        ratio=round(best["s"] / naive["s"], 3),
        report_cpu_s=min(r["cpu_s"] for r in reports),
        naive_cpu_s=min(r["cpu_s"] for r in naives),
        cpu_ratio=round(min(r["cpu_s"] for r in reports) / min(r["cpu_s"] for r in naives), 3),
        report_peak_mib=max(r["peak_mib"] for r in reports),
        naive_peak_mib=max(r["peak_mib"] for r in naives),
        rounds={"report_s": [r["s"] for r in reports], "naive_s": [r["s"] for r in naives]},
        report_timings=report.get("timings"),
        report_flags=report.get("flags", {}).get("total")
        if isinstance(report.get("flags"), dict)
        else len(report.get("flags", [])),
        naive=json.loads(naive["stdout"]),
    )
    if args.pythonpath:
        out["report_source"] = os.path.abspath(args.pythonpath)
    return out


def machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "networkx": nx.__version__,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exact-max", type=int, default=2000, help="Actors; above, estimate.")
    parser.add_argument("--store", action="store_true", help="End to end on a SQLite store.")
    parser.add_argument("--interactions", type=int, default=100000, help="Store mode: N.")
    parser.add_argument("--store-path", help="Store mode: keep (or reuse) the store here.")
    parser.add_argument("--rounds", type=int, default=1, help="Store mode: alternating runs.")
    parser.add_argument("--pythonpath", help="Store mode: run the report from this src tree.")
    args = parser.parse_args()
    if args.store:
        print(json.dumps({"machine": machine(), **bench_store(args)}, indent=2))
        return
    results = {
        "machine": machine(),
        "sampled_sources": SAMPLES,
        "runs": [bench(n, args.seed, args.exact_max) for n in args.sizes],
    }
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
