"""Ingest: report files (.txt, .md, .html/.htm, .pdf) -> `Document` records."""

from __future__ import annotations

import os
from pathlib import Path

from actornet.errors import InputError
from actornet.ingest.decode import decode_text, read_bytes
from actornet.ingest.discover import (
    SUPPORTED_SUFFIXES,
    Source,
    discover,
    discover_sources,
    unsupported_reason,
)
from actornet.ingest.html import declared_charset, read_html
from actornet.ingest.markdown import read_markdown
from actornet.ingest.pdf import read_pdf
from actornet.ingest.period import infer_period, parse_period
from actornet.ingest.text import read_txt
from actornet.model import Document

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Source",
    "discover",
    "discover_sources",
    "infer_period",
    "parse_period",
    "read_document",
]

_FORMATS = {
    ".txt": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
}


def _convert(fmt: str, data: bytes, name: str) -> tuple[str, str]:
    if fmt == "pdf":
        return read_pdf(data, name)
    if fmt == "html":
        text, title = read_html(decode_text(data, name, declared_charset(data)))
    elif fmt == "md":
        text, title = read_markdown(decode_text(data, name))
    else:
        text, title = read_txt(decode_text(data, name))
    if not text.strip():
        raise InputError(name, f"no text content in this {fmt.upper()} file")
    return text, title


def read_document(path: Path, document_id: str | None = None) -> Document:
    """Read one report file; every user-caused failure is an InputError(path, reason).

    `document_id` is the document's identity (see `discover_sources`); it defaults to the
    file name. The document's `path` is the file's absolute path.
    """
    path = Path(path)
    name = str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(name, unsupported_reason(path))
    text, title = _convert(fmt, read_bytes(path), name)
    start, end = parse_period(text)
    stated = start is not None
    if not stated:
        start, end = infer_period(text)
    return Document(
        id=document_id or path.name,
        path=os.path.abspath(path),
        text=text,
        sha256=Document.hash_text(text),
        title=title,
        period_start=start,
        period_end=end,
        period_stated=stated,
        format=fmt,
    )
