"""Demo data: a VNG directorate and a municipality's domain, with accounts for each role.

`load_demo()` empties the domain tables and builds the demo again in one transaction, so
running it twice gives the same data. It is deterministic for a given day: the random source
has a fixed seed and every date is counted from today, so "overdue" and "this week" stay
meaningful. Rows are written in bulk, each with one history row that carries a realistic
author and date; objects that change over time (meetings, decisions, actions, proposal steps)
get a second history row for that change.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone, translation

from regie.hiring.demo import load_hiring_demo
from regie.home.demo.organisation import ACCOUNTS, DEMO_PASSWORD

__all__ = ["ACCOUNTS", "DEMO_PASSWORD", "load_demo"]


def load_demo(today: date | None = None) -> str:
    """Replace the domain data by the demo; returns a short Dutch summary of what it made."""
    with translation.override("nl"):
        counts = _build(today or timezone.localdate())
    return ", ".join(f"{n} {label}" for label, n in counts.items())


def _build(today: date) -> dict[str, int]:
    from regie.home.demo import (
        agendas,
        bodies,
        documents,
        meetings,
        minutes,
        organisation,
        planning,
        risks,
    )
    from regie.home.demo import proposals as proposal_part
    from regie.home.demo.context import Demo
    from regie.home.demo.reset import clear_domain, delete_files_after_commit

    demo = Demo(today=today)
    with transaction.atomic():
        old_files = clear_domain()
        closing_days = organisation.create_closing_days(demo)
        organisation.create_units(demo)
        organisation.create_accounts(demo)
        organisation.create_people(demo)
        bodies.create_bodies(demo)
        plans = meetings.plan_meetings(demo)
        meetings.create_meetings(demo, plans)
        new_files = documents.create_documents(demo, plans)
        agendas.plan_agendas(demo, plans)
        proposal_count = proposal_part.create_proposals(demo, plans)
        documents.attach_documents(demo, plans)
        agendas.write_minutes_text(demo, plans)
        item_count = agendas.create_items(demo, plans)
        attendance = minutes.create_attendance(demo, plans)
        decision_count = minutes.create_decisions(demo, plans)
        action_count = minutes.create_actions(demo, plans)
        steps = documents.create_routes(demo, plans)
        meetings.finish_meetings(demo, plans)
        hiring = load_hiring_demo()
        activity_count = planning.create_plans(demo)
        new_files.append(planning.create_planner_export(demo))
        risk_count = risks.create_risks(demo)
        delete_files_after_commit(old_files, keep=new_files)
    return {
        "accounts": len(ACCOUNTS) + 1,
        "personen": len(demo.people),
        "gremia": len(demo.bodies),
        "vergaderingen": sum(len(p) for p in plans.values()),
        "agendapunten": item_count,
        "aanwezigheidsregels": attendance,
        "besluiten": decision_count,
        "acties": action_count,
        "voorstellen": proposal_count,
        "stukken": len(demo.documents),
        "routeringsstappen": steps,
        "sluitingsdagen": closing_days,
        "activiteiten": activity_count,
        "risico's": risk_count,
        "inhuurprocedures": 0 if hiring.endswith("al aanwezig") else 1,
    }
