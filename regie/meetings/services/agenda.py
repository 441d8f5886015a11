"""Writes on meetings and their agendas: scheduling, series, items, hold-over, proposals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.concurrency import save_if_unchanged
from regie.core.errors import DomainError
from regie.core.models import Body, Confidentiality, Person
from regie.core.workdays import holiday_name, working_calendar
from regie.documents.models import Document
from regie.meetings.lifecycle import ensure_agenda_editable
from regie.meetings.models import AgendaItem, Meeting, Proposal, ProposalStep

MAX_SERIES_DAYS = 2 * 366


def _tag(obj, actor) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor


@transaction.atomic
def meeting_schedule(
    *,
    actor,
    body: Body,
    starts_at: datetime,
    duration_minutes: int,
    location: str = "",
    title: str = "",
) -> Meeting:
    """Plan one meeting with the body's standing agenda items; refuses the past."""
    if starts_at < timezone.now():
        raise DomainError(
            _("Een vergadering kan niet in het verleden worden gepland."), field="starts_at"
        )
    if not 15 <= duration_minutes <= 12 * 60:
        raise DomainError(
            _("De duur moet tussen 15 minuten en 12 uur liggen."), field="duration_minutes"
        )
    meeting = Meeting(
        body=body,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=duration_minutes),
        location=location.strip(),
    )
    _tag(meeting, actor)
    meeting.save()
    for position, item_title in enumerate(body.default_agenda, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=item_title,
            is_standing=True,
            purpose=AgendaItem.Purpose.DISCUSSION,
            duration_minutes=5,
            confidentiality=Confidentiality.INTERNAL,
        )
        _tag(item, actor)
        item.save()
    return meeting


@dataclass(frozen=True)
class PlannedDate:
    day: date
    wanted: date
    reason: str  # why it moved, e.g. "Koningsdag"; empty when not moved

    @property
    def moved(self) -> bool:
        return self.day != self.wanted


def series_dates(
    *,
    first_day: date,
    until: date,
    weekday: int,
    nth_of_month: int | None = None,
    every_n_weeks: int | None = None,
) -> list[PlannedDate]:
    """The dates of a series, each moved to the next working day when it is not one."""
    if until < first_day:
        raise DomainError(_("De einddatum ligt vóór de begindatum."), field="until")
    if (until - first_day).days > MAX_SERIES_DAYS:
        raise DomainError(_("Plan een reeks voor hoogstens twee jaar tegelijk."), field="until")
    if (nth_of_month is None) == (every_n_weeks is None):
        raise DomainError(_("Kies óf de zoveelste weekdag van de maand, óf om de zoveel weken."))
    wanted = (
        _nth_weekdays(first_day, until, weekday, nth_of_month)
        if nth_of_month
        else _every_n_weeks(first_day, until, weekday, every_n_weeks or 1)
    )
    calendar = working_calendar()
    planned = []
    for day in wanted:
        actual = calendar.next_working_day(day)
        reason = ""
        if actual != day:
            reason = holiday_name(day) or _("sluitingsdag")
        planned.append(PlannedDate(actual, day, reason))
    return planned


def _nth_weekdays(first: date, until: date, weekday: int, nth: int) -> list[date]:
    if not 1 <= nth <= 4:
        raise DomainError(_("Kies de 1e tot en met 4e weekdag van de maand."))
    days = []
    month_start = first.replace(day=1)
    while month_start <= until:
        offset = (weekday - month_start.weekday()) % 7
        day = month_start + timedelta(days=offset + 7 * (nth - 1))
        if first <= day <= until:
            days.append(day)
        month_start = (month_start + timedelta(days=32)).replace(day=1)
    return days


def _every_n_weeks(first: date, until: date, weekday: int, weeks: int) -> list[date]:
    if not 1 <= weeks <= 8:
        raise DomainError(_("Kies om de 1 tot 8 weken."))
    day = first + timedelta(days=(weekday - first.weekday()) % 7)
    days = []
    while day <= until:
        days.append(day)
        day += timedelta(weeks=weeks)
    return days


