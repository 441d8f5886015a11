"""Helpers shared by the hiring services."""

from __future__ import annotations

from decimal import Decimal

from regie.core.history import set_author
from regie.hiring.models import Candidate, EvaluationEvent, HiringRequest


def user_or_none(actor):
    return actor if actor is not None and getattr(actor, "is_authenticated", False) else None


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
    set_author(event, actor)
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
