import pytest

from regie.api.tests.conftest import count_queries
from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_it_answers_401_without_a_token(client):
    response = client.get("/api/bodies/")
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


def test_a_wrong_token_is_refused_with_401(client):
    response = client.get("/api/bodies/", HTTP_AUTHORIZATION="Token onzin")
    assert response.status_code == 401


def test_an_employee_sees_public_and_internal_bodies_but_not_a_confidential_one(world, as_person):
    response = as_person(world.outsider).get("/api/bodies/")
    assert response.status_code == 200
    names = {row["name"] for row in response.json()["results"]}
    assert names == {"Open overleg", "Intern overleg"}


def test_a_confidential_body_of_another_is_404(world, as_person):
    response = as_person(world.outsider).get(f"/api/bodies/{world.confidential.pk}/")
    assert response.status_code == 404
    assert "Geheim" not in response.content.decode()


def test_a_member_sees_the_confidential_body_with_its_members(world, as_person):
    response = as_person(world.member).get(f"/api/bodies/{world.confidential.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["confidentiality"] == "confidential"
    assert data["secretary"]["id"] == world.secretary.pk
    assert {m["person"]["id"] for m in data["members"]} == {world.member.pk, world.secretary.pk}


def test_an_external_member_sees_only_public_bodies_and_their_own(world, as_person):
    response = as_person(world.external).get("/api/bodies/")
    assert {row["name"] for row in response.json()["results"]} == {"Open overleg"}


def test_the_list_costs_the_same_number_of_queries_for_50_and_100_bodies(world, as_person):
    client = as_person(world.secretary)

    def add(n):
        for _ in range(n):
            people = [factories.person(), factories.person()]
            factories.body(
                confidentiality=Confidentiality.INTERNAL, members=people, chair=people[0]
            )

    add(47)
    count_queries(client, "/api/bodies/?limit=200")
    fifty, response = count_queries(client, "/api/bodies/?limit=200")
    assert response.json()["count"] == 50
    add(50)
    hundred, response = count_queries(client, "/api/bodies/?limit=200")
    assert response.json()["count"] == 100
    assert fifty == hundred <= 8
