"""Measure Regie's main pages, exports, feeds and API lists on a seeded database.

    python bench/run.py --database sqlite --scale small --repeat 20 --out bench/data/x.json

Server time is measured in-process through the whole middleware stack (Django's test client),
the SQL queries with their own time (the floor that indexes and query shape decide). "rows" is
the number of records the page reads from (its body's actions, decisions, ...), so the
figures can be read against the size of the data. Every page must answer 200 from real rows:
a page whose rows count is 0, whose expected text is missing or whose API list is empty stops
the run (a measurement of an empty page says nothing).
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "regie.settings.base")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count, Q  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import NoReverseMatch, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from regie.actions.models import Action  # noqa: E402
from regie.core.heap import freeze_startup_objects  # noqa: E402
from regie.core.models import Body, OrganisationUnit, Person  # noqa: E402
from regie.documents.models import Document  # noqa: E402
from regie.hiring.models import Candidate, Contract, HiringRequest  # noqa: E402
from regie.meetings.models import AgendaItem, Decision, Meeting, Proposal  # noqa: E402
from regie.planning.models import (  # noqa: E402
    Activity,
    Milestone,
    Plan,
    ProgressUpdate,
    ReportingPeriod,
)
from regie.risks.models import Risk  # noqa: E402

# (name, url, rows, texts of which one must be in the page or None)
Page = tuple[str, str, int, tuple[str, ...] | None]


def _page(name: str, url: str, rows: int, *expect: str) -> Page:
    return (name, url, rows, expect or None)


def targets() -> tuple[Person, list[Page]]:
    """The pages a secretary uses, on the busiest body she runs, with their row counts."""
    secretary = Person.objects.filter(role=Person.Role.SECRETARY).order_by("id").first()
    body = Body.objects.filter(secretary=secretary).order_by("id").first()
    now = timezone.now()
    held = Meeting.objects.filter(body=body, starts_at__lt=now).order_by("-starts_at").first()
    upcoming = Meeting.objects.filter(body=body).order_by("-starts_at").first()
    action = Action.objects.filter(body=body).order_by("-id").first()
    decision = Decision.objects.filter(body=body).order_by("-id").first()
    document = Document.objects.filter(body=body).order_by("-id").first()
    open_statuses = list(Action.OPEN_STATUSES)
    body_actions = Action.objects.filter(body=body)
    body_decisions = Decision.objects.filter(body=body).count()
    overdue = Action.objects.filter(
        status__in=open_statuses, due_date__lt=timezone.localdate()
    ).count()
    pages = [
        ("mijn week", reverse("home:my_week"), Action.objects.filter(owner=secretary).count()),
        ("gremia", reverse("meetings:body_list"), Body.objects.count()),
        (
            "gremium",
            reverse("meetings:body_detail", args=[body.pk]),
            Meeting.objects.filter(body=body).count(),
        ),
        (
            "vergadering (agenda)",
            reverse("meetings:meeting_detail", args=[upcoming.pk]),
            AgendaItem.objects.filter(meeting=upcoming).count(),
        ),
        (
            "verslag",
            reverse("meetings:minutes", args=[held.pk]),
            AgendaItem.objects.filter(meeting=held).count(),
        ),
        ("besluitenlijst", reverse("meetings:decision_register", args=[body.pk]), body_decisions),
        (
            "besluitenlijst zoeken",
            reverse("meetings:decision_register", args=[body.pk]) + "?q=stikstof",
            body_decisions,
        ),
        ("besluit", reverse("meetings:decision_detail", args=[decision.pk]), 1),
        (
            "actielijst gremium (open)",
            reverse("actions:body_actions", args=[body.pk]),
            body_actions.filter(status__in=open_statuses).count(),
        ),
        ("acties te laat", reverse("actions:list") + "?termijn=overdue", overdue),
        ("mijn acties", reverse("actions:mine"), Action.objects.filter(owner=secretary).count()),
        ("actie", reverse("actions:detail", args=[action.pk]), action.notes.count() + 1),
        ("stukken", reverse("documents:list"), Document.objects.count()),
        ("stuk", reverse("documents:detail", args=[document.pk]), 1),
        ("voorstellen", reverse("meetings:proposal_list"), Proposal.objects.count()),
        (
            "zoeken",
            reverse("home:search") + "?q=omgevingswet",
            Document.objects.count() + Decision.objects.count() + Action.objects.count(),
        ),
        (
            "export agenda docx",
            reverse("reports:agenda_docx", args=[upcoming.pk]),
            AgendaItem.objects.filter(meeting=upcoming).count(),
        ),
        (
            "export verslag docx",
            reverse("reports:minutes_docx", args=[held.pk]),
            AgendaItem.objects.filter(meeting=held).count(),
        ),
        (
            "export actielijst docx",
            reverse("reports:actions_docx", args=[body.pk]),
            body_actions.filter(status__in=open_statuses).count(),
        ),
        (
            "agenda-feed persoon",
            reverse("reports:person_calendar", args=[secretary.calendar_token]),
            Meeting.objects.filter(body__secretary=secretary).count(),
        ),
        (
            "agenda-feed gremium",
            reverse("reports:body_calendar", args=[body.calendar_token]),
            Meeting.objects.filter(body=body).count(),
        ),
    ]
    pages = [_page(*page) for page in pages]
    pages += planning_pages(secretary)
    pages += risk_pages()
    pages += hiring_pages()
    pages += api_pages(body)
    return secretary, pages


def _optional(name: str, *args, query: str = "") -> str | None:
    """The URL of a page another module may not have yet; None skips it."""
    try:
        return reverse(name, args=args) + query
    except NoReverseMatch:
        return None


def planning_pages(secretary: Person) -> list[Page]:
    """Dashboard, plans, the programme's timeline, bestuurlijke planning and the chase list."""
    today = timezone.localdate()
    year = today.year
    directorate = OrganisationUnit.objects.filter(kind="directorate").order_by("id").first()
    below = [directorate.pk, *directorate.children.values_list("pk", flat=True)]
    plan = (
        Plan.objects.filter(kind=Plan.Kind.YEAR, year=year, unit=directorate).order_by("id").first()
    )
    plan_first = plan.activities.order_by("goal__position", "goal_id", "start", "id").first()
    programme = Plan.objects.filter(kind=Plan.Kind.WORK, year=year).order_by("id").first()
    programme_first = programme.activities.order_by("start", "id").first()
    programme_rows = programme.activities.count() + programme.milestones.count()
    # The latest ended period: this year's, or early in the year last year's last quarter.
    period = ReportingPeriod.objects.filter(plan=None, end__lt=today).order_by("-end").first()
    missing = (
        Activity.objects.filter(
            plan__year=period.year,
            status__in=Activity.OPEN_STATUSES,
            start__lte=period.end,
            end__gte=period.start,
        )
        .exclude(updates__period=period)
        .select_related("owner")
        .order_by("owner__name", "start")
    )
    moments = Milestone.objects.filter(
        kind=Milestone.Kind.DECISION_MOMENT, meeting__starts_at__date__gte=today
    )
    open_actions = Action.objects.filter(status__in=list(Action.OPEN_STATUSES))
    scope_rows = (
        Activity.objects.filter(unit__in=below, plan__year=year).count()
        + open_actions.filter(owner__unit__in=below).count()
        + Risk.objects.filter(unit__in=below).count()
    )
    own_rows = (
        Activity.objects.filter(owner=secretary, plan__year=year).count()
        + open_actions.filter(owner=secretary).count()
    )
    pages = [
        _page(
            "dashboard directie",
            reverse("home:dashboard") + f"?eenheid={directorate.pk}",
            scope_rows,
            plan.title,
        ),
        _page(
            "dashboard persoonlijk",
            reverse("home:dashboard") + "?eenheid=mij",
            own_rows,
            secretary.name,
        ),
        _page(
            "tijdlijn programma",
            reverse("planning:plan_timeline", args=[programme.pk]),
            programme_rows,
            programme_first.title,
        ),
        _page(
            "plan",
            reverse("planning:plan_detail", args=[plan.pk]),
            plan.activities.count(),
            plan_first.title,
        ),
        _page(
            "export plan excel",
            reverse("planning:plan_export", args=[plan.pk]),
            plan.activities.count(),
        ),
        _page(
            "jaaroverzicht plannen",
            reverse("planning:overview") + f"?jaar={year}",
            Plan.objects.filter(year=year).count(),
            plan.title,
        ),
        _page(
            "bestuurlijke planning",
            reverse("planning:decision_moments"),
            moments.count(),
            *moments.values_list("title", flat=True)[:20],
        ),
        _page(
            "nabellijst periode",
            reverse("planning:period_detail", args=[period.pk]),
            missing.count(),
            *(a.title for a in missing[:20]),
        ),
    ]
    # The voortgangsrapportage of a team: the unit below the directorate with the most
    # updates in the period; the whole directorate's report is measured on its own row.
    team = (
        ProgressUpdate.objects.filter(period=period, activity__unit__parent=directorate)
        .values("activity__unit")
        .annotate(n=Count("id"))
        .order_by("-n", "activity__unit")
        .first()
    )
    for fmt in ("docx", "xlsx"):
        report = team and _optional(
            f"reports:progress_{fmt}",
            query=f"?eenheid={team['activity__unit']}&periode={period.pk}",
        )
        if report:
            pages.append(_page(f"voortgangsrapportage {fmt}", report, team["n"]))
    report = _optional(
        "reports:progress_docx", query=f"?eenheid={directorate.pk}&periode={period.pk}"
    )
    if report:
        updates = ProgressUpdate.objects.filter(period=period, activity__unit__in=below).count()
        pages.append(_page("voortgangsrapportage directie docx", report, updates))
    return pages


