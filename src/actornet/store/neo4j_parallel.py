"""Planning a parallel Neo4j load: several documents at once, never two that write the same.

Every document is still one transaction of its own (`neo4j._replace_tx`), so a load stays
per-document and idempotent, and a document is never half written. What this module
decides is which documents may run at the same moment:

* **lanes.** Documents that share an interaction id or an affiliation key, new or already
  stored, are one lane and run one after the other in load order: each re-derives the
  relationship of its interaction ids from every claim, and appends itself to the `via`
  list of its affiliations. Documents of different lanes write none of the same
  relationships.
* **one version of each actor.** Documents of a wave that list the same actor all write
  the version the last of them lists (what a serial load in document order leaves).
  MERGE on the unique `Actor.id` is safe from several transactions at once.
* **orphans are swept once, after the load** (`SWEEP_ORPHANS`), not inside each document:
  an actor one document unlinks may be the one another document is linking at that moment.

Pure functions only; the store runs the lanes (`Neo4jStore.load_documents`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from actornet.model import ActorKind
from actornet.store.neo4j_rows import DocumentPlan

DOCUMENTS_PER_JOB = 8  # a wave (planned and run as a whole) holds jobs x this many


@dataclass(frozen=True)
class StoredKeys:
    """What a stored document claims: its interaction ids and affiliation keys."""

    interaction_ids: frozenset[str] = frozenset()
    affiliation_keys: frozenset[str] = frozenset()


@dataclass
class LoadReport:
    """What a parallel load did."""

    documents: int = 0
    waves: int = 0
    lanes: int = 0
    retries: int = 0  # document transactions run again (deadlocks, transient errors)
    orphans_deleted: int = 0


def conflict_keys(plan: DocumentPlan, stored: StoredKeys | None = None) -> set[str]:
    """Everything a document's transaction re-derives: documents sharing one must not overlap."""
    stored = stored or StoredKeys()
    keys = {"document:" + plan.document_id}
    keys |= {"interaction:" + c["interaction_id"] for c in plan.claims}
    keys |= {"interaction:" + i for i in stored.interaction_ids}
    keys |= {"affiliation:" + k for k in plan.affiliation_keys()}
    keys |= {"affiliation:" + k for k in stored.affiliation_keys}
    return keys


def lanes(plans: Sequence[DocumentPlan], stored: Mapping[str, StoredKeys]) -> list[list[int]]:
    """Indices of `plans` grouped so that documents sharing a conflict key share a group.

    Groups are in the order of their first document, each in load order."""
    parent = list(range(len(plans)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, plan in enumerate(plans):
        for key in conflict_keys(plan, stored.get(plan.document_id)):
            first = owner.setdefault(key, i)
            a, b = root(first), root(i)
            if a != b:
                parent[max(a, b)] = min(a, b)
    groups: dict[int, list[int]] = {}
    for i in range(len(plans)):
        groups.setdefault(root(i), []).append(i)
    return sorted(groups.values(), key=lambda group: group[0])


def share_actor_versions(plans: Sequence[DocumentPlan]) -> None:
    """Make every plan write the last listed version of each of its actors (in place).

    Rows are regrouped under the kind of that version and sorted by id, so that documents
    running at once lock shared actors in the same order."""
    last: dict[str, dict] = {}
    for plan in plans:
        for rows in plan.actors.values():
            for row in rows:
                last[row["id"]] = row
    for plan in plans:
        ids = sorted(row["id"] for rows in plan.actors.values() for row in rows)
        regrouped: dict[ActorKind, list[dict]] = {}
        for actor_id in ids:
            row = last[actor_id]
            regrouped.setdefault(ActorKind(row["props"]["kind"]), []).append(row)
        plan.actors = regrouped
