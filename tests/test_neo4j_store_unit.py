"""Neo4jStore without a server: `MagicMock(spec=neo4j.Driver)` in place of the driver.

`FakeGraph` emulates, in memory, what each pre-built query of `neo4j_rows` does (keyed by
the exact query text; any other query fails the test). That checks the store's
orchestration (transactions, batching, claim merging, orphan clean-up, error mapping) and
runs the store contract suite on it. It cannot check the Cypher itself: the live tests
(tests/test_neo4j_live.py, NEO4J_URI) do that.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any
from unittest.mock import MagicMock

import neo4j
import pytest
from neo4j.exceptions import AuthError, ClientError, Neo4jError, ServiceUnavailable

import test_store_contract as contract
from actornet.model import ActorKind, AffiliationKind, InteractionType
from actornet.store import neo4j_rows as q
from actornet.store.base import StoreError
from actornet.store.neo4j import Neo4jStore
from factories import HOSTILE, QAANI, extraction, meeting, person, sample_extractions

PASSWORD = "s3cret-pa55word"
KINDS = {k.value for k in ActorKind}
AFFILIATION_TYPES = {k.value for k in AffiliationKind}


def _set(props: dict[str, Any], new: dict[str, Any]) -> None:
    """`SET n += map`: null removes the property."""
    for k, v in copy.deepcopy(new).items():
        if v is None:
            props.pop(k, None)
        else:
            props[k] = v


class FakeGraph:
    """Actors, documents, claims and relationships in dicts; one handler per query."""

    def __init__(self) -> None:
        self.actors: dict[str, dict[str, Any]] = {}  # id -> {"labels", "props"}
        self.docs: dict[str, dict[str, Any]] = {}
        self.claims: dict[str, dict[str, Any]] = {}  # key -> props (CLAIMED_IN its document)
        self.mentions: set[tuple[str, str]] = set()  # (actor id, document id)
        self.rels: list[dict[str, Any]] = []  # {"type", "s", "t", "props"}
        self.log: list[tuple[str, dict[str, Any]]] = []
        self.fail_at: int | None = None  # raise ServiceUnavailable at this query number
        h: dict[str, Callable[[dict[str, Any]], list[dict[str, Any]]]] = {
            q.PING: lambda p: [{"ok": 1}],
            q.DOCUMENT: lambda p: [{"doc": d} for d in [self.docs.get(p["document"])] if d],
            q.DOCUMENT_HASH: lambda p: [
                {"sha256": d["sha256"]} for d in [self.docs.get(p["document"])] if d
            ],
            q.DOCUMENTS: lambda p: [{"doc": self.docs[k]} for k in sorted(self.docs)],
            q.ACTORS: lambda p: [self._actor(a) for a in sorted(self.actors) if self._visible(a)],
            q.INTERACTIONS: self._interactions,
            q.AFFILIATIONS: lambda p: [self._aff(r) for r in self._affs()],
            q.DOC_ACTORS: lambda p: [
                self._actor(a) for a in sorted(self.actors) if (a, p["document"]) in self.mentions
            ],
            q.DOC_CLAIMS: lambda p: [{"claim": c} for c in self._claims_of(p["document"])],
            q.DOC_AFFILIATIONS: lambda p: [
                self._aff(r) for r in self._affs() if p["document"] in r["props"]["via"]
            ],
            q.DOCUMENT_UPSERT: self._doc_upsert,
            q.MENTIONS_UPSERT: self._mentions_upsert,
            q.CLAIM_UPSERT: self._claim_upsert,
            q.OLD_CLAIMS: lambda p: [
                {k: c.get(k) for k in ("type", "source", "target", "place")}
                | {"id": c["interaction_id"]}
                for c in self._claims_of(p["document"])
            ],
            q.OLD_MENTIONS: lambda p: [{"id": a} for a, d in self.mentions if d == p["document"]],
            q.RELEASE_AFFILIATIONS: self._release,
            q.DELETE_EMPTY_AFFILIATIONS: self._drop_empty_affs,
            q.DELETE_CLAIMS: self._delete_claims,
            q.DELETE_MENTIONS: self._delete_mentions,
            q.DELETE_DOCUMENT: self._delete_document,
            q.OTHER_CLAIMS: lambda p: [
                {"claim": c}
                for iid in p["ids"]
                for c in self.claims.values()
                if c["interaction_id"] == iid and c["document"] != p["document"]
            ],
            q.DELETE_ORPHANS: self._delete_orphans,
            q.UNKNOWN_UPSERT: self._unknown_upsert,
            q.METRICS_CLEAR: lambda p: (
                [_set(a["props"], p["cleared"]) for a in self.actors.values()] and []
            ),
            q.METRICS_WRITE: lambda p: (
                [
                    _set(self.actors[r["id"]]["props"], r["metrics"])
                    for r in p["rows"]
                    if r["id"] in self.actors
                ]
                and []
            ),
            q.WIPE_BATCH: self._wipe,
        }
        for kind, query in q.ACTOR_UPSERT.items():
            h[query] = lambda p, kind=kind: self._actor_upsert(kind.value, p)
        for t in InteractionType:
            h[q.INTERACTION_DELETE[t]] = lambda p, t=t: self._interaction_delete(t.value, p)
            h[q.INTERACTION_UPSERT[t]] = lambda p, t=t: self._interaction_upsert(t.value, p)
            h[q.COUNT_INTERACTIONS[t]] = lambda p, t=t: [
                {"n": sum(r["type"] == t.value for r in self.rels)}
            ]
        for kind, query in q.AFFILIATION_UPSERT.items():
            h[query] = lambda p, kind=kind: self._affiliation_upsert(kind.value, p)
        counts = {
            "documents": lambda: len(self.docs),
            "actors": lambda: sum(map(self._visible, self.actors)),
            "actor_nodes": lambda: len(self.actors),
            "claims": lambda: len(self.claims),
            "mentions": lambda: len(self.mentions),
            "evidence": lambda: sum(len(r["props"]["quotes"]) for r in self._interaction_rels()),
            "affiliations": lambda: len(self._affs()),
        }
        assert set(counts) == set(q.COUNTS)
        for name, query in q.COUNTS.items():
            h[query] = lambda p, f=counts[name]: [{"n": f()}]
        self.handlers = h

    # -- driver surface ----------------------------------------------------------------

    def run(self, query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.log.append((query, copy.deepcopy(params)))
        if self.fail_at is not None and len(self.log) >= self.fail_at:
            raise ServiceUnavailable("server went away")
        if query.startswith("CREATE "):
            return []
        if query not in self.handlers:
            raise AssertionError(f"query not emulated: {query}")
        return copy.deepcopy(self.handlers[query](params))

    def queries(self) -> list[str]:
        return [query for query, _ in self.log]

    # -- reads -------------------------------------------------------------------------

    def _actor(self, aid: str) -> dict[str, Any]:
        a = self.actors[aid]
        return {"actor": a["props"], "labels": sorted(a["labels"])}

    def _interaction_rels(self) -> list[dict[str, Any]]:
        return [r for r in self.rels if r["type"] not in AFFILIATION_TYPES]

    def _affs(self) -> list[dict[str, Any]]:
        return [r for r in self.rels if r["type"] in AFFILIATION_TYPES]

    def _aff(self, r: dict[str, Any]) -> dict[str, Any]:
        return {"kind": r["type"], "source": r["s"], "target": r["t"], "props": r["props"]}

    def _claims_of(self, doc: str) -> list[dict[str, Any]]:
        return [c for c in self.claims.values() if c["document"] == doc]

    def _visible(self, aid: str) -> bool:
        a = self.actors[aid]
        return a["props"].get("kind") is not None and (
            any(m[0] == aid for m in self.mentions)
            or any(aid in (r["s"], r["t"]) for r in self._interaction_rels())
            or any(c.get("place") == aid for c in self.claims.values())
        )

    def _interactions(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for r in self._interaction_rels():
            if r["type"] not in p["types"]:
                continue
            if p["actor"] is not None and p["actor"] not in (r["s"], r["t"]):
                continue
            if not p["include_denied"] and r["props"].get("status") in (None, "denied"):
                continue
            out.append({"type": r["type"], "source": r["s"], "target": r["t"], "props": r["props"]})
        return out

    # -- writes ------------------------------------------------------------------------

    def _node(self, aid: str) -> dict[str, Any]:
        """MERGE (a:Actor {id}) ON CREATE SET a.name = id."""
        return self.actors.setdefault(aid, {"labels": {"Actor"}, "props": {"id": aid, "name": aid}})

    def _actor_upsert(self, kind: str, p: dict[str, Any]) -> list[Any]:
        for row in p["rows"]:
            node = self.actors.setdefault(
                row["id"], {"labels": {"Actor"}, "props": {"id": row["id"]}}
            )
            _set(node["props"], row["props"])
            node["labels"] = (node["labels"] - KINDS) | {kind}
        return []

    def _unknown_upsert(self, p: dict[str, Any]) -> list[Any]:
        node = self.actors.setdefault(p["id"], {"labels": {"Actor"}, "props": {"id": p["id"]}})
        node["props"]["name"] = p["name"]
        node["labels"].add("Organization")
        return []

    def _doc_upsert(self, p: dict[str, Any]) -> list[Any]:
        _set(self.docs.setdefault(p["document"], {"id": p["document"]}), p["props"])
        return []

    def _mentions_upsert(self, p: dict[str, Any]) -> list[Any]:
        if p["document"] in self.docs:
            self.mentions |= {(a, p["document"]) for a in p["ids"] if a in self.actors}
        return []

    def _claim_upsert(self, p: dict[str, Any]) -> list[Any]:
        if p["document"] in self.docs:
            for row in p["rows"]:
                _set(self.claims.setdefault(row["key"], {"key": row["key"]}), row["props"])
        return []

    def _find(self, type_: str, s: str, t: str, key: str, value: str) -> dict[str, Any] | None:
        for r in self.rels:
            if (r["type"], r["s"], r["t"], r["props"].get(key)) == (type_, s, t, value):
                return r
        return None

    def _interaction_upsert(self, type_: str, p: dict[str, Any]) -> list[Any]:
        for row in p["rows"]:
            self._node(row["source"]), self._node(row["target"])
            rel = self._find(type_, row["source"], row["target"], "id", row["id"])
            if rel is None:
                rel = {"type": type_, "s": row["source"], "t": row["target"], "props": {}}
                rel["props"]["id"] = row["id"]
                self.rels.append(rel)
            _set(rel["props"], row["props"])
        return []

    def _interaction_delete(self, type_: str, p: dict[str, Any]) -> list[Any]:
        ids = set(p["ids"])
        self.rels = [r for r in self.rels if not (r["type"] == type_ and r["props"]["id"] in ids)]
        return []

    def _affiliation_upsert(self, type_: str, p: dict[str, Any]) -> list[Any]:
        for row in p["rows"]:
            self._node(row["source"]), self._node(row["target"])
            rel = self._find(type_, row["source"], row["target"], "key", row["key"])
            if rel is None:
                rel = {"type": type_, "s": row["source"], "t": row["target"], "props": {}}
                rel["props"]["key"] = row["key"]
                self.rels.append(rel)
            _set(rel["props"], row["props"])
            via = rel["props"].get("via", [])
            rel["props"]["via"] = via if p["document"] in via else [*via, p["document"]]
        return []

    def _release(self, p: dict[str, Any]) -> list[dict[str, Any]]:
        out = []
        for r in self._affs():
            if p["document"] in r["props"]["via"]:
                r["props"]["via"] = [x for x in r["props"]["via"] if x != p["document"]]
                out.append({"source": r["s"], "target": r["t"]})
        return out

    def _drop_empty_affs(self, p: dict[str, Any]) -> list[Any]:
        self.rels = [
            r for r in self.rels if r["type"] not in AFFILIATION_TYPES or r["props"]["via"]
        ]
        return []

    def _delete_claims(self, p: dict[str, Any]) -> list[Any]:
        self.claims = {k: c for k, c in self.claims.items() if c["document"] != p["document"]}
        return []

    def _delete_mentions(self, p: dict[str, Any]) -> list[Any]:
        self.mentions = {m for m in self.mentions if m[1] != p["document"]}
        return []

    def _delete_document(self, p: dict[str, Any]) -> list[Any]:
        self.docs.pop(p["document"], None)
        return self._delete_mentions(p)

    def _delete_orphans(self, p: dict[str, Any]) -> list[Any]:
        for aid in p["ids"]:
            linked = any(aid in (r["s"], r["t"]) for r in self.rels)
            linked = linked or any(m[0] == aid for m in self.mentions)
            placed = any(c.get("place") == aid for c in self.claims.values())
            if aid in self.actors and not linked and not placed:
                del self.actors[aid]
        return []

    def _wipe(self, p: dict[str, Any]) -> list[dict[str, int]]:
        n = len(self.actors) + len(self.docs) + len(self.claims)
        self.__init__()  # type: ignore[misc]
        return [{"deleted": n}]


class FakeSession:
    """execute_read / execute_write with rollback: a failing transaction changes nothing."""

    def __init__(self, graph: FakeGraph) -> None:
        self.graph = graph

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def _transaction(self, fn: Callable[..., Any], *args: Any) -> Any:
        saved = copy.deepcopy({k: v for k, v in vars(self.graph).items() if k != "handlers"})
        tx = MagicMock()
        tx.run.side_effect = lambda query, params=None: MagicMock(
            data=MagicMock(return_value=self.graph.run(query, params or {}))
        )
        try:
            return fn(tx, *args)
        except Exception:
            log, fail_at = self.graph.log, self.graph.fail_at
            vars(self.graph).update(saved)
            self.graph.log, self.graph.fail_at = log, fail_at
            raise

    execute_read = execute_write = _transaction


@pytest.fixture
def graph() -> FakeGraph:
    return FakeGraph()


@pytest.fixture
def driver(graph: FakeGraph, monkeypatch: pytest.MonkeyPatch) -> MagicMock:
    drv = MagicMock(spec=neo4j.Driver)
    drv.session.side_effect = lambda **kw: FakeSession(graph)
    drv.get_server_info.return_value = MagicMock(
        agent="Neo4j/5.26.0", protocol_version=(5, 4), address="127.0.0.1:7687"
    )
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", MagicMock(return_value=drv))
    return drv


@pytest.fixture
def store(driver: MagicMock) -> Iterator[Neo4jStore]:
    """Overrides conftest's `store`: the contract tests below run on the fake graph."""
    s = Neo4jStore("bolt://db:7687", "neo4j", PASSWORD, batch_size=2)
    yield s
    s.close()


