"""Extraction spread over processes, results in input order, identical to one process.

Each document is extracted on its own (extraction reads no other document), so a pool of
workers gives the same extractions as one process; the caller stores them in order. Workers
are forked after the gazetteer and the NLP pipeline are loaded, so they share both.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from actornet.extract.actors.gazetteer import Gazetteer
from actornet.extract.extractor import extract
from actornet.extract.proposers.parser import ParseExtractor
from actornet.model import Document, DocumentExtraction

__all__ = ["ExtractionFailed", "extract_many"]

_WORKER_GAZETTEER: Gazetteer | None = None


class ExtractionFailed(Exception):
    """An extractor bug on one document; the message names its type and text."""


def _die_with_parent(parent: int) -> None:
    """Worker initializer: a worker ends when the ingest that forked it is gone (even after
    SIGKILL, which gives the pool no chance to stop it)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="actornet-parent-watch", daemon=True).start()


def _extract_one(doc: Document) -> DocumentExtraction | ExtractionFailed:
    assert _WORKER_GAZETTEER is not None
    try:
        return extract(doc, _WORKER_GAZETTEER)
    except Exception as exc:  # an extractor bug must not stop the other files
        return ExtractionFailed(f"{type(exc).__name__}: {exc}")


def extract_many(
    docs: Iterable[Document], gazetteer: Gazetteer, jobs: int = 1
) -> Iterator[tuple[Document, DocumentExtraction | ExtractionFailed]]:
    """Extract every document, `jobs` at a time, yielding them in the order given."""
    global _WORKER_GAZETTEER
    _WORKER_GAZETTEER = gazetteer
    ParseExtractor.shared()  # a missing NLP pipeline fails here, once, not once per file
    if jobs <= 1 or "fork" not in mp.get_all_start_methods():
        for doc in docs:
            yield doc, _extract_one(doc)
        return
    # the pipeline is loaded before the fork: the workers share it
    window: deque[tuple[Document, Future]] = deque()
    with ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=mp.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        for doc in docs:
            window.append((doc, pool.submit(_extract_one, doc)))
            if len(window) >= 2 * jobs:  # bounded: texts in flight, not the whole corpus
                first, future = window.popleft()
                yield first, future.result()
        while window:
            first, future = window.popleft()
            yield first, future.result()
