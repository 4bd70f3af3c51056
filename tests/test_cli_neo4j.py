"""`actornet neo4j ...`: refusals and connection errors, and every command on the live server."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from unittest.mock import MagicMock

import neo4j
import pytest
from click.testing import CliRunner, Result

from actornet.cli import main
from actornet.cli.neo4j_cmds import Connection, compute_metrics
from actornet.store.neo4j import Neo4jStore
from actornet.store.sqlite import SqliteStore
from conftest import cypher, neo4j_env, open_live
from factories import (
    BAGHDAD,
    HIGH,
    LOW,
    QAANI,
    corpus,
    sample_extractions,
    scored_extractions,
)

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
def live_env(neo4j_schema: None) -> Iterator[dict[str, str]]:
    """The live server's settings, for the CLI; its actornet nodes wiped before and after."""
    with open_live():
        pass
    yield neo4j_env()
    with open_live():
        pass


@pytest.fixture
def server(live_env: dict[str, str]) -> Iterator[Neo4jStore]:
    """A store on the same server, to look at what the CLI wrote."""
    with Neo4jStore.from_env() as s:
        yield s


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
    assert set(group.commands) == {
        "schema",
        "load",
        "pull",
        "write-metrics",
        "wipe",
        "status",
        "analyse",
    }
    for name, command in group.commands.items():
        assert command.help, name


def live(env: dict[str, str], *args: str) -> Result:
    return run(*args, env=env)


