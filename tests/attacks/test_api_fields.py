"""Hostile text through the API's write endpoints: stored verbatim, returned as JSON strings.

The API writes actions (create) and their status with a progress note (PATCH). Each payload
goes into each text field; the answer is never a server error, the value comes back as the
same JSON string, and a value that is too long is refused with a Dutch message and nothing
stored.
"""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from regie.actions.models import Action, ProgressNote
from tests.access_matrix.world import build_world
from tests.attacks.payloads import ALL, LONG, TOO_LONG

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    world = build_world()
    token, _ = Token.objects.get_or_create(user=world.secretary.user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client, world


def _message(response) -> str:
    return str(response.json())


@pytest.mark.parametrize("field", ["title", "description"])
@pytest.mark.parametrize("payload", ALL, ids=lambda p: p[:20])
def test_an_action_created_through_the_api_keeps_hostile_text(api, field, payload):
    client, world = api
    data = {
        "title": "Actie",
        "owner": world.member.pk,
        "body": world.confidential.pk,
        "due_date": "2027-01-15",
        field: payload,
    }
    count = Action.objects.count()
    response = client.post("/api/actions/", data, format="json")
    assert response.status_code < 500
    assert response["Content-Type"].startswith("application/json")
    if payload == LONG and response.status_code == 400:
        assert any(word in _message(response) for word in TOO_LONG), _message(response)
        assert Action.objects.count() == count
        return
    assert response.status_code == 201, _message(response)
    created = response.json()
    assert created[field] == payload
    assert getattr(Action.objects.get(pk=created["id"]), field) == payload
    again = client.get(f"/api/actions/{created['id']}/")
    assert again.status_code == 200
    assert again.json()[field] == payload
    listed = client.get("/api/actions/", {"body": world.confidential.pk, "limit": 500}).json()
    assert payload in [row[field] for row in listed["results"]]


@pytest.mark.parametrize("payload", ALL, ids=lambda p: p[:20])
def test_a_progress_note_through_the_api_keeps_hostile_text(api, payload):
    client, world = api
    action = world.confidential_object("action")
    notes = ProgressNote.objects.count()
    response = client.patch(
        f"/api/actions/{action.pk}/",
        {"status": "in_progress", "note": payload, "version": action.version},
        format="json",
    )
    assert response.status_code < 500
    if payload == LONG and response.status_code == 400:
        assert any(word in _message(response) for word in TOO_LONG), _message(response)
        assert ProgressNote.objects.count() == notes
        assert Action.objects.get(pk=action.pk).version == action.version
        return
    assert response.status_code == 200, _message(response)
    assert payload in [note["text"] for note in response.json()["notes"]]
    assert ProgressNote.objects.filter(action=action).latest("pk").text == payload


@pytest.mark.parametrize("payload", ALL, ids=lambda p: p[:20])
def test_hostile_query_parameters_are_refused_or_ignored_never_a_crash(api, payload):
    client, _ = api
    for url in ("/api/actions/", "/api/meetings/", "/api/decisions/", "/api/bodies/"):
        for name in ("body", "owner", "status", "overdue", "limit", "offset", "meeting"):
            response = client.get(url, {name: payload})
            assert response.status_code in (200, 400), f"{url}?{name}=…: {response.status_code}"


NUMBER_URLS = [
    "/api/actions/?body=",
    "/api/actions/?owner=",
    "/api/meetings/?body=",
    "/api/agenda-items/?meeting=",
    "/api/decisions/?body=",
]


@pytest.mark.parametrize("number", ["17008796852294883737600", "²", "١٢", "-1", "1e3"])
@pytest.mark.parametrize("url", NUMBER_URLS)
def test_a_number_the_database_cannot_take_is_refused_in_dutch(api, url, number):
    client, _ = api
    client.raise_request_exception = False
    response = client.get(url + number)
    assert response.status_code == 400
    assert "Geef" in _message(response)


@pytest.mark.parametrize("name", ["limit", "offset"])
@pytest.mark.parametrize("number", ["17008796852294883737600", "²"])
def test_a_page_limit_or_offset_beyond_reach_is_no_crash(api, name, number):
    client, _ = api
    client.raise_request_exception = False
    response = client.get(f"/api/decisions/?{name}={number}")
    assert response.status_code in (200, 400)
