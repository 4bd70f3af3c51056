"""A small, self-contained interactive network view (vanilla JavaScript and SVG).

No library and no network access: the data and the script are embedded in the page.
Drag to pan, scroll to zoom, click an actor to see its links with their quotes, search by
name, and show only the Tehran-to-proxy paths.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx

from actornet.export import confidence_text
from actornet.report.plot import KIND_COLOURS, OTHER_COLOUR, PlotData

__all__ = ["VIEWER_CSS", "viewer_markup"]

WIDTH, HEIGHT, MARGIN = 1000.0, 680.0, 30.0
MAX_EVIDENCE = 3

VIEWER_CSS = """
.an-viewer{border:1px solid #ccc;border-radius:6px;display:flex;flex-wrap:wrap;gap:0}
.an-viewer .an-bar{flex-basis:100%;padding:6px;border-bottom:1px solid #ddd;display:flex;gap:12px}
.an-viewer svg{flex:3 1 600px;height:560px;cursor:grab;background:#fcfcfc}
.an-viewer .an-panel{flex:1 1 260px;max-height:560px;overflow:auto;padding:8px;font-size:13px}
.an-viewer .an-panel li{margin-bottom:6px}
.an-viewer .an-quote{color:#444;font-style:italic}
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
  const gEdges = make("g", {}, svg), gNodes = make("g", {}, svg);
  const links = data.nodes.map(() => []);
  const edgeEls = data.edges.map((e, i) => {
    const a = data.nodes[e.s], b = data.nodes[e.t];
    links[e.s].push(i); links[e.t].push(i);
    return make("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y,
      stroke: e.path ? "#D62728" : "#b0b0b0", "stroke-width": e.path ? 3 : e.width,
      "stroke-opacity": e.path ? 0.9 : 0.55}, gEdges);
  });
  const nodeEls = data.nodes.map((n, i) => {
    const g = make("g", {transform: `translate(${n.x},${n.y})`, cursor: "pointer"}, gNodes);
    const stroke = n.proxy ? "#D62728" : n.tehran ? "#111" : "#fff";
    const sw = n.proxy || n.tehran ? 2.5 : 1;
    if (n.proxy) make("rect", {x: -n.r, y: -n.r, width: 2 * n.r, height: 2 * n.r,
      transform: "rotate(45)", fill: n.color, stroke: stroke, "stroke-width": sw}, g);
    else make("circle", {r: n.r, fill: n.color, stroke: stroke, "stroke-width": sw}, g);
    make("title", {}, g).textContent = `${n.name} (${n.kind})`;
    if (n.label) {
      const t = make("text", {y: -n.r - 3, "text-anchor": "middle", "font-size": 10}, g);
      t.textContent = n.name;
    }
    g.addEventListener("click", (ev) => { ev.stopPropagation(); select(i); });
    return g;
  });
  function fade(keepNodes, keepEdges) {
    nodeEls.forEach((el, i) =>
      el.setAttribute("opacity", !keepNodes || keepNodes.has(i) ? 1 : 0.12));
    edgeEls.forEach((el, i) =>
      el.setAttribute("display", !keepEdges || keepEdges.has(i) ? "" : "none"));
  }
  function item(parent, text, cls) {
    const el = document.createElement("li");
    el.textContent = text;
    if (cls) el.className = cls;
    parent.appendChild(el);
    return el;
  }
  function select(i) {
    const n = data.nodes[i], keepN = new Set([i]), keepE = new Set(links[i]);
    links[i].forEach((k) => { keepN.add(data.edges[k].s); keepN.add(data.edges[k].t); });
    fade(keepN, keepE);
    panel.replaceChildren();
    const h = document.createElement("h3");
    h.textContent = n.name;
    panel.appendChild(h);
    const p = document.createElement("p");
    p.textContent = [n.kind, n.proxy ? "proxy" : "", n.tehran ? "Tehran" : "", n.id]
      .filter(Boolean).join(" · ");
    panel.appendChild(p);
    const ul = document.createElement("ul");
    panel.appendChild(ul);
    links[i].map((k) => data.edges[k]).sort((a, b) => b.w - a.w).forEach((e) => {
      const other = data.nodes[e.s === i ? e.t : e.s];
      const li = item(ul, `${other.name}: ${e.types} (${e.n}, weight ${e.w.toFixed(2)})`);
      const sub = document.createElement("ul");
      li.appendChild(sub);
      e.evidence.forEach((x) => item(sub,
        `${x.type} ${x.date || "undated"} ${x.status}` + (x.conf ? `, confidence ${x.conf}` : "")
          + `: “${x.quote}”` + (x.doc ? ` [${x.doc}]` : ""),
        "an-quote"));
    });
  }
  function reset() {
    fade(null, null);
    panel.textContent = "Click an actor to see its links and quotes.";
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


def _scaled(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    if not pos:
        return {}
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    sx = (WIDTH - 2 * MARGIN) / ((max(xs) - min(xs)) or 1.0)
    sy = (HEIGHT - 2 * MARGIN) / ((max(ys) - min(ys)) or 1.0)
    return {
        v: (round(MARGIN + (x - min(xs)) * sx, 1), round(HEIGHT - MARGIN - (y - min(ys)) * sy, 1))
        for v, (x, y) in pos.items()
    }


def _evidence(G: nx.MultiDiGraph, u: str, v: str) -> list[dict[str, Any]]:
    items = [*(G.get_edge_data(u, v) or {}).values(), *(G.get_edge_data(v, u) or {}).values()]
    items.sort(key=lambda d: (d.get("role_edge", False), -(d.get("evidence_count") or 0)))
    out = []
    for d in items[:MAX_EVIDENCE]:
        ev = (d.get("evidence") or [None])[0]
        out.append(
            {
                "type": d.get("type", ""),
                "date": d.get("date"),
                "status": d.get("status", ""),
                "quote": ev.quote if ev else ("standing relation" if d.get("role_edge") else ""),
                "doc": ev.document if ev else "",
                "conf": "" if d.get("role_edge") else confidence_text(d.get("confidence")),
            }
        )
    return out


def view_data(data: PlotData, G: nx.MultiDiGraph) -> dict[str, Any]:
    """The JSON the script draws: nodes with positions, edges with their first quotes."""
    H, pos = data.graph, _scaled(data.pos)
    order = sorted(H, key=lambda v: data.scores.get(v, 0.0))  # central actors drawn on top
    index = {v: i for i, v in enumerate(order)}
    top = max(data.scores.values(), default=0.0) or 1.0
    nodes = [
        {
            "id": v,
            "name": H.nodes[v].get("name") or v,
            "kind": H.nodes[v].get("kind") or "",
            "proxy": v in data.proxies,
            "tehran": v in data.tehran,
            "x": pos[v][0],
            "y": pos[v][1],
            "r": round(4 + 14 * (data.scores.get(v, 0.0) / top) ** 0.5, 1),
            "color": KIND_COLOURS.get(H.nodes[v].get("kind") or "", OTHER_COLOUR),
            "label": v in data.labelled,
        }
        for v in order
    ]
    edges = [
        {
            "s": index[u],
            "t": index[v],
            "w": round(d["weight"], 4),
            "width": round(0.5 + 0.8 * float(d["weight"]) ** 0.5, 2),
            "n": d.get("count", 0),
            "types": ", ".join(d.get("types", [])),
            "path": frozenset((u, v)) in data.path_edges,
            "evidence": _evidence(G, u, v),
        }
        for u, v, d in H.edges(data=True)
    ]
    return {"width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges}


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
        '<svg role="img" aria-label="Interactive actor network"></svg>'
        '<div class="an-panel"></div>'
        f'<script type="application/json">{_safe_json(view_data(data, G))}</script>'
        f"<script>{script}</script></div>"
    )
