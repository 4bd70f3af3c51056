"""Date expressions and their resolution against the report period."""

from __future__ import annotations

import datetime as dt

import pytest

from actornet.extract.records.dates import find_dates, period_default, resolve_year

END = dt.date(2020, 11, 29)


@pytest.mark.parametrize(
    ("sentence", "iso"),
    [
        ("On November 18, the spokesman said", "2020-11-18"),
        ("In mid-November, the minister visited", "2020-11"),
        ("In late July, the commander met", "2020-07"),
        ("who were killed in January 2020 in Iraq", "2020-01"),
        ("On February 16 – 17, the delegation", "2020-02-16"),  # a range: its first day
        ("on 3 December 2019 the envoy", "2019-12-03"),
        ("the 2019-08-25 strike", "2019-08-25"),
        ("established in 2017 by the IRGC", "2017"),
        ("in early December, the envoy", "2020-12"),
        ("In 2010, a wave of attacks began", "2010"),
        ("As of early 2017, the network", "2017"),
        ("attacks during early-2007.", "2007"),
        ("Since mid-2008 the group", "2008"),
    ],
)
def test_find_and_resolve(sentence: str, iso: str) -> None:
    d = find_dates(sentence)[0]
    year = d.year or resolve_year(d.month, d.day, END)
    assert d.iso(year) == iso


def test_citation_and_publication_dates_are_marked() -> None:
    s = "The AP news agency reported (November 20) that he arrived (Tasnim, November 22)."
    cite = (s.index("(Tasnim"), len(s) - 1)
    dates = find_dates(s, [cite])
    assert len(dates) == 1 and dates[0].publication and dates[0].day == 20


def test_may_the_verb_is_not_a_date() -> None:
    assert find_dates("The attack may signal a new phase") == []


def test_future_dates_beyond_six_weeks_fall_in_the_previous_year() -> None:
    assert resolve_year(12, 20, END) == 2020
    assert resolve_year(2, 21, END) == 2020  # nearly three months after the period: last year
    assert resolve_year(1, 5, END) == 2021  # within six weeks of the period's end


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2020-11-15", "2020-11-29", "2020-11"),
        ("2021-01-25", "2021-02-08", "2021-02"),
        (None, None, None),
    ],
)
def test_period_default(start, end, expected) -> None:
    assert period_default(start, end) == expected
