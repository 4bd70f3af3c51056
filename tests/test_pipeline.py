"""The ingest flow end to end: idempotence, replacement, bad input, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from actornet.cli import main
from actornet.extract.actors.gazetteer import load_gazetteer
from actornet.pipeline import ingest_paths
from actornet.store.sqlite import SqliteStore

GAZ_PATH = Path(__file__).parent / "data" / "gazetteer_min.yaml"
GAZ = load_gazetteer(GAZ_PATH, geonames=False)
HEAD = "Spotlight on Iran\n\nMarch 1, 2021 – March 15, 2021 Editor: Test\nOverview\n  • "


def write(path: Path, body: str) -> Path:
    path.write_text(HEAD + body + "\n", encoding="utf-8")
    return path


def test_reingest_unchanged_changes_nothing(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", "On March 3, Zarif met with Bashar al-Assad in Damascus.")
    with SqliteStore(tmp_path / "s.db") as store:
        first = ingest_paths([tmp_path], store, gazetteer=GAZ)
        before = store.stats()
        second = ingest_paths([tmp_path], store, gazetteer=GAZ)
        assert first.stored == ["a.txt"] and second.unchanged == ["a.txt"] and not second.stored
        assert store.stats() == before


def test_changed_file_replaces_its_extractions(tmp_path: Path) -> None:
    f = write(tmp_path / "a.txt", "On March 3, Zarif met with Bashar al-Assad in Damascus.")
    with SqliteStore(tmp_path / "s.db") as store:
        ingest_paths([f], store, gazetteer=GAZ)
        write(f, "On March 4, Zarif met with Hassan Nasrallah in Beirut.")
        ingest_paths([f], store, gazetteer=GAZ)
        pairs = {(i.source, i.target) for i in store.interactions()}
        assert pairs == {("nasrallah", "zarif")} or pairs == {("zarif", "nasrallah")}


def test_bad_files_are_reported_and_others_go_on(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "On March 3, Zarif met with Bashar al-Assad in Damascus.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.pdf").write_bytes(b"\x00\x01garbage")
    with SqliteStore(tmp_path / "s.db") as store:
        result = ingest_paths([tmp_path, tmp_path / "missing.txt"], store, gazetteer=GAZ)
        assert result.stored == ["good.txt"]
        reasons = {Path(e.path).name: e.reason for e in result.failed}
        assert set(reasons) == {"empty.txt", "binary.pdf", "missing.txt"}
        assert store.stats()["documents"] == 1


def test_cli_ingest_exit_code_and_one_line_errors(tmp_path: Path) -> None:
    write(tmp_path / "good.txt", "On March 3, Zarif met with Bashar al-Assad in Damascus.")
    (tmp_path / "empty.txt").write_text("  \n")
    db = tmp_path / "s.db"
    runner = CliRunner()
    res = runner.invoke(
        main, ["ingest", str(tmp_path), "--db", str(db), "--gazetteer", str(GAZ_PATH)]
    )
    assert res.exit_code == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {tmp_path / 'empty.txt'}: empty file"]
    assert "Traceback" not in res.output
    assert "1 stored" in res.stdout
    ok = runner.invoke(
        main,
        [
            "ingest",
            str(tmp_path / "good.txt"),
            "--db",
            str(db),
            "--json",
            "--gazetteer",
            str(GAZ_PATH),
        ],
    )
    assert ok.exit_code == 0, ok.output
    # named on its own, the file is identified by its absolute path: the stored document
    # takes that id, nothing is extracted again
    summary = json.loads(ok.stdout)
    good = (tmp_path / "good.txt").absolute().as_posix()
    assert summary["stored"] == [] and summary["unchanged"] == [good]
    assert summary["moved"] == [{"from": "good.txt", "to": good}]
    assert summary["store"]["documents"] == 1


def test_seeds_ingest_with_the_curated_gazetteer(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parents[1] / "seeds"
    with SqliteStore(tmp_path / "s.db") as store:
        result = ingest_paths([seeds], store)
        assert result.ok and len(result.stored) == 5
        inter = store.interactions()
        assert len(inter) > 40
        doc_text = {d.id: d.text for d in store.documents()}
        for i in inter:
            for ev in i.evidence:
                assert doc_text[ev.document][ev.start : ev.end] == ev.quote
