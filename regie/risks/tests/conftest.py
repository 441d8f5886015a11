from dataclasses import dataclass

import pytest

from regie.core.models import Body, OrganisationUnit, Person
from regie.testing import factories


@dataclass
class RiskWorld:
    """A team with its lead, a secretary, an employee, a steering group with an external
    member, and an outsider who is external and in no body."""

    unit: OrganisationUnit
    lead: Person
    secretary: Person
    employee: Person
    steering: Body
    external: Person
    outsider: Person


@pytest.fixture
def world(db) -> RiskWorld:
    unit = factories.unit(name="Team Water")
    lead = factories.person(role=Person.Role.TEAM_LEAD, unit=unit, name="Lies Leiding")
    secretary = factories.person(role=Person.Role.SECRETARY, unit=unit, name="Sam Secretaris")
    employee = factories.person(unit=unit, name="Eva Medewerker")
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER, name="Xander Extern")
    outsider = factories.person(role=Person.Role.EXTERNAL_MEMBER, name="Olga Buiten")
    steering = factories.body(
        kind=Body.Kind.STEERING_GROUP, secretary=secretary, members=[lead, external]
    )
    return RiskWorld(unit, lead, secretary, employee, steering, external, outsider)
