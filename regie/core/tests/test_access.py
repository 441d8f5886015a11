import pytest

from regie.core.access import viewer_for
from regie.core.models import Confidentiality
from regie.meetings.access import visible_meetings
from regie.testing import factories

pytestmark = pytest.mark.django_db


def _bodies():
    secretary = factories.person(role="secretary")
    member = factories.person()
    outsider = factories.person()
    external = factories.person(role="external_member")
    bodies = {
        level: factories.body(confidentiality=level, secretary=secretary, members=[member])
        for level in Confidentiality.values
    }
    return secretary, member, outsider, external, bodies


def test_levels_are_visible_by_membership_and_staff():
    secretary, member, outsider, external, bodies = _bodies()
    for level, body in bodies.items():
        factories.meeting(body=body, title=level)

    def titles(person):
        return set(visible_meetings(person.user).values_list("title", flat=True))

    assert titles(secretary) == {"public", "internal", "confidential"}
    assert titles(member) == {"public", "internal", "confidential"}
    assert titles(outsider) == {"public", "internal"}
    assert titles(external) == {"public"}


def test_only_the_secretary_manages_the_body():
    secretary, member, _outsider, _external, bodies = _bodies()
    body = bodies["internal"]
    assert viewer_for(secretary.user).can_manage_body(body.pk)
    assert not viewer_for(member.user).can_manage_body(body.pk)
