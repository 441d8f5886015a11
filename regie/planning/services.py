"""Writes on plans: plans, goals, activities, milestones, approval, periods and progress."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from regie.core.access import person_of
from regie.core.concurrency import save_if_unchanged
from regie.core.dates import long_date
from regie.core.errors import DomainError, StaleEditError
from regie.core.history import set_author, set_reason
from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.core.workdays import working_calendar
from regie.documents.models import Document
from regie.meetings.models import Decision, Meeting
from regie.planning.models import (
    Activity,
    Goal,
    Milestone,
    Plan,
    ProgressChase,
    ProgressUpdate,
    ReportingPeriod,
)

log = logging.getLogger(__name__)
MAX_TITLE = 300
MIN_YEAR = 2000
MAX_YEAR = 2100
DEADLINE_WORKING_DAYS = 10


def _title(value: str | None, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise DomainError(message, field="title")
    if len(value) > MAX_TITLE:
        raise DomainError(_("De titel is te lang (hoogstens 300 tekens)."), field="title")
    return value


def _year(year) -> int:
    if not isinstance(year, int) or not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(_("Geef een jaar tussen 2000 en 2100."), field="year")
    return year


def _check_fields(fields: dict, allowed: frozenset[str]) -> None:
    unknown = set(fields) - allowed
    if unknown:
        raise DomainError(_("Onbekend veld: %(f)s.") % {"f": ", ".join(sorted(unknown))})


def _dates(start: date | None, end: date | None) -> None:
    if start is None:
        raise DomainError(_("Geef een startdatum."), field="start")
    if end is None:
        raise DomainError(_("Geef een einddatum."), field="end")
    if end < start:
        raise DomainError(_("De einddatum ligt vóór de startdatum."), field="end")


def _save_new(obj, actor) -> None:
    set_author(obj, actor)
    obj.save()


def _update(obj, *, actor, expected_version: int, fields: dict) -> None:
    set_author(obj, actor)
    save_if_unchanged(obj, expected_version=expected_version, fields=fields)


# Plans


PLAN_FIELDS = frozenset({"unit", "year", "kind", "title", "confidentiality"})


def _clean_plan(fields: dict) -> dict:
    if "title" in fields:
        fields["title"] = _title(fields["title"], _("Geef het plan een titel."))
    if "year" in fields:
        fields["year"] = _year(fields["year"])
    if "unit" in fields and fields["unit"] is None:
        raise DomainError(_("Kies een organisatieonderdeel."), field="unit")
    if "kind" in fields and fields["kind"] not in Plan.Kind.values:
        raise DomainError(_("Kies jaarplan of werkplan."), field="kind")
    if "confidentiality" in fields and fields["confidentiality"] not in Confidentiality.values:
        raise DomainError(_("Kies een geldige vertrouwelijkheid."), field="confidentiality")
    return fields


@transaction.atomic
def plan_create(
    *,
    actor,
    unit: OrganisationUnit,
    year: int,
    title: str,
    kind: str = Plan.Kind.YEAR,
    confidentiality: str = Confidentiality.INTERNAL,
) -> Plan:
    data = _clean_plan(
        {
            "unit": unit,
            "year": year,
            "title": title,
            "kind": kind,
            "confidentiality": confidentiality,
        }
    )
    if (
        data["kind"] == Plan.Kind.YEAR
        and Plan.objects.filter(unit=unit, year=data["year"], kind=Plan.Kind.YEAR).exists()
    ):
        raise _duplicate_year_plan(unit, data["year"])
    plan = Plan(**data)
    try:
        with transaction.atomic():
            _save_new(plan, actor)
    except IntegrityError as error:
        raise _duplicate_year_plan(unit, data["year"]) from error
    return plan


def _duplicate_year_plan(unit: OrganisationUnit, year: int) -> DomainError:
    return DomainError(
        _("%(unit)s heeft al een jaarplan voor %(year)s.") % {"unit": unit.name, "year": year},
        field="year",
    )


@transaction.atomic
def plan_update(*, actor, plan: Plan, expected_version: int, **fields) -> Plan:
    _check_fields(fields, PLAN_FIELDS)
    fields = _clean_plan(fields)
    if plan.status == Plan.Status.APPROVED and {"year", "unit", "kind"} & {
        k for k, v in fields.items() if getattr(plan, k) != v
    }:
        raise DomainError(_("Een vastgesteld plan houdt zijn jaar, soort en organisatieonderdeel."))
    try:
        with transaction.atomic():
            _update(plan, actor=actor, expected_version=expected_version, fields=fields)
    except IntegrityError as error:
        raise _duplicate_year_plan(
            fields.get("unit", plan.unit), fields.get("year", plan.year)
        ) from error
    return plan


@transaction.atomic
def plan_approve(*, actor, plan: Plan, decision: Decision | None, expected_version: int) -> Plan:
    """Vaststellen: a plan is approved by a decision of a body, never without one."""
    if decision is None:
        raise DomainError(_("Een plan wordt vastgesteld met een besluit."), field="decision")
    if decision.is_withdrawn:
        raise DomainError(_("Dit besluit is ingetrokken."), field="decision")
    if plan.status == Plan.Status.APPROVED:
        raise DomainError(_("Dit plan is al vastgesteld."))
    set_reason(plan, _("Vastgesteld bij besluit %(n)s") % {"n": decision.number})
    _update(
        plan,
        actor=actor,
        expected_version=expected_version,
        fields={"status": Plan.Status.APPROVED, "approved_by_decision": decision},
    )
    return plan


# Goals


@transaction.atomic
def goal_create(*, actor, plan: Plan, title: str, position: int | None = None) -> Goal:
    title = _title(title, _("Omschrijf de doelstelling."))
    if position is None:
        position = plan.goals.count() + 1
    goal = Goal(plan=plan, title=title, position=position)
    _save_new(goal, actor)
    return goal


@transaction.atomic
def goal_update(*, actor, goal: Goal, expected_version: int, **fields) -> Goal:
    _check_fields(fields, frozenset({"title", "position"}))
    if "title" in fields:
        fields["title"] = _title(fields["title"], _("Omschrijf de doelstelling."))
    _update(goal, actor=actor, expected_version=expected_version, fields=fields)
    return goal


# Activities

ACTIVITY_FIELDS = frozenset(
    {"goal", "title", "description", "owner", "unit", "start", "end", "status"}
)


def _clean_activity(plan: Plan, fields: dict) -> dict:
    if "title" in fields:
        fields["title"] = _title(fields["title"], _("Omschrijf de activiteit."))
    if "description" in fields:
        fields["description"] = (fields["description"] or "").strip()
    if "owner" in fields and fields["owner"] is None:
        raise DomainError(_("Kies een eigenaar."), field="owner")
    if fields.get("goal") is not None and fields["goal"].plan_id != plan.pk:
        raise DomainError(_("Deze doelstelling hoort bij een ander plan."), field="goal")
    if "status" in fields and fields["status"] not in Activity.Status.values:
        raise DomainError(_("Onbekende status."), field="status")
    if "unit" in fields and fields["unit"] is None:
        fields["unit"] = plan.unit
    return fields


@transaction.atomic
def activity_create(
    *,
    actor,
    plan: Plan,
    title: str,
    owner: Person,
    start: date,
    end: date,
    goal: Goal | None = None,
    description: str = "",
    unit: OrganisationUnit | None = None,
    status: str = Activity.Status.PLANNED,
) -> Activity:
    data = _clean_activity(
        plan,
        {
            "title": title,
            "owner": owner,
            "goal": goal,
            "description": description,
            "unit": unit,
            "status": status,
        },
    )
    _dates(start, end)
    activity = Activity(plan=plan, start=start, end=end, **data)
    _save_new(activity, actor)
    return activity


@transaction.atomic
def activity_update(*, actor, activity: Activity, expected_version: int, **fields) -> Activity:
    _check_fields(fields, ACTIVITY_FIELDS)
    fields = _clean_activity(activity.plan, fields)
    _dates(fields.get("start", activity.start), fields.get("end", activity.end))
    _update(activity, actor=actor, expected_version=expected_version, fields=fields)
    return activity


@transaction.atomic
def activity_link(*, actor, activity: Activity, documents=(), decisions=()) -> Activity:
    """Link stukken and besluiten to an activity (adds; existing links stay)."""
    if documents:
        activity.documents.add(*documents)
    if decisions:
        activity.decisions.add(*decisions)
    set_author(activity, actor)
    set_reason(activity, _("Stukken of besluiten gekoppeld"))
    activity.save(update_fields=["version"])
    return activity


@transaction.atomic
def activity_unlink(
    *,
    actor,
    activity: Activity,
    document: Document | None = None,
    decision: Decision | None = None,
) -> Activity:
    """Remove the link of one stuk or one besluit from an activity; the stuk or besluit itself
    stays. The activity's history records what was unlinked and by whom."""
    if (document is None) == (decision is None):
        raise DomainError(_("Kies één stuk of één besluit om te ontkoppelen."))
    locked = Activity.objects.select_for_update().get(pk=activity.pk)
    if document is not None:
        if not locked.documents.filter(pk=document.pk).exists():
            raise DomainError(_("Dit stuk is niet (meer) aan de activiteit gekoppeld."))
        locked.documents.remove(document)
        reason = _("Stuk ontkoppeld: %(t)s") % {"t": document.title}
    else:
        assert decision is not None
        if not locked.decisions.filter(pk=decision.pk).exists():
            raise DomainError(_("Dit besluit is niet (meer) aan de activiteit gekoppeld."))
        locked.decisions.remove(decision)
        reason = _("Besluit ontkoppeld: %(n)s") % {"n": decision.number}
    set_author(locked, actor)
    set_reason(locked, Truncator(reason).chars(100))  # the history's reason holds 100
    locked.save(update_fields=["version"])
    return locked


