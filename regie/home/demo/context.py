"""What every part of the demo shares: the day, the random source, people, bodies, history.

The demo spans every domain app. It looks the models up by name through Django's app registry,
so each part reads as a list of rows rather than a list of imports.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.utils import timezone

from regie.core.dates import long_date
from regie.core.workdays import WorkingCalendar, working_calendar

SEED = 2026


@cache
def models() -> SimpleNamespace:
    """The domain models the demo writes, by their class name."""
    names = {
        "core": [
            "OrganisationUnit",
            "ExternalOrganisation",
            "Person",
            "Body",
            "BodyMembership",
            "ClosingDay",
        ],
        "documents": ["Document", "DocumentVersion", "ReviewRoute", "ReviewStep"],
        "actions": ["Action", "ProgressNote"],
        "meetings": [
            "Meeting",
            "Proposal",
            "ProposalStep",
            "AgendaItem",
            "Attendance",
            "DecisionCounter",
            "Decision",
        ],
    }
    return SimpleNamespace(
        **{name: apps.get_model(label, name) for label, group in names.items() for name in group}
    )


@dataclass
class Demo:
    """The state the parts of the demo hand on to each other."""

    today: date
    rng: random.Random = field(default_factory=lambda: random.Random(SEED))
    calendar: WorkingCalendar = field(default_factory=WorkingCalendar)
    users: dict[str, Any] = field(default_factory=dict)
    people: dict[str, Any] = field(default_factory=dict)
    units: dict[str, Any] = field(default_factory=dict)
    bodies: dict[str, Any] = field(default_factory=dict)
    documents: dict[str, Any] = field(default_factory=dict)
    # Meetings of each body (by code), oldest first.
    meetings: dict[str, list[Any]] = field(default_factory=dict)

    def refresh_calendar(self) -> None:
        """Read the closing days again (after they have been written)."""
        self.calendar = working_calendar()

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=timezone.get_default_timezone())

    def long_date(self, day: date | datetime) -> str:
        return long_date(day)

    def working_day_on_or_before(self, day: date) -> date:
        return self.calendar.previous_working_day(day)

    def working_day_on_or_after(self, day: date) -> date:
        return self.calendar.next_working_day(day)

    def due_before(self, meeting_day: date, working_days: int) -> date:
        return self.calendar.subtract(meeting_day, working_days)

    def moment(self, day: date, hour: int = 10) -> datetime:
        """A time on `day`, never later than now (history is not written in the future)."""
        return min(self.at(day, hour), timezone.now())

    def user_of(self, person_key: str):
        person = self.people.get(person_key)
        return getattr(person, "user", None) if person is not None else None

    def secretary_user(self, body_code: str):
        body = self.bodies[body_code]
        return body.secretary.user if body.secretary is not None else None


def meeting_day(meeting) -> date:
    return timezone.localdate(meeting.starts_at)


def stamp(obj, *, when: datetime | date, user=None, reason: str = "") -> Any:
    """Let simple-history record the author, the moment and the reason of `obj`'s next row."""
    if isinstance(when, date) and not isinstance(when, datetime):
        when = datetime.combine(when, time(10), tzinfo=timezone.get_default_timezone())
    obj._history_date = min(when, timezone.now())
    if user is not None:
        obj._history_user = user
    if reason:
        obj._change_reason = reason
    return obj


def bulk_with_history(model, rows: list[Any], *, update_fields: list[str] | None = None):
    """Insert (or update) rows and write one history row each, with the stamped author and date."""
    if update_fields is None:
        created = model.objects.bulk_create(rows, batch_size=500)
        model.history.bulk_history_create(created, batch_size=500)
        return created
    model.objects.bulk_update(rows, update_fields, batch_size=500)
    model.history.bulk_history_create(rows, batch_size=500, update=True)
    return rows


def days(n: int) -> timedelta:
    return timedelta(days=n)
