from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action
from regie.core.errors import DomainError, StaleEditError
from regie.meetings.models import AgendaItem, Attendance, Decision, Meeting
from regie.meetings.services import minutes as services
from regie.testing import factories
from regie.testing.minutes_factories import decision, due_in, minutes_world

pytestmark = pytest.mark.django_db
S = Meeting.Status


@pytest.fixture
def world():
    return minutes_world()


def _close(meeting: Meeting, status: str = S.MINUTES_APPROVED) -> None:
    Meeting.objects.filter(pk=meeting.pk).update(status=status)
    meeting.refresh_from_db()


def test_a_closed_meeting_is_read_only_for_every_minutes_write(world):
    earlier = decision(item=world.item, text="Eerder besloten")
    _close(world.meeting)
    item = AgendaItem.objects.select_related("meeting").get(pk=world.item.pk)
    attempts = [
        lambda: services.attendance_set(
            actor=world.secretary.user, meeting=world.meeting, entries={world.member.pk: "present"}
        ),
        lambda: services.item_discussion_save(
            actor=world.secretary.user, item=item, discussion="Later", expected_version=1
        ),
        lambda: services.minutes_summary_save(
            actor=world.secretary.user, meeting=world.meeting, text="x", expected_version=1
        ),
        lambda: services.decision_record(actor=world.secretary.user, item=item, text="Nog een"),
        lambda: services.decision_update_text(
            actor=world.secretary.user, decision=earlier, text="Anders", expected_version=1
        ),
        lambda: services.decision_withdraw(
            actor=world.secretary.user, decision=earlier, reason="Toch niet"
        ),
        lambda: services.action_raise_from_item(
            actor=world.secretary.user,
            item=item,
            title="Te laat",
            owner=world.member,
            due_date=due_in(3),
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError, match="afgesloten"):
            attempt()
    assert not Attendance.objects.exists() and not Action.objects.exists()
    assert list(Decision.objects.values_list("text", "is_withdrawn")) == [
        ("Eerder besloten", False)
    ]
    assert AgendaItem.objects.get(pk=item.pk).discussion == ""


def test_minutes_cannot_be_written_before_the_meeting_is_held(world):
    _close(world.meeting, S.AGENDA_SENT)
    with pytest.raises(DomainError, match="gehouden"):
        services.decision_record(actor=world.secretary.user, item=world.item, text="x")


def test_a_stale_discussion_save_is_refused_and_nothing_is_lost(world):
    mine = AgendaItem.objects.get(pk=world.item.pk)
    theirs = AgendaItem.objects.get(pk=world.item.pk)
    services.item_discussion_save(
        actor=world.chair.user, item=theirs, discussion="Tekst van Chris", expected_version=1
    )
    with pytest.raises(StaleEditError) as caught:
        services.item_discussion_save(
            actor=world.secretary.user, item=mine, discussion="Tekst van Sanne", expected_version=1
        )
    assert "Iemand anders heeft dit intussen gewijzigd" in caught.value.message
    assert caught.value.current.discussion == "Tekst van Chris"
    stored = AgendaItem.objects.get(pk=world.item.pk)
    assert (stored.discussion, stored.version) == ("Tekst van Chris", 2)
    assert stored.history.first().history_user == world.chair.user


def test_a_discussion_is_stored_as_typed_including_markup(world):
    text = "<script>alert('x')</script> & meer"
    services.item_discussion_save(
        actor=world.secretary.user, item=world.item, discussion=text, expected_version=1
    )
    stored = AgendaItem.objects.get(pk=world.item.pk)
    assert stored.discussion == text and stored.status == AgendaItem.Status.HANDLED


def test_a_stale_summary_save_is_refused(world):
    services.minutes_summary_save(
        actor=world.secretary.user, meeting=world.meeting, text="Eerst", expected_version=1
    )
    with pytest.raises(StaleEditError) as caught:
        services.minutes_summary_save(
            actor=world.chair.user, meeting=world.meeting, text="Later", expected_version=1
        )
    assert caught.value.current.minutes_summary == "Eerst"


def test_attendance_records_members_and_guests_and_changes_them(world):
    guest = factories.person(name="Gerda Gast")
    services.attendance_set(
        actor=world.secretary.user,
        meeting=world.meeting,
        entries={world.member.pk: "present", world.other_member.pk: "absent", guest.pk: "present"},
    )
    services.attendance_set(
        actor=world.secretary.user,
        meeting=world.meeting,
        entries={world.other_member.pk: "absent_notified"},
    )
    rows = dict(Attendance.objects.values_list("person__name", "status"))
    assert rows == {"Mila Lid": "present", "Bram Lid": "absent_notified", "Gerda Gast": "present"}
    row = Attendance.objects.get(person=world.other_member)
    assert row.history.first().history_user == world.secretary.user


def test_attendance_with_an_unknown_person_or_status_changes_nothing(world):
    for entries in ({world.member.pk: "x"}, {world.member.pk: "present", 999_999: "present"}):
        with pytest.raises(DomainError):
            services.attendance_set(
                actor=world.secretary.user, meeting=world.meeting, entries=entries
            )
    assert not Attendance.objects.exists()


def test_an_empty_decision_or_unknown_confidentiality_is_refused_and_uses_no_number(world):
    with pytest.raises(DomainError):
        services.decision_record(actor=world.secretary.user, item=world.item, text="  ")
    with pytest.raises(DomainError):
        services.decision_record(
            actor=world.secretary.user, item=world.item, text="x", confidentiality="geheim"
        )
    assert decision(item=world.item).sequence == 1


def test_the_decision_text_can_be_corrected_but_not_from_a_stale_copy(world):
    recorded = decision(item=world.item, text="Eerste tekst")
    stale = Decision.objects.get(pk=recorded.pk)
    services.decision_update_text(
        actor=world.secretary.user, decision=recorded, text="Verbeterd", expected_version=1
    )
    with pytest.raises(StaleEditError) as caught:
        services.decision_update_text(
            actor=world.chair.user, decision=stale, text="Ook verbeterd", expected_version=1
        )
    assert caught.value.current.text == "Verbeterd"
    stored = Decision.objects.get(pk=recorded.pk)
    assert (stored.text, stored.number) == ("Verbeterd", recorded.number)


def test_an_action_from_an_item_knows_its_source_body_and_day(world):
    sub = factories.agenda_item(meeting=world.meeting, parent=world.item, title="Deelpunt")
    action = services.action_raise_from_item(
        actor=world.secretary.user,
        item=sub,
        title="Notitie opstellen",
        owner=world.member,
        due_date=due_in(10),
        is_commitment=True,
    )
    day = timezone.localdate(world.meeting.starts_at)
    assert action.source == sub and action.body == world.body and action.is_commitment
    assert action.raised_on == day
    assert action.source_label.startswith("DO ") and action.source_label.endswith("punt 1.1")
    assert str(day.year) in action.source_label


def test_an_action_due_at_a_later_meeting_takes_its_date(world):
    action = services.action_raise_from_item(
        actor=world.secretary.user,
        item=world.item,
        title="Terugkoppelen",
        owner=world.member,
        due_meeting=world.next_meeting,
    )
    assert action.due_date == timezone.localdate(world.next_meeting.starts_at)


def test_an_action_due_at_another_bodys_or_an_earlier_meeting_is_refused(world):
    elsewhere = factories.meeting(body=factories.body())
    earlier = factories.meeting(
        body=world.body, starts_at=world.meeting.starts_at - timedelta(days=7)
    )
    for meeting in (elsewhere, earlier):
        with pytest.raises(DomainError, match="latere vergadering"):
            services.action_raise_from_item(
                actor=world.secretary.user,
                item=world.item,
                title="x",
                owner=world.member,
                due_meeting=meeting,
            )
    assert not Action.objects.exists()


def test_an_action_with_a_due_date_in_the_past_is_refused(world):
    with pytest.raises(DomainError, match="verleden"):
        services.action_raise_from_item(
            actor=world.secretary.user,
            item=world.item,
            title="x",
            owner=world.member,
            due_date=due_in(-1),
        )
    assert not Action.objects.exists()
