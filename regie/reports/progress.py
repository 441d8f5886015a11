"""The voortgangsrapportage (per unit and reporting period) and the MT overview (per
directorate): the reads, and the report as plain blocks that the Word, PDF and Excel
renderers (regie.reports.progress_render) share.

Only what the user may see is read: plans through the planning access rules (a confidential
plan only for its own unit), risks through the risk register's, actions through the action
list's. Each report runs a fixed number of queries, whatever the number of activities.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.core.access import viewer_for
from regie.core.models import OrganisationUnit
from regie.planning import timeline as timelines
from regie.planning.access import visible_periods, visible_plans
from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate, ReportingPeriod
from regie.reports.queries import nl_date
from regie.risks.models import Risk
from regie.risks.queries import HeatMap, RiskFilter, heat_map, top_risks, unit_and_below

TIMELINE_ROWS = 40  # activities per timeline image: a taller image would not fit a page
TOP_RISKS = 5
DECISION_MOMENTS = 10
# A PDF lists at most this many activities one by one: WeasyPrint lays out a table row in
# about 10 ms, so a directorate's thousands would take minutes. Above it the PDF summarises
# per unit (and says so); Word and Excel always hold every activity.
PDF_DETAIL_LIMIT = 400

STATUS_LABELS = dict(ProgressUpdate.Status.choices)
PLAN_STATUS_LABELS = dict(Plan.Status.choices)
KIND_LABELS = dict(Milestone.Kind.choices)
RISK_STATUS_LABELS = dict(Risk.Status.choices)


# --- the report as blocks --------------------------------------------------------------------


@dataclass
class Table:
    """A table with a header row. Cells hold text, numbers or dates (dates stay dates for
    Excel; Word and PDF write them as "23 november 2026"). `widths` are in centimetres."""

    name: str  # the Excel sheet
    headers: list[str]
    widths: list[float]
    rows: list[list[Any]] = field(default_factory=list)
    empty: str = ""


@dataclass
class Chart:
    kind: str  # "timeline" or "heatmap"
    figure: Any  # a planning.timeline.Timeline or a risks.queries.HeatMap
    caption: str = ""


@dataclass
class Block:
    heading: str = ""
    level: int = 2
    text: list[str] = field(default_factory=list)
    table: Table | None = None
    chart: Chart | None = None
    new_page: bool = False


@dataclass
class Report:
    kind: str  # "Voortgangsrapportage" or "MT-overzicht"
    subject: str  # the unit, or the directorates
    period: ReportingPeriod
    made_on: date
    blocks: list[Block] = field(default_factory=list)
    sheets: list[Table] = field(default_factory=list)  # the same data as flat tables

    @property
    def title(self) -> str:
        return f"{self.kind} {self.subject}"

    @property
    def subtitle(self) -> str:
        return f"{self.subject} · {self.period.name}"

    @property
    def date(self) -> str:
        return nl_date(self.made_on)

    def filename(self, ext: str) -> str:
        name = f"{self.kind} {self.subject} {self.period.name}".replace("/", "-")
        return f"{name}.{ext}"

    @property
    def charts(self) -> list[Chart]:
        return [b.chart for b in self.blocks if b.chart is not None]


# --- what may be picked ----------------------------------------------------------------------


def units_for(user) -> QuerySet[OrganisationUnit]:
    """Internal staff may report on every unit; an external member only on the units of the
    plans they may see."""
    viewer = viewer_for(user)
    units = OrganisationUnit.objects.order_by("name")
    if viewer.sees_everything or viewer.is_internal:
        return units
    return units.filter(pk__in=visible_plans(user).values("unit_id"))


def directorates_for(user) -> QuerySet[OrganisationUnit]:
    return units_for(user).filter(kind=OrganisationUnit.Kind.DIRECTORATE)


def periods_for(user) -> QuerySet[ReportingPeriod]:
    """The periods for every plan of a year, and those of the plans the user may see."""
    return visible_periods(user).select_related("plan").order_by("-year", "start", "id")


def unit_for(user, unit_id: int) -> OrganisationUnit:
    unit = units_for(user).filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    return unit


def period_for(user, period_id: int) -> ReportingPeriod:
    period = periods_for(user).filter(pk=period_id).first()
    if period is None:
        raise Http404
    return period


# --- reads -----------------------------------------------------------------------------------


@dataclass
class UnitData:
    """Everything the reports need of a unit tree in one period, in a fixed number of queries."""

    unit_ids: list[int]
    units: dict[int, OrganisationUnit]
    plans: list[Plan]
    activities: list[Activity]
    updates: dict[int, ProgressUpdate]  # activity id -> its update in the period
    milestones: list[Milestone]


def _unit_data(user, unit: OrganisationUnit, period: ReportingPeriod) -> UnitData:
    unit_ids = unit_and_below(unit.pk)
    plans_qs = visible_plans(user).filter(unit_id__in=unit_ids, year=period.year)
    if period.plan_id is not None:
        plans_qs = plans_qs.filter(pk=period.plan_id)
    plans = list(plans_qs.select_related("unit").order_by("unit__name", "kind", "id"))
    plan_ids = [p.pk for p in plans]
    activities = list(
        Activity.objects.filter(plan_id__in=plan_ids)
        .select_related("owner", "goal", "unit")
        .order_by("plan_id", "goal__position", "goal_id", "start", "id")
    )
    updates = {
        u.activity_id: u
        for u in ProgressUpdate.objects.filter(activity__plan_id__in=plan_ids, period=period)
    }
    milestones = list(
        Milestone.objects.filter(plan_id__in=plan_ids)
        .select_related("activity", "meeting__body")
        .order_by("date", "id")
    )
    units = {u.pk: u for u in OrganisationUnit.objects.filter(pk__in=unit_ids)}
    return UnitData(unit_ids, units, plans, activities, updates, milestones)


def _actions_counts(user, unit_ids: list[int], today: date) -> dict[str, int]:
    """Open and overdue actions owned by people of the units."""
    return (
        visible_actions(user)
        .filter(owner__unit_id__in=unit_ids, status__in=Action.OPEN_STATUSES)
        .aggregate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(due_date__lt=today)),
        )
    )


def _timelines(plan: Plan, activities: list[Activity], milestones: list[Milestone], today):
    """The plan's timeline in parts of at most TIMELINE_ROWS activities (one image each)."""
    activities = sorted(activities, key=lambda a: (a.start, a.pk))
    parts = [activities[i : i + TIMELINE_ROWS] for i in range(0, len(activities), TIMELINE_ROWS)]
    result = []
    for index, part in enumerate(parts or [[]]):
        ids = {a.pk for a in part}
        marks = [
            m for m in milestones if m.activity_id in ids or (index == 0 and m.activity_id is None)
        ]
        result.append(timelines.layout(plan, part, marks, today=today))
    return result


