"""Extraction throughput, end to end: text files -> documents -> extraction -> SQLite store.

Builds a corpus of at least 2 million words from the seed reports, with person names varied
so that discovery and resolution do real work, ingests it into a fresh store on one core, and
prints words per second and peak memory as JSON.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from actornet.extract.gazetteer import load_gazetteer  # noqa: E402
from actornet.pipeline import ingest_paths  # noqa: E402
from actornet.store.sqlite import SqliteStore  # noqa: E402

FIRST = [
    "Ali",
    "Hassan",
    "Mohammad",
    "Reza",
    "Hossein",
    "Mahdi",
    "Karim",
    "Jafar",
    "Abbas",
    "Nouri",
    "Samir",
    "Tariq",
]
LAST = [
    "Rahimi",
    "Karimi",
    "Tehrani",
    "Moradi",
    "Jaberi",
    "Saedi",
    "Haidari",
    "Fakhri",
    "Obeidi",
    "Rubaie",
    "Zubaidi",
]


def build_corpus(out: Path, min_words: int, seed: int = 7) -> int:
    """Copies of the seeds; appositive names replaced by random ones. Returns the word count."""
    rng = random.Random(seed)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in seeds]
    pattern = re.compile(r"(?<=, )([A-Z][a-z]+ [A-Z][a-z]+)(?=, )")
    words, n = 0, 0
    while words < min_words:
        base = texts[n % len(texts)]
        text = pattern.sub(lambda _m: f"{rng.choice(FIRST)} {rng.choice(LAST)}", base)
        (out / f"{n:05d}_{seeds[n % len(seeds)].stem}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
        n += 1
    return words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=2_000_000)
    args = parser.parse_args()
    gaz = load_gazetteer()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, args.words)
        files = len(list(corpus.iterdir()))
        with SqliteStore(Path(tmp) / "bench.db") as store:
            t0 = time.perf_counter()
            result = ingest_paths([corpus], store, gazetteer=gaz)
            elapsed = time.perf_counter() - t0
            stats = store.stats()
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(
        json.dumps(
            {
                "benchmark": "extract_end_to_end",
                "files": files,
                "words": words,
                "seconds": round(elapsed, 2),
                "words_per_second": round(words / elapsed),
                "interactions_extracted": result.interactions,
                "interactions_stored_merged": stats["interactions"],
                "failed": len(result.failed),
                "peak_memory_mib": round(peak_kib / 1024, 1),
                "cores": 1,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
