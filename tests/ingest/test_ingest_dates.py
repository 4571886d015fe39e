"""Record dates become an ISO day, or None when unsure: a wrong date would point the
direction of reuse the wrong way, a missing one only leaves it open."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from unspin.ingest.dates import normalize_date, parse_date_line


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
    ],
)
def test_dates_in_common_forms_become_an_iso_day(value: object) -> None:
    assert normalize_date(value) == "2020-10-25"


@pytest.mark.parametrize(
    "value", ["", "yesterday", "2020-13-01", "2020-02-30", "10/25/2020", None, 1603584000, []]
)
def test_unparseable_or_ambiguous_dates_become_none(value: object) -> None:
    assert normalize_date(value) is None


@given(st.dates(min_value=dt.date(1000, 1, 1)))
def test_every_real_day_survives_both_written_forms(day: dt.date) -> None:
    assert normalize_date(day.isoformat()) == day.isoformat()
    assert parse_date_line(f"{day:%B} {day.day}, {day.year:04d}") == day.isoformat()
