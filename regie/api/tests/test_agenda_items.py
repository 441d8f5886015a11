import pytest

from regie.api.tests.conftest import count_queries
from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_it_answers_401_without_a_token(client):
    assert client.get("/api/agenda-items/").status_code == 401


def test_a_confidential_item_in_an_internal_meeting_is_hidden_from_non_members(world, as_person):
    meeting = factories.meeting(body=world.internal)
    open_item = factories.agenda_item(meeting=meeting, title="Begroting")
    secret = factories.agenda_item(
        meeting=meeting, title="Reorganisatie", confidentiality=Confidentiality.CONFIDENTIAL
    )
    client = as_person(world.outsider)
    listed = client.get(f"/api/agenda-items/?meeting={meeting.pk}").json()["results"]
    assert [row["id"] for row in listed] == [open_item.pk]
    response = client.get(f"/api/agenda-items/{secret.pk}/")
    assert response.status_code == 404
    assert "Reorganisatie" not in response.content.decode()


def test_a_member_reads_an_item_with_its_presenter(world, as_person):
    meeting = factories.meeting(body=world.confidential)
    item = factories.agenda_item(
        meeting=meeting, title="<script>alert(1)</script>", presenter=world.member
    )
    response = as_person(world.member).get(f"/api/agenda-items/{item.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "<script>alert(1)</script>"
    assert data["presenter"] == {"id": world.member.pk, "name": world.member.name}
    assert data["meeting"] == meeting.pk


def test_the_list_costs_the_same_number_of_queries_for_50_and_100_items(world, as_person):
    client = as_person(world.member)
    meeting = factories.meeting(body=world.confidential)
    for n in range(50):
        factories.agenda_item(meeting=meeting, position=n, presenter=factories.person())
    count_queries(client, "/api/agenda-items/?limit=200")
    fifty, _ = count_queries(client, "/api/agenda-items/?limit=200")
    for n in range(50):
        factories.agenda_item(meeting=meeting, position=50 + n, presenter=factories.person())
    hundred, response = count_queries(client, "/api/agenda-items/?limit=200")
    assert response.json()["count"] == 100
    assert fifty == hundred <= 6
