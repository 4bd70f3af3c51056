"""`actornet actors | interactions | export`, plus actor look-up and the export schema."""

from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path
from typing import IO

import networkx as nx
import pytest
from click.testing import CliRunner, Result

from actornet.cli import main, query_cmds
from actornet.export import export_json, interaction_to_dict
from actornet.model import InteractionType
from actornet.store.base import GraphStore
from actornet.store.lookup import find_actors
from actornet.store.sqlite import SqliteStore
from factories import (
    BAGHDAD,
    HIGH,
    KADHIMI,
    LOW,
    NUJABA,
    QAANI,
    QODS,
    US_BASE,
    extraction,
    meeting,
    person,
    sample_extractions,
    scored_extractions,
)

ALL_ACTORS = [QAANI, KADHIMI, NUJABA, QODS, BAGHDAD, US_BASE]


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "a.db")
    with SqliteStore(path) as store:
        for ex in sample_extractions():
            store.replace_document(ex)
    return path


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def run_json(*args: str) -> list | dict:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# -- lookup -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("esmail-qaani", ["esmail-qaani"]),  # id
        ("Qa’ani", ["esmail-qaani"]),  # curly apostrophe -> alias "Qaani"
        ("QAANI", ["esmail-qaani"]),
        ("esmail qa'ani", ["esmail-qaani"]),
        ("al kadhimi", ["mustafa-al-kadhimi"]),  # whole words inside "mustafa al kadhimi"
        ("the Qods Force", ["qods-force"]),  # a leading "the" is dropped
        ("IRGC QF", ["qods-force"]),  # dash-insensitive alias
        ("al", ["ain-al-asad", "harakat-al-nujaba", "mustafa-al-kadhimi"]),
        ("kadh", []),  # no partial words
        ("", []),
        ("...", []),
    ],
)
def test_find_actors(query: str, expected: list[str]) -> None:
    assert sorted(a.id for a in find_actors(ALL_ACTORS, query)) == expected


def test_find_actors_prefers_exact_names_to_word_matches() -> None:
    iran = person("iran", "Iran")
    iran_gov = person("iran-gov", "Government of Iran")
    assert [a.id for a in find_actors([iran_gov, iran], "iran")] == ["iran"]
    assert [a.id for a in find_actors([iran_gov, iran], "IRAN-GOV")] == ["iran-gov"]


# -- export schema ----------------------------------------------------------------------


def test_export_has_the_scorer_schema(db: str) -> None:
    with SqliteStore(db) as store:
        data = export_json(store)
    assert set(data) == {"actors", "interactions", "documents"}
    assert set(data["actors"][0]) == {
        "id", "name", "kind", "aliases", "descriptions", "country", "proxy", "state",
        "parent", "roles", "died", "origin",
    }  # fmt: skip
    assert set(data["interactions"][0]) == {
        "id", "type", "source", "target", "date", "date_precision", "place", "status", "mode",
        "implicit", "documents", "cited_sources", "confirmed_by", "confidence", "evidence",
    }  # fmt: skip
    assert set(data["interactions"][0]["evidence"][0]) == {
        "document", "document_path", "quote", "start", "end", "cited_source", "section",
    }  # fmt: skip
    assert set(data["documents"][0]) == {
        "id", "name", "title", "sha256", "period_start", "period_end", "period_stated",
    }  # fmt: skip
    qaani = next(a for a in data["actors"] if a["id"] == QAANI.id)
    assert qaani["roles"] == [
        {"title": "commander", "org": "qods-force", "start": "2020-01-03", "end": None}
    ]
    meeting = next(i for i in data["interactions"] if i["type"] == "MET_WITH")
    assert meeting["date_precision"] == "day"
    assert meeting["documents"] == ["000_a.txt", "001_b.txt"]
    assert meeting["cited_sources"] == ["Tasnim"]
    assert [a["id"] for a in data["actors"]] == sorted(a.id for a in ALL_ACTORS)
    assert [i["date"] for i in data["interactions"]] == sorted(
        i["date"] for i in data["interactions"]
    )
    json.dumps(data)  # plain JSON types only


# -- actors -----------------------------------------------------------------------------


def test_actors_table(db: str) -> None:
    result = run("actors", "--db", db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    qaani = next(line for line in lines if "esmail-qaani" in line)
    assert "Esmail Qa’ani" in qaani
    assert qaani.rstrip(" │").endswith("2")  # mentioned by both documents
    assert "6 actors" in result.stdout


def test_actors_json(db: str) -> None:
    data = run_json("actors", "--db", db, "--json")["actors"]
    assert [a["id"] for a in data] == sorted(a.id for a in ALL_ACTORS)
    by_id = {a["id"]: a for a in data}
    assert by_id[QAANI.id]["documents"] == ["000_a.txt", "001_b.txt"]
    assert by_id[NUJABA.id]["proxy"] is True


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--kind", "person"], [QAANI.id, KADHIMI.id]),
        (["--kind", "Place"], [US_BASE.id, BAGHDAD.id]),
        (["--proxy"], [NUJABA.id]),
        (["--search", "Qa’ani"], [QAANI.id]),
        (["--search", "nujaba", "--kind", "Person"], []),
    ],
)
def test_actors_filters(db: str, args: list[str], expected: list[str]) -> None:
    data = run_json("actors", "--db", db, "--json", *args)["actors"]
    assert sorted(a["id"] for a in data) == sorted(expected)


