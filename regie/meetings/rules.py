"""Permission predicates on meetings, agenda items and proposals (visibility: meetings.access)."""

import rules

from regie.core.access import viewer_for
from regie.meetings.lifecycle import AGENDA_EDITABLE


@rules.predicate
def can_view_meeting(user, meeting) -> bool:
    body = meeting.body if meeting is not None else None
    return body is not None and viewer_for(user).can_see_level(body.confidentiality, body.pk)


@rules.predicate
def can_manage_meeting(user, meeting) -> bool:
    """The chair or secretary of the meeting's body (or a functional administrator)."""
    return meeting is not None and viewer_for(user).can_manage_body(meeting.body_id)


@rules.predicate
def can_edit_agenda(user, meeting) -> bool:
    return meeting is not None and meeting.status in AGENDA_EDITABLE


@rules.predicate
def can_view_agenda_item(user, item) -> bool:
    if item is None:
        return False
    viewer = viewer_for(user)
    body = item.meeting.body
    return viewer.can_see_level(body.confidentiality, body.pk) and viewer.can_see_level(
        item.confidentiality, body.pk
    )


@rules.predicate
def can_manage_proposal_step(user, step) -> bool:
    return step is not None and viewer_for(user).can_manage_body(step.body_id)


rules.add_perm("meetings.view_meeting", can_view_meeting)
rules.add_perm("meetings.manage_meeting", can_manage_meeting)
rules.add_perm("meetings.edit_agenda", can_manage_meeting & can_edit_agenda)
rules.add_perm("meetings.view_agendaitem", can_view_agenda_item)
rules.add_perm("meetings.manage_proposalstep", can_manage_proposal_step)
