"""Analyst judgements: a record kept beside the extractions and applied when the store is read.

A judgement never rewrites an extraction. `apply_judgements` turns the stored (raw) network
into the judged one: actors judged the `same` become one (union-find, the first actor of each
judgement keeps its id), `reject`ed interactions or pieces of evidence disappear, `confirm`ed
interactions carry who confirmed them, `set` corrects an actor attribute. Re-ingesting only
changes the raw network, so every judgement survives it; a judgement whose target is gone is
kept and reported as orphaned.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any

from actornet.errors import ActornetError
from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    Evidence,
    Interaction,
    interaction_id,
)
from actornet.store.lookup import merge_claims

__all__ = [
    "ATTRIBUTES",
    "EvidenceKey",
    "JudgedNetwork",
    "Judgement",
    "JudgementConflict",
    "Verdict",
    "apply_judgements",
    "check_new",
    "new_judgement",
]


class Verdict(StrEnum):
    SAME = "same"  # two actors are one
    DIFFERENT = "different"  # two actors must never be merged
    REJECT = "reject"  # an interaction (or one piece of its evidence) is wrong
    CONFIRM = "confirm"  # an interaction was checked by a person
    SET = "set"  # a corrected actor attribute

    @property
    def on_actors(self) -> bool:
        return self in (Verdict.SAME, Verdict.DIFFERENT, Verdict.SET)


ATTRIBUTES = ("kind", "country", "proxy", "name")  # what `set` may correct


class JudgementConflict(ActornetError):
    """A new judgement contradicts an earlier one (the message names it)."""


@dataclass(frozen=True)
class EvidenceKey:
    """One piece of evidence of an interaction: its document and quote (offsets for show)."""

    document: str
    start: int
    end: int
    quote: str

    def matches(self, e: Evidence) -> bool:
        """Same document and quote: offsets may move when the document is re-ingested."""
        return e.document == self.document and e.quote == self.quote

    @classmethod
    def of(cls, e: Evidence) -> EvidenceKey:
        return cls(e.document, e.start, e.end, e.quote)


@dataclass(frozen=True)
class Judgement:
    """Who decided what, when and why. `subject` is an actor id (same, different, set; for
    same, the id kept) or an interaction id (reject, confirm)."""

    id: str
    verdict: Verdict
    subject: str
    other: str | None = None  # same/different: the second actor
    attribute: str | None = None  # set: one of ATTRIBUTES
    value: str | None = None  # set: the corrected value
    evidence: EvidenceKey | None = None  # reject: only this piece of evidence
    by: str = ""
    at: str = ""  # ISO 8601, UTC
    note: str = ""

    def describe(self) -> str:
        """One line: `j-1a2b (same a b by alice on 2026-01-02)`."""
        what = [self.verdict.value, self.subject]
        if self.other:
            what.append(self.other)
        if self.attribute:
            what.append(f"{self.attribute}={self.value}")
        if self.evidence:
            what.append(f"evidence {self.evidence.document}:{self.evidence.start}")
        return f"{self.id} ({' '.join(what)} by {self.by or '?'} on {self.at[:10]})"

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["verdict"] = self.verdict.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Judgement:
        """The inverse of `to_dict`; a `ValueError` names what is wrong."""
        try:
            ev = data.get("evidence")
            evidence = EvidenceKey(**ev) if ev else None
            j = cls(
                id=str(data["id"]),
                verdict=Verdict(data["verdict"]),
                subject=str(data["subject"]),
                other=data.get("other"),
                attribute=data.get("attribute"),
                value=None if data.get("value") is None else str(data["value"]),
                evidence=evidence,
                by=str(data.get("by") or ""),
                at=str(data.get("at") or ""),
                note=str(data.get("note") or ""),
            )
        except (KeyError, TypeError) as exc:
            raise ValueError(f"not a judgement: missing or bad field {exc}") from None
        validate(j)
        return j


def validate(j: Judgement) -> None:
    """A `ValueError` when the judgement's fields do not fit its verdict."""
    if not j.id or not j.subject:
        raise ValueError("a judgement needs an id and a subject")
    if j.verdict in (Verdict.SAME, Verdict.DIFFERENT):
        if not j.other:
            raise ValueError(f"{j.verdict} needs two actors")
        if j.other == j.subject:
            raise ValueError(f"{j.verdict} needs two different actors")
    if j.verdict is Verdict.SET:
        if j.attribute not in ATTRIBUTES or j.value is None:
            raise ValueError(f"set needs an attribute ({', '.join(ATTRIBUTES)}) and a value")
        if j.attribute == "kind":
            ActorKind(j.value)
        if j.attribute == "proxy" and j.value not in ("true", "false"):
            raise ValueError("proxy is true or false")
    if j.evidence and j.verdict is not Verdict.REJECT:
        raise ValueError("only reject takes a piece of evidence")


