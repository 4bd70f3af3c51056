"""Pure Cypher text and parameter rows for the Neo4j store (no driver, no I/O).

Security rule, checkable in this one module: Cypher text is assembled only here, only at
import time, and the only tokens substituted into it are members of the fixed enums
(`ActorKind`, `InteractionType`, `AffiliationKind`), each checked against an identifier
pattern. Everything that comes from a report (ids, names, quotes, dates) is a parameter.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, TypeVar

from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    DatePrecision,
    Document,
    DocumentExtraction,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)
from actornet.store.lookup import merge_claims

T = TypeVar("T")
E = TypeVar("E", bound=StrEnum)

UNKNOWN_ACTOR_ID = "unknown"
UNKNOWN_ACTOR_NAME = "Unknown actor"
METRIC_PROPERTIES = frozenset(  # the only property names write_metrics accepts
    {"degree", "weighted_degree", "in_degree", "out_degree", "betweenness", "pagerank",
     "closeness", "eigenvector", "community"}
)  # fmt: skip
EVIDENCE_LISTS = ("documents", "starts", "ends", "quotes", "cited_sources", "sections")
# a claim's properties that its interaction's relationship carries (merged over the claims)
RELATIONSHIP_FIELDS = ("date", "status", "mode", "implicit", "place", "confidence", *EVIDENCE_LISTS)

# --------------------------------------------------------------------------- query text

_TOKEN = re.compile(r"[A-Z][A-Za-z_]*")


def enum_token(member: StrEnum) -> str:
    """The enum value as a Cypher label/type token; refuses anything but an identifier."""
    if not _TOKEN.fullmatch(member.value):
        raise ValueError(f"not a safe Cypher token: {member.value!r}")
    return member.value


def query_table(template: str, enum: type[E]) -> Mapping[E, str]:
    """One pre-built query per enum member: `__T__` -> the member, `__OTHERS__` -> the rest."""
    out = {}
    for m in enum:
        others = ":".join(enum_token(o) for o in enum if o is not m)
        out[m] = template.replace("__T__", enum_token(m)).replace("__OTHERS__", others)
    return MappingProxyType(out)


INTERACTION_TYPES = "|".join(enum_token(t) for t in InteractionType)
AFFILIATION_TYPES = "|".join(enum_token(k) for k in AffiliationKind)


def _interactions(template: str) -> str:
    """`__INTERACTIONS__` -> the alternation of every InteractionType (enum tokens only)."""
    return template.replace("__INTERACTIONS__", INTERACTION_TYPES)


def _affiliations(template: str) -> str:
    """`__AFFILIATIONS__` -> the alternation of every AffiliationKind (enum tokens only)."""
    return template.replace("__AFFILIATIONS__", AFFILIATION_TYPES)


# Writes. `replace_document` first releases the document's old state (its claims, mentions
# and share of affiliations), so the new state is written with CREATE where nothing can
# collide, and with MERGE on a unique key (Actor.id, Document.id) where something can.
# Every MATCH and MERGE is an index seek: the constraints and indexes of schema.cypher.
ACTOR_UPSERT = query_table(  # the document's actors and their MENTIONED_IN edges
    "MATCH (d:Document {id: $document}) UNWIND $rows AS row "
    "MERGE (a:Actor {id: row.id}) "  # unchanged actors (same digest) are not rewritten
    "FOREACH (_ IN CASE WHEN a.digest = row.props.digest THEN [] ELSE [1] END | "
    "SET a += row.props, a:__T__ REMOVE a:__OTHERS__) "
    "CREATE (a)-[:MENTIONED_IN]->(d)",
    ActorKind,
)
ENDPOINTS_UPSERT = (  # interaction or affiliation endpoints the document does not list
    "UNWIND $ids AS aid MERGE (a:Actor {id: aid}) ON CREATE SET a.name = aid"
)
INTERACTION_DELETE = query_table(
    "UNWIND $ids AS iid MATCH (:Actor)-[r:__T__ {id: iid}]->(:Actor) DELETE r",
    InteractionType,
)
INTERACTION_CREATE = query_table(  # after INTERACTION_DELETE of the same ids
    "UNWIND $rows AS row "
    "MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
    "CREATE (s)-[r:__T__]->(t) SET r = row.props",
    InteractionType,
)
AFFILIATION_UPSERT = query_table(
    "UNWIND $rows AS row "
    "MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
    "MERGE (s)-[r:__T__ {key: row.key}]->(t) SET r += row.props, "
    "r.via = CASE WHEN $document IN coalesce(r.via, []) THEN r.via "
    "ELSE coalesce(r.via, []) + $document END",
    AffiliationKind,
)
COUNT_INTERACTIONS = query_table(
    "MATCH (:Actor)-[r:__T__]->(:Actor) RETURN count(r) AS n", InteractionType
)


def one_call_per_member(table: Mapping[E, str]) -> str:
    """All members' queries in one statement (one round trip): a unit subquery each,
    member `m` reading its rows from the parameter named `m` instead of `$rows`/`$ids`."""
    parts = []
    for member, query in table.items():
        token = enum_token(member)
        parts.append("CALL { " + re.sub(r"\$(rows|ids)\b", "$" + token, query) + " }")
    return " ".join(parts)


ACTORS_UPSERT = one_call_per_member(ACTOR_UPSERT)
INTERACTIONS_DELETE = one_call_per_member(INTERACTION_DELETE)
INTERACTIONS_CREATE = one_call_per_member(INTERACTION_CREATE)

UNKNOWN_UPSERT = "MERGE (a:Actor {id: $id}) SET a.name = $name, a:" + enum_token(
    ActorKind.ORGANIZATION
)  # no `kind`: the placeholder is never listed as an actor

DOCUMENT_UPSERT = (
    "MERGE (d:Document {id: $document}) SET d += $props, d.affiliation_keys = $affiliation_keys"
)
CLAIM_CREATE = (  # after RELEASE_CLAIMS of the same document
    "MATCH (d:Document {id: $document}) UNWIND $rows AS row "
    "CREATE (c:Claim) SET c = row.props CREATE (c)-[:CLAIMED_IN]->(d)"
)
RELEASE_CLAIMS = (
    "MATCH (c:Claim {document: $document}) "
    "WITH c, c.interaction_id AS id, c.type AS type, c.source AS source, c.target AS target, "
    "c.place AS place DETACH DELETE c RETURN id, type, source, target, place"
)
RELEASE_MENTIONS = (
    "MATCH (a:Actor)-[m:MENTIONED_IN]->(:Document {id: $document}) DELETE m RETURN a.id AS id"
)
OLD_AFFILIATION_KEYS = "MATCH (d:Document {id: $document}) RETURN d.affiliation_keys AS keys"
RELEASE_AFFILIATIONS = query_table(  # by key (index seek), the document's own list of keys
    "UNWIND $keys AS key MATCH (s:Actor)-[r:__T__ {key: key}]->(t:Actor) "
    "WHERE $document IN r.via SET r.via = [x IN r.via WHERE x <> $document] "
    "WITH s, t, r, size(r.via) = 0 AS empty "
    "FOREACH (_ IN CASE WHEN empty THEN [1] ELSE [] END | DELETE r) "
    "RETURN s.id AS source, t.id AS target",
    AffiliationKind,
)
RELEASE_AFFILIATIONS_SCAN = _affiliations(  # documents stored before affiliation_keys existed
    "MATCH (s:Actor)-[r:__AFFILIATIONS__]->(t:Actor) WHERE $document IN r.via "
    "SET r.via = [x IN r.via WHERE x <> $document] "
    "WITH s, t, r, size(r.via) = 0 AS empty "
    "FOREACH (_ IN CASE WHEN empty THEN [1] ELSE [] END | DELETE r) "
    "RETURN s.id AS source, t.id AS target"
)
DELETE_DOCUMENT = "MATCH (d:Document {id: $document}) DETACH DELETE d"
OTHER_CLAIMS = (
    "UNWIND $ids AS iid MATCH (c:Claim {interaction_id: iid}) "
    "WHERE c.document <> $document RETURN properties(c) AS claim"
)
_ORPHAN = "NOT EXISTS { (a)--() } AND NOT EXISTS { MATCH (c:Claim {place: a.id}) }"
DELETE_ORPHANS = "UNWIND $ids AS aid MATCH (a:Actor {id: aid}) WHERE " + _ORPHAN + " DELETE a"
SWEEP_ORPHANS = (  # auto-commit only: every orphan, after a parallel load
    "MATCH (a:Actor) WHERE " + _ORPHAN + " CALL { WITH a DELETE a } IN TRANSACTIONS OF $rows ROWS"
)
STORED_KEYS = (  # what stored documents claim: the parallel load's conflict keys
    "UNWIND $documents AS doc MATCH (d:Document {id: doc}) "
    "OPTIONAL MATCH (c:Claim {document: doc}) "
    "RETURN doc, d.affiliation_keys AS keys, collect(c.interaction_id) AS ids"
)

PING = "RETURN 1 AS ok"
DOCUMENT = "MATCH (d:Document {id: $document}) RETURN properties(d) AS doc"
DOCUMENT_HASH = "MATCH (d:Document {id: $document}) RETURN d.sha256 AS sha256"
DOCUMENTS = "MATCH (d:Document) RETURN properties(d) AS doc ORDER BY d.id"
# Visible actors (as in the SQLite store): listed by a document (has `kind`) and either
# mentioned by a stored document or involved in a stored interaction (endpoint or place).
_VISIBLE = _interactions(
    "a.kind IS NOT NULL AND (EXISTS { (a)-[:MENTIONED_IN]->(:Document) } "
    "OR EXISTS { (a)-[:__INTERACTIONS__]-(:Actor) } "
    "OR EXISTS { MATCH (c:Claim {place: a.id}) })"
)
ACTORS = (
    "MATCH (a:Actor) WHERE " + _VISIBLE + " "
    "RETURN properties(a) AS actor, labels(a) AS labels ORDER BY a.id"
)
INTERACTIONS = (
    "MATCH (s:Actor)-[r]->(t:Actor) WHERE type(r) IN $types "
    "AND ($actor IS NULL OR s.id = $actor OR t.id = $actor) "
    "AND ($include_denied OR r.status <> 'denied') "
    "RETURN type(r) AS type, s.id AS source, t.id AS target, properties(r) AS props"
)
AFFILIATIONS = _affiliations(
    "MATCH (s:Actor)-[r:__AFFILIATIONS__]->(t:Actor) "
    "RETURN type(r) AS kind, s.id AS source, t.id AS target, properties(r) AS props"
)
DOC_ACTORS = (
    "MATCH (a:Actor)-[:MENTIONED_IN]->(:Document {id: $document}) "
    "RETURN properties(a) AS actor, labels(a) AS labels ORDER BY a.id"
)
DOC_CLAIMS = "MATCH (c:Claim {document: $document}) RETURN properties(c) AS claim"
DOC_AFFILIATIONS = _affiliations(
    "MATCH (s:Actor)-[r:__AFFILIATIONS__]->(t:Actor) WHERE $document IN r.via "
    "RETURN type(r) AS kind, s.id AS source, t.id AS target, properties(r) AS props"
)
METRICS_CLEAR = "MATCH (a:Actor) SET a += $cleared"
METRICS_WRITE = "UNWIND $rows AS row MATCH (a:Actor {id: row.id}) SET a += row.metrics"
WIPE_LABELS = ("Claim", "Document", "Actor")  # the only labels actornet writes
WIPE = MappingProxyType(  # auto-commit only (session.run): batched inner transactions
    {
        label: f"MATCH (n:{label}) CALL {{ WITH n DETACH DELETE n }} IN TRANSACTIONS OF $rows ROWS"
        for label in WIPE_LABELS
    }
)
COUNTS = MappingProxyType(
    {
        "documents": "MATCH (d:Document) RETURN count(d) AS n",
        "actors": "MATCH (a:Actor) WHERE " + _VISIBLE + " RETURN count(a) AS n",
        "actor_nodes": "MATCH (a:Actor) RETURN count(a) AS n",
        "evidence": _interactions(
            "MATCH (:Actor)-[r:__INTERACTIONS__]->(:Actor) "
            "RETURN coalesce(sum(size(r.quotes)), 0) AS n"
        ),
        "claims": "MATCH (c:Claim) RETURN count(c) AS n",
        "mentions": "MATCH (:Actor)-[m:MENTIONED_IN]->(:Document) RETURN count(m) AS n",
        "affiliations": _affiliations(
            "MATCH (:Actor)-[r:__AFFILIATIONS__]->(:Actor) RETURN count(r) AS n"
        ),
    }
)


def split_statements(text: str) -> list[str]:
    """Statements of a .cypher file: `//` comment lines dropped, split on `;`."""
    lines = [ln for ln in text.splitlines() if not ln.lstrip().startswith("//")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


# --------------------------------------------------------------------------- rows


def batched(rows: Iterable[T], size: int) -> Iterator[list[T]]:
    """Consecutive lists of at most `size` rows; nothing for no rows."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    batch: list[T] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def document_props(doc: Document) -> dict[str, Any]:
    """Document node properties: every field of the dataclass."""
    return dataclasses.asdict(doc)


