"""Centrality and communities computed in Neo4j with Graph Data Science (GDS 2.x).

`analyse` projects the actor graph as `actornet.analysis.graph.collapse` builds it (one
undirected pair per linked actors, `weight` summed over the pair's interactions and
standing relations, `distance` = 1 / weight) with a Cypher aggregation projection, runs
degree, weighted degree, PageRank, betweenness (sampled above `EXACT_LIMIT` actors, as the
Python side) and Louvain in GDS, writes the scores onto the `:Actor` nodes and drops the
projection, also when something fails.

Scores are put on the NetworkX report's scales: PageRank sums to 1, betweenness is
normalised by the number of pairs (and extrapolated from the sampled sources), Louvain
communities are numbered from 0, largest first. The Cypher text is fixed at import json
import time
(relationship types only from the enums); every value travels as a parameter.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import neo4j
from neo4j.exceptions import ClientError, DriverError, Neo4jError

from actornet.analysis.centrality import BROKER_MIN_BETWEENNESS, EXACT_LIMIT, SAMPLES
from actornet.analysis.graph import HALF_LIFE_DAYS, ROLE_WEIGHT, STATUS_WEIGHTS, UNDATED_RECENCY
from actornet.confidence import default_min_confidence
from actornet.model import ActorKind, ClaimStatus, Role
from actornet.store.base import StoreError
from actornet.store.neo4j_rows import AFFILIATION_TYPES, INTERACTION_TYPES, UNKNOWN_ACTOR_ID

if TYPE_CHECKING:
    from actornet.store.neo4j import Neo4jStore

__all__ = [
    "GDS_HINT",
    "PROJECTION_PREFIX",
    "GdsAnalysis",
    "GdsMissing",
    "Scores",
    "analyse",
    "gds_version",
]

PROJECTION_PREFIX = "actornet-analyse-"
GDS_HINT = "start the local server with `scripts/neo4j-local start --gds`"
PAGERANK = {"dampingFactor": 0.85, "maxIterations": 100, "tolerance": 1e-7}
METRICS = ("degree", "weighted_degree", "betweenness", "pagerank", "community")


class GdsMissing(StoreError):
    """The server has no Graph Data Science procedures (or refuses them)."""


# ------------------------------------------------------------------ Cypher (fixed text)

# An interaction counts as `collapse` counts it: not denied, a known source, and passing
# the confidence threshold (at or above it, confirmed by an analyst, or never scored).
_KEPT = (
    "r.status <> 'denied' AND (r.confirmed_by IS NOT NULL OR r.confidence IS NULL "
    "OR r.confidence >= $min_confidence)"
)


def _in_graph(a: str) -> str:
    """Whether actor `a` is a node of the analysis graph: an actor listed by a stored
    document (as `Neo4jStore.actors()`), or an endpoint of an interaction that counts."""
    return (
        f"({a}.id <> $unknown AND (({a}.kind IS NOT NULL AND "
        f"(EXISTS {{ ({a})-[:MENTIONED_IN]->(:Document) }} "
        f"OR EXISTS {{ ({a})-[:{INTERACTION_TYPES}]-(:Actor) }} "
        f"OR EXISTS {{ MATCH (c:Claim {{place: {a}.id}}) }})) "
        f"OR EXISTS {{ ({a})-[r:{INTERACTION_TYPES}]->(:Actor) WHERE {_KEPT} }} "
        f"OR EXISTS {{ (x:Actor)-[r:{INTERACTION_TYPES}]->({a}) "
        f"WHERE x.id <> $unknown AND {_KEPT} }}))"
    )


# The middle day of a partial ISO date (`analysis.dates.midpoint`), from `iso`.
_MIDPOINT = (
    "date(iso) + duration({days: duration.inDays(date(iso), "
    "CASE size(iso) WHEN 4 THEN date({year: toInteger(iso), month: 12, day: 31}) "
    "WHEN 7 THEN date(iso) + duration({months: 1}) - duration({days: 1}) "
    "ELSE date(iso) END).days / 2})"
)

# What the projection will hold, and the newest interaction date (`graph.newest_date`).
STATS = (
    f"MATCH (s:Actor)-[r:{INTERACTION_TYPES}]->(t:Actor) "
    f"WHERE s.id <> $unknown AND {_KEPT} "
    "WITH type(r) AS type, r.status AS status, r.date AS iso "
    f"WITH type, status, CASE WHEN iso IS NULL THEN null ELSE {_MIDPOINT} END AS mid "
    "RETURN type, status, count(*) AS n, max(mid) AS newest"
)

_INTERACTION_PAIRS = (
    f"MATCH (s:Actor)-[r:{INTERACTION_TYPES}]->(t:Actor) "
    f"WHERE s.id <> $unknown AND s <> t AND {_KEPT} "
    "WITH s, t, r, r.date AS iso "
    # days from the middle of the interaction's date to the newest date (null: undated)
    "WITH s, t, r, CASE WHEN iso IS NULL OR $as_of IS NULL THEN null "
    f"ELSE duration.inDays({_MIDPOINT}, date($as_of)).days END AS age "
    "RETURN s, t, "
    "(1.0 + log(toFloat(CASE WHEN size(coalesce(r.quotes, [])) > 1 "
    "THEN size(r.quotes) ELSE 1 END))) "
    "* coalesce($status_weights[coalesce(r.status, $asserted)], 1.0) "
    "* CASE WHEN $as_of IS NULL THEN 1.0 WHEN age IS NULL THEN $undated "
    "WHEN age <= 0 THEN 1.0 ELSE 0.5 ^ (age / $half_life) END AS weight"
)
# Standing relations, one per (kind, source, target, lower-case title) as
# `graph._standing_relations` counts them: the stored ones, an actor's `parent` (a
# PART_OF) and its roles in an organisation (HOLDS_ROLE, `$roles`, read from roles_json).
_ROLE_PAIRS = (
    "CALL { "
    f"MATCH (s:Actor)-[r:{AFFILIATION_TYPES}]->(t:Actor) WHERE s <> t "
    "RETURN s, t, type(r) AS kind, toLower(coalesce(r.title, '')) AS title "
    "UNION "
    "MATCH (s:Actor) WHERE s.parent IS NOT NULL MATCH (t:Actor {id: s.parent}) WHERE s <> t "
    "RETURN s, t, 'PART_OF' AS kind, '' AS title "
    "UNION "
    "UNWIND $roles AS row MATCH (s:Actor {id: row.source}) MATCH (t:Actor {id: row.target}) "
    "WHERE s <> t RETURN s, t, 'HOLDS_ROLE' AS kind, row.title AS title "
    "} "
    f"WITH s, t WHERE {_in_graph('s')} AND {_in_graph('t')} "
    "RETURN s, t, $role_weight AS weight"
)
_NODES = f"MATCH (a:Actor) WHERE {_in_graph('a')} RETURN a AS s, null AS t, 0.0 AS weight"

PROJECT = (
    f"CALL {{ {_NODES} UNION ALL {_INTERACTION_PAIRS} UNION ALL {_ROLE_PAIRS} }} "
    "WITH CASE WHEN t IS NULL OR elementId(s) < elementId(t) THEN s ELSE t END AS a, "
    "CASE WHEN t IS NULL OR elementId(s) < elementId(t) THEN t ELSE s END AS b, weight "
    "WITH a, b, sum(weight) AS weight "
    "WITH gds.graph.project($graph, a, b, {relationshipProperties: "
    "{weight: weight, distance: CASE WHEN weight > 0 THEN 1.0 / weight ELSE 0.0 END}}, "
    "{undirectedRelationshipTypes: ['*']}) AS g "
    "RETURN g.nodeCount AS nodes, g.relationshipCount AS relationships"
)
ROLES = (
    "MATCH (a:Actor) WHERE a.roles_json IS NOT NULL AND a.roles_json <> '[]' "
    "RETURN a.id AS id, a.roles_json AS roles"
)
DEGREE = "CALL gds.degree.mutate($graph, {mutateProperty: 'degree'}) YIELD nodePropertiesWritten"
WEIGHTED_DEGREE = (
    "CALL gds.degree.mutate($graph, {mutateProperty: 'weighted_degree', "
    "relationshipWeightProperty: 'weight'}) YIELD nodePropertiesWritten"
)
PAGERANK_MUTATE = (
    "CALL gds.pageRank.mutate($graph, {mutateProperty: 'pagerank', "
    "relationshipWeightProperty: 'weight', dampingFactor: $damping, "
    "maxIterations: $iterations, tolerance: $tolerance}) YIELD ranIterations, didConverge "
    "RETURN ranIterations AS iterations, didConverge AS converged"
)
BETWEENNESS_EXACT = (
    "CALL gds.betweenness.mutate($graph, {mutateProperty: 'betweenness', "
    "relationshipWeightProperty: 'distance'}) YIELD nodePropertiesWritten"
)
BETWEENNESS_SAMPLED = (
    "CALL gds.betweenness.mutate($graph, {mutateProperty: 'betweenness', "
    "relationshipWeightProperty: 'distance', samplingSize: $samples, samplingSeed: $seed}) "
    "YIELD nodePropertiesWritten"
)
# one thread: the same communities on every run
LOUVAIN = (
    "CALL gds.louvain.mutate($graph, {mutateProperty: 'community', "
    "relationshipWeightProperty: 'weight', concurrency: 1}) YIELD communityCount"
)
SCORES = (
    "CALL gds.graph.nodeProperties.stream($graph, $properties) "
    "YIELD nodeId, nodeProperty, propertyValue "
    "WITH nodeId, collect([nodeProperty, propertyValue]) AS values "
    "WITH gds.util.asNode(nodeId) AS a, values "
    "RETURN a.id AS id, a.name AS name, a.kind AS kind, values"
)
DROP = "CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName"
VERSION = "RETURN gds.version() AS version"
# what a server without the plugin answers to gds.version()
UNKNOWN_CODES = ("Statement.SyntaxError", "Procedure.ProcedureNotFound")


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class Scores:
    """One actor's scores, on the NetworkX report's scales."""

    id: str
    name: str
    kind: str
    degree: int
    weighted_degree: float
    betweenness: float
    pagerank: float
    community: int

    def metrics(self) -> dict[str, float]:
        """The properties written onto the actor's node."""
        return {m: float(getattr(self, m)) for m in METRICS}


