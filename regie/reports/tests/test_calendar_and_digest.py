import socket
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone
from icalendar import Calendar

from regie.core.models import Confidentiality
from regie.reports.digest import send_digests
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    secretary = factories.person(role="secretary", name="Sanne")
    body = factories.body(secretary=secretary, name="Directeurenoverleg")
    meeting = factories.meeting(body=body, title="DO november")
    factories.agenda_item(meeting=meeting, title="Open punt")
    factories.agenda_item(
        meeting=meeting, title="Geheim punt", confidentiality=Confidentiality.CONFIDENTIAL
    )
    return secretary, body, meeting


def test_the_person_feed_has_meetings_and_deadlines(client, world):
    secretary, body, _meeting = world
    factories.action(owner=secretary, body=body, title="Notitie schrijven")
    response = client.get(f"/export/agenda/persoon/{secretary.calendar_token}.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert "Directeurenoverleg – DO november" in summaries
    assert "Actie: Notitie schrijven" in summaries


def test_the_body_feed_leaves_out_confidential_items_and_wrong_tokens_are_404(client, world):
    _s, body, _meeting = world
    content = client.get(f"/export/agenda/gremium/{body.calendar_token}.ics").content.decode()
    assert "Open punt" in content and "Geheim punt" not in content
    assert client.get("/export/agenda/gremium/fout.ics").status_code == 404
    assert client.get("/export/agenda/persoon/fout.ics").status_code == 404


def test_renewing_the_token_kills_the_old_link(client, world):
    secretary, _b, _m = world
    old = secretary.calendar_token
    client.force_login(secretary.user)
    client.post("/export/agenda/nieuwe-link/")
    client.logout()
    assert client.get(f"/export/agenda/persoon/{old}.ics").status_code == 404


def _next_working_monday() -> date:
    day = timezone.localdate() + timedelta(days=7)
    return day - timedelta(days=day.weekday()) + timedelta(days=14)


def test_the_digest_holds_my_due_actions_once_a_day_and_not_on_saturday(world):
    secretary, body, _meeting = world
    monday = _next_working_monday()
    factories.action(
        owner=secretary, body=body, title="Bijna te laat", due_date=monday + timedelta(days=1)
    )
    factories.action(
        owner=secretary, body=body, title="Nog lang niet", due_date=monday + timedelta(days=30)
    )
    other = factories.person()
    factories.action(
        owner=other, body=body, title="Van een ander", due_date=monday + timedelta(days=1)
    )
    assert send_digests(monday - timedelta(days=2)) == 0  # Saturday
    assert send_digests(monday) == 2
    mine = next(m for m in mail.outbox if m.to == [secretary.email])
    assert "Bijna te laat" in mine.body and "Nog lang niet" not in mine.body
    assert "Van een ander" not in mine.body
    assert send_digests(monday) == 0


def test_the_digest_reaches_a_real_smtp_server(world, settings):
    from aiosmtpd.controller import Controller

    secretary, body, _meeting = world
    received = []

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope)
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Handler(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        settings.MAILERS = {
            "default": {
                "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
                "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
            }
        }
        monday = _next_working_monday()
        factories.action(
            owner=secretary, body=body, title="Echte mail", due_date=monday + timedelta(days=1)
        )
        assert send_digests(monday) == 1
    finally:
        controller.stop()
    assert len(received) == 1
    assert received[0].rcpt_tos == [secretary.email]
    assert b"Echte mail" in received[0].content


def test_the_digest_warns_the_secretary_of_a_contract_that_ends_soon(world):
    from decimal import Decimal

    from regie.hiring.models import Contract
    from regie.testing import hiring_factories

    _s, _body, _meeting = world
    secretary = factories.person(email="inhuur@example.org")
    monday = _next_working_monday()
    request = hiring_factories.hiring_request(secretary=secretary, title="Secretaris DO")

    def contract(name: str, end: date) -> Contract:
        return Contract.objects.create(
            request=request,
            candidate=hiring_factories.candidate(request=request, name=name),
            person_name=name,
            start=end - timedelta(days=300),
            original_end=end,
            end=end,
            hours_per_week=32,
            hourly_rate=Decimal("95.00"),
            alert_working_days=20,
        )

    contract("Carmen Yilmaz", monday + timedelta(days=14))
    contract("Nog lang bezig", monday + timedelta(days=200))
    assert send_digests(monday) >= 1
    mine = next(m for m in mail.outbox if m.to == [secretary.email])
    assert "Carmen Yilmaz" in mine.body and "CONTRACTEN DIE AFLOPEN" in mine.body
    assert "Nog lang bezig" not in mine.body
    assert "1 contract loopt af" in mine.subject
