"""Measure Regie's main pages, exports and feeds on a seeded database.

    python bench/run.py --database sqlite --scale small --repeat 20 --out bench/data/x.json

Server time is measured in-process through the whole middleware stack (Django's test client),
the SQL queries with their own time (the floor that indexes and query shape decide).
"""

from __future__ import annotations

import argparse
import json
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
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from regie.actions.models import Action  # noqa: E402
from regie.core.models import Body, Person  # noqa: E402
from regie.documents.models import Document  # noqa: E402
from regie.meetings.models import Decision, Meeting  # noqa: E402


def targets() -> tuple[Person, list[tuple[str, str]]]:
    """The pages a secretary uses, on the busiest body she runs."""
    secretary = Person.objects.filter(role=Person.Role.SECRETARY).order_by("id").first()
    body = Body.objects.filter(secretary=secretary).order_by("id").first()
    now = timezone.now()
    held = Meeting.objects.filter(body=body, starts_at__lt=now).order_by("-starts_at").first()
    upcoming = Meeting.objects.filter(body=body).order_by("-starts_at").first()
    action = Action.objects.filter(body=body).order_by("-id").first()
    decision = Decision.objects.filter(body=body).order_by("-id").first()
    document = Document.objects.filter(body=body).order_by("-id").first()
    pages = [
        ("mijn week", reverse("home:my_week")),
        ("gremia", reverse("meetings:body_list")),
        ("gremium", reverse("meetings:body_detail", args=[body.pk])),
        ("vergadering (agenda)", reverse("meetings:meeting_detail", args=[upcoming.pk])),
        ("verslag", reverse("meetings:minutes", args=[held.pk])),
        ("besluitenlijst", reverse("meetings:decision_register", args=[body.pk])),
        (
            "besluitenlijst zoeken",
            reverse("meetings:decision_register", args=[body.pk]) + "?q=stikstof",
        ),
        ("besluit", reverse("meetings:decision_detail", args=[decision.pk])),
        ("actielijst gremium (open)", reverse("actions:body_actions", args=[body.pk])),
        ("acties te laat", reverse("actions:list") + "?filter=overdue"),
        ("mijn acties", reverse("actions:mine")),
        ("actie", reverse("actions:detail", args=[action.pk])),
        ("stukken", reverse("documents:list")),
        ("stuk", reverse("documents:detail", args=[document.pk])),
        ("voorstellen", reverse("meetings:proposal_list")),
        ("zoeken", reverse("home:search") + "?q=omgevingswet"),
        ("export agenda docx", reverse("reports:agenda_docx", args=[upcoming.pk])),
        ("export verslag docx", reverse("reports:minutes_docx", args=[held.pk])),
        ("export actielijst docx", reverse("reports:actions_docx", args=[body.pk])),
        (
            "agenda-feed persoon",
            reverse("reports:person_calendar", args=[secretary.calendar_token]),
        ),
        ("agenda-feed gremium", reverse("reports:body_calendar", args=[body.calendar_token])),
    ]
    for name, url in optional_api_pages(body):
        pages.append((name, url))
    return secretary, pages


def optional_api_pages(body: Body) -> list[tuple[str, str]]:
    found = []
    for name, url_name in (
        ("api besluiten", "api:decision-list"),
        ("api acties", "api:action-list"),
        ("api vergaderingen", "api:meeting-list"),
    ):
        try:
            found.append((name, reverse(url_name) + f"?body={body.pk}"))
        except Exception:  # the endpoint is not there (yet)
            continue
    return found


def measure(client: Client, url: str, repeat: int) -> dict:
    client.get(url)  # warm caches and connections
    times, floors, counts = [], [], []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            response = client.get(url)
            if hasattr(response, "streaming_content"):
                b"".join(response.streaming_content)
            times.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        counts.append(len(queries.captured_queries))
        floors.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
    times.sort()
    return {
        "queries": max(counts),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[max(0, int(len(times) * 0.95) - 1)], 1),
        "floor_ms": round(statistics.median(floors), 1),
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
    for name, url in pages:
        row = {
            "database": args.database,
            "scale": args.scale,
            "page": name,
            **measure(client, url, args.repeat),
        }
        rows.append(row)
        print(
            f"{args.database:10} {args.scale:6} {name:28} {row['queries']:3} q  "
            f"p50 {row['p50_ms']:7.1f}  p95 {row['p95_ms']:7.1f}  floor {row['floor_ms']:6.1f}"
        )
    Path(args.out).write_text(json.dumps(rows, indent=1))


if __name__ == "__main__":
    main()
