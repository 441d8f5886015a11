"""Writes on meetings and their agendas: scheduling, series, items, reordering, hold-over, stukken.

Every function runs in one transaction, takes keyword arguments only and raises DomainError (a
Dutch message for the user) on bad input, leaving the database as it was. The view checks that
the actor may manage the body (its chair or secretary).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.concurrency import save_if_unchanged
from regie.core.dates import long_date
from regie.core.errors import DomainError, StaleEditError
from regie.core.history import set_author
from regie.core.models import Body, Confidentiality, Person
from regie.core.workdays import holiday_name, working_calendar
from regie.documents.models import Document
from regie.meetings.lifecycle import ensure_agenda_editable
from regie.meetings.models import AgendaItem, Meeting

MAX_SERIES_DAYS = 2 * 366
MIN_DURATION, MAX_DURATION = 15, 12 * 60
MAX_ITEM_MINUTES = 480
STANDING_ITEM_MINUTES = 5
ITEM_FIELDS = frozenset(
    {"title", "purpose", "presenter", "duration_minutes", "confidentiality", "description"}
)
HOLD_OVER_MODES = ("move", "copy")


# --- meetings ---------------------------------------------------------------------------------


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
    """Plan one meeting with the body's default agenda as standing items; refuses the past."""
    if not body.is_active:
        raise DomainError(_("Dit gremium is niet meer actief."))
    if starts_at < timezone.now():
        raise DomainError(
            _("Een vergadering kan niet in het verleden worden gepland."), field="starts_at"
        )
    if not MIN_DURATION <= duration_minutes <= MAX_DURATION:
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
    set_author(meeting, actor, _("Vergadering gepland"))
    meeting.save()
    for position, item_title in enumerate(body.default_agenda, start=1):
        item = AgendaItem(
            meeting=meeting,
            position=position,
            title=str(item_title).strip()[:300],
            is_standing=True,
            purpose=AgendaItem.Purpose.DISCUSSION,
            duration_minutes=STANDING_ITEM_MINUTES,
            confidentiality=Confidentiality.INTERNAL,
        )
        set_author(item, actor)
        item.save()
    return meeting


@dataclass(frozen=True)
class PlannedDate:
    """One date of a series: the day it lands on, the day asked for, and why it moved."""

    day: date
    wanted: date
    reason: str = ""  # e.g. "Koningsdag"; empty when not moved
    taken: bool = False  # the body already meets that day: the date is skipped

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
    body: Body | None = None,
) -> list[PlannedDate]:
    """The dates of a series, each moved to the next working day when it is not one.

    With `body`, dates on which the body already has a meeting are marked `taken`.
    """
    if until < first_day:
        raise DomainError(_("De einddatum ligt vóór de begindatum."), field="until")
    if (until - first_day).days > MAX_SERIES_DAYS:
        raise DomainError(_("Plan een reeks voor hoogstens twee jaar tegelijk."), field="until")
    if not 0 <= weekday <= 6:
        raise DomainError(_("Kies een weekdag."), field="weekday")
    if (nth_of_month is None) == (every_n_weeks is None):
        raise DomainError(_("Kies óf de zoveelste weekdag van de maand, óf om de zoveel weken."))
    wanted = (
        _nth_weekdays(first_day, until, weekday, nth_of_month)
        if nth_of_month is not None
        else _every_n_weeks(first_day, until, weekday, every_n_weeks or 0)
    )
    if not wanted:
        raise DomainError(_("In deze periode valt geen enkele vergaderdatum."), field="until")
    calendar = working_calendar()
    taken = _meeting_days(body, first_day, until + timedelta(days=10)) if body else set()
    planned: list[PlannedDate] = []
    seen: set[date] = set()
    for day in wanted:
        actual = calendar.next_working_day(day)
        if actual in seen:
            continue
        seen.add(actual)
        reason = (holiday_name(day) or _("sluitingsdag")) if actual != day else ""
        planned.append(PlannedDate(actual, day, reason, actual in taken))
    return planned


def ensure_series_start(first_day: date) -> None:
    """A series is planned from today on."""
    if first_day < timezone.localdate():
        raise DomainError(_("Een reeks kan niet in het verleden beginnen."), field="first_day")


