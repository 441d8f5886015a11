"""Reads of meetings that pages, exports and the API share."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db.models import Prefetch

from regie.documents.models import Document
from regie.meetings.access import visible_agenda_items
from regie.meetings.models import AgendaItem, Meeting


@dataclass
class NumberedItem:
    item: AgendaItem
    number: str
    starts_at: datetime
    children: list[NumberedItem] = field(default_factory=list)

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.item.duration_minutes)


@dataclass
class Agenda:
    meeting: Meeting
    items: list[NumberedItem]
    overrun_minutes: int

    def flat(self) -> list[NumberedItem]:
        out: list[NumberedItem] = []
        for entry in self.items:
            out.append(entry)
            out.extend(entry.children)
        return out


def agenda_for(user, meeting: Meeting) -> Agenda:
    """The meeting's agenda as the user may see it: numbered (1, 1.1), with time slots.

    Two queries whatever the size: the items with presenters, and their visible stukken.
    """
    from regie.documents.access import visible_documents

    items = list(
        visible_agenda_items(user)
        .filter(meeting=meeting)
        .select_related("presenter", "held_over_from__meeting", "proposal_step__proposal")
        .prefetch_related(
            Prefetch(
                "documents",
                queryset=visible_documents(user).order_by("title"),
                to_attr="visible_documents",
            )
        )
        .order_by("position", "id")
    )
    children_of: dict[int, list[AgendaItem]] = {}
    roots: list[AgendaItem] = []
    for item in items:
        if item.parent_id is None:
            roots.append(item)
        else:
            children_of.setdefault(item.parent_id, []).append(item)
    clock = meeting.starts_at
    numbered: list[NumberedItem] = []
    for index, root in enumerate(roots, start=1):
        entry = NumberedItem(root, str(index), clock)
        kids = children_of.get(root.pk, [])
        if kids:
            for sub_index, child in enumerate(kids, start=1):
                entry.children.append(NumberedItem(child, f"{index}.{sub_index}", clock))
                clock += timedelta(minutes=child.duration_minutes)
        else:
            clock += timedelta(minutes=root.duration_minutes)
        numbered.append(entry)
    overrun = int((clock - meeting.ends_at).total_seconds() // 60)
    return Agenda(meeting=meeting, items=numbered, overrun_minutes=max(overrun, 0))


def unused_document_ids() -> set[int]:
    """Ids of stukken not on any agenda (for pickers)."""
    return set(Document.objects.filter(agenda_items__isnull=True).values_list("id", flat=True))


def bodies_overview(user):
    """Visible active bodies with their next meeting date and number of meetings (one query)."""
    from django.db.models import Count, Min, Q
    from django.utils import timezone

    from regie.core.access import visible_bodies

    now = timezone.now()
    return (
        visible_bodies(user)
        .filter(is_active=True)
        .select_related("chair", "secretary")
        .annotate(
            next_meeting=Min(
                "meetings__starts_at",
                filter=Q(meetings__starts_at__gte=now) & ~Q(meetings__status="cancelled"),
            ),
            meeting_count=Count("meetings"),
        )
        .order_by("name")
    )


def body_meetings(body_id: int):
    from regie.meetings.models import Meeting

    return Meeting.objects.filter(body_id=body_id).order_by("-starts_at")


def later_meetings(meeting: Meeting):
    """Meetings of the same body after this one that can still take agenda items."""
    from regie.meetings.lifecycle import AGENDA_EDITABLE

    return Meeting.objects.filter(
        body_id=meeting.body_id, starts_at__gt=meeting.starts_at, status__in=AGENDA_EDITABLE
    ).order_by("starts_at")


def proposals_overview(user):
    from django.db.models import Prefetch

    from regie.meetings.access import visible_proposals
    from regie.meetings.models import ProposalStep

    return (
        visible_proposals(user)
        .select_related("owner")
        .prefetch_related(
            Prefetch(
                "steps",
                queryset=ProposalStep.objects.select_related("body", "meeting").order_by(
                    "position"
                ),
            )
        )
        .order_by("-created_at")
    )
