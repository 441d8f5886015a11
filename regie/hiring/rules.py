"""Permission predicates on hiring (visibility itself is in regie.hiring.access)."""

import rules

from regie.hiring.access import can_create_request, can_manage_request, visible_requests


@rules.predicate
def can_view_request(user, hiring_request) -> bool:
    return (
        hiring_request is not None and visible_requests(user).filter(pk=hiring_request.pk).exists()
    )


@rules.predicate
def can_run_request(user, hiring_request) -> bool:
    return hiring_request is not None and can_manage_request(user, hiring_request)


@rules.predicate
def can_add_request(user) -> bool:
    return can_create_request(user)


rules.add_perm("hiring.view_hiringrequest", can_view_request)
rules.add_perm("hiring.manage_hiringrequest", can_run_request)
rules.add_perm("hiring.add_hiringrequest", can_add_request)
