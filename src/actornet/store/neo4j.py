"""Neo4j 5 store over the official driver: batched UNWIND/MERGE, one managed transaction
per document, per-document claims merged into one typed relationship per interaction.

All Cypher text lives in `neo4j_rows` (pre-built, enum tokens only); this module only
passes parameters. See docs/neo4j.md for the graph model.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import random
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

import neo4j
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ConfigurationError,
    DriverError,
    Neo4jError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from actornet.model import (
    Actor,
    Affiliation,
    AffiliationKind,
    Document,
    DocumentExtraction,
    Interaction,
    InteractionType,
)
from actornet.store import neo4j_parallel as par
from actornet.store import neo4j_rows as q
from actornet.store.base import GraphStore, InteractionFilter, StoreError
from actornet.store.judgements_neo4j import Neo4jJudgements
from actornet.store.lookup import matches_filter

__all__ = ["Neo4jStore", "cypher_dir", "iter_extractions", "sync_documents"]

DATABASE_NOT_FOUND = "Neo.ClientError.Database.DatabaseNotFound"
DEFAULT_BATCH_SIZE = 5000  # rows per UNWIND: one query per label or type for most documents
DEFAULT_TX_TIMEOUT = 60.0  # seconds; NEO4J_TX_TIMEOUT
Progress = Callable[[int, int, str], None]


def cypher_dir() -> Path:
    """Where the .cypher files are: $ACTORNET_CYPHER_DIR, the package data, or the checkout."""
    from actornet.resources import cypher_dir as locate

    found = locate()
    if found is None:
        raise StoreError("cypher/schema.cypher not found; set ACTORNET_CYPHER_DIR")
    return found


def seconds_from_env(name: str, default: float) -> float:
    """A positive number of seconds from the environment variable `name`."""
    raw = os.environ.get(name)
    try:
        value = float(raw) if raw else default
    except ValueError:
        value = -1.0
    if not value > 0:
        raise StoreError(f"{name} must be a positive number of seconds")
    return value


def _redact(uri: str) -> str:
    """The URI without any user:password@ part."""
    scheme, sep, rest = uri.partition("://")
    return scheme + sep + rest.rpartition("@")[2] if sep else uri


def _rows(tx: Any, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return tx.run(query, params or {}).data()


class Neo4jStore(Neo4jJudgements):
    """GraphStore on a Neo4j 5 server (5.13 to 5.26 LTS)."""

    def __init__(
        self,
        uri: str | None,
        user: str,
        password: str | None,
        database: str | None = None,
        batch_size: int = DEFAULT_BATCH_SIZE,
        *,
        connection_timeout: float = 10.0,
        tx_timeout: float = DEFAULT_TX_TIMEOUT,
        retry_time: float = 30.0,
    ) -> None:
        if not uri:
            raise StoreError("no Neo4j server given: set NEO4J_URI (e.g. bolt://localhost:7687)")
        if not password:
            raise StoreError("no Neo4j password given: set NEO4J_PASSWORD")
        if batch_size < 1:
            raise StoreError("batch size must be at least 1")
        if not tx_timeout > 0:
            raise StoreError("the transaction timeout must be a positive number of seconds")
        self.tx_timeout = float(tx_timeout)
        self.uri, self.user, self.database = _redact(uri), user, database or None
        self.batch_size = batch_size
        self._secret = password
        self._driver: neo4j.Driver | None = None
        # one bookmark manager for every session: with a neo4j:// URI on a cluster, a read
        # routed to a secondary waits until it has this store's earlier writes
        self._bookmarks = neo4j.GraphDatabase.bookmark_manager()
        try:
            with self._mapped(ValueError, ImportError):  # malformed URI, http(s) preview scheme
                self._driver = neo4j.GraphDatabase.driver(
                    uri,
                    auth=(user, password),
                    connection_timeout=connection_timeout,
                    notifications_min_severity="OFF",  # no per-query warnings on stderr
                    max_transaction_retry_time=retry_time,  # transient errors, lost server
                )
                self._driver.verify_connectivity()
            self._read(_rows, q.PING)  # a missing database (DatabaseNotFound) surfaces here
        except StoreError:
            self.close()
            raise

    @classmethod
    def from_env(cls, batch_size: int = DEFAULT_BATCH_SIZE) -> Neo4jStore:
        """NEO4J_URI, NEO4J_USER (neo4j), NEO4J_PASSWORD, NEO4J_DATABASE,
        NEO4J_CONNECTION_TIMEOUT (10 s), NEO4J_TX_TIMEOUT (60 s)."""
        timeout = seconds_from_env("NEO4J_CONNECTION_TIMEOUT", 10.0)
        return cls(
            os.environ.get("NEO4J_URI"),
            os.environ.get("NEO4J_USER") or "neo4j",
            os.environ.get("NEO4J_PASSWORD"),
            os.environ.get("NEO4J_DATABASE") or None,
            batch_size,
            connection_timeout=timeout,
            tx_timeout=seconds_from_env("NEO4J_TX_TIMEOUT", DEFAULT_TX_TIMEOUT),
        )

    # ------------------------------------------------------------------ plumbing

    def _describe(self, exc: BaseException) -> str:
        where = f"Neo4j at {self.uri}"
        if isinstance(exc, AuthError):
            msg = f"{where} rejected the credentials of user {self.user!r}"
        elif isinstance(exc, Neo4jError) and "TransactionTimedOut" in (exc.code or ""):
            msg = (
                f"{where} did not finish a transaction within {self.tx_timeout:g} s "
                "(set NEO4J_TX_TIMEOUT to allow longer)"
            )
        elif isinstance(exc, ClientError) and exc.code == DATABASE_NOT_FOUND:
            msg = f"{where} has no database {self.database!r} (check NEO4J_DATABASE)"
        elif isinstance(exc, ServiceUnavailable | SessionExpired):
            msg = f"cannot reach {where} (is the server running?)"
        elif isinstance(exc, ConfigurationError | ValueError | ImportError):
            msg = f"invalid Neo4j URI {self.uri!r}: use bolt://, neo4j:// or neo4j+s://host:7687"
        elif isinstance(exc, Neo4jError):
            msg = f"{where} failed: {exc.code}: {exc.message}"
        else:
            msg = f"{where} failed: {type(exc).__name__}"
        msg = " ".join(msg.split())  # one line
        return msg.replace(self._secret, "***") if self._secret else msg

    @contextlib.contextmanager
    def _mapped(self, *also: type[Exception]) -> Iterator[None]:
        """Driver errors -> StoreError with a one-line message that never holds the password."""
        try:
            yield
        except (Neo4jError, DriverError, *also) as exc:
            raise StoreError(self._describe(exc)) from exc

    def session(self, *, read: bool = False) -> neo4j.Session:
        """A driver session on the store's database, causally chained to the store's
        other sessions; `read=True` routes its auto-commit queries to readers."""
        if self._driver is None:
            raise StoreError("the Neo4j store is closed")
        return self._driver.session(
            database=self.database,
            bookmark_manager=self._bookmarks,
            default_access_mode=neo4j.READ_ACCESS if read else neo4j.WRITE_ACCESS,
        )

    def _timed(self, fn: Callable[..., Any]) -> Callable[..., Any]:
        """`fn` as a unit of work that the server aborts after `tx_timeout` seconds."""

        def work(tx: Any, *args: Any) -> Any:
            return fn(tx, *args)

        return neo4j.unit_of_work(timeout=self.tx_timeout)(work)

    def _read(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self._mapped(), self.session(read=True) as session:
            return session.execute_read(self._timed(fn), *args)

    def _write(self, fn: Callable[..., Any], *args: Any) -> Any:
        with self._mapped(), self.session() as session:
            return session.execute_write(self._timed(fn), *args)

    def _write_quickly(self, fn: Callable[..., Any], *args: Any, tries: int = 8) -> None:
        """`_write`, except that a deadlock is retried after a few milliseconds.

        The driver waits about 1 s before its first retry. Two documents loading at once
        can deadlock on a shared actor, and the other one is through in milliseconds. Any
        other transient failure goes to `_write`, with the driver's own retries."""
        for n in range(tries):
            try:
                with (
                    self.session() as session,
                    session.begin_transaction(timeout=self.tx_timeout) as tx,
                ):
                    fn(tx, *args)
                    tx.commit()
                return
            except TransientError as exc:
                if "DeadlockDetected" not in (exc.code or ""):
                    break
                time.sleep(random.uniform(0.005, 0.03) * (n + 1))
            except (ServiceUnavailable, SessionExpired):
                break  # the driver knows how long to wait for a server coming back
            except (Neo4jError, DriverError) as exc:
                raise StoreError(self._describe(exc)) from exc
        self._write(fn, *args)

    def run_auto_commit(self, query: str, params: dict[str, Any] | None = None) -> Any:
        """One auto-commit query (needed by `CALL { } IN TRANSACTIONS`), with the timeout.

        Returns the result summary."""
        with self._mapped(), self.session() as session:
            return session.run(neo4j.Query(query, timeout=self.tx_timeout), params or {}).consume()

    def close(self) -> None:
        if self._driver is not None:
            self._driver.close()
            self._driver = None

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------ GraphStore

    def document_hash(self, document_id: str) -> str | None:
        rows = self._read(_rows, q.DOCUMENT_HASH, {"document": document_id})
        return rows[0]["sha256"] if rows else None

    def replace_document(self, extraction: DocumentExtraction) -> None:
        """Replace one document and its evidence in one managed (retried) transaction."""
        self._write(_replace_tx, q.plan_document(extraction), self.batch_size)

    def delete_document(self, document_id: str) -> None:
        self._write(_delete_tx, document_id, self.batch_size)

    def documents(self) -> list[Document]:
        return [q.document_from_props(r["doc"]) for r in self._read(_rows, q.DOCUMENTS)]

    def actors(self) -> list[Actor]:
        rows = self._read(_rows, q.ACTORS)
        return [q.actor_from_props(r["actor"], r["labels"]) for r in rows]

    def interactions(self, flt: InteractionFilter | None = None) -> list[Interaction]:
        flt = flt or InteractionFilter()
        params = {
            "types": [t.value for t in (flt.types or tuple(InteractionType))],
            "actor": flt.actor,
            "include_denied": flt.include_denied,
        }
        rows = self._read(_rows, q.INTERACTIONS, params)
        found = [
            q.interaction_from_props(r["type"], r["source"], r["target"], r["props"]) for r in rows
        ]
        found = [it for it in found if matches_filter(it, flt)]
        return sorted(found, key=lambda it: (it.date or "", it.id))

    def affiliations(self) -> list[Affiliation]:
        rows = self._read(_rows, q.AFFILIATIONS)
        found = {
            q.affiliation_from_props(r["kind"], r["source"], r["target"], r["props"]) for r in rows
        }
        return sorted(found, key=_affiliation_order)

    # ------------------------------------------------------------------ extras

    def extraction(self, document_id: str) -> DocumentExtraction | None:
        """One document exactly as stored: its actors, claims and affiliations."""
        return self._read(_extraction_tx, document_id)

    def wipe(self, rows: int = 10_000) -> int:
        """Delete every Claim, Document and Actor (other data is left alone).

        Batched inner transactions of `rows` nodes in auto-commit queries, so a big store
        never builds one huge transaction; each query carries the transaction timeout."""
        if rows < 1:
            raise StoreError("wipe needs at least 1 row per transaction")
        total = 0
        for label in q.WIPE_LABELS:
            total += self.run_auto_commit(q.WIPE[label], {"rows": rows}).counters.nodes_deleted
        return total

    def apply_schema(self, path: Path | None = None) -> int:
        """Run cypher/schema.cypher (constraints and indexes, all IF NOT EXISTS)."""
        path = path or cypher_dir() / "schema.cypher"
        statements = q.split_statements(path.read_text(encoding="utf-8"))
        for stmt in statements:
            self.run_auto_commit(stmt)
        return len(statements)

    def load_from(
        self, store: GraphStore, progress: Progress | None = None, jobs: int = 1
    ) -> dict[str, int]:
        """Copy every document of `store` (one transaction each, up to `jobs` at once, see
        `load_documents`); drop documents it lacks."""

        def replace_all(extractions: Iterable[DocumentExtraction], total: int) -> None:
            self.load_documents(extractions, jobs, progress, total)

        sync_documents(store, self, progress, replace_all)
        return self.counts()

    def load_documents(
        self,
        extractions: Iterable[DocumentExtraction],
        jobs: int = 2,
        progress: Progress | None = None,
        total: int = 0,
    ) -> par.LoadReport:
        """Replace many documents, up to `jobs` transactions at once, then sweep orphans.

        Each document is one transaction, as in `replace_document`; documents that write
        the same relationships never run at once (`neo4j_parallel`), so the store ends as
        a serial load in the same order leaves it. On a failure no new document starts,
        the running ones finish, and the first error is raised."""
        if jobs < 1:
            raise StoreError("a load needs at least 1 job")
        report = par.LoadReport()
        lock, stop = threading.Lock(), threading.Event()
        attempts = 0

        def attempt(tx: Any, plan: q.DocumentPlan) -> None:
            nonlocal attempts
            with lock:
                attempts += 1  # the driver calls this again for every retry
            _replace_tx(tx, plan, self.batch_size, False)

        def run_lane(plans: list[q.DocumentPlan]) -> None:
            for plan in plans:
                if stop.is_set():
                    return
                self._write_quickly(attempt, plan)
                with lock:
                    report.documents += 1
                    if progress:
                        progress(report.documents, total, plan.document_id)

        try:
            with ThreadPoolExecutor(jobs, thread_name_prefix="actornet-load") as pool:
                running: list[Future[None]] = []
                try:
                    for wave in q.batched(extractions, jobs * par.DOCUMENTS_PER_JOB):
                        # planned while the previous wave runs, its lanes drawn once it is done
                        plans = [q.plan_document(ext) for ext in wave]
                        par.share_actor_versions(plans)
                        _first_error(running, stop)
                        ids = [p.document_id for p in plans]
                        groups = par.lanes(plans, self._stored_keys(ids))
                        report.waves += 1
                        report.lanes += len(groups)
                        running = [pool.submit(run_lane, [plans[i] for i in g]) for g in groups]
                    _first_error(running, stop)
                except BaseException:  # Ctrl-C too: the lanes start no new document
                    stop.set()
                    raise
        except StoreError:
            with contextlib.suppress(StoreError):  # the server may be the failure
                self.sweep_orphans()
            raise
        report.retries = attempts - report.documents
        report.orphans_deleted = self.sweep_orphans()
        return report

    def _stored_keys(self, documents: list[str]) -> dict[str, par.StoredKeys]:
        rows = self._read(_rows, q.STORED_KEYS, {"documents": documents})
        return {
            r["doc"]: par.StoredKeys(frozenset(r["ids"]), frozenset(r["keys"] or ())) for r in rows
        }

    def sweep_orphans(self, rows: int = 10_000) -> int:
        """Delete every actor that nothing links (batched auto-commit); returns how many."""
        return self.run_auto_commit(q.SWEEP_ORPHANS, {"rows": rows}).counters.nodes_deleted

    def write_metrics(self, metrics: dict[str, dict[str, float]]) -> int:
        """Write per-actor metrics (allow-listed names) after clearing the previous ones."""
        rows = q.metric_rows(metrics)
        cleared = dict.fromkeys(sorted(q.METRIC_PROPERTIES))

        def work(tx: Any) -> None:
            tx.run(q.METRICS_CLEAR, {"cleared": cleared}).consume()
            for batch in q.batched(rows, self.batch_size):
                tx.run(q.METRICS_WRITE, {"rows": batch}).consume()

        self._write(work)
        return len(rows)

    def counts(self) -> dict[str, int]:
        def work(tx: Any) -> dict[str, int]:
            out = {name: _rows(tx, query)[0]["n"] for name, query in q.COUNTS.items()}
            for t, query in q.COUNT_INTERACTIONS.items():
                out[t.value] = _rows(tx, query)[0]["n"]
            out["interactions"] = sum(out[t.value] for t in InteractionType)
            return out

        return self._read(work)

    def server_info(self) -> dict[str, Any]:
        with self._mapped():
            info = self._driver.get_server_info() if self._driver else None
        if info is None:
            raise StoreError("the Neo4j store is closed")
        protocol = ".".join(map(str, info.protocol_version))
        return {"agent": info.agent, "protocol": protocol, "address": str(info.address)}


