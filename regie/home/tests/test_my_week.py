from datetime import timedelta

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary", username="sanne")


def test_it_shows_my_open_actions_with_overdue_marked(client, secretary):
    today = timezone.localdate()
    body = factories.body(secretary=secretary)
    factories.action(
        owner=secretary,
        body=body,
        title="Notitie sturen",
        raised_on=today - timedelta(days=30),
        due_date=today - timedelta(days=2),
    )
    factories.action(
        owner=secretary, body=body, title="Later werk", due_date=today + timedelta(days=60)
    )
    client.force_login(secretary.user)
    html = client.get("/").content.decode()
    assert "Notitie sturen" in html
    assert "te laat" in html
    assert "Later werk" not in html


def test_it_shows_meetings_of_my_bodies_and_their_stukken_deadline(client, secretary):
    body = factories.body(
        secretary=secretary, name="Directeurenoverleg", documents_due_working_days=5
    )
    factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=3))
    factories.meeting(
        body=factories.body(name="Ander overleg"), starts_at=timezone.now() + timedelta(days=3)
    )
    client.force_login(secretary.user)
    html = client.get("/").content.decode()
    assert "Directeurenoverleg" in html
    assert "Ander overleg" not in html


def test_its_query_count_does_not_grow_with_data(client, secretary, django_assert_max_num_queries):
    body = factories.body(secretary=secretary)
    today = timezone.localdate()

    def add(n):
        for i in range(n):
            factories.action(owner=secretary, body=body, due_date=today + timedelta(days=1))
            factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=1, hours=i))

    client.force_login(secretary.user)
    add(5)
    with django_assert_max_num_queries(20) as small:
        client.get("/")
    add(30)
    with django_assert_max_num_queries(20) as large:
        client.get("/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_search_finds_visible_titles_only_and_escapes_them(client, secretary):
    outsider = factories.person()
    secret_body = factories.body(confidentiality=Confidentiality.CONFIDENTIAL, secretary=secretary)
    open_body = factories.body(confidentiality=Confidentiality.INTERNAL)
    factories.action(
        owner=secretary,
        body=secret_body,
        title="Fusie <script>alert(1)</script>",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    factories.action(owner=secretary, body=open_body, title="Fusie openbaar")
    client.force_login(outsider.user)
    html = client.get("/zoeken/", {"q": "fusie"}).content.decode()
    assert "Fusie openbaar" in html
    assert "alert(1)" not in html
    client.force_login(secretary.user)
    html = client.get("/zoeken/", {"q": "fusie"}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


def test_search_asks_for_at_least_two_characters(client, secretary):
    client.force_login(secretary.user)
    assert "minstens twee tekens" in client.get("/zoeken/", {"q": "a"}).content.decode()


def test_an_english_browser_still_gets_dutch_dates(client, secretary):
    body = factories.body(secretary=secretary, name="Directeurenoverleg")
    factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=2))
    client.force_login(secretary.user)
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="nl"' in html
    months = ("January", "February", "March", "April", "May", "June", "July", "August")
    months += ("September", "October", "November", "December")
    assert not any(month in html for month in months)
    assert "Week van" in html


def test_django_strings_without_a_dutch_translation_get_ours():
    from django.db.models.fields import BLANK_CHOICE_LABEL
    from django.utils import translation

    with translation.override("nl"):
        assert str(BLANK_CHOICE_LABEL) == "– maak een keuze –"
