from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action, ProgressNote
from regie.api.tests.conftest import count_queries
from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_it_answers_401_without_a_token(client):
    assert client.get("/api/actions/").status_code == 401


def test_an_action_of_a_confidential_body_is_404_for_a_non_member(world, as_person):
    secret = factories.action(
        owner=world.member, body=world.confidential, title="Gesprek met de wethouder"
    )
    response = as_person(world.outsider).get(f"/api/actions/{secret.pk}/")
    assert response.status_code == 404
    assert "wethouder" not in response.content.decode()


def test_the_owner_always_sees_their_own_action(world, as_person):
    mine = factories.action(owner=world.outsider, body=world.confidential)
    assert as_person(world.outsider).get(f"/api/actions/{mine.pk}/").status_code == 200


def test_the_detail_shows_progress_notes_in_order(world, as_person):
    action = factories.action(owner=world.member, body=world.internal)
    ProgressNote.objects.create(action=action, author=world.member, text="Eerste stap")
    ProgressNote.objects.create(action=action, author=world.secretary, text="Tweede stap")
    data = as_person(world.member).get(f"/api/actions/{action.pk}/").json()
    assert [n["text"] for n in data["notes"]] == ["Eerste stap", "Tweede stap"]
    assert data["notes"][1]["author"]["name"] == world.secretary.name


def test_the_list_filters_by_body_owner_status_and_overdue(world, as_person):
    today = timezone.localdate()
    late = factories.action(
        owner=world.member, body=world.internal, due_date=today - timedelta(days=3)
    )
    busy = factories.action(
        owner=world.member, body=world.internal, status=Action.Status.IN_PROGRESS
    )
    factories.action(owner=world.secretary, body=world.internal)
    factories.action(owner=world.member, body=world.public)
    factories.action(
        owner=world.member,
        body=world.internal,
        status=Action.Status.DONE,
        due_date=today - timedelta(days=3),
    )
    client = as_person(world.outsider)

    def ids(query):
        response = client.get(f"/api/actions/?{query}")
        assert response.status_code == 200, response.content
        return {row["id"] for row in response.json()["results"]}

    base = f"body={world.internal.pk}&owner={world.member.pk}"
    assert ids(f"{base}&overdue=true") == {late.pk}
    assert ids(f"{base}&status=in_progress") == {busy.pk}
    assert ids(f"{base}&status=open,in_progress") == {late.pk, busy.pk}
    late_row = client.get(f"/api/actions/{late.pk}/").json()
    assert late_row["is_overdue"] is True


def test_an_unknown_status_filter_gets_a_dutch_400(world, as_person):
    response = as_person(world.outsider).get("/api/actions/?status=klaar")
    assert response.status_code == 400
    assert response.json() == {"status": ["Onbekende status: klaar."]}


def test_a_confidential_action_of_an_internal_body_is_hidden(world, as_person):
    factories.action(
        owner=world.member, body=world.internal, confidentiality=Confidentiality.CONFIDENTIAL
    )
    assert as_person(world.outsider).get("/api/actions/").json()["count"] == 0


def test_the_list_costs_the_same_number_of_queries_for_50_and_100_actions(world, as_person):
    client = as_person(world.secretary)
    for _ in range(50):
        factories.action(owner=factories.person(), body=world.confidential)
    count_queries(client, "/api/actions/?limit=200")
    fifty, _ = count_queries(client, "/api/actions/?limit=200")
    for _ in range(50):
        factories.action(owner=factories.person(), body=factories.body())
    hundred, response = count_queries(client, "/api/actions/?limit=200")
    assert response.json()["count"] == 100
    assert fifty == hundred <= 6