@dataclass
class GdsAnalysis:
    """What `analyse` computed and wrote."""

    scores: list[Scores]
    as_of: str | None
    min_confidence: float
    interactions_by_type: dict[str, int]
    interactions_by_status: dict[str, int]
    relationships: int  # undirected linked pairs in the projection
    sampled: bool
    seed: int
    pagerank_iterations: int
    written: int = 0
    gds_version: str = ""
    notes: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds

    def by_measure(self, measure: str) -> dict[str, float]:
        return {s.id: float(getattr(s, measure)) for s in self.scores}

    def brokers(self, min_betweenness: float = BROKER_MIN_BETWEENNESS) -> dict[str, float]:
        """Betweenness / normalised degree, as `analysis.centrality.brokers` (no Places)."""
        n = len(self.scores)
        if n < 3:
            return {}
        return {
            s.id: s.betweenness / (s.degree / (n - 1))
            for s in self.scores
            if s.degree and s.betweenness >= min_betweenness and s.kind != ActorKind.PLACE
        }

    def partition(self) -> dict[str, int]:
        return {s.id: s.community for s in self.scores}


# ------------------------------------------------------------------ running


@contextmanager
def _session(store: Neo4jStore) -> Iterator[neo4j.Session]:
    with store._mapped(), store.session() as session:
        yield session


