"""Shared fixtures: `store` runs the contract suite against every GraphStore."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from actornet.store.base import GraphStore
from actornet.store.sqlite import SqliteStore

NEO4J_SKIP = "NEO4J_URI not set: Neo4j contract tests need a live Neo4j 5 server"


@pytest.fixture(params=["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[GraphStore]:
    """An empty store of each kind; Neo4j only when NEO4J_URI points at a live server."""
    if request.param == "sqlite":
        sqlite_store = SqliteStore(tmp_path / "t.db")
        try:
            yield sqlite_store
        finally:
            sqlite_store.close()
        return
    if not os.environ.get("NEO4J_URI"):
        pytest.skip(NEO4J_SKIP)
    from actornet.store.neo4j import Neo4jStore

    neo4j_store = Neo4jStore.from_env()
    neo4j_store.wipe()
    neo4j_store.clear_judgements()
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
