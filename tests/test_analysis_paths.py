"""Explainable paths: known hops, ranking, bounds, role hops, verbatim quotes."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from actornet.analysis.graph import build_multigraph, collapse
from actornet.analysis.paths import find_paths, paths_to_dict
from actornet.analysis.sets import resolve_spec
from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Document,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)

P, ORG = ActorKind.PERSON, ActorKind.ORGANIZATION
TEXT = (
    "Overview. On November 7, 2021, the Qods Force commander Esmail Qa'ani met Prime Minister "
    "Mustafa al-Kadhimi in Baghdad. Qa'ani also met the leaders of Kataib Hezbollah on "
    "November 8. Al-Kadhimi reportedly received a Nujaba delegation in October. "
    "Nujaba fighters visited Baghdad. A Kataib Hezbollah official denied meeting Nujaba."
)
DOC = Document("r1.txt", "/r/r1.txt", TEXT, Document.hash_text(TEXT))


def quote(q: str) -> Evidence:
    start = TEXT.index(q)
    return Evidence(DOC.id, start, start + len(q), q)


ACTORS = [
    Actor("iran", "Iran", ActorKind.COUNTRY, country="IRN"),
    Actor("qods-force", "Qods Force", ORG, country="IRN", state=True),
    Actor(
        "qaani",
        "Esmail Qa'ani",
        P,
        country="IRN",
        roles=(Role("commander", "qods-force", "2020-01-03"),),
    ),
    Actor("kadhimi", "Mustafa al-Kadhimi", P, country="IRQ"),
    Actor("kh", "Kataib Hezbollah", ORG, country="IRQ", proxy=True),
    Actor("nujaba", "Harakat al-Nujaba", ORG, ("Nujaba",), country="IRQ", proxy=True),
    Actor("baghdad", "Baghdad", ActorKind.PLACE, country="IRQ"),
]
MET, VISITED = InteractionType.MET_WITH, InteractionType.VISITED
INTERACTIONS = [
    Interaction(
        MET,
        "qaani",
        "kadhimi",
        "2021-11-07",
        evidence=[quote("Esmail Qa'ani met Prime Minister Mustafa al-Kadhimi in Baghdad")],
    ),
    Interaction(
        MET,
        "qaani",
        "kh",
        "2021-11-08",
        evidence=[quote("Qa'ani also met the leaders of Kataib Hezbollah on November 8")],
    ),
    Interaction(
        MET,
        "nujaba",
        "kadhimi",
        "2021-10",
        status=ClaimStatus.REPORTED,
        evidence=[quote("Al-Kadhimi reportedly received a Nujaba delegation in October")],
    ),
    Interaction(
        VISITED, "nujaba", "baghdad", "2021-11", evidence=[quote("Nujaba fighters visited Baghdad")]
    ),
    Interaction(
        VISITED,
        "qaani",
        "baghdad",
        "2021-11-07",
        evidence=[quote("met Prime Minister Mustafa al-Kadhimi in Baghdad")],
    ),
    Interaction(
        MET,
        "kh",
        "nujaba",
        "2021-11",
        status=ClaimStatus.DENIED,
        evidence=[quote("A Kataib Hezbollah official denied meeting Nujaba")],
    ),
]


def graph(**kw):
    return build_multigraph(ACTORS, INTERACTIONS, **kw)


def test_tehran_to_proxies_known_hops_and_verbatim_quotes() -> None:
    G = graph()
    paths = find_paths(G, resolve_spec(G, "Tehran"), resolve_spec(G, "proxies"))
    by_target = {}
    for p in paths:
        by_target.setdefault(p.target.id, []).append(p)
    kh = by_target["kh"][0]
    assert kh.nodes == ["qaani", "kh"] and kh.source.name == "Esmail Qa'ani"
    (hop,) = kh.hops
    assert (hop.type, hop.date, hop.status, hop.role_edge) == (
        "MET_WITH",
        "2021-11-08",
        "asserted",
        False,
    )
    nujaba = by_target["nujaba"][0]
    assert nujaba.nodes == ["qaani", "kadhimi", "nujaba"]
    assert [h.status for h in nujaba.hops] == ["asserted", "reported"]
    assert nujaba.hops[1].forward is False  # the record says Nujaba met Kadhimi
    for p in paths:
        for h in p.hops:
            for e in h.evidence:
                assert TEXT[e.start : e.end] == e.quote
            assert h.evidence or h.role_edge


def test_never_through_a_place_or_another_source() -> None:
    G = graph()
    paths = find_paths(G, {"qaani", "qods-force", "iran"}, {"nujaba"}, k=5)
    assert paths
    for p in paths:
        assert "baghdad" not in p.nodes
        assert p.nodes[0] in {"qaani", "qods-force", "iran"}
        assert not {"qaani", "qods-force", "iran"} & set(p.nodes[1:])


def test_denied_excluded_by_default() -> None:
    assert not find_paths(graph(), {"kh"}, {"nujaba"}, max_hops=1)
    (p,) = find_paths(graph(include_denied=True), {"kh"}, {"nujaba"}, max_hops=1)
    assert p.hops[0].status == "denied"


def chain_graph() -> nx.MultiDiGraph:
    """s reaches t by s-a-t (3 reports each), s-b-t (1 report each) and s-c-d-t."""
    names = ["s", "a", "b", "c", "d", "t"]
    actors = [Actor(n, n.upper(), P) for n in names]
    links = [("s", "a", 3), ("a", "t", 3), ("s", "b", 1), ("b", "t", 1)]
    links += [("s", "c", 1), ("c", "d", 1), ("d", "t", 1)]
    items = [  # each link told by its own sentences (paths on one quote would merge)
        Interaction(
            MET,
            u,
            v,
            "2021-01-01",
            evidence=[Evidence("r", 10 * j + i, 10 * j + i + 1, "x") for i in range(n)],
        )
        for j, (u, v, n) in enumerate(links)
    ]
    return build_multigraph(actors, items)


def test_k_paths_ranked_by_strength() -> None:
    G = chain_graph()
    paths = find_paths(G, {"s"}, {"t"}, k=3)
    assert [p.nodes for p in paths] == [["s", "a", "t"], ["s", "b", "t"], ["s", "c", "d", "t"]]
    w3 = 1 + math.log(3)
    assert paths[0].strength == pytest.approx((w3 / (1 + w3)) ** 2)
    assert paths[1].strength == pytest.approx(0.25)
    assert paths[2].strength == pytest.approx(0.125)
    assert len(find_paths(G, {"s"}, {"t"}, k=2)) == 2


def test_max_hops_respected() -> None:
    G = chain_graph()
    assert all(len(p.hops) <= 2 for p in find_paths(G, {"s"}, {"t"}, k=5, max_hops=2))
    assert len(find_paths(G, {"s"}, {"t"}, k=5, max_hops=2)) == 2
    assert len(find_paths(G, {"s"}, {"t"}, k=5, max_hops=3)) == 3
    assert not find_paths(G, {"s"}, {"t"}, max_hops=1)
    with pytest.raises(ValueError):
        find_paths(G, {"s"}, {"t"}, max_hops=0)


def test_role_edge_hops_are_marked() -> None:
    actors = [
        Actor("org", "State Org", ORG, country="IRN", state=True),
        Actor("m", "Official", P),
        Actor("px", "Proxy", ORG, proxy=True),
    ]
    affs = [Affiliation(AffiliationKind.HOLDS_ROLE, "m", "org", "adviser", "2019")]
    items = [Interaction(MET, "m", "px", "2021", evidence=[quote("Nujaba fighters")])]
    G = build_multigraph(actors, items, affs)
    (p,) = find_paths(G, {"org"}, {"px"})
    first, second = p.hops
    assert first.role_edge and first.type == "HOLDS_ROLE" and first.evidence == ()
    assert not second.role_edge and second.type == "MET_WITH"
    assert first.to_dict()["role_edge"] is True


def test_paths_on_the_same_quotes_are_one_with_alternatives() -> None:
    # Iran and Hamas agreed (one quote); the Qassam Brigades are part of Hamas, and Arouri
    # is a member of both: three routes to the Brigades and one to Hamas rest on that quote.
    actors = [
        Actor("iran", "Iran", ActorKind.COUNTRY, country="IRN"),
        Actor("hamas", "Hamas", ORG, proxy=True),
        Actor("qassam", "Qassam Brigades", ORG, proxy=True),
        Actor("arouri", "Saleh al-Arouri", P),
        Actor("other", "Other", ORG, proxy=True),
    ]
    affs = [
        Affiliation(AffiliationKind.PART_OF, "qassam", "hamas"),
        Affiliation(AffiliationKind.MEMBER_OF, "arouri", "hamas"),
        Affiliation(AffiliationKind.MEMBER_OF, "arouri", "qassam"),
    ]
    items = [
        Interaction(MET, "iran", "hamas", "2019-07", evidence=[quote("Nujaba fighters")]),
        Interaction(MET, "iran", "other", "2019-07", evidence=[quote("visited Baghdad")]),
    ]
    G = build_multigraph(actors, items, affs)
    paths = find_paths(G, {"iran"}, {"hamas", "qassam", "other"}, k=3)
    keys = [frozenset((e.document, e.start) for h in p.hops for e in h.evidence) for p in paths]
    assert len(keys) == len(set(keys)) == 2  # no two paths rest on the same quotes
    hamas = next(p for p in paths if p.target.id == "hamas")
    assert len(hamas.hops) == 1
    alternatives = [a.nodes for a in hamas.alternatives]
    assert alternatives == [["iran", "hamas", "qassam"], ["iran", "hamas", "arouri", "qassam"]]
    assert [r.nodes for r in hamas.routes][1:] == alternatives
    assert [a["target"]["id"] for a in hamas.to_dict()["alternatives"]] == ["qassam", "qassam"]
    unmerged = find_paths(G, {"iran"}, {"hamas", "qassam"}, k=3, merge_same_evidence=False)
    assert len(unmerged) == 3 and not any(p.alternatives for p in unmerged)


def test_hop_counts_read_in_the_singular_and_plural() -> None:
    from actornet.analysis.paths import hops_text
    from actornet.report.listings import path_lines

    assert (hops_text(1), hops_text(2)) == ("1 hop", "2 hops")
    G = graph()
    (p,) = find_paths(G, {"qaani"}, {"kh"}, k=1)
    (head, _), *_ = path_lines([p], 4)
    assert head.endswith("1 hop)") and "1 hops" not in head


def test_to_dict_shape_exactly() -> None:
    G = graph()
    data = paths_to_dict(find_paths(G, {"qaani"}, {"nujaba"}, H=collapse(G)))
    assert list(data) == ["paths"]
    path = data["paths"][0]
    assert set(path) == {"source", "target", "strength", "hops", "alternatives"}
    assert set(path["source"]) == {"id", "name"} == set(path["target"])
    hop = path["hops"][0]
    assert set(hop) == {
        "from", "to", "type", "date", "status", "role_edge", "evidence", "confidence",
    }  # fmt: skip
    assert set(hop["evidence"][0]) == {"document", "quote", "start", "end"}
    assert path["hops"][0]["from"] == "qaani" and path["hops"][-1]["to"] == "nujaba"


def test_refuses_simple_graphs_and_handles_empty_sets() -> None:
    G = graph()
    with pytest.raises(nx.NetworkXNotImplemented):
        find_paths(collapse(G), {"qaani"}, {"kh"})
    assert find_paths(G, set(), {"kh"}) == []
    assert find_paths(G, {"kh"}, {"kh"}) == []


def test_countries_are_not_crossed_unless_asked() -> None:
    actors = [
        Actor("a", "A", P, country="IRN", state=True),
        Actor("iraq", "Iraq", ActorKind.COUNTRY, country="IRQ"),
        Actor("px", "Proxy", ORG, proxy=True),
    ]
    items = [
        Interaction(VISITED, "a", "iraq", "2021", evidence=[quote("Nujaba fighters")]),
        Interaction(MET, "px", "iraq", "2021", evidence=[quote("Nujaba fighters")]),
    ]
    G = build_multigraph(actors, items)
    assert find_paths(G, {"a"}, {"px"}) == []
    (p,) = find_paths(G, {"a"}, {"px"}, interior_excluded_kinds=())
    assert p.nodes == ["a", "iraq", "px"]
    assert find_paths(G, {"a"}, {"iraq"})[0].nodes == ["a", "iraq"]  # an end is fine


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_invariants_on_synthetic_networks(seed: int) -> None:
    from actornet.analysis.synthetic import synthetic_network

    syn = synthetic_network(2500, seed=seed)
    texts = {d.id: d.text for d in syn.documents}
    G = build_multigraph(syn.actors, syn.interactions, syn.affiliations)
    H = collapse(G)
    sources, targets = resolve_spec(G, "Tehran"), resolve_spec(G, "proxies")
    paths = find_paths(G, sources, targets, max_hops=3, k=2, H=H)
    assert paths
    strengths = [p.strength for p in paths]
    assert strengths == sorted(strengths, reverse=True)
    per_target: dict[str, int] = {}
    for p in paths:
        per_target[p.target.id] = per_target.get(p.target.id, 0) + 1
        assert 1 <= len(p.hops) <= 3 and p.source.id in sources and p.target.id in targets
        assert len(set(p.nodes)) == len(p.nodes)  # simple
        assert not sources & set(p.nodes[1:])
        assert all(H.nodes[v]["kind"] not in ("Place", "Country") for v in p.nodes[1:-1])
        expected = math.prod(
            H[a][b]["weight"] / (1 + H[a][b]["weight"])
            for a, b in zip(p.nodes, p.nodes[1:], strict=False)
        )
        assert p.strength == pytest.approx(expected)
        for hop in p.hops:
            assert G.has_edge(hop.source.id, hop.target.id) or G.has_edge(
                hop.target.id, hop.source.id
            )
            assert all(texts[e.document][e.start : e.end] == e.quote for e in hop.evidence)
    assert max(per_target.values()) <= 2
