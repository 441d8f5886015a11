from decimal import Decimal

import pytest

from regie.core.errors import DomainError
from regie.core.models import Person
from regie.hiring import services
from regie.hiring.models import (
    Candidate,
    Contract,
    EvaluationEvent,
    HiringRequest,
    InterviewScore,
    Requirement,
    SelectionRound,
    Supplier,
)
from regie.testing import factories
from regie.testing import hiring_factories as hf

pytestmark = pytest.mark.django_db


def _counts():
    return (
        HiringRequest.objects.count(),
        Requirement.objects.count(),
        Candidate.objects.count(),
        Supplier.objects.count(),
        EvaluationEvent.objects.count(),
    )


# --- requests ---------------------------------------------------------------------------------


def test_it_stores_a_request_with_its_parts_and_records_who():
    secretary = factories.person(role=Person.Role.SECRETARY)
    hiring_request = hf.hiring_request(secretary=secretary)
    assert hiring_request.status == HiringRequest.Status.OPEN
    assert [c.points for c in hiring_request.criteria.all()] == [60, 40]
    assert hiring_request.requirements.count() == 2
    assert hiring_request.execution_conditions.count() == 1
    assert hiring_request.history.first().history_user == secretary.user
    event = hiring_request.events.get()
    assert event.by == secretary.user and "2 eisen" in event.text


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"requirements": []}, "geen enkele eis"),
        ({"requirements": ["   "]}, "geen enkele eis"),
        (
            {"criteria": [("A", 60), ("B", 30)]},
            "tellen op tot 90, niet tot het genoemde totaal van 100",
        ),
        (
            {"criteria": [("A", 60), ("B", None)]},
            "Geef bij elk gunningscriterium het aantal punten",
        ),
        ({"title": " "}, "titel"),
        (
            {
                "allows_self_employed": False,
                "allows_secondment": False,
                "allows_agency": False,
            },
            "contractvorm",
        ),
        ({"max_rate": Decimal("0")}, "maximum uurtarief"),
        ({"g_account_share_sna": Decimal("120")}, "percentage"),
    ],
)
def test_it_refuses_a_bad_request_and_stores_nothing(overrides, message):
    secretary = factories.person(role=Person.Role.SECRETARY)
    before = _counts()
    with pytest.raises(DomainError) as error:
        services.request_create(
            actor=secretary.user, data=hf.request_data(secretary=secretary, **overrides)
        )
    assert message in error.value.message
    assert _counts() == before


def test_a_das_request_that_excludes_self_employed_warns_about_advies_615():
    request = hf.hiring_request(is_das=True, allows_self_employed=False)
    assert any("advies 615" in w for w in request.warnings)
    assert hf.hiring_request().warnings == []


@pytest.mark.parametrize("text", ["", "   \n ", "\x00\x01\x02PK\x03\x04" * 40])
def test_it_refuses_an_empty_or_binary_posting(text):
    with pytest.raises(DomainError):
        services.request_from_posting(actor=None, text=text)


# --- candidates -------------------------------------------------------------------------------


def test_it_refuses_a_rate_above_the_cap_an_unknown_supplier_and_a_forbidden_form():
    request = hf.hiring_request(allows_self_employed=False)
    known = hf.supplier()
    before = _counts()
    cases = [
        ({"hourly_rate": Decimal("114.01"), "supplier_kvk": known.kvk_number}, "boven het maximum"),
        ({"supplier_kvk": "12345678"}, "geen leverancier met KvK-nummer 12345678"),
        ({"supplier_kvk": "1234"}, "8 cijfers"),
        ({"contract_form": "self_employed", "supplier_kvk": ""}, "niet toegestaan"),
        ({"supplier_kvk": ""}, "leverancier"),
        ({"name": "", "supplier_kvk": known.kvk_number}, "naam"),
    ]
    for overrides, message in cases:
        kwargs = {
            "actor": request.secretary.user,
            "request": request,
            "name": "Anna",
            "hourly_rate": Decimal("100"),
            "contract_form": "secondment",
        } | overrides
        with pytest.raises(DomainError) as error:
            services.candidate_offer(**kwargs)
        assert message in error.value.message, overrides
    assert _counts() == before


