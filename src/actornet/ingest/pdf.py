"""PDF reports: the pypdf text layer, turned back into prose (see `actornet.ingest.prose`)."""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager

from pypdf import PdfReader
from pypdf.errors import DependencyError

from actornet.errors import InputError
from actornet.ingest.decode import normalise_text
from actornet.ingest.prose import pages_to_prose, repair_hyphenation
from actornet.ingest.text import first_line_title

__all__ = ["read_pdf", "repair_hyphenation"]

_LIGATURES = str.maketrans(
    {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}
)


@contextmanager
def _quiet() -> Iterator[None]:
    """Silence pypdf's log records and warnings: the user sees only our one line."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.setLevel(level)


def _short(exc: BaseException) -> str:
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return message if len(message) <= 80 else message[:77] + "..."


def _open(data: bytes, name: str) -> PdfReader:
    if b"%PDF-" not in data[:1024]:
        raise InputError(name, "corrupt PDF (no PDF header)")
    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as exc:  # pypdf raises many types for damaged files
        raise InputError(name, f"corrupt PDF ({_short(exc)})") from None
    if reader.is_encrypted:
        try:
            opened = reader.decrypt("")
        except DependencyError:
            raise InputError(name, "encrypted PDF (needs the 'cryptography' package)") from None
        except Exception:
            opened = 0
        if not opened:
            raise InputError(name, "encrypted PDF")
    return reader


def _metadata_title(reader: PdfReader) -> str:
    try:
        meta = reader.metadata
        title = meta.title if meta else None
    except Exception:  # a broken /Info dictionary is not worth failing the file for
        return ""
    return " ".join(str(title).split()) if title else ""


def read_pdf(data: bytes, name: str) -> tuple[str, str]:
    """(text, title) of a PDF; raises InputError for encrypted, corrupt or image-only files."""
    if not data.strip():
        raise InputError(name, "empty file")
    with _quiet():
        reader = _open(data, name)
        try:
            pages = [page.extract_text() or "" for page in reader.pages]
        except Exception as exc:
            raise InputError(name, f"corrupt PDF ({_short(exc)})") from None
        title = _metadata_title(reader)
    if not pages:
        raise InputError(name, "corrupt PDF (no pages)")
    text = pages_to_prose([normalise_text(page).translate(_LIGATURES) for page in pages])
    if not text.strip():
        raise InputError(name, "PDF has no text layer (a scanned image? OCR is not supported)")
    return text, title or first_line_title(text)
