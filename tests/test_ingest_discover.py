"""discover(): folders, named files, unsupported and missing paths, duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.ingest import SUPPORTED_SUFFIXES, discover


def _tree(root: Path, names: list[str]) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("text")


def test_supported_suffixes() -> None:
    assert frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}) == SUPPORTED_SUFFIXES


def test_folders_are_walked_recursively_sorted_skipping_hidden_and_unsupported(
    tmp_path: Path,
) -> None:
    _tree(
        tmp_path,
        [
            "b.txt",
            "a.md",
            "notes.csv",
            ".hidden.txt",
            ".git/x.txt",
            "sub/z.html",
            "sub/deeper/y.pdf",
            "sub/c.HTM",
            "sub/.cache/w.txt",
            "z.markdown",
        ],
    )
    files, errors = discover([tmp_path])
    assert errors == []
    assert [f.relative_to(tmp_path).as_posix() for f in files] == [
        "a.md",
        "b.txt",
        "sub/c.HTM",
        "sub/deeper/y.pdf",
        "sub/z.html",
        "z.markdown",
    ]


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        (
            "table.xyz",
            "unsupported file type '.xyz' (expected .txt, .md, .html, .htm or .pdf)",
        ),
        (
            "notes.docx",
            "unsupported file type '.docx' (expected .txt, .md, .html, .htm or .pdf)",
        ),
        (
            "Makefile",
            "unsupported file type (no file extension; expected .txt, .md, .html, .htm or .pdf)",
        ),
    ],
)
def test_named_unsupported_file_is_an_error(tmp_path: Path, name: str, reason: str) -> None:
    _tree(tmp_path, [name, "ok.txt"])
    files, errors = discover([tmp_path / name, tmp_path / "ok.txt"])
    assert files == [tmp_path / "ok.txt"]
    assert [(e.path, e.reason) for e in errors] == [(str(tmp_path / name), reason)]


def test_missing_path_is_an_error_and_the_rest_still_found(tmp_path: Path) -> None:
    _tree(tmp_path, ["a.txt"])
    missing = str(tmp_path / "nope" / "gone.txt")
    files, errors = discover([missing, tmp_path])
    assert files == [tmp_path / "a.txt"]
    assert len(errors) == 1
    assert errors[0].path == missing
    assert errors[0].reason == "no such file or directory"


def test_duplicates_removed_first_order_kept(tmp_path: Path) -> None:
    _tree(tmp_path, ["d/a.txt", "d/b.txt", "c.txt"])
    same = tmp_path / "d" / ".." / "d" / "b.txt"
    files, errors = discover([tmp_path / "c.txt", same, tmp_path / "d", tmp_path / "c.txt"])
    assert errors == []
    assert files == [tmp_path / "c.txt", same, tmp_path / "d" / "a.txt"]


def test_explicitly_named_hidden_file_is_accepted(tmp_path: Path) -> None:
    _tree(tmp_path, [".draft.txt"])
    assert discover([str(tmp_path / ".draft.txt")]) == ([tmp_path / ".draft.txt"], [])


def test_empty_folder_gives_nothing(tmp_path: Path) -> None:
    assert discover([tmp_path]) == ([], [])
