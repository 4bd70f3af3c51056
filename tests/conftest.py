"""Shared fixtures: `store` runs the contract suite against every GraphStore.

Neo4j tests talk to a real Neo4j 5 server named by NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD,
NEO4J_DATABASE): `.ci/run` starts one with `scripts/neo4j-local`. Without NEO4J_URI they
skip with that reason, except in CI (CI set), where a missing server fails them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from actornet.store.base import GraphStore
from actornet.store.sqlite import SqliteStore

if TYPE_CHECKING:
    from actornet.store.neo4j import Neo4jStore

NEO4J_SKIP = (
    "NEO4J_URI not set: Neo4j tests need a live Neo4j 5 server "
    '(scripts/neo4j-local start && eval "$(scripts/neo4j-local env)")'
)


def neo4j_env() -> dict[str, str]:
    """The live server's settings; skips the test without one (fails it in CI)."""
    if not os.environ.get("NEO4J_URI"):
        if os.environ.get("CI"):
            pytest.fail("CI must run the Neo4j tests: NEO4J_URI is not set (.ci/run sets it)")
        pytest.skip(NEO4J_SKIP)
    return {
        "NEO4J_URI": os.environ["NEO4J_URI"],
        "NEO4J_USER": os.environ.get("NEO4J_USER") or "neo4j",
        "NEO4J_PASSWORD": os.environ.get("NEO4J_PASSWORD") or "",
        "NEO4J_DATABASE": os.environ.get("NEO4J_DATABASE") or "",
    }


@pytest.fixture(scope="session")
def neo4j_schema() -> None:
    """The schema, applied once per run (every statement is IF NOT EXISTS)."""
    neo4j_env()
    from actornet.store.neo4j import Neo4jStore

    with Neo4jStore.from_env() as s:
        s.apply_schema()
        with s.session() as session:
            session.run("CALL db.awaitIndexes(300)").consume()


def open_live(batch_size: int = 1000, **kw: Any) -> Neo4jStore:
    """A Neo4jStore on the live server, emptied of actornet's nodes and judgements."""
    from actornet.store.neo4j import Neo4jStore

    store = Neo4jStore.from_env(batch_size=batch_size)
    if kw:
        store.close()
        env = neo4j_env()
        store = Neo4jStore(
            env["NEO4J_URI"],
            env["NEO4J_USER"],
            env["NEO4J_PASSWORD"],
            env["NEO4J_DATABASE"] or None,
            batch_size,
            **kw,
        )
    store.wipe()
    store.clear_judgements()
    return store


@pytest.fixture
def live(neo4j_schema: None) -> Iterator[Neo4jStore]:
    """An empty Neo4jStore on the live server (batch size 2: every batch path runs)."""
    store = open_live(batch_size=2)
    try:
        yield store
    finally:
        store.wipe()
        store.close()


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind; Neo4j on the live server named by NEO4J_URI."""
    if request.param == "sqlite":
        sqlite_store = SqliteStore(tmp_path / "t.db")
        try:
            yield sqlite_store
        finally:
            sqlite_store.close()
        return
    request.getfixturevalue("neo4j_schema")
    neo4j_store = open_live()
    try:
        yield neo4j_store
    finally:
        neo4j_store.wipe()
        neo4j_store.clear_judgements()
        neo4j_store.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[SqliteStore]:
    with SqliteStore(tmp_path / "t.db") as s:
        yield s


def cypher(store: Neo4jStore, query: str, **params: Any) -> list[dict[str, Any]]:
    """Run one read query on the live server (tests only)."""
    with store.session() as session:
        return session.run(query, params).data()
