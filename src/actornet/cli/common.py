"""Options and helpers shared by every command."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_DB = "actornet.db"


def db_option(f: F) -> F:
    """`--db FILE`, defaulting to $ACTORNET_DB or ./actornet.db."""
    return click.option(
        "--db",
        "db_path",
        type=click.Path(dir_okay=False),
        envvar="ACTORNET_DB",
        default=DEFAULT_DB,
        show_default=True,
        help="Embedded SQLite store (env ACTORNET_DB).",
    )(f)


def json_option(f: F) -> F:
    return click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")(f)


def min_confidence_option(f: F) -> F:
    """`--min-confidence FLOAT`; None (the default) means the model's threshold."""
    return click.option(
        "--min-confidence",
        type=click.FloatRange(0.0, 1.0),
        metavar="FLOAT",
        default=None,
        help="Leave out interactions scored under this confidence (0 keeps all); confirmed "
        "and never-scored ones always pass (default: the model's threshold).",
    )(f)


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def error(message: str) -> None:
    """One line on stderr, prefixed with `error:`."""
    click.echo(f"error: {message}", err=True)


def open_sqlite(db_path: str, *, must_exist: bool = False, raw: bool = False):
    """Open the embedded store, seen through its judgements (a `JudgedStore`) unless `raw`;
    with must_exist, a missing file is a user error."""
    from actornet.errors import ActornetError
    from actornet.store.base import StoreError
    from actornet.store.judged import JudgedStore
    from actornet.store.sqlite import SqliteStore

    if must_exist and not os.path.exists(db_path):
        raise ActornetError(f"{db_path}: no such store; run `actornet ingest` first")
    try:
        store = SqliteStore(db_path)
    except StoreError as exc:  # not a store, a newer schema, unreadable: exit 1, file untouched
        raise ActornetError(str(exc)) from None
    return store if raw else JudgedStore(store)


def stderr_is_tty() -> bool:
    return sys.stderr.isatty()


SOURCES = ("sqlite", "neo4j")


def source_option(f: F) -> F:
    """`--source sqlite|neo4j`: where analysis commands read the network from."""
    return click.option(
        "--source",
        type=click.Choice(SOURCES),
        default="sqlite",
        show_default=True,
        help="Read the network from the embedded store or from Neo4j (NEO4J_* env).",
    )(f)


def open_source_store(source: str, db_path: str):
    """The judged store an analysis command reads: SQLite (must exist) or Neo4j (environment)."""
    if source == "neo4j":
        from actornet.store.judged import JudgedStore
        from actornet.store.neo4j import Neo4jStore

        return JudgedStore(Neo4jStore.from_env())
    return open_sqlite(db_path, must_exist=True)
