"""What a user may see of meetings, agenda items, decisions and proposals."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from regie.core.access import level_q, viewer_for
from regie.meetings.models import AgendaItem, Decision, Meeting, Proposal


def visible_meetings(user) -> QuerySet[Meeting]:
    viewer = viewer_for(user)
    return Meeting.objects.filter(level_q(viewer, "body__confidentiality", "body_id"))


def visible_agenda_items(user) -> QuerySet[AgendaItem]:
    viewer = viewer_for(user)
    return AgendaItem.objects.filter(
        level_q(viewer, "meeting__body__confidentiality", "meeting__body_id"),
        level_q(viewer, "confidentiality", "meeting__body_id"),
    )


def visible_decisions(user) -> QuerySet[Decision]:
    viewer = viewer_for(user)
    return Decision.objects.filter(
        level_q(viewer, "body__confidentiality", "body_id"),
        level_q(viewer, "confidentiality", "body_id"),
    )


def visible_proposals(user) -> QuerySet[Proposal]:
    """A confidential proposal is seen by members of a body on its route."""
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return Proposal.objects.all()
    ids = Proposal.objects.filter(level_q(viewer, "confidentiality", "steps__body_id")).values("id")
    return Proposal.objects.filter(id__in=ids)


def get_meeting_for_user(user, pk: int, *, manage: bool = False) -> Meeting:
    """The meeting when the user may see it (and manage it, when asked), else 404."""
    meeting = get_object_or_404(visible_meetings(user).select_related("body"), pk=pk)
    if manage and not viewer_for(user).can_manage_body(meeting.body_id):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return meeting