# -- interactions -----------------------------------------------------------------------


def test_interactions_table(db: str) -> None:
    result = run("interactions", "--db", db)
    assert result.exit_code == 0
    meeting = next(line for line in result.stdout.splitlines() if "MET_WITH" in line)
    for cell in ("2021-11-07", "Esmail Qa’ani", "Mustafa al-Kadhimi", "asserted", "in_person"):
        assert cell in meeting
    assert "Qa’ani met al-Kadhimi in Baghdad." in meeting
    assert "000_a.txt, 001_b.txt" in meeting
    assert "(unknown)" in result.stdout  # the attack with no known source
    assert "4 interactions" in result.stdout


LONG_QUOTE = (
    "According to another report, prior to his visit in Baghdad, Qa’ani visited Damascus and "
    "Beirut and met with President Assad and the Secretary General of Hezbollah, Hassan "
    "Nasrallah, to discuss the coordination of the axis after the American elections (BBC)."
)


@pytest.mark.parametrize("columns", [120, 200])
def test_interactions_table_wraps_whole_quotes_to_the_terminal(
    tmp_path: Path, columns: int
) -> None:
    path = str(tmp_path / "q.db")
    with SqliteStore(path) as store:
        store.replace_document(
            extraction(
                "r.txt",
                actors=[QAANI, KADHIMI],
                interactions=[meeting("r.txt", QAANI.id, KADHIMI.id, "2020-11", LONG_QUOTE)],
            )
        )
    result = CliRunner(env={"COLUMNS": str(columns)}).invoke(
        main, ["interactions", "--db", path], catch_exceptions=False
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) == columns  # the table fills the terminal
    assert "…" not in result.stdout
    cells = [line.split("│")[9].strip() for line in lines if line.count("│") == 11]
    assert " ".join(c for c in cells if c) == LONG_QUOTE  # every word, in order
    # the quote takes the width the other columns leave (no fixed ~80 characters)
    assert max(len(c) for c in cells) > (80 if columns == 200 else 20)


def test_interactions_json_matches_the_store(db: str) -> None:
    with SqliteStore(db) as store:
        expected = [interaction_to_dict(i) for i in store.interactions()]
    assert run_json("interactions", "--db", db, "--json")["interactions"] == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "met_with"], ["MET_WITH"]),
        (["--type", "ATTACKED", "--type", "Visited"], ["VISITED", "ATTACKED", "ATTACKED"]),
        (["--actor", "Qa’ani"], ["VISITED", "MET_WITH"]),
        (["--actor", "ain-al-asad", "--status", "denied"], ["ATTACKED"]),
        (["--status", "reported", "--status", "denied"], ["ATTACKED"]),
        (["--since", "2021-11-15"], ["VISITED", "ATTACKED", "ATTACKED"]),
        (["--since", "2021-11-15", "--until", "2021-11-30"], ["VISITED"]),
        (["--limit", "1"], ["VISITED"]),
    ],
)
def test_interactions_filters(db: str, args: list[str], expected: list[str]) -> None:
    data = run_json("interactions", "--db", db, "--json", *args)["interactions"]
    assert [i["type"] for i in data] == expected


def test_unknown_actor_is_one_line_error(db: str) -> None:
    result = run("interactions", "--db", db, "--actor", "xyz")
    assert result.exit_code == 1
    assert result.stderr == "error: no actor matches 'xyz'\n"
    assert result.stdout == ""


def test_ambiguous_actor_lists_candidates(db: str) -> None:
    result = run("interactions", "--db", db, "--actor", "al")
    assert result.exit_code == 1
    assert len(result.stderr.splitlines()) == 1
    for actor_id in ("ain-al-asad", "harakat-al-nujaba", "mustafa-al-kadhimi"):
        assert actor_id in result.stderr


def test_bad_date_is_a_usage_error(db: str) -> None:
    result = run("interactions", "--db", db, "--since", "last week")
    assert result.exit_code == 2
    assert "YYYY" in result.stderr