# Milestones

MILESTONE_FIELDS = frozenset({"activity", "title", "date", "kind", "meeting"})


def _clean_milestone(plan: Plan, fields: dict) -> dict:
    if "title" in fields:
        fields["title"] = _title(fields["title"], _("Omschrijf de mijlpaal."))
    if "kind" in fields and fields["kind"] not in Milestone.Kind.values:
        raise DomainError(_("Kies mijlpaal of beslismoment."), field="kind")
    if "date" in fields and fields["date"] is None:
        raise DomainError(_("Geef een datum."), field="date")
    if fields.get("activity") is not None and fields["activity"].plan_id != plan.pk:
        raise DomainError(_("Deze activiteit hoort bij een ander plan."), field="activity")
    return fields


def _check_decision_moment(kind: str, meeting: Meeting | None, fields: dict) -> None:
    if kind == Milestone.Kind.DECISION_MOMENT and meeting is None:
        raise DomainError(
            _("Een beslismoment hoort bij een vergadering van een gremium."), field="meeting"
        )
    if meeting is not None:
        fields["date"] = timezone.localdate(meeting.starts_at)


@transaction.atomic
def milestone_create(
    *,
    actor,
    plan: Plan,
    title: str,
    date: date | None = None,
    kind: str = Milestone.Kind.MILESTONE,
    activity: Activity | None = None,
    meeting: Meeting | None = None,
) -> Milestone:
    data = _clean_milestone(
        plan, {"title": title, "kind": kind, "activity": activity, "meeting": meeting}
    )
    data["date"] = date
    _check_decision_moment(kind, meeting, data)
    if data["date"] is None:
        raise DomainError(_("Geef een datum."), field="date")
    milestone = Milestone(plan=plan, **data)
    _save_new(milestone, actor)
    return milestone


