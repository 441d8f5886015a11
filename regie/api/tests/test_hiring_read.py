from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from regie.api.hiring import alert_date
from regie.core.models import Confidentiality, OrganisationUnit
from regie.core.workdays import WorkingCalendar
from regie.hiring import services
from regie.hiring.models import Candidate, Contract, ContractForm
from regie.testing import documents_factories, hiring_factories

pytestmark = pytest.mark.django_db

LISTS = ["/api/hiring-requests/", "/api/candidates/", "/api/contracts/"]


@pytest.fixture
def secret(world):
    """A confidential request run by the world's secretary."""
    return hiring_factories.hiring_request(
        secretary=world.secretary,
        title="Geheime inhuur directie",
        confidentiality=Confidentiality.CONFIDENTIAL,
        unit=OrganisationUnit.objects.create(
            name="Domein Samenleving", kind=OrganisationUnit.Kind.DOMAIN
        ),
    )


@pytest.fixture
def internal(world):
    return hiring_factories.hiring_request(secretary=world.secretary, title="Interne inhuur")


def contract_for(candidate: Candidate, *, end: date | None = None, **kw) -> Contract:
    start = date(2026, 7, 13)
    defaults = {
        "request": candidate.request,
        "candidate": candidate,
        "person_name": candidate.name,
        "supplier": candidate.supplier,
        "start": start,
        "original_end": end or start + timedelta(days=180),
        "end": end or start + timedelta(days=180),
        "hours_per_week": 36,
        "hourly_rate": candidate.hourly_rate,
        "extension_count": 2,
        "extension_months": 6,
        "max_total_months": 36,
    }
    return Contract.objects.create(**(defaults | kw))


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- authentication and methods ---------------------------------------------------------------


