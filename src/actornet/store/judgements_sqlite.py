"""Judgements in the SQLite store: their own table, untouched by ingests and `wipe`.

`SqliteStore` mixes `SqliteJudgements` in; the table is created (IF NOT EXISTS) when a
store is opened, so older store files gain it without a schema change.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any

from actornet.judgements import EvidenceKey, Judgement, Verdict

__all__ = ["DDL", "SqliteJudgements"]

DDL = """
CREATE TABLE IF NOT EXISTS judgements (
    id TEXT PRIMARY KEY, verdict TEXT NOT NULL, subject TEXT NOT NULL, other TEXT,
    attribute TEXT, value TEXT, evidence_document TEXT, evidence_start INTEGER,
    evidence_end INTEGER, evidence_quote TEXT, judged_by TEXT NOT NULL,
    judged_at TEXT NOT NULL, note TEXT NOT NULL
)
"""
_COLUMNS = (
    "id, verdict, subject, other, attribute, value, evidence_document, evidence_start,"
    " evidence_end, evidence_quote, judged_by, judged_at, note"
)


def _row(j: Judgement) -> tuple[Any, ...]:
    ev = j.evidence
    return (j.id, j.verdict.value, j.subject, j.other, j.attribute, j.value,
            ev and ev.document, ev and ev.start, ev and ev.end, ev and ev.quote,
            j.by, j.at, j.note)  # fmt: skip


def _judgement(row: Sequence[Any]) -> Judgement:
    jid, verdict, subject, other, attribute, value, doc, start, end, quote, by, at, note = row
    ev = EvidenceKey(doc, start, end, quote) if doc is not None else None
    return Judgement(jid, Verdict(verdict), subject, other, attribute, value, ev, by, at, note)


class SqliteJudgements:
    """Judgement methods of the `GraphStore` protocol for `SqliteStore`."""

    _conn: sqlite3.Connection

    def _write(self) -> AbstractContextManager[sqlite3.Connection]:  # SqliteStore's
        raise NotImplementedError

    def _ensure_judgements(self) -> None:
        exists = self._conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'judgements'"
        ).fetchone()
        if not exists:
            with self._write() as conn:
                conn.execute(DDL)

    def judgements(self) -> list[Judgement]:
        """Every judgement, in the order they take effect (time, then id)."""
        rows = self._conn.execute(f"SELECT {_COLUMNS} FROM judgements ORDER BY judged_at, id")
        return [_judgement(r) for r in rows]

    def add_judgements(self, items: Sequence[Judgement]) -> int:
        """Store judgements atomically; ids already stored are left as they are."""
        with self._write() as conn:
            before = conn.total_changes
            conn.executemany(
                f"INSERT OR IGNORE INTO judgements ({_COLUMNS}) VALUES ({','.join('?' * 13)})",
                [_row(j) for j in items],
            )
            return conn.total_changes - before

    def remove_judgement(self, judgement_id: str) -> bool:
        """Delete one judgement (undo); False when there is no such id."""
        with self._write() as conn:
            return conn.execute("DELETE FROM judgements WHERE id = ?", (judgement_id,)).rowcount > 0