def actor_row(actor: Actor) -> dict[str, Any]:
    roles = [{"title": r.title, "org": r.org, "start": r.start, "end": r.end} for r in actor.roles]
    props = {
        "id": actor.id,
        "name": actor.name,
        "kind": actor.kind.value,
        "aliases": list(actor.aliases),
        "descriptions": list(actor.descriptions),
        "country": actor.country,
        "proxy": actor.proxy,
        "state": actor.state,
        "parent": actor.parent,
        "died": actor.died,
        "origin": actor.origin,
        "roles_json": json.dumps(roles, ensure_ascii=False) if roles else "[]",
        "search_text": " ; ".join(actor.names),
    }
    # the values in this fixed key order: equal digests, equal properties and labels
    props["digest"] = hashlib.sha1(repr(tuple(props.values())).encode("utf-8")).hexdigest()
    return {"id": actor.id, "props": props}


def claim_from_interaction(document: str, it: Interaction) -> dict[str, Any]:
    """One document's claim for an interaction: its fields plus parallel evidence lists."""
    ev = it.evidence
    return {
        "interaction_id": it.id,
        "document": document,
        "type": it.type.value,
        "source": it.source,
        "target": it.target,
        "date": it.date,
        "place": it.place,
        "status": it.status.value,
        "mode": it.mode,
        "implicit": it.implicit,
        "confidence": it.confidence,
        "documents": [e.document for e in ev],
        "starts": [e.start for e in ev],
        "ends": [e.end for e in ev],
        "quotes": [e.quote for e in ev],
        "cited_sources": [e.cited_source or "" for e in ev],
        "sections": [e.section for e in ev],
    }


