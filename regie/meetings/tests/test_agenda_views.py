from datetime import timedelta

import pytest

from regie.core.models import Confidentiality
from regie.documents.models import Document
from regie.meetings.models import AgendaItem, Meeting
from regie.testing import factories
from regie.testing import meetings_factories as mf

pytestmark = pytest.mark.django_db

ITEM = {
    "title": "Nieuw",
    "purpose": "decision",
    "duration_minutes": 10,
    "confidentiality": "internal",
}


@pytest.fixture
def world():
    world = mf.body_world(name="Directeurenoverleg", confidentiality=Confidentiality.CONFIDENTIAL)
    world.meeting = factories.meeting(body=world.body)
    world.item = factories.agenda_item(
        meeting=world.meeting, title="Geheim punt <script>x()</script>"
    )
    return world


def url(meeting, suffix=""):
    return f"/vergaderingen/{meeting.pk}/{suffix}"


def test_members_see_the_agenda_escaped_without_edit_controls(client, world):
    client.force_login(world.member.user)
    response = client.get(url(world.meeting))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Geheim punt &lt;script&gt;x()&lt;/script&gt;" in html
    assert "<script>x()" not in html
    assert "Agendapunt toevoegen" not in html
    assert "omhoog" not in html and "Volgende stap" not in html


def test_outsiders_get_404_for_the_meeting_and_its_items(client, world):
    client.force_login(world.outsider.user)
    assert client.get(url(world.meeting)).status_code == 404
    assert client.get(f"/vergaderingen/agendapunt/{world.item.pk}/").status_code == 404
    assert client.post(url(world.meeting, "agendapunt/"), ITEM).status_code == 404
    assert not world.meeting.items.filter(title="Nieuw").exists()


def test_a_confidential_item_is_hidden_from_an_internal_colleague(client):
    world = mf.body_world()
    meeting = factories.meeting(body=world.body)
    factories.agenda_item(meeting=meeting, title="Openbaar punt")
    factories.agenda_item(
        meeting=meeting, title="Reorganisatie", confidentiality=Confidentiality.CONFIDENTIAL
    )
    client.force_login(world.outsider.user)
    html = client.get(url(meeting)).content.decode()
    assert "Openbaar punt" in html and "Reorganisatie" not in html


def test_only_the_secretary_changes_the_agenda(client, world):
    client.force_login(world.member.user)
    assert client.post(url(world.meeting, "agendapunt/"), ITEM).status_code == 403
    assert not world.meeting.items.filter(title="Nieuw").exists()
    client.force_login(world.secretary.user)
    response = client.post(url(world.meeting, "agendapunt/"), ITEM)
    assert response.status_code == 302
    assert world.meeting.items.filter(title="Nieuw").exists()


def test_a_sub_item_is_added_under_its_parent(client, world):
    client.force_login(world.secretary.user)
    client.post(url(world.meeting, "agendapunt/"), {**ITEM, "parent": world.item.pk})
    child = world.meeting.items.get(title="Nieuw")
    assert child.parent == world.item
    html = client.get(url(world.meeting)).content.decode()
    assert ">1.1<" in html


def test_an_invalid_item_shows_the_form_again_and_stores_nothing(client, world):
    client.force_login(world.secretary.user)
    response = client.post(url(world.meeting, "agendapunt/"), {**ITEM, "title": ""})
    assert response.status_code == 400
    assert world.meeting.items.count() == 1


def test_get_on_a_post_only_url_is_refused(client, world):
    client.force_login(world.secretary.user)
    assert client.get(f"/vergaderingen/agendapunt/{world.item.pk}/verplaatsen/").status_code == 405
    assert client.get(url(world.meeting, "status/")).status_code == 405
    assert client.get(url(world.meeting, "heropenen/")).status_code == 405


def test_moving_with_htmx_returns_the_agenda_fragment(client, world):
    factories.agenda_item(meeting=world.meeting, title="Tweede")
    client.force_login(world.secretary.user)
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/verplaatsen/",
        {"direction": "down", "version": 1},
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="agenda"')
    assert "<html" not in html
    assert html.index("Tweede") < html.index("Geheim punt")


def test_moving_without_javascript_redirects_to_the_agenda(client, world):
    second = factories.agenda_item(meeting=world.meeting, title="Tweede")
    client.force_login(world.secretary.user)
    response = client.post(
        f"/vergaderingen/agendapunt/{second.pk}/verplaatsen/", {"direction": "up", "version": 1}
    )
    assert response.status_code == 302
    assert response["Location"].endswith(f"#punt-{second.pk}")
    assert AgendaItem.objects.get(pk=second.pk).position == 1


