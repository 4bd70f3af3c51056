"""Finding the report files named on the command line."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from actornet.errors import InputError

__all__ = ["SUPPORTED_SUFFIXES", "Source", "discover", "discover_sources", "unsupported_reason"]

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(
    {".txt", ".md", ".markdown", ".html", ".htm", ".pdf"}
)
_EXPECTED = "expected .txt, .md, .html, .htm or .pdf"


def unsupported_reason(path: Path) -> str:
    """The InputError reason for a file whose suffix we cannot read."""
    if not path.suffix:
        return f"unsupported file type (no file extension; {_EXPECTED})"
    return f"unsupported file type '{path.suffix}' ({_EXPECTED})"


def _is_supported(path: Path) -> bool:
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def _walk(folder: Path, errors: list[InputError]) -> list[Path]:
    """Supported, non-hidden files below `folder`, sorted by path."""

    def on_error(exc: OSError) -> None:
        where = exc.filename or str(folder)
        reason = "permission denied" if isinstance(exc, PermissionError) else "cannot read folder"
        errors.append(InputError(str(where), reason))

    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder, onerror=on_error):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in filenames:
            path = Path(dirpath, name)
            if not name.startswith(".") and _is_supported(path) and path.is_file():
                found.append(path)
    return sorted(found)


@dataclass(frozen=True)
class Source:
    """A file to ingest and its document id.

    The id is the path relative to the folder named on the command line (POSIX
    separators), or the absolute path of a file named on its own.
    """

    path: Path
    id: str


def _absolute(path: Path) -> Path:
    return Path(os.path.abspath(path))


def discover_sources(
    paths: Sequence[str | os.PathLike[str]],
) -> tuple[list[Source], list[InputError]]:
    """Files to ingest with their document ids, and the errors for unusable paths.

    Folders are walked recursively (sorted; hidden entries and unsupported suffixes
    skipped). Named files must have a supported suffix. A file reached twice is
    ingested once, under its first id.
    """
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[Path] = set()
    for given in paths:
        name = os.fspath(given)
        path = Path(name)
        if path.is_dir():
            root = _absolute(path)
            found = [(f, _absolute(f).relative_to(root).as_posix()) for f in _walk(path, errors)]
        elif path.is_file():
            if not _is_supported(path):
                errors.append(InputError(name, unsupported_reason(path)))
                continue
            found = [(path, _absolute(path).as_posix())]
        elif path.exists():
            errors.append(InputError(name, "not a regular file"))
            continue
        else:
            errors.append(InputError(name, "no such file or directory"))
            continue
        for candidate, doc_id in found:
            key = candidate.resolve()
            if key not in seen:
                seen.add(key)
                sources.append(Source(candidate, doc_id))
    return sources, errors


def discover(paths: Sequence[str | os.PathLike[str]]) -> tuple[list[Path], list[InputError]]:
    """Files to ingest (see `discover_sources`) and the errors for unusable paths."""
    sources, errors = discover_sources(paths)
    return [s.path for s in sources], errors
