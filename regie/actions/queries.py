"""Reads of actions that pages, exports, the digest and the API share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Min, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from regie.actions.access import visible_actions
from regie.actions.models import Action
from regie.core.models import Body, OrganisationUnit, Person

OPEN = list(Action.OPEN_STATUSES)


def open_on(day: date) -> Q:
    """Actions that were raised on or before `day` and not yet closed on that day.

    This is how an open action shows on every next action list of its body until it is
    closed: the list is computed from these dates, never copied from meeting to meeting.
    """
    return Q(raised_on__lte=day) & (Q(closed_on__isnull=True) | Q(closed_on__gt=day))


def body_action_list(user, body_id: int, *, on: date) -> QuerySet[Action]:
    """The action list of a body as it stands on a meeting day (open then, or closed that day)."""
    return (
        visible_actions(user)
        .filter(body_id=body_id)
        .filter(open_on(on) | Q(closed_on=on))
        # No due meeting: no list shows it, and joining it made the database read every
        # meeting of every body.
        .select_related("owner")
        .order_by("is_commitment", "due_date", "id")
    )


def overdue(qs: QuerySet[Action], *, today: date) -> QuerySet[Action]:
    return qs.filter(status__in=OPEN, due_date__lt=today)


def working_week(today: date) -> tuple[date, date]:
    """Monday and Friday of this working week; on a Saturday or Sunday, of the coming one."""
    monday = today - timedelta(days=today.weekday())
    if today.weekday() >= 5:
        monday += timedelta(days=7)
    return monday, monday + timedelta(days=4)


@dataclass(frozen=True)
class ActionFilter:
    """The filters of every action list: status, term, owner, body, unit, commitments only.

    `unit_ids` is a unit with the units below it: the actions whose owner belongs to one.
    """

    status: str = "open"  # open | done | all
    term: str = ""  # "" | overdue | week
    owner_id: int | None = None
    body_id: int | None = None
    commitments_only: bool = False
    unit_ids: tuple[int, ...] = ()


def apply_filter(qs: QuerySet[Action], flt: ActionFilter, *, today: date) -> QuerySet[Action]:
    if flt.status == "open":
        qs = qs.filter(status__in=OPEN)
    elif flt.status == "done":
        qs = qs.exclude(status__in=OPEN)
    if flt.term == "overdue":
        qs = overdue(qs, today=today)
    elif flt.term == "week":
        monday, friday = working_week(today)
        qs = qs.filter(status__in=OPEN, due_date__range=(monday, friday))
    if flt.owner_id:
        qs = qs.filter(owner_id=flt.owner_id)
    if flt.body_id:
        qs = qs.filter(body_id=flt.body_id)
    if flt.commitments_only:
        qs = qs.filter(is_commitment=True)
    if flt.unit_ids:
        qs = qs.filter(owner__unit_id__in=sorted(flt.unit_ids))
    return qs.select_related("owner", "body")


@dataclass(frozen=True)
class UnitChoice:
    """One organisation unit in tree order, with how deep it lies under the top."""

    pk: int
    name: str
    depth: int

    @property
    def label(self) -> str:
        return "\u2003" * self.depth + self.name


def unit_tree() -> list[UnitChoice]:
    """Every organisation unit in tree order (by name under each parent), in one query."""
    rows = list(
        OrganisationUnit.objects.order_by("name", "id").values_list("id", "name", "parent_id")
    )
    known = {pk for pk, _name, _parent in rows}
    by_parent: dict[int | None, list[tuple[int, str]]] = {}
    for pk, name, parent in rows:
        by_parent.setdefault(parent if parent in known else None, []).append((pk, name))
    ordered: list[UnitChoice] = []
    seen: set[int] = set()
    stack = [(pk, name, 0) for pk, name in reversed(by_parent.get(None, []))]
    while stack:
        pk, name, depth = stack.pop()
        if pk in seen:
            continue
        seen.add(pk)
        ordered.append(UnitChoice(pk, name, depth))
        stack.extend((c, n, depth + 1) for c, n in reversed(by_parent.get(pk, [])))
    # A cycle of units (not reachable from a top) still shows, at the top level.
    ordered.extend(UnitChoice(pk, name, 0) for pk, name, _p in rows if pk not in seen)
    return ordered


def unit_and_below(tree: list[UnitChoice], unit_id: int) -> tuple[int, ...]:
    """The unit's id and the ids of every unit below it, read from the tree."""
    found: list[int] = []
    inside: int | None = None
    for choice in tree:
        if inside is not None:
            if choice.depth > inside:
                found.append(choice.pk)
                continue
            break
        if choice.pk == unit_id:
            found.append(unit_id)
            inside = choice.depth
    return tuple(found)


def filtered(
    qs: QuerySet[Action],
    *,
    state: str,
    today: date,
    week_end: date | None = None,
    commitments: bool | None = None,
) -> QuerySet[Action]:
    """Shorthand filters: open (default), overdue, week, done, all."""
    flt = ActionFilter(
        status=state if state in ("done", "all") else "open",
        term=state if state in ("overdue", "week") else "",
    )
    qs = apply_filter(qs, flt, today=today)
    if commitments is not None:
        qs = qs.filter(is_commitment=commitments)
    return qs


def body_list_day(body_id: int, *, today: date) -> date:
    """The day a body's action list is shown for: its next meeting, or today without one.

    Read through the body's reverse relation so this app does not import the meetings app.
    """

    next_start = (
        Body.objects.filter(pk=body_id)
        .annotate(
            next_start=Min(
                "meetings__starts_at",
                filter=Q(meetings__starts_at__date__gte=today)
                & ~Q(meetings__status__in=["cancelled"]),
            )
        )
        .values_list("next_start", flat=True)
        .first()
    )
    return timezone.localdate(next_start) if next_start else today


def action_owners(qs: QuerySet[Action], *, per_person: bool = False, keep: str = ""):
    """The people who own at least one of these actions (for the owner filter), one query.

    For one body's actions the owners are collected from the set itself. For a list across
    all bodies, `per_person` looks up each person's first action in the set instead (on the
    owner index; a scalar subquery, which neither database turns into a scan of the whole
    set). `keep` is an owner already chosen, who stays in the choices.
    """

    people = Person.objects.order_by("name").only("id", "name")
    kept = Q(pk=int(keep)) if keep.isdigit() and len(keep) < 19 else Q(pk__in=[])
    if not per_person:
        return people.filter(Q(pk__in=qs.order_by().values("owner_id")) | kept)
    first = Subquery(qs.filter(owner_id=OuterRef("pk")).order_by().values("pk")[:1])
    return people.alias(first_action=first).filter(Q(first_action__isnull=False) | kept)


def notes_of(action: Action):
    return action.notes.select_related("author").order_by("-created_at")
