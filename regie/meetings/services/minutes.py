"""Writes on the minutes: attendance, discussion per item, decisions and actions."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.actions.models import Action
from regie.actions.services import action_create
from regie.core.concurrency import save_if_unchanged
from regie.core.errors import DomainError
from regie.core.history import set_author, set_reason
from regie.core.models import Confidentiality, Person
from regie.documents.models import Document
from regie.meetings.lifecycle import ensure_minutes_editable
from regie.meetings.models import AgendaItem, Attendance, Decision, DecisionCounter, Meeting


@transaction.atomic
def attendance_set(*, actor, meeting: Meeting, entries: dict[int, str]) -> None:
    """Record who attended; members come pre-filled on the page, guests may be added.

    All or nothing: one unknown person or status refuses the whole list.
    """
    ensure_minutes_editable(meeting)
    valid = set(Attendance.Status.values)
    if any(status not in valid for status in entries.values()):
        raise DomainError(_("Onbekende aanwezigheidsstatus."))
    known = set(Person.objects.filter(pk__in=entries).values_list("pk", flat=True))
    if known != set(entries):
        raise DomainError(_("Onbekende persoon in de presentielijst."))
    existing = {a.person_id: a for a in meeting.attendance.filter(person_id__in=entries)}
    for person_id, status in entries.items():
        row = existing.get(person_id) or Attendance(meeting=meeting, person_id=person_id)
        if row.pk is not None and row.status == status:
            continue
        row.status = status
        set_author(row, actor)
        row.save()


@transaction.atomic
def item_discussion_save(
    *, actor, item: AgendaItem, discussion: str, expected_version: int
) -> AgendaItem:
    ensure_minutes_editable(item.meeting)
    set_author(item, actor)
    fields: dict[str, object] = {"discussion": discussion.strip()}
    if item.status == AgendaItem.Status.PLANNED:
        fields["status"] = AgendaItem.Status.HANDLED
    save_if_unchanged(item, expected_version=expected_version, fields=fields)
    return item


@transaction.atomic
def minutes_summary_save(*, actor, meeting: Meeting, text: str, expected_version: int) -> Meeting:
    ensure_minutes_editable(meeting)
    set_author(meeting, actor)
    save_if_unchanged(
        meeting, expected_version=expected_version, fields={"minutes_summary": text.strip()}
    )
    return meeting


def _next_sequence(body_id: int, year: int) -> int:
    """Hand out the next number of a body and year; the row lock makes writers queue.

    Decisions are never deleted (only withdrawn), so the numbers stay without gaps.
    """
    counter, _created = DecisionCounter.objects.select_for_update().get_or_create(
        body_id=body_id, year=year
    )
    DecisionCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    return DecisionCounter.objects.values_list("last_number", flat=True).get(pk=counter.pk)


@transaction.atomic
def decision_record(
    *,
    actor,
    item: AgendaItem,
    text: str,
    confidentiality: str = Confidentiality.INTERNAL,
    publication_ground: str = "",
    documents: list[Document] | tuple = (),
) -> Decision:
    meeting = item.meeting
    ensure_minutes_editable(meeting)
    if not text.strip():
        raise DomainError(_("Schrijf het besluit uit."), field="text")
    if confidentiality not in Confidentiality.values:
        raise DomainError(_("Kies een geldige vertrouwelijkheid."), field="confidentiality")
    if confidentiality != Confidentiality.PUBLIC and not publication_ground.strip():
        publication_ground = (
            _("Art. 5.2 Woo: intern beraad")
            if (confidentiality == Confidentiality.INTERNAL)
            else ""
        )
    day = timezone.localdate(meeting.starts_at)
    body = meeting.body
    sequence = _next_sequence(body.pk, day.year)
    decision = Decision(
        body=body,
        year=day.year,
        sequence=sequence,
        number=f"{body.code.upper()}-{day.year}-{sequence:03d}",
        meeting=meeting,
        agenda_item=item,
        text=text.strip(),
        decided_on=day,
        confidentiality=confidentiality,
        publication_ground=publication_ground.strip(),
    )
    set_author(decision, actor)
    decision.save()
    if documents:
        decision.documents.set(documents)
    return decision


@transaction.atomic
def decision_update_text(
    *, actor, decision: Decision, text: str, expected_version: int
) -> Decision:
    """Correct the wording of a decision while the minutes are open; the number stays."""
    ensure_minutes_editable(decision.meeting)
    if not text.strip():
        raise DomainError(_("Schrijf het besluit uit."), field="text")
    set_author(decision, actor)
    save_if_unchanged(decision, expected_version=expected_version, fields={"text": text.strip()})
    return decision


@transaction.atomic
def decision_withdraw(*, actor, decision: Decision, reason: str) -> Decision:
    """Withdraw a decision; it keeps its number so the register has no gaps."""
    ensure_minutes_editable(decision.meeting)
    if not reason.strip():
        raise DomainError(_("Geef een reden op voor het intrekken."), field="reason")
    decision.is_withdrawn = True
    set_author(decision, actor)
    set_reason(decision, _("Ingetrokken: %(r)s") % {"r": reason.strip()})
    decision.save(update_fields=["is_withdrawn"])
    return decision


def item_number(item: AgendaItem) -> str:
    """The item's number on the full agenda (1, 2, 2.1), as the agenda numbers it."""
    rows = list(
        AgendaItem.objects.filter(meeting_id=item.meeting_id)
        .order_by("position", "id")
        .values_list("pk", "parent_id")
    )
    roots = [pk for pk, parent in rows if parent is None]
    if item.parent_id is None:
        return str(roots.index(item.pk) + 1) if item.pk in roots else str(item.position)
    children = [pk for pk, parent in rows if parent == item.parent_id]
    parent_number = roots.index(item.parent_id) + 1 if item.parent_id in roots else 0
    return f"{parent_number}.{children.index(item.pk) + 1}"


def source_label(item: AgendaItem, number: str) -> str:
    day = date_format(timezone.localdate(item.meeting.starts_at), "j F Y")
    return f"{item.meeting.body.code.upper()} {day}, {_('punt')} {number}"


@transaction.atomic
def action_raise_from_item(
    *,
    actor,
    item: AgendaItem,
    title: str,
    owner: Person,
    due_date=None,
    due_meeting: Meeting | None = None,
    is_commitment: bool = False,
    number: str | None = None,
) -> Action:
    """An action agreed on an agenda item: its body, source and raising day come from there."""
    meeting = item.meeting
    ensure_minutes_editable(meeting)
    if due_meeting is not None and (
        due_meeting.body_id != meeting.body_id or due_meeting.starts_at <= meeting.starts_at
    ):
        raise DomainError(_("Kies een latere vergadering van dit gremium."), field="due_meeting")
    return action_create(
        actor=actor,
        title=title,
        owner=owner,
        body=meeting.body,
        due_date=due_date,
        due_meeting=due_meeting,
        is_commitment=is_commitment,
        source=item,
        source_label=source_label(item, number or item_number(item)),
        raised_on=timezone.localdate(meeting.starts_at),
        confidentiality=item.confidentiality,
    )
