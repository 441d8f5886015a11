"""The daily e-mail: a person's actions that are overdue or due within 3 working days, the
review steps waiting for them with the same horizon, the contracts that end soon, the progress
updates to fill in for a reporting period and the risks to review. Sent once a working day by a
scheduled task (see docs/operations.md, "Dagelijkse e-mail").

Every section is read for all people at once (one query per section, not per person), except
the review steps, whose visibility depends on the reviewer and is read only for the people who
have a step waiting.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import ngettext

from regie.actions.models import Action
from regie.core.models import Confidentiality, Person
from regie.core.workdays import WorkingCalendar, working_calendar
from regie.documents.models import ReviewStep
from regie.documents.queries import current_steps, review_steps_waiting_for
from regie.hiring.models import Contract
from regie.hiring.queries import ContractRow, contract_alerts
from regie.planning.models import Activity, ProgressUpdate, ReportingPeriod
from regie.reports.models import DigestLog
from regie.risks.models import Risk

log = logging.getLogger(__name__)
HORIZON_WORKING_DAYS = 3
MAX_ROWS = 50  # per section; the mail links to the full lists
# A reporting period has no closed state: its reminders stop this many working days after
# the deadline.
PROGRESS_OVERDUE_WORKING_DAYS = 10
MAX_REMINDER_WORKING_DAYS = 60  # the most a period's form allows


def risk_review_working_days() -> int:
    """How many working days before its review date a risk's owner is reminded."""
    return int(getattr(settings, "REGIE_RISK_REVIEW_REMINDER_WORKING_DAYS", 5))


@dataclass
class ProgressItem:
    """An activity whose owner has not yet reported progress over a period."""

    activity: Activity
    period: ReportingPeriod
    overdue: bool


@dataclass
class Digest:
    person: Person
    today: date
    until: date
    actions: list[Action] = field(default_factory=list)
    steps: list[ReviewStep] = field(default_factory=list)
    contracts: list[ContractRow] = field(default_factory=list)
    progress: list[ProgressItem] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)

    @property
    def overdue_actions(self) -> list[Action]:
        return [a for a in self.actions if a.due_date is not None and a.due_date < self.today]

    @property
    def due_actions(self) -> list[Action]:
        return [a for a in self.actions if a.due_date is None or a.due_date >= self.today]

    @property
    def is_empty(self) -> bool:
        return not (self.actions or self.steps or self.contracts or self.progress or self.risks)

    @property
    def subject(self) -> str:
        parts = []
        if self.actions:
            parts.append(
                ngettext("%(n)d actie", "%(n)d acties", len(self.actions))
                % {"n": len(self.actions)}
            )
        if self.steps:
            parts.append(
                ngettext("%(n)d stuk te beoordelen", "%(n)d stukken te beoordelen", len(self.steps))
                % {"n": len(self.steps)}
            )
        if self.contracts:
            parts.append(
                ngettext(
                    "%(n)d contract loopt af", "%(n)d contracten lopen af", len(self.contracts)
                )
                % {"n": len(self.contracts)}
            )
        if self.progress:
            parts.append(
                ngettext(
                    "%(n)d voortgang in te vullen",
                    "%(n)d voortgangen in te vullen",
                    len(self.progress),
                )
                % {"n": len(self.progress)}
            )
        if self.risks:
            parts.append(
                ngettext(
                    "%(n)d risico te herbeoordelen",
                    "%(n)d risico's te herbeoordelen",
                    len(self.risks),
                )
                % {"n": len(self.risks)}
            )
        late = (
            len(self.overdue_actions)
            + sum(1 for s in self.steps if s.due_date < self.today)
            + sum(1 for p in self.progress if p.overdue)
            + sum(1 for r in self.risks if r.review_date < self.today)
        )
        suffix = f" ({late} te laat)" if late else ""
        return f"Regie {date_format(self.today, 'j F')}: {' en '.join(parts)}{suffix}"


# --- The sections, each for many people at once ------------------------------------------


def _actions_by_owner(person_ids: Iterable[int] | None, until: date) -> dict[int, list[Action]]:
    """Open actions due by `until`. An owner always sees their own actions."""
    qs = Action.objects.filter(status__in=Action.OPEN_STATUSES, due_date__lte=until)
    if person_ids is not None:
        qs = qs.filter(owner_id__in=list(person_ids))
    found: dict[int, list[Action]] = defaultdict(list)
    for action in qs.select_related("body").order_by("due_date", "id"):
        found[action.owner_id].append(action)
    return found


