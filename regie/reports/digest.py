"""The daily e-mail: a person's actions due within 3 working days or overdue, and review
steps waiting for them. Sent once a working day, by a scheduled task."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.core.models import Person
from regie.core.workdays import working_calendar
from regie.documents.queries import review_steps_waiting_for
from regie.reports.models import DigestLog

HORIZON_WORKING_DAYS = 3


@dataclass
class Digest:
    person: Person
    today: date
    actions: list[Action]
    steps: list

    @property
    def subject(self) -> str:
        return f"Regie: {len(self.actions)} acties en {len(self.steps)} stukken voor u"


def build_digest(person: Person, today: date) -> Digest | None:
    if person.user is None:
        return None
    until = working_calendar().add(today, HORIZON_WORKING_DAYS)
    actions = list(
        visible_actions(person.user)
        .filter(owner=person, status__in=Action.OPEN_STATUSES)
        .filter(Q(due_date__lte=until))
        .select_related("body")
        .order_by("due_date")
    )
    steps = [s for s in review_steps_waiting_for(person) if s.due_date <= until]
    if not actions and not steps:
        return None
    return Digest(person, today, actions, steps)


def send_digest(digest: Digest) -> None:
    context = {"digest": digest, "base_url": settings.REGIE_BASE_URL, "today": digest.today}
    message = EmailMultiAlternatives(
        subject=digest.subject,
        body=render_to_string("reports/digest.txt", context),
        to=[digest.person.email],
    )
    message.attach_alternative(render_to_string("reports/digest.html", context), "text/html")
    message.send()


def send_digests(today: date) -> int:
    """Send today's digests; nothing on a non-working day or to whom it was sent already."""
    if not working_calendar().is_working_day(today):
        return 0
    sent = 0
    people = Person.objects.exclude(email="").exclude(user=None).select_related("user")
    for person in people.iterator(chunk_size=500):
        digest = build_digest(person, today)
        if digest is None:
            continue
        try:
            with transaction.atomic():
                DigestLog.objects.create(person=person, sent_on=today)
                send_digest(digest)
        except IntegrityError:
            continue  # already sent today
        sent += 1
    return sent


@task()
def send_daily_digests() -> int:
    return send_digests(timezone.localdate())
