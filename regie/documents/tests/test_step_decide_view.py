from datetime import date

import pytest

from regie.core.models import Confidentiality
from regie.documents.models import ReviewStep
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def author():
    return factories.person()


@pytest.fixture
def lead():
    return factories.person(role="team_lead")


def _steps(body, author, lead, **kw):
    document = f.document(body=body, author=author, **kw)
    route = f.route(
        document=document,
        target_date=date(2099, 1, 5),
        steps=[
            ("auteur", author, 6, date(2098, 12, 1)),
            ("teamleider", lead, 3, date(2098, 12, 20)),
        ],
    )
    return list(route.steps.order_by("position"))


@pytest.fixture
def steps(secretary, author, lead):
    return _steps(factories.body(secretary=secretary), author, lead)


def _url(step):
    return f"/stukken/stap/{step.pk}/"


def test_the_reviewer_approves(client, author, steps):
    client.force_login(author.user)
    response = client.post(_url(steps[0]), {"decision": "approve", "comment": "klaar"})
    assert response.status_code == 302
    steps[0].refresh_from_db()
    assert steps[0].status == ReviewStep.Status.APPROVED


def test_the_reviewer_returns_with_a_comment(client, author, lead, steps):
    steps[0].status = ReviewStep.Status.APPROVED
    steps[0].save()
    client.force_login(lead.user)
    client.post(_url(steps[1]), {"decision": "return", "comment": "Graag aanvullen"})
    assert list(ReviewStep.objects.order_by("position").values_list("status", flat=True)) == [
        "pending",
        "returned",
    ]


def test_returning_without_a_comment_shows_a_message_and_changes_nothing(client, lead, steps):
    steps[0].status = ReviewStep.Status.APPROVED
    steps[0].save()
    client.force_login(lead.user)
    response = client.post(_url(steps[1]), {"decision": "return", "comment": ""}, follow=True)
    assert "Geef bij terugsturen een opmerking." in response.content.decode()
    steps[1].refresh_from_db()
    assert steps[1].status == ReviewStep.Status.PENDING


def test_a_step_that_is_not_yet_its_turn_is_refused_with_a_message(client, lead, steps):
    client.force_login(lead.user)
    response = client.post(_url(steps[1]), {"decision": "approve"}, follow=True)
    assert "nog niet aan de beurt" in response.content.decode()
    assert not ReviewStep.objects.filter(status="approved").exists()


def test_others_who_see_the_stuk_get_403(client, lead, steps):
    client.force_login(lead.user)  # a reviewer, but of another step
    assert client.post(_url(steps[0]), {"decision": "approve"}).status_code == 403
    client.force_login(factories.person().user)
    assert client.post(_url(steps[0]), {"decision": "approve"}).status_code == 403
    assert not ReviewStep.objects.filter(status="approved").exists()


def test_those_who_may_not_see_the_stuk_get_404(client, secretary, author, lead):
    secret = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    hidden = _steps(secret, author, lead, confidentiality="confidential")
    client.force_login(lead.user)
    assert client.post(_url(hidden[0]), {"decision": "approve"}).status_code == 404


def test_an_unknown_decision_changes_nothing(client, author, steps):
    client.force_login(author.user)
    client.post(_url(steps[0]), {"decision": "weggooien"})
    steps[0].refresh_from_db()
    assert steps[0].status == ReviewStep.Status.PENDING


def test_it_rejects_get(client, author, steps):
    client.force_login(author.user)
    assert client.get(_url(steps[0])).status_code == 405
