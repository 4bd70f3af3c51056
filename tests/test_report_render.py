"""Golden structure of the report in every format; the HTML is self-contained."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from actornet.analysis.synthetic import synthetic_network
from actornet.report.build import Report, build_report, build_report_from
from actornet.report.html import render_html
from actornet.report.json import render_json
from actornet.report.markdown import render_markdown
from actornet.report.sections import SECTIONS
from actornet.report.text import render_text

TITLES = list(SECTIONS.values())
JSON_KEYS = [
    "summary",
    "top",
    "brokers",
    "communities",
    "paths",
    "paths_total",
    "activity",
    "changes",
    "flags",
    "judgements",
    "notes",
]
SUMMARY_KEYS = [
    "documents",
    "actors",
    "actors_by_kind",
    "interactions",
    "interactions_by_type",
    "interactions_by_status",
    "standing_relations",
    "as_of",
    "since",
    "until",
    "include_denied",
    "min_confidence",
]


@pytest.fixture(scope="module")
def report() -> Report:
    syn = synthetic_network(1500, seed=4)
    return build_report_from(syn.actors, syn.interactions, syn.affiliations, syn.documents)


def positions(text: str, titles: list[str]) -> list[int]:
    return [text.index(t) for t in titles]


def test_json_structure(report: Report) -> None:
    data = json.loads(render_json(report))
    assert list(data) == JSON_KEYS
    assert list(data["summary"]) == SUMMARY_KEYS
    assert list(data["top"]) == [
        "degree",
        "weighted_degree",
        "betweenness",
        "pagerank",
        "closeness",
    ]
    assert all(len(v) == 10 for v in data["top"].values())
    assert set(data["top"]["pagerank"][0]) == {"id", "name", "kind", "score"}
    assert set(data["communities"][0]) == {"index", "size", "label", "members"}
    assert set(data["paths"][0]) == {"source", "target", "strength", "hops", "alternatives"}
    assert data["paths_total"] >= len(data["paths"]) > 0
    assert set(data["changes"][0]) == {
        "before", "after", "before_coverage", "after_coverage", "compared",
        "risers", "fallers", "new", "unseen",
    }  # fmt: skip
    assert set(data["changes"][0]["before_coverage"]) == {"reports", "interactions"}
    assert set(data["changes"][0]["risers"][0]) == {"id", "name", "before", "after", "change"}
    assert set(data["flags"]) == {"total", "by_kind", "shown", "full_list"}
    assert set(data["flags"]["by_kind"][0]) == {"kind", "severity", "count"}
    assert set(data["flags"]["shown"][0]) == {
        "kind", "severity", "detail", "reason", "actors", "evidence", "interactions", "settle"
    }  # fmt: skip
    assert data["judgements"] == {}  # no judgements in this report
    months = list(data["activity"])
    assert months == sorted(months) and all(re.fullmatch(r"\d{4}-\d\d", m) for m in months)


def test_markdown_sections_in_order(report: Report) -> None:
    md = render_markdown(report)
    heads = re.findall(r"^## (.+)$", md, re.M)
    assert heads == TITLES
    assert md.startswith("# Actor network report")
    assert "| # | Degree (distinct partners) |" in md
    assert re.search(r"^### 1\. .+ to .+: \d hops?, strength 0\.\d{3}$", md, re.M)


def test_text_sections_in_order(report: Report) -> None:
    text = render_text(report, width=160)
    pos = positions(text, TITLES)
    assert pos == sorted(pos)
    assert "\x1b[" not in text  # no colour codes in files


def test_html_sections_and_self_contained(report: Report) -> None:
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>")
    heads = re.findall(r"<h2>(.+?)</h2>", page)
    assert heads == [TITLES[0], "Network", *TITLES[1:]]
    assert not re.search(r"""(?:src|href|xlink:href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"<(?:link|iframe|img)\b", page, re.I)
    assert "@import" not in page
    assert not re.search(r"""url\(\s*["']?(?!#)""", page)  # only in-page references: url(#id)
    assert page.count("<svg") >= 2  # the static picture and the interactive canvas
    assert '<script type="application/json">' in page


