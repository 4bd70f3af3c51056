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
from actornet.ingest.limits import DEFAULT_MAX_BYTES, format_size, parse_size
from actornet.ingest.markdown import read_markdown
from actornet.ingest.pdf import read_pdf
from actornet.ingest.period import infer_period, parse_period
from actornet.ingest.text import read_txt
from actornet.model import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "Source",
    "discover",
    "discover_sources",
    "infer_period",
    "parse_period",
    "parse_size",
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


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_bytes reports the real problem


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


def _too_big(size: int, max_bytes: int, what: str) -> str:
    return (
        f"{what} is {format_size(size)}, above the {format_size(max_bytes)} limit; skipped "
        "(raise it with --max-size or ACTORNET_MAX_BYTES)"
    )


def read_document(
    path: Path, document_id: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Read one report file; every user-caused failure is an InputError(path, reason).

    `document_id` is the document's identity (see `discover_sources`); it defaults to the
    file name. The document's `path` is the file's absolute path. A text file larger than
    `max_bytes`, or a PDF whose text is, is refused before it is read or extracted.
    """
    path = Path(path)
    name = str(path)
    fmt = _FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(name, unsupported_reason(path))
    if fmt != "pdf":
        size = _file_size(path)
        if size > max_bytes:
            raise InputError(name, _too_big(size, max_bytes, "file"))
    try:
        text, title = _convert(fmt, read_bytes(path), name)
    except (RecursionError, MemoryError) as exc:
        reason = "nested too deeply" if isinstance(exc, RecursionError) else "too large"
        raise InputError(name, f"cannot read this {fmt.upper()} file ({reason})") from None
    encoded = len(text.encode("utf-8"))
    if encoded > max_bytes:
        raise InputError(name, _too_big(encoded, max_bytes, "text"))
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
