"""The secretary takes the minutes of a held meeting and follows the action up, in Chromium."""

from datetime import timedelta

import pytest
from django.utils import timezone

from regie.actions.models import Action
from regie.meetings.models import AgendaItem, Attendance, Decision, Meeting
from regie.testing import factories
from regie.testing.minutes_factories import held_meeting
from tests.e2e.conftest import assert_accessible, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    secretary = factories.person(role="secretary", username="notulist", name="Noor Notulist")
    member = factories.person(username="lidmt", name="Pieter Jansen")
    absent = factories.person(username="afwezig", name="Fatima el Amrani")
    body = factories.body(
        secretary=secretary, members=[member, absent], name="Managementteam", code="MT"
    )
    meeting = held_meeting(body=body, starts_at=timezone.now() - timedelta(hours=2))
    item = factories.agenda_item(meeting=meeting, title="Werkplan 2027", purpose="decision")
    factories.agenda_item(meeting=meeting, title="Rondvraag")
    next_meeting = factories.meeting(body=body, starts_at=timezone.now() + timedelta(days=14))
    return secretary, member, absent, body, meeting, item, next_meeting


def test_the_secretary_takes_minutes_and_moves_them_to_review(live_server, page, world):
    _secretary, member, absent, body, meeting, item, next_meeting = world
    login(page, live_server, "notulist")
    page.goto(f"{live_server.url}/vergaderingen/{meeting.pk}/verslag/")
    page.get_by_role("heading", name="1. Werkplan 2027").wait_for()
    assert_accessible(page)

    # Attendance: one present, one absent with notice.
    page.get_by_label(f"{member.name}: aanwezig").check()
    page.get_by_label(f"{absent.name}: afwezig met bericht").check()
    page.get_by_role("button", name="Presentielijst opslaan").click()
    page.get_by_text("Presentielijst opgeslagen.").wait_for()

    # The discussion of item 1, saved with htmx without leaving the page.
    section = page.locator(f"#punt-{item.pk}")
    section.get_by_label("Bespreking").fill("Het MT bespreekt het werkplan <b>en</b> stemt in.")
    section.get_by_role("button", name="Bespreking opslaan").click()
    section.get_by_text("Opgeslagen.").wait_for()

    # A decision gets the body's first number of the year.
    section.get_by_text("Besluit toevoegen").click()
    section.get_by_label("Besluit", exact=True).fill("Het MT stelt het werkplan 2027 vast.")
    section.get_by_role("button", name="Besluit vastleggen").click()
    year = timezone.localdate(meeting.starts_at).year
    page.get_by_text(f"Besluit MT-{year}-001 vastgelegd.").wait_for()

    # An action due at the next meeting, marked as a bestuurlijke afspraak.
    section = page.locator(f"#punt-{item.pk}")
    section.get_by_text("Actie toevoegen").click()
    section.get_by_label("Actie", exact=True).fill("Werkplan delen met de teams")
    section.get_by_label("Eigenaar").select_option(label=member.name)
    section.get_by_label("Of: gereed voor de vergadering van").select_option(
        value=str(next_meeting.pk)
    )
    section.get_by_label("Bestuurlijke afspraak").check()
    section.get_by_role("button", name="Actie vastleggen").click()
    page.get_by_text("Actie toegevoegd.").wait_for()
    assert_accessible(page)

    # held -> minutes draft -> ter review.
    page.get_by_role("button", name="→ conceptverslag").click()
    page.get_by_text("Status gewijzigd").wait_for()
    page.get_by_role("button", name="→ verslag ter review bij leden").click()
    page.get_by_text("Status gewijzigd").wait_for()

    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.MINUTES_REVIEW
    assert AgendaItem.objects.get(pk=item.pk).discussion.endswith("<b>en</b> stemt in.")
    assert dict(Attendance.objects.values_list("person__name", "status")) == {
        member.name: "present",
        absent.name: "absent_notified",
    }
    assert Decision.objects.get(body=body).number == f"MT-{year}-001"
    action = Action.objects.get(body=body)
    assert action.is_commitment and action.due_meeting_id == next_meeting.pk

    # The decision register.
    page.get_by_role("link", name="Besluitenlijst").first.click()
    page.get_by_role("link", name=f"MT-{year}-001").wait_for()
    assert_accessible(page)

    # The body's action list shows the afspraak in its own section.
    page.goto(f"{live_server.url}/acties/gremium/{body.pk}/")
    page.get_by_role("heading", name="Bestuurlijke afspraken").wait_for()
    assert "Werkplan delen met de teams" in page.content()
    assert_accessible(page)

    # The action's page: the source links back to the item in the minutes.
    page.get_by_role("link", name="Werkplan delen met de teams").click()
    page.get_by_role("heading", name="Status wijzigen").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name=action.source_label).wait_for()
    page.get_by_label("Status").select_option("done")
    page.get_by_label("Toelichting").fill("Gedeeld in het teamoverleg.")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Status opgeslagen.").wait_for()
    assert Action.objects.get(pk=action.pk).closed_on == timezone.localdate()
    assert_accessible(page)
