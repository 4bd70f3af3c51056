"""A small, self-contained interactive network view (vanilla JavaScript and SVG).

No library and no network access: the data and the script are embedded in the page. It
draws the static picture's layout, with its labels where adjustText put them (so the first
view has the same non-overlapping labels); unlabelled actors are named on hover. A legend
says what colour and shape mean. Drag to pan, scroll to zoom, click an actor to see its
interactions with their quotes, the actors it is linked to, and its roles and memberships
(no quotes: standing relations are not reported acts); search by name; show only the
Tehran-to-proxy paths.
"""

from __future__ import annotations

import json
import math
from typing import Any

import networkx as nx

from actornet.export import confidence_text
from actornet.report.plot import (
    KIND_COLOURS,
    OTHER_COLOUR,
    PlotData,
    draw_network,
    node_areas,
    rank_score,
)

__all__ = ["LEGEND", "VIEWER_CSS", "view_data", "viewer_markup"]

MAX_EVIDENCE = 3

VIEWER_CSS = """
.an-viewer{border:1px solid #ccc;border-radius:6px;display:flex;flex-wrap:wrap;gap:0}
.an-viewer .an-bar{flex-basis:100%;padding:6px;border-bottom:1px solid #ddd;display:flex;gap:12px;
flex-wrap:wrap;align-items:center}
.an-viewer svg{flex:3 1 600px;height:600px;cursor:grab;background:#fcfcfc}
.an-viewer svg text{font-family:"DejaVu Sans",Verdana,sans-serif;paint-order:stroke;
stroke:#fff;stroke-width:2.5px;stroke-linejoin:round}
.an-viewer .an-panel{flex:1 1 260px;max-height:600px;overflow:auto;padding:8px;font-size:13px}
.an-viewer .an-panel h4{margin:10px 0 4px;font-size:13px}
.an-viewer .an-panel li{margin-bottom:6px}
.an-viewer .an-quote{color:#444;font-style:italic;display:block}
.an-viewer .an-doc{color:#777;font-size:12px}
.an-legend{flex-basis:100%;display:flex;flex-wrap:wrap;gap:14px;padding:4px 6px;font-size:12px;
border-bottom:1px solid #eee;align-items:center}
.an-legend span{display:inline-flex;align-items:center;gap:5px}
.an-legend i{display:inline-block;width:11px;height:11px;border-radius:50%}
.an-legend i.an-proxy{border-radius:0;transform:rotate(45deg);width:9px;height:9px;
border:2px solid #D62728;background:#fff}
.an-legend i.an-tehran{border:2.5px solid #111;background:#fff;width:8px;height:8px}
.an-legend i.an-path{border-radius:0;width:22px;height:3px;background:#D62728}
"""

