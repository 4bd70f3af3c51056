"""The reporting period of a report: stated in its header, or inferred from its dates."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

__all__ = ["infer_period", "parse_period"]

_MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
_MONTH_NUMBER = {name: i for i, full in enumerate(_MONTHS, 1) for name in (full, full[:3])}
_MONTH_NUMBER["sept"] = 9
_NAMES = sorted(_MONTH_NUMBER, key=len, reverse=True)
# Capitalised or upper-case month names only, so that "may 5" in running text is no date.
_M = "(?:" + "|".join(v for n in _NAMES for v in (n.capitalize(), n.upper())) + r")\b\.?"
_D = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
_Y = r"(?:1[89]|20)\d\d(?!\d)"
_SEP = r"\s*(?:[-\u2010-\u2015]+|\bto\b|\buntil\b|\bthrough\b|\btill\b)\s*"
_HEADER_CHARS = 1500
_MAX_SPAN_DAYS = 400


def _g(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


_RANGES = tuple(
    re.compile(p)
    for p in (
        # November 15, 2020 – November 29, 2020 | November 15 – 29, 2020 | Nov 25 – Dec 3, 2020
        rf"\b{_g('m1', _M)}\s+{_g('d1', _D)}(?:,?\s+{_g('y1', _Y)})?{_SEP}"
        rf"(?:{_g('m2', _M)}\s+)?{_g('d2', _D)}(?:,\s*|\s+){_g('y2', _Y)}",
        # 15 November 2020 - 29 November 2020 | 15-29 November 2020 | 25 Nov - 3 Dec 2020
        rf"\b{_g('d1', _D)}(?:\s+{_g('m1', _M)}(?:,?\s+{_g('y1', _Y)})?)?{_SEP}"
        rf"{_g('d2', _D)}\s+{_g('m2', _M)},?\s+{_g('y2', _Y)}",
        # 2020-11-15 to 2020-11-29
        r"\b(?P<y1>\d{4})-(?P<m1>\d\d)-(?P<d1>\d\d)\s*(?:[/\u2010-\u2015]|--?|\bto\b)\s*"
        r"(?P<y2>\d{4})-(?P<m2>\d\d)-(?P<d2>\d\d)\b",
    )
)
_FULL_DATES = tuple(
    re.compile(p)
    for p in (
        rf"\b{_g('m', _M)}\s+{_g('d', _D)},?\s+{_g('y', _Y)}",
        rf"\b{_g('d', _D)}\s+{_g('m', _M)},?\s+{_g('y', _Y)}",
        r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b",
    )
)
_DAY_MONTHS = tuple(
    re.compile(p)
    for p in (rf"\b{_g('m', _M)}\s+{_g('d', _D)}", rf"\b{_g('d', _D)}\s+{_g('m', _M)}")
)
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")

Period = tuple[str | None, str | None]


def _month(token: str) -> int:
    return int(token) if token.isdigit() else _MONTH_NUMBER[token.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.match(r"\d+", token).group())  # type: ignore[union-attr]


def _date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _range(m: re.Match[str]) -> tuple[date, date] | None:
    """Complete a matched range, borrowing missing month/year from the other end."""
    g = m.groupdict()
    y2, d1, d2 = int(g["y2"]), _day(g["d1"]), _day(g["d2"])
    m1 = _month(g["m1"] or g["m2"])
    m2 = _month(g["m2"] or g["m1"])
    y1 = int(g["y1"]) if g["y1"] else y2 - (1 if (m1, d1) > (m2, d2) else 0)
    start, end = _date(y1, m1, d1), _date(y2, m2, d2)
    if start is None or end is None or not 0 <= (end - start).days <= _MAX_SPAN_DAYS:
        return None
    return start, end


def parse_period(text: str) -> Period:
    """The reporting period stated near the top of the text as ISO dates, or (None, None)."""
    head = text[:_HEADER_CHARS]
    matches = sorted((m for p in _RANGES for m in p.finditer(head)), key=lambda m: m.start())
    for m in matches:
        found = _range(m)
        if found:
            return found[0].isoformat(), found[1].isoformat()
    return None, None


def _full_dates(text: str) -> list[date]:
    found = []
    for pattern in _FULL_DATES:
        for m in pattern.finditer(text):
            d = _date(int(m["y"]), _month(m["m"]), _day(m["d"]))
            if d:
                found.append(d)
    return found


def _yearless_dates(text: str) -> list[date]:
    """Day-month dates without a year, placed in the year the text mentions most."""
    years = Counter(int(y) for y in _YEAR.findall(text))
    if not years:
        return []
    year = max(years, key=lambda y: (years[y], y))
    found = []
    for pattern in _DAY_MONTHS:
        for m in pattern.finditer(text):
            d = _date(year, _month(m["m"]), _day(m["d"]))
            if d:
                found.append(d)
    return found


def _cluster(dates: list[date]) -> Period:
    """min..max of the dates within one month of the most frequent (year, month)."""
    if not dates:
        return None, None
    months = Counter(d.year * 12 + d.month - 1 for d in dates)
    modal = max(months, key=lambda k: (months[k], k))  # ties: the later month
    near = [d for d in dates if abs(d.year * 12 + d.month - 1 - modal) <= 1]
    return min(near).isoformat(), max(near).isoformat()


def infer_period(text: str) -> Period:
    """A period derived from the dates in the text (see `_cluster`), or (None, None).

    Full dates with a year are used when there are any; otherwise day-month dates
    are placed in the year the text mentions most often.
    """
    return _cluster(_full_dates(text) or _yearless_dates(text))
