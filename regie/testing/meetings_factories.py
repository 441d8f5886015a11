"""Builders for meeting tests: a body with its people, agendas, series and proposal routes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone

from regie.core.models import Body, Confidentiality, Person
from regie.meetings.models import AgendaItem, Meeting, Proposal, ProposalStep
from regie.testing import factories


@dataclass
class BodyWorld:
    """A body with a secretary, a chair, an internal member, an external member and an outsider."""

    body: Body
    secretary: Person
    chair: Person
    member: Person
    external: Person
    outsider: Person


def body_world(**body_kw: Any) -> BodyWorld:
    secretary = factories.person(role=Person.Role.SECRETARY)
    chair = factories.person(role=Person.Role.DIRECTOR)
    member = factories.person(role=Person.Role.MT_MEMBER)
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER)
    outsider = factories.person()
    body = factories.body(
        secretary=secretary, chair=chair, members=[chair, member, external], **body_kw
    )
    return BodyWorld(body, secretary, chair, member, external, outsider)


def future(days: int = 14, hour: int = 10) -> datetime:
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def past(days: int = 7, hour: int = 10) -> datetime:
    moment = timezone.localtime() - timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def meetings(*, body: Body, count: int, start: datetime | None = None, **kw: Any) -> list[Meeting]:
    """`count` meetings of the body, one a week from `start`, created in one statement."""
    start = start or future(7)
    rows = [
        Meeting(
            body=body,
            starts_at=start + timedelta(weeks=n),
            ends_at=start + timedelta(weeks=n, minutes=body.default_duration_minutes),
            **kw,
        )
        for n in range(count)
    ]
    return Meeting.objects.bulk_create(rows)


def agenda(
    *,
    meeting: Meeting,
    count: int,
    presenter: Person | None = None,
    with_sub_items: bool = True,
    confidentiality: str = Confidentiality.INTERNAL,
) -> list[AgendaItem]:
    """`count` top-level items (each second one with a sub-item when asked)."""
    items = []
    for n in range(1, count + 1):
        item = factories.agenda_item(
            meeting=meeting,
            title=f"Punt {n}",
            position=n,
            presenter=presenter,
            duration_minutes=5,
            confidentiality=confidentiality,
        )
        items.append(item)
        if with_sub_items and n % 2 == 0:
            factories.agenda_item(
                meeting=meeting, parent=item, title=f"Punt {n}.1", position=1, duration_minutes=5
            )
    return items


def proposal(*, route: list[Body], title: str = "Uitvoeringsagenda", **kw: Any) -> Proposal:
    created = Proposal.objects.create(title=title, **kw)
    for position, body in enumerate(route, start=1):
        ProposalStep.objects.create(proposal=created, position=position, body=body)
    return created
