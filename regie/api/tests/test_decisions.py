import pytest

from regie.api.tests.conftest import count_queries, decision
from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_it_answers_401_without_a_token(client):
    assert client.get("/api/decisions/").status_code == 401


def test_a_decision_of_a_confidential_body_is_404_for_a_non_member(world, as_person):
    secret = decision(meeting=factories.meeting(body=world.confidential), text="Ontslag directeur")
    response = as_person(world.outsider).get(f"/api/decisions/{secret.pk}/")
    assert response.status_code == 404
    assert "Ontslag" not in response.content.decode()
    assert as_person(world.secretary).get(f"/api/decisions/{secret.pk}/").status_code == 200


def test_a_confidential_decision_of_an_internal_body_is_hidden_from_non_members(world, as_person):
    meeting = factories.meeting(body=world.internal)
    shown = decision(meeting=meeting, text="Begroting vastgesteld")
    decision(meeting=meeting, text="Personele zaak", confidentiality=Confidentiality.CONFIDENTIAL)
    listed = as_person(world.outsider).get("/api/decisions/").json()["results"]
    assert [row["id"] for row in listed] == [shown.pk]


def test_the_register_filters_by_body_year_and_text(world, as_person):
    meeting = factories.meeting(body=world.internal)
    hit = decision(meeting=meeting, text="Subsidie verleend aan de bibliotheek", year=2025)
    decision(meeting=meeting, text="Subsidie verleend aan het museum", year=2024)
    decision(meeting=factories.meeting(body=world.public), text="Subsidie bibliotheek", year=2025)
    client = as_person(world.outsider)
    url = f"/api/decisions/?body={world.internal.pk}&year=2025&q=bibliotheek"
    assert [row["id"] for row in client.get(url).json()["results"]] == [hit.pk]
    by_number = client.get(f"/api/decisions/?q={hit.number}").json()["results"]
    assert [row["id"] for row in by_number] == [hit.pk]


def test_a_year_that_is_not_a_number_gets_a_dutch_400(world, as_person):
    response = as_person(world.outsider).get("/api/decisions/?year=vorig")
    assert response.status_code == 400
    assert response.json() == {"year": ["Geef het jaar op als getal."]}


def test_the_list_costs_the_same_number_of_queries_for_50_and_100_decisions(world, as_person):
    client = as_person(world.member)
    meeting = factories.meeting(body=world.confidential)
    for _ in range(50):
        decision(meeting=meeting)
    count_queries(client, "/api/decisions/?limit=200")
    fifty, _ = count_queries(client, "/api/decisions/?limit=200")
    other = factories.meeting(body=world.internal)
    for _ in range(50):
        decision(meeting=other)
    hundred, response = count_queries(client, "/api/decisions/?limit=200")
    assert response.json()["count"] == 100
    assert fifty == hundred <= 6
