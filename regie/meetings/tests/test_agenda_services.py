from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from regie.core.errors import DomainError, StaleEditError
from regie.meetings.models import AgendaItem, Meeting, ProposalStep
from regie.meetings.services import agenda as services
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


def test_a_meeting_gets_the_standing_agenda_of_its_body(secretary, body):
    meeting = services.meeting_schedule(
        actor=secretary.user,
        body=body,
        starts_at=timezone.now() + timedelta(days=7),
        duration_minutes=90,
    )
    assert list(meeting.items.order_by("position").values_list("title", flat=True)) == (
        body.default_agenda
    )
    assert meeting.history.first().history_user == secretary.user


def test_it_refuses_a_meeting_in_the_past_and_stores_nothing(secretary, body):
    with pytest.raises(DomainError, match="verleden"):
        services.meeting_schedule(
            actor=secretary.user,
            body=body,
            starts_at=timezone.now() - timedelta(hours=1),
            duration_minutes=60,
        )
    assert not Meeting.objects.exists()


def test_a_series_on_the_second_tuesday_moves_off_holidays():
    dates = services.series_dates(
        first_day=date(2027, 1, 1), until=date(2027, 12, 31), weekday=1, nth_of_month=2
    )
    assert len(dates) == 12
    assert all(d.day.weekday() == 1 for d in dates if not d.moved)


def test_a_weekly_series_moves_koningsdag_to_the_next_working_day():
    # Tuesday 27 April 2027 is Koningsdag.
    dates = services.series_dates(
        first_day=date(2027, 4, 20), until=date(2027, 5, 4), weekday=1, every_n_weeks=1
    )
    moved = [d for d in dates if d.moved]
    assert [(d.wanted, d.day) for d in moved] == [(date(2027, 4, 27), date(2027, 4, 28))]
    assert moved[0].reason == "Koningsdag"


def test_a_series_plans_meetings_and_skips_days_that_already_have_one(secretary, body):
    first = timezone.localdate() + timedelta(days=7)
    dates = services.series_dates(
        first_day=first, until=first + timedelta(weeks=4), weekday=first.weekday(), every_n_weeks=2
    )
    created = services.meeting_series_plan(
        actor=secretary.user, body=body, dates=dates, start_time=time(10), duration_minutes=60
    )
    assert len(created) == len(dates)
    with pytest.raises(DomainError, match="geen nieuwe vergadering"):
        services.meeting_series_plan(
            actor=secretary.user, body=body, dates=dates, start_time=time(10), duration_minutes=60
        )


def test_a_series_longer_than_two_years_is_refused():
    with pytest.raises(DomainError, match="twee jaar"):
        services.series_dates(
            first_day=date(2027, 1, 1), until=date(2030, 1, 1), weekday=1, every_n_weeks=1
        )


def test_items_and_sub_items_are_numbered_and_reordered(secretary, body):
    from regie.meetings.queries import agenda_for

    meeting = factories.meeting(body=body)
    a = services.agenda_item_add(actor=secretary.user, meeting=meeting, title="A")
    b = services.agenda_item_add(actor=secretary.user, meeting=meeting, title="B")
    services.agenda_item_add(actor=secretary.user, meeting=meeting, title="B1", parent=b)
    services.agenda_item_move(actor=secretary.user, item=b, direction="up")
    numbered = [(e.number, e.item.title) for e in agenda_for(secretary.user, meeting).flat()]
    assert numbered == [("1", "B"), ("1.1", "B1"), ("2", "A")]
    with pytest.raises(DomainError):
        services.agenda_item_add(
            actor=secretary.user,
            meeting=meeting,
            title="diep",
            parent=AgendaItem.objects.get(title="B1"),
        )
    assert a.pk


def test_a_stale_edit_of_an_item_is_refused_and_changes_nothing(secretary, body):
    item = factories.agenda_item(meeting=factories.meeting(body=body), title="Origineel")
    services.agenda_item_update(actor=secretary.user, item=item, expected_version=1, title="Eerste")
    stale = AgendaItem.objects.get(pk=item.pk)
    with pytest.raises(StaleEditError) as caught:
        services.agenda_item_update(
            actor=secretary.user, item=stale, expected_version=1, title="Tweede"
        )
    assert caught.value.current.title == "Eerste"
    assert AgendaItem.objects.get(pk=item.pk).title == "Eerste"


def test_holding_over_moves_the_item_with_its_stukken_and_history(secretary, body):
    from regie.documents.models import Document

    first = factories.meeting(body=body)
    later = factories.meeting(body=body, starts_at=first.starts_at + timedelta(days=14))
    item = factories.agenda_item(meeting=first, title="Subsidieregeling")
    doc = Document.objects.create(title="Notitie", body=body)
    item.documents.add(doc)
    copy = services.agenda_item_hold_over(actor=secretary.user, item=item, to_meeting=later)
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.HELD_OVER
    assert copy.meeting == later and copy.held_over_from == item
    assert list(copy.documents.all()) == [doc]


def test_an_item_cannot_be_held_over_to_a_cancelled_meeting(secretary, body):
    first = factories.meeting(body=body)
    cancelled = factories.meeting(
        body=body, starts_at=first.starts_at + timedelta(days=7), status=Meeting.Status.CANCELLED
    )
    item = factories.agenda_item(meeting=first)
    with pytest.raises(DomainError, match="geannuleerde"):
        services.agenda_item_hold_over(actor=secretary.user, item=item, to_meeting=cancelled)
    assert cancelled.items.count() == 0
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PLANNED


def test_a_proposal_travels_mt_do_bo_and_a_return_stops_the_route(secretary):
    mt, do, bo = (factories.body(secretary=secretary, code=c) for c in ("MT", "DO", "BO"))
    proposal = services.proposal_create(
        actor=secretary.user,
        title="Uitvoeringsagenda",
        summary="",
        owner=secretary,
        confidentiality="internal",
        route=[mt, do, bo],
    )
    step1 = services.current_step(proposal)
    assert step1.body == mt
    meeting = factories.meeting(body=mt)
    item = services.proposal_step_schedule(actor=secretary.user, step=step1, meeting=meeting)
    assert item.purpose == AgendaItem.Purpose.DECISION
    assert services.step_deadline(step1) < timezone.localdate(meeting.starts_at)
    services.proposal_step_record_outcome(
        actor=secretary.user, step=step1, outcome=ProposalStep.Outcome.ADVICE, note="positief"
    )
    step2 = services.current_step(proposal)
    assert step2.body == do
    with pytest.raises(DomainError, match="waarom"):
        services.proposal_step_record_outcome(
            actor=secretary.user, step=step2, outcome=ProposalStep.Outcome.RETURNED
        )
    services.proposal_step_record_outcome(
        actor=secretary.user,
        step=step2,
        outcome=ProposalStep.Outcome.RETURNED,
        note="Eerst financiële paragraaf",
    )
    assert services.current_step(proposal) is None
