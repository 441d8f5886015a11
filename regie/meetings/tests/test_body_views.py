from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.core.models import Body, BodyMembership, Confidentiality
from regie.meetings.models import Meeting
from regie.testing import factories
from regie.testing import meetings_factories as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return mf.body_world(name="Stuurgroep Klimaat", confidentiality=Confidentiality.CONFIDENTIAL)


def test_the_list_shows_visible_bodies_with_their_next_meeting(client, world):
    factories.meeting(body=world.body, starts_at=mf.future(3))
    client.force_login(world.member.user)
    html = client.get("/vergaderingen/gremia/").content.decode()
    assert "Stuurgroep Klimaat" in html
    client.force_login(world.outsider.user)
    html = client.get("/vergaderingen/gremia/").content.decode()
    assert "Stuurgroep Klimaat" not in html


def test_the_body_page_shows_members_settings_and_meetings(client, world):
    factories.meeting(body=world.body, starts_at=mf.future(3))
    client.force_login(world.member.user)
    response = client.get(f"/vergaderingen/gremia/{world.body.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert world.external.name in html and "werkdagen vóór de vergadering" in html
    assert "Vergadering plannen" not in html  # members do not plan
    client.force_login(world.outsider.user)
    assert client.get(f"/vergaderingen/gremia/{world.body.pk}/").status_code == 404


def test_only_managers_edit_a_body(client, world):
    edit = f"/vergaderingen/gremia/{world.body.pk}/instellingen/"
    client.force_login(world.member.user)
    assert client.get(edit).status_code == 403
    assert client.post(edit, {}).status_code == 403
    client.force_login(world.secretary.user)
    assert client.get(edit).status_code == 200
    response = client.post(
        edit,
        {
            "chair": world.chair.pk,
            "secretary": world.secretary.pk,
            "documents_due_working_days": 3,
            "default_duration_minutes": 60,
            "default_agenda": "Opening\nVorig verslag\nRondvraag",
        },
    )
    assert response.status_code == 302
    body = Body.objects.get(pk=world.body.pk)
    assert body.default_agenda == ["Opening", "Vorig verslag", "Rondvraag"]
    assert body.documents_due_working_days == 3


def test_adding_and_removing_a_member_through_the_page(client, world):
    guest = factories.person(role="external_member")
    members = f"/vergaderingen/gremia/{world.body.pk}/leden/"
    client.force_login(world.secretary.user)
    client.post(members, {"action": "add", "person": guest.pk, "role": "advisor"})
    assert BodyMembership.objects.get(body=world.body, person=guest).role == "advisor"
    client.post(members, {"action": "remove", "person": guest.pk})
    assert not BodyMembership.objects.filter(body=world.body, person=guest).exists()


def test_planning_a_meeting_in_the_past_gives_a_message_and_stores_nothing(client, world):
    client.force_login(world.secretary.user)
    response = client.post(
        f"/vergaderingen/gremia/{world.body.pk}/nieuw/",
        {
            "starts_at": (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M"),
            "duration_minutes": 60,
        },
    )
    assert response.status_code == 400
    assert "verleden" in response.content.decode()
    assert not Meeting.objects.exists()


def test_the_series_preview_marks_koningsdag_before_anything_is_saved(client, world):
    year = timezone.localdate().year + 1
    while date(year, 4, 27).weekday() > 4:
        year += 1
    koningsdag = date(year, 4, 27)
    data = {
        "first_day": (koningsdag - timedelta(days=7)).isoformat(),
        "until": (koningsdag + timedelta(days=7)).isoformat(),
        "weekday": koningsdag.weekday(),
        "pattern": "weeks",
        "number": 1,
        "start_time": "10:00",
        "duration_minutes": 90,
        "location": "",
    }
    client.force_login(world.secretary.user)
    response = client.post(f"/vergaderingen/gremia/{world.body.pk}/reeks/", data)
    html = response.content.decode()
    assert "verschoven i.v.m. Koningsdag" in html
    assert not Meeting.objects.exists()
    response = client.post(
        f"/vergaderingen/gremia/{world.body.pk}/reeks/", {**data, "confirm": "1"}
    )
    assert response.status_code == 302
    assert Meeting.objects.filter(body=world.body).count() == 3


def test_the_body_pages_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.secretary.user)
    for n in range(5):
        factories.body(members=[world.member], name=f"Overleg {n}")

    def add(n):
        mf.meetings(body=world.body, count=n, start=mf.past(7 * n + 7))
        mf.meetings(body=world.body, count=n, start=mf.future(1))

    add(10)
    with django_assert_max_num_queries(20) as small:
        client.get(f"/vergaderingen/gremia/{world.body.pk}/")
        client.get("/vergaderingen/gremia/")
    add(30)
    with django_assert_max_num_queries(20) as large:
        client.get(f"/vergaderingen/gremia/{world.body.pk}/")
        client.get("/vergaderingen/gremia/")
    assert len(large.captured_queries) == len(small.captured_queries)
