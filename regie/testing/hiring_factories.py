"""Builders for hiring tests: a valid request, suppliers and candidates through the services."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

from regie.core.models import Person
from regie.hiring import services
from regie.hiring.models import Candidate, ContractForm, HiringRequest, Supplier
from regie.testing import factories

_seq = itertools.count(1)


def request_data(**kw: Any) -> services.RequestData:
    defaults: dict[str, Any] = {
        "title": "Secretaris Domein Samenleving",
        "organisation": "Gemeente Zoetermeer",
        "location": "Zoetermeer",
        "hours_per_week_min": 36,
        "hours_per_week_max": 36,
        "start_date": date(2026, 7, 13),
        "end_date": date(2027, 1, 12),
        "extension_options": "2 x 6 maanden",
        "extension_count": 2,
        "extension_months": 6,
        "max_total_months": 36,
        "max_rate": Decimal("114.00"),
        "award_total_points": 100,
        "candidates_to_select": 2,
        "allows_self_employed": True,
        "allows_secondment": True,
        "allows_agency": True,
        "uses_g_account": True,
        "platform_fee_per_hour": Decimal("2.25"),
        "supplier_margin_percent": Decimal("10"),
        "requirements": [
            "Aantoonbaar afgeronde opleiding op minimaal hbo-bachelorniveau.",
            "Per juli beschikbaar voor 36 uur per week.",
        ],
        "execution_conditions": ["Geen arbeidsrelatie met de gemeente."],
        "criteria": [
            ("Minimaal 3 jaar werkervaring als secretaris binnen een gemeente.", 60),
            ("Werkervaring met notuleren en actielijsten.", 40),
        ],
        "competencies": ["Resultaatgericht", "Verbindend"],
        "procedure_steps": ["Toets op eisen", "Selectie", "Gesprek"],
    }
    return services.RequestData(**(defaults | kw))


def hiring_request(*, actor=None, secretary: Person | None = None, **kw: Any) -> HiringRequest:
    secretary = secretary or factories.person(role=Person.Role.SECRETARY)
    actor = actor or secretary.user
    return services.request_create(actor=actor, data=request_data(secretary=secretary, **kw))


def supplier(**kw: Any) -> Supplier:
    n = next(_seq)
    defaults: dict[str, Any] = {
        "name": f"Detacheerder {n}",
        "kvk_number": f"{10000000 + n:08d}",
        "waadi_registered": True,
        "waadi_checked_on": date(2026, 6, 1),
        "sna_registered": True,
        "sna_checked_on": date(2026, 6, 1),
    }
    return Supplier.objects.create(**(defaults | kw))


def candidate(*, request: HiringRequest, actor=None, **kw: Any) -> Candidate:
    n = next(_seq)
    sup = kw.pop("supplier", None)
    if sup is None and kw.get("contract_form", ContractForm.SECONDMENT) != "self_employed":
        sup = supplier()
    defaults: dict[str, Any] = {
        "name": f"Kandidaat {n}",
        "hourly_rate": Decimal("100.00"),
        "contract_form": ContractForm.SECONDMENT,
        "supplier_kvk": sup.kvk_number if sup else "",
        "hours_per_week": 36,
        "available_from": date(2026, 7, 13),
    }
    actor = actor or (request.secretary.user if request.secretary else None)
    return services.candidate_offer(actor=actor, request=request, **(defaults | kw))


def pass_knockout(candidate: Candidate, *, actor=None) -> Candidate:
    actor = actor or candidate.request.secretary.user
    results = {r.pk: (True, "Blijkt uit het cv.") for r in candidate.request.requirements.all()}
    return services.candidate_check_requirements(actor=actor, candidate=candidate, results=results)


def score(candidate: Candidate, points: list[int | Decimal], *, actor=None) -> Candidate:
    actor = actor or candidate.request.secretary.user
    criteria = list(candidate.request.criteria.all())
    scores = {
        c.pk: (Decimal(p), f"Motivering {c.position}")
        for c, p in zip(criteria, points, strict=True)
    }
    return services.candidate_score(actor=actor, candidate=candidate, scores=scores)


def interview(candidate: Candidate, assessor: Person, rating: str | dict, *, actor=None) -> None:
    actor = actor or candidate.request.secretary.user
    competencies = list(candidate.request.competencies.all())
    ratings = (
        {c.pk: rating.get(c.name, "voldoende") for c in competencies}
        if isinstance(rating, dict)
        else {c.pk: rating for c in competencies}
    )
    services.interview_score(actor=actor, candidate=candidate, assessor=assessor, ratings=ratings)