def _first_error(futures: Sequence[Future[None]], stop: threading.Event) -> None:
    """Wait for `futures`; on the first failure stop the rest and raise it."""
    wait(futures, return_when=FIRST_EXCEPTION)
    if any(f.done() and f.exception() for f in futures):
        stop.set()
    wait(futures)
    for f in futures:
        if (exc := f.exception()) is not None:
            raise exc


def _affiliation_order(a: Affiliation) -> tuple[str, ...]:
    """The SQLite store's order: kind, source, target, title, start, end, document."""
    return (a.kind.value, a.source, a.target, a.title, a.start or "", a.end or "", a.document or "")


# ---------------------------------------------------------------------- transactions


def _release_document(tx: Any, document: str) -> tuple[dict[InteractionType, set[str]], set[str]]:
    """Remove one document's claims, mentions and share of affiliations.

    Returns the interaction ids it claimed (by type) and the actors that may now be orphans.
    """
    params = {"document": document}
    touched: dict[InteractionType, set[str]] = defaultdict(set)
    actors = {q.UNKNOWN_ACTOR_ID}
    stored = _rows(tx, q.OLD_AFFILIATION_KEYS, params)
    if not stored:  # a new document: no claims, mentions or affiliations to release
        return touched, actors
    for row in _rows(tx, q.RELEASE_CLAIMS, params):
        touched[InteractionType(row["type"])].add(row["id"])
        actors.update(x for x in (row["source"], row["target"], row["place"]) if x)
    actors.update(row["id"] for row in _rows(tx, q.RELEASE_MENTIONS, params))
    keys = stored[0]["keys"]
    if keys is None:  # a document stored before affiliation_keys existed
        released = _rows(tx, q.RELEASE_AFFILIATIONS_SCAN, params)
    else:
        released = [
            row
            for kind in AffiliationKind
            for batch in q.batched(keys, 1000)
            for row in _rows(tx, q.RELEASE_AFFILIATIONS[kind], {"keys": batch, **params})
        ]
    for row in released:
        actors.update((row["source"], row["target"]))
    return touched, actors