def _contracts_by_person(
    person_ids: Iterable[int] | None, today: date, calendar: WorkingCalendar
) -> dict[int, list[ContractRow]]:
    """Contracts inside their alert window, for the secretary and the team lead of the request."""
    qs = Contract.objects.all()
    if person_ids is not None:
        ids = list(person_ids)
        qs = qs.filter(Q(request__secretary_id__in=ids) | Q(request__team_lead_id__in=ids))
    found: dict[int, list[ContractRow]] = defaultdict(list)
    for row in contract_alerts(qs, today=today, calendar=calendar):
        request = row.contract.request
        for person_id in {request.secretary_id, request.team_lead_id}:
            if person_id is not None:
                found[person_id].append(row)
    return found


def reminder_window(period: ReportingPeriod, calendar: WorkingCalendar) -> tuple[date, date] | None:
    """The first and last day an owner is reminded of the period (None: no reminders)."""
    if not period.reminder_working_days:
        return None
    first = calendar.subtract(period.deadline, period.reminder_working_days)
    last = calendar.add(period.deadline, PROGRESS_OVERDUE_WORKING_DAYS)
    return first, last


def _owner_sees_plan(activity: Activity) -> bool:
    """Whether the owner may open the activity (the levels of regie.planning.access)."""
    plan, owner = activity.plan, activity.owner
    if owner.user is not None and owner.user.is_superuser:
        return True
    if plan.confidentiality == Confidentiality.PUBLIC:
        return True
    if owner.is_external:
        return False
    if plan.confidentiality == Confidentiality.INTERNAL:
        return True
    return owner.unit_id is not None and owner.unit_id == plan.unit_id


def _progress_by_owner(
    person_ids: Iterable[int] | None, today: date, calendar: WorkingCalendar
) -> dict[int, list[ProgressItem]]:
    """Activities without a progress update for a period whose reminder window holds today.

    One query for the periods and one per period in its window (a handful), never per person.
    """
    earliest_deadline = calendar.subtract(today, PROGRESS_OVERDUE_WORKING_DAYS + 1)
    latest_deadline = calendar.add(today, MAX_REMINDER_WORKING_DAYS + 1)
    periods = []
    for period in ReportingPeriod.objects.filter(
        deadline__gte=earliest_deadline, deadline__lte=latest_deadline
    ).order_by("deadline", "id"):
        window = reminder_window(period, calendar)
        if window is not None and window[0] <= today <= window[1]:
            periods.append(period)
    found: dict[int, list[ProgressItem]] = defaultdict(list)
    ids = None if person_ids is None else list(person_ids)
    for period in periods:
        qs = Activity.objects.filter(
            status__in=Activity.OPEN_STATUSES,
            start__lte=period.end,
            end__gte=period.start,
        ).exclude(Exists(ProgressUpdate.objects.filter(activity=OuterRef("pk"), period=period)))
        if period.plan_id is not None:
            qs = qs.filter(plan_id=period.plan_id)
        else:
            qs = qs.filter(plan__year=period.year)
        if ids is not None:
            qs = qs.filter(owner_id__in=ids)
        overdue = today > period.deadline
        for activity in qs.select_related("plan__unit", "owner__user").order_by("start", "id"):
            if _owner_sees_plan(activity):
                found[activity.owner_id].append(ProgressItem(activity, period, overdue))
    return found


def _risks_by_owner(
    person_ids: Iterable[int] | None, today: date, calendar: WorkingCalendar
) -> dict[int, list[Risk]]:
    """Risks still running whose review is overdue or within the reminder working days.

    The owner of a risk always sees it (regie.risks.access)."""
    until = calendar.add(today, risk_review_working_days())
    qs = Risk.objects.filter(status__in=Risk.ACTIVE_STATUSES, review_date__lte=until)
    if person_ids is not None:
        qs = qs.filter(owner_id__in=list(person_ids))
    found: dict[int, list[Risk]] = defaultdict(list)
    for risk in qs.select_related("unit").order_by("review_date", "-score", "id"):
        found[risk.owner_id].append(risk)
    return found


