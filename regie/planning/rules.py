"""Who may change plans and report progress (see regie.planning.access for who may see)."""

import rules

from regie.core.access import viewer_for
from regie.core.models import Person
from regie.planning.models import Activity, Plan

PLANNER_ROLES = (
    Person.Role.SECRETARY,
    Person.Role.TEAM_LEAD,
    Person.Role.DIRECTOR,
    Person.Role.MT_MEMBER,
)


def _role(user) -> str | None:
    viewer = viewer_for(user)
    if viewer.person_id is None:
        return None
    cache = "_regie_planning_role"
    if not hasattr(user, cache):
        setattr(
            user,
            cache,
            Person.objects.filter(pk=viewer.person_id).values_list("role", flat=True).first(),
        )
    return getattr(user, cache)


@rules.predicate
def can_manage_plans(user, plan: Plan | None = None) -> bool:
    """Secretaries (the PMO), team leads, directors and MT members draw up and change plans."""
    viewer = viewer_for(user)
    if viewer.sees_everything or viewer.is_secretary:
        return True
    return viewer.is_internal and _role(user) in PLANNER_ROLES


@rules.predicate
def can_report_progress(user, activity: Activity) -> bool:
    """The owner of the activity, or someone who manages plans (the secretary)."""
    viewer = viewer_for(user)
    if activity is None:
        return False
    if viewer.person_id is not None and activity.owner_id == viewer.person_id:
        return True
    return can_manage_plans(user, None)


rules.add_perm("planning.manage_plans", can_manage_plans)
rules.add_perm("planning.report_progress", can_report_progress)