def _rebuild_interactions(
    tx: Any,
    document: str,
    touched: dict[InteractionType, set[str]],
    own_claims: list[dict[str, Any]],
    batch_size: int,
    known: set[str],
    fresh: Mapping[InteractionType, set[str]] | None = None,
) -> None:
    """Re-derive the typed relationship of every touched interaction id from its claims.

    `touched`: ids whose claims the document released (their relationships exist);
    `fresh`: the document's new claim ids that it did not release; `known` holds actor ids
    that exist already; other endpoints are merged first.
    """
    fresh = fresh or {}
    claims: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ids = sorted(set().union(*touched.values(), *fresh.values()))
    for batch in q.batched(ids, batch_size):
        for row in _rows(tx, q.OTHER_CLAIMS, {"ids": batch, "document": document}):
            claims[row["claim"]["interaction_id"]].append(row["claim"])
    # A relationship exists only for an id that has a claim. `touched` ids had one (the
    # released ones); a `fresh` id has a relationship only if another document claims it:
    # the others are provably new, so no DELETE is sent for them.
    deletes = {
        t: sorted(touched.get(t, set()) | {i for i in fresh.get(t, ()) if i in claims})
        for t in InteractionType
    }
    for claim in own_claims:
        claims[claim["interaction_id"]].append(claim)
    _per_member(tx, q.INTERACTIONS_DELETE, deletes, batch_size)
    own = {id(c) for c in own_claims}
    rows: dict[InteractionType, list[dict[str, Any]]] = defaultdict(list)
    for iid in ids:
        found = claims.get(iid)
        if found and len(found) == 1 and id(found[0]) in own:  # most ids: one claim
            rows[InteractionType(found[0]["type"])].append(q.relationship_row_from_claim(found[0]))
        elif found:
            merged = q.merge_claim_rows(found)
            rows[merged.type].append(q.relationship_row(merged))
    endpoints = {r[k] for rs in rows.values() for r in rs for k in ("source", "target")}
    if q.UNKNOWN_ACTOR_ID in endpoints:
        _rows(tx, q.UNKNOWN_UPSERT, {"id": q.UNKNOWN_ACTOR_ID, "name": q.UNKNOWN_ACTOR_NAME})
    for batch in q.batched(sorted(endpoints - known - {q.UNKNOWN_ACTOR_ID}), batch_size):
        _rows(tx, q.ENDPOINTS_UPSERT, {"ids": batch})
    _per_member(tx, q.INTERACTIONS_CREATE, rows, batch_size)  # grouped by type


