"""Measure Regie's main pages, exports, feeds and API lists on a seeded database.

    python bench/run.py --database sqlite --scale small --repeat 20 --out bench/data/x.json

Server time is measured in-process through the whole middleware stack (Django's test client),
the SQL queries with their own time (the floor that indexes and query shape decide). "rows" is
the number of records the page reads from (its body's actions, decisions, ...), so the
figures can be read against the size of the data. The seed has no hiring procedures, so the
hiring demo (two requests, six candidates, two contracts) is added once when missing.
"""

from __future__ import annotations

import argparse
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
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from regie.actions.models import Action  # noqa: E402
from regie.core.models import Body, Person  # noqa: E402
from regie.documents.models import Document  # noqa: E402
from regie.hiring.demo import load_hiring_demo  # noqa: E402
from regie.hiring.models import Candidate, Contract, HiringRequest  # noqa: E402
from regie.meetings.models import AgendaItem, Decision, Meeting, Proposal  # noqa: E402


def targets() -> tuple[Person, list[tuple[str, str, int]]]:
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
    pages += hiring_pages()
    pages += api_pages(body)
    return secretary, pages


def hiring_pages() -> list[tuple[str, str, int]]:
    if not HiringRequest.objects.exists():
        load_hiring_demo()
    hiring_request = HiringRequest.objects.order_by("id").first()
    candidate = Candidate.objects.filter(request=hiring_request).order_by("id").first()
    contract = Contract.objects.order_by("id").first()
    return [
        ("inhuur aanvragen", reverse("hiring:request_list"), HiringRequest.objects.count()),
        (
            "inhuur aanvraag",
            reverse("hiring:request_detail", args=[hiring_request.pk]),
            hiring_request.candidates.count(),
        ),
        ("inhuur kandidaat", reverse("hiring:candidate_detail", args=[candidate.pk]), 1),
        ("inhuur contracten", reverse("hiring:contract_list"), Contract.objects.count()),
        ("inhuur contract", reverse("hiring:contract_detail", args=[contract.pk]), 1),
    ]


def api_pages(body: Body) -> list[tuple[str, str, int]]:
    return [
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


def measure(client: Client, url: str, repeat: int) -> dict:
    client.get(url)  # warm caches and connections
    times, floors, counts = [], [], []
    for _ in range(repeat):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
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
    rows = []
    for name, url, count in pages:
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