def _meeting_days(body: Body, start: date, end: date) -> set[date]:
    tz = timezone.get_current_timezone()
    return {
        timezone.localdate(moment)
        for moment in body.meetings.exclude(status=Meeting.Status.CANCELLED)
        .filter(
            starts_at__gte=datetime.combine(start, time.min, tz),
            starts_at__lt=datetime.combine(end + timedelta(days=1), time.min, tz),
        )
        .values_list("starts_at", flat=True)
    }


def _nth_weekdays(first: date, until: date, weekday: int, nth: int) -> list[date]:
    if not 1 <= nth <= 4:
        raise DomainError(_("Kies de 1e tot en met 4e weekdag van de maand."), field="number")
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
        raise DomainError(_("Kies om de 1 tot en met 8 weken."), field="number")
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
    first_day: date,
    until: date,
    weekday: int,
    nth_of_month: int | None = None,
    every_n_weeks: int | None = None,
    start_time: time,
    duration_minutes: int,
    location: str = "",
) -> list[Meeting]:
    """Plan a series of meetings at once (e.g. every 2nd Tuesday of the month for a year).

    A date on a public holiday or closing day moves to the next working day; a day on which the
    body already meets is skipped. All or nothing: one refused date plans none.
    """
    ensure_series_start(first_day)
    dates = series_dates(
        first_day=first_day,
        until=until,
        weekday=weekday,
        nth_of_month=nth_of_month,
        every_n_weeks=every_n_weeks,
        body=body,
    )
    tz = timezone.get_current_timezone()
    created = []
    for planned in dates:
        if planned.taken:
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


# --- agenda items -----------------------------------------------------------------------------


