"""Reads for the planning pages and reports, each in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import (
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce

from regie.core.models import OrganisationUnit, Person
from regie.documents.access import visible_documents
from regie.meetings.access import visible_decisions, visible_meetings
from regie.planning.access import plan_level_q, visible_milestones, visible_plans
from regie.planning.models import Activity, Goal, Milestone, Plan, ProgressUpdate, ReportingPeriod

LOOKAHEAD_WEEKS = 8


def _count(model, **filters) -> Coalesce:
    counted = (
        model.objects.filter(plan=OuterRef("pk"), **filters)
        .order_by()
        .values("plan")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def plans_with_counts(user, *, year: int | None = None, unit_id: int | None = None):
    """Plans the user may see, with how many goals, activities and milestones each has."""
    qs = visible_plans(user).select_related("unit", "approved_by_decision")
    if year is not None:
        qs = qs.filter(year=year)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    return qs.annotate(
        n_goals=_count(Goal),
        n_activities=_count(Activity),
        n_open=_count(Activity, status__in=Activity.OPEN_STATUSES),
        n_milestones=_count(Milestone),
    ).order_by("unit__name", "kind", "id")


@dataclass
class UnitPlanRow:
    unit: OrganisationUnit
    plans: list[Plan] = field(default_factory=list)

    @property
    def year_plan(self) -> Plan | None:
        return next((p for p in self.plans if p.kind == Plan.Kind.YEAR), None)


def year_overview(user, year: int) -> list[UnitPlanRow]:
    """The year-plan process: every unit, whether it has a plan for the year and its status."""
    rows = {u.pk: UnitPlanRow(u) for u in OrganisationUnit.objects.order_by("name")}
    for plan in plans_with_counts(user, year=year):
        if plan.unit_id in rows:
            rows[plan.unit_id].plans.append(plan)
    return list(rows.values())


def latest_progress() -> dict:
    """Annotations: the status, percentage and period of an activity's latest update."""
    latest = ProgressUpdate.objects.filter(activity=OuterRef("pk")).order_by("-period__end", "-id")
    return {
        "latest_status": Subquery(latest.values("status")[:1]),
        "latest_percent": Subquery(latest.values("percent")[:1]),
        "latest_period": Subquery(latest.values("period__name")[:1]),
    }


STATUS_LABELS = dict(ProgressUpdate.Status.choices)


def plan_activities(plan: Plan) -> QuerySet[Activity]:
    return (
        plan.activities.select_related("owner", "goal")
        .annotate(**latest_progress())
        .order_by("goal__position", "goal_id", "start", "id")
    )


ACTIVITIES_PER_PAGE = 100


def plan_detail(
    plan: Plan, page_number=None, milestone_number=None, *, per_page: int = ACTIVITIES_PER_PAGE
) -> dict:
    """The plan page: its goals, a page of its activities (with their latest progress), a page
    of its milestones, and its periods; a fixed number of queries however large the plan."""
    page = Paginator(plan_activities(plan), per_page).get_page(page_number)
    milestone_page = Paginator(
        plan.milestones.select_related("activity", "meeting__body").order_by("date", "id"),
        per_page,
    ).get_page(milestone_number)
    activities: list[Any] = list(page.object_list)  # annotated with the latest progress
    for activity in activities:
        activity.latest_status_label = STATUS_LABELS.get(activity.latest_status, "")
    return {
        "goals": list(plan.goals.order_by("position", "id")),
        "activities": activities,
        "activity_page": page,
        "milestones": list(milestone_page.object_list),
        "milestone_page": milestone_page,
        "periods": list(periods_for(plan)),
    }


def periods_for(plan: Plan) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(
        Q(plan=plan) | Q(plan__isnull=True, year=plan.year)
    ).order_by("start", "id")