def _run(store: Neo4jStore, query: str, **params: Any) -> list[dict[str, Any]]:
    """One auto-commit query (GDS procedures manage their own work) with the timeout."""
    with _session(store) as session:
        return session.run(neo4j.Query(query, timeout=store.tx_timeout), params).data()


def gds_version(store: Neo4jStore) -> str:
    """The GDS version the server answers; `GdsMissing` when it has none."""
    try:
        with store.session() as session:
            record = session.run(neo4j.Query(VERSION, timeout=store.tx_timeout)).single()
    except ClientError as exc:
        if not any(code in (exc.code or "") for code in UNKNOWN_CODES):
            raise StoreError(store._describe(exc)) from exc
        raise GdsMissing(
            f"Neo4j at {store.uri} has no Graph Data Science plugin (gds.version() is "
            f"unknown): {GDS_HINT}"
        ) from exc
    except (Neo4jError, DriverError) as exc:
        raise StoreError(store._describe(exc)) from exc
    return str(record["version"]) if record else ""


def _refused(exc: StoreError) -> StoreError:
    """A GDS procedure the server loaded but does not allow: say how to allow it."""
    text = str(exc)
    if "sandboxed" in text or "ProcedureNotFound" in text or "no procedure" in text.lower():
        return GdsMissing(
            f"{text.split(': ', 1)[0]} refuses the GDS procedures: set "
            f"dbms.security.procedures.unrestricted=gds.* ({GDS_HINT})"
        )
    return exc


