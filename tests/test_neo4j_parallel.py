"""The parallel Neo4j load: its planning (pure), and on the live server that it leaves
exactly what a serial load in the same order leaves, also when it replaces documents."""

from __future__ import annotations

import importlib.util
import json
import logging
import threading
from pathlib import Path
from typing import Any

import pytest

from actornet.model import (
    Actor,
    ActorKind,
    DocumentExtraction,
)
from actornet.store import neo4j as store_module
from actornet.store import neo4j_parallel as par
from actornet.store import neo4j_rows as q
from actornet.store.base import StoreError
from actornet.store.neo4j import Neo4jStore
from conftest import cypher
from factories import corpus, extraction, meeting, org, person, place

ROOT = Path(__file__).resolve().parents[1]

# ---------------------------------------------------------------------------- planning


def plan(doc: str, *pairs: tuple[str, str], actors: list[Actor] | None = None) -> q.DocumentPlan:
    its = [meeting(doc, s, t, "2024-01-01") for s, t in pairs]
    return q.plan_document(extraction(doc, actors=actors or [], interactions=its))


def test_documents_sharing_an_interaction_share_a_lane_in_load_order() -> None:
    plans = [
        plan("a", ("x", "y")),
        plan("b", ("p", "q")),
        plan("c", ("y", "x")),  # a meeting is symmetric: the same interaction id as a's
        plan("d", ("q", "r")),
    ]
    assert par.lanes(plans, {}) == [[0, 2], [1], [3]]


def test_stored_claims_and_affiliations_join_lanes_too() -> None:
    plans = [plan("a", ("x", "y")), plan("b", ("p", "q")), plan("c", ("m", "n"))]
    (b_id,) = [c["interaction_id"] for c in plans[1].claims]
    stored = {"a": par.StoredKeys(frozenset({b_id}))}  # a once claimed b's meeting
    assert par.lanes(plans, stored) == [[0, 1], [2]]
    stored = {"a": par.StoredKeys(affiliation_keys=frozenset({"k"}))}
    stored |= {"c": par.StoredKeys(affiliation_keys=frozenset({"k"}))}
    assert par.lanes(plans, stored) == [[0, 2], [1]]


def test_a_chain_of_shared_keys_is_one_lane() -> None:
    plans = [plan("a", ("x", "y")), plan("b", ("p", "q")), plan("c", ("x", "y"), ("p", "q"))]
    assert par.lanes(plans, {}) == [[0, 1, 2]]


def test_every_document_writes_the_last_version_of_an_actor_under_its_kind() -> None:
    first = person("amiri", "Amiri")
    last = org("amiri", "Amiri Group", "AG")
    plans = [
        plan("a", actors=[first, person("zand", "Zand")]),
        plan("b", actors=[place("tehran", "Tehran"), last]),
    ]
    par.share_actor_versions(plans)
    want = q.actor_row(last)
    assert plans[0].actors == {
        ActorKind.ORGANIZATION: [want],
        ActorKind.PERSON: [q.actor_row(person("zand", "Zand"))],
    }
    assert plans[1].actors[ActorKind.ORGANIZATION] == [want]


# ---------------------------------------------------------------------------- live


def snapshot(store: Neo4jStore) -> dict[str, Any]:
    rels = cypher(
        store,
        "MATCH (s)-[r]->(t) RETURN type(r) AS type, coalesce(s.id, s.key) AS s, t.id AS t, "
        "properties(r) AS props",
    )
    nodes = cypher(store, "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props")
    key = repr
    return {
        "counts": store.counts(),
        "relationships": sorted(rels, key=key),
        "nodes": sorted(nodes, key=key),
        "interactions": store.interactions(),
        "actors": store.actors(),
        "affiliations": store.affiliations(),
    }


def serial(store: Neo4jStore, docs: list[DocumentExtraction]) -> None:
    for ext in docs:
        store.replace_document(ext)


