from datetime import timedelta

import pytest

from regie.core.errors import DomainError
from regie.meetings.models import AgendaItem, Meeting, ProposalStep
from regie.meetings.queries import proposal_route
from regie.meetings.services import agenda as agenda_services
from regie.meetings.services import proposals as services
from regie.testing import factories
from regie.testing import meetings_factories as mf

pytestmark = pytest.mark.django_db
Outcome = ProposalStep.Outcome


@pytest.fixture
def route():
    secretary = factories.person(role="secretary")
    bodies = [
        factories.body(secretary=secretary, code=code, name=name)
        for code, name in (("MT", "MT-overleg"), ("DO", "Directeurenoverleg"), ("BO", "BO"))
    ]
    return secretary, bodies


def _create(secretary, bodies):
    return services.proposal_create(
        actor=secretary.user,
        title="Uitvoeringsagenda",
        summary="Samen uitvoeren",
        owner=secretary,
        confidentiality="internal",
        route=bodies,
    )


def _meet(step, when):
    """Plan the step on a future meeting, then let that meeting begin."""
    meeting = factories.meeting(body=step.body, starts_at=mf.future(3))
    item = services.proposal_step_schedule(actor=None, step=step, meeting=meeting)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=when, ends_at=when + timedelta(hours=1))
    step.refresh_from_db()
    return item


def test_a_proposal_travels_mt_do_bo_with_each_outcome_recorded(route):
    secretary, (mt, do, bo) = route
    proposal = _create(secretary, [mt, do, bo])
    step1 = services.current_step(proposal)
    assert step1.body == mt
    item = _meet(step1, mf.past(20))
    assert item.purpose == AgendaItem.Purpose.DECISION
    assert item.proposal_step == step1 and item.title == "Uitvoeringsagenda"
    services.proposal_step_record_outcome(
        actor=secretary.user, step=step1, outcome=Outcome.ADVICE, note="Positief advies"
    )
    step2 = services.current_step(proposal)
    assert step2.body == do
    _meet(step2, mf.past(10))
    services.proposal_step_record_outcome(actor=secretary.user, step=step2, outcome=Outcome.ADVICE)
    step3 = services.current_step(proposal)
    assert step3.body == bo
    _meet(step3, mf.past(1))
    services.proposal_step_record_outcome(
        actor=secretary.user, step=step3, outcome=Outcome.DECISION
    )
    steps = list(proposal.steps.order_by("position"))
    assert [s.outcome for s in steps] == [Outcome.ADVICE, Outcome.ADVICE, Outcome.DECISION]
    assert steps[0].outcome_note == "Positief advies"
    assert services.current_step(proposal) is None
    assert services.route_state(steps) == "finished"


def test_a_returned_proposal_stops_the_route_with_its_note(route):
    secretary, (mt, do, bo) = route
    proposal = _create(secretary, [mt, do, bo])
    step1 = services.current_step(proposal)
    _meet(step1, mf.past(2))
    with pytest.raises(DomainError, match="waarom"):
        services.proposal_step_record_outcome(
            actor=secretary.user, step=step1, outcome=Outcome.RETURNED
        )
    step1.refresh_from_db()
    assert step1.outcome == Outcome.PENDING
    services.proposal_step_record_outcome(
        actor=secretary.user,
        step=step1,
        outcome=Outcome.RETURNED,
        note="Eerst financiële paragraaf",
    )
    assert services.current_step(proposal) is None
    steps = list(proposal.steps.order_by("position"))
    assert services.route_state(steps) == "returned"
    assert [s.outcome for s in steps[1:]] == [Outcome.PENDING, Outcome.PENDING]


def test_held_over_keeps_the_step_pending_for_a_next_meeting(route):
    secretary, (mt, do, _bo) = route
    proposal = _create(secretary, [mt, do])
    step1 = services.current_step(proposal)
    _meet(step1, mf.past(2))
    services.proposal_step_record_outcome(
        actor=secretary.user, step=step1, outcome=Outcome.HELD_OVER
    )
    step1.refresh_from_db()
    assert services.current_step(proposal) == step1
    assert step1.meeting is None
    next_meeting = factories.meeting(body=mt, starts_at=mf.future(10))
    services.proposal_step_schedule(actor=secretary.user, step=step1, meeting=next_meeting)
    step1.refresh_from_db()
    assert step1.meeting == next_meeting


