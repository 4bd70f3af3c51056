"""The JSON export the scorer reads (see gold/FORMAT.md), plus the record shapes it uses."""

from __future__ import annotations

import contextlib
from typing import Any

from actornet.model import Actor, Document, Evidence, Interaction
from actornet.store.base import GraphStore

__all__ = [
    "actor_to_dict",
    "confidence_text",
    "document_to_dict",
    "evidence_to_dict",
    "export_json",
    "file_name",
    "interaction_to_dict",
    "rounded_confidence",
]


def actor_to_dict(actor: Actor) -> dict[str, Any]:
    return {
        "id": actor.id,
        "name": actor.name,
        "kind": str(actor.kind),
        "aliases": list(actor.aliases),
        "descriptions": list(actor.descriptions),
        "country": actor.country,
        "proxy": actor.proxy,
        "state": actor.state,
        "parent": actor.parent,
        "roles": [
            {"title": r.title, "org": r.org, "start": r.start, "end": r.end} for r in actor.roles
        ],
        "died": actor.died,
        "origin": actor.origin,
    }


def file_name(document_id: str) -> str:
    """The file name of a document id (a relative or absolute path)."""
    return document_id.replace("\\", "/").rsplit("/", 1)[-1]


def evidence_to_dict(evidence: Evidence) -> dict[str, Any]:
    """`document` is the file name (what the scorer matches); `document_path` the document id."""
    return {
        "document": file_name(evidence.document),
        "document_path": evidence.document,
        "quote": evidence.quote,
        "start": evidence.start,
        "end": evidence.end,
        "cited_source": evidence.cited_source,
        "section": evidence.section,
    }


def rounded_confidence(confidence: float | None) -> float | None:
    """The confidence as exports show it: 3 decimals, None when never scored."""
    return None if confidence is None else round(confidence, 3)


def confidence_text(confidence: float | None) -> str:
    """The confidence as tables show it: 2 decimals, "–" when never scored."""
    return "–" if confidence is None else f"{confidence:.2f}"


def interaction_to_dict(interaction: Interaction) -> dict[str, Any]:
    precision = interaction.date_precision
    return {
        "id": interaction.id,
        "type": str(interaction.type),
        "source": interaction.source,
        "target": interaction.target,
        "date": interaction.date,
        "date_precision": str(precision) if precision else None,
        "place": interaction.place,
        "status": str(interaction.status),
        "mode": interaction.mode,
        "implicit": interaction.implicit,
        "documents": interaction.documents,
        "cited_sources": interaction.cited_sources,
        "confirmed_by": list(interaction.confirmed_by),
        "confidence": rounded_confidence(interaction.confidence),
        "evidence": [
            evidence_to_dict(e)
            for e in sorted(interaction.evidence, key=lambda e: (e.document, e.start, e.end))
        ],
    }


def document_to_dict(document: Document) -> dict[str, Any]:
    return {
        "id": document.id,
        "name": file_name(document.id),
        "title": document.title,
        "sha256": document.sha256,
        "period_start": document.period_start,
        "period_end": document.period_end,
        "period_stated": document.period_stated,
    }


def export_json(store: GraphStore) -> dict[str, Any]:
    """`{"actors": [...], "interactions": [...], "documents": [...]}`, deterministically ordered.

    Actors and documents are sorted by id, interactions by (date, id).
    """
    snapshot = getattr(store, "snapshot", None)  # one consistent read where the store can
    with snapshot() if snapshot else contextlib.nullcontext():
        actors = store.actors()
        interactions = store.interactions()
        documents = store.documents()
    return {
        "actors": [actor_to_dict(a) for a in sorted(actors, key=lambda a: a.id)],
        "interactions": [
            interaction_to_dict(i) for i in sorted(interactions, key=lambda i: (i.date or "", i.id))
        ],
        "documents": [document_to_dict(d) for d in sorted(documents, key=lambda d: d.id)],
    }