# The whole store contract suite, on Neo4jStore over the fake graph.
globals().update({k: v for k, v in vars(contract).items() if k.startswith("test_")})


def test_connects_with_the_given_settings(driver: MagicMock) -> None:
    Neo4jStore("bolt://db:7687", "alice", PASSWORD, "intel", connection_timeout=3)
    create = neo4j.GraphDatabase.driver
    create.assert_called_once_with("bolt://db:7687", auth=("alice", PASSWORD), connection_timeout=3)
    driver.verify_connectivity.assert_called_once_with()
    driver.session.assert_called_with(database="intel")


def test_each_document_is_one_write_transaction(
    store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Callable[..., Any]] = []
    original = FakeSession.execute_write
    monkeypatch.setattr(
        FakeSession,
        "execute_write",
        lambda self, fn, *a: calls.append(fn) or original(self, fn, *a),
    )
    contract.load(store)
    assert len(calls) == len(sample_extractions())


def test_replace_document_batches_and_parameters(store: Neo4jStore, graph: FakeGraph) -> None:
    people = [person(f"p{i}", f"Person {i}") for i in range(5)]
    its = [meeting("d.txt", f"p{i}", f"p{i + 1}", "2021-01-0" + str(i + 1)) for i in range(4)]
    graph.log.clear()
    store.replace_document(extraction("d.txt", actors=people, interactions=its))
    log = graph.log
    person_batches = [p["rows"] for query, p in log if query == q.ACTOR_UPSERT[ActorKind.PERSON]]
    assert [len(b) for b in person_batches] == [2, 2, 1]  # batch_size=2, remainder last
    assert [r["id"] for b in person_batches for r in b] == [f"p{i}" for i in range(5)]
    upserts = [p for query, p in log if query == q.INTERACTION_UPSERT[InteractionType.MET_WITH]]
    assert [len(p["rows"]) for p in upserts] == [2, 2]
    (row,) = [r for p in upserts for r in p["rows"] if r["source"] == "p0"]
    assert row["target"] == "p1" and row["props"]["quotes"] == ["p0 met p1."]
    assert row["props"]["date"] == "2021-01-01" and row["props"]["date_precision"] == "day"
    claims = [p for query, p in log if query == q.CLAIM_UPSERT]
    assert {p["document"] for p in claims} == {"d.txt"}
    assert sum(len(p["rows"]) for p in claims) == 4
    assert all(isinstance(p, dict) for _, p in log)