def _risk_rows(risks: list[Risk]) -> list[list[Any]]:
    return [
        [
            r.score,
            r.title,
            r.unit.name,
            r.owner.name,
            RISK_STATUS_LABELS.get(r.status, r.status),
            r.review_date,
        ]
        for r in risks
    ]


def _risk_table(name: str, risks: list[Risk]) -> Table:
    return Table(
        name=name,
        headers=[
            _("Score"),
            _("Risico"),
            _("Onderdeel"),
            _("Eigenaar"),
            _("Status"),
            _("Herbeoordeling"),
        ],
        widths=[1.5, 4.2, 3.3, 2.8, 1.8, 3.2],
        rows=_risk_rows(risks),
        empty=_("Geen open risico's."),
    )


def _heat(user, unit: OrganisationUnit) -> HeatMap:
    return heat_map(user, RiskFilter(status="active", unit_id=unit.pk))


def _heat_caption(heat: HeatMap) -> str:
    return _(
        "Risicokaart: %(n)s lopende risico's naar kans (verticaal) en impact (horizontaal)."
    ) % {"n": heat.total}


# --- the voortgangsrapportage ----------------------------------------------------------------


def _status_counts(data: UnitData) -> tuple[dict[int, Counter], list[tuple[Activity, Any]]]:
    """Activities per unit (the activity's own unit, else its plan's) by the status of their
    update in the period, and the activities that are not on track."""
    plan_unit = {p.pk: p.unit_id for p in data.plans}
    counts: dict[int, Counter] = defaultdict(Counter)
    off_track = []
    for activity in data.activities:
        update = data.updates.get(activity.pk)
        owner_unit = activity.unit_id
        if owner_unit not in data.units:
            owner_unit = plan_unit[activity.plan_id]
        counts[owner_unit][update.status if update else "none"] += 1
        if update is not None and update.status == ProgressUpdate.Status.OFF_TRACK:
            off_track.append((activity, update))
    return counts, off_track


