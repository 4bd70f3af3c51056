"""`actornet judge` on the seed reports, end to end through the CLI (real store, real rules)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from actornet.cli import main
from actornet.judgements import Verdict, new_judgement
from actornet.model import InteractionType
from actornet.store.judged import JudgedStore
from actornet.store.neo4j import iter_extractions
from actornet.store.sqlite import SqliteStore

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def run(db: str, *args: str, ok: bool = True) -> Result:
    result = CliRunner().invoke(main, [*args, "--db", db], env={"USER": "tester"})
    if ok:
        assert result.exit_code == 0, (args, result.output, result.exception)
    return result


def run_json(db: str, *args: str) -> Any:
    return json.loads(run(db, *args).output)


def counts(db: str) -> dict[str, int]:
    exported = run_json(db, "export")
    return {
        "actors": len(run_json(db, "actors", "--json")["actors"]),
        "report": run_json(db, "report", "--format", "json")["summary"]["actors"],
        "export": len(exported["actors"]),
        "interactions": len(run_json(db, "interactions", "--json")["interactions"]),
    }


def hops(db: str) -> set[tuple[str, str, str, str | None]]:
    paths = run_json(db, "paths", "--json")["paths"]
    return {(h["from"], h["to"], h["type"], h["date"]) for p in paths for h in p["hops"]}


def ingest(db: str, *extra: str) -> None:
    result = CliRunner().invoke(main, ["ingest", str(SEEDS), "--db", db, *extra])
    assert result.exit_code == 0, result.output


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    ingest(db)
    return db


@pytest.fixture
def db(seeded: str, tmp_path: Path) -> str:
    copy = tmp_path / "j.db"
    shutil.copy(seeded, copy)
    return str(copy)


def alias_pair(db: str) -> tuple[str, str]:
    """The actors of the first alias_review flag: (discovered, look-alike)."""
    flag = next(f for f in run_json(db, "flags", "--json")["flags"] if f["kind"] == "alias_review")
    return flag["actors"][0], flag["actors"][1]


def path_interaction(db: str) -> tuple[str, tuple[str, str, str, str | None]]:
    """An interaction that is a hop of a Tehran-to-proxy path, and the hop (standing
    relations such as MEMBER_OF are hops too, but no interactions)."""
    types = {t.value for t in InteractionType}
    for hop in sorted((h for h in hops(db) if h[2] in types), key=str):
        src, tgt, type_, date = hop
        for it in run_json(db, "interactions", "--json", "--type", type_, "--actor", src)[
            "interactions"
        ]:
            if {it["source"], it["target"]} == {src, tgt} and it["date"] == date:
                return it["id"], hop
    raise AssertionError("no path hop found among the interactions")


@pytest.fixture(scope="module")
def judged_and_reingested(tmp_path_factory: pytest.TempPathFactory, seeded: str) -> dict:
    """Seeds judged (one merge, one rejection), then re-ingested with --force."""
    db = str(tmp_path_factory.mktemp("judged") / "j.db")
    shutil.copy(seeded, db)
    before, hops_before = counts(db), hops(db)
    discovered, other = alias_pair(db)
    rejected, hop = path_interaction(db)
    run(db, "judge", "same", other, discovered, "--note", "one outlet")
    run(db, "judge", "reject", rejected)
    after = counts(db)
    ingest(db, "--force")
    return {
        "db": db,
        "before": before,
        "after": after,
        "reingested": counts(db),
        "pair": (discovered, other),
        "rejected": rejected,
        "hop": hop,
        "hops_before": hops_before,
    }


def test_same_reduces_actor_count_in_actors_report_and_export(judged_and_reingested: dict) -> None:
    before, after = judged_and_reingested["before"], judged_and_reingested["after"]
    for view in ("actors", "report", "export"):
        assert after[view] == before[view] - 1, view


def test_reingest_keeps_the_merge_and_the_rejection(judged_and_reingested: dict) -> None:
    j = judged_and_reingested
    assert j["reingested"] == j["after"]
    db = j["db"]
    discovered, other = j["pair"]
    ids = {a["id"] for a in run_json(db, "actors", "--json")["actors"]}
    assert other in ids and discovered not in ids
    with SqliteStore(db) as raw:  # the extraction itself still has both actors
        assert {discovered, other} <= {a.id for a in raw.actors()}
        assert j["rejected"] in {i.id for i in raw.interactions()}


def test_reject_removes_interaction_from_listings_and_paths(judged_and_reingested: dict) -> None:
    j = judged_and_reingested
    db = j["db"]
    assert j["rejected"] not in {
        i["id"] for i in run_json(db, "interactions", "--json")["interactions"]
    }
    assert j["hop"] in j["hops_before"]
    assert j["hop"] not in hops(db)
    assert j["after"]["interactions"] == j["before"]["interactions"] - 1


def test_reject_removes_interaction_from_the_neo4j_load(judged_and_reingested: dict) -> None:
    """What `neo4j load` copies (iter_extractions of the judged store): no rejected
    interaction, the merged actor as one actor carrying the other's names."""
    discovered, other = judged_and_reingested["pair"]
    with SqliteStore(judged_and_reingested["db"]) as raw:
        names = {a.id: a.name for a in raw.actors()}
        extractions = list(iter_extractions(JudgedStore(raw)))
    loaded_its = {i.id for ex in extractions for i in ex.interactions}
    loaded_actors = {a.id: a for ex in extractions for a in ex.actors}
    assert judged_and_reingested["rejected"] not in loaded_its
    assert discovered not in loaded_actors
    assert names[discovered] in loaded_actors[other].aliases
    ends = {x for ex in extractions for i in ex.interactions for x in (i.source, i.target)}
    assert discovered not in ends