@transaction.atomic
def milestone_update(*, actor, milestone: Milestone, expected_version: int, **fields) -> Milestone:
    _check_fields(fields, MILESTONE_FIELDS)
    fields = _clean_milestone(milestone.plan, fields)
    _check_decision_moment(
        fields.get("kind", milestone.kind), fields.get("meeting", milestone.meeting), fields
    )
    _update(milestone, actor=actor, expected_version=expected_version, fields=fields)
    return milestone


# Reporting periods

QUARTERS: tuple[tuple[int, int], ...] = ((1, 3), (4, 6), (7, 9), (10, 12))
TERTIALS: tuple[tuple[int, int], ...] = ((1, 4), (5, 8), (9, 12))


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


@transaction.atomic
def periods_generate(
    *, actor, year: int, scheme: str, plan: Plan | None = None, reminder_working_days: int = 5
) -> list[ReportingPeriod]:
    """Quarters ("Q1 2027") or tertials ("T1 2027") for a year; the deadline is the tenth
    working day after the period ends."""
    year = _year(year)
    if scheme == "quarters":
        spans, prefix = QUARTERS, "Q"
    elif scheme == "tertials":
        spans, prefix = TERTIALS, "T"
    else:
        raise DomainError(_("Kies kwartalen of tertialen."), field="scheme")
    if ReportingPeriod.objects.filter(plan=plan, year=year).exists():
        raise DomainError(
            _("Er zijn al rapportageperiodes voor %(year)s.") % {"year": year}, field="year"
        )
    calendar = working_calendar()
    created = []
    for number, (first, last) in enumerate(spans, start=1):
        end = _month_end(year, last)
        created.append(
            _period_save(
                actor,
                ReportingPeriod(
                    plan=plan,
                    year=year,
                    name=f"{prefix}{number} {year}",
                    start=date(year, first, 1),
                    end=end,
                    deadline=calendar.add(end, DEADLINE_WORKING_DAYS),
                    reminder_working_days=reminder_working_days,
                ),
            )
        )
    return created


