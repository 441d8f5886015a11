from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action
from regie.core.errors import DomainError, StaleEditError
from regie.meetings.models import AgendaItem, Attendance, Meeting
from regie.meetings.services import minutes as services
from regie.testing import factories

pytestmark = pytest.mark.django_db
S = Meeting.Status


@pytest.fixture
def held():
    secretary = factories.person(role="secretary")
    member = factories.person(name="Mila Lid")
    body = factories.body(secretary=secretary, members=[member], code="DO")
    meeting = factories.meeting(
        body=body, starts_at=timezone.now() - timedelta(days=1), status=S.HELD
    )
    item = factories.agenda_item(meeting=meeting, title="Jaarplan")
    return secretary, member, body, meeting, item


def test_a_stale_discussion_save_is_refused_and_keeps_the_other_text(held):
    secretary, _member, _body, _meeting, item = held
    services.item_discussion_save(
        actor=secretary.user, item=item, discussion="Tekst van Piet", expected_version=1
    )
    stale = AgendaItem.objects.get(pk=item.pk)
    with pytest.raises(StaleEditError) as caught:
        services.item_discussion_save(
            actor=secretary.user, item=stale, discussion="Tekst van Anna", expected_version=1
        )
    assert caught.value.current.discussion == "Tekst van Piet"
    assert AgendaItem.objects.get(pk=item.pk).discussion == "Tekst van Piet"


def test_attendance_is_recorded_and_unknown_statuses_refused(held):
    secretary, member, _body, meeting, _item = held
    services.attendance_set(
        actor=secretary.user, meeting=meeting, entries={member.pk: "absent_notified"}
    )
    assert Attendance.objects.get(meeting=meeting, person=member).status == "absent_notified"
    with pytest.raises(DomainError):
        services.attendance_set(actor=secretary.user, meeting=meeting, entries={member.pk: "x"})


def test_an_action_from_an_item_records_its_source(held):
    secretary, member, body, meeting, item = held
    action = services.action_raise_from_item(
        actor=secretary.user,
        item=item,
        number="4",
        title="Notitie opstellen",
        owner=member,
        due_date=timezone.localdate() + timedelta(days=10),
        is_commitment=True,
    )
    assert action.source == item and action.body == body and action.is_commitment
    assert action.source_label.startswith("DO ") and action.source_label.endswith("punt 4")
    assert action.raised_on == timezone.localdate(meeting.starts_at)


def test_an_action_with_a_due_date_in_the_past_is_refused(held):
    secretary, member, _body, _meeting, item = held
    with pytest.raises(DomainError, match="verleden"):
        services.action_raise_from_item(
            actor=secretary.user,
            item=item,
            number="1",
            title="x",
            owner=member,
            due_date=timezone.localdate() - timedelta(days=1),
        )
    assert not Action.objects.exists()


def test_the_minutes_page_is_read_only_for_members_and_escapes(client, held):
    secretary, member, _body, meeting, item = held
    services.item_discussion_save(
        actor=secretary.user,
        item=item,
        discussion="<img src=x onerror=alert(1)>",
        expected_version=1,
    )
    client.force_login(member.user)
    html = client.get(f"/vergaderingen/{meeting.pk}/verslag/").content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "Bespreking opslaan" not in html
    assert (
        client.post(f"/vergaderingen/agendapunt/{item.pk}/besluit/", {"text": "x"}).status_code
        == 403
    )


def test_the_secretary_records_a_decision_and_an_action_through_the_page(client, held):
    secretary, member, _body, meeting, item = held
    client.force_login(secretary.user)
    client.post(
        f"/vergaderingen/agendapunt/{item.pk}/besluit/",
        {"text": "Het DO stemt in.", "confidentiality": "internal"},
    )
    client.post(
        f"/vergaderingen/agendapunt/{item.pk}/actie/",
        {
            "title": "Uitwerken",
            "owner": member.pk,
            "due_date": (timezone.localdate() + timedelta(days=5)).isoformat(),
        },
    )
    html = client.get(f"/vergaderingen/{meeting.pk}/verslag/").content.decode()
    year = timezone.localdate(meeting.starts_at).year
    assert f"DO-{year}-001" in html
    assert "Uitwerken" in html


def test_a_stale_save_through_htmx_shows_both_texts(client, held):
    secretary, _member, _body, _meeting, item = held
    client.force_login(secretary.user)
    url = f"/vergaderingen/agendapunt/{item.pk}/bespreking/"
    assert (
        client.post(url, {"discussion": "Eerst", "version": 1}, HTTP_HX_REQUEST="true").status_code
        == 200
    )
    response = client.post(url, {"discussion": "Later", "version": 1}, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    html = response.content.decode()
    assert "Eerst" in html and "Later" in html and "Iemand anders" in html


def test_the_minutes_page_query_count_does_not_grow(client, held, django_assert_max_num_queries):
    secretary, member, _body, meeting, _item = held
    client.force_login(secretary.user)

    def add(n):
        for _ in range(n):
            item = factories.agenda_item(meeting=meeting)
            services.decision_record(actor=secretary.user, item=item, text="Akkoord")
            factories.action(owner=member, body=meeting.body, source_type=None)

    add(3)
    with django_assert_max_num_queries(40) as small:
        client.get(f"/vergaderingen/{meeting.pk}/verslag/")
    add(15)
    with django_assert_max_num_queries(40) as large:
        client.get(f"/vergaderingen/{meeting.pk}/verslag/")
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_decision_register_searches_and_hides_what_one_may_not_see(client, held):
    secretary, _member, body, _meeting, item = held
    services.decision_record(actor=secretary.user, item=item, text="Subsidie toegekend")
    services.decision_record(
        actor=secretary.user, item=item, text="Geheime fusie", confidentiality="confidential"
    )
    outsider = factories.person()
    client.force_login(outsider.user)
    html = client.get(f"/vergaderingen/gremia/{body.pk}/besluiten/").content.decode()
    assert "Subsidie toegekend" in html and "Geheime fusie" not in html
    client.force_login(secretary.user)
    html = client.get(
        f"/vergaderingen/gremia/{body.pk}/besluiten/", {"q": "fusie"}
    ).content.decode()
    assert "Geheime fusie" in html and "Subsidie toegekend" not in html
