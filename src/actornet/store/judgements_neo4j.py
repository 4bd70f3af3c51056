"""Judgements in Neo4j: `(:Judgement {id, verdict, subject, ...})` nodes.

`Neo4jStore` mixes `Neo4jJudgements` in. As in `neo4j_rows`, Cypher text is fixed at import
time; the only tokens put into it are `InteractionType` members (via `query_table`), every
value travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from actornet.judgements import EvidenceKey, JudgedNetwork, Judgement, Verdict
from actornet.model import InteractionType
from actornet.store.neo4j_rows import batched, query_table

__all__ = ["Neo4jJudgements", "judgement_from_props", "judgement_props"]

JUDGEMENTS_CREATE = (
    "UNWIND $rows AS row OPTIONAL MATCH (old:Judgement {id: row.id}) "
    "WITH row, old WHERE old IS NULL CREATE (j:Judgement) SET j = row "
    "RETURN count(j) AS n"
)
# Judgements copied by `neo4j load` are marked `loaded`: the loaded graph already shows
# their effect, so they are a record only and are not applied again on read.
JUDGEMENTS = (
    "MATCH (j:Judgement) WHERE j.loaded IS NULL "
    "RETURN properties(j) AS j ORDER BY j.judged_at, j.id"
)
LOADED = "MATCH (j:Judgement) WHERE j.loaded = true RETURN properties(j) AS j ORDER BY j.id"
JUDGEMENT_DELETE = "MATCH (j:Judgement {id: $id}) DETACH DELETE j RETURN count(*) AS n"
JUDGEMENTS_CLEAR = "MATCH (j:Judgement) DETACH DELETE j"
LOADED_CLEAR = "MATCH (j:Judgement) WHERE j.loaded = true DETACH DELETE j"
CONFIRMED_CLEAR = (
    "MATCH (:Actor)-[r]->(:Actor) WHERE r.confirmed_by IS NOT NULL REMOVE r.confirmed_by"
)
CONFIRMED_SET = query_table(
    "UNWIND $rows AS row MATCH (:Actor)-[r:__T__ {id: row.id}]->(:Actor) "
    "SET r.confirmed_by = row.by",
    InteractionType,
)


def judgement_props(j: Judgement) -> dict[str, Any]:
    """Node properties (flat: Neo4j properties cannot hold maps)."""
    ev = j.evidence
    props = {
        "id": j.id,
        "verdict": j.verdict.value,
        "subject": j.subject,
        "other": j.other,
        "attribute": j.attribute,
        "value": j.value,
        "evidence_document": ev and ev.document,
        "evidence_start": ev and ev.start,
        "evidence_end": ev and ev.end,
        "evidence_quote": ev and ev.quote,
        "judged_by": j.by,
        "judged_at": j.at,
        "note": j.note,
    }
    return {k: v for k, v in props.items() if v is not None}


def judgement_from_props(p: Mapping[str, Any]) -> Judgement:
    ev = None
    if p.get("evidence_document") is not None:
        ev = EvidenceKey(
            p["evidence_document"], p["evidence_start"], p["evidence_end"], p["evidence_quote"]
        )
    return Judgement(
        id=p["id"],
        verdict=Verdict(p["verdict"]),
        subject=p["subject"],
        other=p.get("other"),
        attribute=p.get("attribute"),
        value=p.get("value"),
        evidence=ev,
        by=p.get("judged_by") or "",
        at=p.get("judged_at") or "",
        note=p.get("note") or "",
    )


def _rows(tx: Any, query: str, params: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    return tx.run(query, params or {}).data()


class Neo4jJudgements:
    """Judgement methods of the `GraphStore` protocol for `Neo4jStore`."""

    batch_size: int
    _read: Callable[..., Any]
    _write: Callable[..., Any]

    def judgements(self) -> list[Judgement]:
        return [judgement_from_props(r["j"]) for r in self._read(_rows, JUDGEMENTS)]

    def add_judgements(self, items: Sequence[Judgement]) -> int:
        rows = [judgement_props(j) for j in items]

        def work(tx: Any) -> int:
            return sum(
                _rows(tx, JUDGEMENTS_CREATE, {"rows": batch})[0]["n"]
                for batch in batched(rows, self.batch_size)
            )

        return self._write(work)

    def remove_judgement(self, judgement_id: str) -> bool:
        rows = self._write(_rows, JUDGEMENT_DELETE, {"id": judgement_id})
        return bool(rows and rows[0]["n"])

    def clear_judgements(self) -> None:
        self._write(_rows, JUDGEMENTS_CLEAR)

    def loaded_judgements(self) -> list[Judgement]:
        """The judgements the last `neo4j load` copied (already applied to the graph)."""
        return [judgement_from_props(r["j"]) for r in self._read(_rows, LOADED)]

    def copy_judgements(self, network: JudgedNetwork | None) -> dict[str, int]:
        """After a load of the judged network (None: no judgements): replace the loaded
        Judgement nodes with its judgements and mark confirmed interactions."""
        judgements = network.judgements if network else []
        rows = [judgement_props(j) | {"loaded": True} for j in judgements]
        by_type: dict[InteractionType, list[dict[str, Any]]] = {}
        for it in network.interactions if network else []:
            if it.confirmed_by:
                by_type.setdefault(it.type, []).append({"id": it.id, "by": list(it.confirmed_by)})

        def work(tx: Any) -> None:
            _rows(tx, LOADED_CLEAR)
            for batch in batched(rows, self.batch_size):
                _rows(tx, JUDGEMENTS_CREATE, {"rows": batch})
            _rows(tx, CONFIRMED_CLEAR)
            for t, confirmed in by_type.items():
                for batch in batched(confirmed, self.batch_size):
                    _rows(tx, CONFIRMED_SET[t], {"rows": batch})

        self._write(work)
        return {"judgements": len(rows), "confirmed": sum(map(len, by_type.values()))}
