"""Reads for the planning dashboard: per organisation unit (with the units under it) or for the
user alone. Every part is a fixed number of queries on the existing visible_* reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db import connection
from django.db.models import Count, OuterRef, Q, Subquery
from django.utils import timezone

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.core.access import viewer_for
from regie.core.models import OrganisationUnit, Person
from regie.core.workdays import WorkingCalendar
from regie.hiring.access import visible_contracts
from regie.hiring.queries import ContractRow, contract_alerts
from regie.home.queries import StukkenDeadline, my_contract_alerts, my_meetings
from regie.meetings.access import visible_meetings
from regie.meetings.models import Meeting
from regie.planning.access import plan_level_q, visible_plans
from regie.planning.models import Activity, Plan, ProgressUpdate
from regie.planning.queries import upcoming_milestones
from regie.risks import queries as risk_queries
from regie.risks.access import visible_risks
from regie.risks.models import Risk

MEETING_WEEKS = 4
MILESTONE_WEEKS = 8
TOP_RISKS = 5
MILESTONE_ROWS = 40
REVIEW_WORKING_DAYS = 5  # the window of the risk register's "te herbeoordelen" list
MYSELF = "mij"


@dataclass(frozen=True)
class UnitChoice:
    unit: OrganisationUnit
    depth: int

    @property
    def label(self) -> str:
        return "\u2003" * self.depth + self.unit.name


@dataclass(frozen=True)
class Scope:
    """Whose dashboard: a unit with the units under it, or (unit None) the user alone."""

    key: str  # the unit id as text, or MYSELF
    unit: OrganisationUnit | None
    unit_ids: tuple[int, ...]
    person_id: int | None

    @property
    def is_myself(self) -> bool:
        return self.unit is None


def unit_tree() -> list[UnitChoice]:
    """Every organisation unit in tree order, with its depth, in one query."""
    units = list(OrganisationUnit.objects.order_by("name"))
    by_parent: dict[int | None, list[OrganisationUnit]] = {}
    known = {u.pk for u in units}
    for u in units:
        parent = u.parent_id if u.parent_id in known else None
        by_parent.setdefault(parent, []).append(u)
    ordered: list[UnitChoice] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for u in by_parent.get(parent, []):
            if u.pk in seen:
                continue
            seen.add(u.pk)
            ordered.append(UnitChoice(u, depth))
            walk(u.pk, depth + 1)

    walk(None, 0)
    ordered.extend(UnitChoice(u, 0) for u in units if u.pk not in seen)
    return ordered


def _below(tree: list[UnitChoice], unit_id: int) -> tuple[int, ...]:
    found: list[int] = []
    inside_depth: int | None = None
    for choice in tree:
        if inside_depth is not None:
            if choice.depth > inside_depth:
                found.append(choice.unit.pk)
                continue
            break
        if choice.unit.pk == unit_id:
            found.append(unit_id)
            inside_depth = choice.depth
    return tuple(found)


def may_choose_units(user) -> bool:
    viewer = viewer_for(user)
    return viewer.sees_everything or (viewer.is_internal and viewer.person_id is not None)


def scope_for(user, raw: str | None, tree: list[UnitChoice]) -> Scope:
    """The chosen scope; by default the user's own unit, else the user alone."""
    viewer = viewer_for(user)
    myself = Scope(MYSELF, None, (), viewer.person_id)
    if not may_choose_units(user):
        return myself
    raw = (raw or "").strip()
    if raw == MYSELF:
        return myself
    unit_id: int | None = None
    if raw.isdigit() and len(raw) < 19:
        unit_id = int(raw)
    elif viewer.person_id is not None:
        unit_id = (
            Person.objects.filter(pk=viewer.person_id).values_list("unit_id", flat=True).first()
        )
    unit = next((c.unit for c in tree if c.unit.pk == unit_id), None)
    if unit is None:
        return myself
    return Scope(str(unit.pk), unit, _below(tree, unit.pk), viewer.person_id)


def _nobody() -> Q:
    return Q(pk__in=[])


def scope_meetings(user, scope: Scope, *, today: date):
    """Meetings in the coming weeks: of the unit's bodies, or of the bodies I belong to."""
    end = today + timedelta(weeks=MEETING_WEEKS)
    if scope.is_myself:
        return list(my_meetings(user, start=today, end=end))
    return list(
        visible_meetings(user)
        .filter(body__unit_id__in=scope.unit_ids)
        .filter(starts_at__date__gte=today, starts_at__date__lte=end)
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("starts_at")
    )


def deadlines_of(meetings, *, today: date, calendar: WorkingCalendar) -> list[StukkenDeadline]:
    """The stukken deadline of each meeting that is still ahead."""
    deadlines = []
    for meeting in meetings:
        due = calendar.subtract(
            timezone.localdate(meeting.starts_at), meeting.body.documents_due_working_days
        )
        if due >= today:
            deadlines.append(StukkenDeadline(meeting, due))
    return sorted(deadlines, key=lambda d: d.due)


