"""What the minutes record as data: attendance, numbered decisions, actions and their progress."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType

from regie.home.demo.bodies import member_keys
from regie.home.demo.catalogue import NOTES_DONE, NOTES_IN_PROGRESS, NOTES_LATE
from regie.home.demo.context import Demo, bulk_with_history, models, stamp
from regie.home.demo.meetings import CANCELLED, MeetingPlan, next_after

ATTENDANCE_WEIGHTS = (("present", 85), ("absent_notified", 12), ("absent", 3))
WITHDRAWN_REASON = "Ingetrokken: het besluit is vervangen door een besluit van het DO."


def create_attendance(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> int:
    m = models()
    statuses = [s for s, w in ATTENDANCE_WEIGHTS for _ in range(w)]
    rows = []
    for code, body_plans in plans.items():
        user = demo.secretary_user(code)
        for plan in body_plans:
            if not plan.minutes_written:
                continue
            always = {plan.spec.chair, plan.spec.secretary}
            for key in member_keys(plan.spec):
                status = "present" if key in always else demo.rng.choice(statuses)
                row = m.Attendance(meeting=plan.meeting, person=demo.people[key], status=status)
                rows.append(stamp(row, when=plan.day, user=user))
    bulk_with_history(m.Attendance, rows)
    return len(rows)


def create_decisions(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> int:
    """Number the decisions per body and year, in the order they were taken, without gaps."""
    m = models()
    pending = []
    for code, body_plans in plans.items():
        for plan in body_plans:
            if not plan.minutes_written:
                continue
            for item in plan.items:
                if item.decision and item.status == "handled":
                    pending.append((code, plan, item))
    pending.sort(key=lambda row: (row[0], row[1].day, row[2].item.position))
    counters: dict[tuple[str, int], int] = defaultdict(int)
    rows = []
    for code, plan, item in pending:
        year = plan.day.year
        counters[(code, year)] += 1
        sequence = counters[(code, year)]
        confidential = item.confidential
        decision = m.Decision(
            body=demo.bodies[code],
            year=year,
            sequence=sequence,
            number=f"{code}-{year}-{sequence:03d}",
            meeting=plan.meeting,
            agenda_item=item.item,
            text=item.decision,
            confidentiality="confidential" if confidential else _open_level(code),
            publication_ground=(
                "Art. 5.1 lid 2 sub e Woo: eerbiediging van de persoonlijke levenssfeer"
                if confidential
                else ("" if code == "COLLEGE" else "Art. 5.2 Woo: intern beraad")
            ),
            decided_on=plan.day,
        )
        rows.append(stamp(decision, when=plan.day + timedelta(days=1), user=_user(demo, code)))
    created = bulk_with_history(m.Decision, rows)
    m.DecisionCounter.objects.bulk_create(
        [
            m.DecisionCounter(body=demo.bodies[code], year=year, last_number=last)
            for (code, year), last in sorted(counters.items())
        ]
    )
    _link_decision_documents(demo, pending, created)
    _withdraw_one(demo, created)
    return len(created)


def _open_level(code: str) -> str:
    return "public" if code == "COLLEGE" else "internal"


def _user(demo: Demo, code: str):
    return demo.secretary_user(code)


def _link_decision_documents(demo: Demo, pending, created) -> None:
    through = models().Decision.documents.through
    through.objects.bulk_create(
        [
            through(decision_id=decision.pk, document_id=demo.documents[key].pk)
            for (_code, _plan, item), decision in zip(pending, created, strict=True)
            for key in item.documents
        ]
    )


def _withdraw_one(demo: Demo, decisions) -> None:
    """One MT decision of last year was withdrawn: it keeps its number in the register."""
    last_year = demo.today.year - 1
    candidates = [d for d in decisions if d.number.startswith(f"MT-FL-{last_year}-")]
    if not candidates:
        return
    decision = candidates[len(candidates) // 2]
    decision.is_withdrawn = True
    decision.version = 2
    stamp(
        decision,
        when=decision.decided_on + timedelta(days=30),
        user=_user(demo, "MT-FL"),
        reason=WITHDRAWN_REASON,
    )
    bulk_with_history(models().Decision, [decision], update_fields=["is_withdrawn", "version"])


def create_actions(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> int:
    """Actions agreed on items, each first recorded open; later changes are history rows too."""
    m = models()
    item_type = ContentType.objects.get_for_model(m.AgendaItem)
    opened, outcomes = [], []
    for code, body_plans in plans.items():
        user = _user(demo, code)
        for plan in body_plans:
            if not plan.minutes_written:
                continue
            follow = next_after(body_plans, plan)
            for item in plan.items:
                if item.status != "handled":
                    continue
                for title, owner in item.actions:
                    if demo.rng.random() > 0.7:
                        continue
                    action = _new_action(demo, code, plan, item, title, owner, follow, item_type)
                    opened.append(stamp(action, when=plan.day + timedelta(days=1), user=user))
                    outcomes.append(_outcome(demo, action))
    _keep_one_overdue(demo, opened, outcomes, owners=("teamleider", "medewerker"))
    bulk_with_history(m.Action, opened)
    _record_progress(demo, opened, outcomes)
    return len(opened)


def _new_action(demo, code, plan, item, title, owner, follow, item_type):
    m = models()
    due_meeting = None
    if follow is not None and follow.phase != CANCELLED and demo.rng.random() < 0.3:
        due_meeting = follow.meeting
        due = follow.day
    else:
        due = demo.working_day_on_or_after(
            plan.day + timedelta(days=demo.rng.choice([14, 21, 28, 42, 56]))
        )
    return m.Action(
        title=title[:500],
        owner=demo.people[owner],
        body=demo.bodies[code],
        status="open",
        is_commitment=item.commitment,
        confidentiality="confidential" if item.confidential else _open_level(code),
        raised_on=plan.day,
        due_date=due,
        due_meeting=due_meeting,
        source_type=item_type,
        source_id=item.item.pk,
        source_label=f"{code} {demo.long_date(plan.day)}, punt {item.item.position}",
    )


def _outcome(demo: Demo, action) -> tuple[str, date | None]:
    """Where the action stands today: done, cancelled, in progress or open (maybe overdue)."""
    today, due, raised = demo.today, action.due_date, action.raised_on
    r = demo.rng.random()
    if due < today - timedelta(days=150):
        return ("done" if r < 0.93 else "cancelled"), _closed(demo, raised, due)
    if due < today - timedelta(days=7):
        if r < 0.82:
            return "done", _closed(demo, raised, due)
        if r < 0.86:
            return "cancelled", _closed(demo, raised, due)
        return ("in_progress" if r < 0.93 else "open"), None
    if due < today:
        return ("done", _closed(demo, raised, due)) if r < 0.5 else ("in_progress", None)
    if raised < today - timedelta(days=14) and r < 0.25:
        return "done", _closed(demo, raised, min(due, today - timedelta(days=1)))
    return ("in_progress" if r < 0.6 else "open"), None


def _keep_one_overdue(demo: Demo, actions, outcomes, owners) -> None:
    """Each demo account that owns actions has at least one that is late, whatever the day."""
    for key in owners:
        person = demo.people[key]
        late = [
            i
            for i, action in enumerate(actions)
            if action.owner is person and action.due_date < demo.today
        ]
        if not late or any(outcomes[i][0] in ("open", "in_progress") for i in late):
            continue
        latest = max(late, key=lambda i: actions[i].due_date)
        outcomes[latest] = ("in_progress", None)


def _closed(demo: Demo, raised: date, due: date) -> date:
    day = due + timedelta(days=demo.rng.randint(-10, 4))
    return max(raised + timedelta(days=1), min(day, demo.today - timedelta(days=1)))


def _record_progress(demo: Demo, actions, outcomes) -> None:
    m = models()
    notes, changed = [], []
    for action, (status, closed_on) in zip(actions, outcomes, strict=True):
        owner_user = action.owner.user or _user(demo, action.body.code)
        if status == "open":
            if action.due_date < demo.today and demo.rng.random() < 0.5:
                notes.append(_note(action, demo.rng.choice(NOTES_LATE), "open", action.due_date))
            continue
        middle = action.raised_on + ((closed_on or demo.today) - action.raised_on) / 2
        notes.append(_note(action, demo.rng.choice(NOTES_IN_PROGRESS), "in_progress", middle))
        if status in ("done", "cancelled"):
            text = (
                demo.rng.choice(NOTES_DONE) if status == "done" else "Vervallen: niet meer nodig."
            )
            notes.append(_note(action, text, status, closed_on))
        action.status = status
        action.closed_on = closed_on
        action.version = 2
        when = closed_on or middle
        changed.append(stamp(action, when=when, user=owner_user, reason="Voortgang bijgewerkt"))
    bulk_with_history(m.Action, changed, update_fields=["status", "closed_on", "version"])
    created = m.ProgressNote.objects.bulk_create([n for n, _day in notes], batch_size=500)
    for note, (_n, day) in zip(created, notes, strict=True):
        note.created_at = demo.moment(day, 11)
    m.ProgressNote.objects.bulk_update(created, ["created_at"], batch_size=500)
    for action in actions:
        action.created_at = demo.moment(action.raised_on, 17)
    m.Action.objects.bulk_update(actions, ["created_at"], batch_size=500)


def _note(action, text: str, status: str, day: date):
    note = models().ProgressNote(action=action, author=action.owner, text=text, status_after=status)
    return note, day
