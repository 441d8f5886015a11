"""Builders for plans, activities, milestones and periods in tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date
from typing import Any

from regie.core.models import BodyMembership, Confidentiality, OrganisationUnit, Person
from regie.planning.models import Activity, Goal, Milestone, Plan, ProgressUpdate, ReportingPeriod
from regie.testing import factories
from regie.testing.minutes_factories import MinutesWorld, minutes_world

_seq = itertools.count(1)
YEAR = 2027


def plan(*, unit: OrganisationUnit, **kw: Any) -> Plan:
    defaults: dict[str, Any] = {
        "year": YEAR,
        "kind": Plan.Kind.YEAR,
        "title": f"Jaarplan {unit.name} {kw.get('year', YEAR)}",
        "confidentiality": Confidentiality.INTERNAL,
    }
    return Plan.objects.create(unit=unit, **(defaults | kw))


def goal(*, plan: Plan, **kw: Any) -> Goal:
    return Goal.objects.create(plan=plan, **({"title": f"Doel {next(_seq)}"} | kw))


def activity(*, plan: Plan, owner: Person, **kw: Any) -> Activity:
    defaults: dict[str, Any] = {
        "title": f"Activiteit {next(_seq)}",
        "unit": plan.unit,
        "start": date(plan.year, 1, 15),
        "end": date(plan.year, 11, 30),
    }
    return Activity.objects.create(plan=plan, owner=owner, **(defaults | kw))


def milestone(*, plan: Plan, **kw: Any) -> Milestone:
    defaults: dict[str, Any] = {"title": f"Mijlpaal {next(_seq)}", "date": date(plan.year, 6, 1)}
    return Milestone.objects.create(plan=plan, **(defaults | kw))


def period(*, year: int = YEAR, plan: Plan | None = None, **kw: Any) -> ReportingPeriod:
    defaults: dict[str, Any] = {
        "name": f"Q1 {year}",
        "start": date(year, 1, 1),
        "end": date(year, 3, 31),
        "deadline": date(year, 4, 14),
    }
    return ReportingPeriod.objects.create(year=year, plan=plan, **(defaults | kw))


def update(*, activity: Activity, period: ReportingPeriod, **kw: Any) -> ProgressUpdate:
    defaults: dict[str, Any] = {"status": "on_track", "percent": 50, "text": "Loopt"}
    return ProgressUpdate.objects.create(activity=activity, period=period, **(defaults | kw))


@dataclass
class PlanWorld:
    meetings: MinutesWorld
    unit: OrganisationUnit
    other_unit: OrganisationUnit
    secretary: Person
    owner: Person
    colleague: Person
    external: Person
    plan: Plan

    @property
    def outsider(self) -> Person:
        return self.meetings.outsider


def plan_world() -> PlanWorld:
    w = minutes_world()
    unit = factories.unit(name="Team Beleid")
    other_unit = factories.unit(name="Team Uitvoering")
    owner = w.member
    owner.unit = unit
    owner.save()
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER, name="Eva Extern")
    BodyMembership.objects.create(body=w.body, person=external)
    return PlanWorld(
        meetings=w,
        unit=unit,
        other_unit=other_unit,
        secretary=w.secretary,
        owner=owner,
        colleague=w.other_member,
        external=external,
        plan=plan(unit=unit),
    )
