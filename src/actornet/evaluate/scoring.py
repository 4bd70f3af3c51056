"""Scoring an export against the gold, as the gold FORMAT.md "Scoring" section says."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import networkx as nx

from actornet.errors import ActornetError
from actornet.evaluate.gold import SCORED_TYPES, SYMMETRIC_TYPES, Gold, report_name
from actornet.evaluate.scores import (
    Counts,
    MatchedPair,
    Scores,
    UnmatchedGold,
    UnmatchedPrediction,
    VariantScores,
)
from actornet.model import normalise_name

__all__ = ["export_documents", "map_actors", "match_report", "score"]

_UNMAPPED = "\x00unmapped"  # stands for a predicted actor with no gold entity; matches nothing

NOTES = (
    "Actor mapping uses names and aliases only (normalised); gold descriptions are not used.",
    "Date and status agreement are exact equality among matched pairs; null agrees with null.",
    "Core leaves out implicit gold records and the predictions paired with them.",
    "Pairing is a maximum matching per report; ties prefer non-implicit gold records, "
    "then agreeing dates, then agreeing statuses.",
)


def _names(record: dict[str, Any]) -> set[str]:
    """The normalised name and aliases of an actor or entity record."""
    raw = [record.get("name"), *(record.get("aliases") or [])]
    return {k for k in (normalise_name(x) for x in raw if isinstance(x, str)) if k}


def map_actors(
    entities: list[dict[str, Any]], actors: list[dict[str, Any]]
) -> dict[str, str | None]:
    """Predicted actor id -> the gold entity id sharing most names, or None.

    Ties are broken as the reference scorer does (`../shared/tools/score.py`): the predicted
    name equals the gold name (normalised, then as written), the gold type agrees with the
    predicted kind, the predicted name is one of the gold names, fewer gold names, gold id.
    """
    index: dict[str, list[int]] = {}
    gold_names = [_names(entity) for entity in entities]
    for i, names in enumerate(gold_names):
        for key in names:
            index.setdefault(key, []).append(i)
    mapping: dict[str, str | None] = {}
    for actor in actors:
        counts: Counter[int] = Counter()
        for key in _names(actor):
            counts.update(index.get(key, ()))
        best = min(counts, key=lambda i: _tie(i, counts, actor, entities, gold_names), default=None)
        mapping.setdefault(str(actor.get("id")), None if best is None else entities[best]["id"])
    return mapping


def _tie(
    i: int,
    counts: Counter[int],
    actor: dict[str, Any],
    entities: list[dict[str, Any]],
    gold_names: list[set[str]],
) -> tuple:
    """Sort key of gold entity i for a predicted actor: most shared names, then the reference
    scorer's tie rules."""
    name = actor.get("name") if isinstance(actor.get("name"), str) else ""
    norm = normalise_name(name)
    entity = entities[i]
    return (
        -counts[i],
        normalise_name(entity.get("name") or "") != norm,
        (entity.get("name") or "") != name,
        str(entity.get("type") or "").lower() != str(actor.get("kind") or "").lower(),
        norm not in gold_names[i],
        len(gold_names[i]),
        str(entity["id"]),
    )


@dataclass
class _Candidate:
    """A prediction as a candidate in one report."""

    pred: dict[str, Any]
    pid: str
    document: str
    source: str | None  # mapped gold id, None for a null source, _UNMAPPED otherwise
    target: str | None

    def quote(self) -> str | None:
        for ev in self.pred.get("evidence") or []:
            if isinstance(ev, dict) and report_name(ev.get("document", "")) == self.document:
                return ev.get("quote")
        return None


def _end_sets(record: dict[str, Any]) -> tuple[set[str | None], set[str | None]]:
    accept = record.get("accept_also") or {}
    if record["source"] is None:
        sources: set[str | None] = {None}
    else:
        sources = {record["source"], *(accept.get("source") or [])}
    return sources, {record["target"], *(accept.get("target") or [])}


def _compatible(cand: _Candidate, record: dict[str, Any]) -> bool | None:
    """None when the candidate cannot match; else whether it matches swapped."""
    if cand.pred.get("type") != record["type"]:
        return None
    sources, targets = _end_sets(record)
    if cand.source in sources and cand.target in targets:
        return False
    if record["type"] in SYMMETRIC_TYPES and cand.source in targets and cand.target in sources:
        return True
    return None


