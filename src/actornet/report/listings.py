"""What the analysis commands print: a JSON-ready dict per command, and its tables.

Each `*_listing` function runs the analysis and returns the command's `--json` output;
each `*_tables` function turns that dict into `Table`s for the terminal.
"""

from __future__ import annotations

from typing import Any

import networkx as nx

from actornet.analysis.centrality import (
    betweenness,
    betweenness_closeness,
    brokers,
    centrality,
    ego_network,
    pagerank,
    top,
)
from actornet.analysis.communities import community_members, louvain
from actornet.analysis.graph import collapse
from actornet.analysis.paths import Path, hops_text
from actornet.analysis.timeline import (
    activity,
    centrality_by_period,
    changes,
    period_coverage,
    timeline,
)
from actornet.report.sections import Table, alternative_lines, coverage_text, hop_line

__all__ = [
    "MEASURES",
    "activity_listing",
    "activity_tables",
    "broker_listing",
    "broker_tables",
    "centrality_listing",
    "centrality_tables",
    "community_listing",
    "community_tables",
    "ego_listing",
    "ego_tables",
    "flag_tables",
    "path_lines",
    "period_listing",
    "period_tables",
    "timeline_listing",
    "timeline_tables",
]

MEASURES = ("degree", "weighted_degree", "betweenness", "pagerank", "closeness")


def _fmt(x: float) -> str:
    return f"{x:.0f}" if float(x).is_integer() else f"{x:.4f}"


def _name(G: nx.Graph, v: str) -> str:
    return G.nodes[v].get("name") or v if v in G else v


def _ranked(G: nx.Graph, scores: dict[str, float], n: int) -> list[dict[str, Any]]:
    return [
        {"id": v, "name": _name(G, v), "kind": G.nodes[v].get("kind"), "score": round(s, 6)}
        for v, s in top(scores, n)
    ]


def centrality_listing(
    G: nx.MultiDiGraph, measures: tuple[str, ...] = MEASURES, *, n: int = 10, seed: int = 0
) -> dict[str, Any]:
    """``{"centrality": {measure: [{id, name, kind, score}]}}``, top `n` per measure."""
    H = collapse(G)
    scores: dict[str, dict[str, float]] = {}
    if "betweenness" in measures or "closeness" in measures:
        scores["betweenness"], scores["closeness"] = betweenness_closeness(H, seed=seed)
    for m in measures:
        if m not in scores:
            scores[m] = centrality(H, m)
    return {"centrality": {m: _ranked(H, scores[m], n) for m in measures}}


def centrality_tables(data: dict[str, Any]) -> list[Table]:
    cols = data["centrality"]
    depth = max((len(v) for v in cols.values()), default=0)
    rows = [
        [str(i + 1)]
        + [f"{c[i]['name']} ({_fmt(c[i]['score'])})" if i < len(c) else "" for c in cols.values()]
        for i in range(depth)
    ]
    return [Table(["#", *cols], rows)]


def period_listing(
    G: nx.MultiDiGraph, *, period: str, measure: str = "pagerank", n: int = 10
) -> dict[str, Any]:
    """Top actors per period, each period's coverage (reports, interactions) and, between
    consecutive periods, who rose and who fell among the actors seen in both (shares of
    each period's total) and who was seen in only one (`analysis.timeline.changes`)."""
    by = centrality_by_period(G, period=period, measure=measure)
    coverage = period_coverage(G, period=period)
    moves = []
    for c in changes(by, n=n, coverage=coverage):
        row = c.to_dict()
        for r in row["risers"] + row["fallers"] + row["new"] + row["unseen"]:
            r["name"] = _name(G, r["id"])
        moves.append(row)
    return {
        "measure": measure,
        "period": period,
        "periods": {p: _ranked(G, s, n) for p, s in by.items()},
        "coverage": {p: coverage.get(p) for p in by},
        "changes": moves,
    }