def _period_save(actor, period: ReportingPeriod) -> ReportingPeriod:
    _save_new(period, actor)
    return period


@transaction.atomic
def period_create(
    *,
    actor,
    name: str,
    start: date,
    end: date,
    deadline: date | None = None,
    plan: Plan | None = None,
    reminder_working_days: int = 5,
) -> ReportingPeriod:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Geef de periode een naam."), field="name")
    if len(name) > 50:
        raise DomainError(_("De naam is te lang (hoogstens 50 tekens)."), field="name")
    _dates(start, end)
    if deadline is None:
        deadline = working_calendar().add(end, DEADLINE_WORKING_DAYS)
    if deadline < start:
        raise DomainError(
            _("De uiterste datum ligt vóór de start van de periode."), field="deadline"
        )
    if not 0 <= reminder_working_days <= 60:
        raise DomainError(
            _("De herinnering ligt tussen 0 en 60 werkdagen vooraf."),
            field="reminder_working_days",
        )
    return _period_save(
        actor,
        ReportingPeriod(
            plan=plan,
            year=start.year,
            name=name,
            start=start,
            end=end,
            deadline=deadline,
            reminder_working_days=reminder_working_days,
        ),
    )


# Chasing the owners who have not updated


@dataclass
class ChaseResult:
    """What a chase did, per owner on the chase list."""

    sent: list[Person] = field(default_factory=list)
    already_sent: list[Person] = field(default_factory=list)  # got one for this period today
    without_email: list[Person] = field(default_factory=list)
    failed: list[Person] = field(default_factory=list)


def _send_chase_mail(owner: Person, period: ReportingPeriod, activities: list[Activity]) -> None:
    from django.conf import settings
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string

    context = {
        "owner": owner,
        "period": period,
        "activities": activities,
        "base_url": settings.REGIE_BASE_URL.rstrip("/"),
    }
    subject = _("Herinnering: voortgang %(period)s invullen, uiterlijk %(deadline)s") % {
        "period": period.name,
        "deadline": long_date(period.deadline),
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("planning/mail/progress_chase.txt", context),
        to=[owner.email],
    )
    message.attach_alternative(
        render_to_string("planning/mail/progress_chase.html", context), "text/html"
    )
    message.send()


def progress_chase(*, actor, period: ReportingPeriod, today: date | None = None) -> ChaseResult:
    """E-mail every owner on the period's chase list now, listing their activities without
    an update. Recorded per period, owner and day: a second chase on the same day (a double
    click) sends nothing again. When a mail cannot be sent its record is rolled back."""
    from regie.planning.queries import missing_updates
    from regie.planning.rules import can_manage_plans

    if not can_manage_plans(actor, None):
        raise DomainError(_("U mag geen herinneringen versturen."))
    today = today or timezone.localdate()
    rows = missing_updates(actor, period)
    sender = person_of(actor)
    already = set(
        ProgressChase.objects.filter(
            period=period, sent_on=today, owner_id__in=[row.owner.pk for row in rows]
        ).values_list("owner_id", flat=True)
    )
    result = ChaseResult()
    for row in rows:
        owner = row.owner
        if owner.pk in already:
            result.already_sent.append(owner)
            continue
        if not owner.email:
            result.without_email.append(owner)
            continue
        try:
            with transaction.atomic():
                ProgressChase.objects.create(
                    period=period, owner=owner, sent_on=today, sent_by=sender
                )
                _send_chase_mail(owner, period, row.activities)
        except IntegrityError:
            result.already_sent.append(owner)  # the other click was first
        except OSError:
            log.exception("Progress reminder for person %s could not be sent", owner.pk)
            result.failed.append(owner)
        else:
            result.sent.append(owner)
    return result


# Progress


