"""The interface every graph store implements (SQLite, Neo4j)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, Self, runtime_checkable

from actornet.model import (
    Actor,
    Affiliation,
    Document,
    DocumentExtraction,
    Interaction,
    InteractionType,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from actornet.judgements import Judgement

__all__ = ["ClosesOnExit", "DocumentIndex", "GraphStore", "InteractionFilter", "StoreError"]


class ClosesOnExit:
    """`with store:` closes the store on the way out."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class StoreError(Exception):
    """A store cannot be opened or reached; the message is shown to the user."""


@dataclass(frozen=True)
class InteractionFilter:
    types: tuple[InteractionType, ...] = ()
    actor: str | None = None  # actor id: source or target
    since: str | None = None  # ISO prefix, inclusive
    until: str | None = None  # ISO prefix, inclusive
    include_denied: bool = True


@runtime_checkable
class GraphStore(Protocol):
    """Documents are the unit of change: each is replaced atomically with its extractions.

    Interactions with the same id coming from several documents are merged on read:
    one interaction, the evidence of all documents.
    """

    def document_hash(self, document_id: str) -> str | None:
        """The sha256 stored for a document, or None when it is not stored."""
        ...

    def replace_document(self, extraction: DocumentExtraction) -> None:
        """Store a document and its extractions, replacing any earlier version, atomically."""
        ...

    def delete_document(self, document_id: str) -> None: ...

    def documents(self) -> list[Document]: ...

    def actors(self) -> list[Actor]:
        """Actors mentioned by at least one stored document."""
        ...

    def interactions(self, flt: InteractionFilter | None = None) -> list[Interaction]:
        """Merged interactions (evidence of every document), sorted by date then id."""
        ...

    def affiliations(self) -> list[Affiliation]: ...

    # Analyst judgements (actornet.judgements): kept beside the extractions, never
    # touched by replace_document or delete_document; `JudgedStore` applies them on read.

    def judgements(self) -> list[Judgement]:
        """Every stored judgement, in the order they take effect (time, then id)."""
        ...

    def add_judgements(self, items: Sequence[Judgement]) -> int:
        """Store judgements atomically; ids already stored are skipped. Returns how many."""
        ...

    def remove_judgement(self, judgement_id: str) -> bool:
        """Delete one judgement (undo); False when there is no such id."""
        ...

    def close(self) -> None: ...


@runtime_checkable
class DocumentIndex(Protocol):
    """A store that can find documents by content and move them to a new id (SQLite)."""

    def documents_with_hash(self, sha256: str) -> list[tuple[str, str]]:
        """(id, source path) of the stored documents with this text hash."""
        ...

    def document_path(self, document_id: str) -> str | None: ...

    def move_document(self, old_id: str, new_id: str, path: str) -> None:
        """Re-identify a stored document (and all it owns) atomically."""
        ...