def risk_pages() -> list[Page]:
    active = Risk.objects.filter(status__in=list(Risk.ACTIVE_STATUSES))
    due = active.filter(review_date__lte=timezone.localdate())
    titles = tuple(Risk.objects.values_list("title", flat=True).distinct().order_by("title")[:50])
    return [
        _page("risicoregister", reverse("risks:register"), Risk.objects.count(), *titles),
        _page("risicokaart", reverse("risks:heat_map"), active.count()),
        _page("te herbeoordelen", reverse("risks:due_for_review"), due.count(), *titles),
        _page("export risico's excel", reverse("risks:export"), Risk.objects.count()),
    ]


def hiring_pages() -> list[Page]:
    """On the seeded procedures: the awarded request with the most candidates, its awarded
    candidate and the running contract that ends first."""
    hiring_request = (
        HiringRequest.objects.filter(status=HiringRequest.Status.AWARDED)
        .annotate(n=Count("candidates"))
        .order_by("-n", "id")
        .first()
    )
    candidate = hiring_request.candidates.get(status=Candidate.Status.AWARDED)
    contract = (
        Contract.objects.filter(status=Contract.Status.ACTIVE, end__gte=timezone.localdate())
        .order_by("end", "id")
        .first()
    )
    return [
        _page(
            "inhuur aanvragen",
            reverse("hiring:request_list"),
            HiringRequest.objects.count(),
            hiring_request.title,
        ),
        _page(
            "inhuur aanvraag",
            reverse("hiring:request_detail", args=[hiring_request.pk]),
            hiring_request.candidates.count(),
            candidate.name,
        ),
        _page(
            "inhuur kandidaat",
            reverse("hiring:candidate_detail", args=[candidate.pk]),
            1,
            candidate.name,
        ),
        _page(
            "inhuur contracten",
            reverse("hiring:contract_list"),
            Contract.objects.count(),
            contract.person_name,
        ),
        _page(
            "inhuur contract",
            reverse("hiring:contract_detail", args=[contract.pk]),
            1,
            contract.person_name,
        ),
    ]


