"""An ingest killed mid-run (SIGKILL) leaves a consistent store; re-running completes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GAZ = str(Path(__file__).parent / "data" / "gazetteer_min.yaml")
COPIES = 8  # 40 reports: long enough a run to be killed in the middle

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.name == "nt", reason="SIGKILL is POSIX"),
]


def _corpus(folder: Path) -> int:
    """The seeds, each in several dated copies that differ by a closing line."""
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for n in range(COPIES):
        sub = folder / f"batch{n}"
        sub.mkdir(parents=True)
        for seed in seeds:
            text = seed.read_text(encoding="utf-8") + f"\nArchive copy {n}.\n"
            (sub / seed.name).write_text(text, encoding="utf-8")
    return COPIES * len(seeds)


def _command(folder: Path, db: Path) -> list[str]:
    code = "import sys; from actornet.cli import main; sys.exit(main())"
    return [sys.executable, "-c", code, "ingest", str(folder), "--db", str(db), "--gazetteer", GAZ]


def _count(db: Path) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return 0  # not created yet


def _consistent(db: Path) -> None:
    """Integrity check, and every row owned by a stored document."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = {
            table: conn.execute(
                f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM documents)"
            ).fetchone()[0]
            for table, column in (
                ("claims", "document_id"),
                ("evidence", "owner"),
                ("affiliations", "owner"),
                ("actor_documents", "document_id"),
            )
        }
        assert orphans == dict.fromkeys(orphans, 0)
        empty = conn.execute(
            "SELECT count(*) FROM documents WHERE id NOT IN (SELECT owner FROM evidence)"
        ).fetchone()[0]
        assert empty == 0  # every seed copy has evidence: no document stored half-way
    finally:
        conn.close()


def _run_and_kill(folder: Path, db: Path, after: int, total: int) -> int:
    """Start an ingest, SIGKILL it once `after` documents are stored; the count then."""
    proc = subprocess.Popen(
        _command(folder, db), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 300
        while _count(db) < after and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert proc.poll() is None, "the ingest finished before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    stored = _count(db)
    assert after <= stored < total
    return stored


def _processes_using(db: Path) -> list[int]:
    """Live processes whose command line names the store (forked workers share it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            state = next(
                (x for x in (entry / "status").read_text().splitlines() if x.startswith("State:")),
                "",
            )
        except OSError:
            continue
        if str(db) in cmdline and "zombie" not in state:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="needs /proc")
def test_killed_parallel_ingest_leaves_no_workers(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    total = _corpus(folder)
    db = tmp_path / "killed.db"
    command = [*_command(folder, db), "--jobs", "2"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    while _count(db) < 2 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "the ingest finished before it could be killed"
    assert len(_processes_using(db)) >= 2  # the ingest and its workers
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 15
    while _processes_using(db) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert _processes_using(db) == [], "workers outlived the killed ingest"
    assert _count(db) < total


def _export(db: Path) -> dict:
    code = "import sys; from actornet.cli import main; sys.exit(main())"
    out = subprocess.run(
        [sys.executable, "-c", code, "export", "--db", str(db), "--format", "json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_killed_ingest_resumes_to_the_clean_result(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    total = _corpus(folder)
    clean = tmp_path / "clean.db"
    subprocess.run(_command(folder, clean), check=True, capture_output=True)

    db = tmp_path / "killed.db"
    first = _run_and_kill(folder, db, 2, total)
    _consistent(db)
    second = _run_and_kill(folder, db, first + 3, total)
    _consistent(db)
    resumed = subprocess.run(_command(folder, db), capture_output=True, text=True)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.startswith(f"{total - second} stored, {second} unchanged, 0 failed")
    _consistent(db)
    assert _export(db) == _export(clean)
