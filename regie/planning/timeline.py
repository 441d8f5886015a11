"""A plan's activities and milestones as a timeline: the geometry is computed here, the SVG is
drawn by a template (planning/timeline.html), next to a table with the same content."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.formats import date_format

from regie.planning.models import Activity, Milestone, Plan

LABEL_WIDTH = 240
CHART_WIDTH = 880
ROW_HEIGHT = 22
BAR_HEIGHT = 14
AXIS_HEIGHT = 28
MARKER = 6
LABEL_CHARS = 34


@dataclass
class Bar:
    pk: int
    title: str
    label: str
    owner: str
    start: date
    end: date
    status: str
    status_label: str
    x: float
    y: float
    width: float
    text_y: float


@dataclass
class Marker:
    title: str
    date: date
    kind: str
    kind_label: str
    activity: str
    x: float
    y: float

    @property
    def points(self) -> str:
        """A diamond around (x, y) for a decision moment."""
        x, y, r = self.x, self.y, MARKER
        return f"{x:.1f},{y - r:.1f} {x + r:.1f},{y:.1f} {x:.1f},{y + r:.1f} {x - r:.1f},{y:.1f}"


@dataclass
class Tick:
    x: float
    label: str


@dataclass
class Timeline:
    first: date
    last: date
    width: int
    height: int
    chart_x: int
    bars: list[Bar] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    loose_row_y: float | None = None
    today_x: float | None = None


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def build(plan: Plan, *, today: date | None = None) -> Timeline:
    """Two queries: the activities (with their owner) and the milestones of the plan."""
    activities = list(
        plan.activities.select_related("owner")
        .only("id", "title", "start", "end", "status", "owner__name")
        .order_by("start", "id")
    )
    milestones = list(
        plan.milestones.only("id", "title", "date", "kind", "activity_id").order_by("date", "id")
    )
    return layout(plan, activities, milestones, today=today)


def layout(plan: Plan, activities: list[Activity], milestones: list[Milestone], *, today=None):
    dates = [a.start for a in activities] + [a.end for a in activities]
    dates += [m.date for m in milestones]
    first = min([date(plan.year, 1, 1), *dates])
    last = max([date(plan.year, 12, 31), *dates])
    span = (last - first).days + 1
    scale = CHART_WIDTH / span

    def x_of(day: date) -> float:
        return round(LABEL_WIDTH + (day - first).days * scale, 1)

    loose = [m for m in milestones if m.activity_id is None]
    top = AXIS_HEIGHT + (ROW_HEIGHT if loose else 0)
    timeline = Timeline(
        first=first,
        last=last,
        width=LABEL_WIDTH + CHART_WIDTH + MARKER * 2,
        height=top + ROW_HEIGHT * len(activities) + MARKER,
        chart_x=LABEL_WIDTH,
        loose_row_y=AXIS_HEIGHT + ROW_HEIGHT / 2 if loose else None,
    )
    status_labels = dict(Activity.Status.choices)
    row_of: dict[int, Bar] = {}
    for index, activity in enumerate(activities):
        y = top + index * ROW_HEIGHT + (ROW_HEIGHT - BAR_HEIGHT) / 2
        bar = Bar(
            pk=activity.pk,
            title=activity.title,
            label=_short(activity.title),
            owner=activity.owner.name,
            start=activity.start,
            end=activity.end,
            status=activity.status,
            status_label=str(status_labels.get(activity.status, activity.status)),
            x=x_of(activity.start),
            y=y,
            width=max(round((activity.end - activity.start).days * scale + scale, 1), 2.0),
            text_y=y + BAR_HEIGHT - 3,
        )
        timeline.bars.append(bar)
        row_of[activity.pk] = bar
    kind_labels = dict(Milestone.Kind.choices)
    for milestone in milestones:
        bar = row_of.get(milestone.activity_id) if milestone.activity_id else None
        y = bar.y + BAR_HEIGHT / 2 if bar else timeline.loose_row_y
        timeline.markers.append(
            Marker(
                title=milestone.title,
                date=milestone.date,
                kind=milestone.kind,
                kind_label=str(kind_labels.get(milestone.kind, milestone.kind)),
                activity=bar.title if bar else "",
                x=x_of(milestone.date),
                y=y or 0,
            )
        )
    month = date(first.year, first.month, 1)
    while month <= last:
        timeline.ticks.append(
            Tick(x=x_of(max(month, first)), label=date_format(month, "M Y").lower())
        )
        month = (month + timedelta(days=32)).replace(day=1)
    if today is not None and first <= today <= last:
        timeline.today_x = x_of(today)
    return timeline
