"""Against a real Neo4j 5 (NEO4J_URI, NEO4J_PASSWORD; `scripts/neo4j-local start`).

WARNING: wipes actornet's nodes (Actor, Document, Claim) in the target database.
The store contract suite also runs on Neo4j through conftest's `store` fixture.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from actornet.cli import main
from actornet.model import Actor, ActorKind, Affiliation, AffiliationKind, InteractionType
from actornet.store.base import StoreError
from actornet.store.neo4j import Neo4jStore
from actornet.store.sqlite import SqliteStore
from conftest import cypher, neo4j_env, open_live
from factories import (
    HOSTILE,
    NUJABA,
    QAANI,
    QODS,
    extraction,
    meeting,
    person,
    sample_extractions,
)

pytestmark = pytest.mark.neo4j

ROOT = Path(__file__).resolve().parents[1]
CYPHER = ROOT / "cypher"
PARAM_LINE = re.compile(r"^//\s*:param\s+(\w+)\s*=>\s*(.+?)\s*$", re.M)
IRAN = Actor("iran", "Iran", ActorKind.COUNTRY, country="IRN", state=True)


def relationships(store: Neo4jStore) -> list[tuple[str, str, str, Any]]:
    rows = cypher(
        store,
        "MATCH (s)-[r]->(t) RETURN type(r) AS type, coalesce(s.id, s.key) AS s, t.id AS t, "
        "coalesce(r.id, r.key) AS id ORDER BY type, s, t, id",
    )
    return [(r["type"], r["s"], r["t"], r["id"]) for r in rows]


def test_server_is_neo4j_5(live: Neo4jStore) -> None:
    assert live.server_info()["agent"].startswith("Neo4j/5.")


def test_schema_is_idempotent_and_fulltext_search_works(live: Neo4jStore) -> None:
    assert live.apply_schema() == live.apply_schema()
    for ex in sample_extractions():
        live.replace_document(ex)
    cypher(live, "CALL db.awaitIndexes(300)")
    rows = cypher(
        live,
        "CALL db.index.fulltext.queryNodes('actor_names', $q) YIELD node RETURN node.id AS id",
        q="Qaani",
    )
    assert QAANI.id in {r["id"] for r in rows}


def test_load_twice_leaves_identical_counts(live: Neo4jStore, tmp_path: Path) -> None:
    with SqliteStore(tmp_path / "a.db") as sqlite:
        for ex in sample_extractions():
            sqlite.replace_document(ex)
        first = live.load_from(sqlite)
        rels = relationships(live)
        assert live.load_from(sqlite) == first
        assert relationships(live) == rels
        assert live.interactions() == sqlite.interactions()
        assert live.actors() == sqlite.actors()
        assert live.affiliations() == sqlite.affiliations()


def test_changed_document_leaves_nothing_stale(live: Neo4jStore) -> None:
    doc = "r.txt"
    amiri = person("amiri", "Amiri")
    v1 = extraction(
        doc,
        actors=[QAANI, person("kadhimi", "Kadhimi"), amiri],
        interactions=[
            meeting(doc, QAANI.id, "kadhimi", "2021-11-07"),
            meeting(doc, QAANI.id, "amiri", "2021-11-08"),
        ],
        affiliations=[Affiliation(AffiliationKind.MEMBER_OF, "kadhimi", "amiri")],
    )
    live.replace_document(v1)
    v2 = extraction(
        doc,
        actors=[QAANI, amiri],
        interactions=[meeting(doc, QAANI.id, "amiri", "2021-11-08", "new quote")],
        text="changed",
    )
    live.replace_document(v2)
    (kept,) = v2.interactions
    assert relationships(live) == [
        ("CLAIMED_IN", f"{doc}|{kept.id}", doc, None),
        ("MENTIONED_IN", "amiri", doc, None),
        ("MENTIONED_IN", QAANI.id, doc, None),
        ("MET_WITH", QAANI.id, "amiri", kept.id),
    ]
    rows = cypher(live, "MATCH ()-[r:MET_WITH]->() RETURN r.quotes AS quotes")
    assert rows == [{"quotes": ["new quote"]}]
    ids = {r["id"] for r in cypher(live, "MATCH (a:Actor) RETURN a.id AS id")}
    assert ids == {QAANI.id, "amiri"}
    assert cypher(live, "MATCH (c:Claim) RETURN count(c) AS n") == [{"n": 1}]
    assert cypher(live, "MATCH ()-[r:MEMBER_OF]->() RETURN count(r) AS n") == [{"n": 0}]
    live.delete_document(doc)
    assert cypher(
        live, "MATCH (n) WHERE n:Actor OR n:Document OR n:Claim RETURN count(n) AS n"
    ) == [{"n": 0}]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_names_round_trip(live: Neo4jStore, hostile: str) -> None:
    bad = person(hostile, hostile, hostile, country=hostile)
    it = meeting(hostile, hostile, QAANI.id, "2021-01-01", hostile, hostile, mode=hostile)
    live.replace_document(
        extraction(hostile, actors=[bad, QAANI], interactions=[it], title=hostile)
    )
    assert {a.id: a for a in live.actors()}[hostile] == bad
    (got,) = live.interactions()
    assert (got.mode, got.evidence) == (hostile, it.evidence)
    labels = cypher(live, "MATCH (n) UNWIND labels(n) AS l RETURN collect(DISTINCT l) AS ls")
    assert set(labels[0]["ls"]) <= {"Actor", "Person", "Document", "Claim"}


def test_errors_are_one_line_without_password() -> None:
    env = neo4j_env()
    uri, user, password = env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"]
    with pytest.raises(StoreError, match="rejected the credentials") as err:
        Neo4jStore(uri, user, password + "-wrong")
    assert password not in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(StoreError, match="has no database") as err:
        Neo4jStore(uri, user, password, "no-such-db")
    assert password not in str(err.value)


def saved_params(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    return {m[1]: json.loads(m[2]) for m in PARAM_LINE.finditer(text)}


@pytest.mark.parametrize(
    "path", sorted(p for p in CYPHER.glob("*.cypher") if p.name != "schema.cypher"), ids=str
)
def test_saved_query_runs_with_its_example_params(live: Neo4jStore, path: Path) -> None:
    chain = extraction(
        "c.txt",
        actors=[IRAN, QODS, NUJABA, QAANI],
        interactions=[meeting("c.txt", QAANI.id, NUJABA.id, "2021-11-07")],
        affiliations=[
            Affiliation(AffiliationKind.PART_OF, QODS.id, IRAN.id),
            Affiliation(AffiliationKind.HOLDS_ROLE, QAANI.id, QODS.id, "commander", "2020-01-03"),
        ],
    )
    for ex in [*sample_extractions(), chain]:
        live.replace_document(ex)
    live.write_metrics({QAANI.id: {"degree": 3, "betweenness": 0.5, "pagerank": 0.3}})
    params = saved_params(path)
    rows = cypher(live, path.read_text(encoding="utf-8"), **params)
    expected_rows = {
        "tehran_to_proxies": 1,
        "met_with_in_window": 1,
        "actor_timeline": 1,
        "top_brokers": 1,
        "contested_claims": 1,
        "actors_by_centrality": 1,
    }
    assert len(rows) >= expected_rows.get(path.stem, 0), rows
    if path.stem == "relationship_evidence":
        met = next(i for i in live.interactions() if i.type is InteractionType.MET_WITH)
        rows = cypher(live, path.read_text(encoding="utf-8"), rel_id=met.id)
        assert [r["quote"] for r in rows] == [e.quote for e in met.evidence]


# ---------------------------------------------------------------------- the seed store


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled seed reports, ingested into an embedded store (once per module)."""
    db = tmp_path_factory.mktemp("seed") / "seed.db"
    result = CliRunner().invoke(main, ["ingest", str(ROOT / "seeds"), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


def test_confidence_is_a_claim_property_and_the_relationship_holds_the_max(
    live: Neo4jStore, tmp_path: Path
) -> None:
    a = extraction(
        "a.txt",
        interactions=[
            meeting("a.txt", "x", "y", "2021-05", confidence=0.375),
            meeting("a.txt", "x", "z", "2021-05"),  # never scored
        ],
    )
    b = extraction("b.txt", interactions=[meeting("b.txt", "y", "x", "2021-05", confidence=0.75)])
    with SqliteStore(tmp_path / "a.db") as sqlite:
        sqlite.replace_document(a)
        sqlite.replace_document(b)
        live.load_from(sqlite)
        assert live.interactions() == sqlite.interactions()
        claims = cypher(
            live,
            "MATCH (c:Claim) RETURN c.document AS doc, c.target AS t, c.confidence AS conf "
            "ORDER BY doc, t",
        )
        assert claims == [
            {"doc": "a.txt", "t": "y", "conf": 0.375},
            {"doc": "a.txt", "t": "z", "conf": None},
            {"doc": "b.txt", "t": "x", "conf": 0.75},
        ]
        rels = cypher(
            live, "MATCH (s)-[r:MET_WITH]->(t) RETURN t.id AS t, r.confidence AS conf ORDER BY t"
        )
        assert rels == [{"t": "y", "conf": 0.75}, {"t": "z", "conf": None}]
        got = live.extraction("a.txt")
        assert got is not None and [i.confidence for i in got.interactions] == [
            i.confidence for i in sorted(a.interactions, key=lambda i: i.id)
        ]
    live.delete_document("b.txt")  # the relationship is derived again from a.txt's claim
    assert {i.target: i.confidence for i in live.interactions()} == {"y": 0.375, "z": None}


@pytest.fixture
def seeded(neo4j_schema: None, seed_db: Path) -> Iterator[Neo4jStore]:
    """The seed store loaded into the live server, with metrics written back."""
    env = {**neo4j_env(), "ACTORNET_DB": str(seed_db)}
    runner = CliRunner()
    with open_live() as store:
        # every interaction, whatever its confidence: the store round-trips as it is, and
        # the metrics are those of the network loaded
        everything = ["--min-confidence", "0"]
        for args in (["neo4j", "load", *everything], ["neo4j", "write-metrics", *everything]):
            result = runner.invoke(main, args, env=env)
            assert result.exit_code == 0, result.output
        try:
            yield store
        finally:
            store.wipe()


SAVED = sorted(p for p in CYPHER.glob("*.cypher") if p.name != "schema.cypher")


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_saved_query_answers_on_the_seed_store_with_its_own_params(
    seeded: Neo4jStore, seed_db: Path, path: Path
) -> None:
    """Pasting the file's `:param` lines and then the file into Browser gives rows."""
    params = saved_params(path)
    assert params, f"{path.name} declares no :param example"
    rows = cypher(seeded, path.read_text(encoding="utf-8"), **params)
    assert rows, f"{path.name} returns nothing with its own example :param values {params}"
    columns = set(rows[0])
    assert all(set(r) == columns for r in rows)
    if path.stem == "relationship_evidence":
        with SqliteStore(seed_db) as sqlite:
            (it,) = [i for i in sqlite.interactions() if i.id == params["rel_id"]]
        assert [r["quote"] for r in rows] == [e.quote for e in it.evidence]


def test_seed_store_round_trips_through_the_server(seeded: Neo4jStore, seed_db: Path) -> None:
    with SqliteStore(seed_db) as sqlite:
        assert seeded.interactions() == sqlite.interactions()
        assert seeded.actors() == sqlite.actors()
        assert seeded.affiliations() == sqlite.affiliations()
        assert [d.id for d in seeded.documents()] == [d.id for d in sqlite.documents()]