def may_report_progress(actor, activity: Activity) -> bool:
    from regie.planning.rules import can_report_progress

    return can_report_progress(actor, activity)


def _check_period(activity: Activity, period: ReportingPeriod) -> None:
    if period.plan_id is not None and period.plan_id != activity.plan_id:
        raise DomainError(_("Deze periode hoort bij een ander plan."), field="period")
    if period.plan_id is None and period.year != activity.plan.year:
        raise DomainError(_("Deze periode hoort bij een ander jaar."), field="period")


@transaction.atomic
def progress_record(
    *,
    actor,
    activity: Activity,
    period: ReportingPeriod,
    status: str,
    percent: int | None,
    text: str = "",
    expected_version: int | None = None,
) -> ProgressUpdate:
    """One update per activity and period: the first one creates it, later ones change it
    (refused when someone else saved it in the meantime)."""
    if not may_report_progress(actor, activity):
        raise DomainError(
            _("Alleen de eigenaar van de activiteit of de secretaris werkt de voortgang bij.")
        )
    if status not in ProgressUpdate.Status.values:
        raise DomainError(_("Kies op koers, risico of niet op koers."), field="status")
    if percent is None or not 0 <= percent <= 100:
        raise DomainError(_("Het percentage ligt tussen 0 en 100."), field="percent")
    text = (text or "").strip()
    if status != ProgressUpdate.Status.ON_TRACK and not text:
        raise DomainError(_("Licht toe waarom de activiteit niet op koers is."), field="text")
    _check_period(activity, period)
    existing = ProgressUpdate.objects.filter(activity=activity, period=period).first()
    fields = {"status": status, "percent": percent, "text": text, "author": person_of(actor)}
    if existing is not None:
        if expected_version is None:
            raise StaleEditError(
                _(
                    "Voor deze periode is de voortgang intussen al bijgewerkt. Uw wijziging is "
                    "niet opgeslagen; hieronder ziet u de huidige stand."
                ),
                current=existing,
            )
        _update(existing, actor=actor, expected_version=expected_version, fields=fields)
        return existing
    update = ProgressUpdate(activity=activity, period=period, **fields)
    set_author(update, actor)
    try:
        with transaction.atomic():
            update.save()
    except IntegrityError as error:
        raise StaleEditError(
            _("Voor deze periode is de voortgang intussen al bijgewerkt."),
            current=ProgressUpdate.objects.filter(activity=activity, period=period).first(),
        ) from error
    return update


# Imports


@transaction.atomic
def plan_import(*, actor, plan: Plan, rows, importer: Person | None = None) -> dict[str, int]:
    """Store parsed import rows (see regie.planning.excel): all of them, or none.

    Goals are matched on their title within the plan, else created. Rows of kind "milestone"
    become milestones of an activity per bucket (matched on title, else created for the span
    of its tasks, owned by the importer).
    """
    if not rows:
        raise DomainError(_("Er is niets om in te lezen."))
    counts = {"goals": 0, "activities": 0, "milestones": 0}
    goals = {g.title.strip().lower(): g for g in plan.goals.all()}

    def goal_for(title: str) -> Goal | None:
        if not title:
            return None
        key = title.strip().lower()
        if key not in goals:
            goals[key] = goal_create(actor=actor, plan=plan, title=title, position=len(goals) + 1)
            counts["goals"] += 1
        return goals[key]

    activities = {a.title.strip().lower(): a for a in plan.activities.all()}
    buckets: dict[str, list] = {}
    for row in rows:
        if row.kind == "milestone":
            buckets.setdefault(row.bucket, []).append(row)
            continue
        activity_create(
            actor=actor,
            plan=plan,
            title=row.title,
            owner=row.owner,
            start=row.start,
            end=row.end,
            goal=goal_for(row.goal),
            description=row.description,
            status=row.status,
        )
        counts["activities"] += 1
    for bucket, tasks in buckets.items():
        key = bucket.strip().lower()
        activity = activities.get(key)
        if activity is None:
            owner = importer or tasks[0].owner
            activity = activity_create(
                actor=actor,
                plan=plan,
                title=bucket,
                owner=owner,
                start=min(t.start for t in tasks),
                end=max(t.end for t in tasks),
            )
            activities[key] = activity
            counts["activities"] += 1
        for task in tasks:
            milestone_create(
                actor=actor, plan=plan, title=task.title, date=task.end, activity=activity
            )
            counts["milestones"] += 1
    return counts
