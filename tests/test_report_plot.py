"""The static picture: node selection, markings, files and inline SVG."""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.analysis.graph import build_multigraph, collapse
from actornet.analysis.paths import find_paths
from actornet.analysis.synthetic import synthetic_network
from actornet.report.plot import draw_network, plot_data, save_figure, svg_markup
from actornet.report.viewer import view_data

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
    quoted = [e for e in view["edges"] if e["evidence"] and e["evidence"][0]["quote"]]
    assert quoted and all(len(e["evidence"]) <= 3 for e in view["edges"])
    facts = [x for e in view["edges"] for x in e["evidence"] if x["type"] in INTERACTION_TYPES]
    assert facts and {x["conf"] for x in facts} == {"–"}  # the synthetic network is unscored


def test_view_data_shows_each_links_confidence() -> None:
    from actornet.model import Actor, ActorKind, Evidence, Interaction, InteractionType

    a, b = Actor("a", "A", ActorKind.PERSON), Actor("b", "B", ActorKind.PERSON)
    met = Interaction(
        InteractionType.MET_WITH, "a", "b", "2021", confidence=0.876,
        evidence=[Evidence("d.txt", 0, 7, "A met B")],
    )  # fmt: skip
    G = build_multigraph([a, b], [met])
    view = view_data(plot_data(collapse(G)), G)
    assert [x["conf"] for e in view["edges"] for x in e["evidence"]] == ["0.88"]
