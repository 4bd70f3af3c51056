"""Graph building, filters and the collapsed weights."""

from __future__ import annotations

import math

import networkx as nx
import pytest

from actornet.analysis.dates import earliest, in_window, latest, midpoint, period_key
from actornet.analysis.graph import (
    ROLE_WEIGHT,
    STATUS_WEIGHTS,
    build_multigraph,
    collapse,
    evidence_weight,
    graph_from_store,
    recency_weight,
)
from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)


def ev(doc: str = "d1", n: int = 0) -> Evidence:
    return Evidence(doc, n, n + 5, "quote")


def it(src, dst, date=None, *, type_=InteractionType.MET_WITH, status=ClaimStatus.ASSERTED, n=1):
    return Interaction(
        type_, src, dst, date, status=status, evidence=[ev("d1", i * 10) for i in range(n)]
    )


ACTORS = [
    Actor("a", "Alpha", ActorKind.PERSON, country="IRN", state=True),
    Actor("b", "Bravo", ActorKind.PERSON),
    Actor("c", "Charlie Group", ActorKind.ORGANIZATION, proxy=True),
    Actor("p", "Baghdad", ActorKind.PLACE),
]


def test_one_edge_per_interaction_keyed_by_id() -> None:
    items = [it("a", "b", "2020-01-01"), it("a", "b", "2020-02-01"), it("b", "c", "2020-03")]
    G = build_multigraph(ACTORS, items)
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_edges() == 3
    assert set(G["a"]["b"]) == {items[0].id, items[1].id}
    data = G.edges["a", "b", items[0].id]
    assert data["type"] == "MET_WITH" and data["evidence_count"] == 1
    assert data["documents"] == ["d1"] and data["role_edge"] is False
    assert G.nodes["c"]["proxy"] is True and G.nodes["a"]["kind"] == "Person"


def test_denied_left_out_unless_asked() -> None:
    items = [it("a", "b", "2020"), it("b", "c", "2020", status=ClaimStatus.DENIED)]
    assert build_multigraph(ACTORS, items).number_of_edges() == 1
    assert build_multigraph(ACTORS, items, include_denied=True).number_of_edges() == 2


def test_filters_dates_types_statuses_kinds() -> None:
    items = [
        it("a", "b", "2019-05-01"),
        it("a", "b", "2020-05-01", status=ClaimStatus.REPORTED),
        it("a", "p", "2020-06", type_=InteractionType.VISITED),
        it("b", "c", None),
    ]
    G = build_multigraph(ACTORS, items, since="2020")
    assert {d["date"] for *_, d in G.edges(data=True)} == {"2020-05-01", "2020-06"}
    G = build_multigraph(ACTORS, items, until="2019-12")
    assert [d["date"] for *_, d in G.edges(data=True)] == ["2019-05-01"]
    G = build_multigraph(ACTORS, items, types=["VISITED"])
    assert [d["type"] for *_, d in G.edges(data=True)] == ["VISITED"]
    G = build_multigraph(ACTORS, items, statuses=[ClaimStatus.REPORTED])
    assert G.number_of_edges() == 1
    G = build_multigraph(ACTORS, items, kinds=[ActorKind.PERSON, ActorKind.ORGANIZATION])
    assert "p" not in G and G.number_of_edges() == 3


def test_unknown_source_skipped_and_unknown_actor_added() -> None:
    items = [it(None, "b", "2020", type_=InteractionType.ATTACKED), it("a", "zz", "2020")]
    G = build_multigraph(ACTORS, items)
    assert G.graph["unknown_source"] == 1
    assert G.nodes["zz"]["name"] == "zz"


def test_same_id_twice_merges_evidence() -> None:
    one = Interaction(InteractionType.MET_WITH, "a", "b", "2020", evidence=[ev("d1")])
    two = Interaction(InteractionType.MET_WITH, "b", "a", "2020", evidence=[ev("d2")])
    assert one.id == two.id
    G = build_multigraph(ACTORS, [one, two])
    assert G.number_of_edges() == 1
    (data,) = (d for *_, d in G.edges(data=True))
    assert data["evidence_count"] == 2 and data["documents"] == ["d1", "d2"]


