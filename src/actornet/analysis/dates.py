"""Partial ISO dates (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as the analysis needs them."""

from __future__ import annotations

import calendar
from datetime import date

__all__ = [
    "PERIODS",
    "earliest",
    "in_window",
    "latest",
    "midpoint",
    "period_key",
]

PERIODS = ("month", "quarter", "year")


def _parts(iso: str) -> tuple[int, int | None, int | None]:
    bits = iso.split("-")
    year = int(bits[0])
    month = int(bits[1]) if len(bits) > 1 else None
    day = int(bits[2]) if len(bits) > 2 else None
    return year, month, day


def earliest(iso: str) -> date:
    """The first day a partial date can mean: `2020-11` -> 2020-11-01."""
    y, m, d = _parts(iso)
    return date(y, m or 1, d or 1)


def latest(iso: str) -> date:
    """The last day a partial date can mean: `2020-11` -> 2020-11-30."""
    y, m, d = _parts(iso)
    if m is None:
        return date(y, 12, 31)
    if d is None:
        return date(y, m, calendar.monthrange(y, m)[1])
    return date(y, m, d)


def midpoint(iso: str) -> date:
    """The middle of the period a partial date covers (used for recency)."""
    lo, hi = earliest(iso), latest(iso)
    return date.fromordinal((lo.toordinal() + hi.toordinal()) // 2)


def in_window(iso: str | None, since: str | None, until: str | None) -> bool:
    """Whether a partial date overlaps the inclusive window [since, until].

    Dates are compared at their common precision, so `2020` overlaps `since=2020-06`.
    Undated items are outside every bounded window.
    """
    if not since and not until:
        return True
    if not iso:
        return False
    if since and iso[: len(since)] < since[: len(iso)]:
        return False
    return not (until and iso[: len(until)] > until[: len(iso)])


def period_key(iso: str | None, period: str) -> str | None:
    """`2020-11-18` -> `2020-11` (month), `2020-Q4` (quarter), `2020` (year).

    None when the date is missing or too coarse for the period.
    """
    if period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}")
    if not iso:
        return None
    y, m, _ = _parts(iso)
    if period == "year":
        return f"{y:04d}"
    if m is None:
        return None
    if period == "month":
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-Q{(m - 1) // 3 + 1}"
