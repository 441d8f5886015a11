"""The year plan of the directie Fysieke Leefomgeving, approved by the DO, with quarterly progress
(some updates still missing), milestones and decision moments on coming meetings; and next
year's plan of team Leefomgeving still in concept.

Built through the planning services, so every row is checked as a user's input would be.
"""

from __future__ import annotations

from datetime import date

from regie.home.demo.context import Demo, days, models
from regie.planning import services
from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate

GOALS = [
    "Gemeenten toegerust op de Omgevingswet",
    "Landelijk gebied: gebiedsprocessen met gemeenten aan tafel",
    "Klimaatadaptatie en energie in de uitvoering",
]

# (goal, title, owner, start month, end month, progress per quarter: (status, percent) or None)
ON, RISK, OFF = (
    ProgressUpdate.Status.ON_TRACK,
    ProgressUpdate.Status.AT_RISK,
    ProgressUpdate.Status.OFF_TRACK,
)
ACTIVITIES = [
    (
        0,
        "Ondersteuningsteams Omgevingswet in de regio's",
        "mtlid",
        1,
        12,
        [(ON, 20), (ON, 45), (RISK, 60)],
    ),
    (
        0,
        "Kennissessies omgevingsplan voor kleine gemeenten",
        "pmo",
        2,
        9,
        [(ON, 30), (ON, 80), (ON, 100)],
    ),
    (
        0,
        "Monitor signalen uitvoering Omgevingswet",
        "coord_kwaliteit",
        1,
        12,
        [(ON, 25), (ON, 50), None],
    ),
    (
        1,
        "Inbreng gemeenten in de gebiedsprogramma's",
        "coord_landelijk",
        1,
        10,
        [(ON, 20), (RISK, 40), (OFF, 50)],
    ),
    (1, "Pilot dashboard Landelijk gebied", "medewerker", 3, 12, [(ON, 10), (ON, 35), None]),
    (1, "Uitvoeringsagenda Landelijk Gebied 2027", "teamleider", 6, 12, [None, (ON, 15), (ON, 40)]),
    (
        2,
        "Subsidieregeling klimaatadaptatie: aanvragen begeleiden",
        "coord_klimaat",
        1,
        12,
        [(ON, 25), (ON, 50), (ON, 70)],
    ),
    (
        2,
        "Rapportage Fonds GGU: stand van zaken uitputting",
        "controller",
        1,
        12,
        [(ON, 25), (RISK, 45), (RISK, 65)],
    ),
    (
        2,
        "Regionale energiestrategieën: lessen voor gemeenten",
        "adviseur_energie",
        4,
        11,
        [None, (ON, 30), (ON, 60)],
    ),
]

NEXT_YEAR = [
    ("Jaarplanning vergaderingen en besluitvorming {year}", "secretaris", 1, 2),
    ("Planningstool als dashboard uitrollen in alle clusters", "medewerker", 1, 6),
    ("Werkplannen clusters op één format", "teamleider", 1, 3),
]


def create_plans(demo: Demo) -> int:
    """Returns the number of activities made."""
    actor = demo.users["secretaris"]
    year = demo.today.year
    plan = services.plan_create(
        actor=actor,
        unit=demo.units["fl"],
        year=year,
        title=f"Jaarplan {year} directie Fysieke Leefomgeving",
    )
    goals = [services.goal_create(actor=actor, plan=plan, title=title) for title in GOALS]
    periods = services.periods_generate(actor=actor, year=year, scheme="quarters", plan=plan)
    done = [p for p in periods if p.deadline < demo.today]
    activities = []
    for goal, title, owner, first, last, progress in ACTIVITIES:
        activity = services.activity_create(
            actor=actor,
            plan=plan,
            goal=goals[goal],
            title=title,
            owner=demo.people[owner],
            start=date(year, first, 1),
            end=_month_end(year, last),
            status=Activity.Status.IN_PROGRESS,
        )
        activities.append(activity)
        for period, update in zip(done, progress, strict=False):
            if update is not None:
                status, percent = update
                services.progress_record(
                    actor=actor,
                    activity=activity,
                    period=period,
                    status=status,
                    percent=percent,
                    text=_note(status),
                )
    _milestones(demo, actor, plan, activities)
    _approve(demo, actor, plan)
    return len(activities) + _next_year(demo, actor, year + 1)


def _milestones(demo: Demo, actor, plan: Plan, activities: list[Activity]) -> None:
    year = plan.year
    services.milestone_create(
        actor=actor,
        plan=plan,
        title="Alle ondersteuningsteams operationeel",
        date=date(year, 6, 30),
        activity=activities[0],
    )
    services.milestone_create(
        actor=actor,
        plan=plan,
        title="Eindrapport pilot dashboard Landelijk gebied",
        date=demo.working_day_on_or_after(demo.today + days(21)),
        activity=activities[4],
    )
    for code, title, activity in (
        ("DO", "Besluit uitvoeringsagenda Landelijk Gebied 2027 (DO)", activities[5]),
        ("BO-LG", "Uitvoeringsagenda Landelijk Gebied 2027 in het BO", activities[5]),
    ):
        meeting = (
            models()
            .Meeting.objects.filter(body=demo.bodies[code], starts_at__date__gt=demo.today)
            .order_by("starts_at")
            .first()
        )
        if meeting is not None:
            services.milestone_create(
                actor=actor,
                plan=plan,
                title=title,
                kind=Milestone.Kind.DECISION_MOMENT,
                activity=activity,
                meeting=meeting,
            )


def _approve(demo: Demo, actor, plan: Plan) -> None:
    decision = (
        models()
        .Decision.objects.filter(body=demo.bodies["DO"], text__icontains="jaarplan")
        .order_by("-decided_on")
        .first()
    )
    if decision is not None:
        services.plan_approve(
            actor=actor, plan=plan, decision=decision, expected_version=plan.version
        )


def _next_year(demo: Demo, actor, year: int) -> int:
    plan = services.plan_create(
        actor=actor,
        unit=demo.units["leefomgeving"],
        year=year,
        title=f"Jaarplan {year} team Leefomgeving (concept)",
    )
    for title, owner, first, last in NEXT_YEAR:
        services.activity_create(
            actor=actor,
            plan=plan,
            title=title.format(year=year),
            owner=demo.people[owner],
            start=date(year, first, 1),
            end=_month_end(year, last),
        )
    return len(NEXT_YEAR)


def _note(status: str) -> str:
    if status == ProgressUpdate.Status.ON_TRACK:
        return "Loopt volgens planning."
    if status == ProgressUpdate.Status.AT_RISK:
        return "Capaciteit in de teams is krap; planning staat onder druk."
    return "Vertraagd: besluitvorming bij de partners loopt uit. Bijsturing in het MT."


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - days(1)
