import threading
from datetime import datetime, timedelta

import pytest
from django.db import connection, connections
from django.utils import timezone

from regie.core.errors import DomainError
from regie.meetings.models import Decision, DecisionCounter, Meeting
from regie.meetings.services import minutes as services
from regie.testing import factories

S = Meeting.Status


def _held_meeting(body, when=None):
    when = when or timezone.now() - timedelta(days=2)
    return factories.meeting(body=body, starts_at=when, status=S.HELD)


@pytest.mark.django_db
def test_numbers_run_per_body_and_year_in_the_agreed_format():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary, code="do")
    tz = timezone.get_current_timezone()
    old = _held_meeting(body, datetime(2025, 12, 15, 10, tzinfo=tz))
    new = _held_meeting(body, datetime(2026, 1, 12, 10, tzinfo=tz))
    numbers = [
        services.decision_record(
            actor=secretary.user, item=factories.agenda_item(meeting=m), text="Akkoord"
        ).number
        for m in (old, old, new)
    ]
    assert numbers == ["DO-2025-001", "DO-2025-002", "DO-2026-001"]


@pytest.mark.django_db
def test_a_withdrawn_decision_keeps_its_number_and_the_next_follows():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary, code="MT")
    item = factories.agenda_item(meeting=_held_meeting(body))
    first = services.decision_record(actor=secretary.user, item=item, text="Eerste")
    services.decision_withdraw(actor=secretary.user, decision=first, reason="Vergissing")
    second = services.decision_record(actor=secretary.user, item=item, text="Tweede")
    assert (first.sequence, second.sequence) == (1, 2)
    assert Decision.objects.get(pk=first.pk).is_withdrawn


@pytest.mark.django_db
def test_no_decision_is_recorded_in_a_closed_meeting():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary)
    meeting = factories.meeting(
        body=body, starts_at=timezone.now() - timedelta(days=9), status=S.ARCHIVED
    )
    with pytest.raises(DomainError, match="afgesloten"):
        services.decision_record(
            actor=secretary.user, item=factories.agenda_item(meeting=meeting), text="Te laat"
        )
    assert not Decision.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_recording_at_once_get_unique_gap_free_numbers():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary, code="BO")
    item = factories.agenda_item(meeting=_held_meeting(body))
    per_thread, threads_count = 8, 4
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads_count)

    def record():
        try:
            barrier.wait(timeout=10)
            for _ in range(per_thread):
                services.decision_record(actor=secretary.user, item=item, text="Gelijktijdig")
        except BaseException as exc:  # collected and asserted below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=record) for _ in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    sequences = sorted(Decision.objects.filter(body=body).values_list("sequence", flat=True))
    total = per_thread * threads_count
    assert sequences == list(range(1, total + 1)), connection.vendor
    numbers = set(Decision.objects.filter(body=body).values_list("number", flat=True))
    year = timezone.localdate(item.meeting.starts_at).year
    assert numbers == {f"BO-{year}-{n:03d}" for n in range(1, total + 1)}
    assert DecisionCounter.objects.get(body=body, year=year).last_number == total
