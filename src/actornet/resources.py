"""Data files shipped with actornet: the curated gazetteer, the Cypher files, the seed reports.

An installed actornet carries them in `actornet/data/` (copied there at build time from
`seeds/gazetteer.yaml` and `cypher/`, see setup.py); a source checkout or an editable
install reads the originals. Environment variables override both.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

__all__ = ["cypher_dir", "gazetteer_path", "seed_reports_dir"]

_CHECKOUT = Path(__file__).resolve().parents[2]  # src/actornet/resources.py -> checkout


def _packaged(*parts: str) -> Path | None:
    """A file or folder inside the installed package's data, when it is on disk."""
    try:
        found = resources.files("actornet").joinpath("data", *parts)
    except (ModuleNotFoundError, OSError):
        return None
    path = Path(str(found))
    return path if path.exists() else None


def gazetteer_path() -> Path:
    """$ACTORNET_GAZETTEER, else the packaged gazetteer, else the checkout's seeds/ file."""
    env = os.environ.get("ACTORNET_GAZETTEER")
    if env:
        return Path(env)
    return _packaged("gazetteer.yaml") or _CHECKOUT / "seeds" / "gazetteer.yaml"


def cypher_dir() -> Path | None:
    """$ACTORNET_CYPHER_DIR, else the packaged Cypher files, else the checkout's cypher/.

    None when no candidate holds a schema.cypher.
    """
    candidates = [_packaged("cypher"), _CHECKOUT / "cypher"]
    if os.environ.get("ACTORNET_CYPHER_DIR"):
        candidates.insert(0, Path(os.environ["ACTORNET_CYPHER_DIR"]))
    for path in candidates:
        if path is not None and (path / "schema.cypher").is_file():
            return path
    return None


def seed_reports_dir() -> Path:
    """$ACTORNET_SEEDS, else the packaged seed reports (five Spotlight on Iran summaries),
    else the checkout's seeds/ folder: the bundled example corpus, found from any folder."""
    env = os.environ.get("ACTORNET_SEEDS")
    if env:
        return Path(env)
    return _packaged("seeds") or _CHECKOUT / "seeds"
