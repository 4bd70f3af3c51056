"""Actor sets: "Tehran" (the Iranian state apparatus), "proxies", or names and ids.

A SPEC is a comma-separated list of terms; the result is the union of the terms' sets:

- ``Tehran`` (also ``iran-state``): the country Iran; every actor with ``state=True``
  and country IRN; organisations that are PART_OF one of these; persons who HOLD A ROLE
  in (or are MEMBER_OF) one of these. Actors marked as proxies are never included.
- ``proxies``: every actor with ``proxy=True``.
- anything else: one actor, by id, name or alias (`actornet.store.lookup.find_actors`);
  prefix with ``actor:`` to look up a name that collides with a keyword
  (``actor:Tehran`` is the city).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from actornet.analysis.graph import actors_from_graph
from actornet.errors import ActornetError
from actornet.model import Actor, ActorKind, Affiliation, AffiliationKind
from actornet.store.lookup import find_actors

__all__ = ["IRAN", "describe", "proxy_set", "resolve_spec", "tehran_set"]

IRAN = "IRN"
TEHRAN_KEYWORDS = frozenset({"tehran", "iran-state", "iranian-state"})
PROXY_KEYWORDS = frozenset({"proxies", "proxy"})
_ROLE_KINDS = {str(AffiliationKind.HOLDS_ROLE), str(AffiliationKind.MEMBER_OF)}
_PART_KIND = str(AffiliationKind.PART_OF)


def _records(
    source: nx.Graph | Iterable[Actor], affiliations: Iterable[Affiliation] | None
) -> tuple[list[Actor], list[tuple[str, str, str]]]:
    """Actors plus (kind, source, target) standing relations, from a graph or lists."""
    if isinstance(source, nx.Graph):
        actors = actors_from_graph(source)
        if source.is_multigraph():
            rels = [
                (d.get("type", ""), u, v)
                for u, v, d in source.edges(data=True)
                if d.get("role_edge") is True
            ]
        else:  # a collapsed graph keeps the keys "KIND:source>target:title"
            rels = [
                _parse_role_key(key)
                for *_, d in source.edges(data=True)
                for key in d.get("roles", ())
            ]
    else:
        actors = list(source)
        rels = []
    for aff in affiliations or ():
        rels.append((str(aff.kind), aff.source, aff.target))
    for actor in actors:
        rels.extend(
            (str(AffiliationKind.HOLDS_ROLE), actor.id, r.org) for r in actor.roles if r.org
        )
        if actor.parent:
            rels.append((_PART_KIND, actor.id, actor.parent))
    return actors, rels


def _parse_role_key(key: str) -> tuple[str, str, str]:
    kind, _, rest = key.partition(":")
    src, _, rest = rest.partition(">")
    return kind, src, rest.partition(":")[0]


def tehran_set(
    source: nx.Graph | Iterable[Actor], affiliations: Iterable[Affiliation] | None = None
) -> set[str]:
    """Ids of the Iranian state apparatus (see the module docstring)."""
    actors, rels = _records(source, affiliations)
    by_id = {a.id: a for a in actors}
    core = {
        a.id
        for a in actors
        if not a.proxy
        and (
            (a.kind is ActorKind.COUNTRY and (a.country == IRAN or a.id in {"iran", "irn"}))
            or (a.state and a.country == IRAN)
        )
    }
    found = set(core)
    changed = True
    while changed:  # organisations part of the apparatus, and the people in them
        changed = False
        for kind, src, dst in rels:
            if src in found or dst not in found or src not in by_id:
                continue
            actor = by_id[src]
            if actor.proxy or (actor.country and actor.country != IRAN):
                continue
            person = actor.kind is ActorKind.PERSON
            if (kind == _PART_KIND and not person) or (kind in _ROLE_KINDS and person):
                found.add(src)
                changed = True
    return found


def proxy_set(source: nx.Graph | Iterable[Actor]) -> set[str]:
    """Ids of the actors marked as proxies."""
    if isinstance(source, nx.Graph):
        return {n for n, proxy in source.nodes(data="proxy") if proxy}
    return {a.id for a in source if a.proxy}


def _one(actors: list[Actor], term: str) -> str:
    found = find_actors(actors, term)
    if not found:
        raise ActornetError(f"no actor matches '{term}'")
    if len(found) > 1:
        shown = ", ".join(f"{a.name} ({a.id})" for a in found[:6])
        more = f" and {len(found) - 6} more" if len(found) > 6 else ""
        raise ActornetError(f"'{term}' is ambiguous: {shown}{more}; give an id")
    return found[0].id


def resolve_spec(
    source: nx.Graph | Iterable[Actor],
    spec: str,
    *,
    affiliations: Iterable[Affiliation] | None = None,
) -> set[str]:
    """The actor ids a SPEC names: "Tehran", "proxies", names, aliases, ids, comma-separated.

    Raises `ActornetError` (with candidates) for unknown or ambiguous names, and when
    a keyword resolves to nothing.
    """
    if not isinstance(source, nx.Graph):
        source = list(source)
    actors: list[Actor] | None = None
    out: set[str] = set()
    for raw in spec.split(","):
        term = raw.strip()
        if not term:
            continue
        low = term.lower()
        if low in TEHRAN_KEYWORDS:
            found = tehran_set(source, affiliations)
        elif low in PROXY_KEYWORDS:
            found = proxy_set(source)
        else:
            if actors is None:
                actors = actors_from_graph(source) if isinstance(source, nx.Graph) else source
            if low.startswith("actor:"):
                term = term[len("actor:") :].strip()
            found = {_one(actors, term)}
        if not found:
            raise ActornetError(f"'{term}' names no actor in this network")
        out |= found
    if not out:
        raise ActornetError("empty actor set: give a name, an id, 'Tehran' or 'proxies'")
    return out


def describe(source: Any, ids: Iterable[str]) -> list[dict[str, str]]:
    """[{id, name}] for display, sorted by name."""
    names = dict(source.nodes(data="name")) if isinstance(source, nx.Graph) else {}
    return sorted(({"id": i, "name": names.get(i) or i} for i in ids), key=lambda d: d["name"])
