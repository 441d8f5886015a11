"""Builders for risks and measures in tests."""

from __future__ import annotations

import itertools
from datetime import timedelta
from typing import Any

from django.utils import timezone

from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.risks.models import Measure, Risk

_seq = itertools.count(1)


def risk(*, unit: OrganisationUnit, owner: Person, **kw: Any) -> Risk:
    probability = kw.pop("probability", 3)
    impact = kw.pop("impact", 3)
    defaults: dict[str, Any] = {
        "title": f"Risico {next(_seq)}",
        "review_date": timezone.localdate() + timedelta(days=30),
        "confidentiality": Confidentiality.INTERNAL,
    }
    return Risk.objects.create(
        unit=unit,
        owner=owner,
        probability=probability,
        impact=impact,
        score=probability * impact,
        **(defaults | kw),
    )


def measure(*, risk: Risk, owner: Person, **kw: Any) -> Measure:
    defaults: dict[str, Any] = {
        "text": f"Maatregel {next(_seq)}",
        "due_date": timezone.localdate() + timedelta(days=20),
    }
    return Measure.objects.create(risk=risk, owner=owner, **(defaults | kw))
