"""Reading bytes from disk and turning them into normalised text."""

from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path

from actornet.errors import InputError

__all__ = ["decode_text", "normalise_text", "read_bytes"]

# Longest BOM first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Labels that browsers (WHATWG) decode as windows-1252 anyway.
_CP1252_ALIASES = frozenset({"iso-8859-1", "iso8859-1", "latin-1", "latin1", "ascii", "us-ascii"})
_CONTROL_SHARE = 0.05  # more control characters than this means "not a text report"
_BINARY = "binary file, not a text report"


def read_bytes(path: Path) -> bytes:
    """The file's bytes; every OS-level failure becomes an InputError."""
    name = str(path)
    try:
        if path.is_dir():
            raise InputError(name, "is a directory, not a file")
        if path.exists() and not path.is_file():  # a FIFO or device would block or never end
            raise InputError(name, "not a regular file")
        return path.read_bytes()
    except InputError:
        raise
    except FileNotFoundError:
        raise InputError(name, "no such file or directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise InputError(name, f"cannot read file ({exc.strerror or exc})") from None


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode report bytes: BOM, then UTF-8, then `declared` (HTML charset), then cp1252.

    The result is normalised (see `normalise_text`). Raises InputError for empty,
    binary or undecodable input.
    """
    if not data.strip():
        raise InputError(name, "empty file")
    text: str | None = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                label = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise InputError(name, f"cannot decode text (invalid {label})") from None
            break
    if text is None:
        if b"\x00" in data:
            raise InputError(name, _BINARY)
        text = _decode_without_bom(data, name, declared)
    if _looks_binary(text):
        raise InputError(name, _BINARY)
    text = normalise_text(text)
    if not text.strip():
        raise InputError(name, "empty file")
    return text


def _decode_without_bom(data: bytes, name: str, declared: str | None) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    encodings = ["cp1252"]
    if declared:
        try:
            canonical = codecs.lookup(declared).name
        except LookupError:
            canonical = ""
        if canonical and canonical not in _CP1252_ALIASES and canonical != "utf-8":
            encodings.insert(0, canonical)
    for encoding in encodings:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(name, "cannot decode text (not UTF-8, UTF-16 or cp1252)")


# C0 and C1 control characters (Unicode category Cc) except \t \n \v \f \r and \x1a.
_CONTROLS = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    """Heuristic: a text report has (almost) no C0/C1 control characters."""
    sample = text[:8192]
    if not sample:
        return False
    controls = len(_CONTROLS.findall(sample))
    return controls > max(2, _CONTROL_SHARE * len(sample))


_NEWLINES = re.compile(r"\r\n?")


def normalise_text(text: str) -> str:
    """Strip a BOM, turn \\r\\n and \\r into \\n, and compose to Unicode NFC.

    Nothing else is rewritten: quotes, dashes and non-breaking spaces survive.
    """
    text = text.removeprefix("\ufeff")
    return unicodedata.normalize("NFC", _NEWLINES.sub("\n", text))
