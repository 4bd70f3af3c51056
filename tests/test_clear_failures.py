"""Bad input and bad stores: one line naming the path, no traceback, nothing lost."""

from __future__ import annotations

import io
import os
import random
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from fpdf import FPDF
from PIL import Image

from actornet.cli import main
from actornet.errors import InputError
from actornet.ingest import DEFAULT_MAX_BYTES, parse_size, read_document
from actornet.store.sqlite import SqliteStore
from actornet.store.sqlite_schema import SCHEMA_VERSION

GAZ = str(Path(__file__).parent / "data" / "gazetteer_min.yaml")
GOOD = (
    "Spotlight on Iran\nMarch 1, 2021 – March 15, 2021\n"
    "On March 3, Zarif met with Bashar al-Assad in Damascus.\n"
)
WORDS = [
    "the",
    "of",
    "report",
    "said",
    "that",
    "a",
    "new",
    "plan",
    "for",
    "trade",
    "and",
    "talks",
    "would",
    "be",
    "held",
    "next",
    "month",
]


def ingest(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner(env=env).invoke(main, ["ingest", "--gazetteer", GAZ, *args])


def scanned_pdf() -> bytes:
    """A page that is only a picture of text: no text layer."""
    picture = Image.new("RGB", (400, 120), "white")
    for x in range(20, 380, 7):  # dark strokes standing in for printed lines
        for y in (30, 60, 90):
            picture.putpixel((x, y), (0, 0, 0))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    pdf.add_page()
    pdf.image(buffer, x=10, y=10, w=180)
    return bytes(pdf.output())


def deep_html(levels: int) -> str:
    return (
        "<html><body>" + "<div>" * levels + "<p>Zarif met Assad in Damascus.</p>"
        + "</div>" * levels + "<p>The last paragraph.</p></body></html>"
    )  # fmt: skip


def _errors(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("error:")]


def test_scanned_pdf_and_deep_html_among_good_files(tmp_path: Path) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "good.txt").write_text(GOOD, encoding="utf-8")
    (reports / "scan.pdf").write_bytes(scanned_pdf())
    (reports / "deep.html").write_text(deep_html(20_000), encoding="utf-8")
    db = tmp_path / "s.db"
    result = ingest(str(reports), "--db", str(db))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert _errors(result) == [
        f"error: {reports / 'scan.pdf'}: PDF has no text layer (a scanned image? "
        "OCR is not supported)"
    ]
    with SqliteStore(db) as store:
        docs = {d.id: d.text for d in store.documents()}
    assert set(docs) == {"good.txt", "deep.html"}
    assert docs["deep.html"] == "Zarif met Assad in Damascus.\nThe last paragraph."


def test_very_long_single_line(tmp_path: Path) -> None:
    rng = random.Random(7)
    line = " ".join(rng.choice(WORDS) for _ in range(2_000_000))[:10_000_000]
    (tmp_path / "long.html").write_text(f"<html><body><p>{line}</p></body></html>")
    assert read_document(tmp_path / "long.html").text == line
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "long.txt").write_text(line[:2_000_000] + "\n")
    (tmp_path / "reports" / "good.txt").write_text(GOOD, encoding="utf-8")
    result = ingest(str(tmp_path / "reports"), "--db", str(tmp_path / "s.db"))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("2 stored")


@pytest.mark.parametrize("how", ["option", "env"])
def test_file_above_the_size_limit_is_skipped(tmp_path: Path, how: str) -> None:
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "good.txt").write_text(GOOD, encoding="utf-8")
    (reports / "big.txt").write_text(GOOD + "x" * 3000 + "\n", encoding="utf-8")
    args = [str(reports), "--db", str(tmp_path / "s.db")]
    if how == "option":
        result = ingest(*args, "--max-size", "2KB")
    else:
        result = ingest(*args, env={"ACTORNET_MAX_BYTES": "2000"})
    assert result.exit_code == 1
    assert _errors(result) == [
        f"error: {reports / 'big.txt'}: file is 3 KB, above the 2 KB limit; skipped "
        "(raise it with --max-size or ACTORNET_MAX_BYTES)"
    ]
    assert result.stdout.startswith("1 stored")


