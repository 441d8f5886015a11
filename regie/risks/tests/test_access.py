"""Every page of the register, opened by every role against a risk of a confidential body."""

import pytest
from django.urls import reverse
from django.utils import timezone

from regie.actions.models import Action
from regie.core.models import Body, Confidentiality, Person
from regie.risks.models import Measure, Risk
from regie.risks.tests import factories as rf
from regie.testing import factories

pytestmark = pytest.mark.django_db

MARKER = "ZETA-geheim"
LISTS = ["register", "heat_map", "due_for_review", "export"]
RISK_PAGES = ["detail", "edit", "measure_create"]
MEASURE_PAGES = ["measure_edit", "measure_action", "measure_source"]


@pytest.fixture
def matrix():
    secretary = factories.person(role=Person.Role.SECRETARY)
    member = factories.person()
    outsider = factories.person()  # internal staff, in no body
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER)
    factories.body(confidentiality=Confidentiality.INTERNAL, members=[external])
    body = factories.body(
        kind=Body.Kind.BO,
        confidentiality=Confidentiality.CONFIDENTIAL,
        secretary=secretary,
        members=[member],
    )
    risk = rf.risk(
        unit=factories.unit(),
        owner=member,
        body=body,
        title=f"Risico {MARKER}",
        confidentiality=Confidentiality.CONFIDENTIAL,
        review_date=timezone.localdate(),
    )
    measure = rf.measure(risk=risk, owner=member, text=f"Maatregel {MARKER}")
    return {
        "users": {"secretary": secretary, "outsider": outsider, "external": external},
        "risk": risk,
        "measure": measure,
    }


def _urls(matrix):
    yield from ((name, reverse(f"risks:{name}")) for name in LISTS)
    for name in RISK_PAGES:
        yield name, reverse(f"risks:{name}", args=[matrix["risk"].pk])
    for name in MEASURE_PAGES:
        yield name, reverse(f"risks:{name}", args=[matrix["measure"].pk])


@pytest.mark.parametrize("role", ["outsider", "external"])
def test_non_members_never_see_the_confidential_risk(client, matrix, role):
    client.force_login(matrix["users"][role].user)
    for name, url in _urls(matrix):
        response = client.get(url)
        if name in LISTS:
            assert response.status_code == 200, name
            assert MARKER.encode() not in response.content, name
        else:
            assert response.status_code in (403, 404, 405), (name, response.status_code)
        response = client.post(url, {"text": "x", "title": "x", "version": "1"})
        assert response.status_code in (403, 404, 405), (name, response.status_code)
    assert Risk.objects.get().title == f"Risico {MARKER}"
    assert Measure.objects.count() == 1 and not Action.objects.exists()


def test_the_secretary_of_the_body_gets_every_page(client, matrix):
    client.force_login(matrix["users"]["secretary"].user)
    for name, url in _urls(matrix):
        response = client.get(url)
        assert response.status_code in (200, 302, 405), (name, response.status_code)
        if name in ("register", "due_for_review", "detail"):
            assert MARKER.encode() in response.content, name


def test_anonymous_is_sent_to_the_login_page(client, matrix):
    for name, url in _urls(matrix):
        response = client.get(url)
        assert response.status_code == 302 and "/inloggen/" in response["Location"], name
