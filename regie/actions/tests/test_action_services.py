from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions import services
from regie.actions.models import Action, ProgressNote
from regie.core.errors import DomainError, StaleEditError
from regie.testing import factories
from regie.testing.minutes_factories import due_in, minutes_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return minutes_world()


def test_it_refuses_a_due_date_in_the_past_and_stores_nothing(world):
    with pytest.raises(DomainError, match=r"De uiterste datum ligt in het verleden\."):
        services.action_create(
            actor=world.secretary.user,
            title="Notitie",
            owner=world.member,
            body=world.body,
            due_date=due_in(-1),
        )
    assert not Action.objects.exists()


def test_it_requires_a_due_date_or_a_due_meeting(world):
    with pytest.raises(DomainError, match="uiterste datum of een vergadering"):
        services.action_create(actor=world.secretary.user, title="Notitie", owner=world.member)
    assert not Action.objects.exists()


def test_a_due_meeting_makes_that_meetings_day_the_due_date(world):
    action = services.action_create(
        actor=world.secretary.user,
        title="Voorstel uitwerken",
        owner=world.member,
        body=world.body,
        due_meeting=world.next_meeting,
    )
    assert action.due_date == timezone.localdate(world.next_meeting.starts_at)
    assert action.due_meeting == world.next_meeting
    assert action.history.first().history_user == world.secretary.user


def test_a_script_in_the_title_is_stored_as_typed(world):
    action = services.action_create(
        actor=world.secretary.user,
        title="<script>alert(1)</script>",
        owner=world.member,
        due_date=due_in(3),
    )
    assert Action.objects.get(pk=action.pk).title == "<script>alert(1)</script>"


def test_done_sets_the_closing_day_and_reopening_clears_it(world):
    action = world.action()
    services.action_update_status(
        actor=world.member.user, action=action, status="done", note="Klaar", expected_version=1
    )
    action.refresh_from_db()
    assert action.closed_on == timezone.localdate()
    note = ProgressNote.objects.get(action=action)
    assert (note.text, note.status_after, note.author) == ("Klaar", "done", world.member)
    services.action_update_status(
        actor=world.member.user, action=action, status="open", expected_version=action.version
    )
    action.refresh_from_db()
    assert action.closed_on is None and action.status == "open"
    assert ProgressNote.objects.filter(action=action).count() == 2


def test_cancelled_also_closes_the_action(world):
    action = world.action()
    services.action_update_status(
        actor=world.secretary.user, action=action, status="cancelled", expected_version=1
    )
    action.refresh_from_db()
    assert action.closed_on == timezone.localdate() and not action.is_open


def test_a_stale_status_change_is_refused_and_changes_nothing(world):
    action = world.action()
    services.action_update_status(
        actor=world.member.user, action=action, status="in_progress", expected_version=1
    )
    with pytest.raises(StaleEditError) as caught:
        services.action_update_status(
            actor=world.secretary.user,
            action=Action.objects.get(pk=action.pk),
            status="cancelled",
            expected_version=1,
        )
    assert caught.value.current.status == "in_progress"
    assert Action.objects.get(pk=action.pk).status == "in_progress"


def test_an_update_from_a_stale_copy_is_refused_and_keeps_the_other_change(world):
    action = world.action(title="Origineel")
    stale = Action.objects.get(pk=action.pk)
    services.action_update(
        actor=world.secretary.user, action=action, expected_version=1, title="Door Sanne"
    )
    with pytest.raises(StaleEditError) as caught:
        services.action_update(
            actor=world.member.user, action=stale, expected_version=1, title="Door Mila"
        )
    assert caught.value.current.title == "Door Sanne"
    assert Action.objects.get(pk=action.pk).title == "Door Sanne"


def test_an_update_refuses_a_new_due_date_in_the_past_but_keeps_an_old_one(world):
    action = world.action(raised_on=timezone.localdate() - timedelta(days=20), due_date=due_in(-2))
    with pytest.raises(DomainError, match="verleden"):
        services.action_update(
            actor=world.secretary.user, action=action, expected_version=1, due_date=due_in(-1)
        )
    services.action_update(
        actor=world.secretary.user,
        action=action,
        expected_version=1,
        title="Nieuwe titel",
        due_date=action.due_date,
    )
    action.refresh_from_db()
    assert (action.title, action.due_date, action.version) == ("Nieuwe titel", due_in(-2), 2)


def test_an_empty_note_is_refused(world):
    action = world.action()
    with pytest.raises(DomainError):
        services.action_add_note(actor=world.member.user, action=action, text="   ")
    assert not ProgressNote.objects.exists()


def test_a_note_keeps_its_author(world):
    action = world.action()
    note = services.action_add_note(actor=world.member.user, action=action, text="Gebeld")
    assert note.author == world.member and note.status_after == "open"


def test_an_owner_outside_any_body_can_get_a_personal_action():
    owner = factories.person()
    action = services.action_create(
        actor=owner.user, title="Zelf doen", owner=owner, due_date=due_in(0)
    )
    assert action.body is None and action.raised_on == timezone.localdate()