def period_tables(data: dict[str, Any]) -> list[Table]:
    coverage = data.get("coverage") or {}
    out = [
        Table(
            ["#", "Actor", data["measure"]],
            [[str(i), r["name"], _fmt(r["score"])] for i, r in enumerate(rows, 1)],
            coverage_text(p, coverage.get(p)),
        )
        for p, rows in data["periods"].items()
    ]
    for c in data["changes"]:
        before = coverage_text(c["before"], c.get("before_coverage"))
        after = coverage_text(c["after"], c.get("after_coverage"))
        caption = (
            f"{before} -> {after}; shares of each period's {data['measure']}, rise and fall "
            f"among the {c['compared']} actors with interactions in both"
        )
        rows = [["rose", r["name"], f"{r['change']:+.4f}"] for r in c["risers"]]
        rows += [["fell", r["name"], f"{r['change']:+.4f}"] for r in c["fallers"]]
        rows += [[f"only in {c['after']}", r["name"], f"{r['after']:.4f}"] for r in c["new"]]
        rows += [[f"only in {c['before']}", r["name"], f"{r['before']:.4f}"] for r in c["unseen"]]
        out.append(Table(["", "Actor", "Change in share"], rows, caption))
    return out


def broker_listing(G: nx.MultiDiGraph, *, n: int = 10, seed: int = 0) -> dict[str, Any]:
    """``{"brokers": [{id, name, kind, score, degree, betweenness}]}``."""
    H = collapse(G)
    b = betweenness(H, seed=seed)
    rows = _ranked(H, brokers(H, scores=b), n)
    for r in rows:
        r.update(degree=H.degree[r["id"]], betweenness=round(b[r["id"]], 6))
    return {"brokers": rows}


def broker_tables(data: dict[str, Any]) -> list[Table]:
    rows = [
        [
            str(i),
            r["name"],
            r["kind"] or "",
            _fmt(r["score"]),
            str(r["degree"]),
            _fmt(r["betweenness"]),
        ]
        for i, r in enumerate(data["brokers"], 1)
    ]
    header = ["#", "Actor", "Kind", "Broker score", "Degree", "Betweenness"]
    return [Table(header, rows, "broker score = betweenness / (degree / (n - 1))")]


def community_listing(
    G: nx.MultiDiGraph, *, seed: int = 0, resolution: float = 1.0
) -> dict[str, Any]:
    """``{"communities": [{index, size, members: [{id, name}]}]}``, most central first."""
    H = collapse(G)
    groups = community_members(louvain(H, seed=seed, resolution=resolution), pagerank(H))
    return {
        "communities": [
            {"index": i, "size": len(m), "members": [{"id": v, "name": _name(H, v)} for v in m]}
            for i, m in enumerate(groups)
        ]
    }


def community_tables(data: dict[str, Any]) -> list[Table]:
    rows = [
        [str(c["index"] + 1), str(c["size"]), ", ".join(m["name"] for m in c["members"][:12])]
        for c in data["communities"]
    ]
    return [Table(["#", "Size", "Members (most central first)"], rows)]


def ego_listing(G: nx.MultiDiGraph, actor_id: str, *, radius: int = 2) -> dict[str, Any]:
    """The actors within `radius` links of `actor_id` (with `hops`) and their links."""
    E = ego_network(collapse(G), actor_id, radius=radius)
    nodes = sorted(
        (
            {"id": v, "name": _name(E, v), "kind": d.get("kind"), "hops": d["hops"]}
            for v, d in E.nodes(data=True)
        ),
        key=lambda r: (r["hops"], r["name"]),
    )
    edges = [
        {
            "source": u,
            "target": v,
            "weight": round(d["weight"], 6),
            "types": d["types"],
            "interactions": d["interactions"],
        }
        for u, v, d in E.edges(data=True)
    ]
    actor = {"id": actor_id, "name": _name(E, actor_id)}
    return {"actor": actor, "radius": radius, "nodes": nodes, "edges": edges}


