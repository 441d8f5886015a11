"""Who may change risks and measures (see regie.risks.access for who may see them)."""

from __future__ import annotations

import rules

from regie.core.access import viewer_for
from regie.risks.models import Measure, Risk


@rules.predicate
def can_create_risk(user) -> bool:
    """Internal staff record risks; external members of a body only read them."""
    viewer = viewer_for(user)
    return viewer.sees_everything or (viewer.person_id is not None and viewer.is_internal)


@rules.predicate
def can_edit_risk(user, risk: Risk) -> bool:
    """The risk owner, whoever recorded it, the secretariat, and the secretary or chair of
    the body it is reported to."""
    if risk is None:
        return False
    viewer = viewer_for(user)
    if viewer.sees_everything or viewer.can_manage_body(risk.body_id):
        return True
    if viewer.person_id is None or not viewer.is_internal:
        return False
    return viewer.is_secretary or viewer.person_id in (risk.owner_id, risk.created_by_id)


@rules.predicate
def can_update_measure(user, measure: Measure) -> bool:
    """Whoever may edit the risk, and the measure's own owner."""
    if measure is None:
        return False
    viewer = viewer_for(user)
    if viewer.person_id is not None and viewer.person_id == measure.owner_id:
        return True
    return can_edit_risk(user, measure.risk)


rules.add_perm("risks.add_risk", can_create_risk)
rules.add_perm("risks.edit_risk", can_edit_risk)
rules.add_perm("risks.update_measure", can_update_measure)
