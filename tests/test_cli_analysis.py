"""The analysis commands on a small SQLite store, through the real CLI group."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from actornet.cli import main
from actornet.model import (
    Actor,
    ActorKind,
    Affiliation,
    AffiliationKind,
    ClaimStatus,
    Document,
    DocumentExtraction,
    Evidence,
    Interaction,
    InteractionType,
    Role,
)
from actornet.store.sqlite import SqliteStore
from factories import HIGH, KADHIMI, NUJABA, QAANI, extraction, meeting

P, ORG = ActorKind.PERSON, ActorKind.ORGANIZATION
TEXT_A = (
    "Iraqi sources reported that on November 18, the Commander of the IRGC's Qods Force, "
    "Qasem Soleimani, visited Baghdad. On November 7, 2021, Esmail Qa'ani met Prime Minister "
    "Mustafa al-Kadhimi in Baghdad. Qa'ani also met the leaders of Kataib Hezbollah."
)
TEXT_B = (
    "In October 2021 al-Kadhimi reportedly received a Nujaba delegation. "
    "A Nujaba spokesman denied that the group attacked Ain al-Asad. "
    "In March 2020 Qa'ani met Kataib Hezbollah commanders in Baghdad."
)
ACTORS = [
    Actor("iran", "Iran", ActorKind.COUNTRY, country="IRN"),
    Actor("qods-force", "Qods Force", ORG, ("IRGC-QF",), country="IRN", state=True),
    Actor(
        "qaani",
        "Esmail Qa'ani",
        P,
        ("Qaani",),
        country="IRN",
        roles=(Role("commander", "qods-force", "2020-01-03"),),
    ),
    Actor(
        "soleimani",
        "Qasem Soleimani",
        P,
        country="IRN",
        died="2020-01-03",
        roles=(Role("commander", "qods-force", "1998", "2020-01-03"),),
    ),
    Actor("kadhimi", "Mustafa al-Kadhimi", P, ("Kadhimi",), country="IRQ"),
    Actor("kh", "Kataib Hezbollah", ORG, country="IRQ", proxy=True),
    Actor("nujaba", "Harakat al-Nujaba", ORG, ("Nujaba",), country="IRQ", proxy=True),
    Actor("baghdad", "Baghdad", ActorKind.PLACE, country="IRQ"),
    Actor("ain-al-asad", "Ain al-Asad", ActorKind.PLACE, country="IRQ"),
]


def ev(doc: str, text: str, quote: str) -> Evidence:
    start = text.index(quote)
    return Evidence(doc, start, start + len(quote), quote)


def interactions() -> tuple[list[Interaction], list[Interaction]]:
    a, b = "a.txt", "b.txt"
    met, visited = InteractionType.MET_WITH, InteractionType.VISITED
    first = [
        Interaction(
            visited,
            "soleimani",
            "baghdad",
            "2020-11-18",
            status=ClaimStatus.REPORTED,
            evidence=[ev(a, TEXT_A, "Qasem Soleimani, visited Baghdad")],
        ),
        Interaction(
            met,
            "qaani",
            "kadhimi",
            "2021-11-07",
            evidence=[ev(a, TEXT_A, "Esmail Qa'ani met Prime Minister Mustafa al-Kadhimi")],
        ),
        Interaction(
            met,
            "qaani",
            "kh",
            "2021-11",
            evidence=[ev(a, TEXT_A, "Qa'ani also met the leaders of Kataib Hezbollah")],
        ),
    ]
    second = [
        Interaction(
            met,
            "nujaba",
            "kadhimi",
            "2021-10",
            status=ClaimStatus.REPORTED,
            evidence=[ev(b, TEXT_B, "al-Kadhimi reportedly received a Nujaba delegation")],
        ),
        Interaction(
            InteractionType.ATTACKED,
            "nujaba",
            "ain-al-asad",
            "2021-10",
            status=ClaimStatus.DENIED,
            evidence=[ev(b, TEXT_B, "denied that the group attacked Ain al-Asad")],
        ),
        Interaction(
            met,
            "qaani",
            "kh",
            "2020-03",
            evidence=[ev(b, TEXT_B, "Qa'ani met Kataib Hezbollah commanders")],
        ),
    ]
    return first, second


def doc(doc_id: str, text: str, start: str) -> Document:
    return Document(
        doc_id, f"/r/{doc_id}", text, Document.hash_text(text), title=doc_id, period_start=start
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("store") / "net.db"
    first, second = interactions()
    affs = [
        Affiliation(AffiliationKind.HOLDS_ROLE, "qaani", "qods-force", "commander", "2020-01-03")
    ]
    with SqliteStore(path) as store:
        store.replace_document(
            DocumentExtraction(doc("a.txt", TEXT_A, "2020-11"), ACTORS, first, affs)
        )
        store.replace_document(DocumentExtraction(doc("b.txt", TEXT_B, "2021-10"), ACTORS, second))
    return str(path)


def run(db: str, *args: str) -> str:
    runner = CliRunner(env={"COLUMNS": "400"})  # wide tables: no wrapped phrases
    result = runner.invoke(main, [*args, "--db", db], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def run_json(db: str, *args: str) -> dict:
    return json.loads(run(db, *args, "--json"))


def test_paths_json_default_tehran_to_proxies_with_verbatim_quotes(db: str) -> None:
    data = run_json(db, "paths")
    assert set(data) == {"paths"} and data["paths"]
    texts = {"a.txt": TEXT_A, "b.txt": TEXT_B}
    targets = set()
    for p in data["paths"]:
        assert set(p) == {"source", "target", "strength", "hops", "alternatives"}
        targets.add(p["target"]["id"])
        assert (
            p["hops"][0]["from"] == p["source"]["id"] and p["hops"][-1]["to"] == p["target"]["id"]
        )
        for hop in p["hops"]:
            assert set(hop) == {
                "from", "to", "type", "date", "status", "role_edge", "evidence", "confidence",
            }  # fmt: skip
            for e in hop["evidence"]:
                assert texts[e["document"]][e["start"] : e["end"]] == e["quote"]
    assert targets == {"kh", "nujaba"}
    best_kh = next(p for p in data["paths"] if p["target"]["id"] == "kh")
    assert [h["to"] for h in best_kh["hops"]] == ["kh"] and best_kh["source"]["id"] == "qaani"


def test_paths_text_and_specs(db: str) -> None:
    out = run(db, "paths", "--from", "Qaani", "--to", "Nujaba", "--max-hops", "2")
    assert "Esmail Qa'ani -> Harakat al-Nujaba" in out
    assert "“al-Kadhimi reportedly received a Nujaba delegation”" in out
    out = run(db, "paths", "--from", "Qaani", "--to", "Nujaba", "--max-hops", "1")
    assert "No path of at most 1 hop." in out


def test_unknown_actor_is_one_line_error(db: str) -> None:
    result = CliRunner().invoke(main, ["paths", "--from", "Hamas", "--db", db])
    assert result.exit_code == 1
    assert result.output.strip() == "error: no actor matches 'Hamas'"
    result = CliRunner().invoke(main, ["ego", "proxies", "--db", db])
    assert result.exit_code == 1 and "give one actor" in result.output


def test_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["centrality", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "no such store" in result.output


def test_centrality_brokers_communities(db: str) -> None:
    data = run_json(db, "centrality", "--top", "3")
    assert set(data["centrality"]) == {
        "degree",
        "weighted_degree",
        "betweenness",
        "pagerank",
        "closeness",
    }
    assert data["centrality"]["degree"][0]["id"] == "qaani"
    periods = run_json(db, "centrality", "--period", "year", "-m", "degree")
    assert (
        list(periods["periods"]) == ["2020", "2021"] and periods["changes"][0]["before"] == "2020"
    )
    brokers = run_json(db, "brokers")["brokers"]
    # Qods Force links Soleimani's side to Qa'ani's with two links: the top broker
    assert [b["id"] for b in brokers][:2] == ["qods-force", "qaani"]
    assert brokers[0]["degree"] == 2 and brokers[1]["betweenness"] > brokers[0]["betweenness"]
    groups = run_json(db, "communities")["communities"]
    assert sum(c["size"] for c in groups) == 9
    assert "Esmail Qa'ani" in run(db, "centrality")


def test_ego_timeline_activity(db: str) -> None:
    data = run_json(db, "ego", "Qaani", "--radius", "1")
    assert data["actor"]["id"] == "qaani"
    assert {n["id"] for n in data["nodes"]} == {"qaani", "kadhimi", "kh", "qods-force"}
    events = run_json(db, "timeline", "Kataib Hezbollah")["events"]
    assert [e["date"] for e in events] == ["2020-03", "2021-11"]
    assert events[0]["evidence"][0]["quote"] == "Qa'ani met Kataib Hezbollah commanders"
    act = run_json(db, "activity")["activity"]
    assert act["2020-03"] == {"MET_WITH": 1} and act["2021-10"] == {"MET_WITH": 1}
    assert (
        "2021-10" not in run_json(db, "activity", "--include-denied", "--until", "2020")["activity"]
    )
    assert "Qa'ani met Kataib Hezbollah commanders" in run(db, "timeline", "kh")


def test_flags(db: str) -> None:
    found = run_json(db, "flags")["flags"]
    kinds = [f["kind"] for f in found]
    assert kinds[0] == "contradiction" and found[0]["actors"] == ["soleimani"]
    assert "denied" in kinds
    keys = {"kind", "severity", "detail", "reason", "actors", "evidence", "interactions", "settle"}
    assert all(set(f) == keys for f in found)
    assert found[0]["settle"] == [
        f"actornet judge {verb} {iid}"
        for iid in found[0]["interactions"]
        for verb in ("reject", "confirm")
    ]
    assert [f["kind"] for f in run_json(db, "flags", "--severity", "high")["flags"]] == [
        "contradiction"
    ]
    assert "after the recorded death" in run(db, "flags")


# -- confidence -------------------------------------------------------------------------

LOW = 0.02  # under any sensible threshold


@pytest.fixture(scope="module")
def scored_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same network, Qa'ani's two meetings with Kataib Hezbollah scored LOW, the
    Nujaba delegation 0.9, the rest never scored."""
    path = tmp_path_factory.mktemp("scored") / "net.db"
    first, second = interactions()
    for it in (*first, *second):
        if (it.source, it.target) == ("qaani", "kh"):
            it.confidence = LOW
        elif it.source == "nujaba" and it.type is InteractionType.MET_WITH:
            it.confidence = 0.9
    with SqliteStore(path) as store:
        store.replace_document(DocumentExtraction(doc("a.txt", TEXT_A, "2020-11"), ACTORS, first))
        store.replace_document(DocumentExtraction(doc("b.txt", TEXT_B, "2021-10"), ACTORS, second))
    return str(path)


