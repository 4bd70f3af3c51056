"""The static network picture (PNG, SVG, PDF) with matplotlib.

Nodes are coloured by kind and sized by PageRank; proxies are red-outlined diamonds,
Tehran actors have a thick black outline, and the edges of the Tehran-to-proxy paths are
drawn thick and red. Large networks are cut to the `max_nodes` most central actors
(plus every actor on a highlighted path) so that the picture stays legible.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import networkx as nx
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from actornet.analysis.centrality import pagerank
from actornet.analysis.exports import atomic_write
from actornet.analysis.paths import Path

__all__ = [
    "KIND_COLOURS",
    "LAYOUTS",
    "Placement",
    "PlotData",
    "draw_network",
    "node_areas",
    "plot_data",
    "rank_score",
    "save_figure",
    "svg_markup",
]

KIND_COLOURS = {
    "Person": "#4C72B0",
    "Organization": "#DD8452",
    "Country": "#55A868",
    "Place": "#8172B3",
}
OTHER_COLOUR = "#9E9E9E"
PROXY_COLOUR = "#D62728"
PATH_COLOUR = "#D62728"
TEHRAN_COLOUR = "#111111"
LAYOUTS = ("forceatlas2", "spring", "kamada_kawai", "circular", "spectral")
FORMATS = ("png", "svg", "pdf")


@dataclass
class Placement:
    """Where the picture put each node and label, in points from the figure's top left.

    `draw_network` fills it so that the interactive view shows the same picture: the same
    positions, the same labels at the same places, with the same font size.
    """

    width: float
    height: float
    font_size: float
    nodes: dict[str, tuple[float, float]]
    labels: dict[str, tuple[float, float]]  # the centre of each label
    boxes: dict[str, tuple[float, float, float, float]]  # x0, y0, x1, y1 of each label


@dataclass
class PlotData:
    """What both the static picture and the interactive view draw."""

    graph: nx.Graph  # the collapsed subgraph drawn: linked actors only
    pos: dict[str, tuple[float, float]]
    scores: dict[str, float]
    path_edges: set[frozenset[str]] = field(default_factory=set)
    tehran: set[str] = field(default_factory=set)
    proxies: set[str] = field(default_factory=set)
    labelled: set[str] = field(default_factory=set)
    dropped: int = 0  # less central actors left out of the picture
    isolated: list[str] = field(default_factory=list)  # chosen actors with no link: listed
    placement: Placement | None = None  # set by draw_network


def _one_layout(H: nx.Graph, name: str, seed: int) -> dict[str, Any]:
    if len(H) < 3:
        return {v: (float(i), 0.0) for i, v in enumerate(sorted(H, key=str))}
    if name == "forceatlas2":
        # Gephi's defaults (scaling 2, gravity 1), unweighted: one strong link should not
        # pull a pair on top of each other
        return nx.forceatlas2_layout(H, max_iter=300, scaling_ratio=2.0, gravity=1.0, seed=seed)
    if name == "spring":
        k = 2.0 / math.sqrt(len(H))
        return nx.spring_layout(H, weight="weight", seed=seed, k=k, iterations=100)
    if name == "kamada_kawai":
        return nx.kamada_kawai_layout(H, weight="distance")
    if name == "circular":
        return nx.circular_layout(H)
    return nx.spectral_layout(H, weight="weight")


def _fit(pos: dict[str, Any], x0: float, y0: float, w: float, h: float) -> dict[str, Any]:
    """Scale positions into the box (x0, y0, w, h), keeping them centred."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    cx = x0 + w / 2 if max(xs) == min(xs) else None
    cy = y0 + h / 2 if max(ys) == min(ys) else None
    return {
        v: (
            cx if cx is not None else x0 + (x - min(xs)) / sx * w,
            cy if cy is not None else y0 + (y - min(ys)) / sy * h,
        )
        for v, (x, y) in pos.items()
    }


def _layout(H: nx.Graph, name: str, seed: int) -> dict[str, Any]:
    """The largest component fills the picture; smaller ones are packed in a band below it."""
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}; one of {', '.join(LAYOUTS)}")
    if len(H) == 0:
        return {}
    comps = sorted(
        (sorted(c, key=str) for c in nx.connected_components(H)), key=lambda c: (-len(c), c[0])
    )
    main, rest = comps[0], comps[1:]
    band = 0.0 if not rest else min(0.3, 0.1 * math.ceil(len(rest) / 8))
    # _canonical, not H.subgraph: a subgraph view iterates its node set in hash order
    pos = _fit(
        _one_layout(_canonical(H, main), name, seed), 0.0, band + 0.04, 1.0, 1.0 - band - 0.04
    )
    cols = min(8, len(rest)) or 1
    rows = math.ceil(len(rest) / cols) or 1
    for i, comp in enumerate(rest):
        r, c = divmod(i, cols)
        cell_w, cell_h = 1.0 / cols, band / rows
        box = (c * cell_w + 0.15 * cell_w, r * cell_h + 0.15 * cell_h, 0.7 * cell_w, 0.7 * cell_h)
        pos.update(_fit(_one_layout(_canonical(H, comp), name, seed), *box))
    return pos


