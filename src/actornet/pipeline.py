"""Ingest flow: paths -> documents -> extractions -> store, one transaction per document."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actornet.errors import InputError
from actornet.extract.extractor import extract
from actornet.extract.gazetteer import Gazetteer, cached_gazetteer, load_gazetteer
from actornet.ingest import discover, read_document
from actornet.store.base import GraphStore

__all__ = ["IngestResult", "ingest_paths"]


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    words: int = 0
    interactions: int = 0

    @property
    def ok(self) -> bool:
        return not self.failed

    def to_dict(self) -> dict:
        return {
            "stored": self.stored,
            "unchanged": self.unchanged,
            "failed": [{"path": e.path, "reason": e.reason} for e in self.failed],
            "words": self.words,
            "interactions": self.interactions,
        }


def ingest_paths(
    paths: Sequence[str | os.PathLike],
    store: GraphStore,
    *,
    gazetteer: Gazetteer | str | os.PathLike | None = None,
    force: bool = False,
    progress: bool = False,
    on_error: Callable[[InputError], None] | None = None,
) -> IngestResult:
    """Read, extract and store every report under `paths`; bad files are reported, not fatal."""
    if isinstance(gazetteer, Gazetteer):
        gaz = gazetteer
    else:
        gaz = load_gazetteer(gazetteer) if gazetteer else cached_gazetteer()
    gc.freeze()  # the gazetteer's million small objects need no more garbage-collector scans
    files, errors = discover(paths)
    result = IngestResult()
    for err in errors:
        _fail(result, err, on_error)
    for path in _progress(files, progress):
        try:
            doc = read_document(Path(path))
        except InputError as err:
            _fail(result, err, on_error)
            continue
        if not force and store.document_hash(doc.id) == doc.sha256:
            result.unchanged.append(doc.id)
            continue
        try:
            extraction = extract(doc, gaz)
        except Exception as exc:  # an extractor bug must not stop the other files
            _fail(
                result,
                InputError(str(path), f"extraction failed ({type(exc).__name__}: {exc})"),
                on_error,
            )
            continue
        store.replace_document(extraction)
        result.stored.append(doc.id)
        result.words += doc.word_count
        result.interactions += len(extraction.interactions)
    return result


def _fail(
    result: IngestResult, err: InputError, on_error: Callable[[InputError], None] | None
) -> None:
    result.failed.append(err)
    if on_error:
        on_error(err)


def _progress(files: list[Path], show: bool):
    import sys

    if not show or len(files) <= 3 or not sys.stderr.isatty():
        yield from files
        return
    import click

    with click.progressbar(files, label="Ingesting", file=click.get_text_stream("stderr")) as bar:
        yield from bar
