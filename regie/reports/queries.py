"""The data of each export as plain dicts: the same context feeds Word, PDF and templates."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.formats import date_format

from regie.actions.access import visible_actions
from regie.actions.queries import body_action_list
from regie.core.models import Body
from regie.meetings.access import visible_decisions
from regie.meetings.models import AgendaItem, Attendance, Meeting
from regie.meetings.queries import agenda_for

ORGANISATION = "Regie"


def nl_date(value) -> str:
    return date_format(value, "j F Y") if value else ""


def _meeting_header(meeting: Meeting) -> dict:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return {
        "organisation": meeting.body.unit.name if meeting.body.unit_id else ORGANISATION,
        "body": meeting.body.name,
        "body_code": meeting.body.code.upper(),
        "meeting_title": meeting.title or meeting.body.name,
        "date": nl_date(start.date()),
        "time": f"{start:%H:%M}–{end:%H:%M}",
        "location": meeting.location,
        "status": meeting.get_status_display(),
    }


def _action_row(action, today) -> dict:
    return {
        "title": action.title,
        "owner": action.owner.name,
        "due": nl_date(action.due_date),
        "status": action.get_status_display(),
        "source": action.source_label,
        "overdue": bool(action.is_open and action.due_date and action.due_date < today),
        "commitment": action.is_commitment,
    }


def agenda_context(user, meeting: Meeting) -> dict:
    agenda = agenda_for(user, meeting)
    items = [
        {
            "number": e.number,
            "title": e.item.title,
            "purpose": e.item.get_purpose_display(),
            "presenter": e.item.presenter.name if e.item.presenter else "",
            "time": f"{timezone.localtime(e.starts_at):%H:%M}",
            "description": e.item.description,
            "documents": [d.title for d in e.item.visible_documents],
            "is_sub": e.item.parent_id is not None,
        }
        for e in agenda.flat()
    ]
    stukken = [{"number": i["number"], "title": title} for i in items for title in i["documents"]]
    return {**_meeting_header(meeting), "kind": "Agenda", "items": items, "stukken": stukken}


def minutes_context(user, meeting: Meeting) -> dict:
    context = agenda_context(user, meeting)
    context["kind"] = "Verslag"
    entries = agenda_for(user, meeting).flat()
    item_ids = [e.item.pk for e in entries]
    decisions: dict[int, list[dict]] = {}
    for d in visible_decisions(user).filter(agenda_item_id__in=item_ids).order_by("sequence"):
        decisions.setdefault(d.agenda_item_id, []).append(
            {"number": d.number, "text": d.text, "withdrawn": d.is_withdrawn}
        )
    today = timezone.localdate()
    item_type = ContentType.objects.get_for_model(AgendaItem)
    actions: dict[int, list[dict]] = {}
    for a in (
        visible_actions(user)
        .filter(source_type=item_type, source_id__in=item_ids)
        .select_related("owner")
    ):
        actions.setdefault(a.source_id, []).append(_action_row(a, today))
    for item, entry in zip(context["items"], entries, strict=True):
        item["discussion"] = entry.item.discussion
        item["decisions"] = decisions.get(entry.item.pk, [])
        item["actions"] = actions.get(entry.item.pk, [])
    attendance = {status: [] for status in Attendance.Status.values}
    for row in meeting.attendance.select_related("person").order_by("person__name"):
        attendance[row.status].append(row.person.name)
    context["present"] = attendance[Attendance.Status.PRESENT]
    context["absent_notified"] = attendance[Attendance.Status.ABSENT_NOTIFIED]
    context["absent"] = attendance[Attendance.Status.ABSENT]
    context["summary"] = meeting.minutes_summary
    day = timezone.localdate(meeting.starts_at)
    context["action_list"] = [
        _action_row(a, day) for a in body_action_list(user, meeting.body_id, on=day)
    ]
    return context


def decisions_context(user, body: Body, year: int | None) -> dict:
    decisions = visible_decisions(user).filter(body=body).order_by("year", "sequence")
    if year:
        decisions = decisions.filter(year=year)
    return {
        "organisation": body.unit.name if body.unit_id else ORGANISATION,
        "body": body.name,
        "body_code": body.code.upper(),
        "kind": "Besluitenlijst",
        "date": nl_date(timezone.localdate()),
        "year": year or "",
        "decisions": [
            {
                "number": d.number,
                "date": nl_date(d.decided_on),
                "text": d.text,
                "withdrawn": d.is_withdrawn,
                "public": d.get_confidentiality_display(),
            }
            for d in decisions
        ],
    }


def actions_context(user, body: Body) -> dict:
    today = timezone.localdate()
    rows = [
        _action_row(a, today)
        for a in body_action_list(user, body.pk, on=today).order_by("due_date", "id")
    ]
    return {
        "organisation": body.unit.name if body.unit_id else ORGANISATION,
        "body": body.name,
        "body_code": body.code.upper(),
        "kind": "Actielijst",
        "date": nl_date(today),
        "actions": [r for r in rows if not r["commitment"]],
        "commitments": [r for r in rows if r["commitment"]],
    }
