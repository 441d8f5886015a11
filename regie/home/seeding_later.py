"""The seed's data of the later modules: planning, risks and hiring (inhuur).

Called by `Seeder.run` after the meetings, decisions and actions exist, with the seeder's own
random generator, so the whole seed stays deterministic for a given --seed. Bulk inserts only;
the states are the ones the services would leave behind (an approved plan has its decision, a
decision moment lies on a meeting's day, a measure on the action list has its action, an awarded
request has its contract).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from regie.actions.models import Action
from regie.core.models import Body, Confidentiality, OrganisationUnit, Person
from regie.hiring.models import (
    AwardCriterion,
    Candidate,
    Competency,
    Contract,
    ContractForm,
    CriterionScore,
    HiringRequest,
    Requirement,
    RequirementCheck,
    SelectionRound,
    Supplier,
)
from regie.meetings.models import Decision, Meeting
from regie.planning.models import (
    Activity,
    Goal,
    Milestone,
    Plan,
    ProgressUpdate,
    ReportingPeriod,
)
from regie.risks.models import Measure, Risk

if TYPE_CHECKING:
    from regie.home.seeding import Seeder

PROGRAMME_TITLE = "Programma Omgevingswet {year}"
QUARTERS = [(1, 3), (4, 6), (7, 9), (10, 12)]
DEADLINE_WORKING_DAYS = 10

GOALS = [
    "Gemeenten toegerust op de Omgevingswet",
    "Gebiedsprocessen landelijk gebied met gemeenten aan tafel",
    "Klimaatadaptatie en energie in de uitvoering",
    "Woningbouw versneld met regionale afspraken",
    "Een wendbare en zichtbare organisatie",
    "Digitale dienstverlening op orde",
]
ACTIVITY_VERBS = [
    "Ondersteuning",
    "Kennissessies",
    "Monitor",
    "Pilot",
    "Uitvoeringsagenda",
    "Handreiking",
    "Evaluatie",
    "Regionale bijeenkomsten",
]
TOPICS = [
    "Omgevingswet",
    "landelijk gebied",
    "klimaatadaptatie",
    "woningbouwopgave",
    "energietransitie",
    "stikstof",
    "circulaire economie",
    "mobiliteit",
    "Fonds GGU",
    "subsidieregeling",
    "bodem en water",
]
RISKS = [
    ("Onvoldoende capaciteit voor", "Krappe arbeidsmarkt", "Vertraging in de uitvoering"),
    ("Vertraging besluitvorming over", "Afstemming tussen overheden loopt uit", "Inbreng te laat"),
    ("Middelen niet volledig uitgeput voor", "Aanvragen komen laat", "Terugbetaling aan het Rijk"),
    ("Geen draagvlak bij gemeenten voor", "Andere prioriteiten", "Geringe deelname"),
    ("Wijziging van landelijk beleid rond", "Nieuw kabinet", "Herziening van de aanpak"),
    ("Datakwaliteit onvoldoende voor", "Bronnen niet op orde", "Onbetrouwbare rapportages"),
]
MEASURES = [
    "Extra capaciteit inhuren voor",
    "Escalatie naar het MT over",
    "Tussentijdse rapportage opstellen over",
    "Afspraken vastleggen met partners over",
    "Communicatieplan maken voor",
]
ROLES = [
    "Secretaris Fysieke Leefomgeving",
    "Senior PMO",
    "Programmamanager",
    "Projectleider",
    "Beleidsadviseur",
    "Controller",
    "Juridisch adviseur",
    "Communicatieadviseur",
    "Informatieadviseur",
    "Bestuurssecretaris",
]
REQUIREMENTS = [
    "Minimaal afgeronde hbo-opleiding.",
    "Minimaal 5 jaar aantoonbare werkervaring in een vergelijkbare rol.",
    "Aantoonbare ervaring bij een gemeente, provincie of samenwerkingsverband.",
]
CRITERIA = [
    ("Werkervaring binnen het fysiek domein.", 40),
    ("Werkervaring met bestuurlijke advisering.", 30),
    ("Werkervaring met projectmatig werken.", 30),
]
COMPETENCIES = ["Plannen en organiseren", "Netwerken", "Resultaatgericht", "Samenwerken"]
FIRST_NAMES = ["Erik", "Anouk", "Bas", "Carmen", "Daan", "Fatima", "Gijs", "Hatice", "Iris"]
LAST_NAMES = ["Jansen", "de Boer", "Visser", "Yilmaz", "Smit", "el Amrani", "Kok", "Meijer"]


@dataclass(frozen=True)
class LaterScale:
    activities_per_plan: int
    risks_per_unit: int
    hiring_requests: int
    programme_activities: int
    programme_milestones: int


def month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


class LaterSeeder:
    def __init__(self, seeder: Seeder, scale: LaterScale):
        self.seeder = seeder
        self.scale = scale
        self.rng = seeder.rng
        self.today = seeder.today
        self.log = seeder.log
        self.calendar = seeder.calendar
        self.tz = timezone.get_current_timezone()

    def run(self, units: list[OrganisationUnit], people: list[Person]) -> None:
        from regie.home.seeding import _bulk

        self.bulk = _bulk
        self.units = units
        internal = [p for p in people if p.role != Person.Role.EXTERNAL_MEMBER]
        self.internal = internal
        self.by_unit: dict[int | None, list[Person]] = {}
        for person in internal:
            self.by_unit.setdefault(person.unit_id, []).append(person)
        self.secretaries = [p for p in internal if p.role == Person.Role.SECRETARY]
        self.team_leads = [p for p in internal if p.role == Person.Role.TEAM_LEAD] or internal
        self.bodies = list(Body.objects.order_by("id").values_list("id", "confidentiality"))
        self._load_meetings()
        self._load_decisions()
        years = sorted({d.year for d in self.meeting_days} | {self.today.year})
        self.years = [y for y in years if y <= self.today.year]
        periods = self.periods()
        activities = self.plans(periods)
        self.risks(activities)
        self.hiring()

    # Lookups

    def _load_meetings(self) -> None:
        rows = Meeting.objects.order_by("starts_at", "id").values_list("id", "body_id", "starts_at")
        self.meetings = [(pk, body_id, timezone.localdate(at, self.tz)) for pk, body_id, at in rows]
        self.meeting_days = [day for _pk, _body, day in self.meetings]

    def _load_decisions(self) -> None:
        rows = Decision.objects.order_by("decided_on", "id").values_list("id", "decided_on")
        self.decisions = list(rows)
        self.decision_days = [day for _pk, day in self.decisions]

    def _owner(self, unit_id: int) -> Person:
        choices = self.by_unit.get(unit_id) or self.internal
        return self.rng.choice(choices)

    def _meetings_between(self, first: date, last: date) -> list[tuple[int, int, date]]:
        lo = bisect.bisect_left(self.meeting_days, first)
        hi = bisect.bisect_right(self.meeting_days, last)
        return self.meetings[lo:hi]

    def _approving_decision(self, year: int) -> int | None:
        """A decision of the turn of the year before the plan's, or the first one after."""
        if not self.decisions:
            return None
        cut = bisect.bisect_left(self.decision_days, date(year, 2, 1))
        if cut == 0:
            return self.decisions[self.rng.randrange(min(20, len(self.decisions)))][0]
        return self.decisions[self.rng.randrange(max(0, cut - 40), cut)][0]

    # Planning

    def periods(self) -> dict[int, list[ReportingPeriod]]:
        """Quarters for every year, for all plans of that year (no plan of their own)."""
        rows = []
        for year in self.years:
            for number, (first, last) in enumerate(QUARTERS, start=1):
                end = month_end(year, last)
                rows.append(
                    ReportingPeriod(
                        year=year,
                        name=f"Q{number} {year}",
                        start=date(year, first, 1),
                        end=end,
                        deadline=self.calendar.add(end, DEADLINE_WORKING_DAYS),
                        reminder_working_days=5,
                    )
                )
        created = self.bulk(ReportingPeriod, rows)
        per_year: dict[int, list[ReportingPeriod]] = {}
        for period in created:
            per_year.setdefault(period.year, []).append(period)
        self.log(f"reporting periods: {len(created)}")
        return per_year

    def plans(self, periods: dict[int, list[ReportingPeriod]]) -> dict[int, list[Activity]]:
        """A year plan per unit and year, and one large programme plan this year.

        Returns the activities of this year's plans per unit, for the risks."""
        rows = []
        for year in self.years:
            for unit in self.units:
                approved = year < self.today.year or self.rng.random() < 0.8
                decision = self._approving_decision(year) if approved else None
                rows.append(
                    Plan(
                        unit=unit,
                        year=year,
                        kind=Plan.Kind.YEAR,
                        title=f"Jaarplan {year} {unit.name}",
                        status=Plan.Status.APPROVED if decision else Plan.Status.DRAFT,
                        approved_by_decision_id=decision,
                        confidentiality=(
                            Confidentiality.CONFIDENTIAL
                            if self.rng.random() < 0.03
                            else Confidentiality.INTERNAL
                        ),
                    )
                )
        programme_unit = next((u for u in self.units if u.kind == "directorate"), self.units[0])
        programme = Plan(
            unit=programme_unit,
            year=self.today.year,
            kind=Plan.Kind.WORK,
            title=PROGRAMME_TITLE.format(year=self.today.year),
            status=Plan.Status.APPROVED if self.decisions else Plan.Status.DRAFT,
            approved_by_decision_id=self._approving_decision(self.today.year),
        )
        rows.append(programme)
        plans = self.bulk(Plan, rows)
        goals = self.goals(plans)
        activities = self.activities(plans, goals, programme)
        self.milestones(plans, activities, programme)
        self.progress(activities, periods)
        this_year: dict[int, list[Activity]] = {}
        for plan in plans:
            if plan.year == self.today.year and plan.kind == Plan.Kind.YEAR:
                this_year[plan.unit_id] = activities[plan.pk]
        self.log(
            f"plans: {len(plans)}, goals: {sum(len(g) for g in goals.values())}, "
            f"activities: {sum(len(a) for a in activities.values())}"
        )
        return this_year

    def goals(self, plans: list[Plan]) -> dict[int, list[Goal]]:
        # Positions in the lists, never ids: ids differ per database, the seed must not.
        rows = []
        for index, plan in enumerate(plans):
            count = 10 if plan.kind == Plan.Kind.WORK else self.rng.randint(3, 5)
            for position in range(1, count + 1):
                title = GOALS[(index + position) % len(GOALS)]
                rows.append(Goal(plan=plan, title=f"{position}. {title}", position=position))
        per_plan: dict[int, list[Goal]] = {}
        for goal in self.bulk(Goal, rows):
            per_plan.setdefault(goal.plan_id, []).append(goal)
        return per_plan

    def _activity_status(self, start: date, end: date) -> str:
        roll = self.rng.random()
        if end < self.today - timedelta(days=60):
            if roll < 0.9:
                return Activity.Status.DONE
            return Activity.Status.CANCELLED if roll < 0.95 else Activity.Status.IN_PROGRESS
        if end < self.today:  # ended lately: half not yet closed
            return Activity.Status.DONE if roll < 0.5 else Activity.Status.IN_PROGRESS
        if start <= self.today:
            return Activity.Status.IN_PROGRESS if roll < 0.9 else Activity.Status.PLANNED
        return Activity.Status.PLANNED

    def activities(
        self, plans: list[Plan], goals: dict[int, list[Goal]], programme: Plan
    ) -> dict[int, list[Activity]]:
        rows = []
        for plan in plans:
            is_programme = plan.pk == programme.pk
            count = (
                self.scale.programme_activities
                if is_programme
                else self.scale.activities_per_plan + self.rng.randint(-3, 3)
            )
            plan_goals = goals[plan.pk]
            for n in range(count):
                if is_programme:
                    start = date(plan.year, 1, 1) + timedelta(days=self.rng.randint(0, 330))
                    end = min(
                        date(plan.year, 12, 31), start + timedelta(weeks=self.rng.randint(2, 20))
                    )
                else:
                    first = self.rng.randint(1, 4)
                    start = date(plan.year, first, self.rng.randint(1, 20))
                    end = month_end(plan.year, self.rng.randint(min(12, first + 6), 12))
                verb = ACTIVITY_VERBS[n % len(ACTIVITY_VERBS)]
                rows.append(
                    Activity(
                        plan=plan,
                        goal=plan_goals[n % len(plan_goals)],
                        title=f"{verb} {self.rng.choice(TOPICS)} ({n + 1})",
                        owner=self._owner(plan.unit_id),
                        unit_id=plan.unit_id,
                        start=start,
                        end=end,
                        status=self._activity_status(start, end),
                    )
                )
        per_plan: dict[int, list[Activity]] = {plan.pk: [] for plan in plans}
        for activity in self.bulk(Activity, rows):
            per_plan[activity.plan_id].append(activity)
        return per_plan

    def milestones(
        self, plans: list[Plan], activities: dict[int, list[Activity]], programme: Plan
    ) -> None:
        rows = []
        for plan in plans:
            plan_activities = activities[plan.pk]
            if not plan_activities:
                continue
            is_programme = plan.pk == programme.pk
            plain = self.scale.programme_milestones if is_programme else 3
            moments = max(2, plain // 10) if is_programme else 2
            for n in range(plain):
                activity = self.rng.choice(plan_activities)
                rows.append(
                    Milestone(
                        plan=plan,
                        activity=activity,
                        title=f"Mijlpaal {n + 1}: {activity.title}",
                        date=activity.end,
                    )
                )
            # Decision moments on real meetings: this year's on coming meetings where there are.
            first = max(date(plan.year, 1, 1), self.today) if plan.year == self.today.year else None
            candidates = self._meetings_between(
                first or date(plan.year, 1, 1), date(plan.year + 1, 3, 31)
            ) or self._meetings_between(date(plan.year, 1, 1), date(plan.year, 12, 31))
            for _n in range(moments if candidates else 0):
                meeting_id, _body, day = self.rng.choice(candidates)
                activity = self.rng.choice(plan_activities)
                rows.append(
                    Milestone(
                        plan=plan,
                        activity=activity,
                        title=f"Besluit over {activity.title.lower()}",
                        kind=Milestone.Kind.DECISION_MOMENT,
                        meeting_id=meeting_id,
                        date=day,
                    )
                )
        self.bulk(Milestone, rows)
        self.log(f"milestones and decision moments: {len(rows)}")

    def progress(
        self, activities: dict[int, list[Activity]], periods: dict[int, list[ReportingPeriod]]
    ) -> None:
        """Updates over (at most) the last three ended periods per activity; the latest ended
        period (of this year or, early in the year, of the last) misses some, so the chase list
        has owners to chase."""
        statuses = [ProgressUpdate.Status.ON_TRACK] * 7 + [
            ProgressUpdate.Status.AT_RISK,
            ProgressUpdate.Status.AT_RISK,
            ProgressUpdate.Status.OFF_TRACK,
        ]
        ended = {
            year: [p for p in year_periods if p.end < self.today]
            for year, year_periods in periods.items()
        }
        latest = max(
            (p for year_periods in ended.values() for p in year_periods),
            key=lambda p: p.end,
            default=None,
        )
        rows = []
        for plan_activities in activities.values():
            for activity in plan_activities:
                if activity.status == Activity.Status.PLANNED:
                    continue
                year = activity.start.year
                spans = [
                    p
                    for p in ended.get(year, [])
                    if p.start <= activity.end and p.end >= activity.start
                ][-3:]
                for n, period in enumerate(spans, start=1):
                    if period is latest and self.rng.random() < 0.2:
                        continue
                    last = n == len(spans) and activity.status == Activity.Status.DONE
                    percent = 100 if last else min(95, round(100 * n / (len(spans) + 1)))
                    status = ProgressUpdate.Status.ON_TRACK if last else self.rng.choice(statuses)
                    rows.append(
                        ProgressUpdate(
                            activity=activity,
                            period=period,
                            status=status,
                            percent=percent,
                            text="Loopt volgens planning."
                            if status == ProgressUpdate.Status.ON_TRACK
                            else "Vertraging door capaciteit; bijsturing loopt.",
                            author_id=activity.owner_id,
                        )
                    )
        self.bulk(ProgressUpdate, rows)
        self.log(f"progress updates: {len(rows)}")

    # Risks

    def risks(self, this_year: dict[int, list[Activity]]) -> None:
        statuses = (
            [Risk.Status.OPEN] * 12
            + [Risk.Status.CONTROLLED] * 4
            + [
                Risk.Status.OCCURRED,
                Risk.Status.CLOSED,
                Risk.Status.CLOSED,
                Risk.Status.CLOSED,
            ]
        )
        rows = []
        for unit in self.units:
            unit_activities = this_year.get(unit.pk, [])
            for n in range(self.scale.risks_per_unit):
                title, cause, effect = RISKS[n % len(RISKS)]
                topic = self.rng.choice(TOPICS)
                probability, impact = self.rng.randint(1, 5), self.rng.randint(1, 5)
                status = self.rng.choice(statuses)
                # Active risks: a review date around today, some overdue.
                review = self.today + timedelta(days=self.rng.randint(-30, 120))
                body = self.rng.choice(self.bodies) if self.rng.random() < 0.6 else None
                confidential = body is not None and body[1] == Confidentiality.CONFIDENTIAL
                owner = self._owner(unit.pk)
                rows.append(
                    Risk(
                        title=f"{title} {topic}",
                        cause=cause,
                        event=f"{title} {topic}",
                        effect=effect,
                        unit=unit,
                        programme="Programma Omgevingswet" if n % 5 == 0 else "",
                        activity=(
                            self.rng.choice(unit_activities)
                            if unit_activities and self.rng.random() < 0.5
                            else None
                        ),
                        body_id=body[0] if body else None,
                        probability=probability,
                        impact=impact,
                        score=probability * impact,
                        owner=owner,
                        status=status,
                        review_date=review,
                        confidentiality=(
                            Confidentiality.CONFIDENTIAL
                            if confidential
                            else Confidentiality.INTERNAL
                        ),
                        created_by=owner,
                    )
                )
        risks = self.bulk(Risk, rows)
        self.measures(risks)

    def measures(self, risks: list[Risk]) -> None:
        rows = []
        for index, risk in enumerate(risks):
            for n in range(self.rng.randint(1, 3)):
                if risk.status == Risk.Status.CLOSED:
                    status = Measure.Status.DONE if n == 0 else Measure.Status.CANCELLED
                else:
                    status = self.rng.choice(
                        [Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.DONE]
                    )
                rows.append(
                    Measure(
                        risk=risk,
                        text=f"{MEASURES[(index + n) % len(MEASURES)]} {risk.title.lower()}",
                        owner=self._owner(risk.unit_id),
                        due_date=self.today + timedelta(days=self.rng.randint(-20, 90)),
                        status=status,
                    )
                )
        measures = self.bulk(Measure, rows)
        risk_of = {risk.pk: risk for risk in risks}
        chosen = [m for m in measures if m.is_open and self.rng.random() < 0.25]
        source_type = ContentType.objects.get_for_model(Measure)
        actions = self.bulk(
            Action,
            [
                Action(
                    title=m.text,
                    owner_id=m.owner_id,
                    body_id=risk_of[m.risk_id].body_id,
                    status=Action.Status.OPEN,
                    confidentiality=risk_of[m.risk_id].confidentiality,
                    raised_on=self.today - timedelta(days=self.rng.randint(1, 60)),
                    due_date=m.due_date,
                    source_type=source_type,
                    source_id=m.pk,
                    source_label=f"Risico: {risk_of[m.risk_id].title}"[:300],
                )
                for m in chosen
            ],
        )
        for measure, action in zip(chosen, actions, strict=True):
            measure.action_id = action.pk
        Measure.objects.bulk_update(chosen, ["action"], batch_size=2000)
        self.log(f"risks: {len(risks)}, measures: {len(measures)}, as actions: {len(actions)}")

    # Hiring

    def hiring(self) -> None:
        checked = self.today - timedelta(days=30)
        suppliers = self.bulk(
            Supplier,
            [
                Supplier(
                    name=f"Leverancier {n + 1} B.V.",
                    kvk_number=f"{90000000 + n:08d}",
                    waadi_registered=True,
                    waadi_checked_on=checked,
                    sna_registered=n % 3 != 0,
                    sna_checked_on=checked if n % 3 != 0 else None,
                )
                for n in range(12)
            ],
        )
        statuses = (
            [HiringRequest.Status.AWARDED] * 10
            + [HiringRequest.Status.EVALUATING] * 4
            + [HiringRequest.Status.OPEN] * 3
            + [HiringRequest.Status.DRAFT] * 2
            + [HiringRequest.Status.CANCELLED]
        )
        teams = [u for u in self.units if u.kind == "team"] or self.units
        rows = []
        for n in range(self.scale.hiring_requests):
            status = statuses[n % len(statuses)]
            start = self.today + timedelta(days=self.rng.randint(-500, 60))
            rows.append(
                HiringRequest(
                    title=f"{ROLES[n % len(ROLES)]} ({n + 1})",
                    organisation="Vereniging van Nederlandse Gemeenten",
                    location="Den Haag (hybride)",
                    unit=self.rng.choice(teams),
                    hours_per_week_min=32,
                    hours_per_week_max=36,
                    start_date=start,
                    end_date=start + timedelta(days=365),
                    extension_options="Twee keer zes maanden",
                    extension_count=2,
                    extension_months=6,
                    max_total_months=24,
                    max_rate=Decimal(self.rng.choice(["95", "105", "114", "125"])),
                    deadline=datetime.combine(start - timedelta(days=30), time(12), tzinfo=self.tz),
                    candidates_to_select=2,
                    status=status,
                    secretary=self.secretaries[n % len(self.secretaries)],
                    team_lead=self.rng.choice(self.team_leads),
                )
            )
        requests = self.bulk(HiringRequest, rows)
        self.bulk(
            Requirement,
            [
                Requirement(request=r, text=text, position=i)
                for r in requests
                for i, text in enumerate(REQUIREMENTS, start=1)
            ],
        )
        criteria = self.bulk(
            AwardCriterion,
            [
                AwardCriterion(request=r, text=text, points=points, position=i)
                for r in requests
                for i, (text, points) in enumerate(CRITERIA, start=1)
            ],
        )
        self.bulk(
            Competency,
            [
                Competency(request=r, name=name, position=i)
                for r in requests
                for i, name in enumerate(COMPETENCIES, start=1)
            ],
        )
        self._candidates(requests, suppliers, criteria)

    def _candidates(
        self,
        requests: list[HiringRequest],
        suppliers: list[Supplier],
        criteria: list[AwardCriterion],
    ) -> None:
        rounds = self.bulk(
            SelectionRound,
            [
                SelectionRound(request=r, number=1)
                for r in requests
                if r.status in (HiringRequest.Status.EVALUATING, HiringRequest.Status.AWARDED)
            ],
        )
        round_of = {r.request_id: r for r in rounds}
        rows = []
        for r in requests:
            if r.status == HiringRequest.Status.DRAFT:
                continue
            for n in range(self.rng.randint(3, 6)):
                if r.status in (HiringRequest.Status.OPEN, HiringRequest.Status.CANCELLED):
                    status = Candidate.Status.OFFERED
                elif n == 0:
                    status = (
                        Candidate.Status.AWARDED
                        if r.status == HiringRequest.Status.AWARDED
                        else Candidate.Status.SELECTED
                    )
                elif n == 1:
                    status = (
                        Candidate.Status.REJECTED
                        if r.status == HiringRequest.Status.AWARDED
                        else Candidate.Status.SELECTED
                    )
                elif n == 2:
                    status = Candidate.Status.KNOCKED_OUT
                else:
                    status = Candidate.Status.NOT_SELECTED
                supplier = self.rng.choice(suppliers) if self.rng.random() < 0.8 else None
                selected = status in (
                    Candidate.Status.SELECTED,
                    Candidate.Status.AWARDED,
                    Candidate.Status.REJECTED,
                )
                rows.append(
                    Candidate(
                        request=r,
                        name=f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}",
                        supplier=supplier,
                        contract_form=(
                            ContractForm.SECONDMENT if supplier else ContractForm.SELF_EMPLOYED
                        ),
                        hourly_rate=Decimal(self.rng.randint(85, 120)),
                        available_from=r.start_date,
                        hours_per_week=32,
                        status=status,
                        knockout_reason="Het cv toont te weinig ervaring."
                        if status == Candidate.Status.KNOCKED_OUT
                        else "",
                        rejection_reason="Het gesprek was onvoldoende."
                        if status == Candidate.Status.REJECTED
                        else "",
                        selection_round=round_of.get(r.pk) if selected else None,
                    )
                )
        candidates = self.bulk(Candidate, rows)
        self._evaluation(candidates, criteria)
        self._contracts(requests, candidates)

    def _evaluation(self, candidates: list[Candidate], criteria: list[AwardCriterion]) -> None:
        requirements: dict[int, list[int]] = {}
        for pk, request_id in Requirement.objects.order_by("id").values_list("id", "request_id"):
            requirements.setdefault(request_id, []).append(pk)
        per_request: dict[int, list[AwardCriterion]] = {}
        for criterion in criteria:
            per_request.setdefault(criterion.request_id, []).append(criterion)
        checks, scores = [], []
        for c in candidates:
            if c.status == Candidate.Status.OFFERED:
                continue
            knocked = c.status == Candidate.Status.KNOCKED_OUT
            for n, requirement_id in enumerate(requirements[c.request_id]):
                checks.append(
                    RequirementCheck(
                        candidate=c,
                        requirement_id=requirement_id,
                        met=not (knocked and n == 1),
                        evidence="Blijkt uit het cv.",
                    )
                )
            if knocked:
                continue
            for criterion in per_request[c.request_id]:
                scores.append(
                    CriterionScore(
                        candidate=c,
                        criterion=criterion,
                        points=Decimal(self.rng.randint(criterion.points // 2, criterion.points)),
                        motivation="Ruime ervaring.",
                    )
                )
        self.bulk(RequirementCheck, checks)
        self.bulk(CriterionScore, scores)

    def _contracts(self, requests: list[HiringRequest], candidates: list[Candidate]) -> None:
        request_of = {r.pk: r for r in requests}
        rows: list[Contract] = []
        for c in candidates:
            if c.status != Candidate.Status.AWARDED:
                continue
            r = request_of[c.request_id]
            start = r.start_date or self.today - timedelta(days=180)
            # Ends spread around today: some ended, one in four within the alert window (about
            # 20 working days), the rest later.
            if len(rows) % 4 == 0:
                end = self.today + timedelta(days=self.rng.randint(3, 25))
            else:
                end = self.today + timedelta(days=self.rng.randint(-60, 300))
            if end <= start:
                start = end - timedelta(days=180)
            rows.append(
                Contract(
                    request=r,
                    candidate=c,
                    person_name=c.name,
                    supplier_id=c.supplier_id,
                    start=start,
                    original_end=end,
                    end=end,
                    hours_per_week=32,
                    hourly_rate=c.hourly_rate,
                    extension_count=r.extension_count,
                    extension_months=r.extension_months,
                    max_total_months=r.max_total_months,
                    status=Contract.Status.ENDED if end < self.today else Contract.Status.ACTIVE,
                )
            )
        self.bulk(Contract, rows)
        self.log(
            f"hiring: {len(requests)} requests, {len(candidates)} candidates, {len(rows)} contracts"
        )
