"""The hiring demo in Chromium: the procedure page, a candidate, the contracts; axe-clean."""

import pytest

from regie.core.models import Person
from regie.hiring.demo import DEMO_TITLE, load_hiring_demo
from regie.hiring.models import Candidate, Contract, HiringRequest
from regie.testing import factories
from tests.e2e.conftest import assert_accessible, login


@pytest.mark.django_db(transaction=True)
def test_a_secretary_follows_the_hiring_demo(page, live_server, tmp_path):
    factories.person(role=Person.Role.SECRETARY, name="Sanne de Vries", username="sanne")
    factories.person(role=Person.Role.TEAM_LEAD, name="Tom Bakker", username="tom")
    load_hiring_demo()
    hiring_request = HiringRequest.objects.get(title=DEMO_TITLE)
    login(page, live_server, "sanne")

    page.goto(f"{live_server.url}/inhuur/")
    assert_accessible(page)
    page.get_by_role("link", name=DEMO_TITLE).click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("heading", name="Ranking en selectie").is_visible()
    page.screenshot(path=str(tmp_path / "request.png"), full_page=True)
    assert_accessible(page)

    erik = Candidate.objects.get(name="Erik Jansen")
    page.goto(f"{live_server.url}/inhuur/kandidaten/{erik.pk}/")
    assert page.get_by_text("Voldoet niet aan de eis").first.is_visible()
    assert_accessible(page)

    page.goto(f"{live_server.url}/inhuur/contracten/")
    assert page.get_by_text("Binnenkort afgelopen").is_visible()
    assert_accessible(page)
    contract = Contract.objects.get(person_name="Carmen Yilmaz")
    page.goto(f"{live_server.url}/inhuur/contracten/{contract.pk}/")
    assert_accessible(page)

    with page.expect_download() as download:
        page.goto(f"{live_server.url}/inhuur/{hiring_request.pk}/")
        page.get_by_role("link", name="Verantwoording downloaden (Word)").click()
    assert download.value.suggested_filename.endswith(".docx")

    page.goto(f"{live_server.url}/inhuur/nieuw/")
    assert_accessible(page)