def rank_score(scores: dict[str, float], v: str) -> float:
    """A score rounded for ranking: sums taken in another order (set order changes from
    one process to the next) differ in the last bits, and must not reorder equal actors."""
    return round(scores.get(v, 0.0), 9)


def _canonical(H: nx.Graph, keep: Iterable[str]) -> nx.Graph:
    """The subgraph on `keep` with nodes and edges in sorted order: the same store gives
    the same picture byte for byte, whatever order the store returned its records in."""
    keep = set(keep)
    sub = nx.Graph()
    sub.graph.update(H.graph)
    sub.add_nodes_from((v, H.nodes[v]) for v in sorted(keep, key=str))
    edges = ((u, v) if str(u) <= str(v) else (v, u) for u, v in H.subgraph(keep).edges())
    sub.add_edges_from(
        (u, v, H[u][v]) for u, v in sorted(edges, key=lambda e: (str(e[0]), str(e[1])))
    )
    return sub


def plot_data(
    H: nx.Graph,
    *,
    paths: Iterable[Path] = (),
    tehran: Iterable[str] = (),
    proxies: Iterable[str] | None = None,
    layout: str = "forceatlas2",
    seed: int = 0,
    max_nodes: int = 250,
    labels: int = 20,
    scores: dict[str, float] | None = None,
) -> PlotData:
    """Choose the actors to draw, lay them out and mark paths, Tehran and proxies.

    Actors with no link among those chosen are not drawn (`isolated` lists them). Labelled:
    every proxy, every actor on a path, and the `labels` most central actors.
    """
    scores = scores if scores is not None else pagerank(H)
    path_edges = {
        frozenset(pair) for p in paths for pair in zip(p.nodes, p.nodes[1:], strict=False)
    }
    on_paths = {v for pair in path_edges for v in pair}
    ranked = sorted(H, key=lambda v: (-rank_score(scores, v), str(v)))
    chosen = set(ranked[:max_nodes]) | on_paths
    proxies = set(proxies) if proxies is not None else {v for v, p in H.nodes(data="proxy") if p}
    chosen_graph = H.subgraph(chosen)
    isolated = sorted((v for v in chosen if chosen_graph.degree(v) == 0), key=lambda v: (
        str(H.nodes[v].get("name") or v).casefold(), str(v)))  # fmt: skip
    sub = _canonical(H, chosen - set(isolated))
    drawn = set(sub)
    labelled = {v for v in ranked if v in drawn}
    if len(sub) > 40:
        top = [v for v in ranked if v in drawn][:labels]
        labelled = set(top) | (proxies & drawn) | (on_paths & drawn)
    return PlotData(
        graph=sub,
        pos={v: (float(x), float(y)) for v, (x, y) in _layout(sub, layout, seed).items()},
        scores={v: scores.get(v, 0.0) for v in sub},
        path_edges=path_edges,
        tehran=set(tehran) & drawn,
        proxies=proxies & drawn,
        labelled=labelled,
        dropped=len(H) - len(chosen),
        isolated=isolated,
    )


def node_areas(data: PlotData, nodes: list[str]) -> list[float]:
    """Marker areas in points², by PageRank."""
    top = max(data.scores.values(), default=0.0) or 1.0
    return [30 + 420 * math.sqrt(data.scores.get(v, 0.0) / top) for v in nodes]


