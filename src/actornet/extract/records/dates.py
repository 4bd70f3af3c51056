"""Date expressions in a sentence, resolved against the report period."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateMention", "find_dates", "period_default", "resolve_year"]

_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?"
)
_MONTHS = {
    m.lower(): i + 1
    for i, m in enumerate(
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
    )
}
_DAY_FIRST = re.compile(
    r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r"(?:,?\s+(?P<year>\d{4}))?\b"
)
_MONTH_DAY = re.compile(
    r"\b(?P<qual>early|mid|mid-|late|the end of|the beginning of)?\s*"
    + _MONTH
    + r"(?:\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?(?!\d))?(?:\s*[–—-]\s*\d{1,2}(?:st|nd|rd|th)?)?"
    r"(?:,?\s+(?P<year>\d{4}))?\b"
)
_ISO = re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_YEAR = re.compile(
    r"\b(?:in|since|during|of|by|until|throughout|early|late|mid)"
    r"(?:[\s-]+(?:early|late|mid))?[\s-]+(?P<year>(?:19|20)\d{2})\b",
    re.I,
)
_PUBLICATION = re.compile(r"(reported|published|said|stated|announced|wrote|quoted)\s*\($", re.I)


@dataclass(frozen=True)
class DateMention:
    start: int  # offsets into the sentence text
    end: int
    year: int | None
    month: int | None
    day: int | None
    in_parentheses: bool = False
    publication: bool = False  # "reported (November 20)": when it was published, not the event

    def iso(self, year: int) -> str:
        y = self.year or year
        if self.month is None:
            return f"{y:04d}"
        if self.day is None:
            return f"{y:04d}-{self.month:02d}"
        return f"{y:04d}-{self.month:02d}-{self.day:02d}"


def _month(name: str) -> int:
    low = name.lower().rstrip(".")
    for full, num in _MONTHS.items():
        if full.startswith(low[:3]):
            return num
    raise ValueError(name)


def find_dates(sentence: str, citation_spans: list[tuple[int, int]] = ()) -> list[DateMention]:
    """Dates in a sentence, leaving out those inside citations such as "(Tasnim, November 22)"."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = list(citation_spans)

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    def add(m: re.Match, year: str | None, month: int | None, day: str | None) -> None:
        s, e = m.start(), m.end()
        if not free(s, e):
            return
        before = sentence[max(0, s - 30) : s]
        paren = before.rstrip().endswith("(")
        d = int(day) if day else None
        if d is not None and not 1 <= d <= 31:
            return
        found.append(
            DateMention(
                s,
                e,
                int(year) if year else None,
                month,
                d,
                in_parentheses=paren,
                publication=bool(_PUBLICATION.search(before.rstrip())),
            )
        )
        taken.append((s, e))

    for m in _ISO.finditer(sentence):
        add(m, m.group("year"), int(m.group("m")), m.group("d"))
    for m in _DAY_FIRST.finditer(sentence):
        add(m, m.group("year"), _month(m.group("month")), m.group("day"))
    for m in _MONTH_DAY.finditer(sentence):
        if m.group("month") == "May" and not (m.group("day") or m.group("year")):
            continue  # "may" as a verb
        add(m, m.group("year"), _month(m.group("month")), m.group("day"))
    for m in _YEAR.finditer(sentence):
        add(m, m.group("year"), None, None)
    found.sort(key=lambda d: d.start)
    return found


def resolve_year(month: int, day: int | None, period_end: dt.date) -> int:
    """The latest year that puts the date no more than ~6 weeks after the period's end."""
    limit = period_end + dt.timedelta(days=45)
    for year in (period_end.year + 1, period_end.year, period_end.year - 1):
        try:
            candidate = dt.date(year, month, day or 1)
        except ValueError:
            continue
        if candidate <= limit:
            return year
    return period_end.year


def period_default(start: str | None, end: str | None) -> str | None:
    """The month of a report period (or its year when the period spans months of two years)."""
    if not start and not end:
        return None
    s, e = (start or end or ""), (end or start or "")
    if s[:7] == e[:7]:
        return s[:7]
    mid = dt.date.fromisoformat(s) + (dt.date.fromisoformat(e) - dt.date.fromisoformat(s)) / 2
    return mid.isoformat()[:7]