@dataclass
class OwnerActions:
    owner_id: int
    name: str
    open: int
    overdue: int
    open_url: str = ""
    overdue_url: str = ""


@dataclass
class ActionCounts:
    open: int = 0
    overdue: int = 0
    owners: list[OwnerActions] = field(default_factory=list)


def scope_actions(user, scope: Scope, *, today: date) -> ActionCounts:
    """Open and overdue actions owned by the unit's people (per owner), or by me."""
    qs = visible_actions(user).filter(status__in=Action.OPEN_STATUSES)
    if scope.is_myself:
        qs = qs.filter(owner_id=scope.person_id) if scope.person_id else qs.filter(_nobody())
    else:
        qs = qs.filter(owner__unit_id__in=scope.unit_ids)
    rows = (
        qs.order_by()
        .values("owner_id", "owner__name")
        .annotate(n_open=Count("pk"), n_overdue=Count("pk", filter=Q(due_date__lt=today)))
        .order_by("owner__name", "owner_id")
    )
    counts = ActionCounts()
    for row in rows:
        counts.owners.append(
            OwnerActions(row["owner_id"], row["owner__name"], row["n_open"], row["n_overdue"])
        )
        counts.open += row["n_open"]
        counts.overdue += row["n_overdue"]
    return counts


@dataclass
class PlanProgress:
    """A plan's running activities (not cancelled): by status, by the status of their latest
    update, and the average percentage of those latest updates."""

    plan: Plan
    total: int = 0
    planned: int = 0
    in_progress: int = 0
    done: int = 0
    on_track: int = 0
    at_risk: int = 0
    off_track: int = 0
    percent_sum: int = 0  # the latest percentages added up, for the average
    reported: int = 0  # activities with an update

    @property
    def no_update(self) -> int:
        return self.total - self.reported

    @property
    def average_percent(self) -> int | None:
        return round(self.percent_sum / self.reported) if self.reported else None

    def share(self, key: str) -> int:
        """The share of the plan's activities in one latest status, in whole percents."""
        return round(100 * getattr(self, key) / self.total) if self.total else 0

    @property
    def on_track_share(self) -> int:
        return self.share("on_track")

    @property
    def at_risk_share(self) -> int:
        return self.share("at_risk")

    @property
    def off_track_share(self) -> int:
        return self.share("off_track")

    @property
    def no_update_share(self) -> int:
        return self.share("no_update")


_COUNTED = (
    "total",
    "planned",
    "in_progress",
    "done",
    "on_track",
    "at_risk",
    "off_track",
    "percent_sum",
    "reported",
)


@dataclass
class Progress:
    plans: list[PlanProgress]
    totals: PlanProgress | None


def _activities_q(user, scope: Scope, year: int, prefix: str = "") -> Q:
    """This year's running (not cancelled) activities of the scope that the user may see: of
    the unit's plans, or the ones I own. `prefix` reaches them from another model."""
    q = plan_level_q(user, f"{prefix}plan__") & Q(**{f"{prefix}plan__year": year})
    q &= ~Q(**{f"{prefix}status": Activity.Status.CANCELLED})
    if not scope.is_myself:
        return q & Q(**{f"{prefix}plan__unit_id__in": scope.unit_ids})
    if scope.person_id is None:
        return q & _nobody()
    return q & Q(**{f"{prefix}owner_id": scope.person_id})


def latest_updates(user, scope: Scope, year: int) -> list[tuple[int, str, int]]:
    """(plan id, status, percentage) of the latest update (by period end, then id) of each of
    the scope's activities that has one. On PostgreSQL one DISTINCT ON over the scope's
    updates; elsewhere a subquery per activity."""
    if connection.features.can_distinct_on_fields:
        return list(
            ProgressUpdate.objects.filter(_activities_q(user, scope, year, "activity__"))
            .order_by("activity_id", "-period__end", "-id")
            .distinct("activity_id")
            .values_list("activity__plan_id", "status", "percent")
        )
    latest = ProgressUpdate.objects.filter(activity=OuterRef("pk")).order_by("-period__end", "-id")
    return list(
        Activity.objects.filter(_activities_q(user, scope, year))
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_percent=Subquery(latest.values("percent")[:1]),
        )
        .filter(latest_status__isnull=False)
        .order_by()
        .values_list("plan_id", "latest_status", "latest_percent")
    )


_LATEST_KEYS: dict[str, str] = {
    ProgressUpdate.Status.ON_TRACK: "on_track",
    ProgressUpdate.Status.AT_RISK: "at_risk",
    ProgressUpdate.Status.OFF_TRACK: "off_track",
}