def _off_track_table(off_track: list[tuple[Activity, Any]]) -> Table:
    return Table(
        name=_("Niet op koers"),
        headers=[
            _("Activiteit"),
            _("Onderdeel"),
            _("Eigenaar"),
            _("Einde"),
            _("%"),
            _("Toelichting"),
        ],
        widths=[4.0, 2.6, 2.6, 2.3, 1.3, 4.2],
        rows=[[a.title, a.unit.name, a.owner.name, a.end, u.percent, u.text] for a, u in off_track],
        empty=_("Geen activiteiten niet op koers."),
    )


def _summary_blocks(data: UnitData) -> list[Block]:
    """Per unit its plans and activities by status, then the activities not on track."""
    counts, off_track = _status_counts(data)
    plans_by_unit: dict[int, list[Plan]] = defaultdict(list)
    for plan in data.plans:
        plans_by_unit[plan.unit_id].append(plan)
    rows = []
    for unit_id in sorted(data.units, key=lambda pk: data.units[pk].name):
        c = counts.get(unit_id, Counter())
        if not plans_by_unit.get(unit_id) and not c:
            continue
        rows.append(
            [
                data.units[unit_id].name,
                len(plans_by_unit.get(unit_id, [])),
                sum(c.values()),
                c["on_track"],
                c["at_risk"],
                c["off_track"],
                c["none"],
            ]
        )
    units = Table(
        name=_("Onderdelen"),
        headers=[
            _("Onderdeel"),
            _("Plannen"),
            _("Activiteiten"),
            _("Op koers"),
            _("Risico"),
            _("Niet op koers"),
            _("Geen update"),
        ],
        widths=[4.6, 1.8, 2.2, 1.9, 1.7, 2.3, 2.3],
        rows=rows,
        empty=_("Geen plannen voor dit jaar."),
    )
    return [
        Block(heading=_("Voortgang per onderdeel"), table=units),
        Block(heading=_("Activiteiten niet op koers"), table=_off_track_table(off_track)),
    ]


ACTIVITY_HEADERS = [
    _lazy("Activiteit"),
    _lazy("Eigenaar"),
    _lazy("Einde"),
    _lazy("Status"),
    "%",
    _lazy("Toelichting"),
]