def test_hostile_values_only_in_parameters(store: Neo4jStore, graph: FakeGraph) -> None:
    for hostile in HOSTILE:
        bad = person(hostile, hostile, hostile)
        it = meeting(hostile, hostile, QAANI.id, "2021", hostile, hostile, mode=hostile)
        store.replace_document(extraction(hostile, actors=[bad, QAANI], interactions=[it]))
    for query in graph.queries():
        assert not any(h in query for h in HOSTILE)
    assert {a.id for a in store.actors()} >= set(HOSTILE)


def test_loading_twice_leaves_identical_counts(store: Neo4jStore, graph: FakeGraph) -> None:
    contract.load(store)
    first = store.counts()
    contract.load(store)
    assert store.counts() == first
    assert first["documents"] == 2 and first["interactions"] == 4 and first["claims"] == 5


def test_unknown_source_uses_one_placeholder(store: Neo4jStore, graph: FakeGraph) -> None:
    contract.load(store)
    assert graph.actors[q.UNKNOWN_ACTOR_ID]["props"]["name"] == q.UNKNOWN_ACTOR_NAME
    assert "Organization" in graph.actors[q.UNKNOWN_ACTOR_ID]["labels"]
    assert q.UNKNOWN_ACTOR_ID not in {a.id for a in store.actors()}
    store.delete_document("001_b.txt")
    assert q.UNKNOWN_ACTOR_ID not in graph.actors  # no attack left: the placeholder goes too


