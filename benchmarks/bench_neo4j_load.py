"""Benchmark: Neo4jStore's batched load against one MERGE per relationship per transaction.

    NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... python benchmarks/bench_neo4j_load.py

Generates a seeded random network (default 50,000 actors, 500,000 interactions, split
into documents of 1,000 interactions), then:

1. naive path: actors loaded untimed, then the first `--naive-sample` relationships
   written one `MATCH ... MERGE` per managed transaction (the old py2neo-style loop);
   its rate is extrapolated from the sample;
2. one session: the database wiped, every document loaded through
   `Neo4jStore.replace_document` (UNWIND batches, one transaction per document, claims
   and merged relationships included), timed end to end;
3. batched path: the database wiped again, the same documents loaded through
   `Neo4jStore.load_documents` with `--jobs` transactions at once (what
   `actornet neo4j load` does; default 2), timed end to end, orphan sweep included.
   `same_counts` says whether it left the same counts as the one-session load.

Prints one JSON object. The database must hold no actornet nodes (Actor, Document,
Claim): the benchmark refuses to touch one that does. It leaves the database as it found
it: its nodes are wiped and the constraints and indexes it created are dropped, also when
it fails. Without NEO4J_URI it prints a JSON error and exits with 2.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import sys
import time
from collections.abc import Iterator, Sequence
from typing import Any

from actornet.model import (
    Actor,
    ActorKind,
    ClaimStatus,
    Document,
    DocumentExtraction,
    Evidence,
    Interaction,
    InteractionType,
)
from actornet.store import neo4j_rows as q
from actornet.store.base import StoreError

KIND_WEIGHTS = {
    ActorKind.PERSON: 60,
    ActorKind.ORGANIZATION: 30,
    ActorKind.PLACE: 8,
    ActorKind.COUNTRY: 2,
}
STATUS_WEIGHTS = {
    ClaimStatus.ASSERTED: 70,
    ClaimStatus.REPORTED: 20,
    ClaimStatus.UNCONFIRMED: 5,
    ClaimStatus.DENIED: 3,
    ClaimStatus.PLANNED: 2,
}
# The naive path, built like every other query: the type token comes from the enum only.
NAIVE_MERGE = q.query_table(
    "MATCH (s:Actor {id: $source}) MATCH (t:Actor {id: $target}) "
    "MERGE (s)-[r:__T__ {id: $id}]->(t) SET r += $props",
    InteractionType,
)
NAIVE_ACTORS = q.query_table(  # untimed set-up of the naive path
    "UNWIND $rows AS row MERGE (a:Actor {id: row.id}) SET a += row.props, a:__T__", ActorKind
)
ACTORNET_NODES = "MATCH (n) WHERE n:Actor OR n:Document OR n:Claim RETURN count(n) AS n"
SCHEMA_NAMES = "SHOW INDEXES YIELD name RETURN collect(name) AS names"
SCHEMA_KIND = "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names"
SAFE_NAME = re.compile(r"[a-z][a-z0-9_]*")
SCHEMA_NAME = re.compile(r"CREATE (?:FULLTEXT )?(?:CONSTRAINT|INDEX) (\w+) IF NOT EXISTS")


def generate_actors(n: int, seed: int = 7) -> list[Actor]:
    """`n` actors with ids a000000.., kinds drawn with KIND_WEIGHTS."""
    rng = random.Random(seed)
    kinds = rng.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()), k=n)
    return [
        Actor(id=f"a{i:06d}", name=f"Actor {i}", kind=kind, country=rng.choice(["IRN", "IRQ"]))
        for i, kind in enumerate(kinds)
    ]


def _date(rng: random.Random) -> str:
    return f"{rng.randint(2018, 2023)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"


def generate_documents(
    n_actors: int, n_interactions: int, per_document: int = 1000, seed: int = 7
) -> Iterator[DocumentExtraction]:
    """Documents holding `n_interactions` distinct interactions among `n_actors` actors.

    Deterministic for a seed. Every actor takes part in at least one interaction when
    n_interactions >= n_actors (interaction k < n_actors starts at actor k).
    """
    if n_actors < 2 or per_document < 1:
        raise ValueError("need at least 2 actors and 1 interaction per document")
    actors = generate_actors(n_actors, seed)
    rng = random.Random(seed + 1)
    types = list(InteractionType)
    statuses, weights = list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values())
    seen: set[str] = set()
    made, doc_no = 0, 0
    while made < n_interactions:
        doc_id = f"bench_{doc_no:05d}.txt"
        text = f"Synthetic report {doc_no}."
        its: list[Interaction] = []
        while len(its) < per_document and made < n_interactions:
            s = made % n_actors if made < n_actors else rng.randrange(n_actors)
            t = (s + 1 + rng.randrange(n_actors - 1)) % n_actors
            status = rng.choices(statuses, weights=weights)[0]
            it = Interaction(
                rng.choice(types), actors[s].id, actors[t].id, _date(rng), status=status
            )
            if it.id in seen:
                continue
            seen.add(it.id)
            quote = f"{actors[s].name} and {actors[t].name} ({made})."
            it.evidence.append(Evidence(doc_id, 0, len(quote), quote))
            its.append(it)
            made += 1
        ids = sorted({x for it in its for x in (it.source, it.target) if x})
        index = {a.id: a for a in (actors[int(i[1:])] for i in ids)}
        doc = Document(doc_id, f"/bench/{doc_id}", text, Document.hash_text(text), title=text)
        yield DocumentExtraction(doc, [index[i] for i in ids], its)
        doc_no += 1


def _run(tx: Any, query: str, params: dict[str, Any]) -> None:
    tx.run(query, params).consume()


def naive_rate(store: Any, docs: Sequence[DocumentExtraction], sample: int) -> tuple[float, int]:
    """Relationships per second, one MERGE per managed transaction, over `sample` rows."""
    actors = {a.id: a for d in docs for a in d.actors}
    with store.session() as session:
        for kind in ActorKind:  # untimed set-up: the naive path needs the actor nodes too
            rows = [q.actor_row(a) for a in actors.values() if a.kind is kind]
            for batch in q.batched(rows, 5000):
                session.execute_write(_run, NAIVE_ACTORS[kind], {"rows": batch})
    todo = [it for d in docs for it in d.interactions][:sample]

    start = time.perf_counter()
    with store.session() as session:
        for it in todo:
            row = q.relationship_row(it)
            session.execute_write(_run, NAIVE_MERGE[it.type], row)
    return len(todo) / max(time.perf_counter() - start, 1e-9), len(todo)


def _single(store: Any, query: str) -> Any:
    with store.session() as session:
        return session.run(query).single()[0]


def _drop_schema(store: Any, before: tuple[set[str], set[str]]) -> None:
    from actornet.store.neo4j import cypher_dir

    """Drop the constraints, then the indexes, that did not exist before the benchmark."""
    constraints = set(_single(store, SCHEMA_KIND)) - before[1]
    indexes = set(_single(store, SCHEMA_NAMES)) - before[0] - constraints
    ours = set(SCHEMA_NAME.findall((cypher_dir() / "schema.cypher").read_text(encoding="utf-8")))
    for kind, names in (("CONSTRAINT", constraints), ("INDEX", indexes)):
        for name in sorted(names & ours):  # fixed names of cypher/schema.cypher, nothing else
            if SAFE_NAME.fullmatch(name):
                store.run_auto_commit(f"DROP {kind} {name} IF EXISTS")


def run(args: argparse.Namespace) -> dict[str, Any]:
    from actornet.store.neo4j import Neo4jStore

    store = Neo4jStore.from_env(batch_size=args.batch_size)
    try:
        version = store.server_info()["agent"]
        if (found := _single(store, ACTORNET_NODES)) != 0:
            raise StoreError(
                f"the database holds {found} actornet nodes; the benchmark needs an empty one "
                "(it would delete them): run `actornet neo4j wipe --yes` or use a scratch server"
            )
        before = (set(_single(store, SCHEMA_NAMES)), set(_single(store, SCHEMA_KIND)))
        try:
            store.apply_schema()
            with store.session() as session:
                session.run("CALL db.awaitIndexes(300)").consume()
            needed = -(-args.naive_sample // args.per_document)  # documents covering the sample
            gen = generate_documents(args.actors, args.interactions, args.per_document, args.seed)
            head = [d for _, d in zip(range(needed), gen, strict=False)]
            naive, sampled = naive_rate(store, head, args.naive_sample)
            store.wipe()
            docs = list(
                generate_documents(args.actors, args.interactions, args.per_document, args.seed)
            )
            start = time.perf_counter()
            for ext in docs:
                store.replace_document(ext)
            one_seconds = time.perf_counter() - start
            one_counts = store.counts()
            store.wipe()
            start = time.perf_counter()
            report = store.load_documents(docs, jobs=args.jobs)
            seconds = time.perf_counter() - start
            counts = store.counts()
        finally:
            store.wipe()
            _drop_schema(store, before)
        left = _single(store, ACTORNET_NODES)
    finally:
        store.close()
    batched = counts["interactions"] / max(seconds, 1e-9)
    one = one_counts["interactions"] / max(one_seconds, 1e-9)
    return {
        "actors": counts["actors"],
        "interactions": counts["interactions"],
        "batched_rels_per_s": round(batched, 1),
        "naive_rels_per_s": round(naive, 1),
        "ratio": round(batched / naive, 1) if naive else None,
        "jobs": args.jobs,
        "one_session_rels_per_s": round(one, 1),
        "one_session_ratio": round(one / naive, 1) if naive else None,
        "same_counts": counts == one_counts,
        "retries": report.retries,
        "batch_size": args.batch_size,
        "server_version": version,
        "documents": counts["documents"],
        "claims": counts["claims"],
        "batched_seconds": round(seconds, 2),
        "one_session_seconds": round(one_seconds, 2),
        "naive_sample": sampled,
        "left_behind": left,
    }


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=50_000)
    parser.add_argument("--interactions", type=int, default=500_000)
    parser.add_argument("--per-document", type=int, default=1000)
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument(
        "--jobs", type=int, default=2, help="the batched load's transactions at once"
    )
    parser.add_argument("--naive-sample", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not os.environ.get("NEO4J_URI"):
        print(json.dumps({"error": "NEO4J_URI is not set; start Neo4j (docs/neo4j.md) first"}))
        return 2
    from neo4j.exceptions import DriverError, Neo4jError

    try:
        result = run(args)
    except StoreError as exc:
        print(json.dumps({"error": str(exc)}))
        return 2
    except (Neo4jError, DriverError) as exc:  # the naive path talks to the driver directly
        print(json.dumps({"error": f"Neo4j failed: {type(exc).__name__}: {exc}"}))
        return 2
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
