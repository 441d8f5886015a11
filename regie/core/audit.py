"""Security events (BIO): who did what to which object, with what result, from where.

Each event is stored as an AuditEvent and written as one line on the `regie.audit` logger, so
it reaches the central log collection too.
"""

from __future__ import annotations

import logging

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from regie.core.models import AuditEvent

logger = logging.getLogger("regie.audit")

ANONYMOUS = "anoniem"


def _clean(value: object, limit: int) -> str:
    """One line, no control characters (no forged log lines), at most `limit` characters."""
    text = "".join(ch if ch.isprintable() else " " for ch in str(value))
    return text[:limit]


def actor_label(actor: object) -> str:
    if actor is None:
        return ANONYMOUS
    if getattr(actor, "is_authenticated", None) is not None:
        if not actor.is_authenticated:  # type: ignore[attr-defined]
            return ANONYMOUS
        return actor.get_username()  # type: ignore[attr-defined]
    return str(actor) or ANONYMOUS


def origin_of(request) -> str:
    """The client's address as the server saw it (the proxy sets REMOTE_ADDR)."""
    if request is None:
        return ""
    return request.META.get("REMOTE_ADDR", "") or ""


def record_event(
    *, actor: object, action: str, obj: object = "", result: str, origin: str = ""
) -> AuditEvent:
    """Store and log one security event. `actor` is a user, a name, or None (anonymous)."""
    event = AuditEvent.objects.create(
        actor=_clean(actor_label(actor), 200),
        action=_clean(action, 100),
        object_repr=_clean(obj, 300),
        result=_clean(result, 50),
        origin=_clean(origin, 100),
    )
    logger.info(
        "action=%s result=%s actor=%s object=%s origin=%s",
        event.action,
        event.result,
        event.actor,
        event.object_repr,
        event.origin,
    )
    return event


@receiver(user_logged_in, dispatch_uid="regie.audit.logged_in")
def _logged_in(sender, request, user, **kwargs) -> None:
    record_event(
        actor=user,
        action="login",
        obj=user.get_username(),
        result="success",
        origin=origin_of(request),
    )


@receiver(user_logged_out, dispatch_uid="regie.audit.logged_out")
def _logged_out(sender, request, user, **kwargs) -> None:
    record_event(
        actor=user,
        action="logout",
        obj=user.get_username() if user else "",
        result="success",
        origin=origin_of(request),
    )


@receiver(user_login_failed, dispatch_uid="regie.audit.login_failed")
def _login_failed(sender, credentials, request=None, **kwargs) -> None:
    username = credentials.get("username", "") if isinstance(credentials, dict) else ""
    record_event(
        actor=username or None,
        action="login",
        obj=username,
        result="failure",
        origin=origin_of(request),
    )
