import pytest

from regie.core.errors import DomainError
from regie.core.models import Body, BodyMembership
from regie.meetings.services import bodies as services
from regie.testing import factories
from regie.testing import meetings_factories as mf

pytestmark = pytest.mark.django_db
R = BodyMembership.Role


def _update(world, **overrides):
    values = {
        "actor": world.secretary.user,
        "body": world.body,
        "default_agenda": ["Opening", "Vorig verslag", "Actielijst", "Rondvraag"],
        "documents_due_working_days": 7,
        "default_duration_minutes": 120,
        "chair": world.chair,
        "secretary": world.secretary,
    }
    return services.body_update(**(values | overrides))


def test_the_settings_of_a_body_are_saved_with_history():
    world = mf.body_world()
    _update(world, default_agenda=["Opening", "", "  Rondvraag "])
    body = Body.objects.get(pk=world.body.pk)
    assert body.default_agenda == ["Opening", "Rondvraag"]
    assert body.documents_due_working_days == 7
    assert body.history.first().history_user == world.secretary.user


def test_a_new_chair_becomes_a_member_with_that_role_and_the_old_one_stays_a_member():
    world = mf.body_world()
    _update(world, chair=world.member)
    roles = dict(BodyMembership.objects.filter(body=world.body).values_list("person_id", "role"))
    assert roles[world.member.pk] == R.CHAIR
    assert roles[world.chair.pk] == R.MEMBER
    assert Body.objects.get(pk=world.body.pk).chair == world.member


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"documents_due_working_days": 60}, "documents_due_working_days"),
        ({"default_duration_minutes": 5}, "default_duration_minutes"),
        ({"default_agenda": ["x" * 301]}, "default_agenda"),
    ],
)
def test_bad_settings_are_refused_and_change_nothing(overrides, field):
    world = mf.body_world()
    before = Body.objects.filter(pk=world.body.pk).values().get()
    with pytest.raises(DomainError) as caught:
        _update(world, **overrides)
    assert caught.value.field == field
    assert Body.objects.filter(pk=world.body.pk).values().get() == before


def test_chair_and_secretary_are_different_people():
    world = mf.body_world()
    with pytest.raises(DomainError, match="verschillende"):
        _update(world, chair=world.secretary)


def test_members_are_added_and_removed_internal_and_external():
    world = mf.body_world()
    guest = factories.person(role="external_member")
    services.body_member_add(
        actor=world.secretary.user, body=world.body, person=guest, role=R.ADVISOR
    )
    assert BodyMembership.objects.get(body=world.body, person=guest).role == R.ADVISOR
    with pytest.raises(DomainError, match="al lid"):
        services.body_member_add(
            actor=world.secretary.user, body=world.body, person=guest, role=R.ADVISOR
        )
    services.body_member_remove(actor=world.secretary.user, body=world.body, person=guest)
    assert not BodyMembership.objects.filter(body=world.body, person=guest).exists()


def test_the_secretary_cannot_be_removed_as_a_member():
    world = mf.body_world()
    with pytest.raises(DomainError, match="secretaris"):
        services.body_member_remove(
            actor=world.secretary.user, body=world.body, person=world.secretary
        )
    assert BodyMembership.objects.filter(body=world.body, person=world.secretary).exists()
