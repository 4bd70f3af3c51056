"""`ConfidentStore`: any GraphStore seen through the confidence filter.

Reads of interactions (listings, exports, the analysis graph, and the per-document
extractions that `neo4j load` copies) leave out those that do not pass
`actornet.confidence.passes` at the threshold given (None: the model's threshold). Every
other read and every write goes to the wrapped store unchanged: the store keeps everything.
Wrap a `JudgedStore` (not the reverse), so an interaction confirmed by an analyst passes.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from actornet.confidence import default_min_confidence, passes
from actornet.model import DocumentExtraction, Interaction
from actornet.store.base import ClosesOnExit, InteractionFilter

if TYPE_CHECKING:
    from actornet.judgements import Judgement

__all__ = ["ConfidentStore", "confident"]


class ConfidentStore(ClosesOnExit):
    """A view of `store` showing only the interactions that pass at `min_confidence`."""

    def __init__(self, store: Any, min_confidence: float | None = None) -> None:
        self.inner = store
        self.min_confidence = min_confidence
        self._shown: frozenset[str] | None = None

    def __getattr__(self, name: str) -> Any:  # actors, documents, network, snapshot, ...
        if name == "inner":  # not set yet (copying, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.inner, name)

    @property
    def threshold(self) -> float:
        """The threshold in force (the model's when none was given)."""
        return default_min_confidence() if self.min_confidence is None else self.min_confidence

    def passing(self, interactions: list[Interaction]) -> list[Interaction]:
        return [i for i in interactions if passes(i, self.min_confidence)]

    def interactions(self, flt: InteractionFilter | None = None) -> list[Interaction]:
        return self.passing(self.inner.interactions(flt))

    def extraction(self, document_id: str) -> DocumentExtraction | None:
        """The document's own claims of the interactions that pass: a claim is judged by its
        merged interaction (the highest confidence over every document, confirmations)."""
        ext = self.inner.extraction(document_id)
        if ext is None:
            return None
        if self._shown is None:  # once per view: a load reads every document in a row
            self._shown = frozenset(i.id for i in self.interactions())
        shown = [i for i in ext.interactions if i.id in self._shown]
        return dataclasses.replace(ext, interactions=shown)

    # Writes go to the wrapped store; they may change what passes (a confirmation does).

    def replace_document(self, extraction: DocumentExtraction) -> None:
        self._shown = None
        self.inner.replace_document(extraction)

    def delete_document(self, document_id: str) -> None:
        self._shown = None
        self.inner.delete_document(document_id)

    def add_judgements(self, items: Sequence[Judgement]) -> int:
        self._shown = None
        return self.inner.add_judgements(items)

    def remove_judgement(self, judgement_id: str) -> bool:
        self._shown = None
        return self.inner.remove_judgement(judgement_id)

    def close(self) -> None:
        self.inner.close()


def confident(store: Any, min_confidence: float | None = None) -> ConfidentStore:
    """`store` with only the interactions that pass at `min_confidence` (None: the default)."""
    return ConfidentStore(store, min_confidence)
