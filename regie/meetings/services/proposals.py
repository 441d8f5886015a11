"""Proposals (voorstellen) that travel through several bodies in turn, e.g. MT -> DO -> BO.

Each step is one body; its outcome (advies, besluit, aangehouden, teruggestuurd) is recorded on
the step. Advice or decision hands the proposal to the next step; held over keeps the step
pending for a next meeting; returned stops the route.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.dates import long_date
from regie.core.errors import DomainError
from regie.core.history import set_author
from regie.core.models import Body, Confidentiality, Person
from regie.core.workdays import working_calendar
from regie.meetings.models import AgendaItem, Meeting, Proposal, ProposalStep
from regie.meetings.services.agenda import agenda_item_add

MAX_ROUTE = 10
Outcome = ProposalStep.Outcome
OPEN_OUTCOMES = (Outcome.PENDING, Outcome.HELD_OVER)


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
    """A proposal with its route: one step per body, in order."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Geef het voorstel een titel."), field="title")
    if len(title) > 300:
        raise DomainError(_("De titel is te lang (hoogstens 300 tekens)."), field="title")
    if confidentiality not in Confidentiality.values:
        raise DomainError(_("Kies een vertrouwelijkheid."), field="confidentiality")
    if not route:
        raise DomainError(_("Kies ten minste één gremium voor de route."), field="route")
    if len(route) > MAX_ROUTE:
        raise DomainError(_("Een route heeft hoogstens tien stappen."), field="route")
    if any(a.pk == b.pk for a, b in pairwise(route)):
        raise DomainError(
            _("Hetzelfde gremium staat twee keer achter elkaar in de route."), field="route"
        )
    if any(not body.is_active for body in route):
        raise DomainError(_("De route bevat een gremium dat niet meer actief is."), field="route")
    proposal = Proposal(
        title=title, summary=(summary or "").strip(), owner=owner, confidentiality=confidentiality
    )
    set_author(proposal, actor, _("Voorstel aangemaakt"))
    proposal.save()
    for position, body in enumerate(route, start=1):
        step = ProposalStep(proposal=proposal, position=position, body=body)
        set_author(step, actor)
        step.save()
    return proposal


def current_step(
    proposal: Proposal, steps: list[ProposalStep] | None = None
) -> ProposalStep | None:
    """The first step still to be handled; None when the route is finished or stopped."""
    ordered = steps if steps is not None else list(proposal.steps.order_by("position"))
    for step in ordered:
        if step.outcome == Outcome.RETURNED:
            return None
        if step.outcome in OPEN_OUTCOMES:
            return step
    return None


def route_state(steps: list[ProposalStep]) -> str:
    """ "returned", "finished" or "running" for a route (steps in order)."""
    if any(s.outcome == Outcome.RETURNED for s in steps):
        return "returned"
    if steps and all(s.outcome in (Outcome.ADVICE, Outcome.DECISION) for s in steps):
        return "finished"
    return "running"


def step_deadline(step: ProposalStep) -> date | None:
    """When the stukken for the step's meeting are due: N working days before it."""
    if step.meeting is None:
        return None
    return working_calendar().subtract(
        timezone.localdate(step.meeting.starts_at), step.body.documents_due_working_days
    )


@transaction.atomic
def proposal_step_schedule(*, actor, step: ProposalStep, meeting: Meeting) -> AgendaItem:
    """Put the proposal on a meeting of the step's body as an item ter besluitvorming."""
    step = (
        ProposalStep.objects.select_for_update(of=("self",))
        .select_related("proposal", "body")
        .get(pk=step.pk)
    )
    if current_step(step.proposal) != step:
        raise DomainError(_("Alleen de eerstvolgende stap van de route kan worden ingepland."))
    if meeting.body_id != step.body_id:
        raise DomainError(
            _("Kies een vergadering van %(body)s.") % {"body": step.body.name}, field="meeting"
        )
    if meeting.status == Meeting.Status.CANCELLED:
        raise DomainError(_("Deze vergadering is geannuleerd."), field="meeting")
    if meeting.starts_at < timezone.now():
        raise DomainError(_("Kies een vergadering die nog moet komen."), field="meeting")
    if step.meeting is not None:
        raise DomainError(
            _(
                "Dit voorstel staat al op de agenda van %(date)s. Houd het daar aan of haal het "
                "eerst van die agenda."
            )
            % {"date": long_date(step.meeting.starts_at)}
        )
    proposal = step.proposal
    item = agenda_item_add(
        actor=actor,
        meeting=meeting,
        title=proposal.title,
        purpose=AgendaItem.Purpose.DECISION,
        presenter=proposal.owner,
        confidentiality=proposal.confidentiality,
        description=proposal.summary,
    )
    item.proposal_step = step
    item.save(update_fields=["proposal_step"])
    item.documents.set(proposal.documents.all())
    step.meeting = meeting
    set_author(step, actor, _("Geagendeerd voor %(date)s") % {"date": long_date(meeting.starts_at)})
    step.save(update_fields=["meeting"])
    return item


@transaction.atomic
def proposal_step_record_outcome(
    *, actor, step: ProposalStep, outcome: str, note: str = ""
) -> ProposalStep:
    """Record the body's outcome; advice or decision makes the next step the current one."""
    step = (
        ProposalStep.objects.select_for_update(of=("self",))
        .select_related("proposal", "meeting")
        .get(pk=step.pk)
    )
    note = (note or "").strip()
    if outcome not in Outcome.values or outcome == Outcome.PENDING:
        raise DomainError(_("Kies een uitkomst."), field="outcome")
    if current_step(step.proposal) != step:
        raise DomainError(_("Deze stap is niet de huidige stap van de route."))
    if step.meeting is None:
        raise DomainError(_("Agendeer het voorstel eerst voor een vergadering van dit gremium."))
    if step.meeting.starts_at > timezone.now():
        raise DomainError(
            _("De uitkomst kan pas worden vastgelegd als de vergadering is begonnen.")
        )
    if outcome == Outcome.RETURNED and not note:
        raise DomainError(_("Geef bij terugsturen aan waarom."), field="note")
    step.outcome = outcome
    step.outcome_note = note
    step.decided_on = timezone.localdate(step.meeting.starts_at)
    reason = _("Uitkomst: %(o)s") % {"o": Outcome(outcome).label}
    if outcome == Outcome.HELD_OVER:
        reason = _("Aangehouden in de vergadering van %(date)s") % {
            "date": long_date(step.meeting.starts_at)
        }
        # Pending again: the step waits for a next meeting of the same body.
        step.meeting = None
    set_author(step, actor, reason)
    step.save()
    return step