def test_a_rate_at_the_cap_is_accepted_and_the_offer_is_logged():
    request = hf.hiring_request()
    candidate = hf.candidate(request=request, name="Bea", hourly_rate=Decimal("114.00"))
    assert candidate.status == Candidate.Status.OFFERED
    assert request.events.filter(step="offered", candidate=candidate).exists()


def test_a_cv_must_be_a_real_pdf_or_docx():
    from regie.testing import files

    request = hf.hiring_request()
    with pytest.raises(DomainError):
        hf.candidate(request=request, cv=files.upload("cv.xlsx", files.xlsx()))
    with pytest.raises(DomainError):
        hf.candidate(request=request, cv=files.upload("cv.pdf", b"<html><script>x</script>"))
    candidate = hf.candidate(request=request, cv=files.upload("cv.pdf", files.pdf("CV Anna")))
    assert candidate.cv.name.endswith(".pdf")


def test_an_unmet_requirement_knocks_the_candidate_out_with_the_reason():
    request = hf.hiring_request()
    candidate = hf.candidate(request=request, name="Carla")
    first, second = request.requirements.all()
    with pytest.raises(DomainError):  # an unmet requirement needs a motivation
        services.candidate_check_requirements(
            actor=request.secretary.user,
            candidate=candidate,
            results={first.pk: (True, "cv"), second.pk: (False, "")},
        )
    services.candidate_check_requirements(
        actor=request.secretary.user,
        candidate=candidate,
        results={first.pk: (True, "cv"), second.pk: (False, "Pas per oktober beschikbaar")},
    )
    candidate.refresh_from_db()
    assert candidate.status == Candidate.Status.KNOCKED_OUT
    assert second.text in candidate.knockout_reason
    with pytest.raises(DomainError):
        hf.score(candidate, [50, 30])


def test_scores_stay_within_the_criterion_and_need_a_motivation():
    request = hf.hiring_request()
    candidate = hf.pass_knockout(hf.candidate(request=request))
    first, second = request.criteria.all()
    for scores in (
        {first.pk: (Decimal(61), "te veel"), second.pk: (Decimal(10), "ok")},
        {first.pk: (Decimal(-1), "negatief"), second.pk: (Decimal(10), "ok")},
        {first.pk: (Decimal(10), "  "), second.pk: (Decimal(10), "ok")},
        {first.pk: (Decimal(10), "alleen één")},
    ):
        with pytest.raises(DomainError):
            services.candidate_score(
                actor=request.secretary.user, candidate=candidate, scores=scores
            )
    assert not candidate.scores.exists()
    hf.score(candidate, [60, Decimal("12.5")])
    assert candidate.scores.get(criterion=second).points == Decimal("12.5")


# --- the whole procedure ------------------------------------------------------------------------


def _scored(request, name, points, rate):
    candidate = hf.candidate(request=request, name=name, hourly_rate=Decimal(rate))
    hf.pass_knockout(candidate)
    return hf.score(candidate, points)


def test_selection_takes_the_best_by_points_then_rate_and_records_it():
    request = hf.hiring_request(candidates_to_select=2)
    _scored(request, "Anna", [50, 30], "100")  # 80
    _scored(request, "Bram", [50, 30], "95")  # 80, cheaper
    _scored(request, "Cor", [40, 20], "80")  # 60
    selection_round = services.selection_make(actor=request.secretary.user, request=request)
    selected = set(selection_round.candidates.values_list("name", flat=True))
    assert selected == {"Anna", "Bram"}
    assert Candidate.objects.get(name="Cor").status == Candidate.Status.NOT_SELECTED
    event = request.events.get(step="selection")
    assert event.text.index("Bram") < event.text.index("Anna")
    assert not request.events.filter(step="lot").exists()


def test_selection_waits_until_every_candidate_is_scored():
    request = hf.hiring_request()
    _scored(request, "Anna", [50, 30], "100")
    hf.candidate(request=request, name="Dirk")
    with pytest.raises(DomainError, match="Dirk"):
        services.selection_make(actor=request.secretary.user, request=request)
    assert not SelectionRound.objects.exists()