@transaction.atomic
def meeting_series_plan(
    *,
    actor,
    body: Body,
    dates: list[PlannedDate],
    start_time: time,
    duration_minutes: int,
    location: str = "",
) -> list[Meeting]:
    """Plan the meetings of a series; days that already have a meeting of the body are skipped."""
    tz = timezone.get_current_timezone()
    taken = {timezone.localdate(m) for m in body.meetings.values_list("starts_at", flat=True)}
    created = []
    for planned in dates:
        if planned.day in taken:
            continue
        created.append(
            meeting_schedule(
                actor=actor,
                body=body,
                starts_at=datetime.combine(planned.day, start_time, tz),
                duration_minutes=duration_minutes,
                location=location,
            )
        )
    if not created:
        raise DomainError(_("Er is geen nieuwe vergadering te plannen in deze periode."))
    return created


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    title: str,
    purpose: str = AgendaItem.Purpose.DISCUSSION,
    presenter: Person | None = None,
    duration_minutes: int = 10,
    confidentiality: str = Confidentiality.INTERNAL,
    parent: AgendaItem | None = None,
    description: str = "",
) -> AgendaItem:
    ensure_agenda_editable(meeting)
    if not title.strip():
        raise DomainError(_("Geef het agendapunt een titel."), field="title")
    if parent is not None:
        if parent.meeting_id != meeting.pk:
            raise DomainError(_("Het hoofdpunt hoort niet bij deze vergadering."))
        if parent.parent_id is not None:
            raise DomainError(_("Een subpunt kan geen eigen subpunten hebben."))
    siblings = meeting.items.filter(parent=parent)
    position = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem(
        meeting=meeting,
        parent=parent,
        position=position,
        title=title.strip(),
        purpose=purpose,
        presenter=presenter,
        duration_minutes=duration_minutes,
        confidentiality=confidentiality,
        description=description.strip(),
    )
    _tag(item, actor)
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, actor, item: AgendaItem, expected_version: int, **fields) -> AgendaItem:
    ensure_agenda_editable(item.meeting)
    if "title" in fields and not str(fields["title"]).strip():
        raise DomainError(_("Geef het agendapunt een titel."), field="title")
    _tag(item, actor)
    save_if_unchanged(item, expected_version=expected_version, fields=fields)
    return item


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> None:
    """Swap the item with its neighbour among its siblings; positions stay 1..n."""
    ensure_agenda_editable(item.meeting)
    siblings = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id, parent_id=item.parent_id)
        .order_by("position", "id")
    )
    index = next(i for i, s in enumerate(siblings) if s.pk == item.pk)
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        return
    siblings[index], siblings[target] = siblings[target], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.position != position:
            sibling.position = position
            _tag(sibling, actor)
            sibling.save(update_fields=["position"])


@transaction.atomic
def agenda_item_remove(*, actor, item: AgendaItem) -> None:
    ensure_agenda_editable(item.meeting)
    if item.decisions.exists():
        raise DomainError(_("Dit agendapunt heeft besluiten en kan niet worden verwijderd."))
    _tag(item, actor)
    item.delete()


@transaction.atomic
def agenda_item_hold_over(
    *, actor, item: AgendaItem, to_meeting: Meeting, mode: str = "move"
) -> AgendaItem:
    """Hold an item over (aanhouden) to a later meeting of the same body, moved or copied."""
    if to_meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(
            _("Een agendapunt kan niet naar een geannuleerde vergadering."), field="to_meeting"
        )
    if to_meeting.body_id != item.meeting.body_id:
        raise DomainError(_("Kies een vergadering van hetzelfde gremium."), field="to_meeting")
    if to_meeting.starts_at <= item.meeting.starts_at:
        raise DomainError(_("Kies een latere vergadering."), field="to_meeting")
    ensure_agenda_editable(to_meeting)
    copy = agenda_item_add(
        actor=actor,
        meeting=to_meeting,
        title=item.title,
        purpose=item.purpose,
        presenter=item.presenter,
        duration_minutes=item.duration_minutes,
        confidentiality=item.confidentiality,
        description=item.description,
    )
    copy.held_over_from = item
    copy.proposal_step = item.proposal_step
    copy.save(update_fields=["held_over_from", "proposal_step"])
    copy.documents.set(item.documents.all())
    for child in item.children.all():
        sub = agenda_item_add(
            actor=actor,
            meeting=to_meeting,
            title=child.title,
            purpose=child.purpose,
            presenter=child.presenter,
            duration_minutes=child.duration_minutes,
            confidentiality=child.confidentiality,
            parent=copy,
        )
        sub.documents.set(child.documents.all())
    if mode == "move":
        item.status = AgendaItem.Status.HELD_OVER
        _tag(item, actor)
        item._change_reason = _("Aangehouden naar %(date)s") % {
            "date": timezone.localdate(to_meeting.starts_at).strftime("%d-%m-%Y")
        }
        item.save(update_fields=["status"])
    return copy


