"""SQLite-specific behaviour: atomicity, concurrent writers, opening odd files, schema version."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from actornet.export import export_json
from actornet.judgements import Verdict, new_judgement
from actornet.model import Evidence, InteractionType
from actornet.store import sqlite as sqlite_module
from actornet.store.base import StoreError
from actornet.store.confident import ConfidentStore
from actornet.store.judged import JudgedStore
from actornet.store.sqlite import SCHEMA_VERSION, SqliteStore
from factories import (
    HIGH,
    QAANI,
    extraction,
    meeting,
    person,
    sample_extractions,
    scored_extractions,
)

# -- atomicity --------------------------------------------------------------------------


def test_failure_midway_rolls_back_everything(
    sqlite_store: SqliteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b = sample_extractions()
    sqlite_store.replace_document(a)
    before = export_json(sqlite_store)

    def boom(*_args: Any) -> None:
        raise RuntimeError("disk on fire")

    # Fails after the old rows are deleted and the new document, actors and claims inserted.
    monkeypatch.setattr(SqliteStore, "_insert_affiliations", staticmethod(boom))
    changed = extraction(a.document.id, actors=[person("new", "New Person")], text="v2")
    with pytest.raises(RuntimeError, match="disk on fire"):
        sqlite_store.replace_document(changed)
    with pytest.raises(RuntimeError):
        sqlite_store.replace_document(b)  # a new document: nothing of it may appear
    assert export_json(sqlite_store) == before
    assert sqlite_store.document_hash(b.document.id) is None

    monkeypatch.undo()  # the connection is usable again afterwards
    sqlite_store.replace_document(b)
    assert sqlite_store.stats()["documents"] == 2


def test_unstorable_value_rolls_back(sqlite_store: SqliteStore) -> None:
    a, _ = sample_extractions()
    sqlite_store.replace_document(a)
    before = export_json(sqlite_store)
    broken = sample_extractions()[0]
    broken.interactions[-1].evidence.append(Evidence(a.document.id, 0, 1, object()))  # type: ignore[arg-type]
    with pytest.raises(sqlite3.Error):
        sqlite_store.replace_document(broken)
    assert export_json(sqlite_store) == before


def test_unmentioned_actors_are_removed_from_the_table(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    with SqliteStore(db) as store:
        for ex in sample_extractions():
            store.replace_document(ex)
        store.delete_document("001_b.txt")
        store.delete_document("000_a.txt")
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT count(*) FROM actors").fetchone()[0] == 0


def test_extraction_gives_back_one_document_unmerged(sqlite_store: SqliteStore) -> None:
    originals = sample_extractions()
    for ex in originals:
        sqlite_store.replace_document(ex)
    for original in originals:
        got = sqlite_store.extraction(original.document.id)
        assert got is not None
        assert got.document == original.document
        assert got.actors == sorted(original.actors, key=lambda a: a.id)
        by_id = sorted(original.interactions, key=lambda i: i.id)
        assert sorted(got.interactions, key=lambda i: i.id) == by_id  # own status, place, ...
        assert got.affiliations == original.affiliations
    assert sqlite_store.extraction("missing.txt") is None


def test_confidence_is_stored_per_document_claim(sqlite_store: SqliteStore) -> None:
    one = meeting("a.txt", "x", "y", "2021", confidence=0.3)
    same = meeting("a.txt", "x", "y", "2021", "Again in a.txt.", confidence=0.6)
    other = meeting("b.txt", "y", "x", "2021", confidence=0.9)
    sqlite_store.replace_document(extraction("a.txt", interactions=[one, same]))
    sqlite_store.replace_document(extraction("b.txt", interactions=[other]))
    rows = sqlite_store._conn.execute(
        "SELECT document_id, confidence FROM claims ORDER BY document_id"
    ).fetchall()
    assert rows == [("a.txt", 0.6), ("b.txt", 0.9)]  # a.txt's two claims: one row, the max
    a = sqlite_store.extraction("a.txt")
    assert a is not None and [i.confidence for i in a.interactions] == [0.6]
    (merged,) = sqlite_store.interactions()
    assert merged.confidence == 0.9


def test_confident_view_judges_each_claim_by_its_merged_interaction(
    sqlite_store: SqliteStore,
) -> None:
    for ex in scored_extractions():
        sqlite_store.replace_document(ex)
    view = ConfidentStore(JudgedStore(sqlite_store), 0.7)
    assert {(i.type, i.confidence) for i in view.interactions()} == {
        (InteractionType.MET_WITH, HIGH),
        (InteractionType.ATTACKED, None),  # never scored
    }
    a = view.extraction("000_a.txt")
    assert a is not None  # its own meeting claim is 0.6, but the meeting (HIGH) passes
    assert [(i.type, i.confidence) for i in a.interactions] == [(InteractionType.MET_WITH, 0.6)]
    assert view.extraction("missing.txt") is None
    (visit,) = [i for i in sqlite_store.interactions() if i.type is InteractionType.VISITED]
    view.add_judgements([new_judgement(Verdict.CONFIRM, visit.id, by="ana")])
    a = view.extraction("000_a.txt")  # the confirmation is seen at once
    assert a is not None and {i.type for i in a.interactions} == {
        InteractionType.MET_WITH,
        InteractionType.VISITED,
    }
    confirmed = ConfidentStore(JudgedStore(sqlite_store), 1.0)
    assert {i.type for i in confirmed.interactions()} == {
        InteractionType.VISITED,  # confirmed: passes any threshold
        InteractionType.ATTACKED,
    }
    a = confirmed.extraction("000_a.txt")
    assert a is not None and [i.id for i in a.interactions] == [visit.id]
    assert len(sqlite_store.interactions()) == 4  # the store keeps everything


# -- concurrency ------------------------------------------------------------------------


def _write_documents(db: str, prefix: str, n: int, go: Any) -> None:
    """Child process: replace `n` documents, each with its own and one shared meeting."""
    store = SqliteStore(db)  # opening races too: both may create the schema
    go.wait(60)
    for k in range(n):
        doc = f"{prefix}-{k:02d}.txt"
        own = meeting(doc, f"{prefix}-p{k}", QAANI.id, f"2021-01-{k + 1:02d}")
        shared = meeting(doc, "shared-x", "shared-y", "2021-02-01")
        store.replace_document(
            extraction(doc, actors=[person(f"{prefix}-p{k}", f"P {prefix} {k}"), QAANI],
                       interactions=[own, shared])
        )  # fmt: skip
    store.close()


@pytest.mark.parametrize("n", range(1, 12))
def test_store_created_by_another_process_while_opening(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, n: int
) -> None:
    """Another process creates the store just before our n-th statement: two processes
    opening the same new file at the same moment. Each must open it, whatever the timing."""
    db = str(tmp_path / "new.db")
    real_connect = sqlite3.connect
    ours: list[sqlite3.Connection] = []

    class Interleaved(sqlite3.Connection):
        statements = 0
        raced = False

        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:  # type: ignore[override]
            self.statements += 1
            # Not while we hold a transaction: a real other process would wait for it.
            if self.statements >= n and not self.raced and not self.in_transaction:
                self.raced = True
                with SqliteStore(db):  # the other process: an ordinary connection
                    pass
            return super().execute(sql, *args)

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        if ours:
            return real_connect(*args, **kwargs)
        ours.append(real_connect(*args, factory=Interleaved, **kwargs))
        return ours[0]

    monkeypatch.setattr(sqlite_module.sqlite3, "connect", connect)
    with SqliteStore(db) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.stats()["documents"] == 0
    assert ours[0].raced  # the other process really came in while we opened


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "shared.db")
    ctx = multiprocessing.get_context("spawn")
    go = ctx.Event()
    procs = [ctx.Process(target=_write_documents, args=(db, p, 20, go)) for p in ("a", "b")]
    for p in procs:
        p.start()
    go.set()
    for p in procs:
        p.join(120)
    assert [p.exitcode for p in procs] == [0, 0]

    with SqliteStore(db) as store:
        docs = {d.id for d in store.documents()}
        assert docs == {f"{p}-{k:02d}.txt" for p in "ab" for k in range(20)}
        interactions = store.interactions()
        assert len(interactions) == 41  # 40 own meetings + the shared one
        (shared,) = [i for i in interactions if i.source == "shared-x"]
        assert shared.documents == sorted(docs)
        assert len(store.actors()) == 41
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_reader_snapshot_does_not_block_a_writer(tmp_path: Path) -> None:
    a, b = sample_extractions()
    with SqliteStore(tmp_path / "t.db") as reader, SqliteStore(tmp_path / "t.db") as writer:
        writer.replace_document(a)
        with reader.snapshot():
            assert len(reader.documents()) == 1
            writer.replace_document(b)  # WAL: no waiting for the reader
            assert len(reader.documents()) == 1  # the snapshot is stable
        assert len(reader.documents()) == 2


def test_write_lock_held_too_long_is_a_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sqlite_module, "BUSY_TIMEOUT_S", 0.2)
    a, _ = sample_extractions()
    with SqliteStore(tmp_path / "t.db") as store:
        other = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another writer that does not let go
        with pytest.raises(StoreError, match="cannot write"):
            store.replace_document(a)
        other.execute("ROLLBACK")
        other.close()
        store.replace_document(a)
        assert store.document_hash(a.document.id) == a.document.sha256


# -- opening ----------------------------------------------------------------------------


def test_not_a_database(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    content = b"These are my notes, not a database.\n" * 200
    path.write_bytes(content)
    with pytest.raises(StoreError) as info:
        SqliteStore(path)
    assert str(info.value) == f"{path}: not an actornet store (file is not a database)"
    assert path.read_bytes() == content


def test_foreign_sqlite_database_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.close()
    with pytest.raises(StoreError, match="not an actornet store"):
        SqliteStore(path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["recipes"]
    conn.close()


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="cannot open store"):
        SqliteStore(tmp_path)


def test_schema_version_and_pragmas(sqlite_store: SqliteStore) -> None:
    assert sqlite_store.schema_version == SCHEMA_VERSION >= 1
    conn = sqlite3.connect(sqlite_store.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    busy = sqlite_store._conn.execute("PRAGMA busy_timeout").fetchone()[0]
    assert busy >= 30_000


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer than this actornet supports"):
        SqliteStore(path)


def test_data_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    with SqliteStore(path) as store:
        for ex in sample_extractions():
            store.replace_document(ex)
        exported = export_json(store)
    with SqliteStore(path) as store:
        assert export_json(store) == exported
        assert store.document_hash("000_a.txt") == sample_extractions()[0].document.sha256


def test_stats_and_wipe(sqlite_store: SqliteStore) -> None:
    for ex in sample_extractions():
        sqlite_store.replace_document(ex)
    assert sqlite_store.stats() == {
        "documents": 2,
        "actors": 6,
        "interactions": 4,
        "evidence": 5,
        "affiliations": 1,
    }
    assert sqlite_store.actor_documents()[QAANI.id] == ["000_a.txt", "001_b.txt"]
    sqlite_store.wipe()
    assert set(sqlite_store.stats().values()) == {0}
    assert sqlite_store.schema_version == SCHEMA_VERSION
