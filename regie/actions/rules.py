"""Who may change an action (see regie.actions.access for who may see one)."""

import rules

from regie.actions import access
from regie.actions.models import Action
from regie.core.access import viewer_for


@rules.predicate
def can_update_action(user, action: Action) -> bool:
    """Progress and status: the owner, and the body's secretary or chair."""
    return action is not None and access.can_update_action(user, action)


@rules.predicate
def can_edit_action(user, action: Action) -> bool:
    """What the action is and when it is due: the body's secretary or chair; the owner only
    for an action that belongs to no body (a personal action)."""
    if action is None:
        return False
    viewer = viewer_for(user)
    if viewer.can_manage_body(action.body_id):
        return True
    return action.body_id is None and viewer.person_id == action.owner_id


rules.add_perm("actions.update_action", can_update_action)
rules.add_perm("actions.edit_action", can_edit_action)