def test_default_limit_is_50_mb_and_sizes_parse() -> None:
    assert [parse_size(s) for s in ("50MB", "1.5 GB", "200k", "1MiB", "4096")] == [
        50_000_000,
        1_500_000_000,
        200_000,
        1_048_576,
        4096,
    ]
    for bad in ("", "ten", "5x", "0"):
        with pytest.raises(ValueError):
            parse_size(bad)
    assert parse_size("50MB") == DEFAULT_MAX_BYTES
    assert "[default: 50MB]" in CliRunner().invoke(main, ["ingest", "--help"]).stdout


def test_pdf_text_above_the_limit_is_skipped(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    for _ in range(40):
        pdf.cell(
            text="Zarif met Assad in Damascus on March 3, 2021.", new_x="LMARGIN", new_y="NEXT"
        )
    path = tmp_path / "r.pdf"
    path.write_bytes(bytes(pdf.output()))
    result = ingest(str(path), "--db", str(tmp_path / "s.db"), "--max-size", "1KB")
    assert result.exit_code == 1
    (line,) = _errors(result)
    assert line.startswith(f"error: {path}: text is 2 KB, above the 1 KB limit; skipped")


# -- store files ----------------------------------------------------------------------------


def _foreign_sqlite(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.execute("INSERT INTO recipes VALUES ('bread')")
    conn.commit()
    conn.close()


def _newer_store(path: Path) -> None:
    SqliteStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


STORES = {
    "random bytes": (
        lambda p: p.write_bytes(random.Random(3).randbytes(8192)),
        "not an actornet store (file is not a database)",
    ),
    "other sqlite": (_foreign_sqlite, "not an actornet store (unknown tables)"),
    "newer schema": (
        _newer_store,
        f"store schema version {SCHEMA_VERSION + 1} is newer than this actornet supports "
        f"({SCHEMA_VERSION}); upgrade actornet",
    ),
}


@pytest.mark.parametrize("kind", sorted(STORES))
@pytest.mark.parametrize("command", ["ingest", "actors", "export"])
def test_bad_store_file_is_refused_untouched(tmp_path: Path, kind: str, command: str) -> None:
    make, reason = STORES[kind]
    db = tmp_path / "s.db"
    make(db)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    if command == "ingest":
        result = ingest(str(tmp_path / "good.txt"), "--db", str(db))
    else:
        result = CliRunner().invoke(main, [command, "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr == f"error: {db}: {reason}\n"
    assert "Traceback" not in result.output
    os.remove(tmp_path / "good.txt")
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


def test_a_parser_recursion_error_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import actornet.ingest as ingest_module

    def too_deep(source: str) -> tuple[str, str]:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(ingest_module, "read_html", too_deep)
    path = tmp_path / "deep.html"
    path.write_text(deep_html(10), encoding="utf-8")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert str(info.value) == f"{path}: cannot read this HTML file (nested too deeply)"


def test_a_folder_with_no_readable_report_is_one_line_and_no_store(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.docx").write_bytes(b"not a report")  # unsupported suffixes are skipped
    db = tmp_path / "s.db"
    result = ingest(str(empty), "--db", str(db))
    assert result.exit_code == 1
    assert _errors(result) == [
        f"error: no readable report in {empty} (.txt .md .html .pdf); no store written"
    ]
    assert not list(tmp_path.glob("s.db*"))
    # only an unreadable report: its own line, the same last line, still no store
    (empty / "scan.pdf").write_bytes(scanned_pdf())
    result = ingest(str(empty), "--db", str(db))
    assert result.exit_code == 1 and len(_errors(result)) == 1  # the PDF's own line
    assert "nothing stored: no readable report, no store written" in result.stderr
    assert not list(tmp_path.glob("s.db*"))
    # an existing store is left as it is
    (empty / "good.txt").write_text(GOOD, encoding="utf-8")
    assert ingest(str(empty), "--db", str(db)).exit_code == 1  # scan.pdf still fails
    (empty / "scan.pdf").unlink()
    (empty / "good.txt").unlink()
    result = ingest(str(empty), "--db", str(db))
    assert result.exit_code == 1 and db.exists()
    with SqliteStore(db) as store:
        assert [d.id for d in store.documents()] == ["good.txt"]
