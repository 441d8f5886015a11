"""Reads of the exports and feeds.

Each export gets one plain context dict (strings, lists and dicts only): the same context
feeds the default Word layout, an organisation's own docxtpl template and the PDF templates.
The keys are the template variables documented in docs/word-sjablonen.md; keep both in step.
Every function runs a fixed number of queries, whatever the number of items.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.actions.queries import body_action_list
from regie.core.access import viewer_for
from regie.core.dates import long_date
from regie.core.models import Body, BodyMembership, Confidentiality, Person
from regie.documents.queries import review_steps_waiting_for
from regie.meetings.access import visible_decisions, visible_meetings
from regie.meetings.models import AgendaItem, Attendance, Meeting
from regie.meetings.queries import agenda_for

FEED_PAST_DAYS = 92  # meetings of about the last three months ...
FEED_MAX_MEETINGS = 400  # ... and every future one, up to this many
FEED_MAX_DEADLINES = 300


def nl_date(value: date | None) -> str:
    """A date as the Dutch write it in a letter: "23 november 2026"."""
    return long_date(value)


def organisation_name(body: Body) -> str:
    """The name above every export: the configured organisation, else the body's unit."""
    configured = getattr(settings, "REGIE_ORGANISATION_NAME", "")
    if configured:
        return configured
    return body.unit.name if body.unit_id and body.unit else ""


def _body_header(body: Body) -> dict:
    return {
        "organisation": organisation_name(body),
        "body": body.name,
        "body_code": body.code.upper(),
        "generated_on": nl_date(timezone.localdate()),
    }


def _meeting_header(meeting: Meeting) -> dict:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return {
        **_body_header(meeting.body),
        "meeting_title": meeting.title or meeting.body.name,
        "date": nl_date(start.date()),
        "weekday": date_format(start.date(), "l"),
        "start_time": f"{start:%H:%M}",
        "end_time": f"{end:%H:%M}",
        "time": f"{start:%H:%M}–{end:%H:%M} uur",
        "location": meeting.location,
        "status": meeting.get_status_display(),
    }


@lru_cache(maxsize=8)
def _action_status_labels(language: str | None) -> dict[str, str]:
    # get_status_display translates its label again for every row of a list of hundreds.
    return {value: str(label) for value, label in Action.Status.choices}


def _action_row(number: int, action: Action, today: date) -> dict:
    return {
        "nr": str(number),
        "title": action.title,
        "owner": action.owner.name if action.owner_id else "",
        "due": nl_date(action.due_date),
        "status": _action_status_labels(get_language()).get(action.status, action.status),
        "source": action.source_label,
        "overdue": bool(action.is_open and action.due_date and action.due_date < today),
        "commitment": action.is_commitment,
    }


def _action_rows(actions, today: date) -> tuple[list[dict], list[dict]]:
    """Rows numbered 1.. per table: (actions, bestuurlijke afspraken)."""
    plain: list[dict] = []
    commitments: list[dict] = []
    for action in actions:
        rows = commitments if action.is_commitment else plain
        rows.append(_action_row(len(rows) + 1, action, today))
    return plain, commitments


def _agenda(user, meeting: Meeting):
    agenda = agenda_for(user, meeting)
    entries = agenda.flat()
    items = [
        {
            "number": e.number,
            "title": e.item.title,
            "purpose": e.item.get_purpose_display(),
            "presenter": e.item.presenter.name if e.item.presenter_id else "",
            "time": f"{timezone.localtime(e.starts_at):%H:%M}",
            "end_time": f"{timezone.localtime(e.ends_at):%H:%M}",
            "duration": e.item.duration_minutes,
            "description": e.item.description,
            "documents": [d.title for d in e.item.visible_documents],
            "stukken": "; ".join(d.title for d in e.item.visible_documents),
            "is_sub": e.item.parent_id is not None,
            "confidential": e.item.confidentiality == Confidentiality.CONFIDENTIAL,
        }
        for e in entries
    ]
    stukken = [{"number": i["number"], "title": t} for i in items for t in i["documents"]]
    return entries, items, stukken