@pytest.mark.neo4j
def test_schema_status_and_wipe(live_env: dict[str, str], server: Neo4jStore, db: str) -> None:
    result = live(live_env, "neo4j", "schema")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("applied ")
    names = cypher(server, "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    assert {"actor_id", "document_id", "claim_key"} <= set(names[0]["names"])
    assert live(live_env, "neo4j", "load", "--db", db).exit_code == 0
    status = json.loads(live(live_env, "neo4j", "status").stdout)
    assert status["server"].startswith("Neo4j/5.") and status["counts"]["documents"] == 2
    assert live_env["NEO4J_PASSWORD"] not in json.dumps(status)
    wiped = live(live_env, "neo4j", "wipe", "--yes")
    assert wiped.exit_code == 0 and wiped.stdout.startswith("deleted ")
    assert int(wiped.stdout.split()[1]) == status["counts"]["actor_nodes"] + 2 + 5
    assert json.loads(live(live_env, "neo4j", "status").stdout)["counts"]["documents"] == 0


@pytest.mark.neo4j
def test_load_twice_prints_identical_counts(live_env: dict[str, str], db: str) -> None:
    first = live(live_env, "neo4j", "load", "--db", db, "--batch-size", "1")
    assert first.exit_code == 0, first.output
    counts = json.loads(first.stdout)
    assert counts["documents"] == 2 and counts["interactions"] == 4
    assert json.loads(live(live_env, "neo4j", "load", "--db", db).stdout) == counts


@pytest.mark.neo4j
def test_load_jobs_do_not_change_what_is_loaded(
    live_env: dict[str, str], server: Neo4jStore, tmp_path: Path
) -> None:
    path = str(tmp_path / "corpus.db")
    with SqliteStore(path) as store:
        for ex in corpus(1):
            store.replace_document(ex)
    results = []
    for jobs in ("1", "3"):
        loaded = live(live_env, "neo4j", "load", "--db", path, "--jobs", jobs)
        assert loaded.exit_code == 0, loaded.output
        results.append((json.loads(loaded.stdout), server.interactions(), server.actors()))
        live(live_env, "neo4j", "wipe", "--yes")
    assert results[0] == results[1]
    assert results[0][0]["documents"] == 24


@pytest.mark.neo4j
def test_load_drops_documents_gone_from_the_embedded_store(
    live_env: dict[str, str], server: Neo4jStore, db: str
) -> None:
    live(live_env, "neo4j", "load", "--db", db)
    with SqliteStore(db) as store:
        store.delete_document("001_b.txt")
    counts = json.loads(live(live_env, "neo4j", "load", "--db", db).stdout)
    assert counts["documents"] == 1
    assert cypher(server, "MATCH (d:Document) RETURN d.id AS id") == [{"id": "000_a.txt"}]


@pytest.mark.neo4j
def test_load_leaves_out_the_unconfident_and_carries_confidence(
    live_env: dict[str, str], server: Neo4jStore, tmp_path: Path
) -> None:
    path = str(tmp_path / "scored.db")
    with SqliteStore(path) as store:
        for ex in scored_extractions():
            store.replace_document(ex)
        everything = {i.id: i for i in store.interactions()}
    loaded = live(live_env, "neo4j", "load", "--db", path)
    assert loaded.exit_code == 0, loaded.output
    # the default threshold: the shared meeting (HIGH) and the never-scored attack pass
    got = {i.id: i.confidence for i in server.interactions()}
    passing = {k: v.confidence for k, v in everything.items() if v.confidence in (None, HIGH)}
    assert got == passing and len(got) == 2 and json.loads(loaded.stdout)["interactions"] == 2
    claims = cypher(
        server,
        "MATCH (c:Claim {type: 'MET_WITH'}) RETURN c.document AS doc, c.confidence AS conf "
        "ORDER BY doc",
    )
    assert claims == [{"doc": "000_a.txt", "conf": 0.6}, {"doc": "001_b.txt", "conf": HIGH}]
    visits = "MATCH (c:Claim {type: 'VISITED'}) RETURN count(c) AS n"
    assert cypher(server, visits) == [{"n": 0}]  # nor its claim
    again = live(live_env, "neo4j", "load", "--db", path, "--min-confidence", "0")
    assert json.loads(again.stdout)["interactions"] == 4
    assert {i.id: i.confidence for i in server.interactions()} == {
        k: v.confidence for k, v in everything.items()
    }
    with SqliteStore(path) as store:
        assert len(store.interactions()) == 4  # the embedded store keeps everything
    # pull reads the confidences back, and a mirror keeps each document's own
    mirror = str(tmp_path / "mirror.db")
    pulled = live(live_env, "neo4j", "pull", "--db", mirror)
    assert pulled.exit_code == 0, pulled.output
    exported = live(live_env, "export", "--db", path, "--min-confidence", "0")
    assert json.loads(pulled.stdout)["interactions"] == json.loads(exported.stdout)["interactions"]
    with SqliteStore(mirror) as copy:
        a = copy.extraction("000_a.txt")
        assert a is not None and {i.confidence for i in a.interactions} == {0.6, LOW}


@pytest.mark.neo4j
def test_load_needs_an_existing_store(live_env: dict[str, str], tmp_path: Path) -> None:
    result = live(live_env, "neo4j", "load", "--db", str(tmp_path / "no.db"))
    assert "no such store" in assert_one_error_line(result, code=1)


@pytest.mark.neo4j
def test_pull_exports_and_mirrors_into_sqlite(
    live_env: dict[str, str], db: str, tmp_path: Path
) -> None:
    live(live_env, "neo4j", "load", "--db", db)
    out, mirror = tmp_path / "net.json", str(tmp_path / "mirror.db")
    result = live(live_env, "neo4j", "pull", "-o", str(out), "--db", mirror)
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {a["id"] for a in data["actors"]} >= {QAANI.id}
    assert len(data["interactions"]) == 4 and len(data["documents"]) == 2
    with SqliteStore(db) as original, SqliteStore(mirror) as copy:
        assert copy.interactions() == original.interactions()  # SQLite -> Neo4j -> SQLite
        assert copy.actors() == original.actors()
        assert copy.affiliations() == original.affiliations()
    stdout = live(live_env, "neo4j", "pull")
    assert json.loads(stdout.stdout) == data


@pytest.mark.neo4j
def test_write_metrics(live_env: dict[str, str], server: Neo4jStore, db: str) -> None:
    live(live_env, "neo4j", "load", "--db", db)
    result = live(live_env, "neo4j", "write-metrics", "--db", db)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["metrics"] == ["degree", "weighted_degree", "betweenness", "pagerank"]
    (props,) = cypher(
        server, "MATCH (a:Actor {id: $id}) RETURN a.degree AS degree, a.pagerank AS pr", id=QAANI.id
    )
    assert props["degree"] >= 2 and 0 < props["pr"] < 1
    again = live(live_env, "neo4j", "write-metrics", "--source", "neo4j")
    assert again.exit_code == 0 and json.loads(again.stdout)["actors"] == summary["actors"]


def test_write_metrics_reads_the_confident_interactions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Qa'ani's visit to Baghdad (LOW) counts only with --min-confidence 0."""
    path = str(tmp_path / "scored.db")
    with SqliteStore(path) as store:
        for ex in scored_extractions():
            store.replace_document(ex)
    written: list[dict[str, dict[str, float]]] = []
    server = MagicMock()
    server.__enter__.return_value = server
    server.write_metrics.side_effect = lambda metrics: written.append(metrics) or len(metrics)
    monkeypatch.setattr(Connection, "open", lambda self, batch_size=5000: server)
    for extra in ((), ("--min-confidence", "0")):
        result = run("neo4j", "write-metrics", "--db", path, *extra)
        assert result.exit_code == 0, result.output
    shown, everything = written
    assert shown[BAGHDAD.id]["degree"] == 0 and everything[BAGHDAD.id]["degree"] == 1
    assert everything[QAANI.id]["degree"] == shown[QAANI.id]["degree"] + 1


@pytest.mark.neo4j
def test_write_metrics_from_neo4j_reads_the_confident_interactions(
    live_env: dict[str, str], server: Neo4jStore, tmp_path: Path
) -> None:
    path = str(tmp_path / "scored.db")
    with SqliteStore(path) as store:
        for ex in scored_extractions():
            store.replace_document(ex)
    loaded = live(live_env, "neo4j", "load", "--db", path, "--min-confidence", "0")
    assert loaded.exit_code == 0, loaded.output
    degree = "MATCH (a:Actor {id: $id}) RETURN a.degree AS degree"
    for extra, expected in (((), 0), (("--min-confidence", "0"), 1)):
        result = live(live_env, "neo4j", "write-metrics", "--source", "neo4j", *extra)
        assert result.exit_code == 0, result.output
        assert cypher(server, degree, id=BAGHDAD.id) == [{"degree": expected}]


def test_compute_metrics_on_the_embedded_store(db: str) -> None:
    with SqliteStore(db) as store:
        metrics = compute_metrics(store)
    assert set(metrics[QAANI.id]) == {"degree", "weighted_degree", "betweenness", "pagerank"}
    assert abs(sum(m["pagerank"] for m in metrics.values()) - 1.0) < 1e-6
