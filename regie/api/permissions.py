"""Who may call the API: authentication decides, never the login page redirect."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from regie.actions.access import can_update_action
from regie.core.access import viewer_for


class NoLoginRedirect:
    """Let DRF's authentication answer (401/403 JSON) instead of LoginRequiredMiddleware."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))  # type: ignore[misc]


class MayUpdateAction(BasePermission):
    """The owner updates the status of an action; the body's secretary or chair any action."""

    message = _("U mag de status van deze actie niet wijzigen.")

    def has_object_permission(self, request, view, obj) -> bool:
        return can_update_action(request.user, obj)


def may_create_action(user, body) -> bool:
    """On a body's list: who manages the body; without a body: any internal user."""
    viewer = viewer_for(user)
    if body is None:
        return viewer.sees_everything or (viewer.person_id is not None and viewer.is_internal)
    return viewer.can_manage_body(body.pk)