def _stats(store: Neo4jStore, params: Mapping[str, Any]) -> tuple[dict, dict, str | None]:
    by_type: dict[str, int] = {}
    by_status: dict[str, int] = {}
    newest = None
    for row in _run(store, STATS, **params):
        by_type[row["type"]] = by_type.get(row["type"], 0) + row["n"]
        by_status[row["status"]] = by_status.get(row["status"], 0) + row["n"]
        if row["newest"] is not None:
            day = row["newest"].iso_format()
            newest = day if newest is None or day > newest else newest
    return dict(sorted(by_type.items())), by_status, newest


def _roles(store: Neo4jStore) -> list[dict[str, str]]:
    """The HOLDS_ROLE relations actors' roles imply (`Role.affiliation`), as rows."""
    rows = []
    for row in _run(store, ROLES):
        for data in json.loads(row["roles"]):
            role = Role(**data)
            if role.org:
                rows.append({"source": row["id"], "target": role.org, "title": role.title.lower()})
    return rows


def _ranked_communities(raw: Mapping[str, int]) -> dict[str, int]:
    """GDS community ids -> 0, 1, ... largest first, ties by smallest member id
    (as `analysis.communities.louvain` numbers them)."""
    groups: dict[int, list[str]] = {}
    for actor, c in raw.items():
        groups.setdefault(c, []).append(actor)
    ordered = sorted(groups.values(), key=lambda m: (-len(m), min(m)))
    return {actor: i for i, members in enumerate(ordered) for actor in members}