@pytest.mark.neo4j
def test_parallel_load_leaves_what_a_serial_load_leaves(live: Neo4jStore) -> None:
    v1, v2 = corpus(1), corpus(2)
    serial(live, v1)
    after_v1 = snapshot(live)
    serial(live, v2)
    after_v2 = snapshot(live)
    live.wipe()

    first = live.load_documents(v1, jobs=3)
    assert snapshot(live) == after_v1
    assert first.documents == 24 and first.waves == 1
    assert 1 < first.lanes < 24  # some documents ran at once, some had to wait
    second = live.load_documents(v2, jobs=3)
    assert snapshot(live) == after_v2
    assert second.orphans_deleted > 0  # v2 unlinks actors; the sweep removed them
    assert live.load_documents(v2, jobs=2).orphans_deleted == 0
    assert snapshot(live) == after_v2  # a reload changes nothing


@pytest.mark.neo4j
def test_a_failing_document_stops_the_load_and_leaves_whole_documents(
    live: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = corpus(1)
    real = store_module._replace_tx

    def failing(tx: Any, plan: q.DocumentPlan, *args: Any) -> None:
        if plan.document_id == "doc05.txt":
            tx.run("RETURN 1/0").consume()  # a server error inside the document
        real(tx, plan, *args)

    monkeypatch.setattr(store_module, "_replace_tx", failing)
    done: list[str] = []
    with pytest.raises(StoreError, match="failed"):
        live.load_documents(docs, jobs=2, progress=lambda i, n, doc: done.append(doc))
    stored = {d.id for d in live.documents()}
    assert "doc05.txt" not in stored and stored == set(done)
    claims = cypher(live, "MATCH (c:Claim) RETURN DISTINCT c.document AS d")
    assert {r["d"] for r in claims} <= stored  # nothing of a document that did not commit
    monkeypatch.setattr(store_module, "_replace_tx", real)
    live.load_documents(docs, jobs=2)
    loaded = snapshot(live)
    live.wipe()
    serial(live, docs)
    assert snapshot(live) == loaded


def test_jobs_must_be_positive() -> None:
    store = object.__new__(Neo4jStore)
    with pytest.raises(StoreError, match="at least 1 job"):
        store.load_documents([], jobs=0)


@pytest.mark.neo4j
def test_load_benchmark_runs_end_to_end_and_cleans_up(
    live: Neo4jStore, capsys: pytest.CaptureFixture[str]
) -> None:
    spec = importlib.util.spec_from_file_location("bench", ROOT / "benchmarks/bench_neo4j_load.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    argv = ["--actors", "60", "--interactions", "400", "--per-document", "50"]
    assert bench.main([*argv, "--naive-sample", "40", "--jobs", "3"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["interactions"] == 400 and result["documents"] == 8
    assert result["same_counts"] is True and result["left_behind"] == 0
    assert result["batched_rels_per_s"] > 0 and result["naive_rels_per_s"] > 0
    assert live.counts()["documents"] == 0


@pytest.mark.neo4j
def test_a_deadlock_between_two_documents_is_retried_at_once(
    live: Neo4jStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING, logger="neo4j")
    with live.session() as session:
        session.run("UNWIND ['lock-a', 'lock-b'] AS id CREATE (:Actor {id: id})").consume()
    both_hold_one = threading.Barrier(2, timeout=30)
    calls: list[str] = []

    def cross(tx: Any, first: str, second: str) -> None:
        calls.append(first)
        lock = "MATCH (a:Actor {id: $id}) SET a.touched = coalesce(a.touched, 0) + 1"
        tx.run(lock, id=first).consume()
        if calls.count(first) == 1:  # only the first attempt waits for the other
            both_hold_one.wait()
        tx.run(lock, id=second).consume()

    threads = [
        threading.Thread(target=live._write_quickly, args=(cross, a, b))
        for a, b in (("lock-a", "lock-b"), ("lock-b", "lock-a"))
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(calls) == 3  # one of the two was chosen as the deadlock victim, once
    touched = cypher(live, "MATCH (a:Actor) WHERE a.id STARTS WITH 'lock-' RETURN a.touched AS n")
    assert [r["n"] for r in touched] == [2, 2]  # each committed exactly once
    # retried by the store after a few ms, not by the driver (which waits about 1 s)
    assert not [r for r in caplog.records if "will be retried" in r.getMessage()]