def agenda_context(user, meeting: Meeting) -> dict:
    _entries, items, stukken = _agenda(user, meeting)
    return {**_meeting_header(meeting), "kind": "Agenda", "items": items, "stukken": stukken}


def minutes_context(user, meeting: Meeting) -> dict:
    entries, items, stukken = _agenda(user, meeting)
    item_ids = [e.item.pk for e in entries]
    decisions: dict[int, list[dict]] = {}
    for d in visible_decisions(user).filter(agenda_item_id__in=item_ids).order_by("sequence"):
        decisions.setdefault(d.agenda_item_id, []).append(
            {"number": d.number, "text": d.text, "withdrawn": d.is_withdrawn}
        )
    day = timezone.localdate(meeting.starts_at)
    item_type = ContentType.objects.get_for_model(AgendaItem)
    raised: dict[int, list[dict]] = {}
    for a in (
        visible_actions(user)
        .filter(source_type=item_type, source_id__in=item_ids)
        .select_related("owner")
        .order_by("id")
    ):
        rows = raised.setdefault(a.source_id, [])
        rows.append(_action_row(len(rows) + 1, a, day))
    for item, entry in zip(items, entries, strict=True):
        item["discussion"] = entry.item.discussion
        item["decisions"] = decisions.get(entry.item.pk, [])
        item["actions"] = raised.get(entry.item.pk, [])
    attendance: dict[str, list[str]] = {status: [] for status in Attendance.Status.values}
    for row in meeting.attendance.select_related("person").order_by("person__name"):
        attendance[row.status].append(row.person.name)
    action_list, commitments = _action_rows(
        body_action_list(user, meeting.body_id, on=day), timezone.localdate()
    )
    return {
        **_meeting_header(meeting),
        "kind": "Verslag",
        "items": items,
        "stukken": stukken,
        "present": attendance[Attendance.Status.PRESENT],
        "absent_notified": attendance[Attendance.Status.ABSENT_NOTIFIED],
        "absent": attendance[Attendance.Status.ABSENT],
        "summary": meeting.minutes_summary,
        "action_list": action_list,
        "commitments": commitments,
    }


def decisions_context(user, body: Body, year: int | None) -> dict:
    decisions = visible_decisions(user).filter(body=body).order_by("year", "sequence")
    if year:
        decisions = decisions.filter(year=year)
    return {
        **_body_header(body),
        "kind": "Besluitenlijst",
        "date": nl_date(timezone.localdate()),
        "year": year or "",
        "decisions": [
            {
                "number": d.number,
                "date": nl_date(d.decided_on),
                "text": d.text,
                "withdrawn": d.is_withdrawn,
                "confidentiality": d.get_confidentiality_display(),
            }
            for d in decisions
        ],
    }


def actions_context(user, body: Body) -> dict:
    today = timezone.localdate()
    actions, commitments = _action_rows(body_action_list(user, body.pk, on=today), today)
    return {
        **_body_header(body),
        "kind": "Actielijst",
        "date": nl_date(today),
        "actions": actions,
        "commitments": commitments,
    }


# --- calendar feeds -------------------------------------------------------------------------


@dataclass
class Feed:
    name: str
    meetings: list[Meeting]
    item_titles: dict[int, list[str]]  # meeting id -> "1. Opening", in agenda order
    deadlines: list[tuple[str, date, str]]  # (uid, day, summary), all-day events


def _feed_window(meetings: QuerySet[Meeting]) -> list[Meeting]:
    since = timezone.now() - timedelta(days=FEED_PAST_DAYS)
    return list(
        meetings.filter(starts_at__gte=since)
        .select_related("body")
        .order_by("starts_at")[:FEED_MAX_MEETINGS]
    )