def _reviewers_waiting(until: date) -> set[int]:
    return set(
        current_steps().filter(due_date__lte=until).values_list("reviewer_id", flat=True)
    ) - {None}


def _digest_for(
    person: Person,
    today: date,
    until: date,
    *,
    actions: dict[int, list[Action]],
    contracts: dict[int, list[ContractRow]],
    progress: dict[int, list[ProgressItem]],
    risks: dict[int, list[Risk]],
    reviewers: set[int],
) -> Digest | None:
    steps = []
    if person.pk in reviewers:
        steps = list(review_steps_waiting_for(person).filter(due_date__lte=until)[:MAX_ROWS])
    digest = Digest(
        person,
        today,
        until,
        actions=actions.get(person.pk, [])[:MAX_ROWS],
        steps=steps,
        contracts=contracts.get(person.pk, [])[:MAX_ROWS],
        progress=progress.get(person.pk, [])[:MAX_ROWS],
        risks=risks.get(person.pk, [])[:MAX_ROWS],
    )
    return None if digest.is_empty else digest


def build_digest(person: Person, today: date) -> Digest | None:
    """What the person should know this morning, or None when there is nothing."""
    if person.user_id is None:
        return None
    calendar = working_calendar()
    until = calendar.add(today, HORIZON_WORKING_DAYS)
    ids = [person.pk]
    return _digest_for(
        person,
        today,
        until,
        actions=_actions_by_owner(ids, until),
        contracts=_contracts_by_person(ids, today, calendar),
        progress=_progress_by_owner(ids, today, calendar),
        risks=_risks_by_owner(ids, today, calendar),
        reviewers=_reviewers_waiting(until),
    )


def _render(digest: Digest) -> tuple[str, str]:
    context = {
        "digest": digest,
        "base_url": settings.REGIE_BASE_URL.rstrip("/"),
        "horizon": HORIZON_WORKING_DAYS,
    }
    return (
        render_to_string("reports/digest.txt", context),
        render_to_string("reports/digest.html", context),
    )


def send_digest(digest: Digest) -> None:
    text, html = _render(digest)
    message = EmailMultiAlternatives(subject=digest.subject, body=text, to=[digest.person.email])
    message.attach_alternative(html, "text/html")
    message.send()


def build_digests(today: date) -> list[Digest]:
    """Today's digests for everyone with an account and an e-mail address who has something
    to report and got no digest today yet; a fixed number of queries plus one per reviewer
    with a waiting step."""
    calendar = working_calendar()
    until = calendar.add(today, HORIZON_WORKING_DAYS)
    actions = _actions_by_owner(None, until)
    contracts = _contracts_by_person(None, today, calendar)
    progress = _progress_by_owner(None, today, calendar)
    risks = _risks_by_owner(None, today, calendar)
    reviewers = _reviewers_waiting(until)
    wanted = set(actions) | set(contracts) | set(progress) | set(risks) | reviewers
    if not wanted:
        return []
    sent_today = DigestLog.objects.filter(person_id=OuterRef("pk"), sent_on=today)
    people = (
        Person.objects.filter(pk__in=sorted(wanted))
        .exclude(email="")
        .filter(user__isnull=False, user__is_active=True)
        .exclude(Exists(sent_today))
        .select_related("user")
        .order_by("pk")
    )
    digests = []
    for person in people:
        digest = _digest_for(
            person,
            today,
            until,
            actions=actions,
            contracts=contracts,
            progress=progress,
            risks=risks,
            reviewers=reviewers,
        )
        if digest is not None:
            digests.append(digest)
    return digests


def send_digests(today: date) -> int:
    """Send today's digests and return how many were sent.

    Nothing on a day that is not a working day; a person never gets two on one day (the
    DigestLog row and the mail go together: when sending fails, the row is rolled back and
    the next run tries again).
    """
    calendar = working_calendar()
    if not calendar.is_working_day(today):
        return 0
    sent = 0
    for digest in build_digests(today):
        try:
            with transaction.atomic():
                DigestLog.objects.create(person=digest.person, sent_on=today)
                send_digest(digest)
        except IntegrityError:
            continue  # another worker sent it a moment ago
        except OSError:
            log.exception("Digest for person %s could not be sent", digest.person.pk)
            continue
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    """The scheduled task behind `regie send_digests` (see docs/operations.md)."""
    return send_digests(timezone.localdate())
