"""The risk register's part of the project's access matrix (tests/access_matrix): the rules
that fill the parameters of the risk URLs, and the makers of the confidential risk objects.

The confidential risk is reported to the world's confidential body, so its secretary sees it
and the outsider (internal, in no body) and the external member do not. The unit's name
carries no marker: the unit filter lists every unit of the organisation.

Use: RULES += risks.RULES (before any catch-all) and LAZY |= risks.makers(MARKER).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.utils import timezone

from regie.core.models import Confidentiality
from regie.risks.tests import factories as risk_factories
from regie.testing import factories

RULES: list[tuple[str, str, str]] = [
    (r"^risks:measure_create$", "pk", "risk"),
    (r"^risks:measure_\w+$", "pk", "risk_measure"),
    (r"^risks:\w+$", "pk", "risk"),
]


def makers(marker: str) -> dict[str, Callable[[Any], Any]]:
    def risk(world):
        return risk_factories.risk(
            unit=factories.unit(name="Team Risico's"),
            owner=world.member,
            body=world.confidential,
            title=f"Risico {marker}",
            probability=4,
            impact=5,
            review_date=timezone.localdate() + timedelta(days=2),
            confidentiality=Confidentiality.CONFIDENTIAL,
        )

    def risk_measure(world):
        return risk_factories.measure(
            risk=world.confidential_object("risk"), owner=world.member, text=f"Maatregel {marker}"
        )

    return {"risk": risk, "risk_measure": risk_measure}