_last = datetime.min.replace(tzinfo=UTC)


def now_iso() -> str:
    """The time in UTC to the microsecond, strictly later than the last one given here, so
    judgements made in quick succession take effect in the order they were made."""
    global _last
    _last = max(datetime.now(UTC), _last + timedelta(microseconds=1))
    return _last.isoformat(timespec="microseconds")


def new_judgement(
    verdict: Verdict,
    subject: str,
    *,
    other: str | None = None,
    attribute: str | None = None,
    value: str | None = None,
    evidence: EvidenceKey | None = None,
    by: str = "",
    note: str = "",
    at: str | None = None,
) -> Judgement:
    """A judgement with a fresh id (a hash of its content and time: unique across analysts)."""
    at = at or now_iso()
    key = json.dumps(
        [verdict.value, subject, other, attribute, value, evidence and evidence.quote, by, at]
    )
    jid = "j-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    j = Judgement(jid, verdict, subject, other, attribute, value, evidence, by, at, note)
    validate(j)
    return j


def ordered(judgements: Iterable[Judgement]) -> list[Judgement]:
    """The order judgements take effect in: by time, then id."""
    return sorted(judgements, key=lambda j: (j.at, j.id))


# -- actor partition --------------------------------------------------------------------


@dataclass
class _Partition:
    """Union-find over actor ids from the `same` judgements, honouring `different`."""

    parent: dict[str, str] = field(default_factory=dict)
    sames: list[Judgement] = field(default_factory=list)
    differents: list[Judgement] = field(default_factory=list)
    conflicts: list[tuple[Judgement, str]] = field(default_factory=list)

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while x != root:  # path compression
            self.parent[x], x = root, self.parent.get(x, x)
        return root

    def chain(self, a: str, b: str) -> list[Judgement]:
        """The `same` judgements linking a to b (breadth-first over the judgement edges)."""
        edges: dict[str, list[tuple[str, Judgement]]] = defaultdict(list)
        for j in self.sames:
            assert j.other
            edges[j.subject].append((j.other, j))
            edges[j.other].append((j.subject, j))
        seen: dict[str, list[Judgement]] = {a: []}
        frontier = [a]
        while frontier and b not in seen:
            nxt = []
            for x in frontier:
                for y, j in edges[x]:
                    if y not in seen:
                        seen[y] = [*seen[x], j]
                        nxt.append(y)
            frontier = nxt
        return seen.get(b, [])

    def blocking(self, a: str, b: str) -> Judgement | None:
        """An earlier `different` that forbids joining the groups of a and b."""
        ra, rb = self.find(a), self.find(b)
        for d in self.differents:
            assert d.other
            if {self.find(d.subject), self.find(d.other)} == {ra, rb}:
                return d
        return None

    def conflict(self, j: Judgement) -> str | None:
        """Why j cannot take effect now, naming the earlier judgement; None when it can."""
        assert j.other
        if j.verdict is Verdict.SAME:
            if self.find(j.subject) == self.find(j.other):
                linked = ", ".join(x.describe() for x in self.chain(j.subject, j.other))
                return f"{j.subject} and {j.other} are already the same actor: {linked}"
            d = self.blocking(j.subject, j.other)
            if d:
                return f"{j.subject} and {j.other} were judged different: {d.describe()}"
        elif j.verdict is Verdict.DIFFERENT:
            if self.find(j.subject) == self.find(j.other):
                linked = ", ".join(x.describe() for x in self.chain(j.subject, j.other))
                return f"{j.subject} and {j.other} were judged the same: {linked}"
            d = self.blocking(j.subject, j.other)
            if d:
                return f"{j.subject} and {j.other} are already judged different: {d.describe()}"
        return None

    def add(self, j: Judgement) -> None:
        assert j.other
        why = self.conflict(j)
        if why:
            self.conflicts.append((j, why))
        elif j.verdict is Verdict.SAME:
            self.parent[self.find(j.other)] = self.find(j.subject)
            self.sames.append(j)
        else:
            self.differents.append(j)


def _partition(judgements: Sequence[Judgement]) -> _Partition:
    part = _Partition()
    for j in ordered(judgements):
        if j.verdict in (Verdict.SAME, Verdict.DIFFERENT):
            part.add(j)
    return part


def check_new(existing: Sequence[Judgement], new: Judgement) -> None:
    """Raise `JudgementConflict`, naming the earlier judgement, when `new` contradicts one."""
    if new.verdict in (Verdict.SAME, Verdict.DIFFERENT):
        why = _partition(existing).conflict(new)
        if why:
            raise JudgementConflict(why)
        return
    opposite = {Verdict.REJECT: Verdict.CONFIRM, Verdict.CONFIRM: Verdict.REJECT}.get(new.verdict)
    for j in existing:
        if j.subject == new.subject and j.verdict is opposite and not j.evidence:
            if new.evidence:
                continue  # rejecting one quote of a confirmed interaction is fine
            raise JudgementConflict(
                f"{new.subject} was judged {opposite.value}: {j.describe()}; undo it first"
            )


