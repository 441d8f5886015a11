from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action
from regie.meetings.models import AgendaItem, Attendance, Decision, Meeting
from regie.meetings.services import minutes as services
from regie.testing import factories
from regie.testing.minutes_factories import decision, due_in, held_meeting, minutes_world

pytestmark = pytest.mark.django_db
S = Meeting.Status


@pytest.fixture
def world(client):
    w = minutes_world()
    client.force_login(w.secretary.user)
    return w


def _url(world) -> str:
    return f"/vergaderingen/{world.meeting.pk}/verslag/"


def test_the_page_shows_the_numbered_agenda_with_forms_for_the_secretary(client, world):
    factories.agenda_item(meeting=world.meeting, parent=world.item, title="Deelpunt begroting")
    html = client.get(_url(world)).content.decode()
    assert "1. Jaarplan 2027" in html and "1.1. Deelpunt begroting" in html
    assert "Besluit toevoegen" in html and "Actie toevoegen" in html
    assert "Bestuurlijke afspraak" in html and "gereed voor de vergadering van" in html
    assert world.member.name in html and "→ conceptverslag" in html


def test_a_closed_meeting_shows_read_only_and_refuses_posts(client, world):
    decision(item=world.item)
    Meeting.objects.filter(pk=world.meeting.pk).update(status=S.MINUTES_APPROVED)
    html = client.get(_url(world)).content.decode()
    assert "alleen lezen" in html
    assert "Bespreking opslaan" not in html and "Besluit toevoegen" not in html
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/besluit/",
        {"text": "Nog iets", "confidentiality": "internal"},
    )
    assert response.status_code == 400
    assert "afgesloten" in response.content.decode()
    client.post(
        f"/vergaderingen/{world.meeting.pk}/verslag/aanwezigheid/",
        {f"person_{world.member.pk}": "present"},
    )
    assert Decision.objects.count() == 1 and not Attendance.objects.exists()


def test_a_member_who_is_no_secretary_reads_but_may_not_write(client, world):
    client.force_login(world.member.user)
    assert client.get(_url(world)).status_code == 200
    url = f"/vergaderingen/agendapunt/{world.item.pk}/bespreking/"
    assert client.post(url, {"discussion": "x", "version": 1}).status_code == 403
    assert AgendaItem.objects.get(pk=world.item.pk).discussion == ""


def test_a_script_in_a_discussion_is_stored_as_typed_and_shown_escaped(client, world):
    typed = "<script>alert('bespreking')</script>"
    url = f"/vergaderingen/agendapunt/{world.item.pk}/bespreking/"
    assert client.post(url, {"discussion": typed, "version": 1}).status_code == 302
    assert AgendaItem.objects.get(pk=world.item.pk).discussion == typed
    client.force_login(world.member.user)
    html = client.get(_url(world)).content.decode()
    assert typed not in html
    assert "&lt;script&gt;alert(&#x27;bespreking&#x27;)&lt;/script&gt;" in html


