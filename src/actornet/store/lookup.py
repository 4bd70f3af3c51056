"""Pure helpers over stored records, shared by the stores and the CLI.

Find actors as analysts type them (`--actor "Qa’ani"`); merge the claims that several
documents make about one interaction; test an interaction against an `InteractionFilter`.
"""

from __future__ import annotations

from collections.abc import Sequence

from actornet.errors import ActornetError
from actornet.model import Actor, ClaimStatus, Interaction, InteractionType, normalise_name
from actornet.store.base import InteractionFilter

__all__ = ["find_actors", "matches_filter", "merge_claims", "resolve_actor"]


def find_actors(actors: Sequence[Actor], query: str) -> list[Actor]:
    """Actors matching `query`, most exact tier first.

    1. an id match (exact, then ignoring case); else 2. actors whose normalised name or
    alias equals the normalised query; else 3. actors whose normalised name or alias
    contains the query as whole words ("qaani" finds "Esmail Qaani"; "kadh" finds nothing).
    """
    query = query.strip()
    if not query:
        return []
    by_id = [a for a in actors if a.id == query] or [
        a for a in actors if a.id.casefold() == query.casefold()
    ]
    if by_id:
        return by_id
    key = normalise_name(query)
    if not key:
        return []
    keys = {a.id: {normalise_name(n) for n in a.names} - {""} for a in actors}
    exact = [a for a in actors if key in keys[a.id]]
    if exact:
        return exact
    padded = f" {key} "
    return [a for a in actors if any(padded in f" {k} " for k in keys[a.id])]


def resolve_actor(actors: Sequence[Actor], query: str) -> Actor:
    """The one actor `query` names; an `ActornetError` (one line) when none or several match."""
    found = find_actors(actors, query)
    if not found:
        raise ActornetError(f"no actor matches '{query}'")
    if len(found) > 1:
        shown = ", ".join(f"{a.name} ({a.id})" for a in found[:5])
        more = f" and {len(found) - 5} more" if len(found) > 5 else ""
        raise ActornetError(f"'{query}' is ambiguous: {shown}{more}; give an id")
    return found[0]


_STATUS_RANK = {
    ClaimStatus.ASSERTED: 0,
    ClaimStatus.REPORTED: 1,
    ClaimStatus.UNCONFIRMED: 2,
    ClaimStatus.PLANNED: 3,
    ClaimStatus.DENIED: 4,
}


def merge_claims(claims: list[Interaction]) -> Interaction:
    """One interaction from the claims (in document order) that share an id.

    Date: the most specific (first wins ties); status: the strongest; place and mode:
    first non-null; implicit only if every claim is; evidence: the union, by (document, start);
    confidence: the highest of the scored claims (None when none is scored).
    """
    first = claims[0]
    date = first.date
    for claim in claims[1:]:
        if len(claim.date or "") > len(date or ""):
            date = claim.date
    scored = [c.confidence for c in claims if c.confidence is not None]
    evidence = sorted(
        dict.fromkeys(e for c in claims for e in c.evidence),
        key=lambda e: (e.document, e.start, e.end),
    )
    return Interaction(
        type=first.type,
        source=first.source,
        target=first.target,
        date=date,
        place=next((c.place for c in claims if c.place), None),
        status=min((ClaimStatus(c.status) for c in claims), key=_STATUS_RANK.__getitem__),
        mode=next((c.mode for c in claims if c.mode), None),
        implicit=all(c.implicit for c in claims),
        evidence=evidence,
        id=first.id,
        confidence=max(scored) if scored else None,
    )


def matches_filter(interaction: Interaction, flt: InteractionFilter) -> bool:
    """Whether a merged interaction passes a filter; partial dates match overlapping windows."""
    if flt.types and InteractionType(interaction.type) not in flt.types:
        return False
    if flt.actor and flt.actor not in (interaction.source, interaction.target):
        return False
    if not flt.include_denied and interaction.status == ClaimStatus.DENIED:
        return False
    if flt.since or flt.until:
        date = interaction.date
        if not date:
            return False
        if flt.since and date[: len(flt.since)] < flt.since[: len(date)]:
            return False
        if flt.until and date[: len(flt.until)] > flt.until[: len(date)]:
            return False
    return True