def test_role_edges_from_affiliations_roles_and_parent() -> None:
    actors = [
        Actor("qf", "Qods Force", ActorKind.ORGANIZATION, parent="irgc"),
        Actor("irgc", "IRGC", ActorKind.ORGANIZATION),
        Actor("q", "Qaani", ActorKind.PERSON, roles=(Role("commander", "qf", "2020-01-03"),)),
        Actor("m", "Member", ActorKind.PERSON),
    ]
    affs = [
        Affiliation(AffiliationKind.MEMBER_OF, "m", "irgc"),
        Affiliation(AffiliationKind.HOLDS_ROLE, "q", "qf", "Commander", "2020-01-03"),
    ]
    G = build_multigraph(actors, [], affs)
    types = sorted(d["type"] for *_, d in G.edges(data=True))
    assert types == ["HOLDS_ROLE", "MEMBER_OF", "PART_OF"]  # the role is not duplicated
    assert all(d["role_edge"] for *_, d in G.edges(data=True))
    assert build_multigraph(actors, [], affs, include_roles=False).number_of_edges() == 0
    # a role that ended before the window is left out
    old = [Affiliation(AffiliationKind.HOLDS_ROLE, "m", "qf", "x", "2001", "2005")]
    G = build_multigraph(actors, [], old, since="2010")
    assert not G.has_edge("m", "qf") and G.number_of_edges() == 2


def test_collapse_weights() -> None:
    items = [
        it("a", "b", "2021-07-02", n=3),
        it("b", "a", "2021-07-02", status=ClaimStatus.REPORTED, type_=InteractionType.VISITED),
        it("b", "c", "2020-07-02"),
        it("a", "a", "2021-07-02", type_=InteractionType.VISITED),
    ]
    H = collapse(build_multigraph(ACTORS, items))
    assert isinstance(H, nx.Graph) and not H.is_multigraph()
    assert not nx.number_of_selfloops(H)
    ab = H["a"]["b"]
    assert ab["weight"] == pytest.approx((1 + math.log(3)) * 1.0 + 0.7)
    assert ab["distance"] == pytest.approx(1 / ab["weight"])
    assert ab["cost"] == pytest.approx(math.log1p(1 / ab["weight"]))
    assert sorted(ab["interactions"]) == sorted([items[0].id, items[1].id])
    assert ab["types"] == ["MET_WITH", "VISITED"]
    # one year older than the newest date: half the weight
    assert H["b"]["c"]["weight"] == pytest.approx(0.5, rel=0.01)


def test_collapse_refuses_simple_graphs_and_marks_role_pairs() -> None:
    with pytest.raises(nx.NetworkXNotImplemented):
        collapse(nx.Graph())
    actors = [*ACTORS, Actor("o", "Org", ActorKind.ORGANIZATION)]
    affs = [Affiliation(AffiliationKind.HOLDS_ROLE, "a", "o", "chief")]
    H = collapse(build_multigraph(actors, [it("a", "b", "2020")], affs))
    assert H["a"]["o"]["role_edge"] is True and H["a"]["o"]["weight"] == ROLE_WEIGHT
    assert H["a"]["b"]["role_edge"] is False


def test_weight_factors() -> None:
    assert evidence_weight(0) == evidence_weight(1) == 1.0
    assert evidence_weight(10) == pytest.approx(1 + math.log(10))
    assert STATUS_WEIGHTS["asserted"] > STATUS_WEIGHTS["reported"] > STATUS_WEIGHTS["denied"]
    assert recency_weight("2020-01-01", earliest("2021-01-01")) == pytest.approx(0.5, rel=0.01)
    assert recency_weight("2030", earliest("2021-01-01")) == 1.0
    assert recency_weight(None, earliest("2021-01-01")) == 0.5


def test_partial_dates() -> None:
    assert str(earliest("2020-11")) == "2020-11-01" and str(latest("2020-02")) == "2020-02-29"
    assert str(latest("2020")) == "2020-12-31" and str(midpoint("2020-11")) == "2020-11-15"
    assert in_window("2020", "2020-06", None) and not in_window("2019-12-31", "2020", None)
    assert not in_window(None, "2020", None) and in_window(None, None, None)
    assert period_key("2020-11-18", "quarter") == "2020-Q4"
    assert period_key("2020", "month") is None and period_key("2020", "year") == "2020"


class FakeStore:
    def __init__(self, actors, interactions, affiliations=()):
        self._a, self._i, self._f = list(actors), list(interactions), list(affiliations)

    def actors(self):
        return self._a

    def interactions(self, flt=None):
        return self._i

    def affiliations(self):
        return self._f


def test_graph_from_store_passes_filters() -> None:
    store = FakeStore(ACTORS, [it("a", "b", "2019"), it("a", "c", "2021")])
    assert graph_from_store(store).number_of_edges() == 2
    assert graph_from_store(store, since="2020").number_of_edges() == 1