def _differences(cand: _Candidate, record: dict[str, Any]) -> list[str]:
    """The fields (type, source, target) that keep a candidate from matching a record."""
    sources, targets = _end_sets(record)
    type_diff = ["type"] if cand.pred.get("type") != record["type"] else []
    straight = [
        *type_diff,
        *(["source"] if cand.source not in sources else []),
        *(["target"] if cand.target not in targets else []),
    ]
    if record["type"] not in SYMMETRIC_TYPES:
        return straight
    swapped = [
        *type_diff,
        *(["source"] if cand.source not in targets else []),
        *(["target"] if cand.target not in sources else []),
    ]
    return min(straight, swapped, key=len)


def _near(pairs: list[tuple[str, list[str]]], limit: int = 3) -> list[str]:
    """'id (field differs)' for the other side's records that differ in one field only."""
    return [f"{i} ({d[0]} differs)" for i, d in pairs if len(d) == 1][:limit]


def _pair(cands: list[_Candidate], records: list[dict[str, Any]]) -> dict[int, tuple[int, bool]]:
    """One-to-one pairing: gold index -> (candidate index, swapped).

    Maximum cardinality first; among maximum matchings, more non-implicit gold records,
    then more agreeing dates, then more agreeing statuses (lexicographic integer weights).
    """
    edges: list[tuple[int, int, bool]] = []
    for gi, record in enumerate(records):
        for ci, cand in enumerate(cands):
            swapped = _compatible(cand, record)
            if swapped is not None:
                edges.append((gi, ci, swapped))
    base = min(len(cands), len(records)) + 1
    graph = nx.Graph()
    for gi, ci, _ in edges:
        record, pred = records[gi], cands[ci].pred
        weight = (
            (not record.get("implicit")) * base * base
            + (record.get("date") == pred.get("date")) * base
            + (record.get("status") == pred.get("status"))
        )
        graph.add_edge(("g", gi), ("p", ci), weight=int(weight))
    swaps = {(gi, ci): s for gi, ci, s in edges}
    result: dict[int, tuple[int, bool]] = {}
    for a, b in nx.max_weight_matching(graph, maxcardinality=True):
        (_, gi), (_, ci) = (a, b) if a[0] == "g" else (b, a)
        result[gi] = (ci, swaps[(gi, ci)])
    return result


