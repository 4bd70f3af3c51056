"""`actornet neo4j ...`: refusals and connection errors for real, the rest on the fake graph."""

from __future__ import annotations

import json
from pathlib import Path
from unittest.mock import MagicMock

import neo4j
import pytest
from click.testing import CliRunner, Result

from actornet.cli import main
from actornet.cli.neo4j_cmds import Connection, compute_metrics
from actornet.store.sqlite import SqliteStore
from factories import QAANI, sample_extractions
from test_neo4j_store_unit import FakeGraph, FakeSession

SECRET = "pa55-w0rd-never-shown"
ENV = {"NEO4J_URI": "bolt://db:7687", "NEO4J_PASSWORD": SECRET, "NEO4J_DATABASE": ""}


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, list(args), env=env if env is not None else ENV)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "a.db")
    with SqliteStore(path) as store:
        for ex in sample_extractions():
            store.replace_document(ex)
    return path


@pytest.fixture
def graph(monkeypatch: pytest.MonkeyPatch) -> FakeGraph:
    g = FakeGraph()
    drv = MagicMock(spec=neo4j.Driver)
    drv.session.side_effect = lambda **kw: FakeSession(g)
    drv.get_server_info.return_value = MagicMock(
        agent="Neo4j/5.26.0", protocol_version=(5, 4), address="db:7687"
    )
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", MagicMock(return_value=drv))
    return g


def assert_one_error_line(result: Result, code: int = 2) -> str:
    assert result.exit_code == code, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert SECRET not in result.output and "Traceback" not in result.output
    return lines[0]


def test_wipe_refuses_without_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    connect = MagicMock()
    monkeypatch.setattr(neo4j.GraphDatabase, "driver", connect)
    line = assert_one_error_line(run("neo4j", "wipe"), code=1)
    assert "--yes" in line
    connect.assert_not_called()  # refused before connecting


def test_unreachable_server_is_one_line_exit_2() -> None:
    env = {**ENV, "NEO4J_URI": "bolt://127.0.0.1:1"}
    line = assert_one_error_line(run("neo4j", "--timeout", "2", "status", env=env))
    assert "cannot reach Neo4j at bolt://127.0.0.1:1" in line


def test_password_in_option_or_uri_is_never_echoed() -> None:
    env = {"NEO4J_URI": f"bolt://neo4j:{SECRET}@127.0.0.1:1"}
    result = run("neo4j", "--password", SECRET, "--timeout", "2", "schema", env=env)
    line = assert_one_error_line(result)
    assert "bolt://127.0.0.1:1" in line


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({"NEO4J_PASSWORD": SECRET}, "NEO4J_URI"),
        ({"NEO4J_URI": "bolt://db:7687"}, "NEO4J_PASSWORD"),
    ],
)
def test_missing_settings_exit_2(env: dict[str, str], missing: str) -> None:
    env = {"NEO4J_URI": "", "NEO4J_PASSWORD": "", **env}
    assert missing in assert_one_error_line(run("neo4j", "status", env=env))


def test_connection_repr_hides_the_password() -> None:
    conn = Connection("bolt://db", "neo4j", SECRET, None, 1.0)
    assert SECRET not in repr(conn)


def test_every_subcommand_is_documented() -> None:
    group = main.commands["neo4j"]
    assert set(group.commands) == {"schema", "load", "pull", "write-metrics", "wipe", "status"}
    for name, command in group.commands.items():
        assert command.help, name


def test_schema_status_and_wipe(graph: FakeGraph, db: str) -> None:
    result = run("neo4j", "schema")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("applied ") and any(
        query.startswith("CREATE CONSTRAINT actor_id") for query in graph.queries()
    )
    assert run("neo4j", "load", "--db", db).exit_code == 0
    status = json.loads(run("neo4j", "status").stdout)
    assert status["server"] == "Neo4j/5.26.0" and status["counts"]["documents"] == 2
    assert SECRET not in json.dumps(status)
    wiped = run("neo4j", "wipe", "--yes")
    assert wiped.exit_code == 0 and wiped.stdout.startswith("deleted ")
    assert json.loads(run("neo4j", "status").stdout)["counts"]["documents"] == 0


def test_load_twice_prints_identical_counts(graph: FakeGraph, db: str) -> None:
    first = run("neo4j", "load", "--db", db, "--batch-size", "1")
    assert first.exit_code == 0, first.output
    counts = json.loads(first.stdout)
    assert counts["documents"] == 2 and counts["interactions"] == 4
    assert json.loads(run("neo4j", "load", "--db", db).stdout) == counts


def test_load_drops_documents_gone_from_the_embedded_store(graph: FakeGraph, db: str) -> None:
    run("neo4j", "load", "--db", db)
    with SqliteStore(db) as store:
        store.delete_document("001_b.txt")
    counts = json.loads(run("neo4j", "load", "--db", db).stdout)
    assert counts["documents"] == 1 and set(graph.docs) == {"000_a.txt"}


def test_load_needs_an_existing_store(graph: FakeGraph, tmp_path: Path) -> None:
    line = assert_one_error_line(run("neo4j", "load", "--db", str(tmp_path / "no.db")), code=1)
    assert "no such store" in line


def test_pull_exports_and_mirrors_into_sqlite(graph: FakeGraph, db: str, tmp_path: Path) -> None:
    run("neo4j", "load", "--db", db)
    out, mirror = tmp_path / "net.json", str(tmp_path / "mirror.db")
    result = run("neo4j", "pull", "-o", str(out), "--db", mirror)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {a["id"] for a in data["actors"]} >= {QAANI.id}
    assert len(data["interactions"]) == 4 and len(data["documents"]) == 2
    with SqliteStore(db) as original, SqliteStore(mirror) as copy:
        assert copy.interactions() == original.interactions()  # SQLite -> Neo4j -> SQLite
        assert copy.actors() == original.actors()
        assert copy.affiliations() == original.affiliations()
    stdout = run("neo4j", "pull")
    assert json.loads(stdout.stdout) == data


def test_write_metrics(graph: FakeGraph, db: str) -> None:
    run("neo4j", "load", "--db", db)
    result = run("neo4j", "write-metrics", "--db", db)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["metrics"] == ["degree", "weighted_degree", "betweenness", "pagerank"]
    props = graph.actors[QAANI.id]["props"]
    assert props["degree"] >= 2 and 0 < props["pagerank"] < 1
    again = run("neo4j", "write-metrics", "--source", "neo4j")
    assert again.exit_code == 0 and json.loads(again.stdout)["actors"] == summary["actors"]


def test_compute_metrics_on_the_embedded_store(db: str) -> None:
    with SqliteStore(db) as store:
        metrics = compute_metrics(store)
    assert set(metrics[QAANI.id]) == {"degree", "weighted_degree", "betweenness", "pagerank"}
    assert abs(sum(m["pagerank"] for m in metrics.values()) - 1.0) < 1e-6
