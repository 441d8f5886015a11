from datetime import timedelta

import pytest
from django.utils import timezone

from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db
URL = "/stukken/routering/"


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


def _late(body, title, reviewer=None, days_late=2):
    today = timezone.localdate()
    document = f.document(body=body, title=title, versions=0)
    f.route(
        document=document,
        target_date=today + timedelta(days=10),
        steps=[("teamleider", reviewer, 5, today - timedelta(days=days_late))],
    )


def test_the_secretary_sees_late_and_due_soon_steps_of_their_bodies(client, secretary, body):
    _late(body, "Te late nota")
    _late(body, "Bijna klaar", days_late=0)
    _late(factories.body(), "Van een ander gremium")
    client.force_login(secretary.user)
    page = client.get(URL).content.decode()
    late, soon = page.split("Binnen vijf werkdagen uiterlijk")
    assert "Te late nota" in late and "te laat" in late
    assert "Bijna klaar" in soon
    assert "Van een ander gremium" not in page


def test_a_reviewer_sees_what_waits_for_them_and_no_secretary_lists(client, body):
    reviewer = factories.person()
    _late(body, "Mijn beurt", reviewer=reviewer)
    client.force_login(reviewer.user)
    page = client.get(URL).content.decode()
    assert "Mijn beurt" in page
    assert "Te laat in mijn gremia" not in page


def test_the_number_of_queries_does_not_grow_with_the_data(
    client, secretary, body, django_assert_max_num_queries
):
    client.force_login(secretary.user)
    for n in range(20):
        _late(body, f"Nota {n}", reviewer=secretary, days_late=n % 3)
    with django_assert_max_num_queries(15) as first:
        client.get(URL)
    for n in range(20):
        _late(body, f"Nota {n}", reviewer=secretary, days_late=n % 3)
    with django_assert_max_num_queries(15) as second:
        client.get(URL)
    assert len(second) == len(first)