def _check_export(export: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    if not isinstance(export, dict):
        raise ActornetError("export: expected a JSON object with 'actors' and 'interactions'")
    actors, interactions = export.get("actors", []), export.get("interactions", [])
    for key, value in (("actors", actors), ("interactions", interactions)):
        if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
            raise ActornetError(f"export: '{key}' must be a list of objects")
    return actors, interactions


def _stem(name: str) -> str:
    return name.rsplit(".", 1)[0] if "." in name else name


def match_report(document: str, reports: list[str]) -> str | None:
    """The gold report a document names: by file name, else by a unique name without
    extension (a report's PDF scores against the gold of its .txt)."""
    name = report_name(document)
    if name in reports:
        return name
    same = [r for r in reports if _stem(r) == _stem(name)]
    return same[0] if len(same) == 1 else None


def export_documents(export: dict[str, Any]) -> set[str]:
    """Every document an export names: its document list and its evidence."""
    names = {str(d.get("id")) for d in export.get("documents") or [] if isinstance(d, dict)}
    for pred in export.get("interactions") or []:
        for ev in (pred.get("evidence") or []) if isinstance(pred, dict) else []:
            if isinstance(ev, dict) and ev.get("document"):
                names.add(str(ev["document"]))
    return names


def score(gold: Gold, export: dict[str, Any]) -> Scores:
    """Score an export (`{"actors": [...], "interactions": [...]}`) against the gold."""
    actors, predictions = _check_export(export)
    mapping = map_actors(gold.entities, actors)
    gold_names = {e["id"]: e.get("name") for e in gold.entities}
    pred_names = {str(a.get("id")): a.get("name") for a in actors}
    records = [r for r in gold.interactions if r["type"] in SCORED_TYPES]
    reports = list(dict.fromkeys(report_name(r["report"]) for r in records))
    by_report: dict[str, list[dict[str, Any]]] = {r: [] for r in reports}
    for record in records:
        by_report[report_name(record["report"])].append(record)

    def mapped(actor_id: Any) -> str | None:
        return None if actor_id is None else (mapping.get(str(actor_id)) or _UNMAPPED)

    ignored = Counter(unknown_type=0, no_gold_report=0)
    cands: dict[str, list[_Candidate]] = {r: [] for r in reports}
    for n, pred in enumerate(predictions):
        if pred.get("type") not in SCORED_TYPES:
            ignored["unknown_type"] += 1
            continue
        docs = dict.fromkeys(
            report_name(ev["document"])
            for ev in pred.get("evidence") or []
            if isinstance(ev, dict) and ev.get("document")
        )
        scored = list(dict.fromkeys(r for d in docs if (r := match_report(d, reports))))
        if not scored:
            ignored["no_gold_report"] += 1
        pid = str(pred.get("id") or f"#{n}")
        for doc in scored:
            cands[doc].append(
                _Candidate(pred, pid, doc, mapped(pred.get("source")), mapped(pred.get("target")))
            )

    strict, core = VariantScores("strict"), VariantScores("core")
    matches: list[MatchedPair] = []
    missed: list[UnmatchedGold] = []
    spurious: list[UnmatchedPrediction] = []
    for report in reports:
        recs, cs = by_report[report], cands[report]
        pairing = _pair(cs, recs)
        per_report = {"strict": Counts(), "core": Counts()}
        for gi, record in enumerate(recs):
            variants = [strict] if record.get("implicit") else [strict, core]
            if gi in pairing:
                ci, swapped = pairing[gi]
                pred = cs[ci].pred
                pair = MatchedPair(
                    report=report,
                    type=record["type"],
                    gold_id=record["id"],
                    prediction_id=cs[ci].pid,
                    swapped=swapped,
                    implicit=bool(record.get("implicit")),
                    gold_date=record.get("date"),
                    predicted_date=pred.get("date"),
                    gold_status=record.get("status"),
                    predicted_status=pred.get("status"),
                )
                matches.append(pair)
                for v in variants:
                    v.by_type[record["type"]].tp += 1
                    per_report[v.name].tp += 1
                    v.date_agreement.total += 1
                    v.date_agreement.agree += pair.date_agrees
                    v.status_agreement.total += 1
                    v.status_agreement.agree += pair.status_agrees
            else:
                evidence = record.get("evidence") or []
                missed.append(
                    UnmatchedGold(
                        id=record["id"],
                        report=report,
                        type=record["type"],
                        source=record["source"],
                        target=record["target"],
                        source_name=gold_names.get(record["source"]),
                        target_name=gold_names.get(record["target"]),
                        date=record.get("date"),
                        status=record.get("status"),
                        implicit=bool(record.get("implicit")),
                        quote=evidence[0] if evidence else None,
                        near=_near([(c.pid, _differences(c, record)) for c in cs]),
                    )
                )
                for v in variants:
                    v.by_type[record["type"]].fn += 1
                    per_report[v.name].fn += 1
        paired = {ci for ci, _ in pairing.values()}
        for ci, cand in enumerate(cs):
            if ci in paired:
                continue
            pred = cand.pred
            src, tgt = pred.get("source"), pred.get("target")
            spurious.append(
                UnmatchedPrediction(
                    id=cand.pid,
                    document=report,
                    type=pred["type"],
                    source=src,
                    source_gold=None if cand.source == _UNMAPPED else cand.source,
                    source_name=pred_names.get(str(src)) if src is not None else None,
                    target=tgt,
                    target_gold=None if cand.target == _UNMAPPED else cand.target,
                    target_name=pred_names.get(str(tgt)) if tgt is not None else None,
                    date=pred.get("date"),
                    status=pred.get("status"),
                    quote=cand.quote(),
                    near=_near([(r["id"], _differences(cand, r)) for r in recs]),
                )
            )
            for v in (strict, core):
                v.by_type[pred["type"]].fp += 1
                per_report[v.name].fp += 1
        strict.by_report[report] = per_report["strict"]
        core.by_report[report] = per_report["core"]

    return Scores(
        strict=strict,
        core=core,
        reports=reports,
        matches=matches,
        unmatched_gold=missed,
        unmatched_predictions=spurious,
        actor_mapping=mapping,
        ignored=dict(ignored),
        unmapped_actors=[a for a, g in mapping.items() if g is None],
        notes=list(NOTES),
    )