def test_paths_run_over_the_confident_interactions(scored_db: str) -> None:
    one_hop = ["paths", "--from", "Qaani", "--to", "kh", "--max-hops", "1"]
    assert "No path of at most 1 hop." in run(scored_db, *one_hop)
    out = run(scored_db, *one_hop, "--min-confidence", "0")
    assert "Esmail Qa'ani -> Kataib Hezbollah" in out
    assert "MET_WITH 2021-11 asserted, confidence 0.02]->" in out
    (path,) = [
        p
        for p in run_json(scored_db, *one_hop, "--min-confidence", "0")["paths"]
        if p["target"]["id"] == "kh"
    ]
    assert [h["confidence"] for h in path["hops"]] == [LOW]
    nujaba = run_json(scored_db, "paths", "--from", "Qaani", "--to", "Nujaba")["paths"][0]
    assert [h["confidence"] for h in nujaba["hops"]] == [None, 0.9]  # never scored, scored


def test_report_is_built_from_the_confident_interactions(scored_db: str, tmp_path: Path) -> None:
    from actornet.confidence import default_min_confidence

    def report(*extra: str) -> dict:
        out = tmp_path / "r.json"
        run(scored_db, "report", "--format", "json", "-o", str(out), *extra)
        return json.loads(out.read_text(encoding="utf-8"))

    shown, everything = report(), report("--min-confidence", "0")
    assert shown["summary"]["min_confidence"] == default_min_confidence()
    assert everything["summary"]["min_confidence"] == 0.0
    assert everything["summary"]["interactions"] == shown["summary"]["interactions"] + 2
    assert everything["summary"]["interactions_by_type"]["MET_WITH"] == 4
    assert shown["summary"]["interactions_by_type"]["MET_WITH"] == 2
    hops = [h for p in shown["paths"] for h in p["hops"]]
    assert LOW not in [h["confidence"] for h in hops] and hops
    text = run(scored_db, "report", "--min-confidence", "0")
    assert "at least 0.00 (confirmed and never-scored ones always kept)" in text
    assert "MET_WITH 2021-11 asserted, confidence 0.02]-> Kataib Hezbollah" in text
    md = tmp_path / "r.md"
    run(scored_db, "report", "--format", "md", "-o", str(md))
    assert f"| Confidence | at least {default_min_confidence():.2f} (" in md.read_text()
    assert "confidence 0.02]" not in md.read_text()