def _per_member(
    tx: Any,
    query: str,
    rows: Mapping[Any, Sequence[Any]],
    batch_size: int,
    **params: Any,
) -> None:
    """Run a `one_call_per_member` query: slice i of every member's rows in round trip i."""
    members = [m for m, r in rows.items() if r]
    if not members:
        return
    longest = max(len(rows[m]) for m in members)
    tokens = {m: q.enum_token(m) for m in type(members[0])}
    for start in range(0, longest, batch_size):
        sliced = {tokens[m]: list(rows.get(m, ()))[start : start + batch_size] for m in tokens}
        _rows(tx, query, {**sliced, **params})


def _delete_orphans(tx: Any, candidates: set[str], batch_size: int) -> None:
    for batch in q.batched(sorted(candidates), batch_size):
        _rows(tx, q.DELETE_ORPHANS, {"ids": batch})


def _replace_tx(
    tx: Any, plan: q.DocumentPlan, batch_size: int, delete_orphans: bool = True
) -> None:
    """One document, atomically; safe to retry (the old state is released first).

    `delete_orphans=False` leaves actors the document no longer links for a later sweep
    (`SWEEP_ORPHANS`): a parallel load must not delete a node another document may be
    linking at the same moment."""
    doc = plan.document_id
    touched, orphans = _release_document(tx, doc)
    _rows(
        tx,
        q.DOCUMENT_UPSERT,
        {"document": doc, "props": plan.props, "affiliation_keys": plan.affiliation_keys()},
    )
    # actors and their MENTIONED_IN edges, a subquery per label
    _per_member(tx, q.ACTORS_UPSERT, plan.actors, batch_size, document=doc)
    endpoints = plan.endpoint_ids()
    for batch in q.batched(endpoints, batch_size):
        _rows(tx, q.ENDPOINTS_UPSERT, {"ids": batch})
    for batch in q.batched(plan.claims, batch_size):
        _rows(tx, q.CLAIM_CREATE, {"rows": [q.claim_node_row(c) for c in batch], "document": doc})
    for kind, aff_rows in sorted(plan.affiliations.items()):
        for batch in q.batched(aff_rows, batch_size):
            _rows(tx, q.AFFILIATION_UPSERT[kind], {"rows": batch, "document": doc})
    fresh = {t: ids - touched.get(t, set()) for t, ids in plan.claim_ids().items()}
    known = set(plan.mention_ids) | set(endpoints)
    _rebuild_interactions(tx, doc, touched, plan.claims, batch_size, known, fresh)
    if delete_orphans:
        _delete_orphans(tx, orphans, batch_size)


