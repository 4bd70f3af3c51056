"""A load interrupted by a killed server, re-run after a restart, equals one clean load.

Starts its own Neo4j with `scripts/neo4j-local` (own home and port, so the shared server
of the run is never killed), SIGKILLs it in the middle of a document's transaction, starts
it again (the store recovers from its transaction log) and loads again.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from actornet.store import neo4j as store_module
from actornet.store.base import StoreError
from actornet.store.neo4j import Neo4jStore
from actornet.store.sqlite import SqliteStore
from conftest import cypher, neo4j_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "neo4j-local"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LocalServer:
    """scripts/neo4j-local with its own ACTORNET_NEO4J_HOME and port."""

    def __init__(self, home: Path, port: int) -> None:
        self.env = {
            **os.environ,
            "ACTORNET_NEO4J_HOME": str(home),
            "ACTORNET_NEO4J_PORT": str(port),
            "ACTORNET_NEO4J_HTTP_PORT": str(free_port()),
            "ACTORNET_NEO4J_HEAP": "512m",
            "ACTORNET_NEO4J_PAGECACHE": "64",
        }

    def __call__(self, command: str) -> str:
        done = subprocess.run(
            ["bash", str(SCRIPT), command],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=900,
            check=False,
        )
        assert done.returncode == 0, f"neo4j-local {command}: {done.stderr}{done.stdout}"
        return done.stdout

    def settings(self) -> dict[str, str]:
        lines = self("env").splitlines()
        pairs = (line.removeprefix("export ").split("=", 1) for line in lines)
        return {k: v.strip("'") for k, v in pairs}

    def store(self) -> Neo4jStore:
        """A store that gives up on a dead server after 2 s of retries (the default is 30)."""
        s = self.settings()
        uri, user, password = s["NEO4J_URI"], s["NEO4J_USER"], s["NEO4J_PASSWORD"]
        return Neo4jStore(uri, user, password, batch_size=50, retry_time=2)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LocalServer]:
    neo4j_env()  # the same rule as every Neo4j test: skip without a server, fail in CI
    if not shutil.which("java"):
        pytest.fail("java is needed to start a second Neo4j with scripts/neo4j-local")
    local = LocalServer(tmp_path / "neo4j", free_port())
    local("start")
    try:
        yield local
    finally:
        local("stop")


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """An embedded store of 12 documents, 2,400 interactions among 300 actors."""
    spec = importlib.util.spec_from_file_location(
        "bench", ROOT / "benchmarks" / "bench_neo4j_load.py"
    )
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    db = tmp_path / "source.db"
    with SqliteStore(db) as sqlite:
        for ext in bench.generate_documents(300, 2400, per_document=200, seed=11):
            sqlite.replace_document(ext)
    return db


def snapshot(store: Neo4jStore) -> tuple[dict[str, int], list[Any]]:
    rels = cypher(
        store,
        "MATCH (s)-[r]->(t) RETURN type(r) AS type, count(r) AS n, "
        "sum(size(coalesce(r.quotes, []))) AS quotes ORDER BY type",
    )
    return store.counts(), rels


def test_killed_server_mid_load_then_rerun_equals_one_clean_load(
    server: LocalServer, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SqliteStore(source) as sqlite, server.store() as store:
        store.apply_schema()
        store.load_from(sqlite)
        clean = snapshot(store)
        assert clean[0]["documents"] == 12 and clean[0]["interactions"] == 2400
        store.wipe()
        assert store.counts()["documents"] == 0

        pid = int(server("pid").strip())
        real, sent, loaded = store_module._rows, [], []

        def kill_mid_transaction(tx: Any, query: str, params: Any = None) -> Any:
            sent.append(query)
            if len(loaded) == 5 and query == store_module.q.CLAIM_CREATE:
                os.kill(pid, signal.SIGKILL)  # the 6th document's transaction is open
            return real(tx, query, params)

        monkeypatch.setattr(store_module, "_rows", kill_mid_transaction)
        # the driver retries the document for `retry_time`, then gives up: one clear line
        with pytest.raises(StoreError, match=r"cannot reach Neo4j|failed"):
            store.load_from(sqlite, progress=lambda i, n, doc: loaded.append(doc))
        monkeypatch.setattr(store_module, "_rows", real)
        assert len(loaded) == 5
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)  # the server is really gone

    server("start")  # recovers the store from its transaction log
    with SqliteStore(source) as sqlite, server.store() as store:
        interrupted = store.counts()
        assert interrupted["documents"] == 5  # five committed documents, nothing of the 6th
        assert interrupted["claims"] == 5 * 200
        store.load_from(sqlite)
        assert snapshot(store) == clean
        assert store.interactions() == sqlite.interactions()
        assert store.actors() == sqlite.actors()


def test_killed_server_mid_parallel_load_then_rerun_equals_one_clean_load(
    server: LocalServer, source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with SqliteStore(source) as sqlite, server.store() as store:
        store.apply_schema()
        store.load_from(sqlite)  # one by one: the reference
        clean = snapshot(store)
        store.wipe()

        pid = int(server("pid").strip())
        real, loaded = store_module._rows, []

        def kill_mid_transaction(tx: Any, query: str, params: Any = None) -> Any:
            if len(loaded) >= 5 and query == store_module.q.CLAIM_CREATE:
                os.kill(pid, signal.SIGKILL)  # documents of both lanes are open
            return real(tx, query, params)

        monkeypatch.setattr(store_module, "_rows", kill_mid_transaction)
        with pytest.raises(StoreError, match=r"cannot reach Neo4j|failed"):
            store.load_from(sqlite, progress=lambda i, n, doc: loaded.append(doc), jobs=2)
        monkeypatch.setattr(store_module, "_rows", real)
        assert 5 <= len(loaded) < 12

    server("start")
    with SqliteStore(source) as sqlite, server.store() as store:
        interrupted = store.counts()
        # whole documents only; the other lane's document may have committed just before
        # the kill, without its client hearing of it
        assert len(loaded) <= interrupted["documents"] <= len(loaded) + 1, interrupted
        assert interrupted["claims"] == 200 * interrupted["documents"]
        store.load_from(sqlite, jobs=2)
        assert snapshot(store) == clean
        assert store.interactions() == sqlite.interactions()
        assert store.actors() == sqlite.actors()
