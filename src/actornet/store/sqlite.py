"""The embedded store: one SQLite file, documents as the unit of change.

Each document owns its rows (claims, evidence, affiliations, actor links). Replacing a
document deletes everything it owns and inserts the new extraction in one
`BEGIN IMMEDIATE` transaction, so nothing stale survives and a failure changes nothing.
Claims with the same interaction id from several documents are merged on read.
WAL mode plus a busy timeout let several processes write to one file safely.
"""

from __future__ import annotations

import itertools
import json
import operator
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Document,
    DocumentExtraction,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)
from actornet.store.base import ClosesOnExit, InteractionFilter, StoreError
from actornet.store.judgements_sqlite import SqliteJudgements
from actornet.store.lookup import matches_filter, merge_claims
from actornet.store.sqlite_schema import SCHEMA_VERSION, TABLES, check, create, upgrade

__all__ = ["SCHEMA_VERSION", "SqliteStore", "matches_filter", "merge_claims"]

BUSY_TIMEOUT_S = 30.0

# Actors that some stored document mentions, or that a stored claim involves.
_VISIBLE_ACTORS = """
    id IN (SELECT actor_id FROM actor_documents)
    OR id IN (SELECT source FROM claims WHERE source IS NOT NULL)
    OR id IN (SELECT target FROM claims)
    OR id IN (SELECT place FROM claims WHERE place IS NOT NULL)
"""


_STATUS_ORDER = [ClaimStatus.ASSERTED, ClaimStatus.REPORTED, ClaimStatus.UNCONFIRMED,
                 ClaimStatus.PLANNED, ClaimStatus.DENIED]  # fmt: skip  # strongest first


def _merge_rows(
    rows: list[tuple[Any, ...]],
    evidence: list[Evidence],
    types: dict[str, InteractionType],
    statuses: dict[str, ClaimStatus],
    rank: dict[str, int],
    intern: Any,
) -> Interaction:
    """`merge_claims` over raw claim rows (interaction_id, type, source, target, date, place,
    status, mode, implicit, confidence), in document order, without a per-claim object."""
    iid, type_, src, tgt, date, place, status, mode, implicit, conf = rows[0]
    if len(rows) == 1:
        status_ = statuses[status]
    else:
        for row in rows[1:]:
            if len(row[4] or "") > len(date or ""):
                date = row[4]
        place = next((r[5] for r in rows if r[5]), None)
        mode = next((r[7] for r in rows if r[7]), None)
        implicit = all(r[8] for r in rows)
        status_ = statuses[min((r[6] for r in rows), key=rank.__getitem__)]
        scored = [r[9] for r in rows if r[9] is not None]
        conf = max(scored) if scored else None
    return Interaction(
        types[type_],
        intern(src, src) if src is not None else None,
        intern(tgt, tgt),
        intern(date, date) if date is not None else None,
        intern(place, place) if place is not None else None,
        status_,
        mode,
        bool(implicit),
        evidence,
        iid,
        confidence=conf,
    )


def _role_to_json(role: Role) -> dict[str, Any]:
    return {"title": role.title, "org": role.org, "start": role.start, "end": role.end}


