"""Planning's part of the project's access matrix (tests/access_matrix): the rules that fill
the parameters of the planning URLs, and the makers of the confidential planning objects.

A confidential plan belongs to the world's secretary's unit, so the secretary sees it and the
outsider (internal, another unit) and the external member do not. The unit's name carries no
marker: every internal person sees the list of units on the year overview.

Use: RULES += planning.RULES (before any catch-all) and LAZY |= planning.makers(MARKER).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from regie.core.models import Confidentiality
from regie.planning.models import Milestone
from regie.planning.tests import factories as planning_factories
from regie.testing import factories

RULES: list[tuple[str, str, str]] = [
    (r"^planning:progress$", "period_pk", "reporting_period"),
    (r"^planning:plan_period$", "period_pk", "reporting_period"),
    (r"^planning:progress$", "pk", "activity"),
    (r"^planning:goal_(?!create$)\w+$", "pk", "goal"),
    (r"^planning:activity_(?!create$)\w+$", "pk", "activity"),
    (r"^planning:milestone_(?!create$)\w+$", "pk", "milestone"),
    (r"^planning:period_\w+$", "pk", "reporting_period"),
    (r"^planning:\w+$", "pk", "plan"),
]


def makers(marker: str) -> dict[str, Callable[[Any], Any]]:
    def plan(world):
        unit = factories.unit(name="Team Planning")
        world.secretary.unit = unit
        world.secretary.save()
        return planning_factories.plan(
            unit=unit, title=f"Jaarplan {marker}", confidentiality=Confidentiality.CONFIDENTIAL
        )

    def goal(world):
        return planning_factories.goal(
            plan=world.confidential_object("plan"), title=f"Doel {marker}"
        )

    def activity(world):
        return planning_factories.activity(
            plan=world.confidential_object("plan"),
            owner=world.secretary,
            title=f"Activiteit {marker}",
        )

    def milestone(world):
        meeting = world.confidential_object("meeting")
        return planning_factories.milestone(
            plan=world.confidential_object("plan"),
            activity=world.confidential_object("activity"),
            title=f"Beslismoment {marker}",
            kind=Milestone.Kind.DECISION_MOMENT,
            meeting=meeting,
            date=meeting.starts_at.date(),
        )

    def reporting_period(world):
        plan_ = world.confidential_object("plan")
        return planning_factories.period(plan=plan_, year=plan_.year, name=f"Periode {marker}")

    def progress_update(world):
        return planning_factories.update(
            activity=world.confidential_object("activity"),
            period=world.confidential_object("reporting_period"),
            text=f"Voortgang {marker}",
        )

    return {
        "progress_update": progress_update,
        "plan": plan,
        "goal": goal,
        "activity": activity,
        "milestone": milestone,
        "reporting_period": reporting_period,
    }
