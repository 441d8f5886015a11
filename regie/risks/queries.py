"""Reads of the risk register that pages, the dashboard and the export share."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regie.core.models import OrganisationUnit, Person
from regie.core.workdays import WorkingCalendar, working_calendar
from regie.risks.access import visible_risks
from regie.risks.models import SCALE, Measure, Risk

ACTIVE = list(Risk.ACTIVE_STATUSES)
OPEN_MEASURES = list(Measure.OPEN_STATUSES)


@dataclass(frozen=True)
class RiskFilter:
    """The filters of the register, the heat map and the export."""

    status: str = "active"  # active | all | one of Risk.Status
    unit_id: int | None = None
    owner_id: int | None = None
    min_score: int | None = None
    review_overdue: bool = False
    probability: int | None = None
    impact: int | None = None


def unit_and_below(unit_id: int) -> list[int]:
    """The unit and every unit under it (a directorate with its teams), in one query."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in OrganisationUnit.objects.values_list("id", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found, todo = [], [unit_id]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def unit_tree() -> list[tuple[OrganisationUnit, int]]:
    """Every organisation unit in tree order with its depth (for the unit filter), one query."""
    units = list(OrganisationUnit.objects.order_by("name", "id"))
    known = {u.pk for u in units}
    children: dict[int | None, list[OrganisationUnit]] = {}
    for unit in units:
        children.setdefault(unit.parent_id if unit.parent_id in known else None, []).append(unit)
    ordered: list[tuple[OrganisationUnit, int]] = []
    seen: set[int] = set()
    todo: list[tuple[OrganisationUnit, int]] = [(u, 0) for u in reversed(children.get(None, []))]
    while todo:
        unit, depth = todo.pop()
        if unit.pk in seen:
            continue
        seen.add(unit.pk)
        ordered.append((unit, depth))
        todo.extend((child, depth + 1) for child in reversed(children.get(unit.pk, [])))
    ordered.extend((u, 0) for u in units if u.pk not in seen)  # a cycle in the data
    return ordered


def apply_filter(qs: QuerySet[Risk], flt: RiskFilter, *, today: date) -> QuerySet[Risk]:
    if flt.status == "active":
        qs = qs.filter(status__in=ACTIVE)
    elif flt.status in Risk.Status.values:
        qs = qs.filter(status=flt.status)
    if flt.unit_id:
        qs = qs.filter(unit_id__in=unit_and_below(flt.unit_id))
    if flt.owner_id:
        qs = qs.filter(owner_id=flt.owner_id)
    if flt.min_score:
        qs = qs.filter(score__gte=flt.min_score)
    if flt.review_overdue:
        qs = qs.filter(status__in=ACTIVE, review_date__lt=today)
    if flt.probability:
        qs = qs.filter(probability=flt.probability)
    if flt.impact:
        qs = qs.filter(impact=flt.impact)
    return qs


