"""The report as JSON (every section, machine-readable)."""

from __future__ import annotations

import json

from actornet.report.build import Report

__all__ = ["render_json"]


def render_json(report: Report) -> str:
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2, default=str) + "\n"
