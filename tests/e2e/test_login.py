import pytest

from regie.testing import factories
from tests.e2e.conftest import assert_accessible, login


@pytest.mark.django_db(transaction=True)
def test_a_secretary_logs_in_and_sees_her_week(live_server, page):
    factories.person(username="secretaris", name="Sanne de Secretaris", role="secretary")
    login(page, live_server, "secretaris")
    assert page.get_by_role("heading", level=1).inner_text() == "Mijn week"
    assert_accessible(page)


@pytest.mark.django_db(transaction=True)
def test_the_login_page_is_accessible_and_refuses_a_wrong_password(live_server, page):
    factories.person(username="medewerker")
    login(page, live_server, "medewerker", password="fout")
    assert page.get_by_role("alert").inner_text() == "Gebruikersnaam of wachtwoord klopt niet."
    assert_accessible(page)