def test_html_escapes_hostile_text() -> None:
    syn = synthetic_network(200, seed=1)
    syn.actors[5].name = '<script>alert("x")</script> & </script>'
    page = render_html(build_report_from(syn.actors, syn.interactions, syn.affiliations))
    assert '<script>alert("x")' not in page
    assert page.count("</script>") == 2  # only the viewer's own two script elements close


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
def test_viewer_script_runs(report: Report, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(report), encoding="utf-8")
    harness = tmp_path / "harness.js"
    harness.write_text(VIEWER_HARNESS, encoding="utf-8")
    out = subprocess.run(
        ["node", str(harness), str(page)], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(out.stdout)
    assert result["nodes"] > 10 and result["edges"] > 10
    assert result["faded"] > 0  # clicking an actor fades the others
    assert result["hiddenEdges"] > 0  # "paths only" hides the other links
    assert result["afterSearch"]  # the search selected an actor
    assert result["viewBoxAfter"] != result["viewBox"]  # zoom and pan moved the view
    assert result["reset"].startswith("Click an actor")


def test_build_report_reads_a_store() -> None:
    syn = synthetic_network(300, seed=2)

    class Store:
        def actors(self):
            return syn.actors

        def interactions(self, flt=None):
            return syn.interactions

        def affiliations(self):
            return syn.affiliations

        def documents(self):
            return syn.documents

    r = build_report(Store(), since="2018", until="2020", top_n=3)
    assert r.summary.since == "2018" and r.summary.documents == len(syn.documents)
    assert all(len(v) == 3 for v in r.top.values())
    dates = [d["date"] for *_, d in r.graph.edges(data=True) if not d["role_edge"]]
    assert dates and all("2018" <= d[:4] <= "2020" for d in dates)


VIEWER_HARNESS = r"""
// Minimal DOM stand-in: enough to run the viewer script and click around.
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const data = html.match(/<script type="application\/json">([\s\S]*?)<\/script>/)[1];
const code = html.match(/<script>([\s\S]*?)<\/script>/)[1];
class El {
  constructor(tag) {
    this.tag = tag; this.attrs = {}; this.children = []; this.handlers = {};
    this._text = ""; this.className = "";
  }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return this.attrs[k]; }
  appendChild(c) { this.children.push(c); c.parent = this; return c; }
  replaceChildren() { this.children = []; this._text = ""; }
  addEventListener(t, f) { (this.handlers[t] = this.handlers[t] || []).push(f); }
  fire(t, ev) {
    const base = {stopPropagation() {}, preventDefault() {}, target: this};
    (this.handlers[t] || []).forEach((f) => f(Object.assign(base, ev || {})));
  }
  set textContent(v) { this._text = String(v); this.children = []; }
  get textContent() { return this._text + this.children.map((c) => c.textContent).join(""); }
  get clientWidth() { return 800; }
  getBoundingClientRect() { return {left: 0, top: 0, width: 800, height: 560}; }
  querySelector(sel) { return this.q[sel]; }
}
const root = new El("div"), svg = new El("svg"), panel = new El("div");
const search = new El("input"), box = new El("input"), button = new El("button");
const json = new El("script");
json._text = data;
root.q = {"script[type='application/json']": json, svg: svg, ".an-panel": panel,
  "input[type='search']": search, "input[type='checkbox']": box, button: button};
global.document = {
  getElementById: () => root,
  createElementNS: (ns, t) => new El(t),
  createElement: (t) => new El(t),
};
global.window = new El("window");
eval(code);
const [gEdges, gNodes] = svg.children;
const out = {nodes: gNodes.children.length, edges: gEdges.children.length};
out.viewBox = svg.attrs.viewBox;
gNodes.children[gNodes.children.length - 1].fire("click");
out.panelAfterClick = panel.textContent.slice(0, 200);
out.faded = gNodes.children.filter((g) => g.attrs.opacity === "0.12").length;
box.checked = true; box.fire("change", {target: {checked: true}});
out.hiddenEdges = gEdges.children.filter((e) => e.attrs.display === "none").length;
search.value = "kataib"; search.fire("change");
out.afterSearch = panel.textContent.slice(0, 60);
svg.fire("wheel", {deltaY: 1, clientX: 100, clientY: 100});
svg.fire("mousedown", {clientX: 10, clientY: 10});
svg.fire("mousemove", {clientX: 30, clientY: 40});
out.viewBoxAfter = svg.attrs.viewBox;
button.fire("click");
out.reset = panel.textContent;
console.log(JSON.stringify(out));
"""


def test_flags_section_counts_by_kind_and_lists_the_most_severe(report: Report) -> None:
    """Many open flags: every one counted by kind, most severe first; 20 listed, the most
    severe, with the command that lists them all, in every format."""
    from actornet.analysis.flags import SEVERITIES, flags
    from actornet.review import SHOWN_FLAGS, open_flags

    syn = synthetic_network(1500, seed=4)
    every = open_flags(flags(syn.actors, syn.interactions, syn.documents), syn.interactions)
    summary = report.flags
    assert summary.total == len(every) > SHOWN_FLAGS
    counts = {(c.kind, c.severity): c.count for c in summary.by_kind}
    assert sum(counts.values()) == summary.total
    for (kind, severity), n in counts.items():
        assert n == sum(1 for f in every if (f.kind, f.severity) == (kind, severity))
    ranks = [SEVERITIES.index(c.severity) for c in summary.by_kind]
    assert ranks == sorted(ranks)
    assert list(summary.shown) == every[:SHOWN_FLAGS]
    assert max(SEVERITIES.index(f.severity) for f in summary.shown) <= min(
        SEVERITIES.index(f.severity) for f in every[SHOWN_FLAGS:]
    )
    for text in (render_text(report), render_markdown(report), render_html(report)):
        assert "actornet flags" in text
        assert f"{summary.total:,} open flags" in text