def test_flags_list_the_unconfident_until_confirmed(scored_db: str, tmp_path: Path) -> None:
    db = tmp_path / "copy.db"
    shutil.copy(scored_db, db)  # the module's store stays unjudged
    found = run_json(str(db), "flags", "--kind", "low_confidence")["flags"]
    assert len(found) == 2 and {f["severity"] for f in found} == {"low"}
    for f in found:
        (iid,) = f["interactions"]
        assert f["settle"] == [f"actornet judge confirm {iid}"]
        assert f["detail"].startswith("confidence 0.02, under the threshold ")
        assert "Esmail Qa'ani MET_WITH Kataib Hezbollah" in f["detail"] and f["evidence"]
    assert "actornet judge confirm" in run(str(db), "flags")
    CliRunner().invoke(main, ["judge", "confirm", found[0]["interactions"][0], "--db", str(db)])
    after = run_json(str(db), "flags", "--kind", "low_confidence")["flags"]
    assert [f["interactions"] for f in after] == [found[1]["interactions"]]
    # the report shows them only when it is built from them
    assert "low_confidence" not in run(scored_db, "report")
    assert "low_confidence" in run(scored_db, "report", "--min-confidence", "0")


# One confident and one unconfident interaction: every command that builds the analysis
# network (or lists interactions) leaves the unconfident one out by default, as `report`
# does, and keeps it with --min-confidence 0.