@transaction.atomic
def agenda_item_attach_document(*, actor, item: AgendaItem, document: Document) -> None:
    ensure_agenda_editable(item.meeting)
    item.documents.add(document)


@transaction.atomic
def agenda_item_detach_document(*, actor, item: AgendaItem, document: Document) -> None:
    ensure_agenda_editable(item.meeting)
    item.documents.remove(document)


@transaction.atomic
def proposal_create(
    *,
    actor,
    title: str,
    summary: str,
    owner: Person | None,
    confidentiality: str,
    route: list[Body],
) -> Proposal:
    if not title.strip():
        raise DomainError(_("Geef het voorstel een titel."), field="title")
    if not route:
        raise DomainError(_("Kies ten minste één gremium voor de route."), field="route")
    if len({b.pk for b in route}) != len(route):
        raise DomainError(_("Een gremium staat twee keer in de route."), field="route")
    proposal = Proposal(
        title=title.strip(), summary=summary.strip(), owner=owner, confidentiality=confidentiality
    )
    _tag(proposal, actor)
    proposal.save()
    for position, body in enumerate(route, start=1):
        step = ProposalStep(proposal=proposal, position=position, body=body)
        _tag(step, actor)
        step.save()
    return proposal


def current_step(proposal: Proposal) -> ProposalStep | None:
    """The first step still to be handled; None when the route is finished or stopped."""
    for step in proposal.steps.order_by("position"):
        if step.outcome == ProposalStep.Outcome.RETURNED:
            return None
        if step.outcome in (ProposalStep.Outcome.PENDING, ProposalStep.Outcome.HELD_OVER):
            return step
    return None


@transaction.atomic
def proposal_step_schedule(*, actor, step: ProposalStep, meeting: Meeting) -> AgendaItem:
    """Put the proposal on a meeting of the step's body, ter besluitvorming."""
    if current_step(step.proposal) != step:
        raise DomainError(_("Alleen de eerstvolgende stap van de route kan worden ingepland."))
    if meeting.body_id != step.body_id:
        raise DomainError(_("Kies een vergadering van %(body)s.") % {"body": step.body.name})
    item = agenda_item_add(
        actor=actor,
        meeting=meeting,
        title=step.proposal.title,
        purpose=AgendaItem.Purpose.DECISION,
        presenter=step.proposal.owner,
        confidentiality=step.proposal.confidentiality,
        description=step.proposal.summary,
    )
    item.proposal_step = step
    item.save(update_fields=["proposal_step"])
    item.documents.set(step.proposal.documents.all())
    step.meeting = meeting
    _tag(step, actor)
    step.save(update_fields=["meeting"])
    return item


@transaction.atomic
def proposal_step_record_outcome(
    *, actor, step: ProposalStep, outcome: str, note: str = ""
) -> ProposalStep:
    if outcome not in ProposalStep.Outcome.values or outcome == ProposalStep.Outcome.PENDING:
        raise DomainError(_("Kies een uitkomst."), field="outcome")
    if current_step(step.proposal) != step:
        raise DomainError(_("Deze stap is niet de huidige stap van de route."))
    if outcome == ProposalStep.Outcome.RETURNED and not note.strip():
        raise DomainError(_("Geef bij terugsturen aan waarom."), field="note")
    step.outcome = outcome
    step.outcome_note = note.strip()
    step.decided_on = (
        timezone.localdate(step.meeting.starts_at) if step.meeting else timezone.localdate()
    )
    if outcome == ProposalStep.Outcome.HELD_OVER:
        step.meeting = None
    _tag(step, actor)
    step.save()
    return step


def step_deadline(step: ProposalStep) -> date | None:
    """When the stukken for the step's meeting are due (N working days before it)."""
    if step.meeting is None:
        return None
    return working_calendar().subtract(
        timezone.localdate(step.meeting.starts_at), step.body.documents_due_working_days
    )
