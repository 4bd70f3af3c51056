"""When an event happened: the dates a sentence tells, its section's, its item's, or its
report's period, at the precision the text supports."""

from __future__ import annotations

import bisect
import datetime as dt
import re

from actornet.extract.records.dates import find_dates, period_default, resolve_year
from actornet.extract.text import DATE_HEADING, Paragraph
from actornet.model import Document, Sentence

__all__ = ["EventDating", "same_time"]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A day told relative to a release's date: "today", "yesterday", "on Monday".
_RELATIVE_DAY = re.compile(
    r"\b(today|tonight|this morning|this evening|yesterday|last night|"
    r"(?<=on )(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
# Sentences that go on with the event of the one before ("An hour later, ..."): they keep its
# month when they state no date of their own.
_CONTINUES = re.compile(
    r"\W*(?:an? \w+ later|\w+ (?:hours?|days?|minutes?) later|later|shortly after|soon after|"
    r"the (?:next|following) (?:day|morning|night|week)|that (?:day|night|evening)|"
    r"on the same day|the same day|in response|in retaliation|subsequently|afterwards|then|"
    r"during the (?:visit|trip|meeting|talks)|meanwhile)\b",
    re.I,
)
Citations = list[tuple[int, int, str]]  # (start, end, outlet) of "(Outlet, Date)" citations
TITLE_MAX = 200  # characters: a longer line before a date line is prose, not an item's title


class EventDating:
    """Dates the events of one document."""

    def __init__(self, doc: Document, paras: list[Paragraph]) -> None:
        self.doc, self.text, self.paras = doc, doc.text, paras
        self.para_starts = [p.start for p in paras]
        on = doc.period_end or doc.period_start
        self.period_end = dt.date.fromisoformat(on) if on else None
        self.default_date = period_default(doc.period_start, doc.period_end)
        self.item_dates = self._date_lines()
        self.item_starts = [start for start, _ in self.item_dates]
        # dates that say nothing of when: the period's, and the months of the items' lines
        self.weak = {self.default_date, *(day.isoformat()[:7] for _, day in self.item_dates)}
        if doc.period_start == doc.period_end:  # "today" in a one-day release
            self.weak.add(doc.period_end)

    def date(self, s: Sentence, trigger_at: int, citations: Citations) -> str | None:
        """The date of the event whose trigger is at `trigger_at` (a document offset)."""
        spans = [(cs - s.start, ce - s.start) for cs, ce, _ in citations if s.start <= cs < s.end]
        found = [d for d in find_dates(s.text, spans) if not d.publication]
        section = self._section_date(s)
        item = self._item_day(s)
        if not found:
            relative = self._relative_day(s)
            told = relative or self._earlier_date(s, citations) or section
            return told or (item.isoformat()[:7] if item else self.default_date)
        pos = trigger_at - s.start
        best = min(found, key=lambda d: abs(d.start - pos) + (5 if d.start > pos else 0))
        if best.year:
            return best.iso(best.year)
        if section and best.month is not None:  # "On 10 May" under "May 2018"
            return best.iso(int(section[:4]))
        told = self._year_told_before(s, citations)
        if told and best.month is not None:  # "In 2015 ... on 24 July": 2015
            return best.iso(told)
        reference = item or self.period_end
        if reference is None or best.month is None:
            return None
        return best.iso(resolve_year(best.month, best.day, reference))

    def same_time(self, a: str | None, b: str | None, *, strict: bool = False) -> bool:
        """The report's period (or an item's month), used where a sentence gives no date,
        says nothing of time. `strict`: one date must contain the other (an unknown
        attacker's strike is folded into a named one only when nothing says they were at
        different times)."""
        if a in self.weak or b in self.weak:
            return True
        if strict:
            return not a or not b or a.startswith(b) or b.startswith(a)
        return same_time(a, b)

    def _item_day(self, s: Sentence) -> dt.date | None:
        """The date line of the item the sentence sits in, when the text joins dated items
        (a release's "July 27, 2021" line under each title)."""
        i = bisect.bisect_right(self.item_starts, s.start) - 1
        return self.item_dates[i][1] if i >= 0 else None

    def _date_lines(self) -> list[tuple[int, dt.date]]:
        """Short paragraphs that end in a full date, alone or after a publisher ("July 27,
        2021", "The White House, October 27, 2023"): the date lines of the items a text joins
        (press statements, readouts, letters), in reading order."""
        out = []
        for p in self.paras[2:]:  # the title and publisher lines date the text, not an item
            line = self.text[p.start : p.end].strip().rstrip(".")
            if not line or len(line) > 60:
                continue
            found = find_dates(line)
            if len(found) != 1 or not found[0].year or not found[0].day:
                continue
            d = found[0]
            if d.end < len(line) or (d.start > 0 and not line[: d.start].rstrip().endswith(",")):
                continue
            try:
                day = dt.date(d.year, d.month or 1, d.day)
            except ValueError:
                continue
            out.append((self._item_start(p), day))
        return out

    def _item_start(self, date_line: Paragraph) -> int:
        """Where the item of a date line begins: at its title when a heading (a short line
        with no closing stop) stands right before it, as in "Secretary's Call with X" /
        "April 19, 2022"; else at the date line."""
        i = bisect.bisect_left(self.para_starts, date_line.start)
        if i < 3:  # the text's own title and publisher lines are no item's title
            return date_line.start
        title = self.text[self.paras[i - 1].start : self.paras[i - 1].end].strip()
        heading = 0 < len(title) <= TITLE_MAX and not title.endswith((".", ":", ";", ","))
        return self.paras[i - 1].start if heading else date_line.start

    def item_of(self, s: Sentence) -> int:
        """The index of the dated item the sentence sits in; -1 before the first or when the
        text joins no dated items."""
        return bisect.bisect_right(self.item_starts, s.start) - 1

    def _relative_day(self, s: Sentence) -> str | None:
        """ "today", "yesterday", "on Monday": counted from the item's date line, or from the
        date of a release dated to one day."""
        day = self._item_day(s)
        if day is None and self.period_end and self.doc.period_start == self.doc.period_end:
            day = self.period_end
        if day is None:
            return None
        m = _RELATIVE_DAY.search(s.text)
        if not m:
            return None
        word = m.group(1).lower()
        if word in ("yesterday", "last night"):
            day -= dt.timedelta(days=1)
        elif word in _WEEKDAYS:
            day -= dt.timedelta(days=(day.weekday() - _WEEKDAYS.index(word)) % 7)
        return day.isoformat()

    def _year_told_before(self, s: Sentence, citations: Citations) -> int | None:
        """The year of the last dated mention earlier in the sentence's paragraph."""
        years = [d.year for d in self._dates_before(s, citations) if d.year]
        return years[-1] if years else None

    def _dates_before(self, s: Sentence, citations: Citations) -> list:
        """Dates told earlier in the sentence's paragraph (citations and publication dates
        left out), in reading order."""
        i = bisect.bisect_right(self.para_starts, s.start) - 1
        if i < 0 or s.start <= self.paras[i].start:
            return []
        start = self.paras[i].start
        spans = [(cs - start, ce - start) for cs, ce, _ in citations if start <= cs < s.start]
        return [d for d in find_dates(self.text[start : s.start], spans) if not d.publication]

    def _section_date(self, s: Sentence) -> str | None:
        """The date of the chronology section ("May 2018", "2018") the sentence sits in."""
        i = bisect.bisect_right(self.para_starts, s.start) - 1
        if i < 0 or not DATE_HEADING.match(self.paras[i].section):
            return None
        heading = self.paras[i].section.strip()
        if heading.isdigit():
            return heading  # "2011"
        found = find_dates(heading)
        return found[0].iso(found[0].year) if found and found[0].year else None

    def _earlier_date(self, s: Sentence, citations: Citations) -> str | None:
        """The month of the last date told earlier in the same paragraph, for a sentence that
        goes on with that event: "On 30 September 2015 ... An hour later, the Russian
        aircraft began conducting airstrikes"."""
        if not _CONTINUES.match(s.text):
            return None
        found = self._dates_before(s, citations)
        if not found:
            return None
        best = found[-1]
        if best.year:
            iso = best.iso(best.year)
        elif self.period_end is None or best.month is None:
            return None
        else:
            iso = best.iso(resolve_year(best.month, best.day, self.period_end))
        return iso[:7]  # a day only when the sentence itself states it


def same_time(a: str | None, b: str | None) -> bool:
    """Dates that can tell the same event.

    Unknown dates and a date that refines the other agree, except a bare year against a full
    day (a year's summary and one day's event). A full day that the other date does not
    contain is another event. Two different months or years without a day do not
    split a fact: such dates are often the report's period or borrowed from a nearby clause.
    """
    if not a or not b:
        return True
    if (len(a) == 4) != (len(b) == 4) and 10 in (len(a), len(b)):
        return False  # "in 2015" and "on 26 August 2015": a year's summary and a day's event
    if a.startswith(b) or b.startswith(a):
        return True
    return len(a) < 10 and len(b) < 10