def api_pages(body: Body) -> list[Page]:
    year = timezone.localdate().year
    plan = Plan.objects.filter(kind=Plan.Kind.YEAR, year=year).order_by("id").first()
    programme = Plan.objects.filter(kind=Plan.Kind.WORK, year=year).order_by("id").first()
    unit = OrganisationUnit.objects.filter(kind="directorate").order_by("id").first()
    optional = [
        ("api plannen", "api:plan-list", f"?year={year}", Plan.objects.filter(year=year)),
        (
            "api activiteiten",
            "api:activity-list",
            f"?plan={programme.pk}",
            Activity.objects.filter(plan=programme),
        ),
        (
            "api voortgang",
            "api:progress-update-list",
            f"?plan={plan.pk}",
            ProgressUpdate.objects.filter(activity__plan=plan),
        ),
        (
            "api risico's",
            "api:risk-list",
            f"?unit={unit.pk}",
            Risk.objects.filter(Q(unit=unit) | Q(unit__parent=unit)),
        ),
        ("api inhuuraanvragen", "api:hiring-request-list", "", HiringRequest.objects.all()),
        ("api contracten", "api:contract-list", "", Contract.objects.all()),
    ]
    pages = [
        _page(name, url, rows.count())
        for name, route, query, rows in optional
        if (url := _optional(route, query=query))
    ]
    return [
        *(
            _page(*page)
            for page in [
                (
                    "api besluiten",
                    reverse("api:decision-list") + f"?body={body.pk}",
                    Decision.objects.filter(body=body).count(),
                ),
                (
                    "api acties",
                    reverse("api:action-list") + f"?body={body.pk}",
                    Action.objects.filter(body=body).count(),
                ),
                (
                    "api vergaderingen",
                    reverse("api:meeting-list") + f"?body={body.pk}",
                    Meeting.objects.filter(body=body).count(),
                ),
            ]
        ),
        *pages,
    ]


