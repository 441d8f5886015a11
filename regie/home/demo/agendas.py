"""The agendas: standing items, topics from the catalogue, held-over items and what the minutes
say about each (discussion, decision, actions)."""

from __future__ import annotations

from datetime import date, timedelta

from regie.home.demo.bodies import CLOSING_ITEM, DEFAULT_AGENDA
from regie.home.demo.catalogue import CATALOGUE, CLOSINGS, CLUSTERS, OPENINGS, REMARKS, Topic
from regie.home.demo.context import Demo, models, stamp
from regie.home.demo.meetings import (
    CANCELLED,
    FUTURE,
    LATEST,
    NEXT,
    PAST,
    ItemPlan,
    MeetingPlan,
)

HOLD_OVER_CHANCE = 0.08
# Bodies whose most recent meeting held its first topic over to the next one.
HOLD_OVER_LATEST = {"MT-FL", "MT-SAM"}


def fill(template: str, values: dict[str, str]) -> str:
    return template.format(**values)


def template_values(demo: Demo, plan: MeetingPlan) -> dict[str, str]:
    day = plan.day
    quarter = (day.month - 1) // 3
    qyear = day.year if quarter else day.year - 1
    subject = plan.spec.subject
    return {
        "year": str(day.year),
        "next_year": str(day.year + 1),
        "q": str(quarter or 4),
        "qyear": str(qyear),
        "month": demo.long_date(day).split(" ", 1)[1].rsplit(" ", 1)[0],
        "cluster": demo.rng.choice(CLUSTERS),
        "subject": subject,
        "Subject": subject[0].upper() + subject[1:],
    }


class TopicPicker:
    """Deals the topics of a body in a shuffled round, skipping those out of season."""

    def __init__(self, demo: Demo, topics: list[Topic]):
        self.rng = demo.rng
        self.topics = topics
        self.deck: list[Topic] = []

    def take(self, count: int, month: int) -> list[Topic]:
        chosen: list[Topic] = []
        attempts = 0
        while len(chosen) < count and attempts < 4 * len(self.topics):
            attempts += 1
            if not self.deck:
                self.deck = list(self.topics)
                self.rng.shuffle(self.deck)
            topic = self.deck.pop()
            if topic.months and month not in topic.months:
                continue
            if topic in chosen:
                continue
            chosen.append(topic)
        return chosen


