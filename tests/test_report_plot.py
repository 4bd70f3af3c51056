"""The static picture: node selection, markings, files and inline SVG."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from actornet.analysis.graph import build_multigraph, collapse
from actornet.analysis.paths import find_paths
from actornet.analysis.synthetic import synthetic_network
from actornet.report.plot import draw_network, plot_data, save_figure, svg_markup
from actornet.report.viewer import view_data
from actornet.store.sqlite import SqliteStore

INTERACTION_TYPES = {"MET_WITH", "VISITED", "SIGNED_AGREEMENT", "ATTACKED"}


@pytest.fixture(scope="module")
def network():
    syn = synthetic_network(2000, seed=6)
    G = build_multigraph(syn.actors, syn.interactions, syn.affiliations)
    return G, collapse(G)


def test_large_networks_are_cut_but_paths_kept(network) -> None:
    G, H = network
    paths = find_paths(G, {"state-org-0"}, {"proxy-1", "proxy-2"}, H=H)
    data = plot_data(H, paths=paths, tehran={"state-org-0"}, max_nodes=20, seed=1)
    on_paths = {v for p in paths for v in p.nodes}
    assert on_paths <= set(data.graph)
    assert len(data.graph) <= 20 + len(on_paths) and data.dropped == len(H) - len(data.graph)
    assert data.proxies == {v for v in data.graph if H.nodes[v]["proxy"]}
    assert data.path_edges and all(len(e) == 2 for e in data.path_edges)
    again = plot_data(H, paths=paths, tehran={"state-org-0"}, max_nodes=20, seed=1)
    assert again.pos == data.pos  # seeded layout


@pytest.mark.parametrize("layout", ["spring", "kamada_kawai", "circular", "spectral"])
def test_layouts(network, layout: str) -> None:
    _, H = network
    data = plot_data(H, layout=layout, max_nodes=30)
    assert set(data.pos) == set(data.graph)


def test_unknown_layout(network) -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        plot_data(network[1], layout="hairball", max_nodes=5)


def test_files_and_inline_svg(network, tmp_path: Path) -> None:
    _, H = network
    fig = draw_network(plot_data(H, max_nodes=40), title="Test")
    save_figure(fig, tmp_path / "net.png")
    save_figure(fig, tmp_path / "net.svg")
    assert (tmp_path / "net.png").read_bytes()[:4] == b"\x89PNG"
    assert "<svg" in (tmp_path / "net.svg").read_text()
    with pytest.raises(ValueError):
        save_figure(fig, tmp_path / "net.gif")
    svg = svg_markup(fig)
    assert svg.startswith("<svg") and "<?xml" not in svg and "<!--" not in svg
    assert "matplotlib.org" not in svg and "<metadata>" not in svg
    assert svg == svg_markup(fig)  # stable ids: the same picture gives the same markup


def test_view_data_links_carry_quotes(network) -> None:
    G, H = network
    data = plot_data(H, max_nodes=25)
    view = view_data(data, G)
    assert len(view["nodes"]) == len(data.graph)
    assert all(
        0 <= n["x"] <= view["width"] and 0 <= n["y"] <= view["height"] for n in view["nodes"]
    )
    quoted = [e for e in view["edges"] if e["facts"] and e["facts"][0]["quote"]]
    assert quoted and all(len(e["facts"]) <= 3 for e in view["edges"])
    facts = [x for e in view["edges"] for x in e["facts"]]
    assert facts and {x["type"] for x in facts} <= INTERACTION_TYPES
    assert {x["conf"] for x in facts} == {"–"}  # the synthetic network is unscored
    roles = [x for e in view["edges"] for x in e["roles"]]
    assert roles and not any("quote" in x for x in roles)  # standing relations: no quote


def test_view_data_shows_each_links_confidence() -> None:
    from actornet.model import Actor, ActorKind, Evidence, Interaction, InteractionType

    a, b = Actor("a", "A", ActorKind.PERSON), Actor("b", "B", ActorKind.PERSON)
    met = Interaction(
        InteractionType.MET_WITH, "a", "b", "2021", confidence=0.876,
        evidence=[Evidence("d.txt", 0, 7, "A met B")],
    )  # fmt: skip
    G = build_multigraph([a, b], [met])
    view = view_data(plot_data(collapse(G)), G)
    assert [x["conf"] for e in view["edges"] for x in e["facts"]] == ["0.88"]


# -- the pictures an analyst reads, measured on the five seed reports ---------------------

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
PANEL_HARNESS = r"""
// A DOM stand-in: run the viewer, click one actor, print the panel as [tag, class, text].
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const data = html.match(/<script type="application\/json">([\s\S]*?)<\/script>/)[1];
const code = html.match(/<script>([\s\S]*?)<\/script>/)[1];
class El {
  constructor(tag) { this.tag = tag; this.attrs = {}; this.children = []; this.handlers = {};
    this._text = ""; this.className = ""; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  appendChild(c) { this.children.push(c); return c; }
  replaceChildren() { this.children = []; this._text = ""; }
  addEventListener(t, f) { (this.handlers[t] = this.handlers[t] || []).push(f); }
  fire(t) { (this.handlers[t] || []).forEach((f) => f({stopPropagation() {}, target: this})); }
  set textContent(v) { this._text = String(v); this.children = []; }
  get textContent() { return this._text + this.children.map((c) => c.textContent).join(""); }
  querySelector(sel) { return this.q[sel]; }
}
const root = new El("div"), svg = new El("svg"), panel = new El("div");
const json = new El("script");
json._text = data;
root.q = {"script[type='application/json']": json, svg: svg, ".an-panel": panel,
  "input[type='search']": new El("input"), "input[type='checkbox']": new El("input"),
  button: new El("button")};
global.document = {getElementById: () => root, createElementNS: (ns, t) => new El(t),
  createElement: (t) => new El(t)};
global.window = new El("window");
eval(code);
const nodes = JSON.parse(data).nodes;
const i = nodes.findIndex((n) => n.name === process.argv[3]);
svg.children[1].children[i].fire("click");
const flat = [];
const walk = (el) => { if (el.tag !== "ul" && el.tag !== "li") flat.push([el.tag, el.className,
  el.textContent]); el.children.forEach(walk); };
panel.children.forEach(walk);
console.log(JSON.stringify(flat));
"""


@pytest.fixture(scope="module")
def seed_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    from click.testing import CliRunner

    from actornet.cli import main

    tmp = tmp_path_factory.mktemp("seeds")
    db = str(tmp / "seeds.db")
    runner = CliRunner()
    result = runner.invoke(main, ["ingest", str(SEEDS), "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    pages = []
    for hash_seed in ("1", "2"):  # two processes whose sets iterate in different orders
        out = tmp / f"r{hash_seed}.html"
        code = "from actornet.cli import main; main()"
        args = ["report", "--db", db, "--format", "html", "-o", str(out)]
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        subprocess.run([sys.executable, "-c", code, *args], env=env, check=True, timeout=300)
        pages.append(out)
    with SqliteStore(db) as store:
        proxies = {a.id: a.name for a in store.actors() if a.proxy}
    page = pages[0].read_text(encoding="utf-8")
    view = json.loads(
        re.search(r'<script type="application/json">(.*?)</script>', page, re.S).group(1)
    )
    return {"db": db, "pages": pages, "page": page, "view": view, "proxies": proxies}


def _isolated_names(page: str) -> list[str]:
    block = re.search(r'<details class="an-isolated">(.*?)</details>', page, re.S)
    return [html.unescape(n) for n in re.findall(r"<li>(.*?) <small>", block.group(1))]


def test_seeds_same_store_same_bytes(seed_reports) -> None:
    first, second = seed_reports["pages"]
    assert first.read_bytes() == second.read_bytes()


def test_seeds_no_isolated_actor_drawn(seed_reports) -> None:
    view, page = seed_reports["view"], seed_reports["page"]
    linked = {i for e in view["edges"] for i in (e["s"], e["t"])}
    assert linked == set(range(len(view["nodes"])))  # every drawn actor has a link
    isolated = _isolated_names(page)
    assert isolated and not set(isolated) & {n["name"] for n in view["nodes"]}


def test_seeds_every_proxy_labelled_or_listed(seed_reports) -> None:
    view, proxies = seed_reports["view"], seed_reports["proxies"]
    drawn = {n["id"]: n for n in view["nodes"] if n["proxy"]}
    assert drawn and all(n["label"] for n in drawn.values())
    listed = set(_isolated_names(seed_reports["page"]))
    assert {proxies[p] for p in set(proxies) - set(drawn)} <= listed


def _label_boxes(view: dict) -> dict[str, tuple[float, float, float, float]]:
    """Each label's box as a browser draws it: the text measured with matplotlib's
    renderer in the viewer's font (DejaVu Sans) at the viewer's size, in the view's units."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    renderer = RendererAgg(100, 100, 72)
    font = FontProperties(family="DejaVu Sans", size=view["fontSize"])
    boxes = {}
    for n in view["nodes"]:
        if n["label"]:
            w, h, _ = renderer.get_text_width_height_descent(n["name"], font, ismath=False)
            x, y = n["label"]
            boxes[n["id"]] = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    return boxes


def _overlapping(boxes: dict[str, tuple[float, float, float, float]]) -> list[tuple[str, str]]:
    items = sorted(boxes.items())
    return [
        (u, v)
        for i, (u, a) in enumerate(items)
        for v, b in items[i + 1 :]
        if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
    ]


def test_seeds_labels_apart_and_inside_in_the_first_view(seed_reports) -> None:
    view = seed_reports["view"]
    boxes = _label_boxes(view)
    pairs = len(boxes) * (len(boxes) - 1) // 2
    assert len(boxes) >= 20
    assert len(_overlapping(boxes)) <= 0.02 * pairs, _overlapping(boxes)
    for x0, y0, x1, y1 in boxes.values():
        assert x0 >= 0 and x1 <= view["width"] and y0 >= 0 and y1 <= view["height"]


def test_seeds_static_labels_apart_and_inside(seed_reports) -> None:
    from actornet.report.build import build_report
    from actornet.store.confident import confident

