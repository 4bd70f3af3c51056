"""Find actors by id, name or alias, as analysts type them (`--actor "Qa’ani"`)."""

from __future__ import annotations

from collections.abc import Sequence

from actornet.errors import ActornetError
from actornet.model import Actor, normalise_name

__all__ = ["find_actors", "resolve_actor"]


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
