"""Who made a change and why, for the history rows django-simple-history writes on save."""

from __future__ import annotations

from typing import Any


def set_author(obj: Any, actor: Any, reason: str | None = None) -> None:
    """The logged-in actor becomes the author of the next history row of `obj` (and why)."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor
    if reason:
        obj._change_reason = reason


def set_reason(obj: Any, reason: str) -> None:
    """The next history row of `obj` says why the change was made."""
    obj._change_reason = reason