_SCRIPT = r"""
(function () {
  const root = document.getElementById(ROOT_ID);
  const data = JSON.parse(root.querySelector("script[type='application/json']").textContent);
  const svg = root.querySelector("svg"), panel = root.querySelector(".an-panel");
  const NS = "http://www.w3.org/2000/svg";
  let view = {x: 0, y: 0, w: data.width, h: data.height};
  const setView = () => svg.setAttribute("viewBox", `${view.x} ${view.y} ${view.w} ${view.h}`);
  const make = (tag, attrs, parent) => {
    const el = document.createElementNS(NS, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    parent.appendChild(el);
    return el;
  };
  const gEdges = make("g", {}, svg), gNodes = make("g", {}, svg), gLabels = make("g", {}, svg);
  const links = data.nodes.map(() => []);
  const edgeEls = data.edges.map((e, i) => {
    const a = data.nodes[e.s], b = data.nodes[e.t];
    links[e.s].push(i); links[e.t].push(i);
    return make("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y,
      stroke: e.path ? "#D62728" : "#b0b0b0", "stroke-width": e.path ? 2.8 : e.width,
      "stroke-opacity": e.path ? 0.9 : 0.6}, gEdges);
  });
  const labelEls = [];
  const nodeEls = data.nodes.map((n, i) => {
    const g = make("g", {transform: `translate(${n.x},${n.y})`, cursor: "pointer"}, gNodes);
    const stroke = n.proxy ? "#D62728" : n.tehran ? "#111" : "#fff";
    const sw = n.proxy || n.tehran ? 2.5 : 0.8;
    if (n.proxy) make("rect", {x: -n.r * 0.8, y: -n.r * 0.8, width: 1.6 * n.r,
      height: 1.6 * n.r, transform: "rotate(45)", fill: n.color, stroke: stroke,
      "stroke-width": sw}, g);
    else make("circle", {r: n.r, fill: n.color, stroke: stroke, "stroke-width": sw}, g);
    make("title", {}, g).textContent = `${n.name} (${n.kind})`;
    if (n.label) {
      const lg = make("g", {}, gLabels);
      const [lx, ly] = n.label;
      if (Math.hypot(lx - n.x, ly - n.y) > n.r + 6)
        make("line", {x1: n.x, y1: n.y, x2: lx, y2: ly, stroke: "#777", "stroke-width": 0.5}, lg);
      make("text", {x: lx, y: ly, "text-anchor": "middle", "dominant-baseline": "central",
        "font-size": data.fontSize}, lg).textContent = n.name;
      labelEls[i] = lg;
    }
    g.addEventListener("click", (ev) => { ev.stopPropagation(); select(i); });
    return g;
  });
  const gNames = make("g", {}, svg);  // a clicked actor's unlabelled neighbours, named
  function name(ids) {
    gNames.replaceChildren();
    ids.forEach((i) => {
      const n = data.nodes[i];
      if (labelEls[i]) return;
      make("text", {x: n.x, y: n.y - n.r - 2, "text-anchor": "middle",
        "font-size": data.fontSize}, gNames).textContent = n.name;
    });
  }
  function fade(keepNodes, keepEdges) {
    name(keepNodes ? [...keepNodes] : []);
    const op = (i) => (!keepNodes || keepNodes.has(i) ? 1 : 0.12);
    nodeEls.forEach((el, i) => el.setAttribute("opacity", op(i)));
    labelEls.forEach((el, i) => { if (el) el.setAttribute("opacity", op(i)); });
    edgeEls.forEach((el, i) =>
      el.setAttribute("display", !keepEdges || keepEdges.has(i) ? "" : "none"));
  }
  function add(parent, tag, text, cls) {
    const el = document.createElement(tag);
    if (text) el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  const byDate = (a, b) => (a.date || "~").localeCompare(b.date || "~")
    || a.type.localeCompare(b.type) || a.from.localeCompare(b.from);
  function select(i) {
    const n = data.nodes[i], keepN = new Set([i]), keepE = new Set(links[i]);
    links[i].forEach((k) => { keepN.add(data.edges[k].s); keepN.add(data.edges[k].t); });
    fade(keepN, keepE);
    panel.replaceChildren();
    add(panel, "h3", n.name);
    add(panel, "p", [n.kind, n.proxy ? "proxy" : "", n.tehran ? "Tehran" : "", n.id]
      .filter(Boolean).join(" · "));
    const mine = links[i].map((k) => data.edges[k]).sort((a, b) => b.w - a.w);
    const facts = mine.flatMap((e) => e.facts).sort(byDate);
    const roles = mine.flatMap((e) => e.roles).sort(byDate);
    add(panel, "h4", `Interactions (${facts.length})`);
    const ul = add(panel, "ul", "", "an-facts");
    if (!facts.length) add(ul, "li", "none in this network");
    facts.forEach((x) => {
      const li = add(ul, "li", "");
      add(li, "span", [x.date || "undated", `${x.from} ${x.type} ${x.to}`, x.status,
        x.conf ? `confidence ${x.conf}` : ""].filter(Boolean).join(" · "));
      if (x.quote) add(li, "span", `“${x.quote}”`, "an-quote");
      if (x.doc) add(li, "span", x.doc, "an-doc");
    });
    const names = mine.map((e) => data.nodes[e.s === i ? e.t : e.s].name);
    add(panel, "h4", `Linked to (${names.length})`);
    add(panel, "p", names.join(", "), "an-neighbours");
    if (roles.length) {
      add(panel, "h4", `Roles and memberships (${roles.length})`);
      const rl = add(panel, "ul", "", "an-roles");
      roles.forEach((x) => add(rl, "li", `${x.from} ${x.type} ${x.to}`
        + (x.title ? ` (${x.title})` : "")
        + (x.date || x.end ? `, ${x.date || "?"} to ${x.end || "?"}` : "")));
    }
  }
  function reset() {
    fade(null, null);
    panel.textContent = "Click an actor to see its interactions, with their quotes, "
      + "and the actors it is linked to.";
  }
  let drag = null, moved = false;
  svg.addEventListener("click", () => { if (!moved) reset(); });
  svg.addEventListener("mousedown", (ev) => {
    moved = false;
    drag = {x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y};
  });
  window.addEventListener("mouseup", () => { drag = null; });
  svg.addEventListener("mousemove", (ev) => {
    if (!drag) return;
    moved = true;
    const s = view.w / svg.clientWidth;
    view.x = drag.vx - (ev.clientX - drag.x) * s;
    view.y = drag.vy - (ev.clientY - drag.y) * s;
    setView();
  });
  svg.addEventListener("wheel", (ev) => {
    ev.preventDefault();
    const f = ev.deltaY > 0 ? 1.15 : 1 / 1.15, r = svg.getBoundingClientRect();
    const px = view.x + (ev.clientX - r.left) / r.width * view.w;
    const py = view.y + (ev.clientY - r.top) / r.height * view.h;
    view = {x: px - (px - view.x) * f, y: py - (py - view.y) * f, w: view.w * f, h: view.h * f};
    setView();
  }, {passive: false});
  const search = root.querySelector("input[type='search']");
  search.addEventListener("change", () => {
    const q = search.value.trim().toLowerCase();
    const i = data.nodes.findIndex((n) => n.name.toLowerCase() === q || n.id === q);
    const j = i >= 0 ? i : data.nodes.findIndex((n) => n.name.toLowerCase().includes(q));
    if (q && j >= 0) select(j);
  });
  root.querySelector("input[type='checkbox']").addEventListener("change", (ev) => {
    if (!ev.target.checked) return reset();
    const keepE = new Set(data.edges.flatMap((e, k) => (e.path ? [k] : [])));
    const keepN = new Set([...keepE].flatMap((k) => [data.edges[k].s, data.edges[k].t]));
    fade(keepN, keepE);
  });
  root.querySelector("button").addEventListener("click", () => {
    view = {x: 0, y: 0, w: data.width, h: data.height}; setView(); reset();
  });
  setView(); reset();
})();
"""


