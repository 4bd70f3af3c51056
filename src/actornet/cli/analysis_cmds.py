"""Analysis commands: report, plot, paths, centrality, brokers, communities, ego,
timeline, activity, flags. Each is a thin wrapper over `actornet.analysis` / `report`."""

from __future__ import annotations

import gc
import os
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.table import Table
from rich.text import Text

from actornet.cli.common import (
    db_option,
    json_option,
    min_confidence_option,
    open_source_store,
    print_json,
    source_option,
)
from actornet.errors import ActornetError

__all__ = ["COMMANDS"]

F = TypeVar("F", bound=Callable[..., Any])
_ISO = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank", "closeness")


def _iso(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not _ISO.match(value):
        raise click.BadParameter(f"{value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return value


def network_options(f: F) -> F:
    """--db, --source, --since, --until, --include-denied, --min-confidence: every command
    that builds the analysis network reads the same interactions as `report`."""
    for option in reversed(
        [
            db_option,
            source_option,
            click.option("--since", callback=_iso, metavar="DATE", help="From this date."),
            click.option("--until", callback=_iso, metavar="DATE", help="Up to this date."),
            click.option("--include-denied", is_flag=True, help="Keep denied claims (weight 0.1)."),
            min_confidence_option,
        ]
    ):
        f = option(f)
    return f


@contextmanager
def _store(source: str, db_path: str) -> Iterator[Any]:
    store = open_source_store(source, db_path)
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _shown(opts: dict[str, Any]) -> Iterator[Any]:
    """The store a command reads: judged, with only the interactions that pass
    --min-confidence."""
    from actornet.store.confident import confident

    with _store(opts["source"], opts["db_path"]) as store:
        yield confident(store, opts["min_confidence"])


def _graph(opts: dict[str, Any]) -> Any:
    from actornet.analysis.graph import graph_from_store

    with _shown(opts) as store:
        return graph_from_store(
            store,
            since=opts.get("since"),
            until=opts.get("until"),
            include_denied=opts.get("include_denied", False),
        )


def _console() -> Console:
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, width=160 if piped else None)


def _table(columns: list[str], rows: list[list[str]], caption: str = "") -> Table:
    table = Table(title=caption or None, title_justify="left")
    for c in columns:
        table.add_column(c, overflow="fold")
    for row in rows:
        table.add_row(*(Text(str(c)) for c in row))
    return table


def _one_actor(G: Any, spec: str) -> str:
    from actornet.analysis.sets import resolve_spec

    found = resolve_spec(G, spec)
    if len(found) != 1:
        raise ActornetError(f"'{spec}' names {len(found)} actors; give one actor")
    return next(iter(found))


def _write(path: str, text: str) -> None:
    from actornet.analysis.exports import atomic_write

    try:
        with atomic_write(path, "w") as fh:
            fh.write(text)
    except OSError as exc:
        raise ActornetError(f"{path}: cannot write ({exc.strerror or exc})") from exc


# -- report and plot ------------------------------------------------------------------


@click.command("report")
@network_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "md", "html", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write to FILE.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True, help="For sampling/Louvain.")
@click.option(
    "--timings",
    is_flag=True,
    help="Print each phase's seconds on stderr (with --format json, also a `timings` object).",
)
def report(fmt: str, output: str | None, top: int, seed: int, timings: bool, **opts: Any) -> None:
    """Summary, top actors, brokers, communities, Tehran-to-proxy paths, activity, flags.

    The analysis runs on the interactions that pass --min-confidence. The flags section
    counts the open flags by kind and lists the most severe; `actornet flags` lists all.
    """
    from actornet.report.build import build_report
    from actornet.report.timings import Timings

    clock = Timings() if timings else None
    with _shown(opts) as store, _collector_paused():
        result = build_report(
            store,
            since=opts["since"],
            until=opts["until"],
            include_denied=opts["include_denied"],
            top_n=top,
            seed=seed,
            timings=clock,
        )
        try:
            with clock.phase("render") if clock else nullcontext():
                _render_report(result, fmt, output, seed)
        finally:
            result.release()  # freed now by reference counting, not by the collector at exit
    if clock:
        for line in clock.lines():
            click.echo(f"timings: {line}", err=True)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (and restored after): a report's millions of
    objects live until it is rendered, and a collection walking them all while it renders
    took 0.7 s at 10^5 interactions (`build_report` pauses it while it builds)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _render_report(result: Any, fmt: str, output: str | None, seed: int) -> None:
    if fmt == "text" and not output:
        from actornet.report.text import print_report

        print_report(result, _console())
        return
    if fmt == "text":
        from actornet.report.text import render_text

        text = render_text(result)
    elif fmt == "md":
        from actornet.report.markdown import render_markdown

        text = render_markdown(result)
    elif fmt == "html":
        from actornet.report.html import render_html

        text = render_html(result, seed=seed)
    else:
        from actornet.report.json import render_json

        text = render_json(result)
    if output:
        _write(output, text)
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.command("plot")
@network_options
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False),
    help="FILE.png, FILE.svg or FILE.pdf.",
)
@click.option(
    "--layout",
    type=click.Choice(["forceatlas2", "spring", "kamada_kawai", "circular", "spectral"]),
    default="forceatlas2",
    show_default=True,
    help="forceatlas2 is Gephi's layout, as the report draws it.",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Layout seed.")
@click.option("--max-nodes", type=click.IntRange(min=2), default=250, show_default=True)
@click.option("--no-paths", is_flag=True, help="Do not highlight Tehran-to-proxy paths.")
def plot(output: str, layout: str, seed: int, max_nodes: int, no_paths: bool, **opts: Any) -> None:
    """Draw the network: colour by kind, proxies as red diamonds, Tehran paths in red."""
    from actornet.analysis.graph import collapse
    from actornet.analysis.paths import find_paths
    from actornet.analysis.sets import proxy_set, tehran_set
    from actornet.report.plot import draw_network, plot_data, save_figure

    if os.path.splitext(output)[1].lower() not in (".png", ".svg", ".pdf"):
        raise ActornetError(f"{output}: the picture must end in .png, .svg or .pdf")
    G = _graph(opts)
    H = collapse(G)
    tehran, proxies = tehran_set(G), proxy_set(G)
    paths = [] if no_paths else find_paths(G, tehran, proxies, H=H)
    data = plot_data(
        H,
        paths=paths,
        tehran=tehran,
        proxies=proxies,
        layout=layout,
        seed=seed,
        max_nodes=max_nodes,
    )
    try:
        save_figure(draw_network(data), output)
    except OSError as exc:
        raise ActornetError(f"{output}: cannot write ({exc.strerror or exc})") from exc
    click.echo(f"wrote {output} ({len(data.graph)} actors drawn)", err=True)


# -- paths ------------------------------------------------------------------------------


@click.command("paths")
@network_options
@click.option(
    "--from",
    "source_spec",
    default="Tehran",
    show_default=True,
    metavar="SPEC",
    help="Tehran, proxies, or actor names/ids, comma-separated.",
)
@click.option("--to", "target_spec", default="proxies", show_default=True, metavar="SPEC")
@click.option("--max-hops", type=click.IntRange(1, 8), default=4, show_default=True)
@click.option(
    "--k", type=click.IntRange(min=1), default=3, show_default=True, help="Paths per target."
)
@click.option(
    "--through-countries", is_flag=True, help="Let paths pass through countries (not places)."
)
@json_option
def paths(
    source_spec: str,
    target_spec: str,
    max_hops: int,
    k: int,
    through_countries: bool,
    as_json: bool,
    **opts: Any,
) -> None:
    """The strongest paths between two actor sets, hop by hop, with the quotes.

    Paths run over the interactions that pass --min-confidence.
    """
    from actornet.analysis.paths import find_paths, paths_to_dict
    from actornet.analysis.sets import resolve_spec

    G = _graph(opts)
    sources, targets = resolve_spec(G, source_spec), resolve_spec(G, target_spec)
    excluded = {"Place"} if through_countries else {"Place", "Country"}
    found = find_paths(
        G, sources, targets, max_hops=max_hops, k=k, interior_excluded_kinds=excluded
    )
    if as_json:
        print_json(paths_to_dict(found))
        return
    from actornet.report.listings import path_lines

    console = _console()
    for line, style in path_lines(found, max_hops):
        console.print(Text(line, style=style))


# -- listings -------------------------------------------------------------------------


def _show(
    data: dict[str, Any], as_json: bool, tables: Callable[[dict[str, Any]], list[Any]]
) -> None:
    if as_json:
        print_json(data)
        return
    console = _console()
    for t in tables(data):
        console.print(_table(t.header, t.rows, t.caption))


@click.command("centrality")
@network_options
@click.option(
    "--measure",
    "-m",
    "measures",
    multiple=True,
    type=click.Choice(MEASURES),
    help="Repeatable; default: all (with --period: pagerank).",
)
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option(
    "--period",
    type=click.Choice(["month", "quarter", "year"]),
    help="Per period, with who rose and who fell.",
)
@click.option("--seed", type=int, default=0, show_default=True)
@json_option
def centrality(
    measures: tuple[str, ...], top: int, period: str | None, seed: int, as_json: bool, **opts: Any
) -> None:
    """Who is central: degree, weighted degree, betweenness, PageRank, closeness."""
    from actornet.report import listings as ls

    G = _graph(opts)
    if period:
        data = ls.period_listing(G, period=period, measure=(measures or ("pagerank",))[0], n=top)
        _show(data, as_json, ls.period_tables)
    else:
        data = ls.centrality_listing(G, measures or MEASURES, n=top, seed=seed)
        _show(data, as_json, ls.centrality_tables)


@click.command("brokers")
@network_options
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--seed", type=int, default=0, show_default=True)
@json_option
def brokers(top: int, seed: int, as_json: bool, **opts: Any) -> None:
    """Actors on many paths for few links: betweenness / normalised degree."""
    from actornet.report import listings as ls

    _show(ls.broker_listing(_graph(opts), n=top, seed=seed), as_json, ls.broker_tables)


@click.command("communities")
@network_options
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--resolution", type=float, default=1.0, show_default=True)
@json_option
def communities(seed: int, resolution: float, as_json: bool, **opts: Any) -> None:
    """Groups of actors linked more among themselves (Louvain, seeded)."""
    from actornet.report import listings as ls

    data = ls.community_listing(_graph(opts), seed=seed, resolution=resolution)
    _show(data, as_json, ls.community_tables)


@click.command("ego")
@network_options
@click.argument("actor")
@click.option("--radius", type=click.IntRange(1, 5), default=2, show_default=True)
@json_option
def ego(actor: str, radius: int, as_json: bool, **opts: Any) -> None:
    """The actors within RADIUS links of ACTOR, and how they are linked."""
    from actornet.report import listings as ls

    G = _graph(opts)
    _show(ls.ego_listing(G, _one_actor(G, actor), radius=radius), as_json, ls.ego_tables)


# -- time and flags ---------------------------------------------------------------------


@click.command("timeline")
@network_options
@click.argument("actor")
@json_option
def timeline(actor: str, as_json: bool, **opts: Any) -> None:
    """Everything ACTOR did or had done to it, by date, with the quotes."""
    from actornet.report import listings as ls

    G = _graph(opts)
    _show(ls.timeline_listing(G, _one_actor(G, actor)), as_json, ls.timeline_tables)


@click.command("activity")
@network_options
@click.option(
    "--period", type=click.Choice(["month", "quarter", "year"]), default="month", show_default=True
)
@json_option
def activity(period: str, as_json: bool, **opts: Any) -> None:
    """Interactions per month (or quarter, year) and type."""
    from actornet.report import listings as ls

    _show(ls.activity_listing(_graph(opts), period=period), as_json, ls.activity_tables)


@click.command("flags")
@network_options
@click.option(
    "--severity", type=click.Choice(["high", "medium", "low"]), help="Only this severity or worse."
)
@click.option("--kind", "kinds", multiple=True, help="Only this kind (repeatable).")
@json_option
def flags(severity: str | None, kinds: tuple[str, ...], as_json: bool, **opts: Any) -> None:
    """Claims to check: contradictions, denied/unconfirmed, aliases, date conflicts, low
    confidence.

    Alias, contradiction and low-confidence flags show the `actornet judge` commands that
    would settle them; a settled flag is no longer listed. Low-confidence flags list the
    stored interactions under --min-confidence (most confident first), which the other
    commands leave out until they are confirmed; every other flag is about the
    interactions that pass it, as `report` shows them.
    """
    from actornet.analysis.dates import in_window
    from actornet.analysis.flags import SEVERITIES, flags_to_dict
    from actornet.analysis.flags import flags as find_flags
    from actornet.review import open_flags

    with _store(opts["source"], opts["db_path"]) as store:
        judged = store.interactions()
        interactions = [it for it in judged if in_window(it.date, opts["since"], opts["until"])]
        found = find_flags(
            store.actors(),
            interactions,
            store.documents(),
            min_confidence=opts["min_confidence"],
            confident_only=True,
        )
        found = open_flags(found, judged, store.network() if store.judgements() else None)
    if severity:
        found = [f for f in found if SEVERITIES.index(f.severity) <= SEVERITIES.index(severity)]
    if kinds:
        found = [f for f in found if f.kind in kinds]
    from actornet.report.listings import flag_tables

    _show(flags_to_dict(found), as_json, flag_tables)


COMMANDS: list[click.Command] = [
    report,
    plot,
    paths,
    centrality,
    brokers,
    communities,
    ego,
    timeline,
    activity,
    flags,
]
