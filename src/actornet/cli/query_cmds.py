"""Listing and export commands: `actornet actors`, `interactions`, `export`."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import sys
import tempfile
from collections.abc import Callable
from typing import IO

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from actornet.analysis.exports import CSV_FILES, EXPORT_WRITERS, STREAM_WRITERS
from actornet.cli.common import (
    db_option,
    json_option,
    min_confidence_option,
    open_sqlite,
    print_json,
)
from actornet.errors import ActornetError
from actornet.export import actor_to_dict, confidence_text, export_json, interaction_to_dict
from actornet.model import ActorKind, ClaimStatus, Interaction, InteractionType
from actornet.store.base import GraphStore, InteractionFilter
from actornet.store.confident import confident
from actornet.store.lookup import find_actors, resolve_actor

__all__ = ["COMMANDS", "WRITERS", "actors", "export", "interactions"]

_ISO_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
PIPED_WIDTH = 200


def _iso_date(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _ISO_DATE.match(value):
        raise click.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def _console() -> Console:
    """Terminal width on a terminal; wide (not 80 columns) when piped, unless $COLUMNS says."""
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, width=PIPED_WIDTH if piped else None)


def _row(table: Table, *cells: str) -> None:
    """Add a row of plain text: names and quotes are never read as rich markup."""
    table.add_row(*(Text(c) for c in cells))


def _one_line(text: str) -> str:
    return " ".join(text.split())


# -- actors ---------------------------------------------------------------------------


@click.command("actors")
@db_option
@click.option(
    "--kind",
    type=click.Choice([k.value for k in ActorKind], case_sensitive=False),
    help="Only actors of this kind.",
)
@click.option("--search", metavar="TEXT", help="Id, name or alias (accent/case-insensitive).")
@click.option("--proxy", is_flag=True, help="Only actors marked as proxies.")
@json_option
def actors(db_path: str, kind: str | None, search: str | None, proxy: bool, as_json: bool) -> None:
    """List the actors mentioned in the stored reports."""
    with open_sqlite(db_path, must_exist=True) as store:
        found = store.actors()
        mentioned = store.actor_documents()
    if kind:
        found = [a for a in found if a.kind == ActorKind(kind)]
    if proxy:
        found = [a for a in found if a.proxy]
    if search:
        found = find_actors(found, search)
    if as_json:
        print_json(
            {"actors": [actor_to_dict(a) | {"documents": mentioned.get(a.id, [])} for a in found]}
        )
        return
    table = Table(caption=f"{len(found)} actors")
    for column in ("id", "name", "kind", "country", "proxy", "#documents"):
        table.add_column(column, justify="right" if column == "#documents" else "left")
    for a in found:
        _row(
            table,
            a.id,
            a.name,
            str(a.kind),
            a.country or "",
            "yes" if a.proxy else "",
            str(len(mentioned.get(a.id, []))),
        )
    _console().print(table)


# -- interactions ---------------------------------------------------------------------


@click.command("interactions")
@db_option
@click.option(
    "--type",
    "types",
    multiple=True,
    type=click.Choice([t.value for t in InteractionType], case_sensitive=False),
    help="Only this type (repeatable).",
)
@click.option("--actor", metavar="NAME|ALIAS|ID", help="Only interactions involving this actor.")
@click.option("--since", callback=_iso_date, metavar="DATE", help="From this date (inclusive).")
@click.option("--until", callback=_iso_date, metavar="DATE", help="Up to this date (inclusive).")
@click.option(
    "--status",
    "statuses",
    multiple=True,
    type=click.Choice([s.value for s in ClaimStatus], case_sensitive=False),
    help="Only this claim status (repeatable).",
)
@click.option("--limit", type=click.IntRange(min=1), help="Show at most N interactions.")
@min_confidence_option
@json_option
def interactions(
    db_path: str,
    types: tuple[str, ...],
    actor: str | None,
    since: str | None,
    until: str | None,
    statuses: tuple[str, ...],
    limit: int | None,
    min_confidence: float | None,
    as_json: bool,
) -> None:
    """List interactions with their evidence, oldest first.

    Partial dates overlap: an interaction dated 2020-11 is inside --since 2020-11-15.
    """
    with confident(open_sqlite(db_path, must_exist=True), min_confidence) as store:
        known = store.actors()
        actor_id = resolve_actor(known, actor).id if actor else None
        flt = InteractionFilter(
            types=tuple(InteractionType(t) for t in types),
            actor=actor_id,
            since=since,
            until=until,
        )
        found = store.interactions(flt)
    if statuses:
        wanted = {ClaimStatus(s) for s in statuses}
        found = [i for i in found if i.status in wanted]
    if limit is not None:
        found = found[:limit]
    if as_json:
        print_json({"interactions": [interaction_to_dict(i) for i in found]})
        return
    names = {a.id: a.name for a in known}
    console = _console()
    console.print(_interaction_table(found, names, console.width))


# Widest a column of the interactions table gets; the quote takes what the others leave.
_CAPS = {"date": 10, "type": 16, "source": 22, "target": 22, "status": 11, "confidence": 10,
         "mode": 10, "place": 14, "documents": 24}  # fmt: skip
QUOTE_MIN_WIDTH = 30


def _interaction_table(found: list[Interaction], names: dict[str, str], width: int) -> Table:
    """The interactions with their first quote, whole: the quote column takes the width of
    the terminal that the other columns (each as wide as its content, up to a cap) leave,
    and the quote wraps in it."""

    def name(actor_id: str | None) -> str:
        return "(unknown)" if actor_id is None else names.get(actor_id, actor_id)

    rows = [
        {
            "date": i.date or "",
            "type": str(i.type),
            "source": name(i.source),
            "target": name(i.target),
            "status": str(i.status),
            "confidence": confidence_text(i.confidence),
            "mode": i.mode or "",
            "place": name(i.place) if i.place else "",
            "quote": _one_line(i.evidence[0].quote) if i.evidence else "",
            "documents": ", ".join(i.documents),
        }
        for i in found
    ]
    widths = {c: min(cap, max([len(c), *(len(r[c]) for r in rows)])) for c, cap in _CAPS.items()}
    overhead = 3 * (len(_CAPS) + 1) + 1  # borders and one space of padding each side
    quote = max(QUOTE_MIN_WIDTH, width - overhead - sum(widths.values()))
    table = Table(caption=f"{len(found)} interactions")
    for column in ("date", "type", "source", "target", "status", "confidence", "mode", "place"):
        table.add_column(
            column,
            width=widths[column],
            overflow="fold",
            justify="right" if column == "confidence" else "left",
        )
    table.add_column("quote", width=quote)
    table.add_column("documents", width=widths["documents"], overflow="fold")
    for r in rows:
        _row(table, *r.values())
    return table


# -- export ---------------------------------------------------------------------------


def _write_json(store: GraphStore, out: IO[bytes]) -> None:
    text = json.dumps(export_json(store), ensure_ascii=False, indent=2) + "\n"
    out.write(text.encode("utf-8"))


# Export formats: name -> writer(store, binary stream). Add graphml/gexf/csv here.
WRITERS: dict[str, Callable[[GraphStore, IO[bytes]], None]] = {
    "json": _write_json,
    **STREAM_WRITERS,  # graphml, gexf, csv (to a stream: interactions.csv alone)
}


def _write_atomically(path: str, write: Callable[[IO[bytes]], None]) -> None:
    """Write to a temp file next to `path`, then rename: a failure leaves no partial file."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", dir=directory)
    except OSError as exc:
        raise ActornetError(f"{path}: cannot write ({exc.strerror})") from exc
    try:
        with os.fdopen(fd, "wb") as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ActornetError(f"{path}: cannot write ({exc.strerror or exc})") from exc
        raise