def activity_detail(activity: Activity, user) -> dict:
    return {
        "updates": list(
            activity.updates.select_related("period", "author").order_by("-period__start", "-id")
        ),
        "documents": list(visible_documents(user).filter(activities=activity).order_by("title")),
        "decisions": list(
            visible_decisions(user)
            .filter(activities=activity)
            .select_related("body")
            .order_by("-decided_on")
        ),
        "milestones": list(activity.milestones.select_related("meeting__body").order_by("date")),
        "history": list(
            activity.history.select_related("history_user__person").order_by("-history_date")[:15]
        ),
    }


@dataclass
class ChaseRow:
    owner: Person
    activities: list[Activity]


def _missing_q(user, period: ReportingPeriod) -> QuerySet[Activity]:
    """Open activities running in the period without an update for it."""
    qs = Activity.objects.filter(
        plan_level_q(user, "plan__"),
        status__in=Activity.OPEN_STATUSES,
        start__lte=period.end,
        end__gte=period.start,
    ).exclude(Exists(ProgressUpdate.objects.filter(activity=OuterRef("pk"), period=period)))
    if period.plan_id is not None:
        return qs.filter(plan_id=period.plan_id)
    return qs.filter(plan__year=period.year)


def _chase_rows(activities) -> list[ChaseRow]:
    by_owner: dict[int, ChaseRow] = {}
    for activity in activities:
        row = by_owner.setdefault(activity.owner_id, ChaseRow(activity.owner, []))
        row.activities.append(activity)
    return list(by_owner.values())


def missing_updates(user, period: ReportingPeriod) -> list[ChaseRow]:
    """The secretary's chase list: open activities running in the period without an update,
    grouped by owner."""
    qs = _missing_q(user, period).select_related("owner", "plan__unit")
    return _chase_rows(qs.order_by("owner__name", "start"))


CHASE_OWNERS_PER_PAGE = 50


@dataclass
class ChasePage:
    """One page of the chase list: a page of owners (by name), with their activities."""

    page: Page
    rows: list[ChaseRow]
    activities: int  # on the whole list, not only this page


def missing_updates_page(
    user, period: ReportingPeriod, number, *, per_page: int = CHASE_OWNERS_PER_PAGE
) -> ChasePage:
    """The chase list a page of owners at a time, in two queries whatever its length: the
    owners with their counts (small rows), and the activities of the page's owners."""
    base = _missing_q(user, period)
    owners = list(
        base.order_by()
        .values("owner_id", "owner__name")
        .annotate(n=Count("pk"))
        .order_by("owner__name", "owner_id")
    )
    page = Paginator(owners, per_page).get_page(number)
    owner_ids = [row["owner_id"] for row in page.object_list]
    activities = (
        base.filter(owner_id__in=owner_ids)
        .select_related("owner", "plan__unit")
        .order_by("owner__name", "owner_id", "start", "id")
        if owner_ids
        else []
    )
    return ChasePage(page, _chase_rows(activities), sum(row["n"] for row in owners))


def upcoming_milestones(user, *, today: date, weeks: int = LOOKAHEAD_WEEKS):
    """Milestones and decision moments in the coming weeks."""
    return (
        visible_milestones(user)
        .filter(date__gte=today, date__lte=today + timedelta(weeks=weeks))
        .select_related("plan__unit", "activity", "meeting__body")
        .order_by("date", "id")
    )


@dataclass
class AgendaMeeting:
    meeting: object
    milestones: list[Milestone]


@dataclass
class BodyAgenda:
    body: object
    meetings: list[AgendaMeeting]


