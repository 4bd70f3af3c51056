"""Build the evidence multigraph from records and collapse it into a weighted graph.

`build_multigraph` keeps everything: one edge per interaction (key = interaction id)
and one edge per standing relation (HOLDS_ROLE, MEMBER_OF, PART_OF, `role_edge=True`).
`collapse` turns it into the simple undirected weighted graph that networkx algorithms
(paths, betweenness, Louvain) need. The weights are documented in docs/analysis.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

import networkx as nx

from actornet.analysis.dates import in_window, midpoint
from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Evidence,
    Interaction,
    InteractionType,
)

__all__ = [
    "HALF_LIFE_DAYS",
    "ROLE_WEIGHT",
    "STATUS_WEIGHTS",
    "UNDATED_RECENCY",
    "actors_from_graph",
    "build_multigraph",
    "collapse",
    "edge_attrs",
    "edge_items",
    "edge_weight",
    "evidence_weight",
    "graph_from_store",
    "newest_date",
    "recency_weight",
]

STATUS_WEIGHTS: dict[str, float] = {
    ClaimStatus.ASSERTED: 1.0,
    ClaimStatus.REPORTED: 0.7,
    ClaimStatus.PLANNED: 0.5,
    ClaimStatus.UNCONFIRMED: 0.4,
    ClaimStatus.DENIED: 0.1,
}
ROLE_WEIGHT = 1.0  # a standing relation counts like one fresh, asserted, single-source fact
HALF_LIFE_DAYS = 365.0
UNDATED_RECENCY = 0.5  # an undated interaction counts like one a year older than the newest


# One str per type and status, shared by every edge: `str()` of an enum member makes a new
# string each time (two per interaction, about 100 MB at 10^6 interactions).
_TEXT: dict[str, str] = {m: str(m) for m in (*InteractionType, *ClaimStatus)}


def _affiliation_key(kind: str, source: str, target: str, title: str) -> str:
    return f"{kind}:{source}>{target}:{title}"


def _node_attrs(actor: Actor) -> dict[str, Any]:
    return {
        "name": actor.name,
        "kind": str(actor.kind),
        "aliases": list(actor.aliases),
        "country": actor.country,
        "proxy": bool(actor.proxy),
        "state": bool(actor.state),
        "parent": actor.parent,
        "roles": list(actor.roles),
        "died": actor.died,
        "origin": actor.origin,
    }


def _standing_relations(
    actors: Iterable[Actor], affiliations: Iterable[Affiliation]
) -> list[Affiliation]:
    """Stored affiliations plus those implied by `Actor.roles` and `Actor.parent`, deduplicated."""
    seen: dict[tuple[str, str, str, str], Affiliation] = {}
    for aff in affiliations:
        seen.setdefault((str(aff.kind), aff.source, aff.target, aff.title.lower()), aff)
    for actor in actors:
        for role in actor.roles:
            if role.org:
                key = (str(AffiliationKind.HOLDS_ROLE), actor.id, role.org, role.title.lower())
                seen.setdefault(key, role.affiliation(actor.id))
        if actor.parent:
            key = (str(AffiliationKind.PART_OF), actor.id, actor.parent, "")
            seen.setdefault(key, Affiliation(AffiliationKind.PART_OF, actor.id, actor.parent))
    return list(seen.values())


def _overlaps(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    if until and start and start[: len(until)] > until[: len(start)]:
        return False
    return not (since and end and end[: len(since)] < since[: len(end)])


def build_multigraph(
    actors: Iterable[Actor],
    interactions: Iterable[Interaction],
    affiliations: Iterable[Affiliation] = (),
    *,
    since: str | None = None,
    until: str | None = None,
    types: Iterable[InteractionType | str] | None = None,
    statuses: Iterable[ClaimStatus | str] | None = None,
    include_denied: bool = False,
    kinds: Iterable[ActorKind | str] | None = None,
    include_roles: bool = True,
) -> nx.MultiDiGraph:
    """One node per actor, one edge per interaction, plus standing relations.

    Filters: `since`/`until` are inclusive ISO prefixes (undated interactions are dropped
    when either is set); `types`, `statuses` and `kinds` keep only what they list; denied
    claims are left out unless `include_denied`. Interactions with an unknown source are
    skipped (counted in ``G.graph["unknown_source"]``).

    Interaction edges carry `type`, `date`, `status`, `evidence` (the interaction's own
    list, shared), `evidence_count`, `documents`, `cited_sources`, `confidence` and
    `role_edge`; `mode`, `place` and `implicit` only when the interaction has them.

    >>> from actornet.model import Actor, ActorKind, Interaction, InteractionType
    >>> a, b = Actor("a", "A", ActorKind.PERSON), Actor("b", "B", ActorKind.PERSON)
    >>> G = build_multigraph([a, b], [Interaction(InteractionType.MET_WITH, "a", "b", "2020")])
    >>> G.number_of_edges()
    1
    """
    actors = list(actors)
    type_set = {str(t) for t in types} if types else None
    status_set = {str(s) for s in statuses} if statuses else None
    kind_set = {str(k) for k in kinds} if kinds else None

    G = nx.MultiDiGraph()
    for actor in actors:
        if kind_set is None or str(actor.kind) in kind_set:
            G.add_node(actor.id, **_node_attrs(actor))

    nodes = G._node

    def ensure(node: str) -> bool:
        if node not in nodes:
            if kind_set is not None:
                return False
            G.add_node(node, name=node, kind=None, proxy=False, state=False, origin="unknown")
        return True

    unknown_source = 0
    placed: set[str] = set()  # ids of the edges added; where one is: `_find_edge`
    succ, pred = G._succ, G._pred  # direct access: this loop runs once per interaction
    new_keys = G.edge_key_dict_factory
    for it in interactions:
        status = _TEXT.get(it.status) or str(it.status)
        if status == ClaimStatus.DENIED and not include_denied:
            continue
        if (type_set and str(it.type) not in type_set) or (status_set and status not in status_set):
            continue
        if (since or until) and not in_window(it.date, since, until):
            continue
        if it.source is None:
            unknown_source += 1
            continue
        u, v = it.source, it.target
        if not ((u in nodes or ensure(u)) and (v in nodes or ensure(v))):
            continue
        if it.id in placed:  # the same fact given twice (unmerged input): merge evidence
            u, v = _find_edge(G, it)
            data = G.edges[u, v, it.id]
            data["evidence"] = list(dict.fromkeys([*data["evidence"], *it.evidence]))  # a new list
            data["evidence_count"] = len(data["evidence"])
            data["documents"] = sorted({e.document for e in data["evidence"]})
            data["cited_sources"] = _cited(data["evidence"])
            scored = [c for c in (data["confidence"], it.confidence) if c is not None]
            data["confidence"] = max(scored) if scored else None
            continue
        placed.add(it.id)
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = new_keys()
        keys[it.id] = _edge_data(it, status)

    if include_roles:
        for aff in _standing_relations(actors, affiliations):
            if not _overlaps(aff.start, aff.end, since, until):
                continue
            if aff.source not in G or aff.target not in G:
                continue
            G.add_edge(
                aff.source,
                aff.target,
                key=_affiliation_key(str(aff.kind), aff.source, aff.target, aff.title),
                type=str(aff.kind),
                title=aff.title,
                date=aff.start,
                start=aff.start,
                end=aff.end,
                status=str(ClaimStatus.ASSERTED),
                evidence=[],
                evidence_count=0,
                documents=[aff.document] if aff.document else [],
                role_edge=True,
            )
    G.graph["unknown_source"] = unknown_source
    G.graph["as_of"] = newest_date(G)
    G.graph["filters"] = {
        "since": since,
        "until": until,
        "include_denied": include_denied,
        "types": sorted(type_set) if type_set else None,
        "statuses": sorted(status_set) if status_set else None,
        "kinds": sorted(kind_set) if kind_set else None,
    }
    return G


def _find_edge(G: nx.MultiDiGraph, it: Interaction) -> tuple[str, str]:
    """Where the edge keyed `it.id` is: between its own ends, as a merged fact's always is,
    or (ids given by hand) wherever a scan of the edges finds it."""
    assert it.source is not None
    if it.id in G._succ[it.source].get(it.target, {}):
        return it.source, it.target
    return next((u, v) for u, v, k in G.edges(keys=True) if k == it.id)


def _cited(evidence: list[Evidence]) -> list[str]:
    """Every outlet the evidence cites, one by one, sorted (`Interaction.cited_sources`)."""
    if len(evidence) == 1:
        return sorted(evidence[0].cited_outlets) if evidence[0].cited_source else []
    return sorted({o for e in evidence if e.cited_source for o in e.cited_outlets})


def _edge_data(it: Interaction, status: str) -> dict[str, Any]:
    """One interaction's edge attributes. Its evidence list is shared, not copied; `mode`,
    `place` and `implicit` are set only when the interaction has them (read them with
    `.get`): at ten keys or fewer a dict takes 272 bytes instead of 464, per interaction."""
    evidence = it.evidence
    data: dict[str, Any] = {
        "type": _TEXT.get(it.type) or str(it.type),
        "date": it.date,
        "status": status,
        "evidence": evidence,
        "evidence_count": len(evidence),
        "documents": [evidence[0].document] if len(evidence) == 1 else it.documents,
        "cited_sources": _cited(evidence),
        "confidence": it.confidence,
        "role_edge": False,
    }
    if it.mode is not None:
        data["mode"] = it.mode
    if it.place is not None:
        data["place"] = it.place
    if it.implicit:
        data["implicit"] = True
    return data


def graph_from_store(store: Any, **filters: Any) -> nx.MultiDiGraph:
    """`build_multigraph` over everything a `GraphStore` holds."""
    return build_multigraph(store.actors(), store.interactions(), store.affiliations(), **filters)


def actors_from_graph(G: nx.Graph) -> list[Actor]:
    """The actors a graph's node attributes describe (for name lookup)."""
    out = []
    for node, data in G.nodes(data=True):
        kind = data.get("kind")
        out.append(
            Actor(
                id=node,
                name=data.get("name") or node,
                kind=ActorKind(kind) if kind else ActorKind.ORGANIZATION,
                aliases=tuple(data.get("aliases") or ()),
                country=data.get("country"),
                proxy=bool(data.get("proxy")),
                state=bool(data.get("state")),
                parent=data.get("parent"),
                roles=tuple(data.get("roles") or ()),
                died=data.get("died"),
                origin=data.get("origin") or "gazetteer",
            )
        )
    return out


