"""A plan's activities and milestones as a timeline: the geometry is computed here from plain
rows, and the page's SVG and table rows are written here too (one pass over thousands of rows is
far cheaper than a template loop with per-row filters); planning/timeline.html places them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from html import escape  # the same output as django.utils.html.escape, without the wrapping

from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from regie.core.dates import long_date
from regie.planning.models import Activity, Milestone, Plan

LABEL_WIDTH = 240
CHART_WIDTH = 880
ROW_HEIGHT = 22
BAR_HEIGHT = 14
AXIS_HEIGHT = 28
MARKER = 6
LABEL_CHARS = 34


@dataclass(slots=True)
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


@dataclass(slots=True)
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


@dataclass(slots=True)
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


# (pk, title, start, end, status, owner name) and (title, date, kind, activity id)
ActivityRow = tuple[int, str, date, date, str, str]
MilestoneRow = tuple[str, date, str, int | None]


def _short(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def build(plan: Plan, *, today: date | None = None) -> Timeline:
    """Two queries: the activities (with their owner's name) and the milestones of the plan,
    as plain rows."""
    activities = list(
        plan.activities.order_by("start", "id").values_list(
            "id", "title", "start", "end", "status", "owner__name"
        )
    )
    milestones = list(
        plan.milestones.order_by("date", "id").values_list("title", "date", "kind", "activity_id")
    )
    return layout_rows(plan, activities, milestones, today=today)


def layout(
    plan: Plan, activities: list[Activity], milestones: list[Milestone], *, today=None
) -> Timeline:
    """The timeline of model instances (activities with their owner loaded)."""
    return layout_rows(
        plan,
        [(a.pk, a.title, a.start, a.end, a.status, a.owner.name) for a in activities],
        [(m.title, m.date, m.kind, m.activity_id) for m in milestones],
        today=today,
    )


def layout_rows(
    plan: Plan,
    activities: Sequence[ActivityRow],
    milestones: Sequence[MilestoneRow],
    *,
    today: date | None = None,
) -> Timeline:
    first = date(plan.year, 1, 1)
    last = date(plan.year, 12, 31)
    if activities:
        starts = [row[2] for row in activities]
        ends = [row[3] for row in activities]
        first = min(first, min(starts), min(ends))
        last = max(last, max(starts), max(ends))
    if milestones:
        first = min(first, min(row[1] for row in milestones))
        last = max(last, max(row[1] for row in milestones))
    span = (last - first).days + 1
    scale = CHART_WIDTH / span
    origin = first.toordinal()

    class Positions(dict):
        """x of a date, computed once per date (thousands of bars share a few hundred dates)."""

        def __missing__(self, day: date) -> float:
            x = self[day] = round(LABEL_WIDTH + (day.toordinal() - origin) * scale, 1)
            return x

    class Widths(dict):
        """The width of a bar of a number of days (plus one: the end day is drawn)."""

        def __missing__(self, days: int) -> float:
            width = self[days] = max(round(days * scale + scale, 1), 2.0)
            return width

    x_at, width_of = Positions(), Widths()

    def x_of(day: date) -> float:
        return x_at[day]

    loose = any(row[3] is None for row in milestones)
    top = AXIS_HEIGHT + (ROW_HEIGHT if loose else 0)
    timeline = Timeline(
        first=first,
        last=last,
        width=LABEL_WIDTH + CHART_WIDTH + MARKER * 2,
        height=top + ROW_HEIGHT * len(activities) + MARKER,
        chart_x=LABEL_WIDTH,
        loose_row_y=AXIS_HEIGHT + ROW_HEIGHT / 2 if loose else None,
    )
    status_labels = {value: str(label) for value, label in Activity.Status.choices}
    offset = top + (ROW_HEIGHT - BAR_HEIGHT) / 2
    bars = timeline.bars
    row_of: dict[int, Bar] = {}
    text_offset = BAR_HEIGHT - 3
    for index, (pk, title, start, end, status, owner) in enumerate(activities):
        y = offset + index * ROW_HEIGHT
        bar = Bar(
            pk,
            title,
            title if len(title) <= LABEL_CHARS else _short(title),
            owner or "",
            start,
            end,
            status,
            status_labels.get(status, status),
            x_at[start],
            y,
            width_of[(end - start).days],
            y + text_offset,
        )
        bars.append(bar)
        row_of[pk] = bar
    kind_labels = {value: str(label) for value, label in Milestone.Kind.choices}
    markers = timeline.markers
    loose_y = timeline.loose_row_y
    for title, day, kind, activity_id in milestones:
        owner_bar = row_of.get(activity_id) if activity_id else None
        marker_y = owner_bar.y + BAR_HEIGHT / 2 if owner_bar else loose_y
        markers.append(
            Marker(
                title,
                day,
                kind,
                kind_labels.get(kind, kind),
                owner_bar.title if owner_bar else "",
                x_at[day],
                marker_y or 0,
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


class _LongDates(dict):
    """The long dates of one page, each written once (a timeline repeats the same few dates
    thousands of times)."""

    def __missing__(self, day: date) -> str:
        text = self[day] = long_date(day)
        return text


def _escaped(texts: list[str]) -> list[str]:
    """Many texts HTML-escaped in one pass (a few C-level replaces over the joined text instead
    of one call per text); the same result as escaping each one."""
    if not texts:
        return []
    joined = "\x00".join(texts)
    if joined.count("\x00") != len(texts) - 1:
        return [escape(text) for text in texts]  # a text holds the separator itself
    return escape(joined).split("\x00")


class _EscapedOnce(dict):
    """The escaped form of texts that repeat (statuses, labels, owners), each escaped once."""

    def __missing__(self, text: str) -> str:
        escaped = self[text] = escape(text)
        return escaped


def svg(timeline: Timeline) -> SafeString:
    """The page's SVG: every bar and marker with a <title> for its tooltip and screen readers.
    Numbers are written with a decimal point whatever the language (str of a float)."""
    dates = _LongDates()
    height = timeline.height
    out = [
        f'<svg class="regie-timeline" xmlns="http://www.w3.org/2000/svg" width="{timeline.width}"'
        f' height="{height}" viewBox="0 0 {timeline.width} {height}" role="img"'
        ' aria-labelledby="timeline-caption">\n  '
    ]
    add = out.append
    for tick in timeline.ticks:
        add(
            f'<line class="tick" x1="{tick.x}" y1="16" x2="{tick.x}" y2="{height}"/>'
            f'<text x="{int(tick.x) + 2}" y="12">{escape(tick.label)}</text>\n  '
        )
    if timeline.loose_row_y:
        add(
            f'<text x="0" y="{int(timeline.loose_row_y) + 4}">'
            f"{escape(gettext('Mijlpalen van het plan'))}</text>\n  "
        )
    bars = timeline.bars
    labels = _escaped([b.label for b in bars])
    titles = _escaped([b.title for b in bars])
    once = _EscapedOnce()
    for b, label, title in zip(bars, labels, titles, strict=True):
        add(
            f'<text x="0" y="{b.text_y}">{label}</text>'
            f'<rect class="bar bar--{once[b.status]}" x="{b.x}" y="{b.y}" width="{b.width}"'
            f' height="14"><title>{title}: {dates[b.start]} – {dates[b.end]}'
            f" ({once[b.status_label]})</title></rect>\n  "
        )
    markers = timeline.markers
    kind_labels = _EscapedOnce()
    for m, title in zip(markers, _escaped([m.title for m in markers]), strict=True):
        text = f"<title>{kind_labels[m.kind_label]}: {title}, {dates[m.date]}</title>"
        if m.kind == "decision_moment":
            add(f'<polygon class="decision" points="{m.points}">{text}</polygon>\n  ')
        else:
            add(f'<circle class="milestone" cx="{m.x}" cy="{m.y}" r="5">{text}</circle>\n  ')
    if timeline.today_x:
        add(
            f'<line class="today" x1="{timeline.today_x}" y1="16" x2="{timeline.today_x}"'
            f' y2="{height}"/>'
        )
    add("\n</svg>")
    return mark_safe("".join(out))  # every text in it is escaped above


_ROW = '<tr class="utrecht-table__row">'
_CELL = '<td class="utrecht-table__cell">'


def activity_rows(timeline: Timeline) -> SafeString:
    """The rows of the table alternative for the activities (title, owner, start, end, status)."""
    dates = _LongDates()
    bars = timeline.bars
    once = _EscapedOnce()
    rows = [
        f"{_ROW}{_CELL}{title}</td>{_CELL}{once[b.owner]}</td>"
        f"{_CELL}{dates[b.start]}</td>{_CELL}{dates[b.end]}</td>"
        f"{_CELL}{once[b.status_label]}</td></tr>\n  "
        for b, title in zip(bars, _escaped([b.title for b in bars]), strict=True)
    ]
    return mark_safe("".join(rows))  # every text in it is escaped above


def milestone_rows(timeline: Timeline) -> SafeString:
    """The rows of the table alternative for the milestones (date, title, kind, activity)."""
    dates = _LongDates()
    markers = timeline.markers
    kind_labels = _EscapedOnce()
    titles = _escaped([m.title for m in markers])
    activities = _escaped([m.activity or "–" for m in markers])
    rows = [
        f"{_ROW}{_CELL}{dates[m.date]}</td>{_CELL}{title}</td>"
        f"{_CELL}{kind_labels[m.kind_label]}</td>{_CELL}{activity}</td></tr>\n  "
        for m, title, activity in zip(markers, titles, activities, strict=True)
    ]
    return mark_safe("".join(rows))  # every text in it is escaped above
