"""Dates as unspin stores them: an ISO 8601 day, "YYYY-MM-DD", or None.

Direction of reuse leans on dates, so a date we are unsure of is worse than none: anything
that does not parse cleanly becomes None instead of a guess.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
# Bylines often label the date ("Published: ...", "Updated on ..."); the label is not a reason
# to miss it.
_LABEL = r"(?:(?:published|posted|updated|date|dated)(?:\s+on)?\s*:?\s*)?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_MONTH = r"(?P<month>[a-z]{3,9})\.?"
_YEAR = r"(?P<year>\d{4})"
_TIME = r"(?:\s*(?:,|at|-|\|)?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[a-z]{2,5})?)?"

_WRITTEN = [
    re.compile(rf"{_LABEL}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(rf"{_LABEL}{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}{_TIME}", re.IGNORECASE),
    re.compile(
        rf"{_LABEL}(?P<year>\d{{4}})([-/.])(?P<month>\d{{1,2}})\2{_DAY}{_TIME}", re.IGNORECASE
    ),
]
_ISO_PREFIX = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])")


def _day(year: str, month: str, day: str) -> str | None:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    if month_number is None:
        return None
    try:
        return dt.date(int(year), month_number, int(day)).isoformat()
    except ValueError:  # 31 April and the like: not a date, whatever it looks like
        return None


def parse_date_line(line: str) -> str | None:
    """The ISO day if ``line`` is nothing but a date (as in a byline), else None."""
    line = line.strip()
    if len(line) > 80:
        return None
    for pattern in _WRITTEN:
        match = pattern.fullmatch(line)
        if match:
            return _day(match["year"], match["month"], match["day"])
    return None


def normalize_date(value: object) -> str | None:
    """An ISO day for a date given in a record (string, date or datetime), else None."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        return None
    text = value.strip()
    # The day as written, ignoring any time zone: converting to UTC would move late-evening
    # stories to the next day and make them look newer than their copies.
    iso = _ISO_PREFIX.match(text)
    if iso:
        return _day(*iso.groups())
    written = parse_date_line(text)
    if written:
        return written
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()  # RSS/HTTP dates
    except (TypeError, ValueError, IndexError):
        return None
