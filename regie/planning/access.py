"""What a user may see of plans: the level rules; a confidential plan only for its own unit."""

from django.db.models import Q, QuerySet

from regie.core.access import viewer_for
from regie.core.models import Confidentiality, Person
from regie.planning.models import Activity, Milestone, Plan, ReportingPeriod


def plan_level_q(user, prefix: str = "") -> Q:
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return Q()
    allowed = Q(**{f"{prefix}confidentiality": Confidentiality.PUBLIC})
    if viewer.is_internal:
        allowed |= Q(**{f"{prefix}confidentiality": Confidentiality.INTERNAL})
        if viewer.person_id is not None:
            own_unit = Person.objects.filter(pk=viewer.person_id).values("unit_id")
            allowed |= Q(
                **{
                    f"{prefix}confidentiality": Confidentiality.CONFIDENTIAL,
                    f"{prefix}unit_id__in": own_unit,
                }
            )
    return allowed


def visible_plans(user) -> QuerySet[Plan]:
    return Plan.objects.filter(plan_level_q(user))


def visible_activities(user) -> QuerySet[Activity]:
    return Activity.objects.filter(plan_level_q(user, "plan__"))


def visible_milestones(user) -> QuerySet[Milestone]:
    return Milestone.objects.filter(plan_level_q(user, "plan__"))


def visible_periods(user) -> QuerySet[ReportingPeriod]:
    """A period of every plan of a year is seen by all; a plan's own period with its plan."""
    return ReportingPeriod.objects.filter(
        Q(plan__isnull=True) | Q(plan__in=visible_plans(user).values("pk"))
    )
