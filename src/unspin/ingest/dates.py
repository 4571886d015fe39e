"""Dates as unspin stores them: an ISO 8601 day, "YYYY-MM-DD", or None.

Direction of reuse leans on dates, so a date we are unsure of is worse than none: a value
that does not parse cleanly, or could mean two days, is never turned into a guess.
``parse_date`` says why (``DateError``), so that a record's unreadable date becomes a
warning instead of vanishing; ``normalize_date`` is the quiet form, for candidates (a
page's meta tags) where the next one may do better.

What reads as a day:
- ISO 8601 and its common variants ("2020-10-25", "2020-10-25T23:30:00+03:00", "2020/10/25"),
  the day as written, never moved to another time zone;
- written dates ("October 25, 2020", "25 Oct 2020", "Sunday, 25th of October 2020");
- RSS and HTTP dates ("Sun, 25 Oct 2020 10:00:00 GMT");
- numeric day/month/year ("13/01/2005", "01/13/2005") only when one of the first two numbers
  is over 12 or both are equal; "05/01/2005" is 5 January in Britain and 1 May in the US, so
  it is ambiguous and read as no date;
- eight digits, "20050113" (ISO 8601's basic form, YYYYMMDD) when they make a real day; read
  as a Unix time they would fall in 1970, outside the window below, so there is no clash;
- a Unix time in seconds or milliseconds (a number, or a string of digits) between
  EARLIEST_UNIX_DAY and LATEST_UNIX_DAY, as its UTC day;
- date and datetime objects (Parquet date and timestamp columns), as the day they hold.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import math
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
# Day and month in either order, then the year: "13/01/2005", "01.13.2005", "5-1-2005".
_NUMERIC = re.compile(rf"(\d{{1,2}})([-/.])(\d{{1,2}})\2(\d{{4}}|\d{{2}}){_TIME}", re.IGNORECASE)
_DIGITS = re.compile(r"\d+(?:\.\d+)?")
_YEAR_OR_MONTH = re.compile(r"\d{4}(?:-\d{1,2})?")
_BASIC_ISO = re.compile(r"(\d{4})(\d{2})(\d{2})")

# The window a Unix time must fall in to be read as a day. Before 1980 there were no news
# sites to stamp records with one, and small numbers (0, 1, a row count) are far likelier
# than a date of 1970; after 2100 the number is a bug. The window also keeps seconds and
# milliseconds apart: 1980 in milliseconds is 3.2e11, 2100 in seconds only 4.1e9.
EARLIEST_UNIX_DAY = dt.datetime(1980, 1, 1, tzinfo=dt.UTC)
LATEST_UNIX_DAY = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
_MILLIS_PER_SECOND = 1000
# Longer strings of digits are no Unix time in any unit (milliseconds in 2100: 13 digits).
_MAX_DIGITS = 20
# Dates quoted in warnings are cut to this many characters, so one line stays one line.
_QUOTED_CHARS = 40


class DateError(ValueError):
    """A date was given but cannot be read as one day; ``str(err)`` says why."""


def _day(year: str, month: str, day: str) -> str | None:
    month_number = int(month) if month.isdigit() else _MONTHS.get(month.lower())
    if month_number is None:
        return None
    try:
        return dt.date(int(year), month_number, int(day)).isoformat()
    except ValueError:  # 31 April and the like: not a date, whatever it looks like
        return None


def _written(line: str) -> re.Match[str] | None:
    for pattern in _WRITTEN:
        match = pattern.fullmatch(line)
        if match and (match["month"].isdigit() or match["month"].lower() in _MONTHS):
            return match
    return None


def parse_date_line(line: str) -> str | None:
    """The ISO day if ``line`` is nothing but a date (as in a byline), else None."""
    line = line.strip()
    if len(line) > 80:
        return None
    match = _written(line)
    return _day(match["year"], match["month"], match["day"]) if match else None


def normalize_date(value: object) -> str | None:
    """The ISO day of ``value`` (see the module notes), or None when it has none or is unsure."""
    try:
        return parse_date(value)
    except DateError:
        return None


def parse_date(value: object) -> str | None:
    """The ISO day of a record's date; None when no date is given (None or blank).

    Raises DateError naming the value and the problem when one is given but is not one day.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return None
    if isinstance(value, DateError):  # a reader that could not even hold the value says why
        raise value
    if isinstance(value, bool):
        raise DateError(f"date {value!r} is a boolean, not a date")
    if isinstance(value, int | float):
        return _from_number(value, _quote(value))
    if not isinstance(value, str):
        raise DateError(f"date of type {type(value).__name__} is not a date")
    text = value.strip()
    if not text:
        return None
    quoted = _quote(text)
    if len(text) <= _MAX_DIGITS and _DIGITS.fullmatch(text) and not _YEAR_OR_MONTH.fullmatch(text):
        return _from_number(float(text) if "." in text else int(text), quoted)
    found = _from_text(text, quoted)
    if found:
        return found
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()  # RSS/HTTP dates
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if _YEAR_OR_MONTH.fullmatch(text):
        raise DateError(f"date {quoted} names no day, only a {'month' if '-' in text else 'year'}")
    raise DateError(f"date {quoted} is not a date unspin can read")


