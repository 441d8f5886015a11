import pytest

from regie.api.tests.conftest import count_queries, proposal
from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_it_answers_401_without_a_token(client):
    assert client.get("/api/proposals/").status_code == 401


def test_a_confidential_proposal_is_seen_only_by_members_of_a_body_on_its_route(world, as_person):
    secret = proposal(
        bodies=[world.confidential],
        title="Fusie",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    response = as_person(world.outsider).get(f"/api/proposals/{secret.pk}/")
    assert response.status_code == 404
    assert "Fusie" not in response.content.decode()
    assert as_person(world.member).get(f"/api/proposals/{secret.pk}/").status_code == 200


def test_a_proposal_shows_its_route_in_order(world, as_person):
    travelling = proposal(bodies=[world.internal, world.public], title="Visie", owner=world.member)
    data = as_person(world.outsider).get(f"/api/proposals/{travelling.pk}/").json()
    assert data["owner"]["id"] == world.member.pk
    assert [(s["position"], s["body"]["name"], s["outcome"]) for s in data["steps"]] == [
        (1, "Intern overleg", "pending"),
        (2, "Open overleg", "pending"),
    ]


def test_the_list_costs_the_same_number_of_queries_for_50_and_100_proposals(world, as_person):
    client = as_person(world.outsider)
    for n in range(50):
        proposal(bodies=[world.internal, world.public], title=f"Voorstel {n}", owner=world.member)
    count_queries(client, "/api/proposals/?limit=200")
    fifty, _ = count_queries(client, "/api/proposals/?limit=200")
    for n in range(50):
        body = factories.body()
        proposal(bodies=[body, world.public], title=f"Voorstel {n}", owner=world.member)
    hundred, response = count_queries(client, "/api/proposals/?limit=200")
    assert response.json()["count"] == 100
    assert fifty == hundred <= 7