def _numbered_titles(items: QuerySet[AgendaItem], meetings: list[Meeting]) -> dict:
    """Agenda titles per meeting, numbered like the agenda (1, 1.1), in one query.

    The numbers count only the items given, so a hidden item leaves no gap a reader could
    notice.
    """
    rows = (
        items.filter(meeting_id__in=[m.pk for m in meetings])
        .order_by("meeting_id", "position", "id")
        .values_list("meeting_id", "id", "parent_id", "title")
    )
    tops: dict[int, list[tuple[int, str]]] = {}
    children: dict[int, list[str]] = {}
    for meeting_id, item_id, parent_id, title in rows:
        if parent_id is None:
            tops.setdefault(meeting_id, []).append((item_id, title))
        else:
            children.setdefault(parent_id, []).append(title)
    titles: dict[int, list[str]] = {}
    for meeting_id, roots in tops.items():
        lines = titles.setdefault(meeting_id, [])
        for index, (item_id, title) in enumerate(roots, start=1):
            lines.append(f"{index}. {title}")
            for sub, child in enumerate(children.get(item_id, []), start=1):
                lines.append(f"{index}.{sub}. {child}")
    return titles


def person_feed(person: Person) -> Feed:
    """A person's calendar: the meetings of their bodies with the agenda titles they may see,
    their open actions' due dates and the review steps waiting for them."""
    from regie.meetings.access import visible_agenda_items

    user = person.user
    viewer = viewer_for(user)
    meetings = _feed_window(visible_meetings(user).filter(body_id__in=viewer.member_body_ids))
    titles = _numbered_titles(visible_agenda_items(user), meetings)
    actions = (
        visible_actions(user)
        .filter(owner=person, status__in=Action.OPEN_STATUSES, due_date__isnull=False)
        .order_by("due_date", "id")
        .only("id", "title", "due_date")[:FEED_MAX_DEADLINES]
    )
    steps = review_steps_waiting_for(person)[:FEED_MAX_DEADLINES]
    deadlines = [(f"action-{a.pk}@regie", a.due_date, f"Actie: {a.title}") for a in actions]
    deadlines += [
        (
            f"review-{s.pk}@regie",
            s.due_date,
            f"Beoordelen: {s.route.document.title} ({s.label})",
        )
        for s in steps
    ]
    return Feed(f"Regie – {person.name}", meetings, titles, deadlines)


def body_feed_levels(body: Body) -> list[str]:
    """What a body's feed may show of agenda items.

    Whoever holds the link gets what an internal colleague who is not a member would see:
    public and internal items. When the body itself is confidential, only public items.
    Confidential items are never in a body feed.
    """
    if body.confidentiality == Confidentiality.CONFIDENTIAL:
        return [Confidentiality.PUBLIC]
    return [Confidentiality.PUBLIC, Confidentiality.INTERNAL]


def body_feed(body: Body) -> Feed:
    meetings = _feed_window(Meeting.objects.filter(body=body))
    items = AgendaItem.objects.filter(confidentiality__in=body_feed_levels(body))
    return Feed(f"Regie – {body.name}", meetings, _numbered_titles(items, meetings), [])


def calendar_bodies(user) -> QuerySet[Body]:
    """The active bodies the user is a member of (their feeds are on the calendar page)."""
    viewer = viewer_for(user)
    return Body.objects.filter(pk__in=viewer.member_body_ids, is_active=True).order_by("name")


# --- word templates -------------------------------------------------------------------------


def may_manage_word_templates(user) -> bool:
    """Functional administrators and secretaries (by role or as a body's secretary)."""
    if user.is_superuser:
        return True
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return False
    pid = viewer.person_id
    return Person.objects.filter(
        Q(role=Person.Role.SECRETARY)
        | Q(secretary_of_bodies__isnull=False)
        | Q(memberships__role=BodyMembership.Role.SECRETARY),
        pk=pid,
    ).exists()
