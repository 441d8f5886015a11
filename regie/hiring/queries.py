"""Reads for the hiring pages and reports, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import Count, DecimalField, Prefetch, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from regie.core.workdays import WorkingCalendar
from regie.hiring.models import (
    Candidate,
    Contract,
    CriterionScore,
    EvaluationEvent,
    HiringRequest,
    InterviewScore,
    RequirementCheck,
)
from regie.hiring.ranking import Entry, Ranked, ranking

RANKED_STATUSES = (
    Candidate.Status.SCORED,
    Candidate.Status.SELECTED,
    Candidate.Status.NOT_SELECTED,
    Candidate.Status.INTERVIEWED,
    Candidate.Status.AWARDED,
    Candidate.Status.REJECTED,
)


def with_totals(qs: QuerySet[Candidate]) -> QuerySet[Candidate]:
    return qs.annotate(
        total_points=Coalesce(
            Sum("scores__points"), Value(Decimal(0)), output_field=DecimalField()
        ),
        score_count=Count("scores"),
    )


def ranking_entries(hiring_request: HiringRequest) -> list[Entry]:
    """Every candidate who passed the knock-out and was scored on every criterion."""
    criteria = hiring_request.criteria.count()
    rows = (
        with_totals(hiring_request.candidates.filter(status__in=RANKED_STATUSES))
        .filter(score_count=criteria)
        .values_list("pk", "name", "total_points", "hourly_rate", "lot_number")
    )
    return [
        Entry(pk, name, Decimal(total), Decimal(rate), lot) for pk, name, total, rate, lot in rows
    ]


def ranking_for(hiring_request: HiringRequest) -> list[Ranked]:
    return ranking(ranking_entries(hiring_request))


def request_list(qs: QuerySet[HiringRequest]) -> QuerySet[HiringRequest]:
    return qs.select_related("secretary", "team_lead").annotate(
        candidate_count=Count("candidates", distinct=True)
    )


@dataclass
class RequestPage:
    hiring_request: HiringRequest
    requirements: list
    execution_conditions: list
    criteria: list
    competencies: list
    procedure_steps: list
    candidates: list[Candidate]
    ranked: list[Ranked]
    events: list[EvaluationEvent]
    rounds: list
    contracts: list[Contract]
    points_total: int = 0
    ranked_by_id: dict[int, Ranked] = field(default_factory=dict)


def request_page(hiring_request: HiringRequest) -> RequestPage:
    requirements = list(hiring_request.requirements.all())
    criteria = list(hiring_request.criteria.all())
    candidates = list(
        with_totals(
            hiring_request.candidates.select_related("supplier", "selection_round")
        ).order_by("name", "id")
    )
    ranked = ranking(
        [
            Entry(c.pk, c.name, Decimal(c.total_points), c.hourly_rate, c.lot_number)
            for c in candidates
            if c.status in RANKED_STATUSES and c.score_count == len(criteria)
        ]
    )
    page = RequestPage(
        hiring_request=hiring_request,
        requirements=requirements,
        execution_conditions=list(hiring_request.execution_conditions.all()),
        criteria=criteria,
        competencies=list(hiring_request.competencies.all()),
        procedure_steps=list(hiring_request.procedure_steps.all()),
        candidates=candidates,
        ranked=ranked,
        events=list(
            hiring_request.events.select_related("by__person", "candidate").order_by("-at", "-id")
        ),
        rounds=list(hiring_request.selection_rounds.select_related("created_by__person")),
        contracts=list(hiring_request.contracts.all()),
        points_total=sum(c.points for c in criteria),
    )
    page.ranked_by_id = {r.entry.candidate_id: r for r in ranked}
    for candidate in candidates:
        candidate.ranked = page.ranked_by_id.get(candidate.pk)
    return page


def candidate_page(candidate: Candidate) -> dict:
    hiring_request = candidate.request
    checks = {
        c.requirement_id: c
        for c in RequirementCheck.objects.filter(candidate=candidate).select_related("by__person")
    }
    scores = {
        s.criterion_id: s
        for s in CriterionScore.objects.filter(candidate=candidate).select_related("by__person")
    }
    interview = list(
        InterviewScore.objects.filter(candidate=candidate)
        .select_related("assessor", "competency", "by__person")
        .order_by("assessor__name", "competency__position")
    )
    requirements = list(hiring_request.requirements.all())
    criteria = list(hiring_request.criteria.all())
    for r in requirements:
        r.check = checks.get(r.pk)
    for c in criteria:
        c.score = scores.get(c.pk)
    by_assessor: dict[str, list[InterviewScore]] = {}
    for score in interview:
        by_assessor.setdefault(score.assessor.name, []).append(score)
    return {
        "requirements": requirements,
        "criteria": criteria,
        "competencies": list(hiring_request.competencies.all()),
        "interview_by_assessor": by_assessor,
        "total_points": sum((s.points for s in scores.values()), Decimal(0)),
        "events": list(candidate.events.select_related("by__person").order_by("at", "id")),
        "prior_contracts": list(candidate.prior_contracts.all()),
    }


def report_rows(hiring_request: HiringRequest) -> list[dict]:
    """Per candidate, what explains the outcome: knock-out, scores, rank, interview."""
    criteria = list(hiring_request.criteria.all())
    candidates = list(
        hiring_request.candidates.select_related("supplier").prefetch_related(
            Prefetch("checks", queryset=RequirementCheck.objects.select_related("requirement")),
            Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion")),
            Prefetch(
                "interview_scores",
                queryset=InterviewScore.objects.select_related("assessor", "competency"),
            ),
        )
    )
    ranked = {r.entry.candidate_id: r for r in ranking_for(hiring_request)}
    rows = []
    for candidate in sorted(
        candidates,
        key=lambda c: (ranked[c.pk].position if c.pk in ranked else 10**6, c.name),
    ):
        scores = {s.criterion_id: s for s in candidate.scores.all()}
        rows.append(
            {
                "candidate": candidate,
                "ranked": ranked.get(candidate.pk),
                "failed_checks": [c for c in candidate.checks.all() if not c.met],
                "scores": [(criterion, scores.get(criterion.pk)) for criterion in criteria],
                "total": sum((s.points for s in scores.values()), Decimal(0)),
                "interview": sorted(
                    candidate.interview_scores.all(),
                    key=lambda s: (s.assessor.name, s.competency.position),
                ),
            }
        )
    return rows


@dataclass
class ContractRow:
    contract: Contract
    working_days_left: int
    alert: bool


def contract_rows(
    qs: QuerySet[Contract], *, today: date, calendar: WorkingCalendar, limit: int | None = None
) -> list[ContractRow]:
    rows = []
    ordered = qs.select_related("request", "supplier").order_by("end", "id")
    for contract in ordered[:limit] if limit else ordered:
        left = calendar.count_between(today, contract.end) if contract.end >= today else 0
        alert = (
            contract.status == Contract.Status.ACTIVE
            and contract.end >= today
            and left <= contract.alert_working_days
        )
        rows.append(ContractRow(contract, left, alert))
    return rows


def contract_alerts(
    qs: QuerySet[Contract], *, today: date, calendar: WorkingCalendar
) -> list[ContractRow]:
    """Active contracts ending within their alert window (in working days), soonest first."""
    # A contract's window is at most 366 working days; cut the calendar range first.
    candidates = qs.filter(status=Contract.Status.ACTIVE, end__gte=today)
    return [row for row in contract_rows(candidates, today=today, calendar=calendar) if row.alert]


def contract_alerts_for_person(person_id: int, *, today: date, calendar: WorkingCalendar):
    """For the dashboard and digest: contracts whose request has this secretary or team lead."""
    qs = Contract.objects.filter(
        Q(request__secretary_id=person_id) | Q(request__team_lead_id=person_id)
    )
    return contract_alerts(qs, today=today, calendar=calendar)