def progress_report(
    user,
    unit: OrganisationUnit,
    period: ReportingPeriod,
    *,
    today: date,
    detail_limit: int | None = None,
) -> Report:
    """The report of the unit and the units below it. With more activities than
    `detail_limit` (the PDF's: a directorate has thousands) the activity tables and timelines
    give way to a summary per unit and the activities not on track, as the report says."""
    data = _unit_data(user, unit, period)
    summary = detail_limit is not None and len(data.activities) > detail_limit
    report = Report(kind=_("Voortgangsrapportage"), subject=unit.name, period=period, made_on=today)
    blocks = report.blocks
    blocks.append(
        Block(
            text=[
                _("Rapportageperiode %(p)s: %(a)s tot en met %(b)s.")
                % {"p": period.name, "a": nl_date(period.start), "b": nl_date(period.end)},
                _("Onderdelen: %(u)s.")
                % {
                    "u": ", ".join(
                        u.name for u in sorted(data.units.values(), key=lambda u: u.name)
                    )
                },
            ]
        )
    )
    if summary:
        blocks[-1].text.append(
            _(
                "Deze rapportage telt %(n)s activiteiten, meer dan de %(max)s die een PDF per "
                "activiteit toont. Deze PDF geeft daarom per onderdeel een samenvatting en de "
                "activiteiten die niet op koers zijn; de Word- en Excel-versie bevatten alle "
                "activiteiten, de tabellen per doelstelling en de tijdlijnen."
            )
            % {"n": len(data.activities), "max": detail_limit}
        )
    by_plan: dict[int, list[Activity]] = defaultdict(list)
    for activity in data.activities:
        by_plan[activity.plan_id].append(activity)
    marks_by_plan: dict[int, list[Milestone]] = defaultdict(list)
    for milestone in data.milestones:
        marks_by_plan[milestone.plan_id].append(milestone)

    # labels translated once, not once per activity (thousands in a directorate)
    update_labels = {key: str(label) for key, label in STATUS_LABELS.items()}
    activity_labels = {key: str(label) for key, label in Activity.Status.choices}
    no_update = _("geen update")
    flat_rows: list[list[Any]] = []
    missing_rows: list[list[Any]] = []
    detail: list[Block] = []  # the plans' tables, left out of a summary
    if not data.plans:
        blocks.append(Block(heading=_("Plannen"), text=[_("Geen plannen voor dit jaar.")]))
    for plan in data.plans:
        activities = by_plan[plan.pk]
        detail.append(
            Block(
                heading=plan.title,
                text=[
                    _("%(kind)s %(year)s van %(unit)s, status %(status)s.")
                    % {
                        "kind": plan.get_kind_display(),
                        "year": plan.year,
                        "unit": plan.unit.name,
                        "status": PLAN_STATUS_LABELS.get(plan.status, plan.status),
                    }
                ],
            )
        )
        groups: dict[int | None, list[Activity]] = defaultdict(list)
        for activity in activities:
            groups[activity.goal_id].append(activity)
        if not activities:
            detail[-1].text.append(_("Dit plan heeft nog geen activiteiten."))
        for activities_of_goal in groups.values():
            goal = activities_of_goal[0].goal
            rows = []
            for activity in activities_of_goal:
                update = data.updates.get(activity.pk)
                status = update_labels.get(update.status, "") if update else no_update
                rows.append(
                    [
                        activity.title,
                        activity.owner.name,
                        activity.end,
                        status,
                        update.percent if update else None,
                        update.text if update else "",
                    ]
                )
                flat_rows.append(
                    [
                        plan.title,
                        goal.title if goal else "",
                        activity.title,
                        activity.unit.name,
                        activity.owner.name,
                        activity.start,
                        activity.end,
                        activity_labels.get(activity.status, activity.status),
                        status,
                        update.percent if update else None,
                        update.text if update else "",
                    ]
                )
                if update is None and activity.status in Activity.OPEN_STATUSES:
                    missing_rows.append(
                        [activity.title, activity.owner.name, activity.end, plan.title]
                    )
            detail.append(
                Block(
                    heading=goal.title if goal else _("Zonder doelstelling"),
                    level=3,
                    table=Table(
                        name=_("Activiteiten"),
                        headers=[str(h) for h in ACTIVITY_HEADERS],
                        widths=[4.2, 2.6, 2.8, 2.2, 1.3, 3.9],
                        rows=rows,
                    ),
                )
            )
    missing = Table(
        name=_("Zonder update"),
        headers=[_("Activiteit"), _("Eigenaar"), _("Einde"), _("Plan")],
        widths=[6.0, 3.4, 3.0, 4.6],
        rows=missing_rows,
        empty=_("Alle lopende activiteiten hebben een update over deze periode."),
    )
    if summary:
        blocks.extend(_summary_blocks(data))
        blocks.append(
            Block(
                heading=_("Activiteiten zonder update"),
                text=[
                    _(
                        "%(n)s lopende activiteiten hebben geen update over deze periode; het "
                        "aantal per onderdeel staat in de samenvatting, de lijst in de Word- en "
                        "Excel-versie."
                    )
                    % {"n": len(missing_rows)}
                ],
            )
        )
    else:
        blocks.extend(detail)
        blocks.append(Block(heading=_("Activiteiten zonder update"), table=missing))

    upcoming = [m for m in data.milestones if m.date >= period.start]
    milestones = Table(
        name=_("Mijlpalen"),
        headers=[_("Datum"), _("Mijlpaal"), _("Soort"), _("Activiteit"), _("Vergadering")],
        widths=[2.8, 4.8, 2.6, 4.0, 2.8],
        rows=[
            [
                m.date,
                m.title,
                KIND_LABELS.get(m.kind, m.kind),
                m.activity.title if m.activity else "",
                f"{m.meeting.body.code} {nl_date(m.meeting.starts_at.date())}" if m.meeting else "",
            ]
            for m in upcoming
        ],
        empty=_("Geen mijlpalen of beslismomenten vanaf het begin van de periode."),
    )
    blocks.append(Block(heading=_("Mijlpalen en beslismomenten"), table=milestones))

    for plan in [] if summary else data.plans:
        parts = _timelines(plan, by_plan[plan.pk], marks_by_plan[plan.pk], period.end)
        for index, part in enumerate(parts):
            caption = _(
                "Tijdlijn %(plan)s: balken zijn activiteiten, rondjes mijlpalen, ruiten "
                "beslismomenten; de rode lijn is het einde van de periode."
            ) % {"plan": plan.title}
            if len(parts) > 1:
                caption += f" ({index + 1}/{len(parts)})"
            blocks.append(
                Block(
                    heading=_("Tijdlijn %(plan)s") % {"plan": plan.title} if index == 0 else "",
                    chart=Chart("timeline", part, caption),
                )
            )

    heat = _heat(user, unit)
    risks = top_risks(user, unit, limit=TOP_RISKS)
    blocks.append(Block(heading=_("Risico's"), chart=Chart("heatmap", heat, _heat_caption(heat))))
    top = _risk_table(_("Toprisico's"), risks)
    blocks.append(Block(heading=_("Toprisico's"), level=3, table=top))

    counts = _actions_counts(user, data.unit_ids, today)
    actions = Table(
        name=_("Acties"),
        headers=[_("Acties"), _("Aantal")],
        widths=[8.0, 2.5],
        rows=[[_("Open acties"), counts["open"]], [_("Over de termijn"), counts["overdue"]]],
    )
    blocks.append(Block(heading=_("Acties"), table=actions))

    report.sheets = [
        Table(
            name=_("Activiteiten"),
            headers=[
                _("Plan"),
                _("Doelstelling"),
                _("Activiteit"),
                _("Onderdeel"),
                _("Eigenaar"),
                _("Start"),
                _("Einde"),
                _("Status activiteit"),
                _("Voortgang"),
                _("%"),
                _("Toelichting"),
            ],
            widths=[7, 7, 9, 5, 5, 3, 3, 4, 3.5, 1.5, 12],
            rows=flat_rows,
        ),
        missing,
        milestones,
        _risk_table(_("Toprisico's"), risks),
        actions,
    ]
    return report


