"""API tokens: one per user, issued by an administrator or on the command line."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _
from rest_framework.authtoken.models import Token

from regie.core.audit import record_event
from regie.core.errors import DomainError


@transaction.atomic
def api_token_issue(*, actor: object, username: str, renew: bool = False, origin: str = "") -> str:
    """The user's API token (created when missing; replaced when `renew`)."""
    user = get_user_model().objects.filter(username=username, is_active=True).first()
    if user is None:
        raise DomainError(_("Onbekende of inactieve gebruiker: %(u)s.") % {"u": username})
    if renew:
        Token.objects.filter(user=user).delete()
    token, created = Token.objects.get_or_create(user=user)
    record_event(
        actor=actor,
        action="api_token_renew" if renew else "api_token_issue",
        obj=username,
        result="created" if created else "existing",
        origin=origin,
    )
    return token.key
