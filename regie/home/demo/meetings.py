"""Two years of meetings per body: the dates, their statuses and their place in the cycle.

Past meetings are archived, their minutes approved in the next meeting; the most recent one
still has work for the secretary (held, minutes draft or minutes under review); the next one
has its agenda ready (draft, or sent when it is within a week); later ones are planned.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from regie.home.demo.bodies import BODIES, BodySpec
from regie.home.demo.context import Demo, bulk_with_history, models, stamp

PAST, LATEST, NEXT, FUTURE, CANCELLED = "past", "latest", "next", "future", "cancelled"
FUTURE_DAYS = 92
# Summer recess: no meetings (the MT marks its meetings in it as cancelled).
RECESS = ((7, 20), (8, 16))


@dataclass
class ItemPlan:
    """One agenda item to be written, with what the minutes will say about it."""

    title: str
    purpose: str
    presenter: str | None = None
    standing: bool = False
    confidential: bool = False
    duration: int = 5
    description: str = ""
    status: str = "planned"
    discussion: str = ""
    decision: str = ""
    actions: list[tuple[str, str]] = field(default_factory=list)
    commitment: bool = False
    documents: list[str] = field(default_factory=list)
    proposal_step: Any = None
    held_over_from: ItemPlan | None = None
    item: Any = None


@dataclass
class MeetingPlan:
    spec: BodySpec
    day: date
    phase: str
    meeting: Any = None
    status: str = "draft"
    items: list[ItemPlan] = field(default_factory=list)
    approved_in: MeetingPlan | None = None

    @property
    def minutes_written(self) -> bool:
        return self.status in ("minutes_draft", "minutes_review", "minutes_approved", "archived")

    def add(self, item: ItemPlan) -> ItemPlan:
        """Put an item before the closing standing item (rondvraag en sluiting)."""
        if self.items and self.items[-1].standing:
            self.items.insert(len(self.items) - 1, item)
        else:
            self.items.append(item)
        return item


def _in_recess(day: date) -> bool:
    (m1, d1), (m2, d2) = RECESS
    return (m1, d1) <= (day.month, day.day) <= (m2, d2)


def meeting_days(demo: Demo, spec: BodySpec) -> list[date]:
    start = demo.today - timedelta(days=int(spec.months_back * 30.5))
    end = demo.today + timedelta(days=FUTURE_DAYS)
    days: list[date] = []
    for wanted in spec.schedule(start, end):
        day = demo.working_day_on_or_after(wanted)
        if not days or day != days[-1]:
            days.append(day)
    return days


def plan_meetings(demo: Demo) -> dict[str, list[MeetingPlan]]:
    plans: dict[str, list[MeetingPlan]] = {}
    for spec in BODIES:
        body_plans = []
        for day in meeting_days(demo, spec):
            if _in_recess(day):
                if spec.code != "MT-FL":
                    continue
                body_plans.append(MeetingPlan(spec, day, CANCELLED, status="cancelled"))
                continue
            body_plans.append(MeetingPlan(spec, day, PAST if day < demo.today else FUTURE))
        _assign_phases(demo, body_plans)
        plans[spec.code] = body_plans
    return plans


def _assign_phases(demo: Demo, plans: list[MeetingPlan]) -> None:
    held = [p for p in plans if p.phase == PAST]
    coming = [p for p in plans if p.phase == FUTURE]
    for earlier, later in itertools.pairwise(held):
        earlier.approved_in = later
        earlier.status = "archived"
    if held:
        latest = held[-1]
        latest.phase = LATEST
        latest.status = latest.spec.latest_status
        if len(held) > 1:
            held[-2].status = "minutes_approved"
    if coming:
        first = coming[0]
        first.phase = NEXT
        first.status = "agenda_sent" if (first.day - demo.today).days <= 7 else "draft"


def create_meetings(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> None:
    """Write the meetings as planned (draft), each with a history row from its secretary."""
    Meeting = models().Meeting
    rows = []
    for code, body_plans in plans.items():
        body = demo.bodies[code]
        user = demo.secretary_user(code)
        for index, plan in enumerate(body_plans):
            spec = plan.spec
            starts = demo.at(plan.day, *spec.hour)
            plan.meeting = Meeting(
                body=body,
                starts_at=starts,
                ends_at=starts + timedelta(minutes=spec.duration),
                location=spec.locations[index % len(spec.locations)],
                status="draft",
            )
            stamp(
                plan.meeting,
                when=plan.day - timedelta(days=42),
                user=user,
                reason="Vergadering gepland",
            )
            rows.append(plan.meeting)
        demo.meetings[code] = [p.meeting for p in body_plans]
    bulk_with_history(Meeting, rows)


def finish_meetings(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> None:
    """Move each meeting to its place in the cycle, as one recorded change."""
    Meeting = models().Meeting
    changed = []
    for code, body_plans in plans.items():
        user = demo.secretary_user(code)
        for plan in body_plans:
            if plan.status == "draft":
                continue
            meeting = plan.meeting
            meeting.status = plan.status
            meeting.minutes_approved_in = plan.approved_in.meeting if plan.approved_in else None
            meeting.version = 2
            if plan.phase == LATEST and plan.status == "minutes_review":
                meeting.minutes_summary = (
                    "Het conceptverslag ligt ter review bij de leden. Opmerkingen graag binnen "
                    "vijf werkdagen aan het secretariaat."
                )
            stamp(
                meeting,
                when=_status_moment(demo, plan),
                user=user,
                reason=str(Meeting.Status(plan.status).label),
            )
            changed.append(meeting)
    bulk_with_history(
        Meeting,
        changed,
        update_fields=["status", "minutes_approved_in", "version", "minutes_summary"],
    )


def _status_moment(demo: Demo, plan: MeetingPlan):
    if plan.status == "cancelled":
        return plan.day - timedelta(days=10)
    if plan.status == "agenda_sent":
        return demo.due_before(plan.day, plan.spec.due_working_days)
    if plan.approved_in is not None:
        return demo.at(plan.approved_in.day, plan.spec.hour[0] + 2)
    moment = demo.at(plan.day, plan.spec.hour[0] + 3)
    return min(moment, timezone.now())


def past_plan_near(
    plans: list[MeetingPlan], day: date, *, after: date | None = None
) -> MeetingPlan:
    """The archived or approved meeting closest to `day` (and after `after`)."""
    candidates = [
        p
        for p in plans
        if p.phase == PAST and p.status in ("archived", "minutes_approved")
        if after is None or p.day > after
    ]
    return min(candidates, key=lambda p: abs((p.day - day).days))


def plan_of_phase(plans: list[MeetingPlan], phase: str) -> MeetingPlan | None:
    return next((p for p in plans if p.phase == phase), None)


def next_after(plans: list[MeetingPlan], plan: MeetingPlan) -> MeetingPlan | None:
    later = [p for p in plans if p.day > plan.day and p.phase != CANCELLED]
    return later[0] if later else None
