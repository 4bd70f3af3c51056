"""Exports parse back with networkx, with their attributes intact."""

from __future__ import annotations

import csv
import dataclasses
import io
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from actornet.analysis.exports import (
    CSV_FILES,
    EVIDENCE_CSV_COLUMNS,
    EXPORT_WRITERS,
    INTERACTION_CSV_COLUMNS,
    NODE_COLUMNS,
    STREAM_WRITERS,
    write_csv,
    write_gexf,
    write_graphml,
)
from actornet.analysis.graph import build_multigraph
from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)

ACTORS = [
    Actor(
        "qaani",
        "Esmail Qa’ani",
        ActorKind.PERSON,
        ("Qaani", "Ghaani"),
        country="IRN",
        roles=(Role("commander", "qf", "2020-01-03"),),
    ),
    Actor("qf", "Qods Force", ActorKind.ORGANIZATION, country="IRN", state=True),
    Actor("kh", "Kataib Hezbollah", ActorKind.ORGANIZATION, proxy=True),
]
MET = Interaction(
    InteractionType.MET_WITH,
    "qaani",
    "kh",
    "2021-11-08",
    evidence=[Evidence("a.txt", 0, 9, "Qa’ani met"), Evidence("b.txt", 5, 12, 'said "x"')],
)
MET2 = Interaction(
    InteractionType.MET_WITH,
    "qaani",
    "kh",
    "2021-12",
    status=ClaimStatus.DENIED,
    evidence=[Evidence("b.txt", 20, 25, "denied")],
)
AFF = [Affiliation(AffiliationKind.MEMBER_OF, "kh", "qf", "client", "2014", "2022")]


@pytest.fixture
def G() -> nx.MultiDiGraph:
    return build_multigraph(ACTORS, [MET, MET2], AFF, include_denied=True)


def check_attributes(nodes: dict, edges: dict) -> None:
    assert nodes["qaani"]["name"] == "Esmail Qa’ani"
    assert nodes["qaani"]["aliases"] == "Qaani; Ghaani"
    assert nodes["qaani"]["roles"] == "commander@qf 2020-01-03.."
    assert nodes["kh"]["proxy"] in (True, "True") and nodes["qf"]["state"] in (True, "True")
    met = edges[MET.id]
    assert met["date"] == "2021-11-08" and met["status"] == "asserted"
    assert int(met["evidence_count"]) == 2 and met["documents"] == "a.txt; b.txt"
    assert met["quotes"] == 'Qa’ani met | said "x"'
    assert edges[MET2.id]["status"] == "denied"
    role = next(e for k, e in edges.items() if k.startswith("MEMBER_OF"))
    assert role["role_start"] == "2014" and role["role_end"] == "2022"
    assert role["role_edge"] in (True, "True")


