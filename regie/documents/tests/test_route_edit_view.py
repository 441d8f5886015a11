from datetime import date

import pytest

from regie.core.models import Confidentiality
from regie.documents.models import ReviewRoute, ReviewStep
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary", name="Sanne Secretaris")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary, documents_due_working_days=5)


@pytest.fixture
def author():
    return factories.person(name="Anna Auteur")


@pytest.fixture
def document(body, author):
    return f.document(body=body, author=author)


def _url(document):
    return f"/stukken/{document.pk}/routering/"


def _data(author, secretary, **kw):
    return {
        "target_date": "2028-05-02",
        "target_label": "DO 2 mei",
        "reviewer_0": author.pk,
        "days_0": 11,
        "reviewer_1": "",
        "days_1": 9,
        "reviewer_2": "",
        "days_2": 7,
        "reviewer_3": secretary.pk,
        "days_3": 5,
    } | kw


def test_it_shows_the_default_steps_with_an_explanation(client, author, document):
    client.force_login(author.user)
    page = client.get(_url(document)).content.decode()
    assert "teamleider: akkoord" in page
    assert "werkdagen" in page
    assert "5 werkdagen vóór de vergadering" in page
    assert 'name="days_0" value="11"' in page


def test_the_author_sets_the_route(client, author, secretary, document):
    client.force_login(author.user)
    response = client.post(_url(document), _data(author, secretary))
    assert response.status_code == 302
    steps = list(ReviewStep.objects.order_by("position"))
    assert [s.due_date for s in steps] == [
        date(2028, 4, 12),
        date(2028, 4, 18),
        date(2028, 4, 20),
        date(2028, 4, 24),
    ]
    assert steps[0].reviewer == author and steps[1].reviewer is None
    assert steps[3].reviewer == secretary


def test_the_form_is_filled_from_the_existing_route(client, author, secretary, document):
    client.force_login(author.user)
    client.post(_url(document), _data(author, secretary, days_1=8))
    page = client.get(_url(document)).content.decode()
    assert 'value="2028-05-02"' in page
    assert 'name="days_1" value="8"' in page
    assert "opnieuw vastleggen" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"days_1": 12}, "minder werkdagen"),
        ({"target_date": "2020-01-06"}, "verleden"),
        ({"reviewer_1": "abc"}, "Selecteer een geldige keuze"),
        ({"reviewer_1": "999999"}, "Selecteer een geldige keuze"),
        ({"days_0": "-1"}, "minstens 0"),
        ({"target_date": "morgen"}, "geldige datum"),
    ],
)
def test_bad_input_gets_a_message_and_changes_nothing(
    client, author, secretary, document, changes, message
):
    client.force_login(author.user)
    response = client.post(_url(document), _data(author, secretary, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ReviewRoute.objects.exists()


def test_others_who_see_the_stuk_get_403(client, author, secretary, document):
    client.force_login(factories.person().user)
    assert client.get(_url(document)).status_code == 403
    assert client.post(_url(document), _data(author, secretary)).status_code == 403
    assert not ReviewRoute.objects.exists()


def test_those_who_may_not_see_the_stuk_get_404(client, secretary):
    secret = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    document = f.document(body=secret, confidentiality="confidential")
    client.force_login(factories.person().user)
    assert client.get(_url(document)).status_code == 404