    with SqliteStore(seed_reports["db"]) as store:
        r = build_report(confident(store))
    data = plot_data(r.collapsed, paths=r.paths, tehran=r.tehran, proxies=r.proxies,
                     scores=r.scores["pagerank"])  # fmt: skip
    draw_network(data)
    placed = data.placement
    boxes = placed.boxes  # measured by matplotlib's renderer after adjustText
    assert set(boxes) == data.labelled and data.proxies <= data.labelled
    on_paths = {v for p in r.paths for v in p.nodes}
    assert on_paths & set(data.graph) <= data.labelled
    pairs = len(boxes) * (len(boxes) - 1) // 2
    assert len(_overlapping(boxes)) <= 0.02 * pairs
    for x0, y0, x1, y1 in boxes.values():
        assert x0 >= 0 and x1 <= placed.width and y0 >= 0 and y1 <= placed.height


def test_seeds_legend_and_no_standing_relation_quotes(seed_reports) -> None:
    page, view = seed_reports["page"], seed_reports["view"]
    legend = re.search(r'<div class="an-legend"[^>]*>(.*?)</div>', page, re.S)
    assert legend
    for word in ("Person", "Organization", "Country", "Place", "proxy", "Tehran", "path"):
        assert word in legend.group(1)
    network = re.search(r'<section id="network">(.*?)</section>', page, re.S).group(1)
    assert "standing relation" not in network.lower()  # the picture, the view and its data
    assert "“standing relation" not in page.lower()  # never quoted anywhere
    roles = [r for e in view["edges"] for r in e["roles"]]
    assert roles and all("quote" not in r for r in roles)
    assert all(f["quote"] for e in view["edges"] for f in e["facts"])


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_seeds_panel_leads_with_interactions(seed_reports, tmp_path: Path) -> None:
    view = seed_reports["view"]
    # an actor with interactions and roles, linked to several others
    pick = max(
        (i for i, n in enumerate(view["nodes"])),
        key=lambda i: (
            all(
                any(e[k] for e in view["edges"] if i in (e["s"], e["t"]))
                for k in ("facts", "roles")
            ),
            sum(i in (e["s"], e["t"]) for e in view["edges"]),
        ),
    )
    name = view["nodes"][pick]["name"]
    harness = tmp_path / "panel.js"
    harness.write_text(PANEL_HARNESS, encoding="utf-8")
    out = subprocess.run(
        ["node", str(harness), str(seed_reports["pages"][0]), name],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    panel = json.loads(out.stdout)
    heads = [text for tag, _, text in panel if tag == "h4"]
    assert [h.split(" (")[0] for h in heads] == [
        "Interactions", "Linked to", "Roles and memberships"
    ]  # fmt: skip
    quotes = [text for _, cls, text in panel if cls == "an-quote"]
    assert quotes and all(q.startswith("“") and "standing relation" not in q for q in quotes)
    neighbours = next(text for _, cls, text in panel if cls == "an-neighbours")
    linked = {
        view["nodes"][e["t"] if e["s"] == pick else e["s"]]["name"]
        for e in view["edges"]
        if pick in (e["s"], e["t"])
    }
    assert all(n in neighbours for n in linked) and len(neighbours.split(", ")) >= len(linked)


BROWSER_PROBE = r"""<script>
window.addEventListener("load", () => {
  const svg = document.querySelector(".an-viewer svg"), r = svg.getBoundingClientRect();
  const boxes = [...svg.querySelectorAll("text")].map((t) => t.getBoundingClientRect());
  let overlapping = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) overlapping++;
  }));
  const outside = boxes.filter((b) => b.left < r.left || b.right > r.right || b.top < r.top
    || b.bottom > r.bottom).length;
  const pre = document.createElement("pre");
  pre.id = "probe";
  pre.textContent = JSON.stringify({labels: boxes.length, overlapping, outside,
    legend: !!document.querySelector(".an-viewer .an-legend")});
  document.body.appendChild(pre);
});
</script></body>"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="chromium is not installed")
def test_seeds_first_view_in_chromium(seed_reports, tmp_path: Path) -> None:
    """The labels as Chromium lays them out in the interactive view's first view."""
    page = tmp_path / "probe.html"
    page.write_text(seed_reports["page"].replace("</body>", BROWSER_PROBE), encoding="utf-8")
    out = subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1400,1000",
         "--virtual-time-budget=5000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    found = re.search(r'<pre id="probe">(.*?)</pre>', out.stdout)
    assert found, out.stderr[-2000:]
    probe = json.loads(html.unescape(found.group(1)))
    pairs = probe["labels"] * (probe["labels"] - 1) // 2
    assert probe["labels"] >= 20 and probe["legend"]
    assert probe["overlapping"] <= 0.02 * pairs and probe["outside"] == 0