@pytest.mark.parametrize("url", LISTS)
def test_it_answers_401_without_a_token(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", LISTS)
def test_writes_are_not_allowed_on_the_lists(world, as_person, url):
    client = as_person(world.secretary)
    assert client.post(url, {}, format="json").status_code == 405


def test_writes_are_not_allowed_on_the_details(world, as_person, secret):
    candidate = hiring_factories.candidate(request=secret)
    contract = contract_for(candidate)
    client = as_person(world.secretary)
    for url in (
        f"/api/hiring-requests/{secret.pk}/",
        f"/api/candidates/{candidate.pk}/",
        f"/api/contracts/{contract.pk}/",
    ):
        assert client.get(url).status_code == 200
        for method in (client.put, client.patch, client.delete):
            assert method(url, {}, format="json").status_code == 405, (method, url)
    secret.refresh_from_db()
    assert secret.title == "Geheime inhuur directie"


# --- requests ---------------------------------------------------------------------------------


def test_the_secretary_reads_the_confidential_request_with_its_criteria(world, as_person, secret):
    hiring_factories.candidate(request=secret)
    response = as_person(world.secretary).get(f"/api/hiring-requests/{secret.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["title"] == "Geheime inhuur directie"
    assert data["organisation"] == "Gemeente Zoetermeer"
    assert data["unit"]["name"] == "Domein Samenleving"
    assert data["status"] == "open"
    assert data["confidentiality"] == "confidential"
    assert data["secretary"] == {"id": world.secretary.pk, "name": world.secretary.name}
    assert (data["hours_per_week_min"], data["hours_per_week_max"]) == (36, 36)
    assert (data["start_date"], data["end_date"]) == ("2026-07-13", "2027-01-12")
    assert data["max_rate"] == "114.00"
    assert [(c["text"][:16], c["points"]) for c in data["criteria"]] == [
        ("Minimaal 3 jaar ", 60),
        ("Werkervaring met", 40),
    ]
    assert len(data["requirements"]) == 2
    assert [c["name"] for c in data["competencies"]] == ["Resultaatgericht", "Verbindend"]
    assert data["allowed_contract_forms"] == ["self_employed", "secondment", "agency"]
    assert data["candidate_count"] == 1


def test_a_confidential_request_is_404_and_unlisted_for_other_employees(
    world, as_person, secret, internal
):
    client = as_person(world.outsider)
    response = client.get(f"/api/hiring-requests/{secret.pk}/")
    assert response.status_code == 404
    assert "Geheime" not in response.content.decode()
    assert ids(client.get("/api/hiring-requests/")) == {internal.pk}
    assert ids(as_person(world.secretary).get("/api/hiring-requests/")) == {secret.pk, internal.pk}


def test_an_external_member_sees_no_hiring_at_all(world, as_person, internal):
    candidate = hiring_factories.candidate(request=internal)
    contract = contract_for(candidate)
    client = as_person(world.external)
    assert client.get(f"/api/hiring-requests/{internal.pk}/").status_code == 404
    assert client.get(f"/api/candidates/{candidate.pk}/").status_code == 404
    assert client.get(f"/api/contracts/{contract.pk}/").status_code == 404
    for url in LISTS:
        assert client.get(url).json()["count"] == 0


def test_the_request_list_filters_by_status(world, as_person, secret, internal):
    internal.status = "cancelled"
    internal.save()
    client = as_person(world.secretary)
    assert ids(client.get("/api/hiring-requests/?status=cancelled")) == {internal.pk}
    response = client.get("/api/hiring-requests/?status=weg")
    assert response.status_code == 400
    assert response.json() == {"status": ["Onbekende status: weg."]}


# --- candidates -------------------------------------------------------------------------------


def test_the_secretary_reads_a_candidate_with_supplier_points_and_rank(world, as_person, secret):
    supplier = hiring_factories.supplier(name="Detacheerder Noord", kvk_number="12345678")
    first = hiring_factories.candidate(
        request=secret,
        name="Anna de Vries",
        supplier=supplier,
        hourly_rate=Decimal("98.50"),
        cv=documents_factories.upload("cv.pdf", documents_factories.pdf("Curriculum vitae")),
    )
    second = hiring_factories.candidate(request=secret, name="Bram Bakker")
    unscored = hiring_factories.candidate(request=secret, name="Cor Claassen")
    for candidate, points in ((first, [50, 30]), (second, [40, 30])):
        hiring_factories.pass_knockout(candidate)
        hiring_factories.score(candidate, points)
    client = as_person(world.secretary)

    response = client.get(f"/api/candidates/{first.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == "Anna de Vries"
    assert data["request"] == {"id": secret.pk, "title": "Geheime inhuur directie"}
    assert data["supplier"]["name"] == "Detacheerder Noord"
    assert data["supplier"]["kvk_number"] == "12345678"
    assert data["hourly_rate"] == "98.50"
    assert data["contract_form"] == ContractForm.SECONDMENT
    assert data["status"] == "scored"
    assert data["total_points"] == "80.00"
    assert data["rank"] == 1
    assert data["has_cv"] is True
    assert "cv" not in data
    assert "Curriculum" not in response.content.decode()

    rows = client.get(f"/api/candidates/?request={secret.pk}").json()["results"]
    assert {row["name"]: row["rank"] for row in rows} == {
        "Anna de Vries": 1,
        "Bram Bakker": 2,
        "Cor Claassen": None,
    }
    assert client.get(f"/api/candidates/{unscored.pk}/").json()["total_points"] == "0.00"


def test_a_candidate_of_a_confidential_request_is_404_and_unlisted_for_others(
    world, as_person, secret, internal
):
    hidden = hiring_factories.candidate(request=secret, name="Daan Geheim")
    shown = hiring_factories.candidate(request=internal, name="Eva Open")
    client = as_person(world.outsider)
    response = client.get(f"/api/candidates/{hidden.pk}/")
    assert response.status_code == 404
    assert "Daan" not in response.content.decode()
    assert ids(client.get("/api/candidates/")) == {shown.pk}
    assert ids(client.get(f"/api/candidates/?request={secret.pk}")) == set()
    assert client.get(f"/api/candidates/{shown.pk}/").json()["name"] == "Eva Open"


def test_the_candidate_list_filters_by_request_and_status(world, as_person, secret, internal):
    mine = hiring_factories.candidate(request=secret)
    other = hiring_factories.candidate(request=internal)
    hiring_factories.pass_knockout(other)
    hiring_factories.score(other, [10, 10])
    client = as_person(world.secretary)
    assert ids(client.get(f"/api/candidates/?request={secret.pk}")) == {mine.pk}
    assert ids(client.get("/api/candidates/?status=scored")) == {other.pk}
    response = client.get("/api/candidates/?request=een")
    assert response.status_code == 400
    assert response.json() == {"request": ["Geef de inhuuraanvraag op als nummer."]}


# --- contracts --------------------------------------------------------------------------------


def test_the_secretary_reads_a_contract_with_its_extensions(world, as_person, secret):
    candidate = hiring_factories.candidate(request=secret, name="Anna de Vries")
    contract = contract_for(candidate, end=date(2027, 1, 8))
    services.contract_extend(
        actor=world.secretary.user,
        contract=contract,
        months=6,
        note="Verlengd na positieve evaluatie.",
        decided_on=date(2026, 12, 1),
    )
    response = as_person(world.secretary).get(f"/api/contracts/{contract.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["person_name"] == "Anna de Vries"
    assert data["request"]["id"] == secret.pk
    assert data["candidate"] == candidate.pk
    assert data["supplier"]["kvk_number"] == candidate.supplier.kvk_number
    assert (data["start"], data["original_end"], data["end"]) == (
        "2026-07-13",
        "2027-01-08",
        "2027-07-08",
    )
    assert data["hours_per_week"] == 36
    assert data["hourly_rate"] == "100.00"
    assert data["status"] == "active"
    [extension] = data["extensions"]
    assert extension["months"] == 6
    assert (extension["previous_end"], extension["new_end"]) == ("2027-01-08", "2027-07-08")
    assert extension["decided_by"] == {"id": world.secretary.pk, "name": world.secretary.name}
    assert extension["note"] == "Verlengd na positieve evaluatie."
    assert data["alert_working_days"] == 20
    assert data["alert_on"] == "2027-06-10"


def test_a_contract_ending_soon_is_flagged(world, as_person, secret):
    end = timezone.localdate() + timedelta(days=7)
    contract = contract_for(hiring_factories.candidate(request=secret), end=end)
    data = as_person(world.secretary).get(f"/api/contracts/{contract.pk}/").json()
    assert data["alert"] is True
    assert 0 < data["working_days_left"] <= 7
    assert date.fromisoformat(data["alert_on"]) <= timezone.localdate()


def test_the_alert_date_is_the_first_day_with_at_most_n_working_days_left():
    calendar = WorkingCalendar()
    end = date(2027, 1, 8)  # a Friday
    for n in (0, 1, 5, 20):
        day = alert_date(end, n, calendar)
        assert calendar.count_between(day, end) <= n
        assert calendar.count_between(day - timedelta(days=1), end) > n
    # 20 working days before Friday 8 January, over Christmas and New Year
    assert alert_date(end, 20, calendar) == date(2026, 12, 9)


def test_a_contract_of_a_confidential_request_is_404_and_unlisted_for_others(
    world, as_person, secret, internal
):
    hidden = contract_for(hiring_factories.candidate(request=secret, name="Daan Geheim"))
    shown = contract_for(hiring_factories.candidate(request=internal))
    client = as_person(world.outsider)
    response = client.get(f"/api/contracts/{hidden.pk}/")
    assert response.status_code == 404
    assert "Daan" not in response.content.decode()
    assert ids(client.get("/api/contracts/")) == {shown.pk}
    assert ids(client.get(f"/api/contracts/?request={secret.pk}")) == set()
    assert ids(as_person(world.secretary).get("/api/contracts/")) == {hidden.pk, shown.pk}


# --- query counts -----------------------------------------------------------------------------


def _add_rows(world, n: int) -> None:
    """n requests, each with two scored candidates (one with a contract extended once)."""
    for i in range(n):
        hiring_request = hiring_factories.hiring_request(
            secretary=world.secretary,
            confidentiality=Confidentiality.CONFIDENTIAL if i % 2 else Confidentiality.INTERNAL,
            unit=OrganisationUnit.objects.create(name=f"Team {i}", kind=OrganisationUnit.Kind.TEAM),
        )
        candidates = [hiring_factories.candidate(request=hiring_request) for _ in range(2)]
        for candidate in candidates:
            hiring_factories.pass_knockout(candidate)
            hiring_factories.score(candidate, [30, 20])
        contract = contract_for(candidates[0])
        services.contract_extend(actor=world.secretary.user, contract=contract, months=6, note="Ja")


@pytest.mark.parametrize(
    ("url", "per_request", "limit"),
    [
        ("/api/hiring-requests/?limit=200", 1, 11),
        ("/api/candidates/?limit=200", 2, 8),
        ("/api/contracts/?limit=200", 1, 8),
    ],
)
def test_a_list_costs_the_same_number_of_queries_for_more_rows(
    world, as_person, django_assert_max_num_queries, url, per_request, limit
):
    client = as_person(world.secretary)
    _add_rows(world, 3)
    client.get(url)
    with django_assert_max_num_queries(limit) as few:
        response = client.get(url)
    assert response.json()["count"] == 3 * per_request
    _add_rows(world, 6)
    with django_assert_max_num_queries(limit) as many:
        response = client.get(url)
    assert response.json()["count"] == 9 * per_request
    assert len(few) == len(many)