FONT_SIZE = 7.0
# labels readable over nodes and links (a path effect would turn the SVG text into glyphs)
HALO = {"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75}
DPI = 72  # figure pixels are points: the placement is read in points


def draw_network(data: PlotData, *, title: str | None = None, size: float = 11.0) -> Figure:
    """A matplotlib Figure (not attached to pyplot) of the network.

    Labels are moved apart with adjustText (fixed iteration count, seeded: the same data
    gives the same picture) and kept inside the axes; `data.placement` records where
    every node and label ended up.
    """
    fig = Figure(figsize=(size, size * 0.72), layout="constrained", dpi=DPI)
    FigureCanvasAgg(fig)  # a renderer to measure the labels with
    ax = fig.add_subplot()
    ax.set_axis_off()
    G, pos = data.graph, data.pos
    plain = [(u, v) for u, v in G.edges() if frozenset((u, v)) not in data.path_edges]
    marked = [(u, v) for u, v in G.edges() if frozenset((u, v)) in data.path_edges]
    widths = [0.4 + 0.8 * math.log1p(G[u][v]["weight"]) for u, v in plain]
    nx.draw_networkx_edges(G, pos, edgelist=plain, ax=ax, width=widths, edge_color="#B0B0B0",
                           alpha=0.6)  # fmt: skip
    nx.draw_networkx_edges(G, pos, edgelist=marked, ax=ax, width=2.8, edge_color=PATH_COLOUR)
    collections = []
    for shape, group in (
        ("o", [v for v in G if v not in data.proxies]),
        ("D", [v for v in G if v in data.proxies]),
    ):
        if not group:
            continue
        outline = [
            PROXY_COLOUR if v in data.proxies else TEHRAN_COLOUR if v in data.tehran else "white"
            for v in group
        ]
        colours = [KIND_COLOURS.get(G.nodes[v].get("kind") or "", OTHER_COLOUR) for v in group]
        collections.append(nx.draw_networkx_nodes(
            G, pos, nodelist=group, ax=ax, node_shape=shape, node_size=node_areas(data, group),
            node_color=colours, edgecolors=outline,
            linewidths=[2.5 if v in data.proxies or v in data.tehran else 0.8 for v in group],
        ))  # fmt: skip
    if pos:
        xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
        pad_x, pad_y = 0.04 * ((max(xs) - min(xs)) or 1.0), 0.04 * ((max(ys) - min(ys)) or 1.0)
        ax.set_xlim(min(xs) - pad_x, max(xs) + pad_x)
        ax.set_ylim(min(ys) - pad_y, max(ys) + pad_y)
    handles = [
        Line2D([], [], marker="o", ls="", color=c, markersize=8, label=k)
        for k, c in KIND_COLOURS.items()
    ]
    handles += [
        Line2D([], [], marker="D", ls="", mfc="white", mec=PROXY_COLOUR, mew=2, label="proxy"),
        Line2D([], [], marker="o", ls="", mfc="white", mec=TEHRAN_COLOUR, mew=2, label="Tehran"),
        Line2D([], [], color=PATH_COLOUR, lw=2.8, label="Tehran-to-proxy path"),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles), fontsize=7,
               frameon=False)  # fmt: skip
    notes = []
    if data.dropped:
        notes.append(f"{data.dropped} less central actors not drawn")
    if data.isolated:
        notes.append(f"{len(data.isolated)} actors with no link listed apart")
    note = f" ({'; '.join(notes)})" if notes else ""
    ax.set_title((title or "Actor network") + note, fontsize=10)
    order = sorted(data.labelled & set(G), key=lambda v: (-rank_score(data.scores, v), str(v)))
    texts = [
        ax.text(*pos[v], str(G.nodes[v].get("name") or v), fontsize=FONT_SIZE, ha="center",
                va="center", bbox=HALO)
        for v in order
    ]  # fmt: skip
    if texts:
        fig.canvas.draw()  # the final axes size, before the labels are moved
        from adjustText import adjust_text

        adjust_text(
            texts, ax=ax,  # avoid_self: the labelled nodes stay uncovered
            iter_lim=200, expand=(1.15, 1.4), ensure_inside_axes=True,
            arrowprops={"arrowstyle": "-", "color": "#777777", "lw": 0.5},
        )  # fmt: skip
    data.placement = _placement(fig, ax, data, dict(zip(order, texts, strict=True)))
    return fig


def _placement(fig: Figure, ax: Any, data: PlotData, texts: dict[str, Any]) -> Placement:
    renderer = fig.canvas.get_renderer()
    fig.canvas.draw()
    scale = 72.0 / fig.dpi
    height = fig.bbox.height * scale

    def point(x: float, y: float) -> tuple[float, float]:
        return round(x * scale, 1), round(height - y * scale, 1)

    nodes = {v: point(*ax.transData.transform(data.pos[v])) for v in data.graph}
    labels, boxes = {}, {}
    for v, t in texts.items():
        bb = t.get_window_extent(renderer)
        x0, y1 = point(bb.x0, bb.y0)
        x1, y0 = point(bb.x1, bb.y1)
        boxes[v] = (x0, y0, x1, y1)
        labels[v] = (round((x0 + x1) / 2, 1), round((y0 + y1) / 2, 1))
    return Placement(
        width=round(fig.bbox.width * scale, 1), height=round(height, 1), font_size=FONT_SIZE,
        nodes=nodes, labels=labels, boxes=boxes,
    )  # fmt: skip


def save_figure(fig: Figure, path: str | FsPath, *, dpi: int = 150) -> None:
    """Write PNG, SVG or PDF (by suffix) through a temporary file."""
    fmt = FsPath(path).suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path}: the picture must end in .png, .svg or .pdf")
    with atomic_write(path) as fh:
        fig.savefig(fh, format=fmt, dpi=dpi, metadata=_metadata(fmt))


def _metadata(fmt: str) -> dict[str, Any]:
    if fmt == "svg":
        return {"Creator": None, "Date": None, "Format": None, "Type": None}
    if fmt == "png":
        return {"Software": None}
    return {"Creator": None, "Producer": None, "CreationDate": None}


def svg_markup(fig: Figure) -> str:
    """The figure as inline SVG markup: no XML prologue, doctype, comments or links."""
    import matplotlib

    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": "actornet", "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata=_metadata("svg"))
    text = buf.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"<metadata>.*?</metadata>", "", text, flags=re.S)
    return text.strip()
