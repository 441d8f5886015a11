"""Proposals through several bodies, with advice, decisions, a return and a hold-over."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from regie.home.demo.context import Demo, bulk_with_history, models, stamp
from regie.home.demo.meetings import (
    LATEST,
    NEXT,
    ItemPlan,
    MeetingPlan,
    next_after,
    past_plan_near,
    plan_of_phase,
)


@dataclass(frozen=True)
class Step:
    body: str
    outcome: str  # pending, advice, decision, held_over, returned
    days_ago: int | None = None  # a past meeting about this long ago; None: the next meeting
    note: str = ""
    latest: bool = False  # the body's most recent meeting


@dataclass(frozen=True)
class ProposalSpec:
    title: str
    summary: str
    owner: str
    steps: tuple[Step, ...]
    documents: tuple[str, ...] = ()
    confidential: bool = False
    created_days_ago: int = 90


PROPOSALS = [
    ProposalSpec(
        "Voorstel Uitvoeringsagenda Landelijk Gebied {next_year}",
        "Gezamenlijke uitvoeringsagenda van Rijk, provincies, waterschappen en gemeenten voor "
        "de gebiedsprocessen in {next_year}, met de rol van gemeenten als regisseur in de "
        "gebieden en de benodigde capaciteit.",
        "coord_landelijk",
        (
            Step("MT-FL", "advice", 70, "Positief advies; maak de rol van gemeenten explicieter."),
            Step("DO", "advice", 35, "Positief advies aan het BO, met de opmerkingen van IPO."),
            Step("BO-LG", "pending"),
        ),
        documents=("uitvoeringsagenda",),
        created_days_ago=100,
    ),
    ProposalSpec(
        "Voorstel subsidieregeling klimaatadaptatie: tweede tranche",
        "Openstelling van de tweede tranche van de subsidieregeling voor "
        "uitvoeringsondersteuning klimaatadaptatie bij gemeenten.",
        "coord_klimaat",
        (
            Step("MT-FL", "advice", 230, "Positief advies."),
            Step(
                "DO",
                "returned",
                200,
                "De financiële onderbouwing en de verdeling over de regio's ontbreken; het "
                "cluster werkt het voorstel opnieuw uit.",
            ),
        ),
        documents=("subsidie_v1",),
        created_days_ago=250,
    ),
    ProposalSpec(
        "Voorstel subsidieregeling klimaatadaptatie: tweede tranche (herzien)",
        "Herzien voorstel met een financiële onderbouwing en een verdeling van de middelen over "
        "de regio's.",
        "coord_klimaat",
        (
            Step("MT-FL", "advice", 140, "Positief advies; de onderbouwing is nu helder."),
            Step("DO", "decision", 110, "Het DO stemt in; openstelling per 1 maart."),
        ),
        documents=("subsidie_v2",),
        created_days_ago=160,
    ),
    ProposalSpec(
        "Jaarplan {next_year} team Leefomgeving",
        "Jaarplan met de doelen, activiteiten en beslismomenten van de zes clusters voor "
        "{next_year}.",
        "teamleider",
        (Step("MT-FL", "pending"), Step("DO", "pending")),
        documents=("jaarplan",),
        created_days_ago=20,
    ),
    ProposalSpec(
        "Inzet Omgevingswet-ondersteuning gemeenten {next_year}",
        "Voorstel voor de inzet van de ondersteuningsteams Omgevingswet in {next_year}.",
        "mtlid",
        (
            Step("DO", "advice", 90, "Positief advies aan de stuurgroep."),
            Step(
                "SG-OW",
                "held_over",
                latest=True,
                note="Aangehouden: de stuurgroep wacht de financiële rapportage af.",
            ),
        ),
        documents=("ow_inzet",),
        confidential=True,
        created_days_ago=110,
    ),
    ProposalSpec(
        "Collegevoorstel armoedeaanpak {next_year}",
        "Integrale aanpak van armoede en schulden voor {next_year}, met de verbreding van de "
        "minimaregelingen.",
        "hoofd_werk",
        (
            Step("MT-SAM", "advice", 20, "Positief advies aan het college."),
            Step("COLLEGE", "pending"),
        ),
        documents=("armoede",),
        created_days_ago=45,
    ),
]

OUTCOME_DECISIONS = {
    "advice": "{Subject} adviseert positief over het {title} en legt het voor aan {next}.",
    "decision": "{Subject} stemt in met het {title}.",
}


def create_proposals(demo: Demo, plans: dict[str, list[MeetingPlan]]) -> int:
    m = models()
    values = {"next_year": str(demo.today.year + 1)}
    admin = demo.users["beheer"]
    for spec in PROPOSALS:
        title = spec.title.format(**values)
        owner = demo.people[spec.owner]
        user = owner.user or demo.secretary_user(spec.steps[0].body) or admin
        proposal = m.Proposal(
            title=title,
            summary=spec.summary.format(**values),
            owner=owner,
            confidentiality="confidential" if spec.confidential else "internal",
        )
        stamp(proposal, when=demo.today - timedelta(days=spec.created_days_ago), user=user)
        proposal.save()
        m.Proposal.objects.filter(pk=proposal.pk).update(created_at=proposal._history_date)
        proposal.documents.set([demo.documents[key] for key in spec.documents])
        _steps(demo, plans, spec, proposal, user)
    return len(PROPOSALS)


def _steps(demo: Demo, plans, spec: ProposalSpec, proposal, user) -> None:
    """Write the route as created (all pending), then each step's meeting and outcome."""
    m = models()
    created_on = demo.today - timedelta(days=spec.created_days_ago)
    after = None
    waiting = False  # an earlier step is still open: later steps are not scheduled yet
    rows, changed = [], []
    for position, step in enumerate(spec.steps, start=1):
        body_plans = plans[step.body]
        plan = None if waiting else _meeting_for(demo, body_plans, step, after)
        waiting = waiting or step.outcome in ("pending", "held_over")
        row = m.ProposalStep(
            proposal=proposal, position=position, body=demo.bodies[step.body], outcome="pending"
        )
        rows.append(stamp(row, when=created_on, user=user, reason="Voorstel aangemaakt"))
        if plan is None:
            continue
        after = plan.day
        nxt = spec.steps[position].body if position < len(spec.steps) else ""
        item = _item_for(demo, spec, proposal, step, plan, nxt)
        item.proposal_step = row
        changed.append((row, step, plan, body_plans, item, nxt))
    bulk_with_history(m.ProposalStep, rows)
    updated = []
    for row, step, plan, body_plans, item, nxt in changed:
        row.meeting = plan.meeting
        reason = f"Geagendeerd voor {demo.long_date(plan.day)}"
        when = demo.due_before(plan.day, plan.spec.due_working_days + 2)
        if step.outcome != "pending":
            row.outcome, row.outcome_note, row.decided_on = step.outcome, step.note, plan.day
            reason, when = f"Uitkomst: {_outcome_label(step.outcome)}", plan.day
        if step.outcome == "held_over":
            row.meeting = None
            follow = next_after(body_plans, plan)
            if follow is not None:
                row.meeting = follow.meeting
                copy = _item_for(demo, spec, proposal, Step(step.body, "pending"), follow, nxt)
                copy.held_over_from = item
                copy.proposal_step = row
        updated.append(stamp(row, when=when, user=user, reason=reason))
    bulk_with_history(
        m.ProposalStep, updated, update_fields=["meeting", "outcome", "outcome_note", "decided_on"]
    )


