import pytest

from regie.api.tests.conftest import count_queries
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_it_answers_401_without_a_token(client):
    assert client.get("/api/meetings/").status_code == 401


def test_a_meeting_of_a_confidential_body_is_404_for_a_non_member(world, as_person):
    meeting = factories.meeting(body=world.confidential, title="Geheime sessie")
    response = as_person(world.outsider).get(f"/api/meetings/{meeting.pk}/")
    assert response.status_code == 404
    assert "Geheime sessie" not in response.content.decode()
    listed = as_person(world.outsider).get("/api/meetings/").json()["results"]
    assert meeting.pk not in {row["id"] for row in listed}


def test_a_member_reads_the_meeting_with_its_body(world, as_person):
    meeting = factories.meeting(body=world.confidential, title="Geheime sessie")
    response = as_person(world.member).get(f"/api/meetings/{meeting.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Geheime sessie"
    assert data["body"] == {
        "id": world.confidential.pk,
        "name": "Geheim overleg",
        "code": world.confidential.code,
    }
    assert data["status"] == "draft"


def test_the_list_filters_by_body(world, as_person):
    mine = factories.meeting(body=world.internal)
    factories.meeting(body=world.public)
    response = as_person(world.outsider).get(f"/api/meetings/?body={world.internal.pk}")
    assert [row["id"] for row in response.json()["results"]] == [mine.pk]


def test_a_body_filter_that_is_not_a_number_gets_a_dutch_400(world, as_person):
    response = as_person(world.outsider).get("/api/meetings/?body=abc")
    assert response.status_code == 400
    assert response.json() == {"body": ["Geef het gremium op als nummer."]}


def test_the_list_costs_the_same_number_of_queries_for_50_and_100_meetings(world, as_person):
    client = as_person(world.member)
    for _ in range(50):
        factories.meeting(body=world.confidential)
    count_queries(client, "/api/meetings/?limit=200")
    fifty, _ = count_queries(client, "/api/meetings/?limit=200")
    for _ in range(50):
        factories.meeting(body=world.internal)
    hundred, response = count_queries(client, "/api/meetings/?limit=200")
    assert response.json()["count"] == 100
    assert fifty == hundred <= 6


def test_the_list_is_paginated(world, as_person):
    for _ in range(3):
        factories.meeting(body=world.public)
    data = as_person(world.outsider).get("/api/meetings/?limit=2").json()
    assert data["count"] == 3
    assert len(data["results"]) == 2
    assert "offset=2" in data["next"]
