import pytest
from django.urls import reverse

from regie.core.models import Person
from regie.hiring.demo import DEMO_TITLE, load_hiring_demo
from regie.hiring.models import Candidate, Contract, ContractExtension, HiringRequest
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_the_demo_runs_the_whole_procedure_from_the_posting(client):
    secretary = factories.person(role=Person.Role.SECRETARY, name="Sanne de Vries")
    factories.person(role=Person.Role.TEAM_LEAD, name="Tom Bakker")
    load_hiring_demo()
    hiring_request = HiringRequest.objects.get(title=DEMO_TITLE)
    status = dict(hiring_request.candidates.values_list("name", "status"))
    assert status == {
        "Erik Jansen": Candidate.Status.KNOCKED_OUT,
        "Anouk de Boer": Candidate.Status.REJECTED,
        "Bas Visser": Candidate.Status.REJECTED,
        "Carmen Yilmaz": Candidate.Status.AWARDED,
        "Daan Smit": Candidate.Status.REJECTED,
    }
    assert hiring_request.selection_rounds.count() == 2
    assert hiring_request.events.filter(step="repeat").exists()
    assert "Vereniging van Nederlandse Gemeenten" in hiring_request.posting_text
    assert ContractExtension.objects.count() == 1 and Contract.objects.count() == 2
    assert load_hiring_demo() == "inhuur: al aanwezig"

    client.force_login(secretary.user)
    detail = client.get(reverse("hiring:request_detail", args=[hiring_request.pk]))
    html = detail.content.decode()
    assert "uurtarief" in html and "selectie herhaald" in html
    contracts = client.get(reverse("hiring:contract_list")).content.decode()
    assert "Binnenkort afgelopen" in contracts and "Carmen Yilmaz" in contracts
