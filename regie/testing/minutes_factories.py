"""Builders for minutes, decisions and actions in tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from regie.actions.models import Action
from regie.core.models import Body, Person
from regie.meetings.models import AgendaItem, Decision, Meeting
from regie.meetings.services import minutes as minutes_services
from regie.testing import factories


def held_meeting(*, body: Body, starts_at: datetime | None = None, **kw: Any) -> Meeting:
    """A meeting that took place (yesterday by default) and whose minutes may be written."""
    starts_at = starts_at or timezone.now().replace(microsecond=0) - timedelta(days=1)
    return factories.meeting(body=body, starts_at=starts_at, status=Meeting.Status.HELD, **kw)


def decision(*, item: AgendaItem, text: str = "Akkoord", **kw: Any) -> Decision:
    """A decision recorded through the service, so it gets its number."""
    actor = item.meeting.body.secretary.user if item.meeting.body.secretary else None
    return minutes_services.decision_record(actor=actor, item=item, text=text, **kw)


def due_in(days: int) -> date:
    return timezone.localdate() + timedelta(days=days)


@dataclass
class MinutesWorld:
    """A body with a secretary, a chair, two members, a held meeting with one item, the next
    meeting, and an outsider who is in no body."""

    secretary: Person
    chair: Person
    member: Person
    other_member: Person
    outsider: Person
    body: Body
    meeting: Meeting
    next_meeting: Meeting
    item: AgendaItem

    def action(self, **kw: Any) -> Action:
        return factories.action(owner=kw.pop("owner", self.member), body=self.body, **kw)


def minutes_world(*, code: str = "DO", **body_kw: Any) -> MinutesWorld:
    secretary = factories.person(role=Person.Role.SECRETARY, name="Sanne Secretaris")
    chair = factories.person(name="Chris Voorzitter")
    member = factories.person(name="Mila Lid")
    other_member = factories.person(name="Bram Lid")
    outsider = factories.person(name="Otto Buiten")
    body = factories.body(
        secretary=secretary,
        chair=chair,
        members=[member, other_member],
        code=code,
        **body_kw,
    )
    meeting = held_meeting(body=body)
    next_meeting = factories.meeting(body=body)
    item = factories.agenda_item(meeting=meeting, title="Jaarplan 2027", purpose="decision")
    return MinutesWorld(
        secretary, chair, member, other_member, outsider, body, meeting, next_meeting, item
    )
