"""Dutch working days: Monday to Friday, minus public holidays (incl. 5 May) and closing days."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[date]:
    nl = holidays.country_holidays("NL", years=year, categories=("public", "optional"))
    return frozenset(nl.keys())


def holiday_name(day: date) -> str | None:
    nl = holidays.country_holidays(
        "NL", years=day.year, categories=("public", "optional"), language="nl"
    )
    return nl.get(day)


@dataclass(frozen=True)
class WorkingCalendar:
    closing_days: frozenset[date] = field(default_factory=frozenset)

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() < 5
            and day not in _public_holidays(day.year)
            and day not in self.closing_days
        )

    def previous_working_day(self, day: date) -> date:
        """The day itself when it is a working day, else the working day before it."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def next_working_day(self, day: date) -> date:
        """The day itself when it is a working day, else the first working day after it."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def subtract(self, day: date, working_days: int) -> date:
        """The date `working_days` working days before `day` (internal deadlines count back)."""
        current = day
        remaining = working_days
        while remaining > 0:
            current -= timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return self.previous_working_day(current)

    def add(self, day: date, working_days: int) -> date:
        current = day
        remaining = working_days
        while remaining > 0:
            current += timedelta(days=1)
            if self.is_working_day(current):
                remaining -= 1
        return self.next_working_day(current)

    def count_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (0 when end <= start)."""
        days = 0
        current = start
        while current < end:
            current += timedelta(days=1)
            if self.is_working_day(current):
                days += 1
        return days

    def working_days_in(self, days: Iterable[date]) -> list[date]:
        return [d for d in days if self.is_working_day(d)]


def working_calendar() -> WorkingCalendar:
    """The organisation's calendar, with its closing days from the database."""
    from regie.core.models import ClosingDay

    return WorkingCalendar(frozenset(ClosingDay.objects.values_list("date", flat=True)))
