from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action, ProgressNote

pytestmark = pytest.mark.django_db


def _payload(world, **kw):
    data = {
        "title": "Notitie over de planning",
        "owner": world.member.pk,
        "body": world.confidential.pk,
        "due_date": (timezone.localdate() + timedelta(days=7)).isoformat(),
    }
    return data | kw


# --- create ------------------------------------------------------------------------------


def test_it_answers_401_without_a_token(client, world):
    response = client.post("/api/actions/", _payload(world), content_type="application/json")
    assert response.status_code == 401
    assert not Action.objects.exists()


def test_the_secretary_creates_an_action_for_the_body(world, as_person):
    response = as_person(world.secretary).post(
        "/api/actions/", _payload(world, is_commitment=True), format="json"
    )
    assert response.status_code == 201, response.content
    data = response.json()
    action = Action.objects.get(pk=data["id"])
    assert action.owner == world.member
    assert action.body == world.confidential
    assert action.is_commitment
    assert data["version"] == 1
    assert action.history.first().history_user == world.secretary.user


def test_a_member_who_does_not_manage_the_body_gets_403(world, as_person):
    response = as_person(world.member).post("/api/actions/", _payload(world), format="json")
    assert response.status_code == 403
    assert "secretaris of voorzitter" in response.json()["detail"]
    assert not Action.objects.exists()


def test_a_body_the_user_cannot_see_is_unknown(world, as_person):
    response = as_person(world.outsider).post("/api/actions/", _payload(world), format="json")
    assert response.status_code == 400
    assert response.json() == {"body": ["Onbekend gremium."]}
    assert not Action.objects.exists()


def test_any_internal_user_creates_an_action_without_a_body(world, as_person):
    response = as_person(world.outsider).post(
        "/api/actions/", _payload(world, body=None), format="json"
    )
    assert response.status_code == 201, response.content
    assert Action.objects.get().body is None


def test_an_external_member_creates_no_action_without_a_body(world, as_person):
    response = as_person(world.external).post(
        "/api/actions/", _payload(world, body=None), format="json"
    )
    assert response.status_code == 403
    assert not Action.objects.exists()


def test_it_refuses_a_due_date_in_the_past_with_a_dutch_message(world, as_person):
    yesterday = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = as_person(world.secretary).post(
        "/api/actions/", _payload(world, due_date=yesterday), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"due_date": ["De uiterste datum ligt in het verleden."]}
    assert not Action.objects.exists()


def test_it_refuses_an_unknown_owner_with_a_dutch_message(world, as_person):
    response = as_person(world.secretary).post(
        "/api/actions/", _payload(world, owner=999999), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"owner": ["Onbekende eigenaar."]}
    assert not Action.objects.exists()


def test_it_refuses_a_missing_title_and_a_bad_date_in_dutch(world, as_person):
    response = as_person(world.secretary).post(
        "/api/actions/", _payload(world, title="   ", due_date="morgen"), format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["due_date"] == ["Geef de datum op als JJJJ-MM-DD."]
    assert not Action.objects.exists()


def test_a_script_title_is_stored_as_typed_and_returned_as_data(world, as_person):
    title = "<script>alert('x')</script> & co"
    response = as_person(world.secretary).post(
        "/api/actions/", _payload(world, title=title), format="json"
    )
    assert response.status_code == 201
    assert response["Content-Type"].startswith("application/json")
    assert Action.objects.get().title == title
    assert response.json()["title"] == title


# --- status ------------------------------------------------------------------------------


@pytest.fixture
def action(world):
    from regie.testing import factories

    return factories.action(owner=world.member, body=world.confidential, title="Brief sturen")


def test_the_owner_closes_the_action_with_a_progress_note(world, as_person, action):
    response = as_person(world.member).patch(
        f"/api/actions/{action.pk}/",
        {"status": "done", "note": "Brief is verstuurd.", "version": 1},
        format="json",
    )
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "done"
    assert data["version"] == 2
    assert data["closed_on"] == timezone.localdate().isoformat()
    assert [n["text"] for n in data["notes"]] == ["Brief is verstuurd."]
    note = ProgressNote.objects.get()
    assert note.author == world.member


def test_the_secretary_of_the_body_may_change_the_status(world, as_person, action):
    response = as_person(world.secretary).patch(
        f"/api/actions/{action.pk}/", {"status": "in_progress", "version": 1}, format="json"
    )
    assert response.status_code == 200
    action.refresh_from_db()
    assert action.status == "in_progress"


def test_another_member_may_read_but_not_change_the_status(world, as_person, action):
    from regie.core.models import BodyMembership
    from regie.testing import factories

    colleague = factories.person()
    BodyMembership.objects.create(body=world.confidential, person=colleague)
    client = as_person(colleague)
    assert client.get(f"/api/actions/{action.pk}/").status_code == 200
    response = client.patch(
        f"/api/actions/{action.pk}/", {"status": "done", "version": 1}, format="json"
    )
    assert response.status_code == 403
    action.refresh_from_db()
    assert action.status == "open"


def test_a_non_member_gets_404_on_a_status_change(world, as_person, action):
    response = as_person(world.outsider).patch(
        f"/api/actions/{action.pk}/", {"status": "done", "version": 1}, format="json"
    )
    assert response.status_code == 404
    action.refresh_from_db()
    assert action.status == "open"


def test_a_stale_version_gives_409_with_the_current_action(world, as_person, action):
    client = as_person(world.member)
    first = client.patch(
        f"/api/actions/{action.pk}/", {"status": "in_progress", "version": 1}, format="json"
    )
    assert first.status_code == 200
    response = as_person(world.secretary).patch(
        f"/api/actions/{action.pk}/",
        {"status": "cancelled", "note": "Vervalt.", "version": 1},
        format="json",
    )
    assert response.status_code == 409
    data = response.json()
    assert "Iemand anders heeft deze actie intussen gewijzigd" in data["detail"]
    assert data["current"]["status"] == "in_progress"
    assert data["current"]["version"] == 2
    action.refresh_from_db()
    assert action.status == "in_progress"
    assert not ProgressNote.objects.filter(text="Vervalt.").exists()


def test_an_unknown_status_or_missing_version_gets_a_dutch_400(world, as_person, action):
    response = as_person(world.member).patch(
        f"/api/actions/{action.pk}/", {"status": "klaar"}, format="json"
    )
    assert response.status_code == 400
    errors = response.json()
    assert errors["status"] == ["Onbekende status: klaar."]
    assert errors["version"] == ["Dit veld is vereist."]
    action.refresh_from_db()
    assert (action.status, action.version) == ("open", 1)


def test_put_and_delete_are_not_allowed(world, as_person, action):
    client = as_person(world.secretary)
    assert client.put(f"/api/actions/{action.pk}/", {}, format="json").status_code == 405
    assert client.delete(f"/api/actions/{action.pk}/").status_code == 405
    assert Action.objects.filter(pk=action.pk).exists()
