from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action, ProgressNote
from regie.core.models import Confidentiality
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    secretary = factories.person(role="secretary")
    owner = factories.person(name="Olga Eigenaar")
    other = factories.person()
    body = factories.body(secretary=secretary, members=[owner])
    today = timezone.localdate()
    late = factories.action(
        owner=owner,
        body=body,
        title="Te late notitie",
        raised_on=today - timedelta(days=30),
        due_date=today - timedelta(days=3),
    )
    soon = factories.action(
        owner=owner, body=body, title="Binnenkort", due_date=today + timedelta(days=1)
    )
    later = factories.action(
        owner=owner,
        body=body,
        title="Veel later",
        due_date=today + timedelta(days=40),
        is_commitment=True,
    )
    return secretary, owner, other, body, late, soon, later


def test_filters_open_overdue_and_this_week(client, world):
    _s, owner, _o, body, *_ = world
    client.force_login(owner.user)
    overdue = client.get("/acties/mijn/", {"filter": "overdue"}).content.decode()
    assert "Te late notitie" in overdue and "Binnenkort" not in overdue
    assert "te laat" in overdue
    body_list = client.get(f"/acties/gremium/{body.pk}/").content.decode()
    assert "Bestuurlijke afspraken" in body_list
    assert body_list.index("Veel later") > body_list.index("Bestuurlijke afspraken")


def test_the_owner_closes_an_action_with_a_note(client, world):
    _s, owner, _o, _b, late, *_ = world
    client.force_login(owner.user)
    response = client.post(
        f"/acties/{late.pk}/status/",
        {"status": "done", "note": "Verstuurd", "version": late.version},
    )
    assert response.status_code == 302
    late.refresh_from_db()
    assert late.status == Action.Status.DONE and late.closed_on == timezone.localdate()
    assert ProgressNote.objects.get(action=late).text == "Verstuurd"


def test_a_stale_status_change_is_refused_and_shows_the_current_state(client, world):
    _s, owner, _o, _b, late, *_ = world
    client.force_login(owner.user)
    client.post(f"/acties/{late.pk}/status/", {"status": "in_progress", "version": 1})
    response = client.post(
        f"/acties/{late.pk}/status/", {"status": "cancelled", "note": "mijn tekst", "version": 1}
    )
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders" in html and "mijn tekst" in html
    late.refresh_from_db()
    assert late.status == Action.Status.IN_PROGRESS


def test_others_may_not_change_an_action_nor_see_a_confidential_one(client, world):
    secretary, owner, other, _body, late, *_ = world
    client.force_login(other.user)
    assert (
        client.post(f"/acties/{late.pk}/status/", {"status": "done", "version": 1}).status_code
        == 403
    )
    secret = factories.action(
        owner=owner,
        body=factories.body(confidentiality=Confidentiality.CONFIDENTIAL, secretary=secretary),
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    assert client.get(f"/acties/{secret.pk}/").status_code == 404


def test_a_new_action_with_a_date_in_the_past_is_refused(client, world):
    secretary, owner, *_ = world
    client.force_login(secretary.user)
    before = Action.objects.count()
    response = client.post(
        "/acties/nieuw/",
        {
            "title": "Iets",
            "owner": owner.pk,
            "due_date": (timezone.localdate() - timedelta(days=1)).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "De uiterste datum ligt in het verleden." in response.content.decode()
    assert Action.objects.count() == before


def test_list_query_counts_do_not_grow(client, world, django_assert_max_num_queries):
    _s, owner, _o, body, *_ = world
    client.force_login(owner.user)
    urls = ["/acties/", "/acties/mijn/", f"/acties/gremium/{body.pk}/"]

    def add(n):
        for _ in range(n):
            factories.action(owner=owner, body=body, due_date=timezone.localdate())

    add(20)
    with django_assert_max_num_queries(30) as small:
        for url in urls:
            client.get(url)
    add(60)
    with django_assert_max_num_queries(30) as large:
        for url in urls:
            client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)
