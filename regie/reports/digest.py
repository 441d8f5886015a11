"""The daily e-mail: a person's actions that are overdue or due within 3 working days, and the
review steps waiting for them with the same horizon. Sent once a working day by a scheduled
task (see docs/operations.md, "Dagelijkse e-mail").
"""

from __future__ import annotations

import logging
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

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.core.models import Person
from regie.core.workdays import working_calendar
from regie.documents.models import ReviewStep
from regie.documents.queries import review_steps_waiting_for
from regie.hiring.models import Contract
from regie.hiring.queries import ContractRow, contract_alerts_for_person
from regie.reports.models import DigestLog

log = logging.getLogger(__name__)
HORIZON_WORKING_DAYS = 3
MAX_ROWS = 50  # per section; the mail links to the full lists


@dataclass
class Digest:
    person: Person
    today: date
    until: date
    actions: list[Action] = field(default_factory=list)
    steps: list[ReviewStep] = field(default_factory=list)
    contracts: list[ContractRow] = field(default_factory=list)

    @property
    def overdue_actions(self) -> list[Action]:
        return [a for a in self.actions if a.due_date < self.today]

    @property
    def due_actions(self) -> list[Action]:
        return [a for a in self.actions if a.due_date >= self.today]

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
        late = len(self.overdue_actions) + sum(1 for s in self.steps if s.due_date < self.today)
        suffix = f" ({late} te laat)" if late else ""
        return f"Regie {date_format(self.today, 'j F')}: {' en '.join(parts)}{suffix}"


def build_digest(person: Person, today: date) -> Digest | None:
    """What the person should know this morning, or None when there is nothing."""
    if person.user_id is None:
        return None
    calendar = working_calendar()
    until = calendar.add(today, HORIZON_WORKING_DAYS)
    actions = list(
        visible_actions(person.user)
        .filter(owner=person, status__in=Action.OPEN_STATUSES, due_date__lte=until)
        .select_related("body")
        .order_by("due_date", "id")[:MAX_ROWS]
    )
    steps = list(review_steps_waiting_for(person).filter(due_date__lte=until)[:MAX_ROWS])
    contracts = contract_alerts_for_person(person.pk, today=today, calendar=calendar)
    if not actions and not steps and not contracts:
        return None
    return Digest(person, today, until, actions, steps, contracts[:MAX_ROWS])


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


def _candidates(today: date, until: date):
    """People with an e-mail address who may have something to report and got nothing today.

    One query; build_digest then checks each candidate with the visibility rules.
    """
    open_actions = Action.objects.filter(
        owner_id=OuterRef("pk"), status__in=Action.OPEN_STATUSES, due_date__lte=until
    )
    waiting_steps = ReviewStep.objects.filter(
        reviewer_id=OuterRef("pk"), due_date__lte=until
    ).exclude(status=ReviewStep.Status.APPROVED)
    # Whether the contract is inside its alert window is counted in working days by
    # build_digest; here only whether the person has a running contract to watch.
    running_contracts = Contract.objects.filter(
        Q(request__secretary_id=OuterRef("pk")) | Q(request__team_lead_id=OuterRef("pk")),
        status=Contract.Status.ACTIVE,
        end__gte=today,
    )
    sent_today = DigestLog.objects.filter(person_id=OuterRef("pk"), sent_on=today)
    return (
        Person.objects.exclude(email="")
        .filter(user__isnull=False, user__is_active=True)
        .filter(Q(Exists(open_actions)) | Q(Exists(waiting_steps)) | Q(Exists(running_contracts)))
        .exclude(Exists(sent_today))
        .select_related("user")
        .order_by("pk")
    )


def send_digests(today: date) -> int:
    """Send today's digests and return how many were sent.

    Nothing on a day that is not a working day; a person never gets two on one day (the
    DigestLog row and the mail go together: when sending fails, the row is rolled back and
    the next run tries again).
    """
    calendar = working_calendar()
    if not calendar.is_working_day(today):
        return 0
    until = calendar.add(today, HORIZON_WORKING_DAYS)
    sent = 0
    for person in _candidates(today, until).iterator(chunk_size=200):
        digest = build_digest(person, today)
        if digest is None:
            continue
        try:
            with transaction.atomic():
                DigestLog.objects.create(person=person, sent_on=today)
                send_digest(digest)
        except IntegrityError:
            continue  # another worker sent it a moment ago
        except OSError:
            log.exception("Digest for person %s could not be sent", person.pk)
            continue
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    """The scheduled task behind `regie send_digests` (see docs/operations.md)."""
    return send_digests(timezone.localdate())
