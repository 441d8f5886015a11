"""What a user may see of actions: the level rules, and always the actions they own."""

from django.db.models import Q, QuerySet

from regie.actions.models import Action
from regie.core.access import level_q, viewer_for


def visible_actions(user) -> QuerySet[Action]:
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return Action.objects.all()
    own = Q(owner_id=viewer.person_id) if viewer.person_id else Q(pk__in=[])
    body_level = Q(body__isnull=True) | level_q(viewer, "body__confidentiality", "body_id")
    return Action.objects.filter(own | (body_level & level_q(viewer, "confidentiality", "body_id")))


def can_update_action(user, action: Action) -> bool:
    """The owner updates progress; the body's secretary or chair manages every action."""
    viewer = viewer_for(user)
    return (
        viewer.sees_everything
        or (viewer.person_id is not None and action.owner_id == viewer.person_id)
        or viewer.can_manage_body(action.body_id)
    )
