"""The SQLite store's schema: recognising an actornet store, creating and upgrading it.

A store carries `PRAGMA application_id` (actornet's mark) and `PRAGMA user_version` (the
schema version). Upgrades run in the caller's write transaction, all or nothing.

Versions:
1. the first schema (documents identified by file name; no application id).
2. documents identified by their path relative to the ingested folder; an index on the
   content hash so moved files are recognised; the application id.
3. `claims.confidence REAL`: the learned scorer's probability for each document's claim
   (NULL: never scored, as every claim of an older store).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

__all__ = ["APPLICATION_ID", "SCHEMA_VERSION", "TABLES", "check", "create", "upgrade"]

SCHEMA_VERSION = 3
APPLICATION_ID = 0x41434E54  # "ACNT"

TABLES = ("documents", "actors", "actor_documents", "claims", "evidence", "affiliations")
_SCHEMA_V1 = """
CREATE TABLE documents (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, title TEXT NOT NULL, sha256 TEXT NOT NULL,
    format TEXT NOT NULL, period_start TEXT, period_end TEXT, period_stated INTEGER NOT NULL,
    text TEXT NOT NULL, word_count INTEGER NOT NULL, ingested_at TEXT NOT NULL
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL, aliases TEXT NOT NULL,
    descriptions TEXT NOT NULL, country TEXT, proxy INTEGER NOT NULL, state INTEGER NOT NULL,
    parent TEXT, roles TEXT NOT NULL, died TEXT, origin TEXT NOT NULL
);
CREATE TABLE actor_documents (
    actor_id TEXT NOT NULL, document_id TEXT NOT NULL, aliases TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (actor_id, document_id)
) WITHOUT ROWID;
CREATE INDEX actor_documents_document ON actor_documents (document_id);
CREATE TABLE claims (
    interaction_id TEXT NOT NULL, document_id TEXT NOT NULL, type TEXT NOT NULL, source TEXT,
    target TEXT NOT NULL, date TEXT, place TEXT, status TEXT NOT NULL, mode TEXT,
    implicit INTEGER NOT NULL, PRIMARY KEY (interaction_id, document_id)
) WITHOUT ROWID;
CREATE INDEX claims_document ON claims (document_id);
CREATE INDEX claims_source ON claims (source);
CREATE INDEX claims_target ON claims (target);
CREATE TABLE evidence (
    interaction_id TEXT NOT NULL, owner TEXT NOT NULL, document TEXT NOT NULL,
    start_offset INTEGER NOT NULL, end_offset INTEGER NOT NULL, quote TEXT NOT NULL,
    cited_source TEXT, section TEXT NOT NULL
);
CREATE INDEX evidence_interaction ON evidence (interaction_id);
CREATE INDEX evidence_owner ON evidence (owner);
CREATE TABLE affiliations (
    owner TEXT NOT NULL, kind TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    title TEXT NOT NULL, start_date TEXT, end_date TEXT, document TEXT
);
CREATE INDEX affiliations_owner ON affiliations (owner);
CREATE INDEX claims_place ON claims (place);
"""


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Statement by statement (executescript would commit the caller's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            conn.execute(statement)


def _to_v2(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256)")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _to_v3(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE claims ADD COLUMN confidence REAL")  # old claims: NULL


_UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {1: _to_v2, 2: _to_v3}


def check(conn: sqlite3.Connection) -> int:
    """The store's schema version (0: an empty file); raises ValueError with the reason
    when the file is not an actornet store or is newer than this actornet."""
    # One statement, so one snapshot: read separately, another process creating the store
    # between the reads would make a new store look like a foreign file.
    version, app_id, names = conn.execute(
        "SELECT (SELECT user_version FROM pragma_user_version),"
        " (SELECT application_id FROM pragma_application_id),"
        " (SELECT json_group_array(name) FROM sqlite_master WHERE type = 'table')"
    ).fetchone()
    tables = set(json.loads(names))
    if version > SCHEMA_VERSION and app_id == APPLICATION_ID:
        raise ValueError(
            f"store schema version {version} is newer than this actornet supports "
            f"({SCHEMA_VERSION}); upgrade actornet"
        )
    if version == 0 and app_id == 0:
        if tables:
            raise ValueError("not an actornet store (unknown tables)")
        return 0
    known = app_id == APPLICATION_ID or (app_id == 0 and version == 1)
    if not known or not set(TABLES) <= tables:
        raise ValueError("not an actornet store (unknown tables or application id)")
    return version


def create(conn: sqlite3.Connection) -> None:
    """Create the current schema in an empty database (inside the caller's transaction)."""
    _run(conn, _SCHEMA_V1)
    upgrade(conn, 1)


def upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Bring a store from `version` to SCHEMA_VERSION (inside the caller's transaction)."""
    while version < SCHEMA_VERSION:
        _UPGRADES[version](conn)
        version += 1
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