def plan_agendas(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> None:
    for code, body_plans in plans.items():
        picker = TopicPicker(demo, CATALOGUE[code])
        previous_held: MeetingPlan | None = None
        for plan in body_plans:
            if plan.phase == CANCELLED:
                continue
            _standing_items(demo, plan, previous_held)
            if plan.phase in (PAST, LATEST, NEXT):
                low, high = plan.spec.items
                count = demo.rng.randint(low, high)
                if plan.phase == NEXT:
                    count = max(1, count - 2)  # stukken and proposals fill the rest
                for topic in picker.take(count, plan.day.month):
                    plan.add(topic_item(demo, plan, topic))
            if plan.phase in (PAST, LATEST):
                previous_held = plan


def _standing_items(demo: Demo, plan: MeetingPlan, previous: MeetingPlan | None) -> None:
    for title in DEFAULT_AGENDA:
        plan.items.append(ItemPlan(title=title, purpose="discussion", standing=True))
    if plan.phase in (FUTURE, NEXT):
        return
    for item in plan.items:
        lines = OPENINGS[item.title]
        text = demo.rng.choice(lines)
        if item.title == "Verslag vorige vergadering":
            text = (
                text.format(previous=demo.long_date(previous.day))
                if previous is not None
                else "Er is geen verslag vast te stellen; dit is de eerste vergadering."
            )
        item.discussion = text


def topic_item(demo: Demo, plan: MeetingPlan, topic: Topic) -> ItemPlan:
    values = template_values(demo, plan)
    return ItemPlan(
        title=fill(topic.title, values),
        purpose=topic.purpose,
        presenter=topic.presenter,
        confidential=topic.confidential,
        duration=demo.rng.choice([15, 20, 20, 30]),
        description=fill(topic.description, values),
        decision=fill(topic.decision, values) if topic.decision else "",
        actions=[(fill(title, values), owner) for title, owner in topic.actions],
        commitment=topic.commitment,
    )


def write_minutes_text(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> None:
    """Discussion and status per item, and items held over to the next meeting."""
    for body_plans in plans.values():
        for index, plan in enumerate(body_plans):
            if not plan.minutes_written:
                continue
            substantive = [i for i in plan.items if not i.standing]
            for position, item in enumerate(substantive):
                unfinished = plan.phase == LATEST and position == len(substantive) - 1
                if item.status == "held_over" or item.discussion or unfinished:
                    continue
                forced = plan.phase == LATEST and position == 0
                forced = forced and plan.spec.code in HOLD_OVER_LATEST
                chance = plan.phase == PAST and demo.rng.random() < HOLD_OVER_CHANCE
                if (forced or chance) and item.proposal_step is None:
                    _hold_over(demo, item, body_plans[index + 1 :])
                    continue
                item.discussion = discussion_for(demo, plan, item)
                item.status = "handled"
            for item in plan.items:
                if item.standing and item.discussion:
                    item.status = "handled"


def _hold_over(demo: Demo, item: ItemPlan, later: list[MeetingPlan]) -> None:
    target = next((p for p in later if p.phase != CANCELLED), None)
    if target is None:
        return
    item.status = "held_over"
    item.discussion = "Het punt wordt aangehouden tot de volgende vergadering; de stukken waren "
    item.discussion += "niet tijdig beschikbaar."
    copy = ItemPlan(
        title=item.title,
        purpose=item.purpose,
        presenter=item.presenter,
        confidential=item.confidential,
        duration=item.duration,
        description=item.description,
        decision=item.decision,
        actions=list(item.actions),
        commitment=item.commitment,
        documents=list(item.documents),
        held_over_from=item,
    )
    target.add(copy)


def discussion_for(demo: Demo, plan: MeetingPlan, item: ItemPlan) -> str:
    values = template_values(demo, plan)
    presenter = demo.people.get(item.presenter) if item.presenter else None
    opening = f"{presenter.name} licht het punt toe." if presenter else "Het punt wordt toegelicht."
    remarks = demo.rng.sample(REMARKS, 2 if item.purpose != "information" else 1)
    closing = fill(demo.rng.choice(CLOSINGS[item.purpose]), values)
    return " ".join([opening, *remarks, closing])


def create_items(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> int:
    """Write every agenda item with one history row, then link held-over items and stukken."""
    m = models()
    rows, planned = [], []
    for code, body_plans in plans.items():
        user = demo.secretary_user(code)
        for plan in body_plans:
            fit_durations(plan)
            for position, item in enumerate(plan.items, start=1):
                item.item = m.AgendaItem(
                    meeting=plan.meeting,
                    position=position,
                    title=item.title[:300],
                    description=item.description,
                    purpose=item.purpose,
                    presenter=demo.people.get(item.presenter) if item.presenter else None,
                    duration_minutes=item.duration,
                    confidentiality="confidential" if item.confidential else "internal",
                    is_standing=item.standing,
                    proposal_step=item.proposal_step,
                    status=item.status,
                    discussion=item.discussion,
                )
                stamp(item.item, when=_agenda_day(demo, plan), user=user)
                rows.append(item.item)
                planned.append(item)
    m.AgendaItem.objects.bulk_create(rows, batch_size=500)
    for item in planned:
        if item.held_over_from is not None:
            item.item.held_over_from_id = item.held_over_from.item.pk
    held = [i.item for i in planned if i.held_over_from is not None]
    m.AgendaItem.objects.bulk_update(held, ["held_over_from"], batch_size=500)
    m.AgendaItem.history.bulk_history_create(rows, batch_size=500)
    through = m.AgendaItem.documents.through
    through.objects.bulk_create(
        [
            through(agendaitem_id=item.item.pk, document_id=demo.documents[key].pk)
            for item in planned
            for key in item.documents
        ]
    )
    return len(rows)


def fit_durations(plan: MeetingPlan) -> None:
    """Shorten the substantive items so that the agenda fits in the meeting."""
    substantive = [i for i in plan.items if not i.standing]
    standing = sum(i.duration for i in plan.items if i.standing)
    room = plan.spec.duration - standing
    if substantive and sum(i.duration for i in substantive) > room:
        share = max(5, room // len(substantive) // 5 * 5)
        for item in substantive:
            item.duration = min(item.duration, share)


def _agenda_day(demo: Demo, plan: MeetingPlan) -> date:
    day = demo.due_before(plan.day, plan.spec.due_working_days + 2)
    return min(day, demo.today - timedelta(days=1)) if plan.phase == NEXT else day


def closing_item(plan: MeetingPlan) -> ItemPlan | None:
    return next((i for i in plan.items if i.standing and i.title == CLOSING_ITEM), None)