def ego_tables(data: dict[str, Any]) -> list[Table]:
    me = data["actor"]["id"]
    direct = {}
    for e in data["edges"]:
        if me in (e["source"], e["target"]):
            direct[e["target"] if e["source"] == me else e["source"]] = e
    rows = []
    for r in data["nodes"]:
        if r["id"] == me:
            continue
        link = direct.get(r["id"])
        rows.append(
            [
                str(r["hops"]),
                r["name"],
                r["kind"] or "",
                ", ".join(link["types"]) if link else "",
                _fmt(link["weight"]) if link else "",
            ]
        )
    caption = f"{data['actor']['name']}: {len(rows)} actors within {hops_text(data['radius'])}"
    return [Table(["Hops", "Actor", "Kind", "Direct link", "Weight"], rows, caption)]


def timeline_listing(G: nx.MultiDiGraph, actor_id: str) -> dict[str, Any]:
    """``{"actor": {id, name}, "events": [...]}``, by date."""
    events = [e.to_dict() for e in timeline(G, actor_id)]
    return {"actor": {"id": actor_id, "name": _name(G, actor_id)}, "events": events}


def timeline_tables(data: dict[str, Any]) -> list[Table]:
    rows = [
        [
            e["date"] or "",
            e["type"],
            e["status"],
            ("-> " if e["direction"] == "out" else "<- ") + e["other"]["name"],
            f"“{e['evidence'][0]['quote']}”" if e["evidence"] else "",
            ", ".join(e["cited_sources"]),
            ", ".join(e["documents"]),
        ]
        for e in data["events"]
    ]
    caption = f"{data['actor']['name']}: {len(rows)} events"
    header = ["Date", "Type", "Status", "With", "Quote", "Reported by", "Documents"]
    return [Table(header, rows, caption)]


def activity_listing(G: nx.MultiDiGraph, *, period: str = "month") -> dict[str, Any]:
    """``{"period": ..., "activity": {period: {type: count}}}``."""
    return {"period": period, "activity": activity(G, period=period)}


def activity_tables(data: dict[str, Any]) -> list[Table]:
    counts = data["activity"]
    types = sorted({t for c in counts.values() for t in c})
    rows = [
        [p, str(sum(c.values())), *(str(c.get(t, 0)) for t in types)] for p, c in counts.items()
    ]
    return [Table([data["period"].capitalize(), "Total", *types], rows)]


def path_lines(paths: list[Path], max_hops: int) -> list[tuple[str, str]]:
    """(line, rich style) for `actornet paths`: each path, its hops, their first quotes."""
    if not paths:
        return [(f"No path of at most {hops_text(max_hops)}.", "")]
    out = []
    for i, p in enumerate(paths, 1):
        head = f"{i}. {p.source.name} -> {p.target.name}  (strength {p.strength:.3f}, "
        out.append((head + f"{hops_text(len(p.hops))})", "bold"))
        for h in p.hops:
            out.append(("   " + hop_line(h), ""))
            out += [
                (f"      “{e.quote}” [{e.document} {e.start}-{e.end}]", "italic")
                for e in h.evidence[:2]
            ]
        out += [("   " + line, "dim") for line in alternative_lines(p)]
    return out


def flag_tables(data: dict[str, Any]) -> list[Table]:
    rows = [
        [
            f["severity"],
            f["kind"],
            "\n".join(
                [
                    f["detail"],
                    *([f"why: {f['reason']}"] if f.get("reason") else []),
                    *(f"settle: {c}" for c in f.get("settle", [])),
                ]
            ),
            f"“{f['evidence'][0]['quote']}” [{f['evidence'][0]['document']}]"
            if f["evidence"]
            else "",
        ]
        for f in data["flags"]
    ]
    return [Table(["Severity", "Kind", "Detail", "Evidence"], rows, f"{len(rows)} flags")]
