"""PDF reports: text layer, hyphen repair, encrypted / corrupt / image-only files."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from fpdf import FPDF
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError

from actornet.errors import InputError
from actornet.ingest import read_document
from actornet.ingest.pdf import repair_hyphenation


def make_pdf(pages: list[list[str]], title: str | None = None) -> bytes:
    """A PDF with one text line per entry, so line breaks fall exactly where we want."""
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    if title:
        pdf.set_title(title)
    for lines in pages:
        pdf.add_page()
        for line in lines:
            pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _encrypt(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


REPORT = [
    [
        "Spotlight on Iran",
        "November 15, 2020 - November 29, 2020",
        "The security coopera-",
        "tion between al-",
        "Kazimi and the Iran-",
        "backed militias grew during the agree-",
    ],
    ["ment period, the minister said."],
]


def _write(tmp_path: Path, data: bytes, name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_pdf_text_hyphen_repair_and_period(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, make_pdf(REPORT)))
    assert doc.format == "pdf"
    assert doc.id == "report.pdf"
    assert "The security cooperation between al-Kazimi and the Iran-backed militias" in doc.text
    # across the page break
    assert "grew during the agreement period, the minister said." in doc.text
    assert "coopera-" not in doc.text
    assert (doc.period_start, doc.period_end, doc.period_stated) == (
        "2020-11-15",
        "2020-11-29",
        True,
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [("Weekly Spotlight", "Weekly Spotlight"), (None, "Spotlight on Iran")],
)
def test_pdf_title_from_metadata_or_first_line(
    tmp_path: Path, title: str | None, expected: str
) -> None:
    assert read_document(_write(tmp_path, make_pdf(REPORT, title=title))).title == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("coopera-\ntion", "cooperation"),
        ("coopera- \n  tion", "cooperation"),
        ("al-\nKazimi", "al-Kazimi"),
        ("Iran-\nbacked", "Iran-backed"),
        ("Ali-\nAsghar", "Ali-Asghar"),
        ("2020-\n2021", "2020-2021"),
        ("a list -\nnext", "a list -\nnext"),
        ("end of line\n- bullet", "end of line\n- bullet"),
        ("soft\u00ad\nhyphen", "softhyphen"),
    ],
)
def test_repair_hyphenation(text: str, expected: str) -> None:
    assert repair_hyphenation(text) == expected


def test_pdf_readable_with_empty_user_password(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, _encrypt(make_pdf(REPORT), user_password="")))
    assert "cooperation between al-Kazimi" in doc.text


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.path == str(path)
    return info.value.reason


def test_encrypted_pdf(tmp_path: Path) -> None:
    path = _write(tmp_path, _encrypt(make_pdf(REPORT), user_password="secret"))
    assert _reason(path) == "encrypted PDF"


def test_encrypted_pdf_needing_missing_crypto_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def needs_crypto(self: PdfReader, password: str) -> int:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", needs_crypto)
    path = _write(tmp_path, _encrypt(make_pdf(REPORT), user_password=""))
    assert _reason(path) == "encrypted PDF (needs the 'cryptography' package)"


@pytest.mark.parametrize("keep", [0.25, 0.5, 0.9])
def test_truncated_pdf_is_corrupt(tmp_path: Path, keep: float) -> None:
    data = make_pdf(REPORT)
    path = _write(tmp_path, data[: int(len(data) * keep)])
    assert _reason(path).startswith("corrupt PDF (")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"just some text, not a PDF", "corrupt PDF (no PDF header)"),
    ],
)
def test_not_a_pdf(tmp_path: Path, data: bytes, reason: str) -> None:
    assert _reason(_write(tmp_path, data)) == reason


def test_pdf_without_text_layer(tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 80, 40, style="F")
    path = _write(tmp_path, bytes(pdf.output()))
    assert _reason(path) == "PDF has no text layer (a scanned image? OCR is not supported)"


def test_pypdf_warnings_are_silenced(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = make_pdf(REPORT)
    with caplog.at_level(logging.DEBUG):
        with pytest.raises(InputError):
            read_document(_write(tmp_path, data[: len(data) // 2]))
        # a wrong xref offset: pypdf recovers, logging a warning
        damaged = re.sub(rb"startxref\n\d+", b"startxref\n99", data)
        assert "cooperation" in read_document(_write(tmp_path, damaged, "xref.pdf")).text
    assert [r for r in caplog.records if r.name.startswith("pypdf")] == []
    assert logging.getLogger("pypdf").level == logging.NOTSET
