"""Quality flags: claims an analyst should check before relying on them.

Each rule is small and explainable (docs/analysis.md lists them):

- ``contradiction`` (high): an actor acts (source, or target of anything but ATTACKED) on a
  date after its recorded death; (medium) a claim that is both reported and denied.
- ``contradiction`` (high), too: a quote names a person who had died before the act, together
  with a role of theirs, while the act is credited to someone else (the extractor credits the
  living role-holder: "the Commander of the Qods Force, Qasem Soleimani, visited Baghdad" in
  November 2020 is Esmail Qa'ani's visit, and the quote is flagged).
- ``role_ended`` (medium): the quote describes the actor by a role (title and organisation)
  that had ended before the act.
- ``denied`` (medium) and ``unconfirmed`` (low) claims.
- ``alias_review`` (low; medium when the names are identical): a *discovered* actor whose
  name is close to another actor's name (difflib ratio >= `NAME_SIMILARITY`).
- ``fuzzy_merge`` (low): an actor carrying aliases its gazetteer entry does not list
  (needs the `gazetteer_names` hook).
- ``date_conflict`` (low): interactions of one type between the same actors in the same
  month with different day dates.
- ``evidence_mismatch`` (medium): a quote that is not, verbatim, at its offsets in its
  document (when documents are given).
- ``low_confidence`` (low): an interaction the learned scorer gave a confidence under the
  threshold (`actornet.confidence`; the model's by default), most confident first: the
  commands leave it out until an analyst confirms it.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from actornet.analysis.dates import earliest, latest
from actornet.analysis.paths import EvidenceRef
from actornet.confidence import default_min_confidence, passes
from actornet.model import (
    Actor,
    ClaimStatus,
    Document,
    Interaction,
    InteractionType,
    normalise_name,
)

__all__ = ["NAME_SIMILARITY", "SEVERITIES", "Flag", "flags", "flags_to_dict"]

SEVERITIES = ("high", "medium", "low")
NAME_SIMILARITY = 0.88
GazetteerNames = Mapping[str, Iterable[str]] | Callable[[str], Iterable[str] | None]


@dataclass(frozen=True)
class Flag:
    kind: str
    severity: str
    detail: str
    actors: tuple[str, ...]
    evidence: tuple[EvidenceRef, ...] = ()
    interactions: tuple[str, ...] = ()  # ids of the interactions the flag is about
    settle: tuple[str, ...] = ()  # judge commands that would settle it (actornet.review)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "detail": self.detail,
            "actors": list(self.actors),
            "evidence": [e.to_dict() for e in self.evidence],
            "interactions": list(self.interactions),
            "settle": list(self.settle),
        }


def flags_to_dict(items: Iterable[Flag]) -> dict[str, list[dict[str, Any]]]:
    """``{"flags": [...]}``, the JSON shape of `actornet flags --json`."""
    return {"flags": [f.to_dict() for f in items]}


def _refs(*interactions: Interaction) -> tuple[EvidenceRef, ...]:
    seen = dict.fromkeys(
        EvidenceRef(e.document, e.quote, e.start, e.end) for it in interactions for e in it.evidence
    )
    return tuple(seen)


def _pair(it: Interaction) -> tuple[str, str]:
    ends = (it.source or "?", it.target)
    return tuple(sorted(ends)) if InteractionType(it.type).symmetric else ends  # type: ignore[return-value]


def _name(by_id: Mapping[str, Actor], actor_id: str | None) -> str:
    actor = by_id.get(actor_id or "")
    return actor.name if actor else (actor_id or "unknown")


def _role_in_quote(actor: Actor, it: Interaction, by_id: Mapping[str, Actor]) -> str | None:
    """A role of `actor` that ended before the act and that the quote uses to describe it."""
    assert it.date
    text = " ".join(normalise_name(e.quote) for e in it.evidence)
    for role in actor.roles:
        if not role.end or earliest(it.date) <= latest(role.end):
            continue
        org = by_id.get(role.org or "")
        org_names = [normalise_name(n) for n in org.names] if org else []
        if normalise_name(role.title) in text and (
            not org_names or any(n in text for n in org_names)
        ):
            still = any(
                r.active_on(it.date) and r.org == role.org and r.title == role.title
                for r in actor.roles
            )
            if not still:
                return f"{role.title} of {org.name if org else role.org} (ended {role.end})"
    return None


def _life_flags(by_id: Mapping[str, Actor], interactions: list[Interaction]) -> list[Flag]:
    out = []
    for it in interactions:
        if not it.date:
            continue
        for side, actor_id in (("source", it.source), ("target", it.target)):
            actor = by_id.get(actor_id or "")
            if actor is None or (side == "target" and it.type == InteractionType.ATTACKED):
                continue
            role = _role_in_quote(actor, it, by_id) if actor.roles else None
            if actor.died and earliest(it.date) > latest(actor.died):
                other = it.target if side == "source" else it.source
                detail = (
                    f"{actor.name} is the {side} of {it.type} with {_name(by_id, other)} on "
                    f"{it.date}, after the recorded death on {actor.died}"
                )
                if role:
                    detail += f"; described as {role}"
                out.append(Flag("contradiction", "high", detail, (actor.id,), _refs(it), (it.id,)))
            elif role:
                detail = f"{actor.name} is described as {role} in a {it.type} dated {it.date}"
                out.append(Flag("role_ended", "medium", detail, (actor.id,), _refs(it), (it.id,)))
    return out


def _compatible(a: str | None, b: str | None) -> bool:
    return not a or not b or a[: len(b)] == b[: len(a)]


def _claim_flags(by_id: Mapping[str, Actor], interactions: list[Interaction]) -> list[Flag]:
    out = []
    groups: dict[tuple[str, tuple[str, str]], list[Interaction]] = defaultdict(list)
    for it in interactions:
        groups[(str(it.type), _pair(it))].append(it)
        if it.status in (ClaimStatus.DENIED, ClaimStatus.UNCONFIRMED):
            severity = "medium" if it.status == ClaimStatus.DENIED else "low"
            detail = (
                f"{it.status} claim: {_name(by_id, it.source)} {it.type} "
                f"{_name(by_id, it.target)}" + (f" on {it.date}" if it.date else "")
            )
            ids = tuple(a for a in (it.source, it.target) if a)
            out.append(Flag(str(it.status), severity, detail, ids, _refs(it), (it.id,)))
    for (type_, pair), items in groups.items():
        denied = [i for i in items if i.status == ClaimStatus.DENIED]
        claimed = [i for i in items if i.status != ClaimStatus.DENIED]
        for d in denied:
            for c in claimed:
                if _compatible(d.date, c.date):
                    detail = (
                        f"{_name(by_id, pair[0])} {type_} {_name(by_id, pair[1])}"
                        f" ({c.date or 'undated'}) is {c.status} in one source, denied in another"
                    )
                    out.append(
                        Flag("contradiction", "medium", detail, pair, _refs(c, d), (c.id, d.id))
                    )
    return out


def _date_flags(by_id: Mapping[str, Actor], interactions: list[Interaction]) -> list[Flag]:
    months: dict[tuple[str, tuple[str, str], str], list[Interaction]] = defaultdict(list)
    for it in interactions:
        if it.date and len(it.date) == 10 and it.status != ClaimStatus.DENIED:
            months[(str(it.type), _pair(it), it.date[:7])].append(it)
    out = []
    for (type_, pair, month), items in sorted(months.items()):
        days = sorted({i.date for i in items if i.date})
        if len(days) > 1:
            docs = sorted({e.document for i in items for e in i.evidence})
            detail = (
                f"{_name(by_id, pair[0])} {type_} {_name(by_id, pair[1])} in {month} is dated "
                f"{', '.join(days)} ({', '.join(docs)}): one event or several?"
            )
            ids = tuple(i.id for i in items)
            out.append(Flag("date_conflict", "low", detail, pair, _refs(*items), ids))
    return out


def _named_dead_flags(by_id: Mapping[str, Actor], interactions: list[Interaction]) -> list[Flag]:
    """One flag per quote that names a dead person in a role, listing the acts it supports."""
    dead = [a for a in by_id.values() if a.died and a.roles]
    names = {a.id: {normalise_name(n) for n in a.names if len(n.split()) > 1} for a in dead}
    found: dict[tuple[str, EvidenceRef], tuple[str, list[Interaction]]] = {}
    for it in interactions:
        if not it.date:
            continue
        for actor in dead:
            if actor.id in (it.source, it.target) or earliest(it.date) <= latest(actor.died or ""):
                continue
            for e in it.evidence:
                quote = normalise_name(e.quote)
                if not any(n in quote for n in names[actor.id]):
                    continue
                role = _role_named(actor, quote, by_id)
                if role is not None:
                    ref = EvidenceRef(e.document, e.quote, e.start, e.end)
                    found.setdefault((actor.id, ref), (role, []))[1].append(it)
    out = []
    for (actor_id, ref), (role, acts) in found.items():
        actor = by_id[actor_id]
        listed = "; ".join(
            f"{it.type} {_name(by_id, it.source)} -> {_name(by_id, it.target)} on {it.date}"
            for it in acts
        )
        detail = (
            f"a quote names {actor.name} (died {actor.died}) as {role}; the acts it supports "
            f"are credited to the person who held the role then: {listed}"
        )
        sources = tuple(dict.fromkeys(it.source for it in acts if it.source))
        acts_ids = tuple(dict.fromkeys(it.id for it in acts))
        out.append(Flag("contradiction", "high", detail, (actor_id, *sources), (ref,), acts_ids))
    return out


def _role_named(actor: Actor, quote: str, by_id: Mapping[str, Actor]) -> str | None:
    for role in actor.roles:
        org = by_id.get(role.org or "")
        org_names = [normalise_name(n) for n in org.names] if org else []
        if normalise_name(role.title) in quote and any(n and n in quote for n in org_names):
            return f"{role.title} of {org.name if org else role.org}"
    return None


def _evidence_flags(
    by_id: Mapping[str, Actor], interactions: list[Interaction], documents: Iterable[Document]
) -> list[Flag]:
    texts = {d.id: d.text for d in documents}
    if not texts:
        return []
    out = []
    for it in interactions:
        bad = [
            e
            for e in it.evidence
            if e.document not in texts or texts[e.document][e.start : e.end] != e.quote
        ]
        if bad:
            where = ", ".join(sorted({f"{e.document}[{e.start}:{e.end}]" for e in bad}))
            detail = (
                f"{_name(by_id, it.source)} {it.type} {_name(by_id, it.target)}: quote not found "
                f"verbatim at {where} (document missing or changed?)"
            )
            ids = tuple(a for a in (it.source, it.target) if a)
            refs = tuple(EvidenceRef(e.document, e.quote, e.start, e.end) for e in bad)
            out.append(Flag("evidence_mismatch", "medium", detail, ids, refs, (it.id,)))
    return out


def _confidence_flags(
    by_id: Mapping[str, Actor], interactions: list[Interaction], min_confidence: float | None
) -> list[Flag]:
    """The interactions that do not pass the threshold, most confident first."""
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    low = [it for it in interactions if not passes(it, threshold)]
    out = []
    for it in sorted(low, key=lambda it: (-(it.confidence or 0.0), it.date or "", it.id)):
        detail = (
            f"confidence {it.confidence or 0.0:.2f}, under the threshold {threshold:.2f}: "
            f"{_name(by_id, it.source)} {it.type} {_name(by_id, it.target)}"
            + (f" on {it.date}" if it.date else "")
            + "; left out by default until an analyst confirms it"
        )
        ids = tuple(a for a in (it.source, it.target) if a)
        out.append(Flag("low_confidence", "low", detail, ids, _refs(it), (it.id,)))
    return out


def _trigrams(name: str) -> set[str]:
    padded = f"  {name} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _alias_flags(actors: list[Actor], threshold: float) -> list[Flag]:
    names = {a.id: sorted({normalise_name(n) for n in a.names} - {""}) for a in actors}
    postings: dict[str, set[str]] = defaultdict(set)
    for actor_id, keys in names.items():
        for key in keys:
            for gram in _trigrams(key):
                postings[gram].add(actor_id)
    by_id = {a.id: a for a in actors}
    done: set[frozenset[str]] = set()
    out = []
    for actor in actors:
        if actor.origin != "discovered":
            continue
        for key in names[actor.id]:
            grams = _trigrams(key)
            shared = Counter(o for g in grams for o in postings[g] if o != actor.id)
            for other, n in shared.items():
                pair = frozenset((actor.id, other))
                if n < len(grams) * 0.5 or pair in done:
                    continue
                best = max(difflib.SequenceMatcher(None, key, o).ratio() for o in names[other])
                if best >= threshold:
                    done.add(pair)
                    o = by_id[other]
                    severity = "medium" if best == 1.0 else "low"
                    detail = (
                        f"discovered actor {actor.name} ({actor.id}) looks like {o.name} "
                        f"({o.id}), name similarity {best:.2f}: same actor?"
                    )
                    out.append(Flag("alias_review", severity, detail, (actor.id, other)))
    return out


def _merge_flags(actors: list[Actor], gazetteer_names: GazetteerNames) -> list[Flag]:
    out = []
    for actor in actors:
        known = (
            gazetteer_names(actor.id)
            if callable(gazetteer_names)
            else gazetteer_names.get(actor.id)
        )
        if known is None:
            continue
        listed = {normalise_name(n) for n in known}
        extra = [a for a in actor.aliases if normalise_name(a) not in listed]
        if extra:
            detail = (
                f"{actor.name} ({actor.id}) carries names its gazetteer entry does not list: "
                f"{', '.join(extra)}; merged by fuzzy matching?"
            )
            out.append(Flag("fuzzy_merge", "low", detail, (actor.id,)))
    return out


def flags(
    actors: Iterable[Actor],
    interactions: Iterable[Interaction],
    documents: Iterable[Document] = (),
    *,
    gazetteer_names: GazetteerNames | None = None,
    name_similarity: float = NAME_SIMILARITY,
    min_confidence: float | None = None,
    confident_only: bool = False,
) -> list[Flag]:
    """Every flag the rules raise, most severe first (``low_confidence`` ones most
    confident first).

    `gazetteer_names` maps an actor id to the names its gazetteer entry lists (or is a
    function doing so, returning None for actors not in the gazetteer); without it the
    ``fuzzy_merge`` rule is skipped. With `documents`, every quote is checked against
    its document's text. `min_confidence` is the ``low_confidence`` threshold (None: the
    model's). With `confident_only`, every other rule reads only the interactions that
    pass it (those the commands show at that threshold), while ``low_confidence`` still
    lists the ones that do not.
    """
    actors = list(actors)
    interactions = list(interactions)
    shown = (
        [it for it in interactions if passes(it, min_confidence)]
        if confident_only
        else interactions
    )
    by_id = {a.id: a for a in actors}
    out = _life_flags(by_id, shown)
    out += _named_dead_flags(by_id, shown)
    out += _claim_flags(by_id, shown)
    out += _date_flags(by_id, shown)
    out += _alias_flags(actors, name_similarity)
    if gazetteer_names is not None:
        out += _merge_flags(actors, gazetteer_names)
    out += _evidence_flags(by_id, shown, documents)
    unsure = _confidence_flags(by_id, interactions, min_confidence)
    place = {id(f): i for i, f in enumerate(unsure)}  # their own order, not the detail's
    out += unsure
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    return sorted(out, key=lambda f: (rank[f.severity], f.kind, place.get(id(f), 0), f.detail))
