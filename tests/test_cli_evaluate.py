"""Tests of `actornet evaluate` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from actornet.cli import main

ENTITIES = [
    {"id": "zarif", "name": "Mohammad Javad Zarif", "type": "Person", "aliases": ["Zarif"]},
    {"id": "assad", "name": "Bashar al-Assad", "type": "Person", "aliases": ["Assad"]},
    {"id": "idf", "name": "Israel Defense Forces", "type": "Organization", "aliases": ["IDF"]},
    {"id": "irgc", "name": "IRGC", "type": "Organization", "aliases": []},
    {"id": "damascus", "name": "Damascus", "type": "Place", "aliases": []},
]


def record(id_: str, type_: str, source: str | None, target: str, **kw: Any) -> dict[str, Any]:
    return {
        "id": id_,
        "report": "r1.txt",
        "type": type_,
        "source": source,
        "target": target,
        "date": "2020-11-22",
        "status": "asserted",
        "implicit": False,
        "evidence": [f"gold quote {id_}"],
        "accept_also": {"source": [], "target": []},
        **kw,
    }


INTERACTIONS = [
    record("g1", "MET_WITH", "zarif", "assad"),
    record("g2", "ATTACKED", "idf", "irgc"),
    record("g3", "VISITED", "zarif", "damascus", implicit=True),
]

EXPORT = {
    "actors": [
        {"id": "a1", "name": "Zarif", "kind": "Person", "aliases": []},
        {"id": "a2", "name": "Assad", "kind": "Person", "aliases": []},
        {"id": "a3", "name": "IDF", "kind": "Organization", "aliases": []},
        {"id": "a4", "name": "Hezbollah", "kind": "Organization", "aliases": []},
    ],
    "interactions": [
        {
            "id": "p1",
            "type": "MET_WITH",
            "source": "a2",
            "target": "a1",
            "date": "2020-11-22",
            "status": "asserted",
            "evidence": [{"document": "r1.txt", "quote": "Assad met Zarif", "start": 0, "end": 15}],
        },
        {
            "id": "p2",
            "type": "ATTACKED",
            "source": "a3",
            "target": "a4",
            "date": "2020-11",
            "status": "reported",
            "evidence": [{"document": "r1.txt", "quote": "IDF struck Hezbollah", "start": 20}],
        },
    ],
}


@pytest.fixture
def files(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "entities.json").write_text(json.dumps(ENTITIES), encoding="utf-8")
    (gold / "interactions.json").write_text(json.dumps(INTERACTIONS), encoding="utf-8")
    export = tmp_path / "export.json"
    export.write_text(json.dumps(EXPORT), encoding="utf-8")
    return gold, export


def invoke(*args: str) -> Result:
    return CliRunner().invoke(main, ["evaluate", *args])


def test_json_output(files: tuple[Path, Path]) -> None:
    gold, export = files
    result = invoke(str(gold), "--predicted", str(export), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["strict"]["overall"]["tp"] == 1
    assert data["strict"]["overall"]["fp"] == 1
    assert data["strict"]["overall"]["fn"] == 2
    assert data["core"]["overall"]["fn"] == 1
    assert data["strict"]["overall"]["precision"] == 0.5
    assert data["strict"]["by_type"]["MET_WITH"]["f1"] == 1.0
    assert data["strict"]["date_agreement"] == {"agree": 1, "total": 1, "fraction": 1.0}
    assert [g["id"] for g in data["details"]["unmatched_gold"]] == ["g2", "g3"]
    [p] = data["details"]["unmatched_predictions"]
    assert (p["id"], p["source_gold"], p["target_gold"]) == ("p2", "idf", None)
    assert data["unmapped_actors"] == ["a4"]


def test_text_output(files: tuple[Path, Path]) -> None:
    gold, export = files
    result = invoke(str(gold), "--predicted", str(export))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "strict" in out and "core" in out
    for row in ("MET_WITH", "VISITED", "SIGNED_AGREEMENT", "ATTACKED", "ALL"):
        assert row in out
    all_rows = [line for line in out.splitlines() if " ALL " in line]
    assert len(all_rows) == 2
    assert [c.strip() for c in all_rows[0].split("│")[2:5]] == ["1", "1", "2"]  # strict tp fp fn
    assert "date agreement: 1/1" in out
    assert "status agreement: 1/1" in out
    assert "Unmatched" not in out


def test_text_details(files: tuple[Path, Path]) -> None:
    gold, export = files
    result = invoke(str(gold), "--predicted", str(export), "--details")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Unmatched gold records (2)" in out
    assert "g2 ATTACKED: Israel Defense Forces [idf] -> IRGC [irgc]" in out
    assert "g3 VISITED implicit" in out
    assert '"gold quote g2"' in out
    assert "Unmatched predictions (1)" in out
    assert "p2 ATTACKED: IDF [a3 -> idf] -> Hezbollah [a4 -> unmapped]" in out
    assert '"IDF struck Hezbollah"' in out
    assert "near: g2 (target differs)" in out


def test_exit_zero_on_zero_score(files: tuple[Path, Path], tmp_path: Path) -> None:
    gold, _ = files
    empty = tmp_path / "empty.json"
    empty.write_text(
        '{"actors": [], "interactions": [], "documents": [{"id": "series/r1.txt"}]}',
        encoding="utf-8",
    )
    result = invoke(str(gold), "--predicted", str(empty), "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["strict"]["overall"]["f1"] == 0.0


def test_gold_reports_absent_from_the_export_is_an_error(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    gold, _ = files
    foreign = tmp_path / "foreign.json"
    foreign.write_text(
        '{"actors": [], "interactions": [], "documents": [{"id": "other.txt"}]}',
        encoding="utf-8",
    )
    result = invoke(str(gold), "--predicted", str(foreign))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"error: {foreign}: none of the 1 gold report(s) (r1.txt) is in it; "
        "ingest those reports first\n"
    )


def test_foreign_gold_on_a_store_exits_non_zero(tmp_path: Path) -> None:
    report = tmp_path / "reports" / "unrelated.txt"
    report.parent.mkdir()
    report.write_text("Zarif met Assad in Damascus on November 22, 2020.\n", encoding="utf-8")
    db = str(tmp_path / "s.db")
    assert CliRunner().invoke(main, ["ingest", str(report.parent), "--db", db]).exit_code == 0
    gold = tmp_path / "gold"
    gold.mkdir()
    (gold / "entities.json").write_text(json.dumps(ENTITIES), encoding="utf-8")
    (gold / "interactions.json").write_text(json.dumps(INTERACTIONS), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--db", db])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"error: {db}: none of the 1 gold report(s) (r1.txt)")
    assert "Traceback" not in result.output


def test_a_pdf_of_the_report_scores_against_its_txt_gold(
    files: tuple[Path, Path], tmp_path: Path
) -> None:
    gold, export = files
    data = json.loads(export.read_text(encoding="utf-8"))
    for interaction in data["interactions"]:
        for ev in interaction["evidence"]:
            ev["document"] = "r1.pdf"
    pdf = tmp_path / "pdf.json"
    pdf.write_text(json.dumps(data), encoding="utf-8")
    as_txt = json.loads(invoke(str(gold), "--predicted", str(export), "--json").stdout)
    as_pdf = json.loads(invoke(str(gold), "--predicted", str(pdf), "--json").stdout)
    assert as_pdf["strict"]["overall"] == as_txt["strict"]["overall"]
    assert as_txt["strict"]["overall"]["tp"] > 0


@pytest.mark.parametrize("broken", ["nodir", "nofile", "badjson"])
def test_invalid_gold_dir(files: tuple[Path, Path], tmp_path: Path, broken: str) -> None:
    gold, export = files
    if broken == "nodir":
        gold = tmp_path / "missing"
    elif broken == "nofile":
        (gold / "interactions.json").unlink()
    else:
        (gold / "entities.json").write_text("not json", encoding="utf-8")
    result = invoke(str(gold), "--predicted", str(export))
    assert result.exit_code == 1
    assert result.output.count("\n") == 1
    assert result.output.startswith("error: ")
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("content", [None, "{", "[1, 2]"])
def test_invalid_export_file(files: tuple[Path, Path], tmp_path: Path, content: str | None) -> None:
    gold, _ = files
    export = tmp_path / "bad.json"
    if content is not None:
        export.write_text(content, encoding="utf-8")
    result = invoke(str(gold), "--predicted", str(export))
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and result.output.count("\n") == 1


def test_store_without_db_is_a_one_line_error(files: tuple[Path, Path], tmp_path: Path) -> None:
    gold, _ = files
    result = invoke(str(gold), "--db", str(tmp_path / "absent.db"))
    assert result.exit_code == 1
    assert result.output.startswith("error: ") and result.output.count("\n") == 1
    assert not (tmp_path / "absent.db").exists()


def test_scores_the_store(files: tuple[Path, Path], tmp_path: Path) -> None:
    from actornet.model import (
        Actor,
        ActorKind,
        Document,
        DocumentExtraction,
        Evidence,
        Interaction,
        InteractionType,
    )
    from actornet.store.sqlite import SqliteStore

    gold, _ = files
    db = tmp_path / "store.db"
    text = "Assad met Zarif in Damascus."
    doc = Document(id="r1.txt", path="r1.txt", text=text, sha256=Document.hash_text(text))
    met = Interaction(
        type=InteractionType.MET_WITH,
        source="bashar-al-assad",
        target="javad-zarif",
        date="2020-11-22",
        evidence=[Evidence(document="r1.txt", start=0, end=15, quote="Assad met Zarif")],
    )
    extraction = DocumentExtraction(
        document=doc,
        actors=[
            Actor(id="bashar-al-assad", name="Bashar al-Assad", kind=ActorKind.PERSON),
            Actor(id="javad-zarif", name="Javad Zarif", kind=ActorKind.PERSON, aliases=("Zarif",)),
        ],
        interactions=[met],
    )
    store = SqliteStore(db)
    try:
        store.replace_document(extraction)
    finally:
        store.close()
    result = invoke(str(gold), "--db", str(db), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["strict"]["overall"]["tp"] == 1 and data["strict"]["overall"]["fp"] == 0
    assert data["actor_mapping"] == {"bashar-al-assad": "assad", "javad-zarif": "zarif"}


def _scored_store(db: Path) -> None:
    """The Assad-Zarif meeting of the gold, scored LOW; an unscored meeting gold lacks."""
    from actornet.model import (
        Actor,
        ActorKind,
        Document,
        DocumentExtraction,
        Evidence,
        Interaction,
        InteractionType,
    )
    from actornet.store.sqlite import SqliteStore

    text = "Assad met Zarif in Damascus. Zarif met Nasrallah."
    doc = Document(id="r1.txt", path="r1.txt", text=text, sha256=Document.hash_text(text))

    def met(source: str, target: str, quote: str, confidence: float | None) -> Interaction:
        start = text.index(quote)
        ev = Evidence(document="r1.txt", start=start, end=start + len(quote), quote=quote)
        return Interaction(
            InteractionType.MET_WITH, source, target, "2020-11-22", evidence=[ev],
            confidence=confidence,
        )  # fmt: skip

    actors = [
        Actor(id="bashar-al-assad", name="Bashar al-Assad", kind=ActorKind.PERSON),
        Actor(id="javad-zarif", name="Javad Zarif", kind=ActorKind.PERSON, aliases=("Zarif",)),
        Actor(id="nasrallah", name="Hassan Nasrallah", kind=ActorKind.PERSON),
    ]
    its = [
        met("bashar-al-assad", "javad-zarif", "Assad met Zarif", 0.01),
        met("javad-zarif", "nasrallah", "Zarif met Nasrallah", None),
    ]
    with SqliteStore(db) as store:
        store.replace_document(DocumentExtraction(doc, actors, its))


def test_evaluate_scores_what_export_json_gives(
    files: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from actornet.cli import evaluate_cmd

    gold, _ = files
    db = tmp_path / "store.db"
    _scored_store(db)
    scored: list[dict[str, Any]] = []
    real_score = evaluate_cmd.score

    def spy(gold_set: Any, export: dict[str, Any]) -> Any:
        scored.append(export)
        return real_score(gold_set, export)

    monkeypatch.setattr(evaluate_cmd, "score", spy)
    for extra in ([], ["--min-confidence", "0"], ["--min-confidence", "0.5"]):
        result = invoke(str(gold), "--db", str(db), "--json", *extra)
        assert result.exit_code == 0, result.output
        exported = CliRunner().invoke(main, ["export", "--db", str(db), *extra])
        assert exported.exit_code == 0, exported.output
        assert scored[-1] == json.loads(exported.stdout)  # the same set, the same filter
    default, everything, _ = scored
    assert [i["source"] for i in default["interactions"]] == ["javad-zarif"]  # unscored passes
    assert len(everything["interactions"]) == 2
    tp = json.loads(invoke(str(gold), "--db", str(db), "--json").output)["strict"]["overall"]
    assert tp["tp"] == 0  # the low-confidence meeting is not a prediction
    result = invoke(str(gold), "--db", str(db), "--json", "--min-confidence", "0")
    assert json.loads(result.output)["strict"]["overall"]["tp"] == 1


def test_min_confidence_does_not_filter_an_export_file(files: tuple[Path, Path]) -> None:
    gold, export = files
    result = invoke(str(gold), "--predicted", str(export), "--min-confidence", "0.5")
    assert result.exit_code == 2
    assert "--min-confidence" in result.output and "--predicted" in result.output
