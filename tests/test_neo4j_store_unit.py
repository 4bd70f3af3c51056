"""Neo4jStore on the live server (NEO4J_URI), plus error mapping without one.

The store's orchestration (transactions, batching, claim merging, orphan clean-up,
timeouts) runs against the real Cypher of a real Neo4j 5. Only the error mapping
(unreachable server, bad password, missing database) uses `MagicMock(spec=neo4j.Driver)`:
those states are hard to provoke on demand.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any
from unittest.mock import MagicMock

import neo4j
import pytest
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

import test_store_contract as contract
from actornet.store import neo4j as store_module
from actornet.store import neo4j_rows as q
from actornet.store.base import StoreError
from actornet.store.neo4j import Neo4jStore
from conftest import cypher, neo4j_env, open_live
from factories import HOSTILE, QAANI, extraction, meeting, person, sample_extractions

PASSWORD = "s3cret-pa55word"
neo4j_marked = pytest.mark.neo4j


@pytest.fixture
def store(neo4j_schema: None) -> Iterator[Neo4jStore]:
    """Overrides conftest's `store`: the contract suite again, in batches of 2 rows."""
    s = open_live(batch_size=2)
    try:
        yield s
    finally:
        s.wipe()
        s.close()


def _neo4j_copy(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A copy of a contract test, marked `neo4j` (the original stays unmarked)."""

    def test(*args: Any, **kwargs: Any) -> Any:
        return fn(*args, **kwargs)

    return neo4j_marked(functools.update_wrapper(test, fn))


# The whole store contract suite, on the live server with batch_size=2.
globals().update({k: _neo4j_copy(v) for k, v in vars(contract).items() if k.startswith("test_")})


@pytest.fixture
def queries(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every (query, parameters) the store sends inside its transactions, in order."""
    log: list[tuple[str, dict[str, Any]]] = []
    real = store_module._rows

    def spy(tx: Any, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        log.append((query, params or {}))
        return real(tx, query, params)

    monkeypatch.setattr(store_module, "_rows", spy)
    return log


@neo4j_marked
def test_connects_with_the_given_settings(neo4j_schema: None) -> None:
    env = neo4j_env()
    with Neo4jStore(
        env["NEO4J_URI"], env["NEO4J_USER"], env["NEO4J_PASSWORD"], "neo4j", connection_timeout=3
    ) as s:
        assert (s.user, s.database, s.tx_timeout) == (env["NEO4J_USER"], "neo4j", 60.0)
        assert s.server_info()["agent"].startswith("Neo4j/5.")
        assert s.counts()["documents"] >= 0


@neo4j_marked
def test_each_document_is_one_write_transaction(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Callable[..., Any]] = []
    original = neo4j.Session.execute_write

    def counting(self: neo4j.Session, fn: Callable[..., Any], *a: Any, **kw: Any) -> Any:
        calls.append(fn)
        return original(self, fn, *a, **kw)

    monkeypatch.setattr(neo4j.Session, "execute_write", counting)
    contract.load(store)
    assert len(calls) == len(sample_extractions())
    assert all(getattr(fn, "timeout", None) == store.tx_timeout for fn in calls)


@neo4j_marked
def test_replace_document_batches_and_parameters(
    store: Neo4jStore, queries: list[tuple[str, dict[str, Any]]]
) -> None:
    people = [person(f"p{i}", f"Person {i}") for i in range(5)]
    its = [meeting("d.txt", f"p{i}", f"p{i + 1}", "2021-01-0" + str(i + 1)) for i in range(4)]
    store.replace_document(extraction("d.txt", actors=people, interactions=its))
    person_batches = [p["Person"] for query, p in queries if query == q.ACTORS_UPSERT]
    assert [len(b) for b in person_batches] == [2, 2, 1]  # batch_size=2, remainder last
    assert [r["id"] for b in person_batches for r in b] == [f"p{i}" for i in range(5)]
    assert all(p["document"] == "d.txt" for q_, p in queries if q_ == q.ACTORS_UPSERT)
    creates = [p["MET_WITH"] for query, p in queries if query == q.INTERACTIONS_CREATE]
    assert [len(rows) for rows in creates] == [2, 2]
    assert all(p["VISITED"] == [] for q_, p in queries if q_ == q.INTERACTIONS_CREATE)
    claims = [p for query, p in queries if query == q.CLAIM_CREATE]
    assert {p["document"] for p in claims} == {"d.txt"}
    assert sum(len(p["rows"]) for p in claims) == 4
    # what the server holds: one relationship per meeting, its evidence as parameters sent
    rows = cypher(
        store,
        "MATCH (s:Actor)-[r:MET_WITH]->(t:Actor) RETURN s.id AS s, t.id AS t, r.quotes AS quotes, "
        "r.date AS date, r.date_precision AS precision ORDER BY s",
    )
    assert rows[0] == {
        "s": "p0",
        "t": "p1",
        "quotes": ["p0 met p1."],
        "date": "2021-01-01",
        "precision": "day",
    }
    assert len(rows) == 4
    mentions = cypher(store, "MATCH (:Actor)-[m:MENTIONED_IN]->(:Document) RETURN count(m) AS n")
    assert mentions == [{"n": 5}]


@neo4j_marked
def test_delete_only_for_ids_that_can_have_a_relationship(
    store: Neo4jStore, queries: list[tuple[str, dict[str, Any]]]
) -> None:
    people = [person(f"p{i}", f"Person {i}") for i in range(4)]
    shared = meeting("a.txt", "p0", "p1", "2021-01-01")
    store.replace_document(extraction("a.txt", actors=people, interactions=[shared]))

    def deleted() -> list[str]:
        found = [i for query, p in queries if query == q.INTERACTIONS_DELETE for i in p["MET_WITH"]]
        queries.clear()
        return found

    assert deleted() == []  # a new document, a new id: nothing to delete
    again = meeting("b.txt", "p0", "p1", "2021-01-01")
    new = meeting("b.txt", "p2", "p3", "2021-01-02")
    assert again.id == shared.id
    store.replace_document(extraction("b.txt", actors=people, interactions=[again, new]))
    assert deleted() == [shared.id]  # claimed by a.txt: its relationship is rebuilt
    store.replace_document(extraction("b.txt", actors=people, interactions=[again, new]))
    assert sorted(deleted()) == sorted([shared.id, new.id])  # released by the reload
    rows = cypher(store, "MATCH ()-[r:MET_WITH]->() RETURN r.id AS id, r.documents AS docs")
    assert sorted((r["id"], r["docs"]) for r in rows) == sorted(
        [(shared.id, ["a.txt", "b.txt"]), (new.id, ["b.txt"])]
    )


@neo4j_marked
def test_hostile_values_only_in_parameters(
    store: Neo4jStore, queries: list[tuple[str, dict[str, Any]]]
) -> None:
    for hostile in HOSTILE:
        bad = person(hostile, hostile, hostile)
        it = meeting(hostile, hostile, QAANI.id, "2021", hostile, hostile, mode=hostile)
        store.replace_document(extraction(hostile, actors=[bad, QAANI], interactions=[it]))
    assert queries
    for query, _ in queries:
        assert not any(h in query for h in HOSTILE)
    assert {a.id for a in store.actors()} >= set(HOSTILE)
    labels = cypher(store, "MATCH (n) UNWIND labels(n) AS l RETURN collect(DISTINCT l) AS ls")
    assert set(labels[0]["ls"]) <= {"Actor", "Person", "Document", "Claim"}


@neo4j_marked
def test_loading_twice_leaves_identical_counts(store: Neo4jStore) -> None:
    contract.load(store)
    first = store.counts()
    contract.load(store)
    assert store.counts() == first
    assert first["documents"] == 2 and first["interactions"] == 4 and first["claims"] == 5


@neo4j_marked
def test_unchanged_actors_are_not_rewritten(store: Neo4jStore) -> None:
    a, _ = sample_extractions()
    store.replace_document(a)
    cypher_set = "MATCH (a:Actor {id: $id}) SET a.marker = 1"
    store.run_auto_commit(cypher_set, {"id": QAANI.id})
    store.replace_document(a)  # same actor, same digest: its node is left alone
    assert cypher(store, "MATCH (a:Actor {id: $id}) RETURN a.marker AS m", id=QAANI.id) == [
        {"m": 1}
    ]
    renamed = extraction(a.document.id, actors=[person(QAANI.id, "Renamed")], text="v2")
    store.replace_document(renamed)
    got = cypher(store, "MATCH (a:Actor {id: $id}) RETURN a.name AS name", id=QAANI.id)
    assert got == [{"name": "Renamed"}]


@neo4j_marked
def test_unknown_source_uses_one_placeholder(store: Neo4jStore) -> None:
    contract.load(store)
    rows = cypher(
        store,
        "MATCH (a:Actor {id: $id}) RETURN a.name AS name, labels(a) AS labels, a.kind AS kind",
        id=q.UNKNOWN_ACTOR_ID,
    )
    assert [(r["name"], sorted(r["labels"]), r["kind"]) for r in rows] == [
        (q.UNKNOWN_ACTOR_NAME, ["Actor", "Organization"], None)
    ]
    assert q.UNKNOWN_ACTOR_ID not in {a.id for a in store.actors()}
    store.delete_document("001_b.txt")
    assert cypher(store, "MATCH (a:Actor {id: $id}) RETURN a", id=q.UNKNOWN_ACTOR_ID) == []


@neo4j_marked
def test_failure_inside_a_document_rolls_it_back_and_rerun_fixes(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = sample_extractions()
    store.replace_document(a)
    before = store.counts()
    real, sent = store_module._rows, []

    def failing(tx: Any, query: str, params: dict[str, Any] | None = None) -> Any:
        sent.append(query)
        if len(sent) == 8:  # half-way through the document's transaction
            raise Neo4jError._hydrate_neo4j(code="Neo.ClientError.General.Injected", message="x")
        return real(tx, query, params)

    monkeypatch.setattr(store_module, "_rows", failing)
    with pytest.raises(StoreError, match="Injected") as err:
        store.replace_document(b)
    assert store.tx_timeout and PASSWORD not in str(err.value)
    monkeypatch.setattr(store_module, "_rows", real)
    assert store.counts() == before  # the server rolled the transaction back
    store.replace_document(b)
    assert store.counts()["documents"] == 2


@neo4j_marked
def test_write_metrics_validates_names(store: Neo4jStore) -> None:
    contract.load(store)
    assert store.write_metrics({QAANI.id: {"degree": 3, "pagerank": 0.25}}) == 1
    query = "MATCH (a:Actor {id: $id}) RETURN a.pagerank AS p, a.betweenness AS b"
    assert cypher(store, query, id=QAANI.id) == [{"p": 0.25, "b": None}]
    store.write_metrics({QAANI.id: {"betweenness": 0.5}})
    assert cypher(store, query, id=QAANI.id) == [{"p": None, "b": 0.5}]  # earlier cleared
    with pytest.raises(ValueError, match="unknown metric"):
        store.write_metrics({QAANI.id: {"name": 1.0}})


@neo4j_marked
def test_extraction_round_trips_a_document(store: Neo4jStore) -> None:
    a, _ = sample_extractions()
    store.replace_document(a)
    got = store.extraction(a.document.id)
    assert got is not None
    assert got.document == a.document
    assert {x.id for x in got.actors} == {x.id for x in a.actors}
    assert sorted(i.id for i in got.interactions) == sorted(i.id for i in a.interactions)
    assert got.affiliations == a.affiliations
    assert store.extraction("missing.txt") is None


@neo4j_marked
def test_changed_document_leaves_no_stale_nodes_or_relationships(store: Neo4jStore) -> None:
    v1 = extraction(
        "r.txt",
        actors=[QAANI, person("kadhimi", "Kadhimi"), person("amiri", "Amiri")],
        interactions=[
            meeting("r.txt", QAANI.id, "kadhimi", "2021-11-07"),
            meeting("r.txt", QAANI.id, "amiri", "2021-11-08"),
        ],
    )
    store.replace_document(v1)
    v2 = extraction(
        "r.txt",
        actors=[QAANI, person("amiri", "Amiri")],
        interactions=[meeting("r.txt", QAANI.id, "amiri", "2021-11-08", "new quote")],
        text="changed",
    )
    store.replace_document(v2)
    ids = cypher(store, "MATCH (a:Actor) RETURN a.id AS id ORDER BY id")
    assert ids == [{"id": "amiri"}, {"id": QAANI.id}]  # Kadhimi's node is gone, not hidden
    rels = cypher(store, "MATCH (s)-[r:MET_WITH]->(t) RETURN s.id AS s, t.id AS t, r.quotes AS q")
    assert rels == [{"s": QAANI.id, "t": "amiri", "q": ["new quote"]}]
    counts = store.counts()
    assert (counts["claims"], counts["mentions"]) == (1, 2)
    store.delete_document("r.txt")
    left = "MATCH (n) WHERE n:Actor OR n:Document OR n:Claim RETURN count(n) AS n"
    assert cypher(store, left) == [{"n": 0}]


@neo4j_marked
def test_wipe_deletes_in_batches_and_counts(store: Neo4jStore) -> None:
    store.run_auto_commit(
        "UNWIND range(1, $n) AS i CREATE (:Actor {id: 'w' + i})-[:MEMBER_OF]->"
        "(:Claim {key: 'k' + i})",
        {"n": 2500},
    )
    store.run_auto_commit("CREATE (:Other {id: 1})")
    try:
        assert store.wipe(rows=300) == 5000
        left = "MATCH (n) WHERE n:Actor OR n:Claim RETURN count(n) AS n"
        assert cypher(store, left) == [{"n": 0}]
        assert cypher(store, "MATCH (n:Other) RETURN count(n) AS n") == [{"n": 1}]  # not ours
    finally:
        store.run_auto_commit("MATCH (n:Other) DELETE n")
    with pytest.raises(StoreError, match="at least 1"):
        store.wipe(rows=0)


SLOW = "UNWIND range(1, 2000000000) AS x WITH x WHERE x < 0 RETURN count(x) AS n"


@neo4j_marked
def test_a_transaction_past_its_timeout_is_one_clear_line(neo4j_schema: None) -> None:
    with open_live(tx_timeout=1.0) as s:
        with pytest.raises(StoreError, match=r"did not finish a transaction within 1 s") as err:
            s._read(lambda tx: store_module._rows(tx, SLOW))
        assert "NEO4J_TX_TIMEOUT" in str(err.value) and "\n" not in str(err.value)
        with pytest.raises(StoreError, match=r"within 1 s"):  # auto-commit queries too
            s.run_auto_commit(SLOW)
        assert s.counts()["documents"] == 0  # the connection is still usable


@neo4j_marked
def test_transaction_timeout_from_env(neo4j_schema: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_TX_TIMEOUT", "2.5")
    with Neo4jStore.from_env() as s:
        assert s.tx_timeout == 2.5
    for bad in ("soon", "0", "-3"):
        monkeypatch.setenv("NEO4J_TX_TIMEOUT", bad)
        with pytest.raises(StoreError, match="NEO4J_TX_TIMEOUT must be a positive number"):
            Neo4jStore.from_env()


# ---------------------------------------------------------------------- error mapping


@pytest.fixture
def driver(monkeypatch: pytest.MonkeyPatch) -> MagicMock:
    """A mock driver: only for states a live server cannot be put in on demand."""
    drv = MagicMock(spec=neo4j.Driver)
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", MagicMock(return_value=drv))
    return drv


def _server_error(code: str, message: str) -> Neo4jError:
    return Neo4jError._hydrate_neo4j(code=code, message=message)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (ServiceUnavailable("Couldn't connect"), "cannot reach Neo4j at bolt://db:7687"),
        (
            _server_error("Neo.ClientError.Security.Unauthorized", "bad credentials"),
            "rejected the credentials of user 'neo4j'",
        ),
        (
            _server_error("Neo.ClientError.Database.DatabaseNotFound", "no such db"),
            "has no database 'intel'",
        ),
    ],
)
def test_connection_errors_become_one_line_store_errors(
    driver: MagicMock, exc: Exception, expected: str
) -> None:
    assert isinstance(exc, ServiceUnavailable | AuthError | ClientError)
    if isinstance(exc, ClientError) and not isinstance(exc, AuthError):
        session = MagicMock()  # the handshake works; the first query names a missing database
        session.__enter__.return_value.execute_read.side_effect = exc
        driver.session.return_value = session
    else:
        driver.verify_connectivity.side_effect = exc
    with pytest.raises(StoreError) as err:
        Neo4jStore(f"bolt://neo4j:{PASSWORD}@db:7687", "neo4j", PASSWORD, "intel")
    message = str(err.value)
    assert expected in message
    assert PASSWORD not in message and "\n" not in message
    driver.close.assert_called_once_with()


@pytest.mark.filterwarnings("ignore:The Query API/HTTP support")
@pytest.mark.parametrize("uri", ["bolt://[::1", "ftp://db", "https://db:7474", "bolt://db:port"])
def test_malformed_uri_is_a_store_error(uri: str) -> None:
    with pytest.raises(StoreError, match="invalid Neo4j URI") as err:  # the real driver
        Neo4jStore(uri, "neo4j", PASSWORD, connection_timeout=1)
    assert PASSWORD not in str(err.value)


@pytest.mark.parametrize(("uri", "password"), [(None, PASSWORD), ("", PASSWORD), ("bolt://x", "")])
def test_missing_settings_are_store_errors(
    driver: MagicMock, uri: str | None, password: str
) -> None:
    with pytest.raises(StoreError, match=r"NEO4J_URI|NEO4J_PASSWORD"):
        Neo4jStore(uri, "neo4j", password)
    neo4j.GraphDatabase.driver.assert_not_called()


def test_from_env(driver: MagicMock, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db:7687")
    monkeypatch.setenv("NEO4J_PASSWORD", PASSWORD)
    monkeypatch.delenv("NEO4J_USER", raising=False)
    monkeypatch.setenv("NEO4J_DATABASE", "osint")
    monkeypatch.delenv("NEO4J_TX_TIMEOUT", raising=False)
    s = Neo4jStore.from_env()
    assert (s.uri, s.user, s.database, s.tx_timeout) == ("neo4j://db:7687", "neo4j", "osint", 60)
    create = neo4j.GraphDatabase.driver
    assert create.call_args.kwargs["auth"] == ("neo4j", PASSWORD)
    monkeypatch.delenv("NEO4J_PASSWORD")
    with pytest.raises(StoreError, match="NEO4J_PASSWORD"):
        Neo4jStore.from_env()
