"""PDF text as prose: the seeds printed to PDF against the same seeds as .txt.

Prints each seed (`--seeds`, default ../shared/seeds or seeds/) to PDF with the test helper
`tests/pdfprint.py` (wrapped at 90 characters, hyphenated words, a running header, page
numbers), ingests the .txt files and the PDFs into two stores, exports both and scores them
with the independent scorer (`--scorer`, default ../shared/tools/score.py) against `--gold`.
Prints JSON: strict and core F1 of both, and the word similarity of each PDF's text to its
.txt (difflib ratio over words).
"""

from __future__ import annotations

import argparse
import difflib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))

from actornet.export import export_json  # noqa: E402
from actornet.ingest import read_document  # noqa: E402
from actornet.pipeline import ingest_paths  # noqa: E402
from actornet.store.sqlite import SqliteStore  # noqa: E402
from pdfprint import print_to_pdf  # noqa: E402

SHARED = ROOT.parent / "shared"


def word_similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a.split(), b.split(), autojunk=False).ratio()


def _score(scorer: Path, gold: Path, export: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(scorer), "--gold-dir", str(gold), "--pred", str(export), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    summary = json.loads(out.stdout)["summary"]
    return {v: summary[v] for v in ("strict", "core")}


def _ingest(folder: Path, db: Path, export: Path) -> None:
    with SqliteStore(db) as store:
        result = ingest_paths([folder], store)
        if result.failed:
            raise SystemExit(f"ingest failed: {result.to_dict()['failed']}")
        export.write_text(json.dumps(export_json(store)), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    seeds = SHARED / "seeds" if (SHARED / "seeds").is_dir() else ROOT / "seeds"
    parser.add_argument("--seeds", type=Path, default=seeds)
    parser.add_argument("--gold", type=Path, default=SHARED / "gold")
    parser.add_argument("--scorer", type=Path, default=SHARED / "tools" / "score.py")
    parser.add_argument(
        "--align",
        choices=["", "L", "J"],
        default="",
        help="wrap by printed width, ragged (L) or justified (J); default: 90 characters",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        txt_dir, pdf_dir = work / "txt", work / "pdf"
        txt_dir.mkdir()
        pdf_dir.mkdir()
        similarity = {}
        for seed in sorted(args.seeds.glob("*.txt")):
            (txt_dir / seed.name).write_bytes(seed.read_bytes())
            text = read_document(seed).text
            pdf = pdf_dir / f"{seed.stem}.pdf"
            pdf.write_bytes(print_to_pdf(text, align=args.align))
            similarity[seed.name] = round(word_similarity(text, read_document(pdf).text), 4)
        figures: dict = {"word_similarity": similarity}
        for name, folder in (("txt", txt_dir), ("pdf", pdf_dir)):
            export = work / f"{name}.json"
            _ingest(folder, work / f"{name}.db", export)
            if args.scorer.is_file() and args.gold.is_dir():
                figures[name] = _score(args.scorer, args.gold, export)
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
