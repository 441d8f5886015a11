"""Reads of stukken and review steps for pages, "Mijn week" and the daily digest.

A step is *current* when it is not approved and every earlier step of its route is: it is
that step's turn. Pending steps further down a route are not anyone's work yet. Every
function runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.access import viewer_for
from regie.core.dates import long_date
from regie.core.models import Person
from regie.core.workdays import working_calendar
from regie.documents.access import visible_documents
from regie.documents.models import Document, DocumentVersion, ReviewRoute, ReviewStep


def current_steps() -> QuerySet[ReviewStep]:
    """Steps whose turn it is: not approved, with every earlier step of the route approved."""
    earlier_open = ReviewStep.objects.filter(
        route_id=OuterRef("route_id"), position__lt=OuterRef("position")
    ).exclude(status=ReviewStep.Status.APPROVED)
    return ReviewStep.objects.exclude(status=ReviewStep.Status.APPROVED).filter(
        ~Exists(earlier_open)
    )


def _with_document(steps: QuerySet[ReviewStep]) -> QuerySet[ReviewStep]:
    return steps.select_related("route__document__body", "reviewer").order_by("due_date", "pk")


def review_steps_waiting_for(person: Person | None) -> QuerySet[ReviewStep]:
    """Steps where `person` is the reviewer and it is their turn, earliest due date first.

    Each step comes with `route.document` (and its body) and `reviewer` loaded; `due_date`
    is the date the step must be done. Only stukken the person may see are included; a person
    without an account gets nothing.
    """
    if person is None or person.user_id is None:
        return ReviewStep.objects.none()
    return _with_document(
        current_steps().filter(
            reviewer_id=person.pk,
            route__document__in=visible_documents(person.user).values("pk"),
        )
    )


def overdue_review_steps(user, *, today: date | None = None) -> QuerySet[ReviewStep]:
    """Current steps past their due date in the bodies the user manages (the secretary's view).

    `user` is a User; a functional administrator sees every body. `today` defaults to today.
    """
    today = today or timezone.localdate()
    return _with_document(_managed(user).filter(due_date__lt=today))


def review_steps_due_soon(
    user, *, today: date | None = None, working_days: int = 5
) -> QuerySet[ReviewStep]:
    """Current steps due from today up to `working_days` working days ahead, in managed bodies."""
    today = today or timezone.localdate()
    until = working_calendar().add(today, working_days)
    return _with_document(_managed(user).filter(due_date__gte=today, due_date__lte=until))


def _managed(user) -> QuerySet[ReviewStep]:
    viewer = viewer_for(user)
    steps = current_steps()
    if viewer.sees_everything:
        return steps
    return steps.filter(route__document__body_id__in=viewer.managed_body_ids)


def documents_due(person: Person | None, until: date) -> QuerySet[ReviewStep]:
    """The stukken `person` wrote whose current step is due on or before `until`.

    One row per stuk: its current step (with `route.document`, body and `reviewer` loaded),
    earliest due date first. Use it to remind an author where each stuk is waiting.
    """
    if person is None:
        return ReviewStep.objects.none()
    return _with_document(
        current_steps().filter(route__document__author_id=person.pk, due_date__lte=until)
    )


def document_list(user, *, query: str = "", body_id: int | None = None) -> QuerySet[Document]:
    """Visible stukken, newest first, with body, author and the number of versions."""
    documents = visible_documents(user)
    if query:
        documents = documents.filter(title__icontains=query)
    if body_id is not None:
        documents = documents.filter(body_id=body_id)
    # A subquery per listed row, not a join grouped over every visible stuk: the page reads
    # 50 rows of the (-created_at, -pk) order and counts the rest without grouping.
    versions = (
        DocumentVersion.objects.filter(document=OuterRef("pk"))
        .order_by()
        .values("document")
        .annotate(n=Count("*"))
        .values("n")
    )
    return (
        documents.select_related("body", "author")
        .annotate(version_count=Coalesce(Subquery(versions), 0))
        .order_by("-created_at", "-pk")
    )


def route_of(document: Document) -> tuple[ReviewRoute | None, list[ReviewStep]]:
    """The route of a stuk and its steps in order (reviewer and decider loaded)."""
    route = ReviewRoute.objects.filter(document=document).first()
    if route is None:
        return None, []
    steps = list(route.steps.select_related("reviewer", "decided_by").order_by("position"))
    return route, steps


@dataclass(frozen=True)
class HistoryEntry:
    when: datetime
    who: str
    what: str


def _who(record) -> str:
    user = record.history_user
    if user is None:
        return _("systeem")
    try:
        return user.person.name
    except ObjectDoesNotExist:
        return user.get_username()


def document_history(
    document: Document, route: ReviewRoute | None, *, limit: int = 30
) -> list[HistoryEntry]:
    """Changes to the stuk, its route and the decisions on its steps, newest first."""
    entries: list[HistoryEntry] = []
    for record in document.history.select_related("history_user__person").order_by("-history_date")[
        :limit
    ]:
        what = record.history_change_reason or (
            _("Stuk aangemaakt") if record.history_type == "+" else _("Stuk gewijzigd")
        )
        entries.append(HistoryEntry(record.history_date, _who(record), what))
    if route is not None:
        for record in route.history.select_related("history_user__person").order_by(
            "-history_date"
        )[:limit]:
            what = record.history_change_reason or _(
                "Routering ingesteld: %(label)s op %(date)s"
            ) % {
                "label": record.target_label or _("de vergadering"),
                "date": long_date(record.target_date),
            }
            entries.append(HistoryEntry(record.history_date, _who(record), what))
        decisions = (
            ReviewStep.history.filter(
                route_id=route.pk,
                history_type="~",
                status__in=[ReviewStep.Status.APPROVED, ReviewStep.Status.RETURNED],
            )
            .select_related("history_user__person")
            .order_by("-history_date")[:limit]
        )
        for record in decisions:
            what = record.history_change_reason or _("%(label)s: %(status)s") % {
                "label": record.label,
                "status": record.get_status_display(),
            }
            if record.comment and record.status == ReviewStep.Status.APPROVED:
                what = f"{what} ({record.comment})"
            entries.append(HistoryEntry(record.history_date, _who(record), what))
    entries.sort(key=lambda e: e.when, reverse=True)
    return entries[:limit]
