"""`actornet neo4j ...`: put the network on a Neo4j 5 server and read it back.

Connection settings come from options or the environment (NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD, NEO4J_DATABASE, NEO4J_CONNECTION_TIMEOUT, NEO4J_TX_TIMEOUT). The password
is never printed: errors name the server and the user only. Connection problems end with
one `error:` line and exit code 2.
"""

from __future__ import annotations

import contextlib
import json
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import click

from actornet.cli.common import (
    db_option,
    json_option,
    min_confidence_option,
    open_sqlite,
    print_json,
    source_option,
    stderr_is_tty,
)
from actornet.errors import ActornetError

if TYPE_CHECKING:
    from actornet.store.base import GraphStore
    from actornet.store.neo4j import Neo4jStore

__all__ = ["COMMANDS", "compute_metrics", "neo4j"]

METRICS = ("degree", "weighted_degree", "betweenness", "pagerank")


# The driver logs each retried transaction (a deadlock between parallel documents, a server
# restarting) as a multi-line warning; a retry that fails is one clear error line.
logging.getLogger("neo4j").addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Connection:
    uri: str | None
    user: str
    password: str | None
    database: str | None
    timeout: float
    tx_timeout: float = 60.0

    def __repr__(self) -> str:  # never show the password, even in a debugger or a traceback
        return f"Connection(uri={self.uri!r}, user={self.user!r}, database={self.database!r})"

    def open(self, batch_size: int = 5000) -> Neo4jStore:
        from actornet.store.neo4j import Neo4jStore

        return Neo4jStore(
            self.uri,
            self.user,
            self.password,
            self.database,
            batch_size,
            connection_timeout=self.timeout,
            tx_timeout=self.tx_timeout,
        )


def compute_metrics(store: GraphStore) -> dict[str, dict[str, float]]:
    """Degree, weighted degree, betweenness and PageRank per actor (actornet.analysis)."""
    from actornet.analysis.centrality import betweenness, degree, pagerank, weighted_degree
    from actornet.analysis.graph import collapse, graph_from_store

    H = collapse(graph_from_store(store))
    scores = [degree(H), weighted_degree(H), betweenness(H), pagerank(H)]
    return {
        str(v): {name: float(s.get(v, 0.0)) for name, s in zip(METRICS, scores, strict=True)}
        for v in H
    }