def _evidence(claim: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    cols = [claim.get(k) or [] for k in EVIDENCE_LISTS]
    return list(zip(*cols, strict=False))


def merge_claim_rows(claims: Sequence[Mapping[str, Any]]) -> Interaction:
    """Claims of one interaction id (any documents) -> the merged interaction.

    Same rule as the SQLite store (`lookup.merge_claims`, claims in document order):
    evidence union; most specific date; strongest status; first non-null place and mode;
    the highest confidence.
    """
    if not claims:
        raise ValueError("no claims to merge")
    ordered = sorted(claims, key=lambda c: c["document"])
    return merge_claims([claim_to_interaction(c) for c in ordered])


def claim_node_row(claim: Mapping[str, Any]) -> dict[str, Any]:
    key = claim["document"] + "|" + claim["interaction_id"]
    return {"key": key, "props": {**claim, "key": key}}


def relationship_row(it: Interaction) -> dict[str, Any]:
    """Parameters of one typed interaction relationship; unknown source -> placeholder."""
    claim = claim_from_interaction("", it)
    props = {k: claim[k] for k in RELATIONSHIP_FIELDS}
    precision = it.date_precision
    props.update(id=it.id, date_precision=precision.value if precision else None)
    return {
        "id": it.id,
        "source": it.source or UNKNOWN_ACTOR_ID,
        "target": it.target,
        "props": props,
    }


def relationship_row_from_claim(claim: Mapping[str, Any]) -> dict[str, Any]:
    """`relationship_row(merge_claim_rows([claim]))` without the round trip through an
    Interaction, for a document's own claim (plan_document merged it already)."""
    props = {k: claim[k] for k in RELATIONSHIP_FIELDS}
    precision = DatePrecision.of(claim["date"])
    props.update(id=claim["interaction_id"], date_precision=precision.value if precision else None)
    return {
        "id": claim["interaction_id"],
        "source": claim["source"] or UNKNOWN_ACTOR_ID,
        "target": claim["target"],
        "props": props,
    }


def interaction_from_props(
    type_: str, source: str | None, target: str, props: Mapping[str, Any]
) -> Interaction:
    """An Interaction from a relationship's (or a claim's) properties."""
    evidence = [
        Evidence(document=d, start=s, end=e, quote=q, cited_source=c or None, section=sec)
        for d, s, e, q, c, sec in _evidence(props)
    ]
    return Interaction(
        type=InteractionType(type_),
        source=None if source in (None, UNKNOWN_ACTOR_ID) else source,
        target=target,
        date=props.get("date"),
        place=props.get("place"),
        status=ClaimStatus(props.get("status") or ClaimStatus.ASSERTED),
        mode=props.get("mode"),
        implicit=bool(props.get("implicit")),
        evidence=evidence,
        id=props.get("id") or props.get("interaction_id") or "",
        confidence=props.get("confidence"),
    )


def claim_to_interaction(claim: Mapping[str, Any]) -> Interaction:
    return interaction_from_props(claim["type"], claim.get("source"), claim["target"], claim)


def affiliation_key(aff: Affiliation) -> str:
    parts = [aff.kind.value, aff.source, aff.target, aff.title, aff.start, aff.end, aff.document]
    return hashlib.sha1(json.dumps(parts).encode("utf-8")).hexdigest()[:16]


def affiliation_row(aff: Affiliation) -> dict[str, Any]:
    key = affiliation_key(aff)
    props = {"key": key, "title": aff.title, "start": aff.start, "end": aff.end}
    props["document"] = aff.document
    return {"key": key, "source": aff.source, "target": aff.target, "props": props}


def affiliation_from_props(
    kind: str, source: str, target: str, props: Mapping[str, Any]
) -> Affiliation:
    title, start, end = props.get("title") or "", props.get("start"), props.get("end")
    kind_ = AffiliationKind(kind)
    return Affiliation(kind_, source, target, title, start, end, props.get("document"))


def actor_from_props(props: Mapping[str, Any], labels: Sequence[str] = ()) -> Actor:
    kinds = {k.value for k in ActorKind}
    kind = props.get("kind") or next((lb for lb in labels if lb in kinds), "Organization")
    roles = tuple(Role(**r) for r in json.loads(props.get("roles_json") or "[]"))
    return Actor(
        id=props["id"],
        name=props.get("name") or props["id"],
        kind=ActorKind(kind),
        aliases=tuple(props.get("aliases") or ()),
        descriptions=tuple(props.get("descriptions") or ()),
        country=props.get("country"),
        proxy=bool(props.get("proxy")),
        state=bool(props.get("state")),
        parent=props.get("parent"),
        roles=roles,
        died=props.get("died"),
        origin=props.get("origin") or "gazetteer",
    )


def document_from_props(props: Mapping[str, Any]) -> Document:
    names = {f.name for f in dataclasses.fields(Document)}
    values = {k: v for k, v in props.items() if k in names and v is not None}
    values.setdefault("path", "")
    values.setdefault("text", "")
    values.setdefault("sha256", "")
    return Document(id=props["id"], **{k: v for k, v in values.items() if k != "id"})


def metric_rows(metrics: Mapping[str, Mapping[str, float]]) -> list[dict[str, Any]]:
    """Rows for METRICS_WRITE; names must be in METRIC_PROPERTIES, values finite numbers."""
    rows = []
    for actor_id, values in sorted(metrics.items()):
        bad = sorted(set(values) - METRIC_PROPERTIES)
        if bad:
            raise ValueError(f"unknown metric properties: {', '.join(map(repr, bad))}")
        for name, v in values.items():
            if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                raise ValueError(f"metric {name!r} of {actor_id!r} is not a finite number")
        rows.append({"id": actor_id, "metrics": {k: float(v) for k, v in values.items()}})
    return rows


@dataclass
class DocumentPlan:
    """Every parameter row one document's transaction writes."""

    document_id: str
    props: dict[str, Any]
    actors: dict[ActorKind, list[dict[str, Any]]] = field(default_factory=dict)
    mention_ids: list[str] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    affiliations: dict[AffiliationKind, list[dict[str, Any]]] = field(default_factory=dict)

    def affiliation_keys(self) -> list[str]:
        return sorted(r["key"] for rows in self.affiliations.values() for r in rows)

    def endpoint_ids(self) -> list[str]:
        """Actors named by claims or affiliations but not listed by the document."""
        named = {c["target"] for c in self.claims} | {c["source"] for c in self.claims}
        for rows in self.affiliations.values():
            named |= {r[k] for r in rows for k in ("source", "target")}
        return sorted(named - set(self.mention_ids) - {None})

    def claim_ids(self) -> dict[InteractionType, set[str]]:
        out: dict[InteractionType, set[str]] = {}
        for c in self.claims:
            out.setdefault(InteractionType(c["type"]), set()).add(c["interaction_id"])
        return out


def plan_document(ext: DocumentExtraction) -> DocumentPlan:
    """Group a document's extraction into parameter rows (one claim per interaction id)."""
    doc_id = ext.document.id
    plan = DocumentPlan(doc_id, document_props(ext.document))
    seen: dict[str, Actor] = {a.id: a for a in ext.actors}
    for actor in seen.values():
        plan.actors.setdefault(actor.kind, []).append(actor_row(actor))
    plan.mention_ids = sorted(seen)
    by_id: dict[str, list[Interaction]] = {}
    for it in ext.interactions:  # duplicates within one document become one claim
        by_id.setdefault(it.id, []).append(it)
    for iid in sorted(by_id):
        plan.claims.append(claim_from_interaction(doc_id, merge_claims(by_id[iid])))
    keyed = {affiliation_key(a): a for a in ext.affiliations}
    for key in sorted(keyed):
        aff = keyed[key]
        plan.affiliations.setdefault(aff.kind, []).append(affiliation_row(aff))
    return plan
