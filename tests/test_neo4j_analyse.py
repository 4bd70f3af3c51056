"""`actornet neo4j analyse` on a live Neo4j with Graph Data Science, against NetworkX.

Needs NEO4J_URI (see conftest) and the GDS plugin on that server
(`scripts/neo4j-local start --gds`). Without GDS the tests skip with that reason, except
in CI (CI set), where they fail: `.ci/run` starts the server with --gds.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from scipy.stats import spearmanr

from actornet.analysis.centrality import betweenness, degree, pagerank, top, weighted_degree
from actornet.analysis.graph import collapse, graph_from_store
from actornet.cli import main
from actornet.cli.common import open_sqlite
from actornet.store.confident import confident
from actornet.store.neo4j import Neo4jStore
from actornet.store.neo4j_gds import PROJECTION_PREFIX, GdsMissing, gds_version
from conftest import cypher, neo4j_env, open_live

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
GDS_SKIP = "the Neo4j server has no Graph Data Science plugin (scripts/neo4j-local start --gds)"
METRICS = ("degree", "weighted_degree", "betweenness", "pagerank")


def require_gds() -> None:
    """Skip without GDS on the live server (fail in CI, which starts it with --gds)."""
    neo4j_env()
    with Neo4jStore.from_env() as store:
        try:
            gds_version(store)
        except GdsMissing:
            if os.environ.get("CI"):
                pytest.fail("CI must run the GDS tests: " + GDS_SKIP)
            pytest.skip(GDS_SKIP)


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def networkx_scores(seed_db: Path) -> dict[str, dict[str, float]]:
    """What `actornet report` computes on the seeds, at the default confidence threshold."""
    with confident(open_sqlite(str(seed_db), must_exist=True), None) as store:
        H = collapse(graph_from_store(store))
    return {
        "degree": {v: float(x) for v, x in degree(H).items()},
        "weighted_degree": weighted_degree(H),
        "betweenness": betweenness(H),
        "pagerank": pagerank(H),
    }


@pytest.fixture(scope="module")
def analysed(seed_db: Path) -> Iterator[tuple[Neo4jStore, dict]]:
    """The seeds loaded (`neo4j load`, default threshold) and `neo4j analyse --json` run."""
    require_gds()
    env = {**neo4j_env(), "ACTORNET_DB": str(seed_db)}
    runner = CliRunner()
    with open_live() as store:
        try:
            result = runner.invoke(main, ["neo4j", "load"], env=env)
            assert result.exit_code == 0, result.output
            result = runner.invoke(main, ["neo4j", "analyse", "--json"], env=env)
            assert result.exit_code == 0, result.output
            yield store, json.loads(result.output)
        finally:
            store.wipe()


def written(store: Neo4jStore) -> dict[str, dict[str, float]]:
    rows = cypher(
        store,
        "MATCH (a:Actor) WHERE a.pagerank IS NOT NULL RETURN a.id AS id, a.degree AS degree, "
        "a.weighted_degree AS weighted_degree, a.betweenness AS betweenness, "
        "a.pagerank AS pagerank, a.community AS community",
    )
    return {m: {r["id"]: r[m] for r in rows} for m in (*METRICS, "community")}


@pytest.mark.parametrize("measure", ["pagerank", "betweenness"])
def test_same_top_10_and_spearman_as_networkx(
    analysed: tuple[Neo4jStore, dict], networkx_scores: dict, measure: str
) -> None:
    store, _ = analysed
    gds = written(store)[measure]
    nx_scores = networkx_scores[measure]
    assert set(gds) == set(nx_scores)  # the same actors in both graphs
    assert [v for v, _ in top(gds, 10)] == [v for v, _ in top(nx_scores, 10)]
    ids = sorted(nx_scores)
    rho = spearmanr([gds[v] for v in ids], [nx_scores[v] for v in ids]).statistic
    assert rho >= 0.95


def test_scores_are_on_the_report_scales(
    analysed: tuple[Neo4jStore, dict], networkx_scores: dict
) -> None:
    """Degree and weighted degree equal, betweenness normalised, PageRank summing to 1."""
    store, _ = analysed
    gds = written(store)
    for measure, tolerance in (
        ("degree", 0.0),
        ("weighted_degree", 1e-9),
        ("betweenness", 1e-9),  # exact on the seeds (fewer than 500 actors)
        ("pagerank", 1e-4),  # networkx stops at a looser tolerance than GDS
    ):
        diff = max(abs(gds[measure][v] - x) for v, x in networkx_scores[measure].items())
        assert diff <= tolerance, measure
    assert sum(gds["pagerank"].values()) == pytest.approx(1.0)
    communities = sorted(set(gds["community"].values()))
    assert communities == list(range(len(communities)))  # numbered 0.., largest first
    sizes = [list(gds["community"].values()).count(c) for c in communities]
    assert sizes == sorted(sizes, reverse=True)


def test_json_lists_the_report_sections(
    analysed: tuple[Neo4jStore, dict], networkx_scores: dict[str, dict[str, float]]
) -> None:
    _, data = analysed
    assert set(data) == {"analysis", "top", "brokers", "communities"}
    assert set(data["top"]) == set(METRICS)
    actors = len(networkx_scores["degree"])  # the actors NetworkX's report sees
    assert data["analysis"]["written"] == data["analysis"]["actors"] == actors
    assert data["brokers"] and data["communities"]
    first = data["top"]["pagerank"][0]
    assert first["name"] == "Iran"


def test_projection_is_dropped(analysed: tuple[Neo4jStore, dict]) -> None:
    store, _ = analysed
    names = [r["name"] for r in cypher(store, "CALL gds.graph.list() YIELD graphName AS name")]
    assert not [n for n in names if n.startswith(PROJECTION_PREFIX)]


def test_top_brokers_query_answers_right_after(analysed: tuple[Neo4jStore, dict]) -> None:
    store, data = analysed
    query = (ROOT / "cypher" / "top_brokers.cypher").read_text(encoding="utf-8")
    rows = cypher(store, query, min_betweenness=0.01, limit=20)
    assert rows
    assert {r["actor"] for r in rows} >= {b["name"] for b in data["brokers"][:5]}


def test_text_output_prints_the_report_tables(
    analysed: tuple[Neo4jStore, dict], seed_db: Path
) -> None:
    env = {**neo4j_env(), "ACTORNET_DB": str(seed_db), "COLUMNS": "160"}
    result = CliRunner().invoke(main, ["neo4j", "analyse", "--top", "5"], env=env)
    assert result.exit_code == 0, result.output
    for heading in ("Top actors", "Brokers", "Communities", "PageRank (linked to the central)"):
        assert heading in result.output
    assert "broker score = betweenness / (degree / (n - 1))" in result.output


def test_min_confidence_leaves_interactions_out(analysed: tuple[Neo4jStore, dict]) -> None:
    """At 1.0 only confirmed and never-scored interactions count: fewer interactions."""
    store, data = analysed
    from actornet.store.neo4j_gds import analyse

    strict = analyse(store, min_confidence=1.0, write=False)
    assert sum(strict.interactions_by_type.values()) < data["analysis"]["interactions"]
    assert strict.relationships < data["analysis"]["pairs"]


def test_without_gds_one_line_and_exit_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """A server that does not know gds.version(): one error line naming the way to get GDS."""
    neo4j_env()
    import actornet.store.neo4j_gds as gds

    monkeypatch.setattr(gds, "VERSION", "RETURN actornet_no_such.version() AS version")
    result = CliRunner().invoke(main, ["neo4j", "analyse"], env=neo4j_env())
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: ") and "scripts/neo4j-local start --gds" in lines[0]