@pytest.mark.parametrize("command", ["actors", "interactions", "export"])
def test_missing_db_is_one_line_error(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.db"
    result = run(command, "--db", str(missing))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: {missing}: no such store")
    assert not missing.exists()


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (["actors"], "actors"),
        (["interactions"], "interactions"),
        (["judge", "list"], "judgements"),
        (["flags"], "flags"),
        (["paths"], "paths"),
        (["brokers"], "brokers"),
        (["communities"], "communities"),
    ],
)
def test_every_listing_prints_one_object_named_for_its_records(
    db: str, args: list[str], key: str
) -> None:
    data = run_json(*args, "--db", db, "--json")
    assert isinstance(data, dict) and isinstance(data[key], list)


def test_db_from_environment(db: str) -> None:
    result = CliRunner(env={"ACTORNET_DB": db}).invoke(main, ["actors", "--json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["actors"]) == 6


# -- export -----------------------------------------------------------------------------


def test_export_stdout_and_file_are_identical(db: str, tmp_path: Path) -> None:
    stdout = run("export", "--db", db, "--format", "json")
    assert stdout.exit_code == 0
    out = tmp_path / "out.json"
    result = run("export", "--db", db, "-o", str(out))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert out.read_text(encoding="utf-8") == stdout.stdout
    with SqliteStore(db) as store:
        assert json.loads(stdout.stdout) == export_json(store)
    assert "Qa’ani" in out.read_text(encoding="utf-8")  # not \u-escaped
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not mkstemp's 0600


def test_csv_export_writes_plain_csv_files_into_a_folder(db: str, tmp_path: Path) -> None:
    out = tmp_path / "net"
    result = run("export", "--db", db, "--format", "csv", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "actors.csv",
        "evidence.csv",
        "interactions.csv",
    ]
    with open(out / "actors.csv", encoding="utf-8", newline="") as fh:
        actors = list(csv.DictReader(fh))
    assert {"esmail-qaani", "harakat-al-nujaba"} <= {a["id"] for a in actors}
    with open(out / "interactions.csv", encoding="utf-8", newline="") as fh:
        links = [r for r in csv.DictReader(fh) if r["role_edge"] == "False"]
    evidence_columns = {"quote", "document", "start", "end", "cited_source", "confidence"}
    assert links and evidence_columns <= set(links[0])
    exported = {i["id"]: i for i in run_json("export", "--db", db)["interactions"]}
    for r in links:  # each row carries its interaction's first piece of evidence
        first = exported[r["id"]]["evidence"][0]
        assert (r["quote"], r["document"]) == (first["quote"], first["document"])
        assert (int(r["start"]), int(r["end"])) == (first["start"], first["end"])
    with open(out / "evidence.csv", encoding="utf-8", newline="") as fh:
        assert len(list(csv.DictReader(fh))) >= len(links)
    # to stdout: interactions.csv as text, never a zip
    printed = run("export", "--db", db, "--format", "csv")
    assert printed.exit_code == 0 and not printed.stdout_bytes.startswith(b"PK")
    assert printed.stdout == (out / "interactions.csv").read_text(encoding="utf-8")
    # a file name is refused on one line, nothing written
    refused = run("export", "--db", db, "--format", "csv", "-o", str(tmp_path / "net.csv"))
    assert refused.exit_code == 1 and "-o DIR" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1 and not (tmp_path / "net.csv").exists()


def test_export_rejects_unknown_format(db: str) -> None:
    assert run("export", "--db", db, "--format", "xml").exit_code == 2


def test_failed_export_leaves_no_file(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out.json"
    out.write_text("previous export")

    def half_then_fail(store: GraphStore, stream: IO[bytes]) -> None:
        stream.write(b'{"actors": [')
        raise RuntimeError("interrupted")

    monkeypatch.setitem(query_cmds.WRITERS, "json", half_then_fail)
    with pytest.raises(RuntimeError):
        run("export", "--db", db, "-o", str(out))
    assert out.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith("a.db")] == ["out.json"]


def test_export_into_missing_directory_is_one_line_error(db: str, tmp_path: Path) -> None:
    result = run("export", "--db", db, "-o", str(tmp_path / "nope" / "out.json"))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1


# -- confidence -------------------------------------------------------------------------


@pytest.fixture
def scored_db(tmp_path: Path) -> str:
    path = str(tmp_path / "scored.db")
    with SqliteStore(path) as store:
        for ex in scored_extractions():
            store.replace_document(ex)
    return path


def kinds(data: list[dict]) -> list[tuple[str, str | None]]:
    return [(i["type"], i["source"]) for i in data]


def confidences(data: list[dict]) -> dict[tuple[str, str | None], float | None]:
    return {(i["type"], i["source"]): i["confidence"] for i in data}


ALL_SCORED = {
    ("VISITED", QAANI.id): LOW,
    ("MET_WITH", QAANI.id): 0.988,
    ("ATTACKED", None): None,
    ("ATTACKED", NUJABA.id): 0.04,
}


def test_export_json_has_confidence_and_leaves_out_the_unconfident(scored_db: str) -> None:
    data = run_json("export", "--db", scored_db)
    # the default threshold: the visit (LOW) and the denied attack (0.04) are left out;
    # the attack by an unknown actor was never scored, so it passes
    assert kinds(data["interactions"]) == [("MET_WITH", QAANI.id), ("ATTACKED", None)]
    meeting, unknown = data["interactions"]
    assert meeting["confidence"] == round(HIGH, 3) == 0.988  # the max over its documents
    assert unknown["confidence"] is None
    assert len(data["actors"]) == 6  # actors stay: only interactions are filtered
    everything = run_json("export", "--db", scored_db, "--min-confidence", "0")["interactions"]
    assert confidences(everything) == ALL_SCORED
    some = run_json("export", "--db", scored_db, "--min-confidence", "0.03")["interactions"]
    assert confidences(some) == {k: v for k, v in ALL_SCORED.items() if k[0] != "VISITED"}
    with SqliteStore(scored_db) as store:
        assert len(store.interactions()) == 4  # the store keeps everything


def test_min_confidence_must_be_a_probability(scored_db: str) -> None:
    for bad in ("1.5", "-0.1", "high"):
        result = run("export", "--db", scored_db, "--min-confidence", bad)
        assert result.exit_code == 2 and "--min-confidence" in result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf", "csv"])
def test_graph_exports_are_filtered_and_carry_confidence(scored_db: str, fmt: str) -> None:
    def edges(*extra: str) -> dict[str, str]:
        result = run("export", "--db", scored_db, "--format", fmt, *extra)
        assert result.exit_code == 0, result.stderr
        if fmt == "csv":  # to stdout: interactions.csv, plain text
            rows = csv.DictReader(io.StringIO(result.stdout))
            return {r["relation"]: r["confidence"] for r in rows if r["role_edge"] == "False"}
        read = nx.read_graphml if fmt == "graphml" else nx.read_gexf
        G = read(io.BytesIO(result.stdout_bytes))
        key = "relation" if fmt == "gexf" else "type"
        return {
            d[key]: str(d.get("confidence", ""))
            for *_, d in G.edges(data=True)
            if d[key] in {t.value for t in InteractionType}
        }

    # the unknown attacker's attack is never a graph edge (no source node)
    assert edges() == {"MET_WITH": "0.988"}
    assert edges("--min-confidence", "0") == {
        "MET_WITH": "0.988",
        "VISITED": str(LOW),
        "ATTACKED": "0.04",
    }


def test_interactions_show_confidence_and_filter(scored_db: str) -> None:
    result = run("interactions", "--db", scored_db)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    meeting = next(line for line in lines if "MET_WITH" in line)
    assert " 0.99 " in meeting  # two decimals
    unknown = next(line for line in lines if "(unknown)" in line)
    assert " – " in unknown  # never scored
    assert "VISITED" not in result.stdout and "2 interactions" in result.stdout
    header = next(line for line in lines if "quote" in line)
    assert "confidence" in header
    everything = run("interactions", "--db", scored_db, "--min-confidence", "0").stdout
    assert " 0.02 " in next(line for line in everything.splitlines() if "VISITED" in line)
    data = run_json("interactions", "--db", scored_db, "--json", "--min-confidence", "0")[
        "interactions"
    ]
    assert confidences(data) == ALL_SCORED
    assert kinds(run_json("interactions", "--db", scored_db, "--json")["interactions"]) == [
        ("MET_WITH", QAANI.id),
        ("ATTACKED", None),
    ]


def test_a_confirmed_interaction_passes_every_filter(scored_db: str) -> None:
    with SqliteStore(scored_db) as store:
        (visit,) = [i for i in store.interactions() if i.type is InteractionType.VISITED]
    assert run("judge", "confirm", visit.id, "--db", scored_db, "--by", "ana").exit_code == 0
    for args in (["interactions", "--json"], ["export"]):
        data = run_json(*args, "--db", scored_db, "--min-confidence", "1")
        shown = data["interactions"]  # the same shape from both
        # at 1 only the never-scored attack would pass; the confirmed visit (LOW) passes too
        assert confidences(shown) == {("VISITED", QAANI.id): LOW, ("ATTACKED", None): None}
        assert [i["confirmed_by"] for i in shown if i["id"] == visit.id] == [["ana"]]


@pytest.mark.parametrize("command", query_cmds.COMMANDS)
def test_commands_are_documented(command: object) -> None:
    assert command.help  # type: ignore[attr-defined]
    assert all(p.help for p in command.params if p.param_type_name == "option")  # type: ignore[attr-defined]


def test_types_option_covers_every_interaction_type() -> None:
    (option,) = [p for p in query_cmds.interactions.params if p.name == "types"]
    assert set(option.type.choices) == {t.value for t in InteractionType}  # type: ignore[attr-defined]