def test_undo_restores_the_counts(judged_and_reingested: dict, tmp_path: Path) -> None:
    db = str(tmp_path / "undo.db")
    shutil.copy(judged_and_reingested["db"], db)
    for j in run_json(db, "judge", "list", "--json")["judgements"]:
        assert run(db, "judge", "undo", j["id"]).output.startswith("undone")
    assert counts(db) == judged_and_reingested["before"]
    assert run_json(db, "judge", "list", "--json")["judgements"] == []


def test_ambiguous_name_lists_candidates_and_changes_nothing(db: str) -> None:
    result = run(db, "judge", "same", "militias", "Iran", ok=False)
    assert result.exit_code == 1
    lines = [ln for ln in result.output.splitlines() if ln.startswith("  ")]
    assert len(lines) > 1
    assert all(" (" in ln for ln in lines)
    assert "ambiguous" in result.output
    assert run_json(db, "judge", "list", "--json")["judgements"] == []


def test_unknown_actor_and_interaction_are_errors(db: str) -> None:
    assert "no actor matches" in run(db, "judge", "same", "Iran", "zzz-nobody", ok=False).output
    result = run(db, "judge", "reject", "met_with-000000000000", ok=False)
    assert result.exit_code == 1 and "no interaction" in result.output


def test_conflicting_judgement_names_the_earlier_one(db: str) -> None:
    discovered, other = alias_pair(db)
    first = run(db, "judge", "same", other, discovered).output.split(":")[0]
    result = run(db, "judge", "different", discovered, other, ok=False)
    assert result.exit_code == 1 and first in result.output
    assert len(run_json(db, "judge", "list", "--json")["judgements"]) == 1


def test_different_settles_the_alias_flag(db: str) -> None:
    discovered, other = alias_pair(db)
    flag = next(
        f
        for f in run_json(db, "flags", "--json")["flags"]
        if f["kind"] == "alias_review" and f["actors"] == [discovered, other]
    )
    assert f"actornet judge different {discovered} {other}" in flag["settle"]
    run(db, "judge", "different", discovered, other)
    still = [f["actors"] for f in run_json(db, "flags", "--json")["flags"]]
    assert [discovered, other] not in still
    report = run_json(db, "report", "--format", "json")
    assert report["judgements"]["different"] == 1
    assert [discovered, other] not in [f["actors"] for f in report["flags"]["shown"]]


def test_confirm_settles_a_contradiction_and_marks_the_interaction(db: str) -> None:
    def details() -> list[str]:
        return [f["detail"] for f in run_json(db, "flags", "--json")["flags"]]

    flags = run_json(db, "flags", "--json")["flags"]
    flag = next(f for f in flags if f["kind"] == "contradiction")
    first, *rest = flag["interactions"]
    run(db, "judge", "confirm", first, "--by", "alice")
    (it,) = [i for i in run_json(db, "interactions", "--json")["interactions"] if i["id"] == first]
    assert it["confirmed_by"] == ["alice"]
    if rest:  # a contradiction over several acts stays open until every act is checked
        assert flag["detail"] in details()
        for iid in rest:
            run(db, "judge", "confirm", iid)
    assert flag["detail"] not in details()
    assert "Judgements" in run(db, "report", "--format", "md").output


def test_reject_one_piece_of_evidence(db: str) -> None:
    its = run_json(db, "interactions", "--json")["interactions"]
    it = next(i for i in its if len(i["evidence"]) > 1)
    run(db, "judge", "reject", it["id"], "--evidence", "2")
    (after,) = [
        i for i in run_json(db, "interactions", "--json")["interactions"] if i["id"] == it["id"]
    ]
    assert after["evidence"] == [it["evidence"][0], *it["evidence"][2:]]
    bad = run(db, "judge", "reject", it["id"], "--evidence", "99", ok=False)
    assert bad.exit_code == 1


def test_set_corrects_an_actor(db: str) -> None:
    actor = next(a for a in run_json(db, "actors", "--json")["actors"] if not a["proxy"])
    run(db, "judge", "set", actor["id"], "--proxy", "true", "--country", "irq", "--name", "X Y")
    (after,) = [a for a in run_json(db, "actors", "--json")["actors"] if a["id"] == actor["id"]]
    assert (after["proxy"], after["country"], after["name"]) == (True, "IRQ", "X Y")
    assert actor["name"] in after["aliases"]
    assert actor["id"] in {a["id"] for a in run_json(db, "actors", "--proxy", "--json")["actors"]}
    assert [j["by"] for j in run_json(db, "judge", "list", "--json")["judgements"]] == [
        "tester"
    ] * 3


