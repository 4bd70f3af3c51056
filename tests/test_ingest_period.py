"""Reporting periods: stated in the header, or inferred from the dates in the text."""

from __future__ import annotations

import pytest

from actornet.ingest import infer_period, parse_period


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "November 15, 2020 – November 29, 2020 Editor: Dr. Raz Zimmt",
            ("2020-11-15", "2020-11-29"),
        ),
        ("November 15 – 29, 2020", ("2020-11-15", "2020-11-29")),
        ("November 15—29, 2020", ("2020-11-15", "2020-11-29")),
        ("15 November 2020 - 29 November 2020", ("2020-11-15", "2020-11-29")),
        ("15–29 November 2020", ("2020-11-15", "2020-11-29")),
        ("November 25 – December 3, 2020", ("2020-11-25", "2020-12-03")),
        ("25 November – 3 December 2020", ("2020-11-25", "2020-12-03")),
        ("December 24, 2020 to January 7, 2021", ("2020-12-24", "2021-01-07")),
        ("December 24 – January 7, 2021", ("2020-12-24", "2021-01-07")),
        ("Period: Nov. 15 through Nov. 29, 2020", ("2020-11-15", "2020-11-29")),
        ("Sept 1st - 14th, 2021", ("2021-09-01", "2021-09-14")),
        ("NOVEMBER 15, 2020 – NOVEMBER 29, 2020", ("2020-11-15", "2020-11-29")),
        ("2020-11-15 to 2020-11-29", ("2020-11-15", "2020-11-29")),
        ("2020-11-15 – 2020-11-29", ("2020-11-15", "2020-11-29")),
        ("Spotlight\n\nFebruary 7, 2021 – February 21, 2021\n", ("2021-02-07", "2021-02-21")),
        # not periods
        ("The meeting (Mehr, November 15, 2020) was held.", (None, None)),
        ("November 29, 2020 – November 15, 2020", (None, None)),  # end before start
        ("February 30 – March 3, 2021", (None, None)),  # no such day
        ("January 1, 2001 - December 31, 2020", (None, None)),  # a history, not a period
        ("The troops may 5 - 9, 2020 move", (None, None)),  # "may" is a verb here
        ("", (None, None)),
    ],
)
def test_parse_period(text: str, expected: tuple[str | None, str | None]) -> None:
    assert parse_period(text) == expected


def test_parse_period_only_looks_at_the_top() -> None:
    body = "x " * 1000
    assert parse_period(body + "November 15 – 29, 2020") == (None, None)
    assert parse_period("November 15 – 29, 2020\n" + body) == ("2020-11-15", "2020-11-29")


def test_parse_period_first_valid_range_wins() -> None:
    text = "Issue of March 1 - 14, 2021. Earlier issue: February 1 - 14, 2021."
    assert parse_period(text) == ("2021-03-01", "2021-03-14")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On November 22, 2020 the envoy arrived; on 26 November 2020 he left. "
            "A follow-up was held on 2020-11-28.",
            ("2020-11-22", "2020-11-28"),
        ),
        (
            # an old reference outside the modal month cluster is ignored
            "Soleimani was killed on January 3, 2020. On November 16, 2020 and "
            "November 20, 2020 and November 27, 2020 and December 1, 2020 talks went on.",
            ("2020-11-16", "2020-12-01"),
        ),
        (
            # no full dates: day-month dates take the year the text mentions most
            "In late July 2019, he visited on July 25 and met them on August 6. "
            "A fair is set for October 2019.",
            ("2019-07-25", "2019-08-06"),
        ),
        ("No dates here at all.", (None, None)),
        ("Founded in 1979 and reformed in 1989.", (None, None)),
        ("On July 25 he visited.", (None, None)),  # no year anywhere
    ],
)
def test_infer_period(text: str, expected: tuple[str | None, str | None]) -> None:
    assert infer_period(text) == expected
