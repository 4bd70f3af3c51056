"""The report in the terminal: rich tables."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from actornet.report.build import Report
from actornet.report.sections import (
    SECTIONS,
    Table,
    activity_table,
    broker_table,
    change_tables,
    community_table,
    flag_count_table,
    flag_table,
    path_tables,
    summary_table,
    top_table,
)

__all__ = ["print_report", "render_text", "rich_table"]

_SEVERITY_STYLES = {"high": "bold red", "medium": "yellow", "low": "dim"}


def rich_table(table: Table, *, title: str = "", show_header: bool = True) -> RichTable:
    out = RichTable(
        title=title or None,
        caption=table.caption or None,
        box=box.SIMPLE_HEAD,
        show_header=show_header,
        title_justify="left",
        caption_justify="left",
    )
    for name in table.header:
        out.add_column(name, overflow="fold")
    for row in table.rows:
        style = _SEVERITY_STYLES.get(row[0], "") if table.header[:1] == ["Severity"] else ""
        out.add_row(*row, style=style)
    return out


def print_report(report: Report, console: Console) -> None:
    """Every section, in order, on `console`."""

    def heading(key: str) -> None:
        console.print()
        console.rule(Text(SECTIONS[key], style="bold"), align="left")

    heading("summary")
    console.print(rich_table(summary_table(report), show_header=False))
    for note in report.notes:
        console.print(f"note: {note}", style="dim")
    heading("top")
    console.print(rich_table(top_table(report)))
    heading("brokers")
    console.print(rich_table(broker_table(report)))
    heading("communities")
    console.print(rich_table(community_table(report)))
    heading("paths")
    if not report.paths:
        console.print("No path found.")
    for table in path_tables(report):
        console.print(rich_table(Table(table.header, table.rows), title=table.caption))
    if report.paths_total > len(report.paths):
        console.print(f"{report.paths_total} paths found; the strongest {len(report.paths)} kept.")
    heading("activity")
    console.print(rich_table(activity_table(report)))
    heading("changes")
    tables = change_tables(report)
    if not tables:
        console.print("A single period: nothing to compare.")
    for table in tables:
        console.print(rich_table(Table(table.header, table.rows), title=table.caption))
    heading("flags")
    console.print(rich_table(flag_count_table(report)))
    if report.flags.shown:
        console.print(rich_table(flag_table(report)))


def render_text(report: Report, *, width: int = 120, color: bool = False) -> str:
    """The report as text (for a file); ANSI colours only with `color`."""
    buf = io.StringIO()
    console = Console(
        file=buf, width=width, force_terminal=color, color_system="auto" if color else None
    )
    print_report(report, console)
    return buf.getvalue()
