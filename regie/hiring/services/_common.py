"""Helpers shared by the hiring services."""

from __future__ import annotations

from decimal import Decimal

from regie.core.models import Person
from regie.hiring.models import Candidate, EvaluationEvent, HiringRequest


def tag(obj, actor) -> None:
    """Record the actor as the author of the change in the object's history."""
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def user_or_none(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


def person_of(actor) -> Person | None:
    if user_or_none(actor) is None:
        return None
    return Person.objects.filter(user=actor).first()


def record(
    *,
    actor,
    request: HiringRequest,
    step: str,
    text: str,
    candidate: Candidate | None = None,
) -> EvaluationEvent:
    event = EvaluationEvent(
        request=request, candidate=candidate, step=step, text=text, by=user_or_none(actor)
    )
    tag(event, actor)
    event.save()
    return event


def euro(value: Decimal | int | None) -> str:
    """€ 1.234,50 as Dutch readers write it."""
    if value is None:
        return "–"
    text = f"{Decimal(value):,.2f}"
    return "€ " + text.replace(",", "_").replace(".", ",").replace("_", ".")


def points_text(value: Decimal | int) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").replace(".", ",")