# --- the MT overview -------------------------------------------------------------------------


def _directorate_blocks(user, unit, period, today, sheets: dict[str, Table]) -> list[Block]:
    data = _unit_data(user, unit, period)
    plans_by_unit: dict[int, list[Plan]] = defaultdict(list)
    for plan in data.plans:
        plans_by_unit[plan.unit_id].append(plan)
    counts, off_track = _status_counts(data)
    unit_rows = []
    for unit_id in sorted(data.unit_ids, key=lambda pk: data.units[pk].name):
        plans = plans_by_unit.get(unit_id, [])
        c = counts.get(unit_id, Counter())
        if not plans and not c:
            continue
        status = ", ".join(
            f"{p.get_kind_display()} {PLAN_STATUS_LABELS.get(p.status, p.status)}" for p in plans
        ) or _("geen plan")
        unit_rows.append(
            [
                data.units[unit_id].name,
                status,
                c["on_track"],
                c["at_risk"],
                c["off_track"],
                c["none"],
            ]
        )
    units_table = Table(
        name=_("Onderdelen"),
        headers=[
            _("Onderdeel"),
            _("Plan"),
            _("Op koers"),
            _("Risico"),
            _("Niet op koers"),
            _("Geen update"),
        ],
        widths=[4.4, 4.2, 1.9, 1.7, 2.3, 2.3],
        rows=unit_rows,
        empty=_("Geen plannen in deze directie voor dit jaar."),
    )
    off_table = _off_track_table(off_track)
    moments = [
        m
        for m in data.milestones
        if m.kind == Milestone.Kind.DECISION_MOMENT and m.date >= period.start
    ][:DECISION_MOMENTS]
    moments_table = Table(
        name=_("Beslismomenten"),
        headers=[_("Datum"), _("Beslismoment"), _("Activiteit"), _("Vergadering")],
        widths=[2.6, 6.0, 5.0, 3.4],
        rows=[
            [
                m.date,
                m.title,
                m.activity.title if m.activity else "",
                f"{m.meeting.body.code} {nl_date(m.meeting.starts_at.date())}" if m.meeting else "",
            ]
            for m in moments
        ],
        empty=_("Geen beslismomenten gepland."),
    )
    heat = _heat(user, unit)
    risks_table = _risk_table(_("Toprisico's"), top_risks(user, unit, limit=TOP_RISKS))
    for table in (units_table, off_table, moments_table, risks_table):
        merged = sheets.setdefault(
            table.name,
            Table(
                name=table.name,
                headers=[_("Directie"), *table.headers],
                widths=[3.0, *table.widths],
            ),
        )
        merged.rows.extend([unit.name, *row] for row in table.rows)
    return [
        Block(heading=unit.name, level=2, new_page=True),
        Block(heading=_("Plannen en voortgang per onderdeel"), level=3, table=units_table),
        Block(heading=_("Activiteiten niet op koers"), level=3, table=off_table),
        Block(heading=_("Toprisico's"), level=3, table=risks_table),
        Block(heading=_("Risicokaart"), level=3, chart=Chart("heatmap", heat, _heat_caption(heat))),
        Block(heading=_("Komende beslismomenten"), level=3, table=moments_table),
    ]


def mt_overview(
    user, directorates: list[OrganisationUnit], period: ReportingPeriod, *, today: date
) -> Report:
    subject = directorates[0].name if len(directorates) == 1 else _("alle directies")
    report = Report(kind=_("MT-overzicht"), subject=subject, period=period, made_on=today)
    report.blocks.append(
        Block(
            text=[
                _("Rapportageperiode %(p)s: %(a)s tot en met %(b)s. Eén pagina per directie.")
                % {"p": period.name, "a": nl_date(period.start), "b": nl_date(period.end)}
            ]
        )
    )
    sheets: dict[str, Table] = {}
    for directorate in directorates:
        report.blocks.extend(_directorate_blocks(user, directorate, period, today, sheets))
    if report.blocks:
        report.blocks[1 if len(report.blocks) > 1 else 0].new_page = False
    report.sheets = list(sheets.values())
    return report
