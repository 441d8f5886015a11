"""Demo data for hiring: a procedure run from a real posting, and contracts with alerts.

From the posting "Secretaris Fysieke Leefomgeving" (VNG): five candidates, one knocked out on
a requirement, a tie on points decided by the hourly rate, a first interview round in which
nobody passes (so the selection is repeated), an award and a contract ending in about three
weeks. A second, older contract has been extended once.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from regie.core.models import Person
from regie.hiring import services
from regie.hiring.models import Candidate, HiringRequest, Supplier

POSTINGS = Path(__file__).parent / "demo_postings"
DEMO_TITLE = "Secretaris Fysieke Leefomgeving"
SECOND_TITLE = "Senior PMO Programma Omgevingswet"

REQUIREMENTS = [
    "Minimaal afgeronde HBO opleiding.",
    "Minimaal 8 jaar aantoonbare werkervaring in de rol van programma-, project- of "
    "bestuurlijk secretaris voor meerdere gemeenten, een regionaal samenwerkingsverband of de "
    "koepelorganisatie van gemeenten.",
    "Minimaal 8 jaar aantoonbare werkervaring met projectmatig werken in een bestuurlijk "
    "dynamische omgeving bij meerdere gemeenten of een samenwerkingsverband van gemeenten.",
]
WISHES = [
    "Werkervaring als programma-, project- of bestuurlijk secretaris binnen het fysiek domein.",
    "Werkervaring als secretaris op het gebied van bedrijfsvoering (personeel, financiën, "
    "rapportages).",
    "Werkervaring met ondersteunende systemen voor administratieve processen (inkoop, "
    "verplichtingenadministratie, workflow, documentmanagement).",
    "Werkervaring met het zelfstandig adviseren van teamleiders, MT of directie.",
]
POINTS = [30, 25, 25, 20]
COMPETENCIES = [
    "Motiveren",
    "Plannen en organiseren",
    "Netwerken",
    "Resultaatgericht",
    "Organisatiesensitiviteit",
    "Zelfstandig adviserend",
    "Hands-on mentaliteit",
    "Cijfermatig inzicht",
]


def _person(role: str, name: str) -> Person:
    person = Person.objects.filter(role=role).order_by("pk").first()
    if person is None:
        person, _created = Person.objects.get_or_create(name=name, defaults={"role": role})
    return person


def _parsed(text: str) -> services.RequestData:
    """What the posting reader finds, completed where the posting is silent."""
    try:
        data = services.request_from_posting(actor=None, text=text).data
    except Exception:  # the demo must load even when the reader finds less
        data = services.RequestData(posting_text=text)
    data.title = DEMO_TITLE
    data.organisation = data.organisation or "Vereniging van Nederlandse Gemeenten"
    data.location = data.location or "Nassaulaan 12, 2514 JS Den Haag"
    data.hours_per_week_min = data.hours_per_week_max = 32
    data.start_date, data.end_date = date(2026, 1, 2), date(2026, 12, 31)
    data.max_rate = Decimal("114")
    data.requirements = data.requirements or REQUIREMENTS
    texts = [text for text, _p in data.criteria] if len(data.criteria) == 4 else WISHES
    data.criteria = list(zip(texts, POINTS, strict=True))  # the posting gives no points
    data.award_total_points = 100
    data.competencies = data.competencies or COMPETENCIES
    data.candidates_to_select = 2
    data.extension_options = data.extension_options or "Daarna is in overleg verlenging mogelijk."
    data.extension_count, data.extension_months, data.max_total_months = 2, 6, 36
    data.allows_self_employed = False  # Wet DBA: only professionals on a payroll
    data.allows_secondment = data.allows_agency = True
    data.uses_g_account = True
    data.vog_moment = HiringRequest.VogMoment.BEFORE_START
    data.platform_fee_per_hour = Decimal("2.25")
    data.supplier_margin_percent = Decimal("15")
    data.posting_text = text
    return data


def _supplier(name: str, kvk: str, *, sna: bool) -> Supplier:
    checked = timezone.localdate() - timedelta(days=30)
    supplier, _created = Supplier.objects.get_or_create(
        kvk_number=kvk,
        defaults={
            "name": name,
            "waadi_registered": True,
            "waadi_checked_on": checked,
            "sna_registered": sna,
            "sna_checked_on": checked if sna else None,
        },
    )
    return supplier


def _check(actor, candidate: Candidate, failed: dict[int, str] | None = None) -> None:
    failed = failed or {}
    results = {
        r.pk: (r.position not in failed, failed.get(r.position, "Blijkt uit het cv."))
        for r in candidate.request.requirements.all()
    }
    services.candidate_check_requirements(actor=actor, candidate=candidate, results=results)


def _score(actor, candidate: Candidate, points: list[int], motivation: str) -> None:
    criteria = list(candidate.request.criteria.all())
    scores = {
        c.pk: (Decimal(p), f"{motivation} (criterium {c.position})")
        for c, p in zip(criteria, points, strict=True)
    }
    services.candidate_score(actor=actor, candidate=candidate, scores=scores)


def _interview(actor, candidate: Candidate, assessors, low: str | None = None) -> None:
    for number, assessor in enumerate(assessors):
        ratings = {
            c.pk: ("onvoldoende" if low == c.name and number == 1 else "goed")
            for c in candidate.request.competencies.all()
        }
        services.interview_score(
            actor=actor, candidate=candidate, assessor=assessor, ratings=ratings
        )


@transaction.atomic
def load_hiring_demo() -> str:
    if HiringRequest.objects.filter(title=DEMO_TITLE).exists():
        return "inhuur: al aanwezig"
    secretary = _person(Person.Role.SECRETARY, "Sanne de Vries")
    team_lead = _person(Person.Role.TEAM_LEAD, "Tom Bakker")
    actor = secretary.user
    assessors = [team_lead, secretary]
    today = timezone.localdate()

    text = (POSTINGS / "secretaris_fysieke_leefomgeving.txt").read_text(encoding="utf-8")
    data = _parsed(text)
    data.secretary, data.team_lead = secretary, team_lead
    hiring_request = services.request_create(actor=actor, data=data)

    flex = _supplier("Flexwerk Overheid B.V.", "60123456", sna=True)
    interim = _supplier("Interim Publiek B.V.", "71234567", sna=False)
    offers = [
        ("Erik Jansen", flex, "96.00"),
        ("Anouk de Boer", interim, "105.00"),
        ("Bas Visser", flex, "98.00"),
        ("Carmen Yilmaz", interim, "104.00"),
        ("Daan Smit", flex, "90.00"),
    ]
    candidates = {}
    for name, supplier, rate in offers:
        candidates[name] = services.candidate_offer(
            actor=actor,
            request=hiring_request,
            name=name,
            hourly_rate=Decimal(rate),
            contract_form="secondment",
            supplier_kvk=supplier.kvk_number,
            available_from=today - timedelta(days=160),
            hours_per_week=32,
        )
    _check(actor, candidates["Erik Jansen"], {2: "Het cv toont 5 jaar ervaring als secretaris."})
    for name in ("Anouk de Boer", "Bas Visser", "Carmen Yilmaz", "Daan Smit"):
        _check(actor, candidates[name])
    _score(actor, candidates["Anouk de Boer"], [25, 25, 20, 15], "Ruime ervaring")  # 85
    _score(actor, candidates["Bas Visser"], [25, 20, 20, 15], "Goede ervaring")  # 80, € 98
    _score(actor, candidates["Carmen Yilmaz"], [20, 25, 20, 15], "Goede ervaring")  # 80, € 104
    _score(actor, candidates["Daan Smit"], [20, 15, 15, 10], "Enige ervaring")  # 60
    services.selection_make(actor=actor, request=hiring_request)  # Anouk and Bas
    _interview(actor, candidates["Anouk de Boer"], assessors, low="Cijfermatig inzicht")
    _interview(actor, candidates["Bas Visser"], assessors, low="Netwerken")
    services.interview_conclude(actor=actor, request=hiring_request)  # nobody passes: round 2
    _interview(actor, candidates["Carmen Yilmaz"], assessors)
    _interview(actor, candidates["Daan Smit"], assessors, low="Plannen en organiseren")
    services.interview_conclude(actor=actor, request=hiring_request)
    services.award(
        actor=actor,
        candidate=candidates["Carmen Yilmaz"],
        start=today - timedelta(days=150),
        end=today + timedelta(days=21),
        hours_per_week=32,
    )

    older = _older_contract(actor, secretary, team_lead, assessors, today)
    return f"inhuur: 2 aanvragen, 6 kandidaten, contracten tot {older}"


def _older_contract(actor, secretary, team_lead, assessors, today: date) -> str:
    data = services.RequestData(
        title=SECOND_TITLE,
        organisation="Vereniging van Nederlandse Gemeenten",
        location="Den Haag (hybride)",
        hours_per_week_min=32,
        hours_per_week_max=32,
        start_date=today - timedelta(days=300),
        end_date=today - timedelta(days=120),
        extension_options="Per half jaar, uiterlijk 36 maanden (DAS)",
        extension_count=4,
        extension_months=6,
        max_total_months=36,
        max_rate=Decimal("110"),
        is_das=True,
        allows_self_employed=True,
        candidates_to_select=1,
        vog_moment=HiringRequest.VogMoment.BEFORE_START,
        platform_fee_per_hour=Decimal("0"),
        supplier_margin_percent=Decimal("10"),
        requirements=["Minimaal hbo werk- en denkniveau.", "Minimaal 3 jaar ervaring als PMO."],
        criteria=[("Ervaring met inkoop en subsidiebeheer", 60), ("Ervaring bij een koepel", 40)],
        competencies=["Analytisch", "Samenwerken"],
        secretary=secretary,
        team_lead=team_lead,
    )
    hiring_request = services.request_create(actor=actor, data=data)
    candidate = services.candidate_offer(
        actor=actor,
        request=hiring_request,
        name="Fatima el Amrani",
        hourly_rate=Decimal("97.50"),
        contract_form="self_employed",
        available_from=data.start_date,
        hours_per_week=32,
    )
    _check(actor, candidate)
    _score(actor, candidate, [50, 30], "Sterk in inkoop")
    services.selection_make(actor=actor, request=hiring_request)
    _interview(actor, candidate, assessors)
    services.interview_conclude(actor=actor, request=hiring_request)
    contract = services.award(actor=actor, candidate=candidate)
    services.contract_extend(
        actor=actor,
        contract=contract,
        months=6,
        note="Besluit MT: verlengen met 6 maanden wegens de subsidieverantwoording.",
        decided_on=today - timedelta(days=140),
    )
    contract.refresh_from_db()
    return contract.end.strftime("%d-%m-%Y")