def _from_text(text: str, quoted: str) -> str | None:
    """The day of an ISO, written or numeric date; DateError if it is one but no real day."""
    iso = _ISO_PREFIX.match(text)
    written = None if iso else _written(text)
    parts = iso.groups() if iso else (written.group("year", "month", "day") if written else None)
    if parts:
        day = _day(*parts)
        if day is None:
            raise DateError(f"date {quoted} is not a day of the calendar")
        return day
    numeric = _NUMERIC.fullmatch(text)
    if numeric is None:
        return None
    first, _, second, year = numeric.groups()
    if len(year) == 2:
        raise DateError(f"date {quoted} is ambiguous (two-digit year)")
    if int(first) <= 12 and int(second) <= 12 and first.lstrip("0") != second.lstrip("0"):
        raise DateError(f"date {quoted} is ambiguous (day/month order)")
    # Day first wherever the first number cannot be a month.
    day, month = (first, second) if int(first) > 12 or int(second) <= 12 else (second, first)
    found = _day(year, month, day)
    if found is None:
        raise DateError(f"date {quoted} is not a day of the calendar")
    return found


def _from_number(number: int | float, quoted: str) -> str:
    """The day of a YYYYMMDD number or of a Unix time in seconds or milliseconds."""
    if isinstance(number, float) and not math.isfinite(number):
        raise DateError(f"date {quoted} is not a date")
    eight_digits = isinstance(number, int) and 10_000_000 <= number <= 99_999_999
    basic = _BASIC_ISO.fullmatch(str(number)) if eight_digits else None
    if basic:
        day = _day(*basic.groups())
        if day is None:
            raise DateError(f"date {quoted} (read as YYYYMMDD) is not a day of the calendar")
        return day
    earliest, latest = EARLIEST_UNIX_DAY.timestamp(), LATEST_UNIX_DAY.timestamp()
    for scale in (1, _MILLIS_PER_SECOND):
        if earliest * scale <= number < latest * scale:
            return dt.datetime.fromtimestamp(number / scale, tz=dt.UTC).date().isoformat()
    raise DateError(
        f"date {quoted} is a number but not a Unix time (seconds or milliseconds) between "
        f"{EARLIEST_UNIX_DAY.year} and {LATEST_UNIX_DAY.year}"
    )


def _quote(value: object) -> str:
    if isinstance(value, int) and abs(value) >= 10**_MAX_DIGITS:
        return f"(a number of more than {_MAX_DIGITS} digits)"  # too long to quote, or to print
    if not isinstance(value, str):
        return repr(value)
    cut = value if len(value) <= _QUOTED_CHARS else value[: _QUOTED_CHARS - 1] + "…"
    return f"'{cut}'"
