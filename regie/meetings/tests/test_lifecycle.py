from datetime import timedelta

import pytest
from django.utils import timezone

from regie.core.errors import DomainError, StaleEditError
from regie.meetings.lifecycle import meeting_reopen, meeting_transition
from regie.meetings.models import Meeting
from regie.testing import factories

pytestmark = pytest.mark.django_db
S = Meeting.Status


@pytest.fixture
def setting():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary)
    past = factories.meeting(body=body, starts_at=timezone.now() - timedelta(days=20))
    factories.agenda_item(meeting=past)
    return secretary, body, past


def _move(meeting, to, actor, **kw):
    return meeting_transition(
        actor=actor, meeting=meeting, to_status=to, expected_version=meeting.version, **kw
    )


def test_a_meeting_goes_through_the_whole_cycle_and_history_keeps_each_step(setting):
    secretary, body, meeting = setting
    later = factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=5))
    for status in (S.AGENDA_SENT, S.HELD, S.MINUTES_DRAFT, S.MINUTES_REVIEW):
        meeting = _move(meeting, status, secretary.user)
    meeting = _move(meeting, S.MINUTES_APPROVED, secretary.user, approved_in=later)
    meeting = _move(meeting, S.ARCHIVED, secretary.user)
    assert meeting.status == S.ARCHIVED
    assert meeting.minutes_approved_in == later
    reasons = list(meeting.history.order_by("history_date").values_list("status", flat=True))
    assert reasons[-1] == S.ARCHIVED
    assert meeting.history.first().history_user == secretary.user


def test_it_refuses_to_skip_a_step(setting):
    secretary, _body, meeting = setting
    with pytest.raises(DomainError):
        _move(meeting, S.MINUTES_APPROVED, secretary.user)
    meeting.refresh_from_db()
    assert meeting.status == S.DRAFT


def test_it_refuses_to_send_an_empty_agenda():
    secretary = factories.person(role="secretary")
    meeting = factories.meeting(body=factories.body(secretary=secretary))
    with pytest.raises(DomainError, match="zonder agendapunten"):
        _move(meeting, S.AGENDA_SENT, secretary.user)


def test_a_future_meeting_cannot_be_marked_held():
    secretary = factories.person(role="secretary")
    meeting = factories.meeting(body=factories.body(secretary=secretary))
    factories.agenda_item(meeting=meeting)
    meeting = _move(meeting, S.AGENDA_SENT, secretary.user)
    with pytest.raises(DomainError, match="nog moet beginnen"):
        _move(meeting, S.HELD, secretary.user)


def test_minutes_are_approved_only_in_a_later_meeting_of_the_same_body(setting):
    secretary, _body, meeting = setting
    other_body_meeting = factories.meeting(body=factories.body())
    for status in (S.AGENDA_SENT, S.HELD, S.MINUTES_DRAFT, S.MINUTES_REVIEW):
        meeting = _move(meeting, status, secretary.user)
    with pytest.raises(DomainError, match="latere vergadering"):
        _move(meeting, S.MINUTES_APPROVED, secretary.user, approved_in=other_body_meeting)


def test_a_stale_copy_cannot_change_the_status(setting):
    secretary, _body, meeting = setting
    stale_version = meeting.version
    _move(meeting, S.AGENDA_SENT, secretary.user)
    copy = Meeting.objects.get(pk=meeting.pk)
    copy.status = S.DRAFT  # what the stale screen still showed
    with pytest.raises(StaleEditError):
        meeting_transition(
            actor=secretary.user,
            meeting=copy,
            to_status=S.AGENDA_SENT,
            expected_version=stale_version,
        )


def test_reopening_needs_a_reason_and_is_recorded(setting):
    secretary, body, meeting = setting
    later = factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=5))
    for status in (S.AGENDA_SENT, S.HELD, S.MINUTES_DRAFT, S.MINUTES_REVIEW):
        meeting = _move(meeting, status, secretary.user)
    meeting = _move(meeting, S.MINUTES_APPROVED, secretary.user, approved_in=later)
    with pytest.raises(DomainError):
        meeting_reopen(
            actor=secretary.user, meeting=meeting, expected_version=meeting.version, reason=" "
        )
    meeting = meeting_reopen(
        actor=secretary.user,
        meeting=meeting,
        expected_version=meeting.version,
        reason="Besluit 3 onjuist",
    )
    assert meeting.status == S.MINUTES_DRAFT
    assert meeting.history.first().history_change_reason == "Heropend: Besluit 3 onjuist"