EVERYTHING = ("--min-confidence", "0")
WITH_KADHIMI = (QAANI.id, KADHIMI.id)
WITH_NUJABA = (QAANI.id, NUJABA.id)


@pytest.fixture(scope="module")
def pair_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """Qa'ani met al-Kadhimi (confidence HIGH, 2021-11-07) and Nujaba (LOW, 2020-03-01),
    both unconfirmed claims (so both can be flagged)."""
    path = tmp_path_factory.mktemp("pair") / "net.db"
    unconfirmed = ClaimStatus.UNCONFIRMED
    met = [
        meeting("p.txt", *WITH_KADHIMI, "2021-11-07", status=unconfirmed, confidence=HIGH),
        meeting("p.txt", *WITH_NUJABA, "2020-03-01", status=unconfirmed, confidence=LOW),
    ]
    with SqliteStore(path) as store:
        store.replace_document(extraction("p.txt", [QAANI, KADHIMI, NUJABA], met))
    return str(path)


def test_centrality_reads_the_confident_interactions(pair_db: str) -> None:
    def degrees(*extra: str) -> dict[str, int]:
        data = run_json(pair_db, "centrality", "-m", "degree", *extra)["centrality"]
        return {r["id"]: r["score"] for r in data["degree"]}

    assert degrees() == {QAANI.id: 1, KADHIMI.id: 1, NUJABA.id: 0}
    assert degrees(*EVERYTHING) == {QAANI.id: 2, KADHIMI.id: 1, NUJABA.id: 1}
    assert list(run_json(pair_db, "centrality", "--period", "year")["periods"]) == ["2021"]
    by_year = run_json(pair_db, "centrality", "--period", "year", *EVERYTHING)["periods"]
    assert list(by_year) == ["2020", "2021"]
    assert NUJABA.name not in run(pair_db, "centrality", "--period", "year")


def test_brokers_read_the_confident_interactions(pair_db: str) -> None:
    assert run_json(pair_db, "brokers")["brokers"] == []  # one link: nobody in between
    (broker,) = run_json(pair_db, "brokers", *EVERYTHING)["brokers"]
    assert broker["id"] == QAANI.id and broker["degree"] == 2


def test_communities_read_the_confident_interactions(pair_db: str) -> None:
    def groups(*extra: str) -> list[set[str]]:
        found = run_json(pair_db, "communities", *extra)["communities"]
        return [{m["id"] for m in c["members"]} for c in found]

    assert groups() == [set(WITH_KADHIMI), {NUJABA.id}]
    assert groups(*EVERYTHING) == [{*WITH_KADHIMI, NUJABA.id}]


def test_ego_reads_the_confident_interactions(pair_db: str) -> None:
    def around(*extra: str) -> set[str]:
        return {n["id"] for n in run_json(pair_db, "ego", "Qaani", *extra)["nodes"]}

    assert around() == set(WITH_KADHIMI)
    assert around(*EVERYTHING) == {*WITH_KADHIMI, NUJABA.id}