def test_export_import_round_trip_and_orphans(db: str, tmp_path: Path) -> None:
    discovered, other = alias_pair(db)
    run(db, "judge", "same", other, discovered)
    exported = tmp_path / "judgements.jsonl"
    run(db, "judge", "export", str(exported))
    orphan = json.loads(exported.read_text().splitlines()[0])
    orphan |= {"id": "j-0rphan0000", "subject": "no-such-actor", "at": "2030-01-01T00:00:00"}
    with exported.open("a") as fh:
        fh.write(json.dumps(orphan) + "\n")
    fresh = str(tmp_path / "fresh.db")
    shutil.copy(db, fresh)
    with SqliteStore(fresh) as store:  # the same seeds, no judgements yet
        for j in store.judgements():
            store.remove_judgement(j.id)
    assert "imported 2" in run(fresh, "judge", "import", str(exported)).output
    assert "imported 0" in run(fresh, "judge", "import", str(exported)).output
    listed = {
        j["id"]: j["status"] for j in run_json(fresh, "judge", "list", "--json")["judgements"]
    }
    assert listed["j-0rphan0000"] == "orphaned"
    assert list(listed.values()).count("ok") == 1
    assert "orphaned" in run(fresh, "judge", "list").output
    assert counts(fresh) == counts(db)


def test_import_of_a_bad_line_names_it(db: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "j-1", "verdict": "maybe", "subject": "x"}\n')
    result = run(db, "judge", "import", str(bad), ok=False)
    assert result.exit_code == 1 and "bad.jsonl:1" in result.output


@pytest.mark.neo4j
@pytest.mark.skipif(not os.environ.get("NEO4J_URI"), reason="NEO4J_URI not set")
def test_neo4j_load_of_the_judged_network(judged_and_reingested: dict, tmp_path: Path) -> None:
    """Against a live server: merged actor absent, rejected relationship absent,
    confirmed one carries confirmed_by, judgements are nodes."""
    from actornet.store.neo4j import Neo4jStore

    db = str(tmp_path / "load.db")
    shutil.copy(judged_and_reingested["db"], db)
    confirmed = run_json(db, "interactions", "--json")["interactions"][0]["id"]
    run(db, "judge", "confirm", confirmed, "--by", "carol")
    store = Neo4jStore.from_env()
    try:
        store.wipe()
        store.clear_judgements()
        loaded = run_json(db, "neo4j", "load")
        assert loaded["interactions"] == judged_and_reingested["after"]["interactions"]
        assert loaded["actors"] == judged_and_reingested["after"]["actors"]
        assert loaded["judgements"] == 3 and loaded["confirmed"] == 1
        with store.session() as s:
            n = "MATCH ()-[r {id: $id}]->() RETURN count(r) AS n, r.confirmed_by AS by"
            assert s.run(n, id=judged_and_reingested["rejected"]).data() == []
            assert s.run(n, id=confirmed).single()["by"] == ["carol"]
            gone = judged_and_reingested["pair"][0]
            assert s.run("MATCH (a:Actor {id: $id}) RETURN a", id=gone).data() == []
            assert s.run("MATCH (j:Judgement) RETURN count(j) AS n").single()["n"] == 3
        assert store.judgements() == []  # loaded ones are a record, not applied again
        assert len(store.loaded_judgements()) == 3
        from_neo4j = run_json(db, "report", "--source", "neo4j", "--format", "json")
        from_sqlite = run_json(db, "report", "--format", "json")
        assert from_neo4j["summary"]["actors"] == from_sqlite["summary"]["actors"]
        assert from_neo4j["summary"]["interactions"] == from_sqlite["summary"]["interactions"]
        run(db, "judge", "undo", run_json(db, "judge", "list", "--json")["judgements"][-1]["id"])
        assert run_json(db, "neo4j", "load")["judgements"] == 2
        assert len(store.loaded_judgements()) == 2
    finally:
        store.wipe()
        store.clear_judgements()
        store.close()


def test_conflicting_judgements_written_concurrently_are_listed_with_the_reason(db: str) -> None:
    discovered, other = alias_pair(db)
    at = "2026-01-01T00:00:0{}+00:00"
    same = new_judgement(Verdict.SAME, other, other=discovered, by="a", at=at.format(1))
    diff = new_judgement(Verdict.DIFFERENT, discovered, other=other, by="b", at=at.format(2))
    with SqliteStore(db) as store:  # two analysts at once: neither saw the other's judgement
        store.add_judgements([same, diff])
    listed = {j["id"]: j for j in run_json(db, "judge", "list", "--json")["judgements"]}
    assert listed[same.id]["status"] == "ok"
    assert listed[diff.id]["status"] == "conflicting"
    assert same.id in listed[diff.id]["why"]
    assert run_json(db, "report", "--format", "json")["judgements"]["conflicting"] == 1