def open_measure_count() -> Coalesce:
    """The number of open measures of the outer risk, as a correlated subquery.

    A subquery rather than a join with GROUP BY: counting the page's rows does not touch the
    measures at all, and PostgreSQL works it out only for the rows a page shows.
    """
    per_risk = (
        Measure.objects.filter(risk_id=OuterRef("pk"), status__in=OPEN_MEASURES)
        .order_by()
        .values("risk_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(per_risk, output_field=IntegerField()), 0)


def register(user, flt: RiskFilter, *, today: date | None = None) -> QuerySet[Risk]:
    """The visible risks that pass the filter, highest score first, with their open measures."""
    today = today or timezone.localdate()
    return (
        apply_filter(visible_risks(user), flt, today=today)
        .select_related("unit", "owner")
        .annotate(open_measures=open_measure_count())
        .order_by("-score", "review_date", "id")
    )


def top_risks(user, unit=None, limit: int = 5) -> list[Risk]:
    """The highest-scoring open risks the user may see, of one unit (with the units under it)
    or of all (dashboard)."""
    qs = visible_risks(user).filter(status=Risk.Status.OPEN)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_and_below(getattr(unit, "pk", unit)))
    return list(qs.select_related("unit", "owner").order_by("-score", "review_date", "id")[:limit])


def review_deadline(
    within_working_days: int, *, today: date | None = None, calendar: WorkingCalendar | None = None
) -> date:
    today = today or timezone.localdate()
    return (calendar or working_calendar()).add(today, within_working_days)


def risks_due_for_review(
    user,
    within_working_days: int = 5,
    *,
    today: date | None = None,
    calendar: WorkingCalendar | None = None,
    unit_ids: Iterable[int] | None = None,
    owner_id: int | None = None,
) -> QuerySet[Risk]:
    """Risks still running whose review is overdue or falls within the coming working days;
    optionally of some units only (the dashboard passes a unit with the units under it) or of
    one owner."""
    deadline = review_deadline(within_working_days, today=today, calendar=calendar)
    qs = visible_risks(user).filter(status__in=ACTIVE, review_date__lte=deadline)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    if owner_id is not None:
        qs = qs.filter(owner_id=owner_id)
    return qs.select_related("unit", "owner").order_by("review_date", "-score", "id")


def risk_owners(qs: QuerySet[Risk]) -> QuerySet[Person]:
    """The people who own one of these risks (for the owner filter), one query."""
    return Person.objects.filter(pk__in=qs.values("owner_id")).order_by("name").only("id", "name")


def measures_of(risk: Risk):
    return risk.measures.select_related("owner", "action").order_by("due_date", "id")


# The heat map: score bands as the register and the map show them.
BANDS = (
    (15, "very_high", _("zeer hoog"), "#b30000"),
    (10, "high", _("hoog"), "#e86f00"),
    (5, "medium", _("midden"), "#f5c400"),
    (1, "low", _("laag"), "#4f9a3a"),
)


def band_of(score: int) -> tuple[str, str, str]:
    for lowest, key, label, colour in BANDS:
        if score >= lowest:
            return key, str(label), colour
    raise ValueError(score)


CELL = 64  # pixels per cell of the SVG
MARGIN = 56  # room for the axis labels


@dataclass(frozen=True)
class HeatCell:
    probability: int
    impact: int
    count: int
    score: int
    band: str
    band_label: str
    colour: str
    x: int
    y: int
    query: str  # the register's query string for this cell


@dataclass(frozen=True)
class HeatMap:
    rows: list[list[HeatCell]]  # probability 5 (top) down to 1; impact 1 to 5 in each row
    total: int
    cell: int = CELL
    margin: int = MARGIN
    width: int = MARGIN + 5 * CELL + 8
    height: int = 5 * CELL + 56
    label_dx: int = CELL // 2  # a count sits in the middle of its cell
    label_dy: int = CELL // 2 + 8
    impact_axis_y: int = 5 * CELL + 24
    axis_title_y: int = 5 * CELL + 50
    axis_middle: int = 5 * CELL // 2
    impact_title_x: int = MARGIN + 5 * CELL // 2


def heat_map(user, flt: RiskFilter, *, query_of=None, today: date | None = None) -> HeatMap:
    """Counts per probability x impact for the filtered risks, in one grouped query.

    `query_of(filter)` gives the query string a cell links to (the register with that cell's
    filter added); the view passes it so this module knows nothing of URLs.
    """
    today = today or timezone.localdate()
    base = replace(flt, probability=None, impact=None)
    counts = {
        (row["probability"], row["impact"]): row["n"]
        for row in apply_filter(visible_risks(user), base, today=today)
        .order_by()
        .values("probability", "impact")
        .annotate(n=Count("id"))
    }
    rows = []
    for probability in reversed(SCALE):
        row = []
        for impact in SCALE:
            score = probability * impact
            band, label, colour = band_of(score)
            row.append(
                HeatCell(
                    probability=probability,
                    impact=impact,
                    count=counts.get((probability, impact), 0),
                    score=score,
                    band=band,
                    band_label=label,
                    colour=colour,
                    x=MARGIN + (impact - 1) * CELL,
                    y=(5 - probability) * CELL,
                    query=query_of(replace(base, probability=probability, impact=impact))
                    if query_of
                    else "",
                )
            )
        rows.append(row)
    return HeatMap(rows=rows, total=sum(counts.values()))
