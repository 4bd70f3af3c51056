"""Extraction throughput, end to end, side by side with the spaCy pipeline alone.

Builds a corpus from the seed reports (person names varied so that discovery and resolution
do real work) and measures, each in its own process so that peak memory is its own:

- `end_to_end`: text files -> documents -> extraction (token rules, then the parse rules on the
  sentences that hold a trigger) -> SQLite store, in one process;
- `spacy_pipe_all`: the same spaCy pipeline alone, `nlp.pipe` with all components over the
  same documents' text: the baseline the end-to-end run must at least match;
- `end_to_end_jobs`: the end-to-end run spread over `--jobs` processes (skipped with 1).

Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

FIRST = ["Ali", "Hassan", "Mohammad", "Reza", "Hossein", "Mahdi", "Karim", "Jafar", "Samir"]
LAST = ["Rahimi", "Karimi", "Tehrani", "Moradi", "Jaberi", "Saedi", "Haidari", "Obeidi"]


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


def _peak_mib() -> float:
    """Peak resident memory of this process or of any worker it forked, whichever is larger."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, workers) / 1024, 1)


def run_end_to_end(corpus: Path, db: Path, jobs: int) -> dict:
    from actornet.extract.nlp import load_pipeline
    from actornet.pipeline import ingest_paths
    from actornet.store.sqlite import SqliteStore

    load_pipeline()  # loading the model is a one-off cost, timed apart
    with SqliteStore(db) as store:
        t0 = time.perf_counter()
        result = ingest_paths([corpus], store, jobs=jobs)
        elapsed = time.perf_counter() - t0
        stats = store.stats()
    return {
        "seconds": round(elapsed, 2),
        "interactions_extracted": result.interactions,
        "interactions_stored_merged": stats["interactions"],
        "failed": len(result.failed),
        "peak_memory_mib": _peak_mib(),
        "processes": jobs,
    }


def run_spacy_pipe(corpus: Path) -> dict:
    from actornet.extract.nlp import load_pipeline

    nlp = load_pipeline()
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir())]
    t0 = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    elapsed = time.perf_counter() - t0
    return {"seconds": round(elapsed, 2), "tokens": tokens, "peak_memory_mib": _peak_mib()}


def _child(mode: str, corpus: Path, db: Path, jobs: int) -> dict:
    cmd = [sys.executable, __file__, "--child", mode, str(corpus), str(db), str(jobs)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        mode, corpus, db, jobs = sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5])
        runs = {
            "end_to_end": lambda: run_end_to_end(corpus, db, jobs),
            "spacy": lambda: run_spacy_pipe(corpus),
        }
        print(json.dumps(runs[mode]()))
        return
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--words", type=int, default=300_000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--rounds",
        type=int,
        default=3,
        help="alternate the two measurements this many times; each side's best run counts "
        "(a shared machine's speed drifts between runs)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        words = build_corpus(corpus, args.words)
        files = len(list(corpus.iterdir()))
        ends, bases = [], []
        for r in range(max(1, args.rounds)):
            ends.append(_child("end_to_end", corpus, Path(tmp) / f"one{r}.db", 1))
            bases.append(_child("spacy", corpus, Path(tmp) / "unused.db", 1))
        end = min(ends, key=lambda x: x["seconds"])
        base = min(bases, key=lambda x: x["seconds"])
        par = None
        if args.jobs > 1:
            par = _child("end_to_end", corpus, Path(tmp) / "jobs.db", args.jobs)
    report = {
        "benchmark": "extract_end_to_end_vs_spacy_pipe",
        "files": files,
        "words": words,
        "end_to_end": {**end, "words_per_second": round(words / end["seconds"])},
        "spacy_pipe_all": {**base, "words_per_second": round(words / base["seconds"])},
        "end_to_end_speedup_over_spacy_pipe": round(base["seconds"] / end["seconds"], 2),
        "rounds": {
            "end_to_end_seconds": [x["seconds"] for x in ends],
            "spacy_pipe_seconds": [x["seconds"] for x in bases],
            "speedup_per_round": [
                round(b["seconds"] / e["seconds"], 2) for e, b in zip(ends, bases, strict=True)
            ],
        },
    }
    if par is not None:
        report["end_to_end_jobs"] = {**par, "words_per_second": round(words / par["seconds"])}
        report["jobs_results_identical"] = (
            par["interactions_stored_merged"] == end["interactions_stored_merged"]
            and par["interactions_extracted"] == end["interactions_extracted"]
        )
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