def forward_agenda(user, *, today: date) -> list[BodyAgenda]:
    """Bestuurlijke planning: per body, its coming meetings and the decision moments planned
    for each."""
    milestones = (
        visible_milestones(user)
        .filter(
            kind=Milestone.Kind.DECISION_MOMENT,
            meeting__in=visible_meetings(user),
            meeting__starts_at__date__gte=today,
        )
        .select_related("plan__unit", "activity", "meeting__body")
        .order_by("meeting__body__name", "meeting__starts_at", "id")
    )
    bodies: dict[int, BodyAgenda] = {}
    per_meeting: dict[int, AgendaMeeting] = {}
    for milestone in milestones:
        meeting = milestone.meeting
        if meeting is None:  # filtered out above; for the type checker
            continue
        agenda = bodies.setdefault(meeting.body_id, BodyAgenda(meeting.body, []))
        if meeting.pk not in per_meeting:
            per_meeting[meeting.pk] = AgendaMeeting(meeting, [])
            agenda.meetings.append(per_meeting[meeting.pk])
        per_meeting[meeting.pk].milestones.append(milestone)
    return list(bodies.values())


def plan_for_export(plan: Plan) -> dict:
    return {
        "activities": list(
            plan.activities.select_related("owner", "goal", "unit").order_by(
                "goal__position", "goal_id", "start", "id"
            )
        ),
        "milestones": list(
            plan.milestones.select_related("activity", "meeting__body").order_by("date", "id")
        ),
    }


def group_by_goal(activities) -> list[tuple[Goal | None, list[Activity]]]:
    groups: dict[int | None, list[Activity]] = defaultdict(list)
    goals: dict[int | None, Goal | None] = {None: None}
    for activity in activities:
        groups[activity.goal_id].append(activity)
        goals[activity.goal_id] = activity.goal
    return [(goals[key], items) for key, items in groups.items()]


PERIOD_ROWS_PER_PAGE = 100


@dataclass
class PlanPeriod:
    """One plan in one reporting period: the updates given, and the running activities still
    without one; a page of each, with the numbers over the whole plan."""

    reported: list[ProgressUpdate]
    missing: list[Activity]
    counts: dict[str, int] = field(default_factory=dict)
    reported_count: int = 0
    missing_count: int = 0
    percent_sum: int = 0
    reported_page: Page | None = None
    missing_page: Page | None = None

    @property
    def average_percent(self) -> int | None:
        if not self.reported_count:
            return None
        return round(self.percent_sum / self.reported_count)


def plan_period(
    plan: Plan,
    period: ReportingPeriod,
    reported_number=None,
    missing_number=None,
    *,
    per_page: int = PERIOD_ROWS_PER_PAGE,
) -> PlanPeriod:
    """The plan's updates for the period (with activity, owner and author) and its open
    activities running in the period without an update, a page of each; the numbers by status
    in one grouped query. A fixed number of queries however large the plan."""
    updates = ProgressUpdate.objects.filter(period=period, activity__plan=plan)
    counts = dict.fromkeys(ProgressUpdate.Status.values, 0)
    percent_sum = 0
    for row in updates.order_by().values("status").annotate(n=Count("pk"), p=Sum("percent")):
        counts[row["status"]] = counts.get(row["status"], 0) + row["n"]
        percent_sum += row["p"] or 0
    reported_page = Paginator(
        updates.select_related("activity__owner", "activity__goal", "author").order_by(
            "activity__goal__position", "activity__goal_id", "activity__start", "id"
        ),
        per_page,
    ).get_page(reported_number)
    missing_page = Paginator(
        plan.activities.filter(
            status__in=Activity.OPEN_STATUSES, start__lte=period.end, end__gte=period.start
        )
        .exclude(Exists(ProgressUpdate.objects.filter(activity=OuterRef("pk"), period=period)))
        .select_related("owner", "goal")
        .order_by("owner__name", "owner_id", "start", "id"),
        per_page,
    ).get_page(missing_number)
    return PlanPeriod(
        reported=list(reported_page.object_list),
        missing=list(missing_page.object_list),
        counts=counts,
        reported_count=reported_page.paginator.count,
        missing_count=missing_page.paginator.count,
        percent_sum=percent_sum,
        reported_page=reported_page,
        missing_page=missing_page,
    )
