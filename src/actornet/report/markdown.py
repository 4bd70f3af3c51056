"""The report as Markdown (GitHub-flavoured tables)."""

from __future__ import annotations

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

__all__ = ["markdown_table", "render_markdown"]


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(table: Table) -> str:
    header = table.header if any(table.header) else ["", ""]
    lines = [
        "| " + " | ".join(_cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in table.rows]
    if table.caption:
        lines += ["", f"_{_cell(table.caption)}_"]
    return "\n".join(lines)


def render_markdown(report: Report, *, title: str = "Actor network report") -> str:
    parts = [f"# {title}"]

    def section(key: str, *blocks: str) -> None:
        parts.append(f"## {SECTIONS[key]}")
        parts.extend(b for b in blocks if b)

    notes = "\n".join(f"- {n}" for n in report.notes)
    section("summary", markdown_table(summary_table(report)), notes)
    section("top", markdown_table(top_table(report)))
    section("brokers", markdown_table(broker_table(report)))
    section("communities", markdown_table(community_table(report)))
    blocks = [
        f"### {t.caption}\n\n" + markdown_table(Table(t.header, t.rows))
        for t in path_tables(report)
    ]
    if report.paths_total > len(report.paths):
        blocks.append(f"{report.paths_total} paths found; the strongest {len(report.paths)} kept.")
    section("paths", *(blocks or ["No path found."]))
    section("activity", markdown_table(activity_table(report)))
    changes = [
        f"### {t.caption}\n\n" + markdown_table(Table(t.header, t.rows))
        for t in change_tables(report)
    ]
    section("changes", *(changes or ["A single period: nothing to compare."]))
    shown = [markdown_table(flag_table(report))] if report.flags.shown else []
    section("flags", markdown_table(flag_count_table(report)), *shown)
    return "\n\n".join(parts) + "\n"
