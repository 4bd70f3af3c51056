"""Timelines, monthly activity, centrality per period."""

from __future__ import annotations

import networkx as nx
import pytest

from actornet.analysis.graph import build_multigraph
from actornet.analysis.timeline import (
    activity,
    centrality_by_period,
    changes,
    period_coverage,
    timeline,
)
from actornet.model import Actor, ActorKind, Affiliation, AffiliationKind, Evidence, Interaction

MET, VISITED, ATTACKED = "MET_WITH", "VISITED", "ATTACKED"
ACTORS = [Actor(x, x.upper(), ActorKind.PERSON) for x in "abcde"]


def it(type_, src, dst, date):
    return Interaction(type_, src, dst, date, evidence=[Evidence("r", 0, 1, "q")])


ITEMS = [
    it(MET, "a", "b", "2020-01-05"),
    it(VISITED, "a", "c", "2020-01"),
    it(ATTACKED, "d", "a", "2020-03-01"),
    it(MET, "a", "e", None),
    it(MET, "b", "c", "2020"),
    it(MET, "c", "d", "2020-07-01"),
    it(MET, "c", "e", "2020-08-01"),
    it(MET, "c", "b", "2020-08-02"),
]


def test_timeline_in_date_order_both_directions() -> None:
    G = build_multigraph(ACTORS, ITEMS, [Affiliation(AffiliationKind.MEMBER_OF, "a", "e")])
    events = timeline(G, "a")
    assert [(e.date, e.type, e.direction, e.other.id) for e in events] == [
        ("2020-01", VISITED, "out", "c"),
        ("2020-01-05", MET, "out", "b"),
        ("2020-03-01", ATTACKED, "in", "d"),
        (None, "MEMBER_OF", "out", "e"),
        (None, MET, "out", "e"),
    ]
    assert events[-2].role_edge and events[0].to_dict()["other"] == {"id": "c", "name": "C"}
    with pytest.raises(nx.NodeNotFound):
        timeline(G, "zz")


def test_monthly_activity_filled() -> None:
    act = activity(build_multigraph(ACTORS, ITEMS))
    assert list(act)[:3] == ["2020-01", "2020-02", "2020-03"] and len(act) == 8
    assert act["2020-01"] == {MET: 1, VISITED: 1}
    assert act["2020-02"] == {} and act["2020-08"] == {MET: 2}
    assert activity(build_multigraph(ACTORS, ITEMS), period="year") == {
        "2020": {ATTACKED: 1, MET: 5, VISITED: 1}
    }


def test_centrality_per_quarter_and_changes() -> None:
    G = build_multigraph(ACTORS, ITEMS)
    by = centrality_by_period(G, period="quarter", measure="degree")
    assert list(by) == ["2020-Q1", "2020-Q3"]
    assert by["2020-Q1"]["a"] == 3 and by["2020-Q3"]["c"] == 3
    (change,) = changes(by, n=2)
    assert (change.before, change.after) == ("2020-Q1", "2020-Q3")
    # shares of each quarter's total degree (6 in both), among b, c, d (in both quarters)
    assert change.compared == 3
    assert change.risers == (("c", pytest.approx(1 / 6), pytest.approx(0.5)),)
    assert change.to_dict()["risers"][0]["change"] == pytest.approx(1 / 3, abs=1e-6)
    # a has no interaction in Q3: that is no fall to 0, it is "only in Q1"
    assert change.fallers == () and [m[0] for m in change.unseen] == ["a"]
    assert [m[0] for m in change.new] == ["e"]
    shares = centrality_by_period(G, period="quarter")
    assert sum(shares["2020-Q1"].values()) == pytest.approx(1.0)


