"""Record dates become an ISO day, or None when unsure: a wrong date would point the
direction of reuse the wrong way, a missing one only leaves it open. A date that was given
but cannot be read says why, so that the record's warning can say it too."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.ingest.dates import DateError, normalize_date, parse_date, parse_date_line


@pytest.mark.parametrize(
    "value",
    [
        "2020-10-25",
        "2020-10-25T23:30:00+03:00",  # the day as written, not moved to UTC
        "2020-10-25T10:00:00Z",
        "2020-10-25 10:00:00",
        "2020/10/25",
        "October 25, 2020",
        "25 Oct 2020",
        "Sun, 25 Oct 2020 10:00:00 GMT",  # RSS and HTTP headers
        dt.date(2020, 10, 25),
        dt.datetime(2020, 10, 25, 23, 59),
        "10/25/2020",  # 25 cannot be a month, so day and month order is plain
        "25/10/2020",
        "25.10.2020",
        "20201025",  # ISO 8601's basic form
        20201025,
        1603620000,  # a Unix time in seconds: 2020-10-25 10:00 UTC
        1603620000000,  # and in milliseconds
        1603620000.5,
        "1603620000",
    ],
)
def test_dates_in_common_forms_become_an_iso_day(value: object) -> None:
    assert parse_date(value) == "2020-10-25"


def test_a_unix_time_is_its_utc_day() -> None:
    assert parse_date(1603670399) == "2020-10-25"  # 23:59:59 UTC
    assert parse_date(1603670400) == "2020-10-26"


def test_the_same_number_twice_is_no_ambiguity() -> None:
    assert parse_date("05/05/2005") == "2005-05-05"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_no_date_given_is_no_date_and_no_problem(value: object) -> None:
    assert parse_date(value) is None


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("05/01/2005", "date '05/01/2005' is ambiguous (day/month order)"),
        ("05/01/05", "date '05/01/05' is ambiguous (two-digit year)"),
        ("2005-13-45", "date '2005-13-45' is not a day of the calendar"),
        ("2020-02-30", "date '2020-02-30' is not a day of the calendar"),
        ("31 April 2020", "date '31 April 2020' is not a day of the calendar"),
        ("20051345", "date '20051345' (read as YYYYMMDD) is not a day of the calendar"),
        ("2005", "date '2005' names no day, only a year"),
        ("2005-01", "date '2005-01' names no day, only a month"),
        ("yesterday", "date 'yesterday' is not a date unspin can read"),
        (
            12,
            "date 12 is a number but not a Unix time (seconds or milliseconds) between 1980 "
            "and 2100",
        ),
        (float("nan"), "date nan is not a date"),
        (True, "date True is a boolean, not a date"),
        ([2020, 10, 25], "date of type list is not a date"),
    ],
)
def test_a_date_that_cannot_be_read_says_why(value: object, reason: str) -> None:
    with pytest.raises(DateError) as raised:
        parse_date(value)

    assert str(raised.value) == reason
    assert normalize_date(value) is None  # the quiet form, for candidates such as meta tags


def test_huge_values_are_reported_not_crashed_on() -> None:
    with pytest.raises(DateError, match="a number of more than 20 digits"):
        parse_date(10**5000)
    with pytest.raises(DateError, match="not a date unspin can read"):
        parse_date("9" * 5000)


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_real_day_survives_both_written_forms(day: dt.date) -> None:
    assert normalize_date(day.isoformat()) == day.isoformat()
    assert parse_date_line(f"{day:%B} {day.day}, {day.year:04d}") == day.isoformat()
