"""The extraction quality bar on the annotated seed reports (skipped where the gold is absent)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from actornet.evaluate import load_gold, score
from actornet.export import export_json
from actornet.pipeline import ingest_paths
from actornet.store.confident import confident
from actornet.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
CANDIDATES = [
    os.environ.get("ACTORNET_GOLD", ""),
    ROOT.parent / "shared" / "gold",
]
GOLD = next((Path(p) for p in CANDIDATES if p and (Path(p) / "interactions.json").exists()), None)


SCORER = next(
    (Path(p) for p in (ROOT.parent / "shared" / "tools" / "score.py",) if Path(p).exists()),
    None,
)


def _strict(texts: Path, gold: Path, db: Path) -> dict:
    """Ingest `texts` into a fresh store and score it against `gold` (strict, overall); where
    the independent scorer is at hand, check that `actornet evaluate` agrees with it."""
    with SqliteStore(db) as store:
        ingest_paths([texts], store)
        exported = export_json(confident(store))  # what `actornet export` gives by default
    ours = score(load_gold(gold), exported).to_dict()
    if SCORER is not None:
        pred = db.with_suffix(".json")
        pred.write_text(json.dumps(exported), encoding="utf-8")
        out = subprocess.run(
            [sys.executable, str(SCORER), "--gold-dir", str(gold), "--pred", str(pred), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
        reference = json.loads(out.stdout)["summary"]
        for variant in ("strict", "core"):
            counts = {k: ours[variant]["overall"][k] for k in ("tp", "fp", "fn")}
            assert counts == {k: reference[variant][k] for k in ("tp", "fp", "fn")}, variant
    return ours["strict"]["overall"]


@pytest.mark.skipif(GOLD is None, reason="gold annotations (../shared/gold) not available")
def test_seed_extraction_clears_the_bar(tmp_path: Path) -> None:
    assert GOLD is not None
    strict = _strict(ROOT / "seeds", GOLD, tmp_path / "s.db")
    assert strict["f1"] >= 0.85, strict
    assert strict["precision"] >= 0.85, strict


DEV_CANDIDATES = [
    os.environ.get("ACTORNET_DEV", ""),
    ROOT.parent / "shared" / "dev",
]
DEV = next((Path(p) for p in DEV_CANDIDATES if p and (Path(p) / "texts").is_dir()), None)
# What the extractor reached on the 24 texts of the development set (six genres), end to end at
# the default confidence threshold (strict F1 0.576, precision 0.744; on main before the learned
# scorer: 0.531, 0.683), less a small margin. These texts trained the scorer: the figure that
# predicts unseen texts is the leave-one-genre-out table in docs/quality.md.
DEV_F1_BAR = 0.55
DEV_PRECISION_BAR = 0.72


@pytest.mark.skipif(DEV is None, reason="development set (../shared/dev) not available")
def test_dev_set_extraction_keeps_its_level(tmp_path: Path) -> None:
    assert DEV is not None
    strict = _strict(DEV / "texts", DEV, tmp_path / "d.db")
    assert strict["f1"] >= DEV_F1_BAR, strict
    assert strict["precision"] >= DEV_PRECISION_BAR, strict