def _export_csv(store: GraphStore, output: str) -> None:
    """`--format csv -o DIR`: plain CSV files in the folder DIR."""
    if os.path.isfile(output) or (output.lower().endswith(".csv") and not os.path.isdir(output)):
        raise ActornetError(
            f"{output}: --format csv writes a folder of CSV files ({', '.join(CSV_FILES)}); "
            "give a folder: -o DIR"
        )
    try:
        EXPORT_WRITERS["csv"](store, output)
    except OSError as exc:
        raise ActornetError(f"{output}: cannot write ({exc.strerror or exc})") from exc
    click.echo(f"wrote {', '.join(os.path.join(output, f) for f in CSV_FILES)}", err=True)


@click.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(sorted(WRITERS)),
    default="json",
    show_default=True,
    help="Output format.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write to FILE instead of stdout; with --format csv, into the folder DIR.",
)
@min_confidence_option
def export(db_path: str, fmt: str, output: str | None, min_confidence: float | None) -> None:
    """Export the whole network (actors, interactions with evidence, documents).

    --format csv -o DIR writes plain UTF-8 CSV files into the folder DIR (made if needed):
    actors.csv, interactions.csv (one row per link, with its first quote, document,
    start, end, cited source and confidence; the type is the column `relation`, as Gephi
    wants) and evidence.csv (one row per quote). Without -o, --format csv prints
    interactions.csv alone, as text. Denied claims are kept: filter on `status`.
    """
    if output and fmt != "csv" and os.path.isdir(output):
        raise ActornetError(f"{output}: is a folder; --format {fmt} writes one file")
    writer = WRITERS[fmt]
    with confident(open_sqlite(db_path, must_exist=True), min_confidence) as store:
        if output and fmt == "csv":
            _export_csv(store, output)
        elif output:
            _write_atomically(output, lambda out: writer(store, out))
        else:
            buffer = io.BytesIO()  # nothing reaches stdout unless the whole export succeeds
            writer(store, buffer)
            click.echo(buffer.getvalue(), nl=False)


COMMANDS: list[click.Command] = [actors, interactions, export]
