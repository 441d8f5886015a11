"""The year plan of the directie Fysieke Leefomgeving, approved by the DO, with quarterly progress
(some updates still missing), milestones and decision moments on coming meetings; and next
year's plan of team Leefomgeving still in concept.

Built through the planning services, so every row is checked as a user's input would be.
"""

from __future__ import annotations

import io
from datetime import date

from regie.home.demo.context import Demo, days, models, stamp
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


# A Microsoft Planner export of team Leefomgeving for next year, stored as a stuk, so the import
# (plan page > "Planner-export inlezen") can be tried on a real file. (bucket, task, progress,
# assignees, start month, due month)
PLANNER_TASKS = [
    (
        "Besluitvorming",
        "Vergaderschema DO en stuurgroepen vaststellen",
        "Completed",
        ["secretaris"],
        1,
        1,
    ),
    ("Besluitvorming", "Besluitenlijsten in Regie bijhouden", "In progress", ["secretaris"], 1, 12),
    ("Dashboard", "Dashboard inrichten per cluster", "In progress", ["medewerker"], 1, 3),
    ("Dashboard", "Teamleiders instrueren", "Not started", ["medewerker", "teamleider"], 3, 4),
    ("Dashboard", "Evaluatie gebruik dashboard", "Not started", ["teamleider"], 6, 6),
    ("Werkplannen", "Format werkplan cluster opstellen", "Not started", ["teamleider"], 1, 2),
    ("Werkplannen", "Werkplannen clusters verzamelen", "Not started", ["secretaris"], 2, 3),
]


def create_planner_export(demo: Demo) -> str:
    """Store the Planner export as a stuk of team Leefomgeving; returns the stored file name."""
    from regie.home.demo.documents import _version
    from regie.planning.excel import XLSX_TYPE

    year = demo.today.year + 1
    m = models()
    author = demo.people["medewerker"]
    document = m.Document(
        title=f"Planner-export team Leefomgeving {year}",
        kind=m.Document.Kind.ANNEX,
        author=author,
        body=demo.bodies["DO"],
        confidentiality="internal",
    )
    stamp(document, when=demo.today - days(2), user=author.user, reason="Stuk aangemaakt")
    document.save()
    content = planner_export(demo, year)
    text = [f"{bucket}: {task}" for bucket, task, *_rest in PLANNER_TASKS]
    return _version(
        demo,
        document,
        1,
        f"planner-export-leefomgeving-{year}.xlsx",
        XLSX_TYPE,
        content,
        text,
        demo.today - days(2),
    )


def planner_export(demo: Demo, year: int) -> bytes:
    """The workbook as Planner writes it: a few lines about the plan, then the task table."""
    from openpyxl import Workbook

    from regie.planning.excel import PLANNER_COLUMNS

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Taken"
    sheet.append(["Plan name", f"Team Leefomgeving {year}"])
    sheet.append(["Plan ID", "mQ3vTz0c1E6Xr2kL8pYbVGUAF7n4"])
    sheet.append(["Export date", demo.today.strftime("%m/%d/%Y")])
    sheet.append([])
    sheet.append(PLANNER_COLUMNS)
    creator = demo.people["medewerker"].name
    for number, (bucket, task, progress, owners, first, last) in enumerate(PLANNER_TASKS, 1):
        names = ";".join(demo.people[key].name for key in owners)
        completed = _month_end(year, last).strftime("%m/%d/%Y") if progress == "Completed" else ""
        sheet.append(
            [
                f"task-{number:03d}",
                task,
                bucket,
                progress,
                "Medium",
                names,
                creator,
                demo.today.strftime("%m/%d/%Y"),
                date(year, first, 1).strftime("%m/%d/%Y"),
                _month_end(year, last).strftime("%m/%d/%Y"),
                "false",
                completed,
                creator if completed else "",
                "",
                "",
                "",
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