def test_the_route_shows_the_stukken_deadline_in_working_days(route):
    secretary, (mt, do, _bo) = route
    proposal = _create(secretary, [mt, do])
    meeting = factories.meeting(body=mt, starts_at=mf.future(21))
    services.proposal_step_schedule(
        actor=secretary.user, step=services.current_step(proposal), meeting=meeting
    )
    rows = proposal_route(secretary.user, proposal)
    assert rows[0].is_current and not rows[1].is_current
    from django.utils import timezone

    from regie.core.workdays import working_calendar

    expected = working_calendar().subtract(
        timezone.localdate(meeting.starts_at), mt.documents_due_working_days
    )
    assert rows[0].deadline == expected
    assert rows[1].deadline is None


def test_only_the_current_step_is_scheduled_on_a_meeting_of_its_own_body(route):
    secretary, (mt, do, _bo) = route
    proposal = _create(secretary, [mt, do])
    step1, step2 = proposal.steps.order_by("position")
    with pytest.raises(DomainError, match="eerstvolgende stap"):
        services.proposal_step_schedule(
            actor=secretary.user, step=step2, meeting=factories.meeting(body=do)
        )
    with pytest.raises(DomainError, match="Kies een vergadering van"):
        services.proposal_step_schedule(
            actor=secretary.user, step=step1, meeting=factories.meeting(body=do)
        )
    cancelled = factories.meeting(body=mt, status=Meeting.Status.CANCELLED)
    with pytest.raises(DomainError, match="geannuleerd"):
        services.proposal_step_schedule(actor=secretary.user, step=step1, meeting=cancelled)
    assert not AgendaItem.objects.filter(proposal_step__isnull=False).exists()


def test_an_outcome_waits_for_the_meeting(route):
    secretary, (mt, do, _bo) = route
    proposal = _create(secretary, [mt, do])
    step1 = services.current_step(proposal)
    with pytest.raises(DomainError, match="Agendeer"):
        services.proposal_step_record_outcome(
            actor=secretary.user, step=step1, outcome=Outcome.ADVICE
        )
    services.proposal_step_schedule(
        actor=secretary.user, step=step1, meeting=factories.meeting(body=mt)
    )
    with pytest.raises(DomainError, match="begonnen"):
        services.proposal_step_record_outcome(
            actor=secretary.user, step=step1, outcome=Outcome.ADVICE
        )
    step1.refresh_from_db()
    assert step1.outcome == Outcome.PENDING


def test_a_proposal_needs_a_title_and_a_route(route):
    _secretary, (mt, _do, _bo) = route
    with pytest.raises(DomainError, match="titel"):
        services.proposal_create(
            actor=None, title=" ", summary="", owner=None, confidentiality="internal", route=[mt]
        )
    with pytest.raises(DomainError, match="ten minste één"):
        services.proposal_create(
            actor=None, title="X", summary="", owner=None, confidentiality="internal", route=[]
        )
    with pytest.raises(DomainError, match="twee keer"):
        services.proposal_create(
            actor=None,
            title="X",
            summary="",
            owner=None,
            confidentiality="internal",
            route=[mt, mt],
        )


def test_holding_over_the_agenda_item_moves_the_proposal_step_along(route):
    secretary, (mt, do, _bo) = route
    proposal = _create(secretary, [mt, do])
    step1 = services.current_step(proposal)
    first = factories.meeting(body=mt, starts_at=mf.future(5))
    later = factories.meeting(body=mt, starts_at=mf.future(19))
    item = services.proposal_step_schedule(actor=secretary.user, step=step1, meeting=first)
    agenda_services.agenda_item_hold_over(actor=secretary.user, item=item, to_meeting=later)
    step1.refresh_from_db()
    assert step1.meeting == later
    assert later.items.get().proposal_step == step1
