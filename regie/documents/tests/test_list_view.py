import pytest

from regie.core.models import Confidentiality
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db
URL = "/stukken/"


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_it_lists_visible_stukken_only(client, secretary, body):
    f.document(body=body, title="Jaarplan 2027")
    secret_body = factories.body(confidentiality=Confidentiality.CONFIDENTIAL)
    f.document(body=secret_body, title="Geheime nota", confidentiality="confidential")
    client.force_login(factories.person().user)
    page = client.get(URL).content.decode()
    assert "Jaarplan 2027" in page
    assert "Geheime nota" not in page


def test_it_searches_by_title_and_filters_by_body(client, secretary, body):
    other = factories.body(name="Stuurgroep Water")
    f.document(body=body, title="Jaarplan 2027")
    f.document(body=other, title="Jaarverslag water")
    f.document(body=body, title="Begroting")
    client.force_login(secretary.user)
    page = client.get(URL, {"q": "jaar"}).content.decode()
    assert "Jaarplan 2027" in page and "Jaarverslag water" in page and "Begroting" not in page
    page = client.get(URL, {"q": "jaar", "gremium": other.pk}).content.decode()
    assert "Jaarverslag water" in page and "Jaarplan 2027" not in page


def test_a_nonsense_filter_is_ignored(client, secretary, body):
    f.document(body=body, title="Jaarplan 2027")
    client.force_login(secretary.user)
    response = client.get(URL, {"gremium": "abc", "pagina": "zzz"})
    assert response.status_code == 200
    assert "Jaarplan 2027" in response.content.decode()


def test_titles_are_escaped(client, secretary, body):
    f.document(body=body, title="<script>alert(1)</script>")
    client.force_login(secretary.user)
    page = client.get(URL).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_it_is_paginated_and_keeps_the_filters(client, secretary, body):
    for n in range(55):
        f.document(body=body, title=f"Nota {n:02d}", versions=0)
    client.force_login(secretary.user)
    page = client.get(URL, {"q": "Nota", "gremium": body.pk}).content.decode()
    assert "Pagina 1 van 2" in page
    assert f"q=Nota&amp;gremium={body.pk}&amp;pagina=2" in page


def test_the_number_of_queries_does_not_grow_with_the_data(
    client, secretary, body, django_assert_max_num_queries
):
    def fill(n):
        for _ in range(n):
            f.document(body=body, author=secretary, versions=2)

    client.force_login(secretary.user)
    fill(30)
    with django_assert_max_num_queries(12) as first:
        client.get(URL)
    fill(30)
    with django_assert_max_num_queries(12) as second:
        client.get(URL)
    assert len(second) == len(first)