class SqliteStore(SqliteJudgements, ClosesOnExit):
    """`GraphStore` over a SQLite file (created on first use)."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = os.fspath(path)
        try:
            self._conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc
        try:
            self._open()
        except sqlite3.DatabaseError as exc:
            self._conn.close()
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
                msg = f"{self.path}: not an actornet store (file is not a database)"
                raise StoreError(msg) from exc
            raise StoreError(f"{self.path}: cannot open store ({exc})") from exc
        except StoreError:
            self._conn.close()
            raise

    # -- setup ------------------------------------------------------------------------

    def _open(self) -> None:
        conn = self._conn
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        self._check_version()  # before WAL: never convert somebody else's database
        deadline = time.monotonic() + BUSY_TIMEOUT_S
        while True:  # switching to WAL needs a moment alone with the file
            try:
                conn.execute("PRAGMA journal_mode = WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA wal_autocheckpoint = 8000")  # fewer, larger checkpoints: faster ingest
        if self._check_version() < SCHEMA_VERSION:
            with self._write():
                version = self._check_version()  # another process may have been first
                if version == 0:
                    create(conn)
                elif version < SCHEMA_VERSION:
                    upgrade(conn, version)
        self._ensure_judgements()

    def _check_version(self) -> int:
        try:
            return check(self._conn)
        except ValueError as exc:
            raise StoreError(f"{self.path}: {exc}") from None

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: cannot write ({exc})") from exc
        try:
            yield self._conn
            self._conn.execute("COMMIT")
        except BaseException as exc:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):  # locked, disk full, read-only, ...
                raise StoreError(f"{self.path}: write failed, nothing changed ({exc})") from exc
            raise

    @contextmanager
    def snapshot(self) -> Iterator[SqliteStore]:
        """Read several things from one consistent state of the file."""
        if self._conn.in_transaction:
            yield self
            return
        self._conn.execute("BEGIN")
        try:
            yield self
        finally:
            self._conn.execute("COMMIT")

    # -- writes -----------------------------------------------------------------------

    def replace_document(self, extraction: DocumentExtraction) -> None:
        doc = extraction.document
        with self._write() as conn:
            before = self._referenced(conn, doc.id)
            self._delete_owned(conn, doc.id)
            conn.execute(
                "INSERT INTO documents VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, doc.path, doc.title, doc.sha256, doc.format, doc.period_start,
                 doc.period_end, int(doc.period_stated), doc.text, doc.word_count,
                 datetime.now(UTC).isoformat(timespec="seconds")),
            )  # fmt: skip
            self._upsert_actors(conn, doc.id, extraction.actors)
            self._insert_claims(conn, doc.id, extraction.interactions)
            self._insert_affiliations(conn, doc.id, extraction.affiliations)
            self._collect_garbage(conn, before)

    def move_document(self, old_id: str, new_id: str, path: str) -> None:
        """Give a stored document a new id and source path (a moved or re-rooted file),
        with everything it owns, in one transaction. Replaces a document stored as new_id."""
        with self._write() as conn:
            if new_id != old_id:
                before = self._referenced(conn, new_id)
                self._delete_owned(conn, new_id)
                for sql in (
                    "UPDATE documents SET id = ? WHERE id = ?",
                    "UPDATE actor_documents SET document_id = ? WHERE document_id = ?",
                    "UPDATE claims SET document_id = ? WHERE document_id = ?",
                    "UPDATE evidence SET owner = ? WHERE owner = ?",
                    "UPDATE evidence SET document = ? WHERE document = ?",
                    "UPDATE affiliations SET owner = ? WHERE owner = ?",
                    "UPDATE affiliations SET document = ? WHERE document = ?",
                ):
                    conn.execute(sql, (new_id, old_id))
                self._collect_garbage(conn, before)
            conn.execute("UPDATE documents SET path = ? WHERE id = ?", (path, new_id))

    def delete_document(self, document_id: str) -> None:
        with self._write() as conn:
            before = self._referenced(conn, document_id)
            self._delete_owned(conn, document_id)
            self._collect_garbage(conn, before)

    def wipe(self) -> None:
        """Delete everything (the schema stays)."""
        with self._write() as conn:
            for table in TABLES:
                conn.execute(f"DELETE FROM {table}")

    @staticmethod
    def _delete_owned(conn: sqlite3.Connection, document_id: str) -> None:
        conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
        conn.execute("DELETE FROM actor_documents WHERE document_id = ?", (document_id,))
        conn.execute("DELETE FROM claims WHERE document_id = ?", (document_id,))
        conn.execute("DELETE FROM evidence WHERE owner = ?", (document_id,))
        conn.execute("DELETE FROM affiliations WHERE owner = ?", (document_id,))

    @staticmethod
    def _referenced(conn: sqlite3.Connection, document_id: str) -> list[str]:
        """Actors a stored document mentions or whose claims it holds: garbage candidates."""
        rows = conn.execute(
            "SELECT actor_id FROM actor_documents WHERE document_id = ? UNION "
            "SELECT source FROM claims WHERE document_id = ? AND source IS NOT NULL UNION "
            "SELECT target FROM claims WHERE document_id = ? UNION "
            "SELECT place FROM claims WHERE document_id = ? AND place IS NOT NULL",
            (document_id,) * 4,
        )
        return [r[0] for r in rows]

    @staticmethod
    def _collect_garbage(conn: sqlite3.Connection, candidates: list[str]) -> None:
        """Drop the candidates no stored document mentions or involves any more."""
        conn.executemany(
            f"DELETE FROM actors WHERE id = ? AND NOT ({_VISIBLE_ACTORS})",
            [(c,) for c in candidates],
        )

    @staticmethod
    def _upsert_actors(conn: sqlite3.Connection, doc_id: str, actors: list[Actor]) -> None:
        conn.executemany(
            "INSERT OR REPLACE INTO actors VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [(a.id, a.name, ActorKind(a.kind).value, json.dumps(list(a.aliases)),
              json.dumps(list(a.descriptions)), a.country, int(a.proxy), int(a.state), a.parent,
              json.dumps([_role_to_json(r) for r in a.roles]), a.died, a.origin)
             for a in actors],
        )  # fmt: skip
        conn.executemany(
            "INSERT OR REPLACE INTO actor_documents VALUES (?, ?, ?)",
            [(a.id, doc_id, json.dumps(list(a.aliases))) for a in actors],
        )

    @staticmethod
    def _insert_claims(
        conn: sqlite3.Connection, doc_id: str, interactions: list[Interaction]
    ) -> None:
        grouped: dict[str, list[Interaction]] = {}
        for interaction in interactions:
            grouped.setdefault(interaction.id, []).append(interaction)
        merged = [merge_claims(claims) for claims in grouped.values()]
        conn.executemany(
            "INSERT INTO claims (interaction_id, document_id, type, source, target, date, place,"
            " status, mode, implicit, confidence) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [(c.id, doc_id, InteractionType(c.type).value, c.source, c.target, c.date,
              c.place, ClaimStatus(c.status).value, c.mode, int(c.implicit), c.confidence)
             for c in merged],
        )  # fmt: skip
        conn.executemany(
            "INSERT INTO evidence VALUES (?,?,?,?,?,?,?,?)",
            [(c.id, doc_id, e.document, e.start, e.end, e.quote, e.cited_source, e.section)
             for c in merged for e in c.evidence],
        )  # fmt: skip

    @staticmethod
    def _insert_affiliations(
        conn: sqlite3.Connection, doc_id: str, affiliations: list[Affiliation]
    ) -> None:
        conn.executemany(
            "INSERT INTO affiliations VALUES (?,?,?,?,?,?,?,?)",
            [(doc_id, AffiliationKind(a.kind).value, a.source, a.target, a.title, a.start, a.end,
              a.document) for a in affiliations],
        )  # fmt: skip

    # -- reads ------------------------------------------------------------------------

    def document_hash(self, document_id: str) -> str | None:
        row = self._conn.execute(
            "SELECT sha256 FROM documents WHERE id = ?", (document_id,)
        ).fetchone()
        return row[0] if row else None

    def documents_with_hash(self, sha256: str) -> list[tuple[str, str]]:
        """(id, source path) of the stored documents whose text has this sha256."""
        rows = self._conn.execute(
            "SELECT id, path FROM documents WHERE sha256 = ? ORDER BY id", (sha256,)
        )
        return [(r[0], r[1]) for r in rows]

    def document_path(self, document_id: str) -> str | None:
        row = self._conn.execute("SELECT path FROM documents WHERE id = ?", (document_id,))
        found = row.fetchone()
        return found[0] if found else None

    def documents(self) -> list[Document]:
        return self._documents("")

    def actors(self) -> list[Actor]:
        return self._actors(f"WHERE {_VISIBLE_ACTORS}")

    def actor_documents(self) -> dict[str, list[str]]:
        """Actor id -> ids of the stored documents that mention it."""
        out: dict[str, list[str]] = {}
        for actor_id, doc_id in self._conn.execute(
            "SELECT actor_id, document_id FROM actor_documents ORDER BY actor_id, document_id"
        ):
            out.setdefault(actor_id, []).append(doc_id)
        return out

    def interactions(self, flt: InteractionFilter | None = None) -> list[Interaction]:
        flt = flt or InteractionFilter()
        conds, params = [], []
        if flt.types:  # narrow in SQL; matches_filter has the final word
            conds.append(f"type IN ({','.join('?' * len(flt.types))})")
            params += [InteractionType(t).value for t in flt.types]
        if flt.actor:
            conds.append("(source = ? OR target = ?)")
            params += [flt.actor, flt.actor]
        where = ""
        if conds:
            sub = " AND ".join(conds)
            where = f"WHERE interaction_id IN (SELECT interaction_id FROM claims WHERE {sub})"
        merged = self._merged(where, params)
        return sorted(
            (i for i in merged if matches_filter(i, flt)), key=lambda i: (i.date or "", i.id)
        )

    def affiliations(self) -> list[Affiliation]:
        return self._affiliations("")

    def extraction(self, document_id: str) -> DocumentExtraction | None:
        """One document as stored: the actors it mentions, its own (unmerged) claims with
        their evidence, and its affiliations; None when the document is not stored."""
        with self.snapshot():
            docs = self._documents("WHERE id = ?", [document_id])
            if not docs:
                return None
            mentioned = "WHERE id IN (SELECT actor_id FROM actor_documents WHERE document_id = ?)"
            return DocumentExtraction(
                document=docs[0],
                actors=self._actors(mentioned, [document_id]),
                interactions=self._claims(
                    "WHERE document_id = ?", "WHERE owner = ?", [document_id]
                ),
                affiliations=self._affiliations("WHERE owner = ?", [document_id]),
            )

    def stats(self) -> dict[str, int]:
        """Counts of documents, actors, merged interactions, evidence and affiliations."""
        with self.snapshot():
            return {
                "documents": self._count("SELECT count(*) FROM documents"),
                "actors": self._count(f"SELECT count(*) FROM actors WHERE {_VISIBLE_ACTORS}"),
                "interactions": self._count("SELECT count(DISTINCT interaction_id) FROM claims"),
                "evidence": self._count("SELECT count(*) FROM evidence"),
                "affiliations": len(self.affiliations()),
            }

    # Row readers: `where` is a constant SQL fragment; values always go in `params`.

    def _count(self, sql: str) -> int:
        return self._conn.execute(sql).fetchone()[0]

    def _documents(self, where: str, params: list[Any] | None = None) -> list[Document]:
        rows = self._conn.execute(
            "SELECT id, path, text, sha256, title, period_start, period_end, period_stated, "
            f"format FROM documents {where} ORDER BY id",
            params or [],
        )
        return [Document(*r[:7], bool(r[7]), r[8]) for r in rows]

    def _actors(self, where: str, params: list[Any] | None = None) -> list[Actor]:
        rows = self._conn.execute(
            "SELECT id, name, kind, aliases, descriptions, country, proxy, state, parent, roles,"
            f" died, origin FROM actors {where} ORDER BY id",
            params or [],
        )
        seen: dict[str, list[str]] = {}
        for actor_id, more in self._conn.execute(  # most documents see no new surface form
            "SELECT actor_id, aliases FROM actor_documents WHERE aliases != '[]'"
            " ORDER BY actor_id, document_id"
        ):
            seen.setdefault(actor_id, []).extend(json.loads(more))
        kinds = {k.value: k for k in ActorKind}

        def union(actor_id: str, aliases: str) -> tuple[str, ...]:
            """Aliases of the actor row plus the surface forms every document saw."""
            own = json.loads(aliases) if aliases != "[]" else []
            more = seen.get(actor_id)
            return tuple(dict.fromkeys([*own, *more])) if more else tuple(own)

        def loads(text: str) -> list[Any]:
            return json.loads(text) if text != "[]" else []

        # fmt: off
        return [
            Actor(id, name, kinds[kind], union(id, aliases), tuple(loads(descr)),
                  country, bool(proxy), bool(state), parent,
                  tuple(Role(**d) for d in loads(roles)), died, origin)
            for id, name, kind, aliases, descr, country, proxy, state, parent, roles, died, origin
            in rows
        ]
        # fmt: on

    def _merged(self, where: str, params: list[Any]) -> list[Interaction]:
        """One merged Interaction per interaction id (`merge_claims` of its claims, in document
        order), read in two ordered scans (claims, evidence) merged in one pass."""
        types = {t.value: t for t in InteractionType}
        statuses = {s.value: s for s in ClaimStatus}
        rank = {s.value: i for i, s in enumerate(_STATUS_ORDER)}
        strings: dict[str, str] = {}  # one copy of each repeated string (ids, dates, documents)
        intern = strings.setdefault
        numbers: dict[int, int] = {}  # and of each offset: 3.2 million ints (90 MB) at 10^6
        share = numbers.setdefault
        out: list[Interaction] = []
        with self.snapshot():
            # Every row: a scan of the table and one sort (NOT INDEXED) takes half the time of
            # reading the rows in index order (a random access per row): 6.3 -> 3.7 s at 10^6.
            evidence = self._conn.execute(
                "SELECT interaction_id, document, start_offset, end_offset, quote, cited_source,"
                f" section FROM evidence {where or 'NOT INDEXED'}"
                " ORDER BY interaction_id, document, start_offset, end_offset, owner, rowid",
                params,
            )
            claims = self._conn.execute(
                "SELECT interaction_id, type, source, target, date, place, status, mode, implicit,"
                f" confidence FROM claims {where} ORDER BY interaction_id, document_id",
                params,
            )
            first = operator.itemgetter(0)
            quotes = itertools.groupby(evidence, first)
            at, rows = next(quotes, (None, ()))
            for iid, claim_rows in itertools.groupby(claims, first):
                while at is not None and at < iid:  # evidence without a claim: skipped
                    at, rows = next(quotes, (None, ()))
                found: list[Evidence] = []
                if at == iid:
                    found = [
                        Evidence(intern(doc, doc), share(a, a), share(b, b), quote, cited, section)
                        for _, doc, a, b, quote, cited, section in rows
                    ]
                    at, rows = next(quotes, (None, ()))
                    if len(found) > 1:
                        found = list(dict.fromkeys(found))
                out.append(_merge_rows(list(claim_rows), found, types, statuses, rank, intern))
        return out

    def _claims(
        self, claim_where: str, evidence_where: str, params: list[Any]
    ) -> list[Interaction]:
        """One Interaction per stored claim, ordered by (interaction id, document)."""
        with self.snapshot():
            claim_rows = self._conn.execute(
                "SELECT type, source, target, date, place, status, mode, implicit, interaction_id,"
                f" document_id, confidence FROM claims {claim_where}"
                " ORDER BY interaction_id, document_id",
                params,
            ).fetchall()
            evidence: dict[tuple[str, str], list[Evidence]] = {}
            for iid, owner, *ev in self._conn.execute(
                "SELECT interaction_id, owner, document, start_offset, end_offset, quote,"
                f" cited_source, section FROM evidence {evidence_where}"
                " ORDER BY document, start_offset, end_offset",
                params,
            ):
                evidence.setdefault((iid, owner), []).append(Evidence(*ev))
        # fmt: off
        return [
            Interaction(InteractionType(type_), src, tgt, date, place, ClaimStatus(status), mode,
                        bool(implicit), evidence.get((iid, doc_id), []), iid, confidence=conf)
            for type_, src, tgt, date, place, status, mode, implicit, iid, doc_id, conf
            in claim_rows
        ]
        # fmt: on

    def _affiliations(self, where: str, params: list[Any] | None = None) -> list[Affiliation]:
        rows = self._conn.execute(
            "SELECT DISTINCT kind, source, target, title, start_date, end_date, document "
            f"FROM affiliations {where} "
            "ORDER BY kind, source, target, title, start_date, end_date, document",
            params or [],
        )
        return [
            Affiliation(AffiliationKind(k), s, t, title, start, end, doc)
            for k, s, t, title, start, end, doc in rows
        ]

    # -- lifecycle --------------------------------------------------------------------

    def close(self) -> None:
        self._conn.close()