def _facts_and_roles(
    G: nx.MultiDiGraph, u: str, v: str
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The pair's interactions (the strongest `MAX_EVIDENCE`, each with its first quote) and
    its standing relations (roles, memberships: no quote, they are not reported acts)."""
    items = [
        (a, b, key, d)
        for a, b in ((u, v), (v, u))
        for key, d in sorted((G.get_edge_data(a, b) or {}).items(), key=lambda kv: str(kv[0]))
    ]

    def name(x: str) -> str:
        return str(G.nodes[x].get("name") or x)

    facts = sorted(
        (i for i in items if not i[3].get("role_edge")),
        key=lambda i: (-(i[3].get("evidence_count") or 0), str(i[3].get("date") or "~"), str(i[2])),
    )
    out = []
    for a, b, _, d in facts[:MAX_EVIDENCE]:
        ev = (d.get("evidence") or [None])[0]
        out.append(
            {
                "type": str(d.get("type", "")),
                "from": name(a),
                "to": name(b),
                "date": d.get("date"),
                "status": str(d.get("status", "")),
                "quote": ev.quote if ev else "",
                "doc": ev.document if ev else "",
                "conf": confidence_text(d.get("confidence")),
            }
        )
    roles = sorted(
        (
            {
                "type": str(d.get("type", "")),
                "from": name(a),
                "to": name(b),
                "title": d.get("title") or "",
                "date": d.get("start"),
                "end": d.get("end"),
            }
            for a, b, _, d in items
            if d.get("role_edge")
        ),
        key=lambda r: (r["type"], r["from"], r["to"], r["title"], str(r["date"])),
    )
    return out, roles


def view_data(data: PlotData, G: nx.MultiDiGraph) -> dict[str, Any]:
    """The JSON the script draws: the static picture's nodes and labels where the picture
    put them (`PlotData.placement`; drawn first when missing), links with their quotes."""
    if data.placement is None:
        draw_network(data)
    placed = data.placement
    assert placed is not None
    H = data.graph
    order = sorted(H, key=lambda v: (rank_score(data.scores, v), str(v)))  # central on top
    index = {v: i for i, v in enumerate(order)}
    top = max(data.scores.values(), default=0.0) or 1.0
    nodes = []
    for v in order:
        kind = str(H.nodes[v].get("kind") or "")
        size = node_areas(data, [v])[0]  # matplotlib's marker area in points²
        nodes.append(
            {
                "id": v,
                "name": str(H.nodes[v].get("name") or v),
                "kind": kind,
                "proxy": v in data.proxies,
                "tehran": v in data.tehran,
                "x": placed.nodes[v][0],
                "y": placed.nodes[v][1],
                "r": round(math.sqrt(size) / 2, 1),
                "color": KIND_COLOURS.get(kind, OTHER_COLOUR),
                "label": list(placed.labels[v]) if v in placed.labels else None,
                "score": round(data.scores.get(v, 0.0) / top, 4),
            }
        )
    edges = []
    for u, v, d in H.edges(data=True):
        facts, roles = _facts_and_roles(G, u, v)
        s, t = sorted((index[u], index[v]))
        edges.append(
            {
                "s": s,
                "t": t,
                "w": round(d["weight"], 4),
                "width": round(0.4 + 0.8 * math.log1p(float(d["weight"])), 2),
                "n": d.get("count", 0),
                "types": ", ".join(sorted(d.get("types", []))),
                "path": frozenset((u, v)) in data.path_edges,
                "facts": facts,
                "roles": roles,
            }
        )
    edges.sort(key=lambda e: (e["s"], e["t"]))
    return {
        "width": placed.width,
        "height": placed.height,
        "fontSize": placed.font_size,
        "nodes": nodes,
        "edges": edges,
    }


LEGEND = (
    '<div class="an-legend" role="list" aria-label="Legend">'
    + "".join(
        f'<span role="listitem"><i style="background:{c}"></i>{k}</span>'
        for k, c in KIND_COLOURS.items()
    )
    + '<span role="listitem"><i class="an-proxy"></i>proxy (diamond, red outline)</span>'
    '<span role="listitem"><i class="an-tehran"></i>Tehran (black outline)</span>'
    '<span role="listitem"><i class="an-path"></i>Tehran-to-proxy path</span>'
    '<span role="listitem">size: PageRank; labelled: proxies, path actors, the most '
    "central; hover for the others</span></div>"
)


def _safe_json(value: Any) -> str:
    """JSON that cannot close its <script> element."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def viewer_markup(data: PlotData, G: nx.MultiDiGraph, *, element_id: str = "an-network") -> str:
    """The view's HTML: toolbar, SVG canvas, side panel, embedded data and script."""
    script = _SCRIPT.replace("ROOT_ID", json.dumps(element_id))
    return (
        f'<div class="an-viewer" id="{element_id}">'
        '<div class="an-bar"><input type="search" placeholder="Find an actor" '
        'aria-label="Find an actor"><label><input type="checkbox"> '
        'Tehran-to-proxy paths only</label><button type="button">Reset view</button></div>'
        f"{LEGEND}"
        '<svg role="img" aria-label="Interactive actor network"></svg>'
        '<div class="an-panel"></div>'
        f'<script type="application/json">{_safe_json(view_data(data, G))}</script>'
        f"<script>{script}</script></div>"
    )
