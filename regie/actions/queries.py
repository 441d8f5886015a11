"""Reads of actions that pages, exports, the digest and the API share."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from regie.actions.access import visible_actions
from regie.actions.models import Action

OPEN = list(Action.OPEN_STATUSES)


def open_on(day: date) -> Q:
    """Actions that were raised on or before `day` and not yet closed on that day.

    This is how an open action shows on every next action list of its body until it is
    closed: the list is computed from these dates, never copied from meeting to meeting.
    """
    return Q(raised_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def body_action_list(user, body_id: int, *, on: date) -> QuerySet[Action]:
    """The action list of a body as it stands on a meeting day (open then, or closed that day)."""
    return (
        visible_actions(user)
        .filter(body_id=body_id)
        .filter(open_on(on) | Q(closed_on=on))
        .select_related("owner", "due_meeting")
        .order_by("is_commitment", "due_date", "id")
    )


def overdue(qs: QuerySet[Action], *, today: date) -> QuerySet[Action]:
    return qs.filter(status__in=OPEN, due_date__lt=today)


def filtered(
    qs: QuerySet[Action],
    *,
    state: str,
    today: date,
    week_end: date,
    commitments: bool | None = None,
) -> QuerySet[Action]:
    """Apply the list filters: open (default), overdue, this week, done, all."""
    if state == "overdue":
        qs = overdue(qs, today=today)
    elif state == "week":
        qs = qs.filter(status__in=OPEN, due_date__lte=week_end)
    elif state == "done":
        qs = qs.exclude(status__in=OPEN)
    elif state != "all":
        qs = qs.filter(status__in=OPEN)
    if commitments is not None:
        qs = qs.filter(is_commitment=commitments)
    return qs.select_related("owner", "body")
