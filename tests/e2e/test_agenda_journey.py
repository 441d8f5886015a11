"""The secretary plans a meeting, builds and sends its agenda; a proposal's route in one place."""

from datetime import timedelta

import pytest
from django.utils import timezone

from regie.meetings.models import AgendaItem, Meeting
from regie.testing import factories
from regie.testing import meetings_factories as mf
from tests.e2e.conftest import assert_accessible, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    secretary = factories.person(role="secretary", username="secretaris", name="Sanne Bakker")
    member = factories.person(username="lid", name="Mark van Dijk")
    external = factories.person(role="external_member", name="Wethouder Jansen")
    body = factories.body(
        secretary=secretary,
        members=[member, external],
        name="Stuurgroep Klimaatadaptatie",
        code="SKA",
        kind="steering_group",
    )
    mt = factories.body(secretary=secretary, name="MT-overleg", code="MT", kind="mt")
    return secretary, body, mt


def _rows(page):
    return page.locator("#agenda tbody tr")


def test_the_secretary_plans_a_meeting_builds_the_agenda_and_sends_it(live_server, page, world):
    _secretary, body, _mt = world
    login(page, live_server, "secretaris")
    page.get_by_role("link", name="Gremia").first.click()
    page.get_by_role("heading", name="Gremia").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Stuurgroep Klimaatadaptatie").click()
    page.get_by_role("heading", name="Stuurgroep Klimaatadaptatie").wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="Vergadering plannen").click()
    start = (timezone.localtime() + timedelta(days=21)).replace(hour=13, minute=30)
    page.get_by_label("Datum en tijd").fill(start.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Duur (minuten)").fill("60")
    page.get_by_label("Locatie").fill("Provinciehuis, zaal 2")
    page.get_by_role("button", name="Plannen").click()
    page.get_by_text("De vergadering is gepland.").wait_for()
    meeting = Meeting.objects.get(body=body)
    standing = len(body.default_agenda)
    assert _rows(page).count() == standing  # the default agenda as standing items

    # A main item ter besluitvorming, long enough to run past the end time.
    page.get_by_label("Onderwerp").fill("Uitvoeringsprogramma 2027")
    page.get_by_label("Doel").select_option("decision")
    page.get_by_label("Duur (minuten)").fill("45")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Agendapunt toegevoegd.").wait_for()
    page.get_by_text("Let op: de agenda loopt 5 minuten uit").wait_for()

    # A sub-item under it, through the item's own "Subpunt" link.
    main_number = standing + 1
    page.get_by_role("link", name=f"Subpunt onder punt {main_number}").click()
    page.get_by_label("Onderwerp").fill("Financiële paragraaf")
    page.get_by_role("button", name="Toevoegen").click()
    page.get_by_text("Agendapunt toegevoegd.").wait_for()
    assert f"{main_number}.1" in _rows(page).nth(standing + 1).inner_text()

    # Move the main item one up, above Rondvraag, with htmx: the table is replaced in place.
    page.get_by_role("button", name=f"Punt {main_number} omhoog").click()
    row = standing - 1
    page.wait_for_function(
        f"document.querySelectorAll('#agenda tbody tr')[{row}].innerText.includes('Uitvoerings')"
    )
    titles = list(
        AgendaItem.objects.filter(meeting=meeting, parent=None)
        .order_by("position")
        .values_list("title", flat=True)
    )
    assert titles[-2:] == ["Uitvoeringsprogramma 2027", "Rondvraag"]
    # The keyboard user stays on the button that moved the item.
    page.wait_for_function("(document.activeElement?.id || '').startsWith('omhoog-')")
    assert_accessible(page)

    page.get_by_role("button", name="→ agenda verzonden").click()
    page.get_by_text("Status gewijzigd").wait_for()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.AGENDA_SENT
    page.get_by_role("heading", name="Geschiedenis").wait_for()
    assert_accessible(page)


def test_a_proposal_route_is_visible_in_one_place(live_server, page, world):
    secretary, body, mt = world
    proposal = mf.proposal(route=[mt, body], title="Regionale klimaatstrategie", owner=secretary)
    meeting = factories.meeting(body=mt, starts_at=mf.future(12))
    login(page, live_server, "secretaris")
    page.goto(f"{live_server.url}/vergaderingen/voorstellen/")
    page.get_by_role("link", name="Regionale klimaatstrategie").click()
    page.get_by_role("heading", name="Volgende stap: MT-overleg").wait_for()
    page.get_by_label("Agenderen voor de vergadering van").select_option(str(meeting.pk))
    page.get_by_role("button", name="Agenderen").click()
    page.get_by_text("Het voorstel staat op de agenda.").wait_for()
    page.get_by_text("de stukken moeten uiterlijk").wait_for()
    assert meeting.items.filter(proposal_step__proposal=proposal).exists()
    assert_accessible(page)
