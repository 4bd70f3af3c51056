"""`actornet ingest`: reports in, network out."""

from __future__ import annotations

import contextlib
import os
import sys

import click

from actornet.cli.common import db_option, error, json_option, open_sqlite, print_json
from actornet.errors import InputError


def _size(ctx: click.Context, param: click.Parameter, value: str | int) -> int:
    from actornet.ingest import parse_size

    try:
        return value if isinstance(value, int) else parse_size(str(value))
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@db_option
@click.option(
    "--gazetteer",
    type=click.Path(dir_okay=False),
    help="Actor gazetteer YAML (default: the one shipped with actornet, or $ACTORNET_GAZETTEER).",
)
@click.option("--force", is_flag=True, help="Re-extract documents even when unchanged.")
@click.option(
    "--max-size",
    "max_bytes",
    default="50MB",
    show_default=True,
    envvar="ACTORNET_MAX_BYTES",
    callback=_size,
    help="Skip files (or PDF text) larger than this: 50MB, 200KB, 1GB (env ACTORNET_MAX_BYTES).",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="Extract in N processes (default: the number of cores). Results do not depend on N.",
)
@json_option
def ingest(
    paths: tuple[str, ...],
    db_path: str,
    gazetteer: str | None,
    force: bool,
    max_bytes: int,
    jobs: int | None,
    as_json: bool,
) -> None:
    """Read reports (files or folders: .txt .md .html .pdf), extract and store the network.

    A document is identified by its path under the folder named here (or the absolute
    path of a file named alone); a moved file is recognised by its content. Each file is
    stored in its own transaction; a bad file is reported on one line and the others go
    on. Exit code 1 when any file failed. When no report could be read (an empty folder,
    only unsupported or unreadable files), it says so on one line, exits 1 and creates no
    store.
    """
    from actornet.ingest.discover import discover_sources
    from actornet.pipeline import ingest_paths

    def report(err: InputError) -> None:
        error(str(err))

    named = ", ".join(paths)
    nothing = f"no readable report in {named} (.txt .md .html .pdf); no store written"
    sources, problems = discover_sources(paths)
    if not sources:
        for err in problems:
            report(err)
        error(nothing)
        sys.exit(1)
    existed = os.path.exists(db_path)
    with open_sqlite(db_path) as store:
        result = ingest_paths(
            paths,
            store,
            gazetteer=gazetteer,
            force=force,
            progress=True,
            on_error=report,
            max_bytes=max_bytes,
            jobs=jobs or os.cpu_count() or 1,
        )
        stats = store.stats()
    if not existed and not result.stored and not result.unchanged:
        _remove_store(db_path)  # every file failed (each said why): leave no empty store
        click.echo(f"nothing stored: no readable report, no store written at {db_path}", err=True)
        sys.exit(1)
    if as_json:
        print_json({**result.to_dict(), "store": stats})
    else:
        click.echo(
            f"{len(result.stored)} stored, {len(result.unchanged)} unchanged, "
            f"{len(result.failed)} failed; store {db_path}: {stats['documents']} documents, "
            f"{stats['actors']} actors, {stats['interactions']} interactions"
        )
    if result.failed:
        sys.exit(1)


def _remove_store(db_path: str) -> None:
    for path in (db_path, f"{db_path}-wal", f"{db_path}-shm", f"{db_path}-journal"):
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


COMMANDS = [ingest]