def _delete_tx(tx: Any, document: str, batch_size: int) -> None:
    touched, orphans = _release_document(tx, document)
    _rebuild_interactions(tx, document, touched, [], batch_size, set())
    _rows(tx, q.DELETE_DOCUMENT, {"document": document})
    _delete_orphans(tx, orphans, batch_size)


def _extraction_tx(tx: Any, document: str) -> DocumentExtraction | None:
    params = {"document": document}
    docs = _rows(tx, q.DOCUMENT, params)
    if not docs:
        return None
    actors = [q.actor_from_props(r["actor"], r["labels"]) for r in _rows(tx, q.DOC_ACTORS, params)]
    its = [q.claim_to_interaction(row["claim"]) for row in _rows(tx, q.DOC_CLAIMS, params)]
    affs = [
        q.affiliation_from_props(r["kind"], r["source"], r["target"], r["props"])
        for r in _rows(tx, q.DOC_AFFILIATIONS, params)
    ]
    its.sort(key=lambda i: i.id)
    affs.sort(key=_affiliation_order)
    return DocumentExtraction(q.document_from_props(docs[0]["doc"]), actors, its, affs)


# ---------------------------------------------------------------------- copying


def iter_extractions(store: GraphStore) -> Iterator[DocumentExtraction]:
    """Per-document extractions of any store, in document order.

    Exact when the store offers `extraction(document_id)` (SqliteStore and Neo4jStore do);
    otherwise rebuilt from the protocol's merged view: an interaction goes to every
    document of its evidence (with that document's evidence), an affiliation to its own
    document (gazetteer ones to the first), actors to the documents that involve them
    (the rest to the first document).
    """
    docs = sorted(store.documents(), key=lambda d: d.id)
    exact = getattr(store, "extraction", None)
    if callable(exact):
        yield from (ext for ext in map(exact, (d.id for d in docs)) if ext is not None)
        return
    if not docs:
        return
    first, ids = docs[0].id, {d.id for d in docs}
    its: dict[str, list[Interaction]] = defaultdict(list)
    named: dict[str, set[str | None]] = defaultdict(set)
    for it in store.interactions():
        for doc_id in [d for d in it.documents if d in ids] or [first]:
            evidence = [e for e in it.evidence if e.document == doc_id]
            its[doc_id].append(dataclasses.replace(it, evidence=evidence))
            named[doc_id].update((it.source, it.target, it.place))
    affs: dict[str, list[Affiliation]] = defaultdict(list)
    for aff in store.affiliations():
        doc_id = aff.document if aff.document in ids else first
        affs[doc_id].append(aff)
        named[doc_id].update((aff.source, aff.target))
    actors = {a.id: a for a in store.actors()}
    named[first].update(set(actors) - set().union(*named.values()))
    for doc in docs:
        mentioned = [actors[i] for i in sorted(named[doc.id] - {None}) if i in actors]  # type: ignore[type-var]
        yield DocumentExtraction(doc, mentioned, its[doc.id], affs[doc.id])


def sync_documents(
    source: GraphStore,
    target: GraphStore,
    progress: Progress | None = None,
    replace_all: Callable[[Iterable[DocumentExtraction], int], None] | None = None,
) -> None:
    """Make `target` hold exactly the documents of `source`: replace each, delete the rest.

    `replace_all(extractions, total)` replaces them in one call (Neo4j's parallel load);
    without it, one `replace_document` each."""
    wanted = {d.id for d in source.documents()}
    if replace_all is not None:
        replace_all(iter_extractions(source), len(wanted))
    else:
        for i, ext in enumerate(iter_extractions(source), 1):
            target.replace_document(ext)
            if progress:
                progress(i, len(wanted), ext.document.id)
    for doc_id in sorted({d.id for d in target.documents()} - wanted):
        target.delete_document(doc_id)
