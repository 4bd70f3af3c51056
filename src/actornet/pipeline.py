"""Ingest flow: paths -> documents -> extractions -> store, one transaction per document."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actornet.errors import InputError
from actornet.extract.gazetteer import Gazetteer, cached_gazetteer, load_gazetteer
from actornet.extract.parallel import ExtractionFailed, extract_many
from actornet.ingest import discover, read_document
from actornet.model import Document
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
    jobs: int = 1,
) -> IngestResult:
    """Read, extract and store every report under `paths`; bad files are reported, not fatal.

    With `jobs` > 1 the extraction runs in that many processes; documents are still stored
    one by one, in order, so the store ends the same as with one process.
    """
    if isinstance(gazetteer, Gazetteer):
        gaz = gazetteer
    else:
        gaz = load_gazetteer(gazetteer) if gazetteer else cached_gazetteer()
    gc.freeze()  # the gazetteer's million small objects need no more garbage-collector scans
    files, errors = discover(paths)
    result = IngestResult()
    for err in errors:
        _fail(result, err, on_error)
    origin: dict[str, Path] = {}

    def changed() -> Iterator[Document]:
        """Read each file; bad ones are reported, unchanged ones counted, the rest go on."""
        for path in _progress(files, progress):
            try:
                doc = read_document(Path(path))
            except InputError as err:
                _fail(result, err, on_error)
                continue
            if not force and store.document_hash(doc.id) == doc.sha256:
                result.unchanged.append(doc.id)
                continue
            origin[doc.id] = Path(path)
            yield doc

    for doc, extraction in extract_many(changed(), gaz, jobs=max(1, jobs)):
        if isinstance(extraction, ExtractionFailed):
            where = str(origin.pop(doc.id, doc.id))
            _fail(result, InputError(where, f"extraction failed ({extraction})"), on_error)
            continue
        origin.pop(doc.id, None)
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