def test_server_dying_mid_load_changes_nothing_and_rerun_fixes(
    store: Neo4jStore, graph: FakeGraph
) -> None:
    a, b = sample_extractions()
    store.replace_document(a)
    before = store.counts()
    graph.fail_at = len(graph.log) + 8
    with pytest.raises(StoreError, match="cannot reach Neo4j") as err:
        store.replace_document(b)
    assert PASSWORD not in str(err.value)
    graph.fail_at = None
    assert store.counts() == before  # the failed transaction left nothing behind
    store.replace_document(b)
    assert store.counts()["documents"] == 2


def test_write_metrics_validates_names(store: Neo4jStore, graph: FakeGraph) -> None:
    contract.load(store)
    assert store.write_metrics({QAANI.id: {"degree": 3, "pagerank": 0.25}}) == 1
    assert graph.actors[QAANI.id]["props"]["pagerank"] == 0.25
    store.write_metrics({QAANI.id: {"betweenness": 0.5}})
    assert "pagerank" not in graph.actors[QAANI.id]["props"]  # earlier metrics cleared
    with pytest.raises(ValueError, match="unknown metric"):
        store.write_metrics({QAANI.id: {"name": 1.0}})


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
        driver.session.side_effect = None
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
    s = Neo4jStore.from_env()
    assert (s.uri, s.user, s.database) == ("neo4j://db:7687", "neo4j", "osint")
    monkeypatch.delenv("NEO4J_PASSWORD")
    with pytest.raises(StoreError, match="NEO4J_PASSWORD"):
        Neo4jStore.from_env()


def test_changed_document_leaves_no_stale_nodes_or_relationships(
    store: Neo4jStore, graph: FakeGraph
) -> None:
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
    assert set(graph.actors) == {QAANI.id, "amiri"}  # Kadhimi's node is gone, not hidden
    assert [(r["s"], r["t"], r["props"]["quotes"]) for r in graph.rels] == [
        (QAANI.id, "amiri", ["new quote"])
    ]
    assert len(graph.claims) == 1 and len(graph.mentions) == 2
    store.delete_document("r.txt")
    assert (graph.actors, graph.rels, graph.claims, graph.docs) == ({}, [], {}, {})
