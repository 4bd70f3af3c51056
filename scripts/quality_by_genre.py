"""Extraction quality per genre, end to end, as a user gets it.

    python scripts/quality_by_genre.py

For each gold folder (`../shared/gold`, `../shared/dev`), ingests its texts into a fresh store
with the installed `actornet`, exports JSON at the default confidence threshold, and scores
each genre's reports with the independent scorer (`../shared/tools/score.py`). Prints a
Markdown table (strict P, R, F1 and core F1 per genre and overall). These are in-sample
figures: the scorer was trained on these texts; the leave-one-genre-out figures are
`python -m actornet.extract.scorer.train --table`.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from actornet.extract.scorer.train import GENRE_NAMES, genre_of

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def scored(gold: Path, pred: Path, reports: list[str]) -> dict:
    out = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score.py"),
            "--gold-dir",
            str(gold),
            "--pred",
            str(pred),
            "--reports",
            ",".join(reports),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)["summary"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actornet", default="actornet", help="the actornet command to run")
    args = parser.parse_args()
    rows = []
    totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for gold, texts in (
        (SHARED / "gold", ROOT / "seeds"),
        (SHARED / "dev", SHARED / "dev" / "texts"),
    ):
        reports = sorted(
            {r["report"] for r in json.loads((gold / "interactions.json").read_text())}
        )
        with tempfile.TemporaryDirectory() as tmp:
            db, pred = Path(tmp, "q.db"), Path(tmp, "q.json")
            files = [str(texts / r) for r in reports]
            subprocess.run(
                [args.actornet, "ingest", *files, "--db", str(db)], check=True, capture_output=True
            )
            subprocess.run(
                [args.actornet, "export", "--format", "json", "--db", str(db), "-o", str(pred)],
                check=True,
                capture_output=True,
            )
            by_genre = defaultdict(list)
            for r in reports:
                by_genre[genre_of(r)].append(r)
            for genre, reps in by_genre.items():
                s = scored(gold, pred, reps)
                rows.append((genre, len(reps), s))
                if gold.name == "dev":
                    for v in ("strict", "core"):
                        for k in ("tp", "fp", "fn"):
                            totals[v][k] += s[v][k]
    print("| texts | strict P | strict R | strict F1 | core F1 |")
    print("|---|---|---|---|---|")
    for genre, n, s in rows:
        st, co = s["strict"], s["core"]
        print(
            f"| {GENRE_NAMES.get(genre, genre)} ({n} texts) | {st['precision']:.3f} | "
            f"{st['recall']:.3f} | **{st['f1']:.3f}** | {co['f1']:.3f} |"
        )

    def f1(c: dict[str, int]) -> tuple[float, float, float]:
        p = c["tp"] / max(1, c["tp"] + c["fp"])
        r = c["tp"] / max(1, c["tp"] + c["fn"])
        return p, r, 2 * p * r / max(1e-9, p + r)

    p, r, f = f1(totals["strict"])
    print(f"| dev, all 24 texts | {p:.3f} | {r:.3f} | **{f:.3f}** | {f1(totals['core'])[2]:.3f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