def _compute(
    store: Neo4jStore, graph: str, *, sampled: bool, samples: int, seed: int
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Every algorithm into the projection, then one stream of every actor's values."""
    _run(store, DEGREE, graph=graph)
    _run(store, WEIGHTED_DEGREE, graph=graph)
    (pr,) = _run(
        store,
        PAGERANK_MUTATE,
        graph=graph,
        damping=PAGERANK["dampingFactor"],
        iterations=PAGERANK["maxIterations"],
        tolerance=PAGERANK["tolerance"],
    )
    if sampled:
        _run(store, BETWEENNESS_SAMPLED, graph=graph, samples=samples, seed=seed)
    else:
        _run(store, BETWEENNESS_EXACT, graph=graph)
    _run(store, LOUVAIN, graph=graph)
    return pr, _run(store, SCORES, graph=graph, properties=list(METRICS))


def analyse(
    store: Neo4jStore,
    *,
    min_confidence: float | None = None,
    seed: int = 0,
    exact_limit: int = EXACT_LIMIT,
    samples: int = SAMPLES,
    write: bool = True,
) -> GdsAnalysis:
    """Project, compute, write the scores onto the actors, drop the projection."""
    clock = [time.perf_counter()]
    timings: dict[str, float] = {}

    def lap(phase: str) -> None:
        now = time.perf_counter()
        timings[phase] = round(now - clock[0], 3)
        clock[0] = now

    version = gds_version(store)
    threshold = default_min_confidence() if min_confidence is None else min_confidence
    params: dict[str, Any] = {"unknown": UNKNOWN_ACTOR_ID, "min_confidence": threshold}
    by_type, by_status, as_of = _stats(store, params)
    roles = _roles(store)
    lap("stats")
    graph = PROJECTION_PREFIX + uuid.uuid4().hex[:12]
    weights = {str(k): v for k, v in STATUS_WEIGHTS.items()}
    try:
        try:
            (shape,) = _run(
                store,
                PROJECT,
                **params,
                graph=graph,
                as_of=as_of,
                status_weights=weights,
                asserted=str(ClaimStatus.ASSERTED),
                undated=UNDATED_RECENCY,
                half_life=HALF_LIFE_DAYS,
                role_weight=ROLE_WEIGHT,
                roles=roles,
            )
        except StoreError as exc:
            raise _refused(exc) from exc
        lap("project")
        n = int(shape["nodes"] or 0)  # no row at all: no projection, no actors
        sampled = not (n <= exact_limit or samples >= n)
        pr: dict[str, Any] = {"iterations": 0, "converged": True}
        rows: list[dict[str, Any]] = []
        if n:
            pr, rows = _compute(store, graph, sampled=sampled, samples=samples, seed=seed)
        lap("algorithms")
    finally:
        # the first error is the one to report; a lost server drops the projection anyway
        with suppress(StoreError):
            _run(store, DROP, graph=graph)
    scores = _normalised(rows, samples if sampled else n)
    result = GdsAnalysis(
        scores=scores,
        as_of=as_of,
        min_confidence=threshold,
        interactions_by_type=by_type,
        interactions_by_status=by_status,
        relationships=int(shape["relationships"] or 0) // 2,  # undirected: stored both ways
        sampled=sampled,
        seed=seed,
        pagerank_iterations=int(pr["iterations"]),
        gds_version=version,
        timings=timings,
    )
    if sampled:
        result.notes.append(f"betweenness sampled ({n} actors; {samples} sources, seed {seed})")
    if not pr["converged"]:
        result.notes.append(f"PageRank stopped after {pr['iterations']} iterations")
    if write:
        result.written = store.write_metrics({s.id: s.metrics() for s in scores})
        lap("write")
    return result


def _normalised(rows: list[dict[str, Any]], sources: int) -> list[Scores]:
    """GDS values on the NetworkX scales (see the module docstring)."""
    n = len(rows)
    values = [dict(r["values"]) for r in rows]
    total_rank = sum(v["pagerank"] for v in values) or 1.0
    # GDS sums each undirected pair once from the sampled sources; networkx's normalised,
    # extrapolated estimate is sum * n / (k (n-1) (n-2)) over ordered pairs (twice as many)
    scale = 2.0 * n / (sources * (n - 1) * (n - 2)) if n > 2 and sources else 0.0
    raw = {r["id"]: int(v["community"]) for r, v in zip(rows, values, strict=True)}
    communities = _ranked_communities(raw)
    return sorted(
        (
            Scores(
                id=r["id"],
                name=r["name"] or r["id"],
                kind=r["kind"] or "",
                degree=round(v["degree"]),
                weighted_degree=float(v["weighted_degree"]),
                betweenness=float(v["betweenness"]) * scale,
                pagerank=float(v["pagerank"]) / total_rank,
                community=communities[r["id"]],
            )
            for r, v in zip(rows, values, strict=True)
        ),
        key=lambda s: s.id,
    )
