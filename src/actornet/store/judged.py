"""`JudgedStore`: any GraphStore seen through its judgements.

Every read (actors, interactions, affiliations, per-document extractions, counts) returns
the judged network; writes go to the wrapped store unchanged, so judgements never rewrite
extraction data. With no judgements stored, reads pass straight through.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Iterator, Sequence
from typing import Any

from actornet.judgements import JudgedNetwork, Judgement, apply_judgements
from actornet.model import Actor, Affiliation, Document, DocumentExtraction, Interaction
from actornet.store.base import ClosesOnExit, GraphStore, InteractionFilter
from actornet.store.lookup import matches_filter

__all__ = ["JudgedStore", "judged"]


class JudgedStore(ClosesOnExit):
    """A `GraphStore` view applying the wrapped store's judgements on read."""

    def __init__(self, store: GraphStore) -> None:
        self.raw = store
        self._network: JudgedNetwork | None = None
        self._judgements: list[Judgement] | None = None

    def __getattr__(self, name: str) -> Any:  # store extras: path, schema_version, ...
        if name == "raw":  # not set yet (copying, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.raw, name)

    def _changed(self) -> None:
        self._network = None
        self._judgements = None

    # -- judgements ---------------------------------------------------------------------

    def judgements(self) -> list[Judgement]:
        if self._judgements is None:
            self._judgements = self.raw.judgements()
        return list(self._judgements)

    def add_judgements(self, items: Sequence[Judgement]) -> int:
        self._changed()
        return self.raw.add_judgements(items)

    def remove_judgement(self, judgement_id: str) -> bool:
        self._changed()
        return self.raw.remove_judgement(judgement_id)

    def network(self) -> JudgedNetwork:
        """The judged network (computed once per state of the store)."""
        if self._network is None:
            with self.snapshot():
                self._network = apply_judgements(
                    self.raw.actors(),
                    self.raw.interactions(),
                    self.raw.affiliations(),
                    self.judgements(),
                )
        return self._network

    def canonical_id(self, actor_id: str) -> str:
        return self.network().canonical_id(actor_id) if self.judgements() else actor_id

    # -- reads --------------------------------------------------------------------------

    def document_hash(self, document_id: str) -> str | None:
        return self.raw.document_hash(document_id)

    def documents(self) -> list[Document]:
        return self.raw.documents()

    def actors(self) -> list[Actor]:
        return list(self.network().actors) if self.judgements() else self.raw.actors()

    def interactions(self, flt: InteractionFilter | None = None) -> list[Interaction]:
        if not self.judgements():
            return self.raw.interactions(flt)
        flt = flt or InteractionFilter()
        if flt.actor:
            flt = dataclasses.replace(flt, actor=self.canonical_id(flt.actor))
        return [i for i in self.network().interactions if matches_filter(i, flt)]

    def affiliations(self) -> list[Affiliation]:
        return list(self.network().affiliations) if self.judgements() else self.raw.affiliations()

    def actor_documents(self) -> dict[str, list[str]]:
        """Actor id -> documents mentioning it (a merged actor: all its members' documents)."""
        raw: dict[str, list[str]] = self.raw.actor_documents()  # type: ignore[attr-defined]
        if not self.judgements():
            return raw
        out: dict[str, set[str]] = {}
        for actor_id, docs in raw.items():
            out.setdefault(self.canonical_id(actor_id), set()).update(docs)
        return {a: sorted(d) for a, d in sorted(out.items())}

    def stats(self) -> dict[str, int]:
        if not self.judgements():
            return self.raw.stats()  # type: ignore[attr-defined]
        net = self.network()
        return {
            "documents": len(self.documents()),
            "actors": len(net.actors),
            "interactions": len(net.interactions),
            "evidence": sum(len(i.evidence) for i in net.interactions),
            "affiliations": len(net.affiliations),
        }

    def extraction(self, document_id: str) -> DocumentExtraction | None:
        """One document's share of the judged network (what `neo4j load` copies)."""
        ext = self.raw.extraction(document_id)  # type: ignore[attr-defined]
        if ext is None or not self.judgements():
            return ext
        net = self.network()
        actors = {a.id: a for a in net.actors}
        judged = {i.id: i for i in net.interactions}
        canon = net.canonical_id
        mentioned = {canon(a.id) for a in ext.actors}
        its = []
        for it in ext.interactions:
            whole = judged.get(net.judged_ids.get(it.id, ""))
            if whole is None:
                continue  # rejected, or a self-loop made by a merge
            evidence = [e for e in it.evidence if e in whole.evidence]
            if it.evidence and not evidence:
                continue
            its.append(
                dataclasses.replace(
                    it,
                    source=whole.source,
                    target=whole.target,
                    place=whole.place,
                    id=whole.id,
                    evidence=evidence,
                    confirmed_by=whole.confirmed_by,
                )
            )
        affs = [
            dataclasses.replace(a, source=canon(a.source), target=canon(a.target))
            for a in ext.affiliations
            if canon(a.source) != canon(a.target) or a.source == a.target
        ]
        return DocumentExtraction(
            ext.document,
            [actors[i] for i in sorted(mentioned) if i in actors],
            its,
            list(dict.fromkeys(affs)),
            ext.mentions,
        )

    # -- writes and lifecycle -----------------------------------------------------------

    def replace_document(self, extraction: DocumentExtraction) -> None:
        self._changed()
        self.raw.replace_document(extraction)

    def delete_document(self, document_id: str) -> None:
        self._changed()
        self.raw.delete_document(document_id)

    def wipe(self) -> Any:
        self._changed()
        return self.raw.wipe()  # type: ignore[attr-defined]

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[JudgedStore]:
        inner = getattr(self.raw, "snapshot", None)
        with inner() if inner else contextlib.nullcontext():
            yield self

    def close(self) -> None:
        self.raw.close()


def judged(store: GraphStore) -> JudgedStore:
    """`store` seen through its judgements (a JudgedStore is returned as it is)."""
    return store if isinstance(store, JudgedStore) else JudgedStore(store)