def test_timeline_lists_the_confident_interactions(pair_db: str) -> None:
    assert run_json(pair_db, "timeline", "Nujaba")["events"] == []
    (event,) = run_json(pair_db, "timeline", "Nujaba", *EVERYTHING)["events"]
    assert (event["date"], event["other"]["id"]) == ("2020-03-01", QAANI.id)
    assert [e["date"] for e in run_json(pair_db, "timeline", "Qaani")["events"]] == ["2021-11-07"]


def test_activity_counts_the_confident_interactions(pair_db: str) -> None:
    assert run_json(pair_db, "activity")["activity"] == {"2021-11": {"MET_WITH": 1}}
    everything = run_json(pair_db, "activity", "--period", "year", *EVERYTHING)["activity"]
    assert everything == {"2020": {"MET_WITH": 1}, "2021": {"MET_WITH": 1}}


def test_plot_draws_the_confident_interactions(
    pair_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actornet.report import plot as plot_module

    drawn: list[set[frozenset[str]]] = []
    draw = plot_module.draw_network

    def spy(data: Any, **kw: Any) -> Any:
        drawn.append({frozenset(edge) for edge in data.graph.edges()})
        return draw(data, **kw)

    monkeypatch.setattr(plot_module, "draw_network", spy)
    for extra in ((), EVERYTHING):
        run(pair_db, "plot", "-o", str(tmp_path / "net.svg"), *extra)
    assert drawn == [
        {frozenset(WITH_KADHIMI)},
        {frozenset(WITH_KADHIMI), frozenset(WITH_NUJABA)},
    ]


def test_flags_are_about_the_confident_and_list_the_others_as_low_confidence(
    pair_db: str,
) -> None:
    def found(*extra: str) -> list[tuple[str, tuple[str, ...]]]:
        kinds = ("--kind", "unconfirmed", "--kind", "low_confidence")
        flags = run_json(pair_db, "flags", *kinds, *extra)["flags"]
        return sorted((f["kind"], tuple(f["actors"])) for f in flags)

    # by default the unconfident claim is flagged as such, not as an unconfirmed claim
    assert found() == [("low_confidence", WITH_NUJABA), ("unconfirmed", WITH_KADHIMI)]
    # --min-confidence 0 shows every interaction: nothing is under the threshold
    assert found(*EVERYTHING) == sorted(
        [("unconfirmed", WITH_KADHIMI), ("unconfirmed", WITH_NUJABA)]
    )
    # over both: both are low-confidence flags, and no other flag is about them
    assert found("--min-confidence", "0.99") == sorted(
        [("low_confidence", WITH_KADHIMI), ("low_confidence", WITH_NUJABA)]
    )
    detail = run(pair_db, "flags", "--kind", "low_confidence", "--min-confidence", "0.99")
    assert "under the threshold 0.99" in detail


@pytest.mark.parametrize("fmt", ["json", "md", "html", "text"])
def test_report_formats(db: str, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"report.{fmt}"
    run(db, "report", "--format", fmt, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    if fmt == "json":
        data = json.loads(text)
        assert data["summary"]["documents"] == 2 and data["paths"]
    else:
        for title in (
            "Summary",
            "Top actors",
            "Brokers",
            "Communities",
            "Tehran-to-proxy paths",
            "Activity by month",
            "Flags",
        ):
            assert title in text, title
        assert "Qasem Soleimani" in text


def test_report_html_is_self_contained(db: str, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    run(db, "report", "--format", "html", "-o", str(out))
    page = out.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert "<svg" in page and 'class="an-viewer"' in page
    assert "@import" not in page and "url(http" not in page


def test_report_to_terminal(db: str) -> None:
    out = run(db, "report", "--top", "3")
    assert "Tehran-to-proxy paths" in out and "Qa'ani also met the leaders of Kataib" in out


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_plot(db: str, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"net{suffix}"
    run(db, "plot", "-o", str(out), "--seed", "3")
    head = out.read_bytes()[:200]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head or b"<?xml" in head


def test_plot_rejects_unknown_formats(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["plot", "-o", str(tmp_path / "x.gif"), "--db", db])
    assert result.exit_code == 1 and "must end in .png, .svg or .pdf" in result.output