def test_a_stale_plain_post_shows_both_texts_and_keeps_mine_in_the_field(client, world):
    url = f"/vergaderingen/agendapunt/{world.item.pk}/bespreking/"
    client.post(url, {"discussion": "Tekst van de ander", "version": 1})
    response = client.post(url, {"discussion": "Mijn tekst", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html
    assert "Tekst van de ander" in html and "Mijn tekst" in html
    # The form now carries the current version, so saving again is a knowing overwrite.
    assert 'name="version" value="2"' in html
    assert AgendaItem.objects.get(pk=world.item.pk).discussion == "Tekst van de ander"


def test_a_stale_save_through_htmx_returns_the_fragment_with_both_texts(client, world):
    url = f"/vergaderingen/agendapunt/{world.item.pk}/bespreking/"
    ok = client.post(url, {"discussion": "Eerst", "version": 1}, HTTP_HX_REQUEST="true")
    assert ok.status_code == 200 and "Opgeslagen." in ok.content.decode()
    assert "<html" not in ok.content.decode()
    response = client.post(url, {"discussion": "Later", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Eerst" in html and "Later" in html and "Iemand anders" in html


def test_bad_action_input_keeps_what_was_typed_and_stores_nothing(client, world):
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/actie/",
        {"title": "Notitie schrijven", "owner": world.member.pk, "due_date": "2020-01-01"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "De uiterste datum ligt in het verleden." in html
    assert 'value="Notitie schrijven"' in html
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/actie/",
        {"title": "Zonder datum", "owner": world.member.pk},
    )
    assert response.status_code == 400
    assert "Geef een uiterste datum of een vergadering op." in response.content.decode()
    assert not Action.objects.exists()


def test_an_action_due_at_the_next_meeting_through_the_page(client, world):
    response = client.post(
        f"/vergaderingen/agendapunt/{world.item.pk}/actie/",
        {
            "title": "Terugkoppelen",
            "owner": world.member.pk,
            "due_meeting": world.next_meeting.pk,
            "is_commitment": "on",
        },
    )
    assert response.status_code == 302
    action = Action.objects.get()
    assert action.is_commitment and action.due_meeting == world.next_meeting
    assert action.source_label.endswith("punt 1")


def test_a_guest_is_added_to_the_attendance(client, world):
    guest = factories.person(name="Gerda Gast")
    client.post(
        f"/vergaderingen/{world.meeting.pk}/verslag/aanwezigheid/",
        {
            f"person_{world.member.pk}": "present",
            f"person_{world.other_member.pk}": "absent_notified",
            "guest": guest.pk,
            "guest_status": "present",
        },
    )
    assert dict(Attendance.objects.values_list("person__name", "status")) == {
        "Mila Lid": "present",
        "Bram Lid": "absent_notified",
        "Gerda Gast": "present",
    }
    html = client.get(_url(world)).content.decode()
    assert "Gerda Gast" in html and "(gast)" in html


def test_a_stale_summary_save_shows_both_texts(client, world):
    url = f"/vergaderingen/{world.meeting.pk}/verslag/aantekeningen/"
    assert client.post(url, {"text": "Eerste", "version": 1}).status_code == 302
    response = client.post(url, {"text": "Tweede", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Eerste" in html and "Tweede" in html
    assert Meeting.objects.get(pk=world.meeting.pk).minutes_summary == "Eerste"


def test_the_minutes_move_to_review_from_the_page(client, world):
    Meeting.objects.filter(pk=world.meeting.pk).update(status=S.MINUTES_DRAFT)
    response = client.post(
        f"/vergaderingen/{world.meeting.pk}/status/",
        {"to_status": "minutes_review", "version": 1, "next": _url(world)},
    )
    assert response.status_code == 302 and response.url == _url(world)
    assert Meeting.objects.get(pk=world.meeting.pk).status == S.MINUTES_REVIEW


def test_the_decision_detail_corrects_the_text_and_refuses_a_stale_copy(client, world):
    recorded = decision(item=world.item, text="Oorspronkelijk")
    url = f"/vergaderingen/besluiten/{recorded.pk}/wijzigen/"
    assert client.post(url, {"text": "Verbeterd", "version": 1}).status_code == 302
    response = client.post(url, {"text": "Mijn versie", "version": 1})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Verbeterd" in html and "Mijn versie" in html
    assert Decision.objects.get(pk=recorded.pk).text == "Verbeterd"


def test_a_withdrawn_decision_is_marked_and_keeps_its_number(client, world):
    recorded = decision(item=world.item)
    client.post(f"/vergaderingen/besluiten/{recorded.pk}/intrekken/", {"reason": "Vergissing"})
    html = client.get(f"/vergaderingen/gremia/{world.body.pk}/besluiten/").content.decode()
    assert recorded.number in html and "ingetrokken" in html
    detail = client.get(f"/vergaderingen/besluiten/{recorded.pk}/").content.decode()
    assert "Ingetrokken: Vergissing" in detail and world.secretary.name in detail


def test_the_minutes_page_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    def add(n):
        for i in range(n):
            item = factories.agenda_item(meeting=world.meeting)
            if i % 3 == 0:
                factories.agenda_item(meeting=world.meeting, parent=item)
            decision(item=item)
            services.action_raise_from_item(
                actor=world.secretary.user,
                item=item,
                title="Uitwerken",
                owner=world.member,
                due_date=due_in(5),
                number="1",
            )
            factories.person()
            held_meeting(body=world.body, starts_at=timezone.now() - timedelta(days=i + 2))

    add(5)
    with django_assert_max_num_queries(30) as small:
        assert client.get(_url(world)).status_code == 200
    add(20)
    with django_assert_max_num_queries(30) as large:
        assert client.get(_url(world)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_decision_register_filters_by_year_and_searches_the_number(client, world):
    tz = timezone.get_current_timezone()
    old = held_meeting(body=world.body, starts_at=datetime(2025, 6, 2, 10, tzinfo=tz))
    old_decision = decision(item=factories.agenda_item(meeting=old), text="Vorig jaar")
    new_decision = decision(item=world.item, text="Dit jaar")
    url = f"/vergaderingen/gremia/{world.body.pk}/besluiten/"
    html = client.get(url, {"jaar": "2025"}).content.decode()
    assert "Vorig jaar" in html and "Dit jaar" not in html
    html = client.get(url, {"q": new_decision.number}).content.decode()
    assert "Dit jaar" in html and "Vorig jaar" not in html
    assert old_decision.number == "DO-2025-001"
    html = client.get(url, {"jaar": "<script>", "q": "<script>"}).content.decode()
    assert "<script>" not in html.split("<main")[1]


def test_the_decision_register_query_count_does_not_grow(
    client, world, django_assert_max_num_queries
):
    url = f"/vergaderingen/gremia/{world.body.pk}/besluiten/"

    def add(n):
        for _ in range(n):
            meeting = held_meeting(body=world.body)
            decision(item=factories.agenda_item(meeting=meeting))

    add(10)
    with django_assert_max_num_queries(15) as small:
        assert client.get(url).status_code == 200
    add(70)
    with django_assert_max_num_queries(15) as large:
        html = client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert "Pagina 1 van 2" in html
