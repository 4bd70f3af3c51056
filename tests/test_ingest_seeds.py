"""The real seed reports and the plain-text reader end to end."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from actornet.errors import InputError
from actornet.ingest import discover, read_document
from actornet.model import Document

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
BANNER = "MESOPOTAMIA NEWS INTEL BY MEIR AMIT CENTER / ISRAEL – Spotlight on Iran"


@pytest.mark.parametrize(
    ("name", "title", "start", "end", "stated"),
    [
        ("000_2d637cc010da38fd.txt", BANNER, "2020-11-15", "2020-11-29", True),
        ("001_3a995598773ea0c0.txt", BANNER, "2021-02-07", "2021-02-21", True),
        (
            "002_a4616b4d8b867e3e.txt",
            "MESOPOTAMIANEWS INTEL BY MEIR AMIT INTELLIGENCE & TERRORISM INFORMATION CENTER"
            " / ISRAEL – Spotlight on Iran",
            "2020-03-08",
            "2020-03-22",
            True,
        ),
        # 003 states no period: it is inferred from "July 25" ... "August 6" and "July 2019"
        (
            "003_285cb30d2acccd64.txt",
            "MESOPOTAMIA NEWS INTEL BY MEIR AMIT INTELLIGENCE & TERRORISM INFORMATION CENTER"
            " / ISRAEL",
            "2019-07-25",
            "2019-08-06",
            False,
        ),
        ("004_9f7aefc85182d098.txt", "Spotlight on Iran", "2021-11-04", "2021-11-18", True),
    ],
)
def test_seed_reports(name: str, title: str, start: str, end: str, stated: bool) -> None:
    path = SEEDS / name
    doc = read_document(path)
    raw = path.read_bytes().decode("utf-8").replace("\r\n", "\n")
    assert doc.id == name
    assert doc.path == str(path)
    assert doc.format == "txt"
    assert doc.text == raw  # plain text is kept verbatim
    assert doc.sha256 == Document.hash_text(raw)
    assert doc.title == title
    assert (doc.period_start, doc.period_end, doc.period_stated) == (start, end, stated)


def test_seed_text_keeps_bullets_and_unicode() -> None:
    doc = read_document(SEEDS / "000_2d637cc010da38fd.txt")
    assert "\n  • Senior Iranian officials" in doc.text
    assert "ISRAEL – Spotlight" in doc.text
    assert "’" in read_document(SEEDS / "002_a4616b4d8b867e3e.txt").text


def test_discover_seeds_folder() -> None:
    files, errors = discover([SEEDS])
    assert errors == []
    assert [f.name for f in files] == sorted(p.name for p in SEEDS.glob("*.txt"))


def test_resaved_in_utf16_is_unchanged(tmp_path: Path) -> None:
    source = SEEDS / "001_3a995598773ea0c0.txt"
    copy = tmp_path / source.name
    copy.write_bytes(source.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-16"))
    assert read_document(copy).sha256 == read_document(source).sha256


@pytest.mark.parametrize(
    ("content", "title"),
    [
        ("\n\n   Report title  \nbody", "Report title"),
        ("word " * 100, ("word " * 40).strip() + "…"),
    ],
)
def test_txt_title(tmp_path: Path, content: str, title: str) -> None:
    path = tmp_path / "t.TXT"
    path.write_text(content, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == title
    assert doc.text == content
    assert doc.format == "txt"


def test_inferred_period_for_a_plain_text_report(tmp_path: Path) -> None:
    path = tmp_path / "r.txt"
    path.write_text("Weekly notes\nOn 3 May 2021 and on May 10, 2021 the envoy travelled.\n")
    doc = read_document(path)
    assert (doc.period_start, doc.period_end, doc.period_stated) == (
        "2021-05-03",
        "2021-05-10",
        False,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs os.mkfifo")
def test_discover_special_file(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    files, errors = discover([fifo])
    assert files == []
    assert [(e.path, e.reason) for e in errors] == [(str(fifo), "not a regular file")]
    with pytest.raises(InputError, match=r"not a regular file$"):
        read_document(fifo)
