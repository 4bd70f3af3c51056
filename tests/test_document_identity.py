"""Documents are identified by their path under the ingested folder, not their file name."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from actornet.export import export_json
from actornet.extract.actors.gazetteer import load_gazetteer
from actornet.ingest import discover_sources
from actornet.pipeline import ingest_paths
from actornet.store import sqlite_schema
from actornet.store.base import StoreError
from actornet.store.sqlite import SqliteStore

GAZ = load_gazetteer(Path(__file__).parent / "data" / "gazetteer_min.yaml", geonames=False)
HEAD = "Spotlight on Iran\n\nMarch 1, 2021 – March 15, 2021 Editor: Test\nOverview\n  • "
MEETINGS = {
    "2020/report.txt": "On March 3, Zarif met with Bashar al-Assad in Damascus.",
    "2021/report.txt": "On March 4, Zarif met with Hassan Nasrallah in Beirut.",
}


def _series(root: Path, bodies: dict[str, str] = MEETINGS) -> Path:
    for name, body in bodies.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(HEAD + body + "\n", encoding="utf-8")
    return root


def test_ids_are_relative_to_the_folder_or_absolute(tmp_path: Path) -> None:
    root = _series(tmp_path / "reports")
    sources, errors = discover_sources([root, root / "2021" / "report.txt"])
    assert errors == []
    assert [s.id for s in sources] == ["2020/report.txt", "2021/report.txt"]
    alone, _ = discover_sources([root / "2021" / "report.txt"])
    assert [s.id for s in alone] == [(root / "2021" / "report.txt").absolute().as_posix()]


def test_same_named_files_are_two_documents_and_reingest_stores_nothing(
    tmp_path: Path,
) -> None:
    root = _series(tmp_path / "reports")
    with SqliteStore(tmp_path / "s.db") as store:
        first = ingest_paths([root], store, gazetteer=GAZ)
        assert first.stored == ["2020/report.txt", "2021/report.txt"]
        assert [d.id for d in store.documents()] == first.stored
        meetings = [i for i in store.interactions() if i.type.value == "MET_WITH"]
        assert len(meetings) == 2  # (each also implies Zarif's trip: an implicit VISITED)
        before = export_json(store)
        again = ingest_paths([root], store, gazetteer=GAZ)
        assert again.stored == [] and again.unchanged == first.stored
        assert export_json(store) == before


def test_export_names_the_file_and_the_path(tmp_path: Path) -> None:
    root = _series(tmp_path / "reports")
    with SqliteStore(tmp_path / "s.db") as store:
        ingest_paths([root], store, gazetteer=GAZ)
        data = export_json(store)
    evidence = [e for i in data["interactions"] for e in i["evidence"]]
    assert {(e["document"], e["document_path"]) for e in evidence} == {
        ("report.txt", "2020/report.txt"),
        ("report.txt", "2021/report.txt"),
    }
    assert [(d["id"], d["name"]) for d in data["documents"]] == [
        ("2020/report.txt", "report.txt"),
        ("2021/report.txt", "report.txt"),
    ]


def test_moved_folder_is_recognised_not_duplicated(tmp_path: Path) -> None:
    root = _series(tmp_path / "reports")
    with SqliteStore(tmp_path / "s.db") as store:
        ingest_paths([root], store, gazetteer=GAZ)
        stats = store.stats()
        (tmp_path / "archive").mkdir()
        shutil.move(root, tmp_path / "archive" / "reports")
        moved = ingest_paths([tmp_path / "archive"], store, gazetteer=GAZ)
        assert moved.stored == []
        assert moved.moved == [
            ("2020/report.txt", "reports/2020/report.txt"),
            ("2021/report.txt", "reports/2021/report.txt"),
        ]
        assert store.stats() == stats
        docs = store.documents()
        assert [d.id for d in docs] == ["reports/2020/report.txt", "reports/2021/report.txt"]
        assert all(Path(d.path).is_file() for d in docs)
        evidence = {e.document for i in store.interactions() for e in i.evidence}
        assert evidence == {d.id for d in docs}
        assert ingest_paths([tmp_path / "archive"], store, gazetteer=GAZ).moved == []


def test_copies_with_the_same_text_stay_two_documents(tmp_path: Path) -> None:
    same = MEETINGS["2020/report.txt"]
    root = _series(tmp_path / "reports", {"a/r.txt": same, "b/r.txt": same})
    with SqliteStore(tmp_path / "s.db") as store:
        assert ingest_paths([root], store, gazetteer=GAZ).stored == ["a/r.txt", "b/r.txt"]
        again = ingest_paths([root], store, gazetteer=GAZ)
        assert again.unchanged == ["a/r.txt", "b/r.txt"] and again.moved == []
        (interaction,) = [i for i in store.interactions() if i.type.value == "MET_WITH"]
        assert {e.document for e in interaction.evidence} == {"a/r.txt", "b/r.txt"}


# -- migration --------------------------------------------------------------------------


def _make_v2(path: Path, root: Path) -> dict:
    """A store as schema 2 left it: no confidence column (what it exports once upgraded)."""
    with SqliteStore(path) as store:
        ingest_paths([root], store, gazetteer=GAZ)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE claims SET confidence = NULL")  # what an upgrade gives old claims
    conn.commit()
    conn.close()
    with SqliteStore(path) as store:
        exported = export_json(store)
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE claims DROP COLUMN confidence")
    conn.execute("PRAGMA user_version = 2")
    conn.commit()
    conn.close()
    return exported


def _make_v1(path: Path, root: Path) -> dict:
    """A store as the first schema left it: no application id, no hash index, version 1."""
    exported = _make_v2(path, root)
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX documents_sha256")
    conn.execute("PRAGMA application_id = 0")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    return exported


def _claim_columns(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [r[1] for r in conn.execute("PRAGMA table_info(claims)")]
    finally:
        conn.close()


def _pragmas(path: Path) -> tuple[int, int, list[str]]:
    conn = sqlite3.connect(path)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        indexes = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")]
        return version, app_id, indexes
    finally:
        conn.close()


def test_v1_store_is_upgraded_with_its_data(tmp_path: Path) -> None:
    root = _series(tmp_path / "reports")
    exported = _make_v1(tmp_path / "s.db", root)
    assert _pragmas(tmp_path / "s.db")[:2] == (1, 0)
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.schema_version == sqlite_schema.SCHEMA_VERSION
        assert export_json(store) == exported
        assert ingest_paths([root], store, gazetteer=GAZ).stored == []
    version, app_id, indexes = _pragmas(tmp_path / "s.db")
    assert (version, app_id) == (sqlite_schema.SCHEMA_VERSION, sqlite_schema.APPLICATION_ID)
    assert "documents_sha256" in indexes
    assert "confidence" in _claim_columns(tmp_path / "s.db")


def test_v2_store_is_upgraded_with_its_data(tmp_path: Path) -> None:
    root = _series(tmp_path / "reports")
    exported = _make_v2(tmp_path / "s.db", root)
    assert "confidence" not in _claim_columns(tmp_path / "s.db")
    assert _pragmas(tmp_path / "s.db")[:2] == (2, sqlite_schema.APPLICATION_ID)
    with SqliteStore(tmp_path / "s.db") as store:
        assert store.schema_version == sqlite_schema.SCHEMA_VERSION == 3
        assert export_json(store) == exported
        interactions = store.interactions()
        assert interactions and all(i.confidence is None for i in interactions)  # never scored
        assert ingest_paths([root], store, gazetteer=GAZ).stored == []
    assert _pragmas(tmp_path / "s.db")[0] == sqlite_schema.SCHEMA_VERSION
    assert _claim_columns(tmp_path / "s.db")[-1] == "confidence"


def test_failed_v2_upgrade_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _make_v2(tmp_path / "s.db", _series(tmp_path / "reports"))

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE claims ADD COLUMN confidence REAL")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(sqlite_schema._UPGRADES, 2, half_done)
    with pytest.raises(StoreError):
        SqliteStore(tmp_path / "s.db")
    assert _pragmas(tmp_path / "s.db")[:2] == (2, sqlite_schema.APPLICATION_ID)
    assert "confidence" not in _claim_columns(tmp_path / "s.db")


def test_failed_upgrade_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _make_v1(tmp_path / "s.db", _series(tmp_path / "reports"))

    def half_done(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE INDEX documents_sha256 ON documents (sha256)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setitem(sqlite_schema._UPGRADES, 1, half_done)
    with pytest.raises(StoreError):
        SqliteStore(tmp_path / "s.db")
    version, app_id, indexes = _pragmas(tmp_path / "s.db")
    assert (version, app_id) == (1, 0) and "documents_sha256" not in indexes
    assert "confidence" not in _claim_columns(tmp_path / "s.db")


def test_version_1_without_actornet_tables_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE documents (id TEXT)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="not an actornet store"):
        SqliteStore(path)
    assert path.read_bytes() == before