def scope_progress(user, scope: Scope, *, year: int) -> Progress:
    """Activities of this year's plans by status, and by the status of their latest update.

    For a unit: the activities of its plans; for me: the activities I own. Two queries for
    the numbers: the activities counted by plan and status, and the latest updates."""
    status = Activity.Status
    rows = (
        Activity.objects.filter(_activities_q(user, scope, year))
        .order_by()
        .values("plan_id")
        .annotate(
            total=Count("pk"),
            planned=Count("pk", filter=Q(status=status.PLANNED)),
            in_progress=Count("pk", filter=Q(status=status.IN_PROGRESS)),
            done=Count("pk", filter=Q(status=status.DONE)),
        )
    )
    counts: dict[int, dict[str, int]] = {}
    for row_values in rows:
        found: dict[str, Any] = dict(row_values)
        numbers = dict.fromkeys(_COUNTED, 0)
        numbers.update(
            {key: int(found[key] or 0) for key in ("total", "planned", "in_progress", "done")}
        )
        counts[found["plan_id"]] = numbers
    for plan_id, latest_status, percent in latest_updates(user, scope, year):
        of_plan = counts.get(plan_id)
        if of_plan is None:
            continue
        of_plan["reported"] += 1
        # The sum, not the average, so that the totals weigh every activity alike.
        of_plan["percent_sum"] += int(percent or 0)
        key = _LATEST_KEYS.get(latest_status)
        if key is not None:
            of_plan[key] += 1
    plans = visible_plans(user).filter(year=year).select_related("unit")
    if scope.is_myself:
        plans = plans.filter(pk__in=list(counts))
    else:
        plans = plans.filter(unit_id__in=scope.unit_ids)
    result: list[PlanProgress] = []
    totals = PlanProgress(plan=None)  # type: ignore[arg-type]
    for plan in plans.order_by("unit__name", "kind", "id"):
        row = PlanProgress(plan, **counts.get(plan.pk, {}))
        for key in _COUNTED:
            setattr(totals, key, getattr(totals, key) + getattr(row, key))
        result.append(row)
    return Progress(result, totals if result else None)


def scope_milestones(user, scope: Scope, *, today: date):
    """Milestones and decision moments in the coming eight weeks."""
    qs = upcoming_milestones(user, today=today, weeks=MILESTONE_WEEKS)
    if scope.is_myself:
        if scope.person_id is None:
            return []
        qs = qs.filter(activity__owner_id=scope.person_id)
    else:
        qs = qs.filter(plan__unit_id__in=scope.unit_ids)
    return list(qs[:MILESTONE_ROWS])


@dataclass
class RiskSummary:
    filter: risk_queries.RiskFilter
    open: int
    top: list[Risk]


def scope_risks(user, scope: Scope, *, today: date) -> RiskSummary:
    """The open risks of the unit (and the units under it), or the ones I own; the top five."""
    if scope.is_myself:
        flt = risk_queries.RiskFilter(status=Risk.Status.OPEN, owner_id=scope.person_id)
        if scope.person_id is None:
            return RiskSummary(flt, 0, [])
        qs = risk_queries.register(user, flt, today=today)
        return RiskSummary(flt, qs.count(), list(qs[:TOP_RISKS]))
    assert scope.unit is not None
    flt = risk_queries.RiskFilter(status=Risk.Status.OPEN, unit_id=scope.unit.pk)
    counted = risk_queries.apply_filter(
        visible_risks(user).filter(unit_id__in=scope.unit_ids),
        risk_queries.RiskFilter(status=Risk.Status.OPEN),
        today=today,
    )
    return RiskSummary(flt, counted.count(), risk_queries.top_risks(user, scope.unit, TOP_RISKS))


def scope_reviews_due(user, scope: Scope, *, today: date, calendar: WorkingCalendar) -> int:
    """How many running risks of the unit (or mine) are due for review within the window of
    the register's "te herbeoordelen" list."""
    if scope.is_myself and scope.person_id is None:
        return 0
    return risk_queries.risks_due_for_review(
        user,
        REVIEW_WORKING_DAYS,
        today=today,
        calendar=calendar,
        unit_ids=None if scope.is_myself else scope.unit_ids,
        owner_id=scope.person_id if scope.is_myself else None,
    ).count()


def scope_contract_alerts(
    user, scope: Scope, *, today: date, calendar: WorkingCalendar
) -> list[ContractRow]:
    """Hiring contracts ending within their alert window (time to decide on an extension):
    of the unit's hiring requests, or of the requests I am secretary or team lead of."""
    if scope.is_myself:
        return my_contract_alerts(user, today=today, calendar=calendar)
    contracts = visible_contracts(user).filter(request__unit_id__in=scope.unit_ids)
    return contract_alerts(contracts, today=today, calendar=calendar)
