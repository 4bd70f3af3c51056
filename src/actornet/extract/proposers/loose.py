"""The loose proposer: high recall, for the scorer to decide.

A trigger word the rules read nothing of (`loose_triggers.yaml`, read by
`actornet.extract.actors.lexicon.loose_triggers`) is paired with the nearest
actor or nationality before it and the nearest actor after it (a place for a visit). Most
such proposals are wrong; the scorer keeps the few its features vouch for.
"""

from __future__ import annotations

from actornet.extract.actors.lexicon import loose_triggers
from actornet.extract.actors.mentions import Unit
from actornet.extract.proposers.token_rules import Candidate, so_called
from actornet.extract.text import Token
from actornet.model import ActorKind, InteractionType

__all__ = ["WINDOW", "loose_proposals"]

WINDOW = 12  # tokens around a trigger word where its actors are looked for


def loose_proposals(
    toks: list[Token],
    a: int,
    b: int,
    units: list[Unit],
    found: list[Candidate],
    demonyms: dict[str, str],
) -> list[Candidate]:
    """Proposals in the sentence of tokens a..b, beside what the rules `found` there."""
    out: list[Candidate] = []
    words = loose_triggers()
    for i in range(a, b):
        type_ = words.get(toks[i].text)
        if (
            type_ is None
            or so_called(toks, i, a)
            or any(c.type is type_ and abs(c.trigger - i) <= WINDOW // 3 for c in found)
        ):
            continue
        after = [u for u in units if i < u.t0 <= i + WINDOW]
        if type_ is InteractionType.VISITED:
            after = [u for u in after if u.kind in (ActorKind.PLACE, ActorKind.COUNTRY)]
        elif type_ is not InteractionType.ATTACKED:
            after = [u for u in after if u.kind != ActorKind.PLACE]
        if not after:
            continue
        target = after[0]
        before = [
            u
            for u in units
            if i - WINDOW <= u.t1 <= i and u.kind != ActorKind.PLACE and u is not target
        ]
        source: str | None = before[-1].actor_id if before else None
        t0 = before[-1].t0 if before else i
        demonym = demonyms.get(toks[i - 1].text) if i > a else None
        if demonym and toks[i - 1].capitalised:  # "Israeli strikes on ..."
            source, t0 = demonym, i - 1
        if i + 1 < b and toks[i + 1].text == "by":  # "killed by X": X acted on the one before
            if not before or type_ is InteractionType.VISITED:
                continue  # "a visit by X to Y": X is no place visited by the one before
            source, target = target.actor_id, before[-1]
        if source is None and type_ is not InteractionType.ATTACKED:
            continue
        if source == target.actor_id:
            continue
        out.append(
            Candidate(
                type_,
                source,
                target.actor_id,
                i,
                None,
                None,
                t0=min(t0, i),
                t1=max(target.t1, i + 1),
                via="loose",
            )
        )
    return out