# -- applying -----------------------------------------------------------------------------


@dataclass
class JudgedNetwork:
    """The network as the analysts judged it, and what became of each judgement."""

    actors: list[Actor]
    interactions: list[Interaction]
    affiliations: list[Affiliation]
    judgements: list[Judgement]
    canonical: dict[str, str]  # merged-away actor id -> the id kept
    judged_ids: dict[str, str]  # stored interaction id -> judged interaction id
    orphaned: list[Judgement]
    conflicts: list[tuple[Judgement, str]]  # judgements without effect, and why

    def canonical_id(self, actor_id: str) -> str:
        return self.canonical.get(actor_id, actor_id)

    def interaction_id(self, iid: str) -> str:
        return self.judged_ids.get(iid, iid)

    def confirmed(self) -> dict[str, tuple[str, ...]]:
        return {i.id: i.confirmed_by for i in self.interactions if i.confirmed_by}

    def different(self, a: str, b: str) -> bool:
        """Whether the actors were judged different (directly or through merged ones)."""
        pair = {self.canonical_id(a), self.canonical_id(b)}
        return any(
            j.verdict is Verdict.DIFFERENT
            and j.other
            and {self.canonical_id(j.subject), self.canonical_id(j.other)} == pair
            for j in self.judgements
        )

    def counts(self) -> dict[str, int]:
        """Judgements by verdict, plus orphaned and conflicting ones."""
        out = {v.value: 0 for v in Verdict}
        for j in self.judgements:
            out[j.verdict.value] += 1
        out["total"] = len(self.judgements)
        out["orphaned"] = len(self.orphaned)
        out["conflicting"] = len(self.conflicts)
        return out


def _merge_actors(base: Actor, others: list[Actor]) -> Actor:
    """One actor from a group: the kept actor's fields, everybody's names united."""
    group = [base, *others]
    names = [n for a in group for n in a.names]
    aliases = tuple(n for n in dict.fromkeys(names) if n != base.name)
    return dataclasses.replace(
        base,
        aliases=aliases,
        descriptions=tuple(dict.fromkeys(d for a in group for d in a.descriptions)),
        country=next((a.country for a in group if a.country), None),
        proxy=any(a.proxy for a in group),
        state=any(a.state for a in group),
        parent=next((a.parent for a in group if a.parent), None),
        roles=tuple(dict.fromkeys(r for a in group for r in a.roles)),
        died=next((a.died for a in group if a.died), None),
        origin="gazetteer" if any(a.origin == "gazetteer" for a in group) else base.origin,
    )


def _set(actor: Actor, attribute: str, value: str) -> Actor:
    if attribute == "kind":
        return dataclasses.replace(actor, kind=ActorKind(value))
    if attribute == "country":
        return dataclasses.replace(actor, country=value or None)
    if attribute == "proxy":
        return dataclasses.replace(actor, proxy=value == "true")
    names = [n for n in dict.fromkeys(actor.names) if n != value]
    return dataclasses.replace(actor, name=value, aliases=tuple(names))


def _judge_actors(
    actors: list[Actor], part: _Partition, sets: list[Judgement]
) -> tuple[list[Actor], dict[str, str]]:
    by_id = {a.id: a for a in actors}
    groups: dict[str, list[str]] = defaultdict(list)
    for a in actors:
        groups[part.find(a.id)].append(a.id)
    canonical: dict[str, str] = {}
    judged: dict[str, Actor] = {}
    keep_of: dict[str, str] = {}  # union-find root -> the id kept
    for root, members in groups.items():
        keep = keep_of[root] = root if root in by_id else min(members)
        for m in members:
            if m != keep:
                canonical[m] = keep
        others = [by_id[m] for m in sorted(members) if m != keep]
        judged[keep] = _merge_actors(by_id[keep], others) if others else by_id[keep]
    for j in sets:
        keep = keep_of.get(part.find(j.subject), "")
        if keep in judged and j.attribute and j.value is not None:
            judged[keep] = _set(judged[keep], j.attribute, j.value)

    def remap(a: Actor) -> Actor:
        parent = canonical.get(a.parent or "", a.parent)
        roles = tuple(
            dataclasses.replace(r, org=canonical.get(r.org or "", r.org))
            if r.org in canonical
            else r
            for r in a.roles
        )
        return dataclasses.replace(a, parent=parent if parent != a.id else None, roles=roles)

    return sorted((remap(a) for a in judged.values()), key=lambda a: a.id), canonical


