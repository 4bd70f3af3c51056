"""The compiled engine (igraph) agrees with networkx, the reference, on real networks.

Two networks: the seeds (ingested through the CLI into a temporary store, 249 actors:
exact betweenness and closeness) and the 10^4-interaction synthetic network (1,000
actors: sampled). Each measure runs twice, ``engine="networkx"`` and ``engine="igraph"``,
and the two must give the same top 10; paths the same strengths; communities a modularity
at least as high.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from click.testing import CliRunner

from actornet.analysis.centrality import (
    EXACT_LIMIT,
    betweenness,
    betweenness_closeness,
    closeness,
    pagerank,
    top,
)
from actornet.analysis.communities import louvain
from actornet.analysis.engine import ENGINE_MIN_NODES, converted, use_igraph
from actornet.analysis.graph import build_multigraph, collapse, graph_from_store
from actornet.analysis.paths import find_paths
from actornet.analysis.sets import proxy_set, tehran_set
from actornet.analysis.synthetic import synthetic_network
from actornet.cli import main
from actornet.cli.common import open_sqlite
from actornet.store.confident import confident

ROOT = Path(__file__).resolve().parents[1]
Network = tuple[nx.MultiDiGraph, nx.Graph]


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Network:
    db = tmp_path_factory.mktemp("engine") / "seeds.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    with confident(open_sqlite(str(db), must_exist=True), None) as store:
        G = graph_from_store(store)
    return G, collapse(G)


@pytest.fixture(scope="module")
def synthetic() -> Network:
    syn = synthetic_network(10_000, seed=0)
    G = build_multigraph(syn.actors, syn.interactions, syn.affiliations)
    return G, collapse(G)


@pytest.fixture(params=["seeds", "synthetic"])
def network(request: pytest.FixtureRequest) -> Network:
    return request.getfixturevalue(request.param)


def ids(scores: dict[str, float], n: int = 10) -> list[str]:
    return [v for v, _ in top(scores, n)]


def test_the_networks_cover_both_regimes(seeds: Network, synthetic: Network) -> None:
    assert len(seeds[1]) <= EXACT_LIMIT < len(synthetic[1])  # exact, then sampled
    assert len(seeds[1]) <= ENGINE_MIN_NODES < len(synthetic[1])
    assert not use_igraph(seeds[1], "auto") and use_igraph(synthetic[1], "auto")
    assert tehran_set(seeds[0]) and proxy_set(seeds[0])


def test_converted_graph_has_the_same_degrees_and_strengths(network: Network) -> None:
    _, H = network
    c = converted(H)
    assert c.graph.vcount() == len(H) and c.graph.ecount() == H.number_of_edges()
    deg = dict(zip(c.nodes, c.graph.degree(), strict=True))
    strength = dict(zip(c.nodes, c.graph.strength(weights="weight"), strict=True))
    assert deg == dict(H.degree())
    reference = dict(H.degree(weight="weight"))
    assert ids(strength) == ids(reference)
    assert max(abs(strength[v] - reference[v]) for v in H) < 1e-9
    assert converted(H) is c  # converted once


@pytest.mark.parametrize(
    "measure",
    [
        lambda H, e: betweenness(H, engine=e),
        lambda H, e: closeness(H, engine=e),
        lambda H, e: betweenness_closeness(H, engine=e)[0],
        lambda H, e: betweenness_closeness(H, engine=e)[1],
    ],
    ids=["betweenness", "closeness", "both-betweenness", "both-closeness"],
)
def test_betweenness_and_closeness_agree(
    network: Network, measure: Callable[[nx.Graph, str], dict[str, float]]
) -> None:
    _, H = network
    reference, fast = measure(H, "networkx"), measure(H, "igraph")
    assert ids(fast) == ids(reference)
    assert fast.keys() == reference.keys()
    # igraph counts two shortest paths whose lengths differ only by rounding (1/3 + 1/6
    # against 1/2) as a tie; networkx needs equal floats: scores differ by up to ~3e-5
    assert max(abs(fast[v] - reference[v]) for v in H) < 1e-4
    assert max(reference.values()) > 0.01


def test_pagerank_agrees(network: Network) -> None:
    _, H = network
    reference, fast = pagerank(H, engine="networkx"), pagerank(H, engine="igraph")
    # igraph solves exactly; networkx iterates to a tolerance of 1e-6, so near ties may
    # swap places in the top 10 but not leave it; against a tight networkx run, same order
    assert set(ids(fast)) == set(ids(reference))
    assert ids(fast) == ids(nx.pagerank(H, weight="weight", tol=1e-10, max_iter=1000))
    assert max(abs(fast[v] - reference[v]) for v in H) < 1e-4
    assert abs(sum(fast.values()) - 1.0) < 1e-9


def modularity(H: nx.Graph, partition: dict[str, int]) -> float:
    groups: dict[int, set[str]] = {}
    for v, c in partition.items():
        groups.setdefault(c, set()).add(v)
    return nx.community.modularity(H, groups.values(), weight="weight")


def test_communities_split_at_least_as_well(network: Network) -> None:
    _, H = network
    reference, fast = louvain(H, engine="networkx"), louvain(H, engine="igraph")
    assert fast.keys() == reference.keys()
    assert modularity(H, fast) >= modularity(H, reference) - 1e-9
    assert louvain(H, engine="igraph") == fast  # seeded: repeats
    sizes = [sum(1 for c in fast.values() if c == i) for i in range(max(fast.values()) + 1)]
    assert sizes == sorted(sizes, reverse=True)  # numbered largest first, like networkx


def path_rows(paths: list[Any]) -> list[tuple[str, str, float, int]]:
    return [(p.source.id, p.target.id, round(p.strength, 9), len(p.hops)) for p in paths]


@pytest.mark.parametrize(("max_hops", "k"), [(4, 3), (2, 1), (6, 5)])
def test_one_search_finds_the_reference_paths(network: Network, max_hops: int, k: int) -> None:
    G, H = network
    sources, targets = tehran_set(G), proxy_set(G)
    reference = find_paths(G, sources, targets, H=H, max_hops=max_hops, k=k, engine="networkx")
    fast = find_paths(G, sources, targets, H=H, max_hops=max_hops, k=k, engine="auto")
    assert reference, "no paths: nothing compared"
    assert [round(p.strength, 9) for p in fast] == [round(p.strength, 9) for p in reference]
    assert path_rows(fast) == path_rows(reference)
    assert all(len(p.hops) <= max_hops for p in fast)


def test_one_search_gives_the_seeds_the_same_paths_to_the_byte(seeds: Network) -> None:
    G, H = seeds
    args = (G, tehran_set(G), proxy_set(G))
    reference = find_paths(*args, H=H, engine="networkx")
    assert [p.to_dict() for p in find_paths(*args, H=H)] == [p.to_dict() for p in reference]


def test_unknown_engine_is_refused(seeds: Network) -> None:
    G, H = seeds
    with pytest.raises(ValueError, match="unknown engine"):
        pagerank(H, engine="gpu")
    with pytest.raises(ValueError, match="unknown engine"):
        find_paths(G, tehran_set(G), proxy_set(G), H=H, engine="gpu")


def test_the_engine_imports_igraph_without_pyplot_and_leaves_matplotlib_importable() -> None:
    """igraph's drawing modules import matplotlib.pyplot (0.7-0.9 s of every report at
    scale); the engine hides matplotlib while igraph loads, and only then."""
    import subprocess
    import sys

    code = (
        "import sys, networkx as nx\n"
        "from actornet.analysis.engine import pagerank\n"
        "scores = pagerank(nx.karate_club_graph())\n"
        "assert 'igraph' in sys.modules, 'igraph was not imported'\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot came with igraph'\n"
        "assert 'matplotlib' not in sys.modules\n"
        "import matplotlib.pyplot\n"
        "print(round(sum(scores.values()), 6))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "1.0"