@contextlib.contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int, str], None]]:
    """A rich progress bar on stderr (silent when stderr is not a terminal)."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(
        *columns,
        TextColumn("{task.fields[doc]}", markup=False),
        console=Console(stderr=True),
        disable=not stderr_is_tty(),
    ) as bar:
        task = bar.add_task(label, total=None, doc="")

        def update(done: int, total: int, doc: str) -> None:
            bar.update(task, completed=done, total=total, doc=doc)

        yield update


@click.group("neo4j")
@click.option(
    "--uri", envvar="NEO4J_URI", help="Bolt URI, e.g. bolt://localhost:7687 (env NEO4J_URI)."
)
@click.option(
    "--user", envvar="NEO4J_USER", default="neo4j", show_default=True, help="(env NEO4J_USER)"
)
@click.option(
    "--password",
    envvar="NEO4J_PASSWORD",
    hide_input=True,
    show_default=False,
    help="Prefer the environment variable NEO4J_PASSWORD; never printed.",
)
@click.option("--database", envvar="NEO4J_DATABASE", help="Database name (env NEO4J_DATABASE).")
@click.option(
    "--timeout",
    envvar="NEO4J_CONNECTION_TIMEOUT",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Connection timeout in seconds.",
)
@click.option(
    "--tx-timeout",
    envvar="NEO4J_TX_TIMEOUT",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds after which the server aborts a transaction (env NEO4J_TX_TIMEOUT).",
)
@click.pass_context
def neo4j(
    ctx: click.Context,
    uri: str | None,
    user: str,
    password: str | None,
    database: str | None,
    timeout: float,
    tx_timeout: float,
) -> None:
    """Load the network into Neo4j 5, apply the schema, write metrics back, read it back."""
    ctx.obj = Connection(uri, user, password, database or None, timeout, tx_timeout)


@neo4j.command("schema")
@click.pass_obj
def schema(conn: Connection) -> None:
    """Create the constraints and indexes of cypher/schema.cypher (idempotent)."""
    with conn.open() as store:
        n = store.apply_schema()
    click.echo(f"applied {n} schema statements")


@neo4j.command("load")
@db_option
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=5000,
    show_default=True,
    help="Rows per UNWIND batch.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    metavar="N",
    help="Document transactions at once. The result does not depend on N.",
)
@min_confidence_option
@click.pass_obj
def load(
    conn: Connection, db_path: str, batch_size: int, jobs: int, min_confidence: float | None
) -> None:
    """Copy the embedded store into Neo4j, one transaction per document; print the counts.

    With --jobs N, up to N documents load at once, never two that write the same
    relationship; the result is what loading them one by one leaves.

    What is copied is the judged network: actors judged the same are one node with their
    aliases united, rejected interactions are left out, confirmed ones carry
    `confirmed_by`; the judgements themselves become (:Judgement {loaded: true}) nodes,
    a record that is not applied again when Neo4j is read.

    Only the interactions that pass --min-confidence are loaded (the embedded store keeps
    the others); each claim carries its `confidence`.

    Running it again is safe: documents are replaced, never duplicated, and documents no
    longer in the embedded store are removed from Neo4j.
    """
    from actornet.store.confident import confident

    source = confident(open_sqlite(db_path, must_exist=True), min_confidence)
    try:
        with conn.open(batch_size) as store:
            store.apply_schema()
            with _progress("loading") as progress:
                counts = store.load_from(source, progress=progress, jobs=jobs)
            counts |= store.copy_judgements(source.network() if source.judgements() else None)
    finally:
        source.close()
    print_json(counts)


@neo4j.command("pull")
@click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="Also mirror the Neo4j network into this SQLite store.",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Write JSON here, not stdout."
)
@click.pass_obj
def pull(conn: Connection, db_path: str | None, output: str | None) -> None:
    """Read the network back from Neo4j as the JSON export (actors, interactions, documents)."""
    from actornet.export import export_json
    from actornet.store.judged import judged
    from actornet.store.neo4j import sync_documents

    with conn.open() as raw:
        store = judged(raw)
        data = export_json(store)
        if db_path:
            with open_sqlite(db_path) as mirror, _progress("mirroring") as progress:
                sync_documents(store, mirror, progress)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text + "\n")
    else:
        click.echo(text)


@neo4j.command("write-metrics")
@source_option
@db_option
@min_confidence_option
@click.pass_obj
def write_metrics(
    conn: Connection, source: str, db_path: str, min_confidence: float | None
) -> None:
    """Compute degree, weighted degree, betweenness and PageRank; write them onto the actors.

    The network is read from the embedded store (--db) or, with --source neo4j, from Neo4j,
    and the metrics are computed over the interactions that pass --min-confidence, as
    `actornet centrality` and `report` compute them.
    """
    from actornet.store.confident import confident

    with conn.open() as store:
        if source == "neo4j":
            from actornet.store.judged import judged

            metrics = compute_metrics(confident(judged(store), min_confidence))
        else:
            with confident(open_sqlite(db_path, must_exist=True), min_confidence) as embedded:
                metrics = compute_metrics(embedded)
        n = store.write_metrics(metrics)
    top = sorted(metrics.items(), key=lambda kv: (-kv[1]["pagerank"], kv[0]))[:5]
    summary: dict[str, Any] = {"actors": n, "metrics": list(METRICS)}
    summary["top_pagerank"] = [{"id": k, **v} for k, v in top]
    print_json(summary)


@neo4j.command("analyse")
@min_confidence_option
@click.option(
    "--top", type=click.IntRange(min=1), default=10, show_default=True, help="Rows per table."
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Sampling seed (large networks)."
)
@json_option
@click.pass_obj
def analyse(
    conn: Connection, min_confidence: float | None, top: int, seed: int, as_json: bool
) -> None:
    """Centrality and communities computed in Neo4j (Graph Data Science); write them back.

    Projects the loaded network into GDS with the weights `actornet report` uses, computes
    degree, weighted degree, PageRank, betweenness (sampled above 500 actors) and Louvain
    communities, writes them onto the Actor nodes (degree, weighted_degree, pagerank,
    betweenness, community: what cypher/top_brokers.cypher and
    cypher/actors_by_centrality.cypher read), drops the projection and prints the
    report's top actors, brokers and communities. The network is the one `neo4j load`
    wrote (judgements applied there); interactions under --min-confidence are left out,
    as `actornet report` leaves them out. Needs the GDS plugin on the server
    (`scripts/neo4j-local start --gds`).
    """
    from actornet.report.gds_sections import gds_sections, print_gds_sections
    from actornet.store.neo4j_gds import analyse as run_analysis

    with conn.open() as store:
        result = run_analysis(store, min_confidence=min_confidence, seed=seed)
    sections = gds_sections(result, top)
    if as_json:
        summary = {
            "gds": result.gds_version,
            "actors": len(result.scores),
            "pairs": result.relationships,
            "interactions": sum(result.interactions_by_type.values()),
            "as_of": result.as_of,
            "min_confidence": result.min_confidence,
            "betweenness_sampled": result.sampled,
            "seed": result.seed,
            "written": result.written,
            "notes": result.notes,
        }
        print_json({"analysis": summary, **sections.to_dict()})
        return
    from rich.console import Console

    print_gds_sections(sections, result.notes, Console())
    click.echo(
        f"\nwrote {', '.join((*METRICS, 'community'))} onto {result.written} actors "
        f"(GDS {result.gds_version})"
    )


@neo4j.command("wipe")
@click.option("--yes", is_flag=True, help="Really delete every actornet node in the database.")
@click.pass_obj
def wipe(conn: Connection, yes: bool) -> None:
    """Delete every Actor, Document and Claim node (other data is left alone)."""
    if not yes:
        raise ActornetError("refusing to wipe the Neo4j database without --yes")
    with conn.open() as store:
        n = store.wipe()
    click.echo(f"deleted {n} nodes")


@neo4j.command("status")
@click.pass_obj
def status(conn: Connection) -> None:
    """Server version and what actornet has stored there."""
    with conn.open() as store:
        info = store.server_info()
        counts = store.counts()
    print_json(
        {
            "server": info["agent"],
            "protocol": info["protocol"],
            "uri": store.uri,
            "user": store.user,
            "database": store.database or "(default)",
            "counts": counts,
        }
    )


COMMANDS = [neo4j]