class SqlTimer:
    """Counts the queries of one request and adds up their time, to the microsecond."""

    def __init__(self) -> None:
        self.count = 0
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.count += 1


def _body(response) -> bytes:
    if hasattr(response, "streaming_content"):
        return b"".join(response.streaming_content)
    return response.content


def check(client: Client, name: str, url: str, rows: int, expect: tuple[str, ...] | None) -> None:
    """The page answers 200 and shows real rows; also warms caches and connections."""
    if rows <= 0:
        raise SystemExit(f"{name}: no rows to measure ({url})")
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{name}: {url} answered {response.status_code}")
    content = _body(response)
    kind = response.get("Content-Type", "")
    if kind.startswith("application/json"):
        data = json.loads(content)
        if not (data.get("results") if isinstance(data, dict) else data):
            raise SystemExit(f"{name}: {url} returned an empty list")
    if expect is not None:
        text = html.unescape(content.decode("utf-8", errors="replace"))
        if not any(item in text for item in expect):
            raise SystemExit(f"{name}: {url} shows none of {expect[:3]}...")


def measure(client: Client, url: str, repeat: int) -> dict:
    times, floors, counts = [], [], []
    for _ in range(repeat):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = client.get(url)
            _body(response)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts.append(timer.count)
        floors.append(timer.seconds * 1000)
    times.sort()
    return {
        "queries": max(counts),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, math.ceil(len(times) * 0.95) - 1)], 1),
        "floor_ms": round(statistics.median(floors), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", required=True)
    parser.add_argument("--scale", required=True)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.DEBUG = False
    secretary, pages = targets()
    client = Client()
    client.force_login(secretary.user)
    freeze_startup_objects()  # as regie/wsgi.py does in a worker once it has started
    rows = []
    for name, url, count, expect in pages:
        check(client, name, url, count, expect)
        row = {
            "database": args.database,
            "scale": args.scale,
            "page": name,
            "rows": count,
            **measure(client, url, args.repeat),
        }
        rows.append(row)
        print(
            f"{args.database:10} {args.scale:6} {name:28} {count:7} rows {row['queries']:3} q  "
            f"p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  floor {row['floor_ms']:7.2f}",
            flush=True,
        )
    Path(args.out).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