def _judge_interactions(
    interactions: list[Interaction], canonical: dict[str, str], judgements: list[Judgement]
) -> tuple[list[Interaction], dict[str, str], set[str]]:
    """Judged interactions, stored id -> judged id, and the ids of effective judgements."""
    rejected = {j.subject: j for j in judgements if j.verdict is Verdict.REJECT and not j.evidence}
    quotes: dict[str, list[Judgement]] = defaultdict(list)
    for j in judgements:
        if j.verdict is Verdict.REJECT and j.evidence:
            quotes[j.subject].append(j)
    used: set[str] = set()

    def strip(it: Interaction, key: str) -> Interaction | None:
        """Drop the rejected evidence of `key`; None when no evidence is left."""
        if key not in quotes:
            return it
        keep = []
        for e in it.evidence:
            hit = [j for j in quotes[key] if j.evidence and j.evidence.matches(e)]
            used.update(j.id for j in hit)
            if not hit:
                keep.append(e)
        return dataclasses.replace(it, evidence=keep) if keep or not it.evidence else None

    def c(x: str | None) -> str | None:
        return canonical.get(x, x) if x else x

    groups: dict[str, list[Interaction]] = defaultdict(list)
    judged_ids: dict[str, str] = {}
    for it in interactions:
        if it.id in rejected:
            used.add(rejected[it.id].id)
            continue
        stripped = strip(it, it.id)
        if stripped is None:
            continue
        src, tgt, place = c(it.source), c(it.target), c(it.place)
        if (src, tgt, place) == (it.source, it.target, it.place):
            new_id = it.id
        elif src == tgt and it.source != it.target:
            continue  # a self-loop made by a merge
        else:
            new_id = interaction_id(it.type, src, tgt, it.date, it.status)
        if new_id != it.id or place != it.place:  # unchanged records are shared, not copied
            stripped = dataclasses.replace(stripped, source=src, target=tgt, place=place, id=new_id)
        groups[new_id].append(stripped)
        judged_ids[it.id] = new_id
    by_id: dict[str, Interaction] = {}
    for new_id, members in groups.items():
        if new_id in rejected:
            used.add(rejected[new_id].id)
            continue
        merged = members[0]
        if len(members) > 1:
            merged = dataclasses.replace(merge_claims(members), id=new_id)
        stripped = strip(merged, new_id)  # evidence rejected under the judged id
        if stripped is not None:
            by_id[new_id] = stripped
    confirmers: dict[str, list[str]] = defaultdict(list)
    for j in judgements:
        if j.verdict is Verdict.CONFIRM:
            target = judged_ids.get(j.subject, j.subject)
            if target in by_id:
                used.add(j.id)
                confirmers[target].append(j.by)
    for iid, it in by_id.items():
        by = tuple(dict.fromkeys(confirmers.get(iid, ())))
        if by != it.confirmed_by:
            by_id[iid] = dataclasses.replace(it, confirmed_by=by)
    out = sorted(by_id.values(), key=lambda i: (i.date or "", i.id))
    return out, judged_ids, used


def _judge_affiliations(
    affiliations: list[Affiliation], canonical: dict[str, str]
) -> list[Affiliation]:
    out = []
    for a in affiliations:
        src, tgt = canonical.get(a.source, a.source), canonical.get(a.target, a.target)
        if src == tgt and a.source != a.target:
            continue
        out.append(dataclasses.replace(a, source=src, target=tgt))
    return list(dict.fromkeys(out))


def apply_judgements(
    actors: Iterable[Actor],
    interactions: Iterable[Interaction],
    affiliations: Iterable[Affiliation],
    judgements: Iterable[Judgement],
) -> JudgedNetwork:
    """The judged network. Pure: the records given are not changed."""
    actors, interactions = list(actors), list(interactions)
    affiliations, judgements = list(affiliations), ordered(judgements)
    part = _partition(judgements)
    sets = [j for j in judgements if j.verdict is Verdict.SET]
    judged_actors, canonical = _judge_actors(actors, part, sets)
    judged_its, judged_ids, used = _judge_interactions(interactions, canonical, judgements)
    known = {a.id for a in actors}
    orphaned = []
    for j in judgements:
        if j.verdict.on_actors:
            gone = j.subject not in known or (j.other is not None and j.other not in known)
        else:
            gone = j.id not in used
        if gone:
            orphaned.append(j)
    return JudgedNetwork(
        actors=judged_actors,
        interactions=judged_its,
        affiliations=_judge_affiliations(affiliations, canonical),
        judgements=judgements,
        canonical=canonical,
        judged_ids=judged_ids,
        orphaned=orphaned,
        conflicts=part.conflicts,
    )