def test_changes_say_each_periods_coverage_and_compare_like_with_like() -> None:
    # 2019: one report where Iran meets Hamas; 2020: two reports, Iran in neither of their
    # interactions. Iran is "only in 2019", never a fall from 0.5 to 0.
    def told(src, dst, date, doc):
        return Interaction(MET, src, dst, date, evidence=[Evidence(doc, 0, 1, "q")])

    actors = [Actor(x, x.title(), ActorKind.PERSON) for x in ("iran", "hamas", "x", "y")]
    items = [
        told("iran", "hamas", "2019-07", "r2019.txt"),
        told("hamas", "x", "2020-03", "r2020a.txt"),
        told("x", "y", "2020-11", "r2020b.txt"),
        told("hamas", "y", "2020-11", "r2020b.txt"),
    ]
    G = build_multigraph(actors, items)
    coverage = period_coverage(G, period="year")
    assert coverage == {
        "2019": {"reports": 1, "interactions": 1},
        "2020": {"reports": 2, "interactions": 3},
    }
    (c,) = changes(centrality_by_period(G, period="year"), coverage=coverage)
    assert "iran" not in {m[0] for m in c.risers + c.fallers}
    assert [m[0] for m in c.unseen] == ["iran"] and c.compared == 1
    data = c.to_dict()
    assert data["before_coverage"] == {"reports": 1, "interactions": 1}
    assert data["after_coverage"]["reports"] == 2


@pytest.mark.parametrize("period", ["year", "quarter"])
def test_pagerank_by_period_without_a_graph_per_period_is_the_collapsed_one(period: str) -> None:
    """The report's PageRank per period sums each period's pairs in numpy and hands them to
    the engine directly; it must score as collapsing each period and converting it did:
    same periods, same actors in the same order, same scores (igraph's ARPACK varies in
    the last bits from one call to the next, on one graph), and the engine's inputs (nodes,
    pairs in order, weights) equal to the bit."""
    import importlib

    import numpy as np

    from actornet.analysis.centrality import centrality
    from actornet.analysis.engine import converted
    from actornet.analysis.graph import edge_items
    from actornet.analysis.synthetic import synthetic_network

    timeline_module = importlib.import_module("actornet.analysis.timeline")
    syn = synthetic_network(10_000, seed=0)  # 1,000 actors: yearly periods above 500 actors
    G = build_multigraph(syn.actors, syn.interactions, syn.affiliations)
    G.add_edge("a-self", "a-self", key="loop", type=MET, date="2016-01-01", status="asserted")
    keys = timeline_module._Periods(period)
    edges: dict[str, list] = {}
    for u, v, k, data in edge_items(G):  # the per-period collapse, as the report did it
        key = None if data.get("role_edge") else keys[data.get("date")]
        if key:
            edges.setdefault(key, []).append((u, v, k, data))
    graphs = {key: timeline_module._period_graph(G, key, edges[key]) for key in sorted(edges)}
    reference = {key: centrality(H, "pagerank") for key, H in graphs.items()}
    sent: list[tuple[list, np.ndarray, np.ndarray]] = []
    engine_call = timeline_module.engine_pagerank_arrays

    def spy(nodes, pairs, weights, **kw):  # type: ignore[no-untyped-def]
        sent.append((list(nodes), pairs, weights))
        return engine_call(nodes, pairs, weights, **kw)

    timeline_module.engine_pagerank_arrays = spy
    try:
        found = centrality_by_period(G, period=period)
    finally:
        timeline_module.engine_pagerank_arrays = engine_call
    assert list(found) == list(reference)
    for key in reference:
        assert list(found[key]) == list(reference[key])
        assert found[key] == pytest.approx(reference[key], rel=1e-9, abs=1e-15)
    large = [H for H in graphs.values() if len(H) > 500]
    assert len(sent) == len(large) and (period == "quarter" or large)
    for H in large:
        c = converted(H)
        _, pairs, weights = next(s for s in sent if s[0] == list(c.nodes))
        assert np.array_equal(pairs, c.edges)
        assert np.array_equal(weights, c.attrs["weight"])
