"""Reads for "Mijn week" and the title search: each list is one bounded query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.core.access import viewer_for
from regie.core.models import Body, Person
from regie.core.workdays import WorkingCalendar
from regie.documents.access import visible_documents
from regie.documents.models import Document, ReviewStep
from regie.documents.queries import review_steps_waiting_for
from regie.hiring.queries import contract_alerts_for_person
from regie.meetings.access import (
    visible_agenda_items,
    visible_decisions,
    visible_meetings,
    visible_proposals,
)
from regie.meetings.models import AgendaItem, Decision, Meeting, Proposal

SEARCH_LIMIT = 20


@dataclass(frozen=True)
class Week:
    start: date
    end: date

    @classmethod
    def around(cls, today: date) -> Week:
        monday = today - timedelta(days=today.weekday())
        return cls(monday, monday + timedelta(days=6))


@dataclass(frozen=True)
class StukkenDeadline:
    meeting: Meeting
    due: date


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def my_meetings(user, *, start: date, end: date) -> QuerySet[Meeting]:
    """Meetings of the bodies the user belongs to, between two days (inclusive)."""
    viewer = viewer_for(user)
    return (
        visible_meetings(user)
        .filter(body_id__in=viewer.member_body_ids)
        .filter(starts_at__gte=_day_start(start), starts_at__lt=_day_start(end + timedelta(days=1)))
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("starts_at")
    )


def stukken_deadlines(user, *, today: date, calendar: WorkingCalendar, horizon_days: int = 21):
    """Upcoming meetings of the user's bodies whose stukken deadline falls in the horizon."""
    meetings = my_meetings(user, start=today, end=today + timedelta(days=horizon_days + 14))
    deadlines = []
    for meeting in meetings:
        due = calendar.subtract(
            timezone.localdate(meeting.starts_at), meeting.body.documents_due_working_days
        )
        if today <= due <= today + timedelta(days=horizon_days):
            deadlines.append(StukkenDeadline(meeting, due))
    return sorted(deadlines, key=lambda d: d.due)


def my_open_actions(user, *, until: date) -> QuerySet[Action]:
    """The user's own open actions that are overdue or due up to `until`."""
    viewer = viewer_for(user)
    return (
        visible_actions(user)
        .filter(owner_id=viewer.person_id, status__in=Action.OPEN_STATUSES)
        .filter(Q(due_date__lte=until) | Q(due_date__isnull=True))
        .select_related("body")
        .order_by("due_date", "id")
    )


def my_review_steps(user) -> QuerySet[ReviewStep]:
    """Review steps where it is the user's turn (the documents app decides whose turn it is)."""
    return review_steps_waiting_for(Person.objects.filter(user=user).first())


def my_contract_alerts(user, *, today: date, calendar: WorkingCalendar):
    """Contracts of my hiring requests that end within their alert window."""
    person_id = viewer_for(user).person_id
    if person_id is None:
        return []
    return contract_alerts_for_person(person_id, today=today, calendar=calendar)


def meetings_needing_minutes(user) -> QuerySet[Meeting]:
    """Held meetings of bodies the user manages whose minutes are not yet approved."""
    viewer = viewer_for(user)
    return (
        visible_meetings(user)
        .filter(body_id__in=viewer.managed_body_ids)
        .filter(
            status__in=[
                Meeting.Status.HELD,
                Meeting.Status.MINUTES_DRAFT,
                Meeting.Status.MINUTES_REVIEW,
            ]
        )
        .select_related("body")
        .order_by("starts_at")
    )


@dataclass
class SearchResults:
    meetings: list[Meeting]
    items: list[AgendaItem]
    decisions: list[Decision]
    actions: list[Action]
    documents: list[Document]
    proposals: list[Proposal]

    @property
    def total(self) -> int:
        return sum(
            len(group)
            for group in (
                self.meetings,
                self.items,
                self.decisions,
                self.actions,
                self.documents,
                self.proposals,
            )
        )


def search_titles(user, query: str) -> SearchResults:
    """Up to SEARCH_LIMIT of each kind, newest first.

    On PostgreSQL every `icontains` here is answered by a trigram index on `UPPER(column)`
    (the migrations `*_search_trigram`); the order columns have an index too, so a common
    word reads the newest rows until the section is full instead of every match.
    """
    q = query.strip()
    # The bodies by name first (a few dozen rows), so the meetings are read on their own
    # indexes (title trigram or body) instead of testing every meeting joined to its body.
    named_bodies = list(Body.objects.filter(name__icontains=q).values_list("id", flat=True))
    return SearchResults(
        meetings=list(
            visible_meetings(user)
            .filter(Q(title__icontains=q) | Q(body_id__in=named_bodies))
            .select_related("body")
            .order_by("-starts_at")[:SEARCH_LIMIT]
        ),
        items=list(
            visible_agenda_items(user)
            .filter(title__icontains=q)
            .select_related("meeting__body")
            .order_by("-meeting__starts_at")[:SEARCH_LIMIT]
        ),
        decisions=list(
            visible_decisions(user)
            .filter(Q(number__icontains=q) | Q(text__icontains=q))
            .select_related("body")
            .order_by("-decided_on")[:SEARCH_LIMIT]
        ),
        actions=list(
            visible_actions(user)
            .filter(title__icontains=q)
            .select_related("owner")
            .order_by("-raised_on")[:SEARCH_LIMIT]
        ),
        documents=list(
            visible_documents(user)
            .filter(title__icontains=q)
            .order_by("-created_at")[:SEARCH_LIMIT]
        ),
        proposals=list(
            visible_proposals(user)
            .filter(title__icontains=q)
            .order_by("-created_at")[:SEARCH_LIMIT]
        ),
    )
