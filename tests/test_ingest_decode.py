"""Decoding, normalisation and the user-facing reasons for unreadable text files."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

import pytest

from actornet.errors import InputError
from actornet.ingest import read_document
from actornet.model import Document

SAMPLE = "Iran’s envoy met al-Kazimi\u00a0in Baghdad – “talks” on 15 November 2020.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("label", "data"),
    [
        ("utf-8", SAMPLE.encode("utf-8")),
        ("utf-8 with BOM", codecs.BOM_UTF8 + SAMPLE.encode("utf-8")),
        ("utf-16-le with BOM", codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")),
        ("utf-16-be with BOM", codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")),
        ("utf-16 (codec adds BOM)", SAMPLE.encode("utf-16")),
        ("utf-32-le with BOM", codecs.BOM_UTF32_LE + SAMPLE.encode("utf-32-le")),
        ("utf-32-be with BOM", codecs.BOM_UTF32_BE + SAMPLE.encode("utf-32-be")),
        ("cp1252", SAMPLE.encode("cp1252")),
    ],
)
def test_each_encoding_gives_the_same_text_and_hash(
    tmp_path: Path, label: str, data: bytes
) -> None:
    doc = read_document(_write(tmp_path, "report.txt", data))
    assert doc.text == SAMPLE, label
    assert not doc.text.startswith("\ufeff")
    assert doc.sha256 == Document.hash_text(SAMPLE)


def test_cp1252_curly_quote_byte_decodes_to_right_single_quote(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", b"Iran\x92s envoy \x93said\x94 \x96 yes"))
    assert doc.text == "Iran’s envoy “said” – yes"


def test_nbsp_en_dash_and_curly_quotes_survive_verbatim(tmp_path: Path) -> None:
    doc = read_document(_write(tmp_path, "a.txt", SAMPLE.encode()))
    for fragment in ("Iran’s", "al-Kazimi\u00a0in", "Baghdad – “talks”"):
        assert fragment in doc.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"one\r\ntwo\r\n", "one\ntwo\n"),
        (b"one\rtwo\r", "one\ntwo\n"),
        (b"one\r\n\r\ntwo", "one\n\ntwo"),
        ("Cafe\u0301 caf\u00e9".encode(), "Caf\u00e9 caf\u00e9"),  # NFC
        ("  • bullet kept\n\tTab".encode(), "  • bullet kept\n\tTab"),
    ],
)
def test_newlines_and_nfc_and_nothing_else(tmp_path: Path, raw: bytes, expected: str) -> None:
    assert read_document(_write(tmp_path, "n.txt", raw)).text == expected


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\t\r\n  ", "empty file"),
        (codecs.BOM_UTF8, "empty file"),
        (codecs.BOM_UTF16_LE + " \n".encode("utf-16-le"), "empty file"),
        (b"report\x00\x00\x01\x02text", "binary file, not a text report"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not a text report"),
        (bytes(range(1, 32)) * 20, "binary file, not a text report"),
        (b"caf\xe9 \x81 bad", "cannot decode text (not UTF-8, UTF-16 or cp1252)"),
        (b"\x8d\x8f\x90\x9d", "cannot decode text (not UTF-8, UTF-16 or cp1252)"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "cannot decode text (invalid UTF-16)"),
    ],
)
def test_bad_text_files_give_one_clear_reason(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _write(tmp_path, "bad.txt", data)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == reason
    assert info.value.path == str(path)
    assert str(info.value) == f"{path}: {reason}"


def test_a_few_control_characters_are_tolerated(tmp_path: Path) -> None:
    text = "Report\x0c page two\x1a " + "word " * 50
    assert read_document(_write(tmp_path, "ok.txt", text.encode())).text == text


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = _write(tmp_path, "secret.txt", b"text")

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    with pytest.raises(InputError, match=r"permission denied$") as info:
        read_document(path)
    assert info.value.reason == "permission denied"


def test_other_os_errors_become_input_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path, "io.txt", b"text")

    def broken(self: Path) -> bytes:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(Path, "read_bytes", broken)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == "cannot read file (Input/output error)"


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda p: p.mkdir(), "is a directory, not a file"),
        (lambda p: None, "no such file or directory"),
    ],
)
def test_directory_or_missing_path(
    tmp_path: Path, make: Callable[[Path], object], reason: str
) -> None:
    path = tmp_path / "thing.txt"
    make(path)
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.reason == reason


@pytest.mark.parametrize("name", ["data.csv", "image.png", "README"])
def test_unsupported_suffix(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path, name, b"a,b\n")
    with pytest.raises(InputError, match="unsupported file type") as info:
        read_document(path)
    assert "expected .txt, .md, .html, .htm or .pdf" in info.value.reason