def test_a_stale_move_shows_a_dutch_message_in_the_fragment(client, world):
    factories.agenda_item(meeting=world.meeting, title="Tweede")
    client.force_login(world.secretary.user)
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/verplaatsen/",
        {"direction": "down", "version": 7},
        HTTP_HX_REQUEST="true",
    )
    assert "Iemand anders heeft de agenda intussen gewijzigd" in response.content.decode()
    assert AgendaItem.objects.get(pk=world.item.pk).position == 1


def test_reordering_the_whole_agenda_at_once(client, world):
    second = factories.agenda_item(meeting=world.meeting, title="Tweede")
    client.force_login(world.secretary.user)
    client.post(url(world.meeting, "volgorde/"), {"order": [second.pk, world.item.pk]})
    assert list(world.meeting.items.order_by("position").values_list("pk", flat=True)) == [
        second.pk,
        world.item.pk,
    ]


def test_a_stale_item_edit_shows_the_other_version(client, world):
    client.force_login(world.secretary.user)
    data = {**ITEM, "title": "Versie A", "version": 1}
    edit = f"/vergaderingen/agendapunt/{world.item.pk}/"
    assert client.post(edit, data).status_code == 302
    response = client.post(edit, {**data, "title": "Versie B"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders" in html and "Versie A" in html and "Versie B" in html
    assert AgendaItem.objects.get(pk=world.item.pk).title == "Versie A"


def test_holding_over_through_the_page(client, world):
    later = factories.meeting(
        body=world.body, starts_at=world.meeting.starts_at + timedelta(days=14)
    )
    client.force_login(world.secretary.user)
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/aanhouden/",
        {"to_meeting": later.pk, "mode": "move"},
    )
    assert response.status_code == 302
    assert later.items.get().held_over_from == world.item
    html = client.get(url(later)).content.decode()
    assert "aangehouden uit de vergadering van" in html


def test_holding_over_to_a_cancelled_meeting_gives_a_message(client, world):
    cancelled = factories.meeting(
        body=world.body,
        starts_at=world.meeting.starts_at + timedelta(days=7),
        status=Meeting.Status.CANCELLED,
    )
    client.force_login(world.secretary.user)
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/aanhouden/",
        {"to_meeting": cancelled.pk, "mode": "move"},
        follow=True,
    )
    assert "geannuleerde vergadering" in response.content.decode()
    assert cancelled.items.count() == 0


def test_attaching_a_stuk_through_the_page(client, world):
    doc = Document.objects.create(title="Memo", body=world.body)
    client.force_login(world.secretary.user)
    client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/stukken/",
        {"document": doc.pk, "action": "attach"},
    )
    assert list(world.item.documents.all()) == [doc]
    assert "Memo" in client.get(url(world.meeting)).content.decode()


def test_sending_the_agenda_through_the_status_form(client, world):
    client.force_login(world.secretary.user)
    client.post(url(world.meeting, "status/"), {"to_status": "agenda_sent", "version": 1})
    world.meeting.refresh_from_db()
    assert world.meeting.status == Meeting.Status.AGENDA_SENT
    html = client.get(url(world.meeting)).content.decode()
    assert "agenda verzonden" in html  # history shows the change


def test_a_closed_meeting_is_read_only_and_can_be_reopened_with_a_reason(client, world):
    world.meeting.status = Meeting.Status.ARCHIVED
    world.meeting.save()
    client.force_login(world.secretary.user)
    html = client.get(url(world.meeting)).content.decode()
    assert "alleen te lezen" in html
    assert "Agendapunt toevoegen" not in html and "omhoog" not in html
    refused = client.post(url(world.meeting, "agendapunt/"), ITEM)
    assert refused.status_code == 400
    assert "kan niet meer worden gewijzigd" in refused.content.decode()
    assert world.meeting.items.count() == 1
    client.post(url(world.meeting, "heropenen/"), {"version": 1, "reason": "Typefout in besluit"})
    world.meeting.refresh_from_db()
    assert world.meeting.status == Meeting.Status.MINUTES_DRAFT
    assert "Heropend: Typefout in besluit" in client.get(url(world.meeting)).content.decode()


def test_the_meeting_page_query_count_does_not_grow_with_the_items(
    client, world, django_assert_max_num_queries
):
    later = factories.meeting(
        body=world.body, starts_at=world.meeting.starts_at + timedelta(days=7)
    )
    doc = Document.objects.create(title="Notitie", body=world.body)
    client.force_login(world.secretary.user)

    def add(n):
        for item in mf.agenda(meeting=world.meeting, count=n, presenter=world.member):
            item.documents.add(doc)

    add(10)
    with django_assert_max_num_queries(25) as small:
        assert client.get(url(world.meeting)).status_code == 200
    add(30)
    with django_assert_max_num_queries(25) as large:
        client.get(url(world.meeting))
    assert len(large.captured_queries) == len(small.captured_queries)
    assert later.pk
