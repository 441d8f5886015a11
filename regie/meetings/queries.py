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
    """Visible active bodies with their next meeting and counts, in one query.

    Each figure is a subquery per body on the (body, starts_at) index: joining meetings and
    memberships and counting distinct rows multiplies them (meetings x members per body).
    """
    from django.db.models import Count, OuterRef, Subquery
    from django.db.models.functions import Coalesce
    from django.utils import timezone

    from regie.core.access import visible_bodies
    from regie.core.models import BodyMembership

    def count(qs):
        counted = qs.order_by().values("body").annotate(n=Count("*")).values("n")
        return Coalesce(Subquery(counted), 0)

    meetings = Meeting.objects.filter(body=OuterRef("pk"))
    upcoming = meetings.filter(starts_at__gte=timezone.now()).exclude(status="cancelled")
    return (
        visible_bodies(user)
        .filter(is_active=True)
        .select_related("chair", "secretary")
        .annotate(
            next_meeting=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]),
            upcoming_count=count(upcoming),
            meeting_count=count(meetings),
            member_count=count(BodyMembership.objects.filter(body=OuterRef("pk"))),
        )
        .order_by("name")
    )


def body_meetings(body_id: int):
    """A body's meetings, newest first, with the number of agenda items (no N+1)."""
    from django.db.models import Count, Q

    from regie.meetings.models import Meeting

    return (
        Meeting.objects.filter(body_id=body_id)
        .annotate(item_count=Count("items", filter=Q(items__parent__isnull=True)))
        .order_by("-starts_at")
    )


def body_members(body_id: int):
    from regie.core.models import BodyMembership

    return (
        BodyMembership.objects.filter(body_id=body_id)
        .select_related("person__organisation", "person__unit")
        .order_by("role", "person__name")
    )


def later_meetings(meeting: Meeting):
    """Meetings of the same body after this one that can still take agenda items."""
    from regie.meetings.lifecycle import AGENDA_EDITABLE

    return Meeting.objects.filter(
        body_id=meeting.body_id, starts_at__gt=meeting.starts_at, status__in=AGENDA_EDITABLE
    ).order_by("starts_at")[:12]


def approval_meetings(meeting: Meeting):
    """Later meetings of the body in which the minutes can be approved (vastgesteld)."""
    return (
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:10]
    )


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


@dataclass
class RouteStep:
    step: object
    deadline: object  # date | None: stukken due for the step's meeting
    is_current: bool
    can_manage: bool


def proposal_route(user, proposal) -> list[RouteStep]:
    """The whole route of a proposal in order, with the stukken deadline of each planned step.

    Two queries whatever the length: the steps with body and meeting, and the closing days.
    """
    from django.utils import timezone

    from regie.core.access import viewer_for
    from regie.core.workdays import working_calendar
    from regie.meetings.services.proposals import current_step

    viewer = viewer_for(user)
    steps = list(proposal.steps.select_related("body", "meeting").order_by("position"))
    current = current_step(proposal, steps)
    calendar = working_calendar()
    rows = []
    for step in steps:
        deadline = None
        if step.meeting is not None:
            deadline = calendar.subtract(
                timezone.localdate(step.meeting.starts_at), step.body.documents_due_working_days
            )
        rows.append(
            RouteStep(step, deadline, step == current, viewer.can_manage_body(step.body_id))
        )
    return rows
