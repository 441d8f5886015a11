"""Small typed builders for tests: each makes a valid object and takes overrides."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from regie.actions.models import Action
from regie.core.models import Body, BodyMembership, Confidentiality, OrganisationUnit, Person
from regie.meetings.models import AgendaItem, Meeting

_seq = itertools.count(1)


def unit(**kw: Any) -> OrganisationUnit:
    n = next(_seq)
    defaults: dict[str, Any] = {"name": f"Team {n}", "kind": OrganisationUnit.Kind.TEAM}
    return OrganisationUnit.objects.create(**(defaults | kw))


def person(*, role: str = Person.Role.EMPLOYEE, username: str | None = None, **kw: Any) -> Person:
    n = next(_seq)
    username = username or f"user{n}"
    user = get_user_model().objects.create_user(username=username, password="geheim-123")
    defaults: dict[str, Any] = {
        "name": kw.pop("name", f"Persoon {n}"),
        "email": f"{username}@example.org",
        "role": role,
        "user": user,
    }
    return Person.objects.create(**(defaults | kw))


def body(
    *,
    members: list[Person] = (),  # type: ignore[assignment]
    secretary: Person | None = None,
    chair: Person | None = None,
    **kw: Any,
) -> Body:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "name": f"Overleg {n}",
        "code": f"OV{n}",
        "kind": Body.Kind.DO,
        "confidentiality": Confidentiality.INTERNAL,
        "secretary": secretary,
        "chair": chair,
        "default_agenda": ["Opening", "Verslag vorige vergadering", "Actielijst", "Rondvraag"],
    }
    created = Body.objects.create(**(defaults | kw))
    for member in members:
        BodyMembership.objects.create(body=created, person=member)
    if secretary:
        BodyMembership.objects.get_or_create(
            body=created, person=secretary, defaults={"role": BodyMembership.Role.SECRETARY}
        )
    return created


def meeting(*, body: Body, starts_at: datetime | None = None, **kw: Any) -> Meeting:
    starts_at = starts_at or timezone.now().replace(microsecond=0) + timedelta(days=14)
    defaults: dict[str, Any] = {
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(minutes=body.default_duration_minutes),
        "location": "Nassaulaan 12, Den Haag",
    }
    return Meeting.objects.create(body=body, **(defaults | kw))


def agenda_item(*, meeting: Meeting, **kw: Any) -> AgendaItem:
    position = kw.pop("position", meeting.items.count() + 1)
    defaults: dict[str, Any] = {"title": f"Agendapunt {position}", "position": position}
    return AgendaItem.objects.create(meeting=meeting, **(defaults | kw))


def action(*, owner: Person, body: Body | None = None, **kw: Any) -> Action:
    defaults: dict[str, Any] = {
        "title": f"Actie {next(_seq)}",
        "raised_on": date.today(),
        "due_date": date.today() + timedelta(days=10),
    }
    return Action.objects.create(owner=owner, body=body, **(defaults | kw))
