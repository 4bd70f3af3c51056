"""Ingest flow: paths -> documents -> extractions -> store, one transaction per document."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from actornet.errors import InputError
from actornet.extract.actors.gazetteer import Gazetteer, cached_gazetteer, load_gazetteer
from actornet.extract.parallel import ExtractionFailed, extract_many
from actornet.ingest import DEFAULT_MAX_BYTES, Source, discover_sources, read_document
from actornet.model import Document
from actornet.store.base import DocumentIndex, GraphStore

__all__ = ["IngestResult", "ingest_paths"]


@dataclass
class IngestResult:
    stored: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[InputError] = field(default_factory=list)
    moved: list[tuple[str, str]] = field(default_factory=list)  # (old id, new id)
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
            "moved": [{"from": old, "to": new} for old, new in self.moved],
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
    max_bytes: int = DEFAULT_MAX_BYTES,
    jobs: int = 1,
) -> IngestResult:
    """Read, extract and store every report under `paths`; bad files are reported, not fatal.

    Files (or PDF text) above `max_bytes` are reported and skipped. With `jobs` > 1 the
    extraction runs in that many processes; documents are still stored one by one, in
    order, so the store ends the same as with one process.
    """
    if isinstance(gazetteer, Gazetteer):
        gaz = gazetteer
    else:
        gaz = load_gazetteer(gazetteer) if gazetteer else cached_gazetteer()
    gc.freeze()  # the gazetteer's million small objects need no more garbage-collector scans
    sources, errors = discover_sources(paths)
    result = IngestResult()
    for err in errors:
        _fail(result, err, on_error)
    origin: dict[str, Path] = {}

    def changed() -> Iterator[Document]:
        """Read each file; bad ones are reported, unchanged ones counted, the rest go on."""
        for source in _progress(sources, progress):
            try:
                doc = read_document(source.path, source.id, max_bytes=max_bytes)
            except InputError as err:
                _fail(result, err, on_error)
                continue
            if _known(store, doc, result) and not force:
                result.unchanged.append(doc.id)
                continue
            origin[doc.id] = source.path
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


def _known(store: GraphStore, doc: Document, result: IngestResult) -> bool:
    """True when the store holds this text under this id, or under the id of a file that
    has moved (that document takes the new id and path, nothing is re-extracted)."""
    if store.document_hash(doc.id) == doc.sha256:
        if isinstance(store, DocumentIndex) and store.document_path(doc.id) != doc.path:
            store.move_document(doc.id, doc.id, doc.path)
        return True
    if not isinstance(store, DocumentIndex):
        return False
    for old_id, old_path in store.documents_with_hash(doc.sha256):
        if old_id != doc.id and _same_or_gone(old_path, doc.path):
            store.move_document(old_id, doc.id, doc.path)
            result.moved.append((old_id, doc.id))
            return True
    return False


def _same_or_gone(old_path: str, new_path: str) -> bool:
    """The stored document's file no longer exists, or is the file being ingested."""
    try:
        return not os.path.exists(old_path) or os.path.samefile(old_path, new_path)
    except OSError:
        return False


def _fail(
    result: IngestResult, err: InputError, on_error: Callable[[InputError], None] | None
) -> None:
    result.failed.append(err)
    if on_error:
        on_error(err)


def _progress(files: list[Source], show: bool):
    import sys

    if not show or len(files) <= 3 or not sys.stderr.isatty():
        yield from files
        return
    import click

    with click.progressbar(files, label="Ingesting", file=click.get_text_stream("stderr")) as bar:
        yield from bar
