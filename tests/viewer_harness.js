// Minimal DOM stand-in: enough to run the viewer script and click around.
const fs = require("fs");
const html = fs.readFileSync(process.argv[2], "utf8");
const data = html.match(/<script type="application\/json">([\s\S]*?)<\/script>/)[1];
const code = html.match(/<script>([\s\S]*?)<\/script>/)[1];
class El {
  constructor(tag) { this.tag = tag; this.attrs = {}; this.children = []; this.handlers = {}; this._text = ""; this.className = ""; }
  setAttribute(k, v) { this.attrs[k] = String(v); }
  getAttribute(k) { return this.attrs[k]; }
  appendChild(c) { this.children.push(c); c.parent = this; return c; }
  replaceChildren() { this.children = []; this._text = ""; }
  addEventListener(t, f) { (this.handlers[t] = this.handlers[t] || []).push(f); }
  fire(t, ev) { (this.handlers[t] || []).forEach((f) => f(Object.assign({stopPropagation() {}, preventDefault() {}, target: this}, ev || {}))); }
  set textContent(v) { this._text = String(v); this.children = []; }
  get textContent() { return this._text + this.children.map((c) => c.textContent).join(""); }
  get clientWidth() { return 800; }
  getBoundingClientRect() { return {left: 0, top: 0, width: 800, height: 560}; }
  querySelector(sel) { return this.q[sel]; }
}
const root = new El("div"), svg = new El("svg"), panel = new El("div");
const search = new El("input"), box = new El("input"), button = new El("button"), json = new El("script");
json._text = data;
root.q = {"script[type='application/json']": json, svg: svg, ".an-panel": panel,
  "input[type='search']": search, "input[type='checkbox']": box, button: button};
global.document = {getElementById: () => root, createElementNS: (ns, t) => new El(t), createElement: (t) => new El(t)};
global.window = new El("window");
eval(code);
const [gEdges, gNodes] = svg.children;
const out = {nodes: gNodes.children.length, edges: gEdges.children.length, viewBox: svg.attrs.viewBox};
gNodes.children[gNodes.children.length - 1].fire("click");
out.panelAfterClick = panel.textContent.slice(0, 200);
out.faded = gNodes.children.filter((g) => g.attrs.opacity === "0.12").length;
box.checked = true; box.fire("change", {target: {checked: true}});
out.hiddenEdges = gEdges.children.filter((e) => e.attrs.display === "none").length;
search.value = "kataib"; search.fire("change");
out.afterSearch = panel.textContent.slice(0, 60);
svg.fire("wheel", {deltaY: 1, clientX: 100, clientY: 100});
svg.fire("mousedown", {clientX: 10, clientY: 10}); svg.fire("mousemove", {clientX: 30, clientY: 40});
out.viewBoxAfter = svg.attrs.viewBox;
button.fire("click");
out.reset = panel.textContent;
console.log(JSON.stringify(out));