def test_graphml_round_trip(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "out" / "net.graphml"
    write_graphml(G, path)
    R = nx.read_graphml(path, force_multigraph=True)
    assert R.number_of_nodes() == 3 and R.number_of_edges() == 4
    edges = {k: d for _, _, k, d in R.edges(keys=True, data=True)}
    assert edges[MET.id]["type"] == "MET_WITH"
    assert isinstance(edges[MET.id]["evidence_count"], int)
    check_attributes(dict(R.nodes(data=True)), edges)
    assert not list(tmp_path.joinpath("out").glob(".*"))  # no temp file left behind


def test_gexf_round_trip(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = tmp_path / "net.gexf"
    write_gexf(G, path)
    R = nx.read_gexf(path)
    assert R.number_of_nodes() == 3 and R.number_of_edges() == 4
    edges = {d["id"]: d for *_, d in R.edges(data=True)}
    assert edges[MET.id]["relation"] == "MET_WITH" and edges[MET.id]["label"] == "MET_WITH"
    check_attributes(dict(R.nodes(data=True)), edges)


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_directory_and_zip(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_csv(G, tmp_path / "csv")
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == sorted(CSV_FILES)
    nodes = rows((tmp_path / "csv" / "actors.csv").read_text(encoding="utf-8"))
    edges = rows((tmp_path / "csv" / "interactions.csv").read_text(encoding="utf-8"))
    assert list(nodes[0]) == list(NODE_COLUMNS)
    assert list(edges[0]) == list(INTERACTION_CSV_COLUMNS)
    check_attributes(
        {n["id"]: n for n in nodes}, {e["id"]: e | {"type": e["relation"]} for e in edges}
    )
    met = next(e for e in edges if e["id"] == MET.id)  # the first quote, with where it is
    first = min(MET.evidence, key=lambda e: (e.document, e.start))
    assert (met["quote"], met["start"], met["end"]) == (
        first.quote,
        str(first.start),
        str(first.end),
    )
    assert met["document"] == first.document.rsplit("/", 1)[-1]
    evidence = rows((tmp_path / "csv" / "evidence.csv").read_text(encoding="utf-8"))
    assert list(evidence[0]) == list(EVIDENCE_CSV_COLUMNS)
    assert sorted(e["quote"] for e in evidence if e["interaction"] == MET.id) == sorted(
        e.quote for e in MET.evidence
    )
    write_csv(G, tmp_path / "net.zip")
    with zipfile.ZipFile(tmp_path / "net.zip") as zf:
        assert sorted(zf.namelist()) == sorted(CSV_FILES)
        zipped = rows(zf.read("interactions.csv").decode("utf-8"))
    assert zipped == edges
    (tmp_path / "file").write_text("x")
    with pytest.raises(NotADirectoryError):
        write_csv(G, tmp_path / "file")
    # the read-back graph is usable by networkx
    R = nx.from_edgelist(((e["source"], e["target"]) for e in edges), create_using=nx.MultiDiGraph)
    assert R.number_of_edges() == 4


class FakeStore:
    def actors(self):
        return ACTORS

    def interactions(self, flt=None):
        return [MET, MET2]

    def affiliations(self):
        return AFF


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_export_writers_from_a_store(fmt: str, tmp_path: Path) -> None:
    target = tmp_path / ("out" if fmt == "csv" else f"net.{fmt}")
    EXPORT_WRITERS[fmt](FakeStore(), target)
    assert target.exists()
    text = (target / "interactions.csv").read_text() if fmt == "csv" else target.read_text()
    assert "denied" in text  # exports keep denied claims, marked by status


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_stream_writers_fit_the_export_command(fmt: str) -> None:
    buf = io.BytesIO()
    STREAM_WRITERS[fmt](FakeStore(), buf)
    buf.seek(0)
    if fmt == "csv":  # interactions.csv, plain text
        assert len(rows(buf.read().decode("utf-8"))) == 4
    else:
        R = nx.read_graphml(buf) if fmt == "graphml" else nx.read_gexf(buf)
        assert R.number_of_nodes() == 3 and R.number_of_edges() == 4


def test_written_files_get_normal_permissions(G: nx.MultiDiGraph, tmp_path: Path) -> None:
    write_graphml(G, tmp_path / "net.graphml")
    assert (tmp_path / "net.graphml").stat().st_mode & 0o044  # readable by others (umask)


def test_confidence_is_a_number_and_absent_when_never_scored(tmp_path: Path) -> None:
    scored = dataclasses.replace(MET, confidence=0.66666)
    G = build_multigraph(ACTORS, [scored, MET2], include_denied=True)
    assert G.edges["qaani", "kh", MET.id]["confidence"] == 0.66666
    write_graphml(G, tmp_path / "net.graphml")
    write_gexf(G, tmp_path / "net.gexf")
    write_csv(G, tmp_path / "csv")
    graphml = nx.read_graphml(tmp_path / "net.graphml", force_multigraph=True)
    by_key = {k: d for *_, k, d in graphml.edges(keys=True, data=True)}
    gexf = {d["id"]: d for *_, d in nx.read_gexf(tmp_path / "net.gexf").edges(data=True)}
    for edges in (by_key, gexf):
        assert edges[MET.id]["confidence"] == 0.667  # a number, 3 decimals
        assert "confidence" not in edges[MET2.id]  # no value rather than a string column
    csv_edges = {e["id"]: e for e in rows((tmp_path / "csv" / "interactions.csv").read_text())}
    assert (csv_edges[MET.id]["confidence"], csv_edges[MET2.id]["confidence"]) == ("0.667", "")


def test_the_same_fact_given_twice_keeps_the_highest_confidence() -> None:
    low = dataclasses.replace(MET, confidence=0.2, evidence=MET.evidence[:1])
    high = dataclasses.replace(MET, confidence=0.9, evidence=MET.evidence[1:])
    unscored = dataclasses.replace(MET, evidence=MET.evidence[:1])
    for its, expected in (([low, high], 0.9), ([high, unscored], 0.9), ([unscored], None)):
        G = build_multigraph(ACTORS, its)
        assert G.edges["qaani", "kh", MET.id]["confidence"] == expected
