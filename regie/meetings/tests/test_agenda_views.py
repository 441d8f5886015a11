from datetime import timedelta

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality
from regie.meetings.models import AgendaItem, Meeting
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    secretary = factories.person(role="secretary")
    member = factories.person()
    outsider = factories.person()
    body = factories.body(
        secretary=secretary,
        members=[member],
        name="Directeurenoverleg",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    meeting = factories.meeting(body=body)
    item = factories.agenda_item(meeting=meeting, title="Geheim punt <script>x()</script>")
    return secretary, member, outsider, body, meeting, item


def test_members_see_the_agenda_escaped_and_outsiders_get_404(client, world):
    _secretary, member, outsider, body, meeting, _item = world
    client.force_login(member.user)
    response = client.get(f"/vergaderingen/{meeting.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geheim punt &lt;script&gt;" in html
    assert "<script>x()" not in html
    assert "Agendapunt toevoegen" not in html  # members do not edit
    client.force_login(outsider.user)
    assert client.get(f"/vergaderingen/{meeting.pk}/").status_code == 404
    assert client.get(f"/vergaderingen/gremia/{body.pk}/").status_code == 404
    assert "Directeurenoverleg" not in client.get("/vergaderingen/gremia/").content.decode()


def test_only_the_secretary_changes_the_agenda(client, world):
    secretary, member, _outsider, _body, meeting, _item = world
    client.force_login(member.user)
    response = client.post(
        f"/vergaderingen/{meeting.pk}/agendapunt/",
        {
            "title": "Nieuw",
            "purpose": "decision",
            "duration_minutes": 10,
            "confidentiality": "internal",
        },
    )
    assert response.status_code == 403
    client.force_login(secretary.user)
    response = client.post(
        f"/vergaderingen/{meeting.pk}/agendapunt/",
        {
            "title": "Nieuw",
            "purpose": "decision",
            "duration_minutes": 10,
            "confidentiality": "internal",
        },
    )
    assert response.status_code == 302
    assert meeting.items.filter(title="Nieuw").exists()


def test_get_on_a_post_only_url_is_refused(client, world):
    secretary, *_rest, item = world
    client.force_login(secretary.user)
    assert client.get(f"/vergaderingen/agendapunt/{item.pk}/verplaatsen/").status_code == 405


def test_moving_with_htmx_returns_the_agenda_fragment(client, world):
    secretary, _m, _o, _b, meeting, item = world
    factories.agenda_item(meeting=meeting, title="Tweede")
    client.force_login(secretary.user)
    response = client.post(
        f"/vergaderingen/agendapunt/{item.pk}/verplaatsen/",
        {"direction": "down"},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="agenda"')
    assert html.index("Tweede") < html.index("Geheim punt")


def test_a_stale_item_edit_shows_the_other_version(client, world):
    secretary, _m, _o, _b, _meeting, item = world
    client.force_login(secretary.user)
    data = {
        "title": "Versie A",
        "purpose": "decision",
        "duration_minutes": 10,
        "confidentiality": "internal",
        "version": 1,
    }
    assert client.post(f"/vergaderingen/agendapunt/{item.pk}/", data).status_code == 302
    response = client.post(f"/vergaderingen/agendapunt/{item.pk}/", {**data, "title": "Versie B"})
    assert response.status_code == 409
    assert "Iemand anders" in response.content.decode()
    assert AgendaItem.objects.get(pk=item.pk).title == "Versie A"


def test_sending_the_agenda_through_the_status_form(client, world):
    secretary, _m, _o, _b, meeting, _item = world
    client.force_login(secretary.user)
    client.post(
        f"/vergaderingen/{meeting.pk}/status/",
        {"to_status": "agenda_sent", "version": meeting.version},
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT


def test_the_meeting_page_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    secretary, _m, _o, _b, meeting, _item = world
    client.force_login(secretary.user)
    for _n in range(10):
        factories.agenda_item(meeting=meeting, presenter=secretary)
    with django_assert_max_num_queries(30) as small:
        client.get(f"/vergaderingen/{meeting.pk}/")
    for _n in range(30):
        factories.agenda_item(meeting=meeting, presenter=secretary)
    with django_assert_max_num_queries(30) as large:
        client.get(f"/vergaderingen/{meeting.pk}/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_body_pages_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    secretary, _m, _o, body, _meeting, _item = world
    client.force_login(secretary.user)

    def add(n):
        for i in range(n):
            factories.meeting(body=body, starts_at=timezone.now() - timedelta(days=i + 1))

    add(5)
    with django_assert_max_num_queries(20) as small:
        client.get(f"/vergaderingen/gremia/{body.pk}/")
        client.get("/vergaderingen/gremia/")
    add(40)
    with django_assert_max_num_queries(20) as large:
        client.get(f"/vergaderingen/gremia/{body.pk}/")
        client.get("/vergaderingen/gremia/")
    assert len(large.captured_queries) == len(small.captured_queries)
