"""Permission predicates on the organisation (see regie.core.access for visibility)."""

import rules

from regie.core.access import viewer_for


@rules.predicate
def can_view_body(user, body) -> bool:
    return body is not None and viewer_for(user).can_see_level(body.confidentiality, body.pk)


@rules.predicate
def can_manage_body(user, body) -> bool:
    """Chair, secretary (by field or membership role) and functional administrators."""
    return body is not None and viewer_for(user).can_manage_body(body.pk)


rules.add_perm("core.view_body", can_view_body)
rules.add_perm("core.manage_body", can_manage_body)