def _outcome_label(outcome: str) -> str:
    return str(models().ProposalStep.Outcome(outcome).label)


def _meeting_for(demo: Demo, body_plans, step: Step, after) -> MeetingPlan | None:
    if step.latest:
        return plan_of_phase(body_plans, LATEST)
    if step.days_ago is None:
        nxt = plan_of_phase(body_plans, NEXT)
        if nxt is None or (after is not None and nxt.day <= after):
            return None
        return nxt
    return past_plan_near(body_plans, demo.today - timedelta(days=step.days_ago), after=after)


def _item_for(demo: Demo, spec, proposal, step: Step, plan: MeetingPlan, nxt: str) -> ItemPlan:
    subject = plan.spec.subject
    values = {
        "Subject": subject[0].upper() + subject[1:],
        "title": proposal.title[0].lower() + proposal.title[1:],
        "next": demo.bodies[nxt].name if nxt else "",
    }
    item = ItemPlan(
        title=proposal.title,
        purpose="decision",
        presenter=spec.owner,
        confidential=spec.confidential,
        duration=30,
        description=proposal.summary,
        documents=list(spec.documents),
    )
    if plan.minutes_written and step.outcome in OUTCOME_DECISIONS:
        item.decision = OUTCOME_DECISIONS[step.outcome].format(**values)
        item.status = "handled"
        item.discussion = f"{demo.people[spec.owner].name} licht het voorstel toe. {step.note}"
    elif plan.minutes_written and step.outcome == "returned":
        item.status = "handled"
        item.discussion = f"{demo.people[spec.owner].name} licht het voorstel toe. {step.note}"
    elif step.outcome == "held_over":
        item.status = "held_over"
        item.discussion = step.note
    plan.add(item)
    return item
