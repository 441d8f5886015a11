"""Plans and risks on top of the API test world (regie/api/tests/conftest.py).

The secretary and the member work in Team Regie, whose year plan is confidential; the outsider
works in Team Beleid, whose plan is internal. A decision moment of the internal plan is held in
the confidential body, so the outsider sees the milestone but not its meeting.
"""

from __future__ import annotations

from dataclasses import dataclass

from regie.core.models import Confidentiality, OrganisationUnit
from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate, ReportingPeriod
from regie.planning.tests import factories as planning_factories
from regie.risks.models import Risk
from regie.risks.tests import factories as risk_factories
from regie.testing import factories

from .conftest import World


@dataclass
class PlanningWorld:
    regie: OrganisationUnit
    beleid: OrganisationUnit
    secret_plan: Plan
    open_plan: Plan
    secret_activity: Activity
    open_activity: Activity
    decision_moment: Milestone
    period: ReportingPeriod
    secret_update: ProgressUpdate
    open_update: ProgressUpdate
    secret_risk: Risk
    open_risk: Risk


def build(world: World) -> PlanningWorld:
    regie = factories.unit(name="Team Regie")
    beleid = factories.unit(name="Team Beleid")
    for person in (world.secretary, world.member):
        person.unit = regie
        person.save()
    world.outsider.unit = beleid
    world.outsider.save()
    secret_plan = planning_factories.plan(
        unit=regie, title="Jaarplan Regie", confidentiality=Confidentiality.CONFIDENTIAL
    )
    open_plan = planning_factories.plan(unit=beleid, title="Jaarplan Beleid")
    secret_goal = planning_factories.goal(plan=secret_plan, title="Geheim doel")
    secret_activity = planning_factories.activity(
        plan=secret_plan, goal=secret_goal, owner=world.member, title="Geheime reorganisatie"
    )
    open_activity = planning_factories.activity(
        plan=open_plan, owner=world.outsider, title="Nota mobiliteit"
    )
    planning_factories.milestone(plan=secret_plan, activity=secret_activity, title="Geheim")
    meeting = factories.meeting(body=world.confidential)
    decision_moment = planning_factories.milestone(
        plan=open_plan,
        activity=open_activity,
        title="Besluit nota",
        kind=Milestone.Kind.DECISION_MOMENT,
        meeting=meeting,
    )
    period = planning_factories.period(name="Q1 2027")
    secret_update = planning_factories.update(
        activity=secret_activity, period=period, text="Geheim verloop"
    )
    open_update = planning_factories.update(activity=open_activity, period=period)
    secret_risk = risk_factories.risk(
        unit=regie,
        owner=world.member,
        body=world.confidential,
        title="Geheim risico",
        probability=4,
        impact=5,
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    risk_factories.measure(risk=secret_risk, owner=world.member, text="Geheime maatregel")
    open_risk = risk_factories.risk(
        unit=beleid,
        owner=world.outsider,
        body=world.confidential,
        title="Vertraging nota",
        activity=secret_activity,
    )
    risk_factories.measure(risk=open_risk, owner=world.outsider, text="Extra capaciteit")
    return PlanningWorld(
        regie,
        beleid,
        secret_plan,
        open_plan,
        secret_activity,
        open_activity,
        decision_moment,
        period,
        secret_update,
        open_update,
        secret_risk,
        open_risk,
    )
