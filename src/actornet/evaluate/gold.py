"""Reading and checking a gold directory (see the gold FORMAT.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from actornet.errors import ActornetError

__all__ = ["SCORED_TYPES", "SYMMETRIC_TYPES", "Gold", "load_gold", "report_name"]

SCORED_TYPES: tuple[str, ...] = ("MET_WITH", "VISITED", "SIGNED_AGREEMENT", "ATTACKED")
"""Interaction types the scorer knows; every other type is ignored."""

SYMMETRIC_TYPES: frozenset[str] = frozenset({"MET_WITH", "SIGNED_AGREEMENT"})
"""Types that also match with source and target swapped."""

_ENTITY_KEYS = ("id", "name")
_INTERACTION_KEYS = ("id", "report", "type", "source", "target")


@dataclass
class Gold:
    """The gold annotations: entity and interaction records as in the JSON files."""

    entities: list[dict[str, Any]]
    interactions: list[dict[str, Any]]

    @property
    def reports(self) -> list[str]:
        """Reports that have gold records, in order of first appearance."""
        return list(dict.fromkeys(report_name(r["report"]) for r in self.interactions))


def report_name(document: str) -> str:
    """A report's file name, so a path in the export still names the same report."""
    return Path(str(document).replace("\\", "/")).name


def _read_list(path: Path) -> list[dict[str, Any]]:
    if not path.is_file():
        raise ActornetError(f"{path}: no such gold file")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ActornetError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ActornetError(f"{path}: invalid JSON: {exc.msg} at line {exc.lineno}") from None
    if not isinstance(data, list) or not all(isinstance(x, dict) for x in data):
        raise ActornetError(f"{path}: expected a JSON list of objects")
    return data


def _check_keys(path: Path, records: list[dict[str, Any]], keys: tuple[str, ...]) -> None:
    for n, record in enumerate(records):
        missing = [k for k in keys if k not in record]
        if missing:
            label = record.get("id", f"record {n}")
            raise ActornetError(f"{path}: {label}: missing {', '.join(missing)}")


def load_gold(gold_dir: str | Path) -> Gold:
    """Read `entities.json` and `interactions.json` from a gold directory.

    A missing directory or file, invalid JSON, a record without its required keys or
    an interaction naming an unknown entity raises `ActornetError` with a one-line reason.
    """
    root = Path(gold_dir)
    if not root.is_dir():
        raise ActornetError(f"{root}: no such gold directory")
    entities_path = root / "entities.json"
    interactions_path = root / "interactions.json"
    entities = _read_list(entities_path)
    interactions = _read_list(interactions_path)
    _check_keys(entities_path, entities, _ENTITY_KEYS)
    _check_keys(interactions_path, interactions, _INTERACTION_KEYS)
    ids = {e["id"] for e in entities}
    for record in interactions:
        accept = record.get("accept_also") or {}
        if not isinstance(accept, dict):
            raise ActornetError(
                f"{interactions_path}: {record['id']}: accept_also must be an object"
            )
        ends = [
            record["source"],
            record["target"],
            *accept.get("source", []),
            *accept.get("target", []),
        ]
        unknown = sorted({str(x) for x in ends if x is not None and x not in ids})
        if unknown:
            raise ActornetError(
                f"{interactions_path}: {record['id']}: unknown entity id(s) {', '.join(unknown)}"
            )
        if record["target"] is None:
            raise ActornetError(f"{interactions_path}: {record['id']}: target is null")
    return Gold(entities=entities, interactions=interactions)
