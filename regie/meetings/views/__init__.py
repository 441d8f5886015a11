"""Pages of bodies, meetings, the agenda builder and proposals. Thin: parse, call, render."""

from regie.meetings.views.agenda import (
    agenda_reorder,
    item_add,
    item_delete,
    item_documents,
    item_edit,
    item_hold_over,
    item_move,
    meeting_detail,
    meeting_reopen,
    meeting_transition,
)
from regie.meetings.views.bodies import (
    body_detail,
    body_edit,
    body_list,
    body_members,
    meeting_create,
    series_plan,
)
from regie.meetings.views.proposals import (
    proposal_create,
    proposal_detail,
    proposal_list,
    proposal_step_outcome,
    proposal_step_schedule,
)

__all__ = [
    "agenda_reorder",
    "body_detail",
    "body_edit",
    "body_list",
    "body_members",
    "item_add",
    "item_delete",
    "item_documents",
    "item_edit",
    "item_hold_over",
    "item_move",
    "meeting_create",
    "meeting_detail",
    "meeting_reopen",
    "meeting_transition",
    "proposal_create",
    "proposal_detail",
    "proposal_list",
    "proposal_step_outcome",
    "proposal_step_schedule",
    "series_plan",
]
