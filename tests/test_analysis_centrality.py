"""Centrality, brokers, communities and ego networks on graphs with known answers."""

from __future__ import annotations

import networkx as nx
import pytest

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
from actornet.analysis.graph import build_multigraph, collapse
from actornet.analysis.sampling import sampled_measures
from actornet.analysis.synthetic import synthetic_network
from actornet.model import Actor, ActorKind, Interaction, InteractionType


def weighted(G: nx.Graph, w: float = 1.0) -> nx.Graph:
    for _, _, d in G.edges(data=True):
        d["weight"], d["distance"] = w, 1.0 / w
    return G


def two_cliques_with_bridge() -> nx.Graph:
    """Cliques a0..a4 and b0..b4; the bridge x links a0 and b0 (degree 2)."""
    G = nx.Graph()
    for p in "ab":
        G.add_edges_from((f"{p}{i}", f"{p}{j}") for i in range(5) for j in range(i + 1, 5))
    G.add_edges_from([("a0", "x"), ("x", "b0")])
    return weighted(G)


def test_star_centre_tops_everything() -> None:
    G = weighted(nx.relabel_nodes(nx.star_graph(5), str))
    for fn in (degree, weighted_degree, betweenness, pagerank, closeness):
        assert top(fn(G), 1)[0][0] == "0", fn.__name__
    assert betweenness(G)["0"] == pytest.approx(1.0)


def test_bridge_is_top_broker_not_the_hubs() -> None:
    G = two_cliques_with_bridge()
    scores = brokers(G)
    assert top(scores, 1)[0][0] == "x"
    assert "a1" not in scores  # zero betweenness: never a broker
    # give a0 ten followers: it now has the top betweenness, yet x brokers more per link
    weighted(G).add_edges_from(("a0", f"leaf{i}") for i in range(10))
    weighted(G)
    assert top(betweenness(G), 1)[0][0] == "a0"
    assert top(brokers(G), 1)[0][0] == "x"


def test_strong_links_shape_weighted_measures() -> None:
    G = weighted(nx.path_graph(["a", "b", "c"]))
    G["a"]["b"].update(weight=5.0, distance=0.2)
    assert weighted_degree(G)["b"] == pytest.approx(6.0)
    assert pagerank(G)["a"] > pagerank(G)["c"]
    assert closeness(G)["a"] > closeness(G)["c"]


def test_sampled_measures_are_repeatable_and_close() -> None:
    syn = synthetic_network(3000, seed=3)
    H = collapse(build_multigraph(syn.actors, syn.interactions, syn.affiliations))
    exact = betweenness(H)
    approx1 = betweenness(H, exact_limit=10, k=200, seed=7)
    assert approx1 == betweenness(H, exact_limit=10, k=200, seed=7)
    top_exact = {v for v, _ in top(exact, 5)}
    assert len(top_exact & {v for v, _ in top(approx1, 15)}) >= 4
    c_exact, c_approx = closeness(H), closeness(H, exact_limit=10, pivots=200, seed=1)
    best = top(c_exact, 1)[0][0]
    assert c_approx[best] == pytest.approx(c_exact[best], rel=0.15)


def test_refuses_multigraphs_and_unknown_measures() -> None:
    M = build_multigraph([Actor("a", "A", ActorKind.PERSON), Actor("b", "B", ActorKind.PERSON)],
                         [Interaction(InteractionType.MET_WITH, "a", "b", "2020")])  # fmt: skip
    with pytest.raises(nx.NetworkXNotImplemented):
        betweenness(M)
    with pytest.raises(nx.NetworkXNotImplemented):
        louvain(M)
    with pytest.raises(ValueError, match="unknown measure"):
        centrality(collapse(M), "fame")
    assert centrality(collapse(M), "degree") == {"a": 1, "b": 1}


def test_two_cliques_two_communities() -> None:
    G = two_cliques_with_bridge()
    G.remove_node("x")
    G.add_edge("a0", "b0", weight=0.1, distance=10.0)
    part = louvain(G, seed=1)
    assert part == louvain(G, seed=1)
    assert len(set(part.values())) == 2
    groups = community_members(part, degree(G))
    assert sorted(map(sorted, groups)) == [[f"a{i}" for i in range(5)], [f"b{i}" for i in range(5)]]
    assert groups[0][0] in {"a0", "b0"}  # most central first


def test_ego_network_radius() -> None:
    G = weighted(nx.path_graph(["a", "b", "c", "d"]))
    E = ego_network(G, "a", radius=2)
    assert set(E) == {"a", "b", "c"} and E.nodes["c"]["hops"] == 2
    with pytest.raises(nx.NodeNotFound):
        ego_network(G, "zz")


def test_shared_sampling_matches_networkx_when_every_source_is_used() -> None:
    syn = synthetic_network(1500, seed=2)
    H = collapse(build_multigraph(syn.actors, syn.interactions, syn.affiliations))
    both = sampled_measures(H, list(H))
    exact_b = nx.betweenness_centrality(H, weight="distance")
    exact_c = nx.closeness_centrality(H, distance="distance")
    assert all(both.betweenness[v] == pytest.approx(exact_b[v], abs=1e-12) for v in H)
    assert all(both.closeness[v] == pytest.approx(exact_c[v], abs=1e-12) for v in H)
    b, c = betweenness_closeness(H, exact_limit=10, k=64, seed=5)
    assert b == betweenness(H, exact_limit=10, k=64, seed=5)
    assert c == closeness(H, exact_limit=10, pivots=64, seed=5)
