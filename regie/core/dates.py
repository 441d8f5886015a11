"""Dates as the Dutch write them in a letter: "23 november 2026"."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language


def long_date(value: date | datetime | None) -> str:
    """ "23 november 2026", or "" for no date. A moment gives its local date."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = timezone.localdate(value)
    return _long_date(value, get_language())


@lru_cache(maxsize=8192)
def _long_date(value: date, language: str | None) -> str:
    # Each call of date_format looks the month name up in the translation catalogue; an export
    # of hundreds of rows has only a few dozen distinct dates.
    return date_format(value, "j F Y")