def _check_item_fields(fields: dict) -> dict:
    unknown = set(fields) - ITEM_FIELDS
    if unknown:
        raise DomainError(_("Onbekend veld: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    clean = dict(fields)
    if "title" in clean:
        clean["title"] = str(clean["title"] or "").strip()
        if not clean["title"]:
            raise DomainError(_("Geef het agendapunt een titel."), field="title")
        if len(clean["title"]) > 300:
            raise DomainError(_("De titel is te lang (hoogstens 300 tekens)."), field="title")
    if "description" in clean:
        clean["description"] = str(clean["description"] or "").strip()
    if "purpose" in clean and clean["purpose"] not in AgendaItem.Purpose.values:
        raise DomainError(_("Kies een doel voor het agendapunt."), field="purpose")
    if "confidentiality" in clean and clean["confidentiality"] not in Confidentiality.values:
        raise DomainError(_("Kies een vertrouwelijkheid."), field="confidentiality")
    if "duration_minutes" in clean:
        minutes = clean["duration_minutes"]
        if not isinstance(minutes, int) or not 1 <= minutes <= MAX_ITEM_MINUTES:
            raise DomainError(
                _("De duur van een agendapunt ligt tussen 1 en 480 minuten."),
                field="duration_minutes",
            )
    presenter = clean.get("presenter")
    if presenter is not None and not isinstance(presenter, Person):
        raise DomainError(_("Kies een persoon als inbreng."), field="presenter")
    return clean


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
    """Add an item at the end of the agenda, or as the last sub-item of `parent` (two levels)."""
    ensure_agenda_editable(meeting)
    fields = _check_item_fields(
        {
            "title": title,
            "purpose": purpose,
            "presenter": presenter,
            "duration_minutes": duration_minutes,
            "confidentiality": confidentiality,
            "description": description,
        }
    )
    if parent is not None:
        if parent.meeting_id != meeting.pk:
            raise DomainError(_("Het hoofdpunt hoort niet bij deze vergadering."), field="parent")
        if parent.parent_id is not None:
            raise DomainError(_("Een subpunt kan geen eigen subpunten hebben."), field="parent")
    siblings = AgendaItem.objects.filter(meeting=meeting, parent=parent)
    position = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
    item = AgendaItem(meeting=meeting, parent=parent, position=position, **fields)
    set_author(item, actor)
    item.save()
    return item


@transaction.atomic
def agenda_item_update(*, actor, item: AgendaItem, expected_version: int, **fields) -> AgendaItem:
    """Change an item; refused (StaleEditError, nothing saved) when someone saved it meanwhile."""
    ensure_agenda_editable(item.meeting)
    clean = _check_item_fields(fields)
    set_author(item, actor)
    save_if_unchanged(item, expected_version=expected_version, fields=clean)
    return item


def _stale_agenda() -> StaleEditError:
    return StaleEditError(
        _(
            "Iemand anders heeft de agenda intussen gewijzigd. De volgorde is niet aangepast; "
            "bekijk de huidige agenda en probeer het opnieuw."
        )
    )


def _write_positions(actor, ordered: list[AgendaItem]) -> None:
    """Positions 1..n in the given order; each moved item gets a new version and history."""
    for position, sibling in enumerate(ordered, start=1):
        if sibling.position != position:
            AgendaItem.objects.filter(pk=sibling.pk).update(
                position=position, version=F("version") + 1
            )
            sibling.refresh_from_db()
            set_author(sibling, actor, _("Volgorde gewijzigd"))
            sibling.save(update_fields=["position"])


@transaction.atomic
def agenda_item_move(
    *, actor, item: AgendaItem, direction: str, expected_version: int | None = None
) -> None:
    """Swap the item with its neighbour among its siblings ("up" or "down").

    With `expected_version` (the version the page showed) a move made from a stale page is
    refused and nothing changes.
    """
    if direction not in ("up", "down"):
        raise DomainError(_("Kies omhoog of omlaag."))
    meeting = Meeting.objects.get(pk=item.meeting_id)
    ensure_agenda_editable(meeting)
    siblings = list(
        AgendaItem.objects.select_for_update()
        .filter(meeting_id=item.meeting_id, parent_id=item.parent_id)
        .order_by("position", "id")
    )
    index = next((i for i, s in enumerate(siblings) if s.pk == item.pk), None)
    if index is None or (
        expected_version is not None and siblings[index].version != expected_version
    ):
        raise _stale_agenda()
    target = index - 1 if direction == "up" else index + 1
    if not 0 <= target < len(siblings):
        raise DomainError(
            _("Dit punt staat al bovenaan.")
            if direction == "up"
            else _("Dit punt staat al onderaan.")
        )
    siblings[index], siblings[target] = siblings[target], siblings[index]
    _write_positions(actor, siblings)


@transaction.atomic
def agenda_reorder(
    *, actor, meeting: Meeting, ordered_ids: list[int], parent: AgendaItem | None = None
) -> None:
    """Rewrite the order of the top-level items (or the sub-items of `parent`) in one go.

    `ordered_ids` must name exactly the items the agenda has now; when someone added or removed
    an item meanwhile the new order is refused and nothing changes.
    """
    ensure_agenda_editable(meeting)
    if parent is not None and parent.meeting_id != meeting.pk:
        raise DomainError(_("Het hoofdpunt hoort niet bij deze vergadering."))
    siblings = {
        s.pk: s
        for s in AgendaItem.objects.select_for_update().filter(
            meeting=meeting, parent_id=parent.pk if parent else None
        )
    }
    if len(ordered_ids) != len(set(ordered_ids)) or set(ordered_ids) != set(siblings):
        raise _stale_agenda()
    _write_positions(actor, [siblings[pk] for pk in ordered_ids])


def _renumber(actor, meeting_id: int, parent_id: int | None) -> None:
    _write_positions(
        actor,
        list(
            AgendaItem.objects.filter(meeting_id=meeting_id, parent_id=parent_id).order_by(
                "position", "id"
            )
        ),
    )


@transaction.atomic
def agenda_item_remove(*, actor, item: AgendaItem) -> None:
    """Remove an item (and its sub-items); the others close ranks."""
    ensure_agenda_editable(Meeting.objects.get(pk=item.meeting_id))
    if (
        item.decisions.exists()
        or AgendaItem.objects.filter(parent=item, decisions__isnull=False).exists()
    ):
        raise DomainError(_("Dit agendapunt heeft besluiten en kan niet worden verwijderd."))
    step = item.proposal_step
    if step is not None and step.meeting_id == item.meeting_id:
        step.meeting = None
        set_author(step, actor, _("Van de agenda gehaald"))
        step.save(update_fields=["meeting"])
    meeting_id, parent_id = item.meeting_id, item.parent_id
    for child in item.children.all():
        set_author(child, actor)
        child.delete()
    set_author(item, actor, _("Van de agenda gehaald"))
    item.delete()
    _renumber(actor, meeting_id, parent_id)


def _copy_item(
    actor, source: AgendaItem, meeting: Meeting, parent: AgendaItem | None
) -> AgendaItem:
    copy = agenda_item_add(
        actor=actor,
        meeting=meeting,
        title=source.title,
        purpose=source.purpose,
        presenter=source.presenter,
        duration_minutes=source.duration_minutes,
        confidentiality=source.confidentiality,
        description=source.description,
        parent=parent,
    )
    copy.held_over_from = source
    copy.proposal_step = source.proposal_step
    set_author(
        copy,
        actor,
        _("Aangehouden uit de vergadering van %(date)s")
        % {"date": long_date(source.meeting.starts_at)},
    )
    copy.save(update_fields=["held_over_from", "proposal_step"])
    copy.documents.set(source.documents.all())
    return copy


@transaction.atomic
def agenda_item_hold_over(
    *, actor, item: AgendaItem, to_meeting: Meeting, mode: str = "move"
) -> AgendaItem:
    """Hold an item over (aanhouden) to a later meeting of the same body.

    "move": the item is marked aangehouden on its meeting; "copy": it stays as it is. Either way
    the later meeting gets a new item pointing back to it (`held_over_from`), with its stukken
    and sub-items.
    """
    if mode not in HOLD_OVER_MODES:
        raise DomainError(_("Kies verplaatsen of kopiëren."), field="mode")
    source = Meeting.objects.get(pk=item.meeting_id)
    if source.is_closed:
        raise DomainError(_("Deze vergadering is afgesloten. Heropen haar eerst."))
    if to_meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(
            _("Een agendapunt kan niet naar een geannuleerde vergadering."), field="to_meeting"
        )
    if to_meeting.body_id != source.body_id:
        raise DomainError(_("Kies een vergadering van hetzelfde gremium."), field="to_meeting")
    if to_meeting.starts_at <= source.starts_at:
        raise DomainError(_("Kies een latere vergadering."), field="to_meeting")
    if item.status == AgendaItem.Status.HELD_OVER:
        raise DomainError(_("Dit agendapunt is al aangehouden."))
    ensure_agenda_editable(to_meeting)
    copy = _copy_item(actor, item, to_meeting, None)
    for child in item.children.order_by("position", "id"):
        _copy_item(actor, child, to_meeting, copy)
    step = item.proposal_step
    if step is not None and mode == "move" and step.meeting_id == source.pk:
        step.meeting = to_meeting
        set_author(
            step, actor, _("Aangehouden naar %(date)s") % {"date": long_date(to_meeting.starts_at)}
        )
        step.save(update_fields=["meeting"])
    if mode == "move":
        reason = _("Aangehouden naar de vergadering van %(date)s") % {
            "date": long_date(to_meeting.starts_at)
        }
        for held in [item, *item.children.all()]:
            held.status = AgendaItem.Status.HELD_OVER
            set_author(held, actor, reason)
            held.save(update_fields=["status"])
    return copy


def _record_on_item(actor, item: AgendaItem, reason: str) -> None:
    """A history row on the item (who, when, why) for a change of its stukken."""
    fresh = AgendaItem.objects.get(pk=item.pk)
    set_author(fresh, actor, reason)
    fresh.save(update_fields=["position"])


@transaction.atomic
def agenda_item_attach_document(*, actor, item: AgendaItem, document: Document) -> None:
    """Put a stuk on an item; only a stuk the actor may see."""
    from regie.documents.access import visible_documents

    ensure_agenda_editable(Meeting.objects.get(pk=item.meeting_id))
    if not visible_documents(actor).filter(pk=document.pk).exists():
        raise DomainError(_("U kunt dit stuk niet inzien en dus niet toevoegen."))
    if item.documents.filter(pk=document.pk).exists():
        raise DomainError(_("Dit stuk hoort al bij dit agendapunt."))
    item.documents.add(document)
    _record_on_item(actor, item, _("Stuk toegevoegd: %(t)s") % {"t": document.title})


@transaction.atomic
def agenda_item_detach_document(*, actor, item: AgendaItem, document: Document) -> None:
    ensure_agenda_editable(Meeting.objects.get(pk=item.meeting_id))
    if not item.documents.filter(pk=document.pk).exists():
        raise DomainError(_("Dit stuk hoort niet bij dit agendapunt."))
    item.documents.remove(document)
    _record_on_item(actor, item, _("Stuk losgekoppeld: %(t)s") % {"t": document.title})
