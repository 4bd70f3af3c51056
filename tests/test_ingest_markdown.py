"""Markdown reports: light conversion to plain text, titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from actornet.ingest import read_document
from actornet.ingest.markdown import markdown_to_text


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Weekly report #", "Weekly report"),
        ("### Iran’s *envoy*", "Iran’s envoy"),
        ("Some **bold**, __strong__, *em* and _em_.", "Some bold, strong, em and em."),
        ("snake_case_name and 2*3*4 stay", "snake_case_name and 2*3*4 stay"),
        ("See [the IRGC](https://x.example/irgc) site.", "See the IRGC site."),
        ("See [the IRGC][ref].", "See the IRGC."),
        ("Logo ![logo](logo.png) gone", "Logo  gone"),
        ("Use `code` and ~~old~~ text", "Use code and old text"),
        (r"Not \*emphasis\* here", "Not *emphasis* here"),
        ("- one\n* two\n  + nested\n1. first", "• one\n• two\n  • nested\n1. first"),
        ("> quoted line", "quoted line"),
        ("```python\nx = **1**\n```", "x = **1**"),
        ("a\n\n---\n\nb", "a\n\n\nb"),
        ("[ref]: https://example.com\nkept", "kept"),
        ("Iran’s\u00a0envoy – “talks”", "Iran’s\u00a0envoy – “talks”"),
    ],
)
def test_markdown_to_text(source: str, expected: str) -> None:
    assert markdown_to_text(source)[0] == expected


@pytest.mark.parametrize(
    ("source", "title"),
    [
        ("Intro line\n\n## Second *level*\n\n# First", "Second level"),
        ("Report Title\n============\n\nBody", "Report Title"),
        ("---\ntitle: meta\n---\n# Real heading\nBody", "Real heading"),
        ("No heading at all\nBody", "No heading at all"),
    ],
)
def test_markdown_title(tmp_path: Path, source: str, title: str) -> None:
    path = tmp_path / "r.md"
    path.write_text(source, encoding="utf-8")
    doc = read_document(path)
    assert doc.title == title
    assert doc.format == "md"


def test_markdown_document_keeps_line_structure(tmp_path: Path) -> None:
    path = tmp_path / "r.markdown"
    path.write_text(
        "# Spotlight\n\nNovember 15, 2020 – November 29, 2020\n\n"
        "- Qa’ani **visited** [Damascus](http://x).\n- Second item\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text == (
        "Spotlight\n\nNovember 15, 2020 – November 29, 2020\n\n"
        "• Qa’ani visited Damascus.\n• Second item\n"
    )
    assert (doc.period_start, doc.period_end, doc.period_stated) == (
        "2020-11-15",
        "2020-11-29",
        True,
    )
    assert doc.id == "r.markdown"