def edge_attrs(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """The attribute dict of every edge of a multigraph, in `G.edges` order, read straight
    from the adjacency (a report reads them several times over 10^6 edges)."""
    if not (G.is_multigraph() and G.is_directed()):  # undirected: each edge seen once
        yield from (data for *_, data in G.edges(data=True))
        return
    for nbrs in G._adj.values():
        for keys in nbrs.values():
            yield from keys.values()


def edge_items(G: nx.MultiDiGraph) -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """``(u, v, key, data)`` of every edge, as `G.edges(keys=True, data=True)`, faster."""
    if not (G.is_multigraph() and G.is_directed()):
        yield from G.edges(keys=True, data=True)
        return
    for u, nbrs in G._adj.items():
        for v, keys in nbrs.items():
            for key, data in keys.items():
                yield u, v, key, data


def newest_date(G: nx.Graph) -> str | None:
    """The latest interaction date in the graph (standing relations ignored)."""
    dates = dict.fromkeys(  # distinct, in edge order: the first of equal days wins
        iso for data in edge_attrs(G) if (iso := data.get("date")) and not data.get("role_edge")
    )
    best: str | None = None
    best_day: date | None = None
    for iso in dates:
        day = midpoint(iso)
        if best_day is None or day > best_day:
            best, best_day = iso, day
    return best


def evidence_weight(evidence_count: int) -> float:
    """1 + ln(n): a second report adds 0.69, a tenth adds little."""
    return 1.0 + math.log(max(evidence_count, 1))


def recency_weight(iso: str | None, as_of: date | None) -> float:
    """0.5 ** (age / 365 days), age measured to the middle of the dated period."""
    if as_of is None:
        return 1.0
    if not iso:
        return UNDATED_RECENCY
    age = (as_of - midpoint(iso)).days
    return 0.5 ** (max(age, 0) / HALF_LIFE_DAYS)


def edge_weight(data: dict[str, Any], as_of: date | None) -> float:
    """The weight one multigraph edge contributes to its pair."""
    if data.get("role_edge"):
        return ROLE_WEIGHT
    return (
        evidence_weight(int(data.get("evidence_count") or 0))
        * STATUS_WEIGHTS.get(data.get("status") or "asserted", 1.0)
        * recency_weight(data.get("date"), as_of)
    )


def collapse(
    G: nx.MultiDiGraph,
    *,
    as_of: str | None = None,
    edges: Iterable[tuple[str, str, str, dict[str, Any]]] | None = None,
    lean: bool = False,
) -> nx.Graph:
    """A simple undirected graph: one edge per pair, weights summed over interactions.

    Edge attributes: `weight` (sum of `edge_weight`), `distance` (1 / weight),
    `cost` (ln(1 + 1/weight), the path-search length; see `paths`), `interactions`
    (ids), `roles` (standing-relation keys), `types`, `count` and `role_edge`
    (True when the pair is linked only by standing relations). Self-loops are dropped.
    `as_of` defaults to the newest interaction date in G. With `edges` (``(u, v, key,
    data)`` of G), only those edges and the actors they link are kept. `lean` keeps only
    `weight`, `distance`, `cost` and `count`, and no node attributes (enough for the
    centrality measures; what `centrality_by_period` builds for each period).
    """
    if not G.is_multigraph():
        raise nx.NetworkXNotImplemented("collapse expects the MultiDiGraph of build_multigraph")
    ref = as_of or G.graph.get("as_of") or newest_date(G)
    ref_day = midpoint(ref) if ref else None
    H = nx.Graph()
    H.graph.update(G.graph)
    H.graph["as_of"] = ref
    groups: Iterable[tuple[str, str, Iterable[tuple[str, dict[str, Any]]]]]
    if edges is None:
        H.add_nodes_from(G if lean else G.nodes(data=True))
        # each pair's parallel edges together, in `edge_items` order
        groups = ((u, v, keyed.items()) for u, nbrs in G._adj.items() for v, keyed in nbrs.items())
    else:
        groups = ((u, v, ((key, data),)) for u, v, key, data in edges)
    adj = H._adj  # direct access: this loop runs once per interaction
    recency: dict[str | None, float] = {}
    strength: dict[int, float] = {}
    for u, v, items in groups:
        if u == v:
            continue
        e = adj[u].get(v) if u in adj else None
        for key, data in items:
            if e is None:
                for node in (u, v):
                    if node not in adj:
                        H.add_node(node, **({} if lean else G.nodes[node]))
                # what H.add_edge(u, v, weight=0.0, ...) stores, without its overhead
                if lean:
                    e = {"weight": 0.0, "count": 0}
                else:
                    e = {"weight": 0.0, "interactions": [], "roles": [], "types": set(), "count": 0}
                adj[u][v] = adj[v][u] = e
            role = data.get("role_edge")
            if role:
                e["weight"] += ROLE_WEIGHT
            else:
                iso, n = data.get("date"), int(data.get("evidence_count") or 0)
                r = recency.get(iso)
                if r is None:
                    r = recency[iso] = recency_weight(iso, ref_day)
                w = strength.get(n)
                if w is None:
                    w = strength[n] = evidence_weight(n)
                e["weight"] += w * STATUS_WEIGHTS.get(data.get("status") or "asserted", 1.0) * r
            e["count"] += 1
            if not lean:
                e["types"].add(data.get("type"))
                (e["roles"] if role else e["interactions"]).append(key)
    for _, _, e in H.edges(data=True):
        e["distance"] = 1.0 / e["weight"]
        e["cost"] = math.log1p(1.0 / e["weight"])
        if not lean:
            e["types"] = sorted(t for t in e["types"] if t)
            e["role_edge"] = not e["interactions"]
    return H
