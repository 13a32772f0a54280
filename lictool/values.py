"""Typed values from their text: versions, expiry dates, counts and dates (cached: license
files repeat the same few values thousands of times).

Every ``dd-mmm-yyyy`` date lictool reads, in the expiry field or in ``ISSUED=`` / ``START=``, is
read by :func:`read_date`, which returns the date or the reason the text is not one and never
raises; date arithmetic is :func:`add_days`, which stays within ``date.min`` .. ``date.max``.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import unicodedata
from functools import lru_cache
from typing import Optional, Union

from .syntax.vocabulary import spec
from .model import Count, Expiry, Version

#: The largest license count FlexNet takes: the research notes ``grammars/flexnet-format.md`` section 1.5,
#: FEATURE/INCREMENT fields, ``num_lic`` row: "Upper bound 2147483647" (a signed 32-bit integer).
#: Every count lictool reads from a deployment, a configuration or a catalogue is at most this.
MAX_COUNT = 2_147_483_647
COUNT_EXPECTED = f"at most {MAX_COUNT} (a FlexNet license count)"

_NOT_A_DATE = "it is not a dd-mmm-yyyy date"
_MAX_YEAR = _dt.MAXYEAR  # 9999


@lru_cache(maxsize=4096)
def version(text: str) -> Version:
    return Version(text)


def _digits(text: str) -> bool:
    """True for a non-empty run of the ASCII digits 0-9 only (``str.isdigit`` also accepts
    ``²`` and ``٣``, which ``int()`` rejects or reads as other digits)."""
    return text.isascii() and text.isdigit()


def _zero(text: str) -> bool:
    """A year of 0, 00, 000 or 0000 (any number of zeros): "permanent" in the expiry field."""
    return bool(text) and not text.strip("0")


def _short(text: str, width: int = 24) -> str:
    return text if len(text) <= width else text[:width - 4] + "..."


def _foreign_digit(text: str) -> Optional[str]:
    """Why ``text`` is not ASCII digits when it holds a digit of another script, else None."""
    for c in text:
        if c.isnumeric() and not c.isascii():
            name = unicodedata.name(c, "")
            code = f"U+{ord(c):04X}" + (f" {name}" if name else "")
            return f"{c!r} ({code}) is not a digit 0-9"
    return None


@lru_cache(maxsize=4096)
def read_date(text: str) -> Union[_dt.date, str]:
    """``dd-mmm-yyyy`` (month in any case, 1- to 4-digit year, ASCII digits) -> the date, or why
    ``text`` is not a date: a short English phrase for a message ("there is no day 0",
    "February 2025 has 28 days"). Never raises. A year of 0 is not a date (on an expiry it means
    permanent: see :func:`expiry`); a one- or two-digit year is 20yy below the grammar's pivot,
    else 19yy."""
    parts = text.split("-")
    if len(parts) != 3:
        return _NOT_A_DATE
    day, mon, year = parts
    foreign = _foreign_digit(day + year)
    if foreign:
        return foreign
    if not _digits(day) or not _digits(year):
        return _NOT_A_DATE
    if _digits(mon):
        return f"{_NOT_A_DATE} (the month is written jan, feb, ..., dec)"
    month = spec().months.get(mon.lower()) if mon.isascii() else None
    if month is None:
        return f"{_short(mon)!r} is not a month (jan, feb, ..., dec)"
    if _zero(year):
        return "a year of 0 means 'permanent' in the expiry field only; it is not a date"
    significant = year.lstrip("0")
    if len(significant) > len(str(_MAX_YEAR)):
        return f"the year {_short(year)} is out of range (at most {_MAX_YEAR})"
    y = int(significant)
    if len(year) <= 2:
        y += 2000 if y < spec().two_digit_year_pivot else 1900
    last = calendar.monthrange(y, month)[1]
    d = day.lstrip("0")
    if not d:
        return "there is no day 0"
    if len(d) > 2 or int(d) > last:
        return f"{calendar.month_name[month]} {y} has {last} days"
    return _dt.date(y, month, int(d))


def parse_date(text: str) -> Optional[_dt.date]:
    """The date :func:`read_date` reads, or None when ``text`` is not a date."""
    value = read_date(text)
    return value if isinstance(value, _dt.date) else None


def date_problem(text: str) -> Optional[str]:
    """Why ``text`` is not a date (see :func:`read_date`), or None when it is one."""
    value = read_date(text)
    return value if isinstance(value, str) else None


def issue_date(issued: Optional[str], start: Optional[str]) -> Optional[_dt.date]:
    """A line's issue date, as SUPERSEDE and the automatic sort read it: its ISSUED= date, else
    its START= date (the first of them that is a valid date), else None."""
    for value in (issued, start):
        if value:
            date = parse_date(value)
            if date is not None:
                return date
    return None


def add_days(day: _dt.date, days: int) -> _dt.date:
    """``day`` plus ``days`` (negative: minus), clamped to ``date.min`` .. ``date.max`` instead
    of overflowing (``--today 9999-12-31`` plus 30 days is 9999-12-31)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return _dt.date.max if days > 0 else _dt.date.min


@lru_cache(maxsize=4096)
def expiry(text: str) -> Expiry:
    """The expiry field: ``permanent``, a date whose year is 0 (permanent), or a date
    (:func:`read_date`; an impossible date has ``date`` None and is not ``valid``)."""
    if text.lower() in spec().permanent_words or _zero(text.rsplit("-", 1)[-1]):
        return Expiry(text, None, True)
    return Expiry(text, parse_date(text), False)


@lru_cache(maxsize=4096)
def count(text: str) -> Count:
    if text.lower() in spec().uncounted_words:
        return Count(text, None)
    n = int(text)
    return Count(text, n if n else None)
