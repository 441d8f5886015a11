"""The whole meeting cycle as a secretary clicks through it, with axe-core on every page."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from regie.meetings.models import Decision, Meeting
from regie.testing import factories
from tests.e2e.conftest import assert_accessible, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    secretary = factories.person(
        role="secretary", username="secretaris", name="Sanne de Secretaris"
    )
    member = factories.person(username="lid", name="Mark van Dijk")
    body = factories.body(
        secretary=secretary, members=[member], name="Directeurenoverleg", code="DO"
    )
    past = factories.meeting(
        body=body, starts_at=timezone.now() - timedelta(hours=3), status=Meeting.Status.AGENDA_SENT
    )
    factories.agenda_item(meeting=past, title="Jaarplan 2027 team Leefomgeving", purpose="decision")
    next_meeting = factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=14))
    return secretary, member, body, past, next_meeting


def test_the_secretary_prepares_an_agenda(live_server, page, world):
    _secretary, _member, body, _past, _next = world
    login(page, live_server, "secretaris")
    assert_accessible(page)
    page.get_by_role("link", name="Gremia").click()
    assert_accessible(page)
    page.get_by_role("link", name="Directeurenoverleg").click()
    assert_accessible(page)
    page.get_by_role("link", name="Vergadering plannen").click()
    start = (timezone.localtime() + timedelta(days=30)).replace(hour=10, minute=0)
    page.get_by_label("Datum en tijd").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name="Plannen").click()
    page.get_by_text("De vergadering is gepland.").wait_for()
    page.get_by_label("Onderwerp").fill("Subsidieregeling klimaatadaptatie")
    page.get_by_label("Doel").select_option("decision")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Agendapunt toegevoegd.").wait_for()
    rows = page.locator("#agenda tbody tr")
    assert "Subsidieregeling klimaatadaptatie" in rows.last.inner_text()
    # Move the new item one up with htmx; the table is replaced in place.
    page.get_by_role("button", name=f"Punt {rows.count()} omhoog").click()
    page.wait_for_function(
        "document.querySelectorAll('#agenda tbody tr')[document.querySelectorAll("
        "'#agenda tbody tr').length - 2].innerText.includes('Subsidieregeling')"
    )
    assert_accessible(page)
    page.get_by_role("button", name="→ agenda verzonden").click()
    page.get_by_text("Status gewijzigd").wait_for()
    assert (
        Meeting.objects.get(body=body, starts_at__gt=timezone.now() + timedelta(days=20)).status
        == Meeting.Status.AGENDA_SENT
    )


def test_the_secretary_takes_minutes_and_downloads_them(live_server, page, world):
    _secretary, member, body, past, _next = world
    login(page, live_server, "secretaris")
    page.goto(f"{live_server.url}/vergaderingen/{past.pk}/")
    page.get_by_role("button", name="→ gehouden").click()
    page.get_by_text("Status gewijzigd").wait_for()
    page.get_by_role("button", name="→ conceptverslag").click()
    page.get_by_role("link", name="Verslag", exact=True).click()
    assert_accessible(page)
    page.get_by_label(f"{member.name}: afwezig met bericht").check()
    page.get_by_role("button", name="Presentielijst opslaan").click()
    page.get_by_label("Bespreking").fill("Het DO bespreekt het jaarplan en stemt in.")
    page.get_by_role("button", name="Bespreking opslaan").click()
    page.get_by_text("Opgeslagen.", exact=True).wait_for()
    page.get_by_text("Besluit toevoegen").click()
    page.get_by_label("Besluit", exact=True).fill("Het DO stelt het jaarplan 2027 vast.")
    page.get_by_role("button", name="Besluit vastleggen").click()
    year = timezone.localdate(past.starts_at).year
    page.get_by_text(f"Besluit DO-{year}-001 vastgelegd.").wait_for()
    page.get_by_text("Actie toevoegen").click()
    page.get_by_label("Actie", exact=True).fill("Jaarplan publiceren op intranet")
    page.get_by_label("Eigenaar").select_option(label=member.name)
    page.get_by_label("Uiterlijk").fill((timezone.localdate() + timedelta(days=7)).isoformat())
    page.get_by_role("button", name="Actie vastleggen").click()
    page.get_by_text("Actie toegevoegd.").wait_for()
    assert_accessible(page)
    with page.expect_download() as word:
        page.get_by_role("link", name="Verslag als Word").click()
    assert word.value.suggested_filename.endswith(".docx")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Verslag als PDF").click()
    assert Path(pdf.value.path()).read_bytes()[:5] == b"%PDF-"
    page.get_by_role("button", name="→ verslag ter review bij leden").click()
    page.get_by_text("Status gewijzigd").wait_for()
    assert Decision.objects.get(body=body).number == f"DO-{year}-001"
    page.goto(f"{live_server.url}/acties/gremium/{body.pk}/")
    assert "Jaarplan publiceren op intranet" in page.content()
    assert_accessible(page)
    page.goto(f"{live_server.url}/vergaderingen/gremia/{body.pk}/besluiten/")
    assert_accessible(page)
