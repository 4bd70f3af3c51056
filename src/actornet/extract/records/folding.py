"""Records that tell one fact twice, folded into one before the decision.

`merged` maps a record key `(type, source, target, denied)` to the records (one per event)
the proposers told under it; each function below moves records into the more specific one
they duplicate, keeping every quote.
"""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from typing import Any, Protocol

from actornet.extract.scorer.features import LOOSE_VIAS
from actornet.model import Actor, ActorKind, Evidence, InteractionType

__all__ = ["fold_attacked_places", "fold_into", "fold_state_sources", "fold_visited_countries"]

ActorOf = Callable[[str], Actor | None]
StateOf = Callable[[str], str | None]
SameTime = Callable[..., bool]


class Record(Protocol):
    candidate: Any  # the proposers' Candidate: place may be set
    date: str | None
    evidence: list[Evidence]
    vias: set[str]


Merged = MutableMapping[tuple, list[Any]]


def _to_kind(
    merged: Merged, type_: InteractionType, kind: ActorKind, actor_of: ActorOf
) -> list[tuple[tuple, list[Any]]]:
    """The records of `type_` whose target is an actor of `kind`, keyed as in `merged`."""
    return [
        (key, events)
        for key, events in list(merged.items())
        if key[0] is type_ and key[2] and (a := actor_of(key[2])) is not None and a.kind == kind
    ]


def fold_into(
    events: list[Record], into: list[Record], same_time: SameTime, *, strict: bool = False
) -> None:
    """Move each record of `events` into a record of `into` at the same time, if any."""
    for m in list(events):
        target = next(
            (
                o
                for o in into
                if o.vias - LOOSE_VIAS  # never into a record only loosely proposed
                and same_time(o.date, m.date, strict=strict)
            ),
            None,
        )
        if target is not None:
            target.evidence.extend(e for e in m.evidence if e not in target.evidence)
            events.remove(m)


def fold_state_sources(
    merged: Merged, actor_of: ActorOf, state_of: StateOf, same_time: SameTime
) -> None:
    """ "Israeli strikes" and "IDF jets struck" tell one fact: a state's record folds into
    the record of its own organ (same type, target and time), the more specific actor."""
    for (type_, *ends, denied), events in list(merged.items()):
        source = ends[0] if not type_.symmetric else None
        actor = actor_of(source) if source else None
        unknown = not type_.symmetric and not source  # "the rocket attack on the airport"
        if not unknown and (actor is None or actor.kind != ActorKind.COUNTRY):
            continue
        for key, others in merged.items():
            if key[0] is not type_ or key[-1] != denied or key[2] != ends[1]:
                continue
            organ = actor_of(key[1]) if key[1] else None
            if organ is None or (not unknown and organ.kind == ActorKind.COUNTRY):
                continue
            if not unknown and state_of(organ.id) != source:
                continue
            fold_into(events, others, same_time, strict=unknown)


def fold_visited_countries(
    merged: Merged, actor_of: ActorOf, state_of: StateOf, same_time: SameTime
) -> None:
    """A trip to "Moscow, Russia" is one visit, at its most specific place: a visit to a
    country folds into the same traveller's visit to a place in it, at the same time."""
    for (type_, source, target, denied), events in _to_kind(
        merged, InteractionType.VISITED, ActorKind.COUNTRY, actor_of
    ):
        for (t2, s2, place_id, d2), places in merged.items():
            place = actor_of(place_id) if place_id else None
            if t2 is not type_ or s2 != source or d2 != denied or place is None:
                continue
            if place.kind != ActorKind.PLACE:
                continue
            if state_of(place_id) != target:
                continue
            fold_into(events, places, same_time)


def fold_attacked_places(
    merged: Merged, actor_of: ActorOf, sentence_start: Callable[[int], int]
) -> None:
    """ "an airstrike in Damascus, targeting Hezbollah": where a sentence tells whom an
    attacker hit, a place it names is where, not a second target. The place's record folds
    into the party's (as its place) when every sentence telling it tells the party's."""
    for (type_, source, target, denied), events in _to_kind(
        merged, InteractionType.ATTACKED, ActorKind.PLACE, actor_of
    ):
        for m in list(events):
            told = {sentence_start(e.start) for e in m.evidence}
            party = next(
                (
                    o
                    for (t2, s2, other, d2), others in merged.items()
                    if t2 is type_ and s2 == source and d2 == denied and other != target
                    and (a := actor_of(other)) is not None
                    and a.kind != ActorKind.PLACE
                    for o in others
                    if o.vias - LOOSE_VIAS
                    and told <= {sentence_start(e.start) for e in o.evidence}
                ),
                None,
            )  # fmt: skip
            if party is not None:
                party.candidate.place = party.candidate.place or target
                events.remove(m)
