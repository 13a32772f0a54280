"""Typed values from their text: versions, expiry dates, counts and dates (cached: license
files repeat the same few values thousands of times)."""

from __future__ import annotations

import datetime as _dt
from functools import lru_cache
from typing import Optional

from .grammar_data import spec
from .model import Count, Expiry, Version


@lru_cache(maxsize=4096)
def version(text: str) -> Version:
    return Version(text)


def _year(text: str) -> int:
    year = int(text)
    if len(text) <= 2:
        year += 2000 if year < spec().two_digit_year_pivot else 1900
    return year


@lru_cache(maxsize=4096)
def parse_date(text: str) -> Optional[_dt.date]:
    """``dd-mmm-yyyy`` (month in any case, 1- to 4-digit year) -> a date, or None when the text
    is not a possible date. Year 0 is not a date (it means permanent on an expiry)."""
    parts = text.split("-")
    if len(parts) != 3:
        return None
    d, mon, y = parts
    month = spec().months.get(mon.lower())
    if month is None or not d.isdigit() or not y.isdigit() or int(y) == 0:
        return None
    try:
        return _dt.date(_year(y), month, int(d))
    except ValueError:
        return None


@lru_cache(maxsize=4096)
def expiry(text: str) -> Expiry:
    low = text.lower()
    if low in spec().permanent_words:
        return Expiry(text, None, True)
    year = low.rsplit("-", 1)[-1]
    if year.isdigit() and int(year) == 0:
        return Expiry(text, None, True)
    return Expiry(text, parse_date(text), False)


@lru_cache(maxsize=4096)
def count(text: str) -> Count:
    if text.lower() in spec().uncounted_words:
        return Count(text, None)
    n = int(text)
    return Count(text, n if n else None)
