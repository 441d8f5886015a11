"""Stukken in the browser: upload, a refused file, the route and a decision, with axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from regie.documents.models import Document, ReviewStep
from regie.testing import documents_factories as f
from regie.testing import factories
from tests.e2e.conftest import assert_accessible, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world():
    secretary = factories.person(role="secretary", username="secretaris", name="Sanne Secretaris")
    body = factories.body(secretary=secretary, name="Directeurenoverleg", code="DO")
    return secretary, body


def _upload(page, title, name, content, mime):
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Gremium").select_option(label="Directeurenoverleg")
    page.get_by_label("Bestand").set_input_files(
        {"name": name, "mimeType": mime, "buffer": content}
    )
    page.get_by_role("button", name="Uploaden").click()


def test_the_secretary_uploads_a_stuk_and_routes_it(live_server, page, world):
    secretary, _body = world
    login(page, live_server, "secretaris")
    page.goto(f"{live_server.url}/stukken/")
    assert_accessible(page)
    page.get_by_role("link", name="Stuk uploaden").click()
    assert_accessible(page)

    _upload(page, "Nep", "nota.pdf", f.HTML, "application/pdf")
    assert page.get_by_text("webpagina- of scriptcode").is_visible()
    assert_accessible(page)
    assert not Document.objects.exists()

    _upload(page, "Jaarplan 2027", "jaarplan.docx", f.docx("Jaarplan"), "application/msword")
    page.get_by_role("heading", name="Jaarplan 2027").wait_for()
    assert page.get_by_text("Het stuk is opgeslagen.").is_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Routering instellen").click()
    assert_accessible(page)
    meeting = timezone.localdate() + timedelta(days=60)
    page.get_by_label("Datum van de vergadering").fill(meeting.isoformat())
    page.get_by_role("button", name="Routering vastleggen").click()
    page.get_by_text("De routering is vastgelegd.").wait_for()
    assert_accessible(page)

    page.get_by_role("button", name="Akkoord").click()
    page.get_by_text("Akkoord vastgelegd.").wait_for()
    assert ReviewStep.objects.get(position=1).status == ReviewStep.Status.APPROVED
    assert ReviewStep.objects.get(position=1).decided_by == secretary
    assert_accessible(page)

    page.goto(f"{live_server.url}/stukken/routering/")
    assert_accessible(page)
