"""Who may see and run a hiring procedure.

Requests are visible to internal staff; a confidential request only to its secretary and
team lead; external members never. The secretary and the team lead of a request (and the
functional administrators) run its procedure. Internal secretaries, team leads, directors and
MT members may start a new request.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from regie.core.access import viewer_for
from regie.core.models import Confidentiality, Person
from regie.hiring.models import Candidate, Contract, HiringRequest

CREATOR_ROLES = {
    Person.Role.SECRETARY,
    Person.Role.TEAM_LEAD,
    Person.Role.DIRECTOR,
    Person.Role.MT_MEMBER,
}


def visible_requests(user) -> QuerySet[HiringRequest]:
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return HiringRequest.objects.all()
    if not viewer.is_internal or viewer.person_id is None:
        return HiringRequest.objects.none()
    own = Q(secretary_id=viewer.person_id) | Q(team_lead_id=viewer.person_id)
    return HiringRequest.objects.filter(~Q(confidentiality=Confidentiality.CONFIDENTIAL) | own)


def can_manage_request(user, hiring_request: HiringRequest) -> bool:
    viewer = viewer_for(user)
    return viewer.sees_everything or (
        viewer.person_id is not None
        and viewer.person_id in (hiring_request.secretary_id, hiring_request.team_lead_id)
    )


def can_create_request(user) -> bool:
    viewer = viewer_for(user)
    if viewer.sees_everything:
        return True
    if not viewer.is_internal or viewer.person_id is None:
        return False
    return Person.objects.filter(pk=viewer.person_id, role__in=CREATOR_ROLES).exists()


def get_request_for_user(user, pk: int, *, manage: bool = False) -> HiringRequest:
    """The request, or 404 when the user may not see it; 403 when they may not run it."""
    hiring_request = get_object_or_404(
        visible_requests(user).select_related("secretary", "team_lead", "unit"), pk=pk
    )
    if manage and not can_manage_request(user, hiring_request):
        raise PermissionDenied
    return hiring_request


def get_candidate_for_user(user, pk: int, *, manage: bool = False) -> Candidate:
    candidate = get_object_or_404(
        Candidate.objects.filter(request__in=visible_requests(user)).select_related(
            "request", "request__secretary", "request__team_lead", "supplier", "selection_round"
        ),
        pk=pk,
    )
    if manage and not can_manage_request(user, candidate.request):
        raise PermissionDenied
    return candidate


def visible_contracts(user) -> QuerySet[Contract]:
    return Contract.objects.filter(request__in=visible_requests(user))


def get_contract_for_user(user, pk: int, *, manage: bool = False) -> Contract:
    contract = get_object_or_404(
        visible_contracts(user).select_related(
            "request", "request__secretary", "request__team_lead", "supplier", "candidate"
        ),
        pk=pk,
    )
    if manage and not can_manage_request(user, contract.request):
        raise PermissionDenied
    return contract
