"""The report as ONE self-contained HTML file: it works offline and links nowhere.

It holds every section as tables, the static network picture as inline SVG and the
interactive view (`viewer`) with its data and script embedded.
"""

from __future__ import annotations

import html

from actornet.report.build import Report
from actornet.report.plot import draw_network, plot_data, svg_markup
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
from actornet.report.viewer import VIEWER_CSS, viewer_markup

__all__ = ["render_html"]

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;
padding:0 16px 48px;color:#222;line-height:1.4}
nav{position:sticky;top:0;background:#fff;padding:8px 0;border-bottom:1px solid #ddd;font-size:14px}
nav a{margin-right:12px;color:#1f5fa8;text-decoration:none}
table{border-collapse:collapse;margin:8px 0 16px;font-size:13px}
th,td{border-bottom:1px solid #e2e2e2;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}
caption{caption-side:bottom;text-align:left;color:#666;font-size:12px;padding-top:4px}
.sev-high td:first-child{color:#b00020;font-weight:bold}.sev-medium td:first-child{color:#a66300}
figure{margin:0}figure svg{max-width:100%;height:auto}
.an-isolated ul{columns:3 220px;font-size:13px}
.bar{color:#4C72B0;font-family:monospace}
h3{font-size:15px;margin:16px 0 4px}
"""


def _table(table: Table, *, caption: bool = True) -> str:
    head = ""
    if any(table.header):
        head = "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in table.header)
        head += "</tr></thead>"
    rows = []
    for row in table.rows:
        cls = f' class="sev-{html.escape(row[0])}"' if table.header[:1] == ["Severity"] else ""
        cells = "".join(f"<td>{html.escape(c)}</td>" for c in row)
        rows.append(f"<tr{cls}>{cells}</tr>")
    cap = f"<caption>{html.escape(table.caption)}</caption>" if caption and table.caption else ""
    return f"<table>{cap}{head}<tbody>{''.join(rows)}</tbody></table>"


def _section(key: str, *parts: str) -> str:
    return f'<section id="{key}"><h2>{html.escape(SECTIONS[key])}</h2>{"".join(parts)}</section>'


def _network(report: Report, *, layout: str, seed: int, max_nodes: int) -> str:
    data = plot_data(
        report.collapsed,
        paths=report.paths,
        tehran=report.tehran,
        proxies=report.proxies,
        layout=layout,
        seed=seed,
        max_nodes=max_nodes,
        scores=report.scores.get("pagerank"),
    )
    figure = svg_markup(draw_network(data, title="Actor network"))
    return (
        '<section id="network"><h2>Network</h2>'
        "<p>Colour: kind of actor; size: PageRank; red diamonds: proxies; black outline: "
        "Tehran; red links: the Tehran-to-proxy paths below. Layout: ForceAtlas2.</p>"
        f"<figure>{figure}</figure>{_isolated(report, data.isolated)}"
        "<h3>Interactive view</h3>"
        f"{viewer_markup(data, report.graph)}</section>"
    )


def _isolated(report: Report, isolated: list[str]) -> str:
    """The actors with no link in the drawn network: a list, not a grid of dots."""
    if not isolated:
        return ""
    items = "".join(
        f"<li>{html.escape(report.name(v))} <small>({html.escape(str(k or ''))})</small></li>"
        for v in isolated
        for k in [report.collapsed.nodes[v].get("kind")]
    )
    return (
        f'<details class="an-isolated"><summary>{len(isolated)} actors with no link in this '
        f"network (not drawn)</summary><ul>{items}</ul></details>"
    )


def render_html(
    report: Report,
    *,
    title: str = "Actor network report",
    layout: str = "forceatlas2",
    seed: int = 0,
    max_nodes: int = 250,
) -> str:
    """The whole report as a standalone HTML page."""
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in report.notes)
    paths = [
        f"<h3>{html.escape(t.caption)}</h3>" + _table(t, caption=False) for t in path_tables(report)
    ]
    if report.paths_total > len(report.paths):
        paths.append(
            f"<p>{report.paths_total} paths found; the strongest {len(report.paths)} kept.</p>"
        )
    changes = [f"<h3>{html.escape(t.caption)}</h3>" + _table(t, caption=False)
               for t in change_tables(report)]  # fmt: skip
    activity = _table(activity_table(report)).replace("<td>█", '<td class="bar">█')
    body = [
        _section("summary", _table(summary_table(report)), f"<ul>{notes}</ul>" if notes else ""),
        _network(report, layout=layout, seed=seed, max_nodes=max_nodes),
        _section("top", _table(top_table(report))),
        _section("brokers", _table(broker_table(report))),
        _section("communities", _table(community_table(report))),
        _section("paths", *(paths or ["<p>No path found.</p>"])),
        _section("activity", activity),
        _section("changes", *(changes or ["<p>A single period: nothing to compare.</p>"])),
        _section(
            "flags",
            _table(flag_count_table(report)),
            _table(flag_table(report)) if report.flags.shown else "",
        ),
    ]
    links = [("summary", "Summary"), ("network", "Network")]
    links += [(k, v) for k, v in SECTIONS.items() if k != "summary"]
    nav = "".join(f'<a href="#{k}">{html.escape(v)}</a>' for k, v in links)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title><style>{CSS}{VIEWER_CSS}</style></head>"
        f"<body><h1>{html.escape(title)}</h1><nav>{nav}</nav>{''.join(body)}</body></html>\n"
    )