def test_a_full_tie_is_decided_by_a_lot_drawn_once_and_recorded():
    request = hf.hiring_request(candidates_to_select=1)
    a = _scored(request, "Anna", [50, 30], "100")
    b = _scored(request, "Bram", [50, 30], "100")
    services.selection_make(actor=request.secretary.user, request=request)
    a.refresh_from_db()
    b.refresh_from_db()
    assert {a.lot_number, b.lot_number} == {1, 2}
    winner = a if a.lot_number == 1 else b
    assert winner.status == Candidate.Status.SELECTED
    lot_event = request.events.get(step="lot")
    assert "Anna" in lot_event.text and "Bram" in lot_event.text
    assert lot_event.by == request.secretary.user


def _interview_round(request, assessors, ratings_by_name):
    for candidate in request.candidates.filter(status=Candidate.Status.SELECTED):
        for assessor in assessors:
            hf.interview(candidate, assessor, ratings_by_name.get(candidate.name, "voldoende"))


def test_nobody_passing_the_interview_repeats_the_selection_with_the_next_candidates():
    request = hf.hiring_request(candidates_to_select=1)
    _scored(request, "Anna", [60, 40], "100")
    _scored(request, "Bram", [50, 30], "100")
    _scored(request, "Cor", [10, 10], "100")
    jan, piet = factories.person(name="Jan"), factories.person(name="Piet")
    services.selection_make(actor=request.secretary.user, request=request)
    hf.interview(Candidate.objects.get(name="Anna"), jan, "goed")
    with pytest.raises(DomainError, match="twee beoordelaars"):
        services.interview_conclude(actor=request.secretary.user, request=request)
    hf.interview(Candidate.objects.get(name="Anna"), piet, {"Resultaatgericht": "onvoldoende"})
    outcome = services.interview_conclude(actor=request.secretary.user, request=request)
    assert outcome.passed == [] and outcome.new_round.number == 2
    anna = Candidate.objects.get(name="Anna")
    assert anna.status == Candidate.Status.REJECTED
    assert "Resultaatgericht (Piet)" in anna.rejection_reason
    bram = Candidate.objects.get(name="Bram")
    assert bram.status == Candidate.Status.SELECTED and bram.selection_round.number == 2
    assert request.events.filter(step="repeat").exists()
    _interview_round(request, [jan, piet], {})
    outcome = services.interview_conclude(actor=request.secretary.user, request=request)
    assert [c.name for c in outcome.passed] == ["Bram"]
    contract = services.award(actor=request.secretary.user, candidate=bram)
    assert contract.hourly_rate == Decimal("100") and contract.end == request.end_date
    request.refresh_from_db()
    assert request.status == HiringRequest.Status.AWARDED
    assert Candidate.objects.get(name="Cor").status == Candidate.Status.REJECTED
    assert request.events.filter(step="award", by=request.secretary.user).exists()
    with pytest.raises(DomainError):
        services.award(actor=request.secretary.user, candidate=Candidate.objects.get(name="Cor"))
    assert Contract.objects.count() == 1


def test_when_no_candidates_are_left_the_repeat_says_so():
    request = hf.hiring_request(candidates_to_select=1)
    _scored(request, "Anna", [60, 40], "100")
    jan, piet = factories.person(), factories.person()
    services.selection_make(actor=request.secretary.user, request=request)
    _interview_round(request, [jan, piet], {"Anna": "onvoldoende"})
    outcome = services.interview_conclude(actor=request.secretary.user, request=request)
    assert outcome.exhausted and outcome.new_round is None


def test_interview_scores_need_every_competency_and_a_selected_candidate():
    request = hf.hiring_request()
    candidate = _scored(request, "Anna", [60, 40], "100")
    jan = factories.person()
    with pytest.raises(DomainError):
        hf.interview(candidate, jan, "goed")  # not selected yet
    services.selection_make(actor=request.secretary.user, request=request)
    first = request.competencies.first()
    with pytest.raises(DomainError):
        services.interview_score(
            actor=request.secretary.user,
            candidate=candidate,
            assessor=jan,
            ratings={first.pk: "goed"},
        )
    assert not InterviewScore.objects.exists()
