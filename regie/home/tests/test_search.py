from datetime import timedelta

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality
from regie.home.queries import SEARCH_LIMIT, search_titles
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_meetings_are_found_by_title_or_by_their_body_s_name_and_only_when_visible():
    secretary = factories.person(role="secretary", username="sanne")
    outsider = factories.person(role="employee", username="otto")
    water = factories.body(secretary=secretary, name="Stuurgroep Waterveiligheid")
    closed = factories.body(
        secretary=secretary, name="Geheim Overleg", confidentiality=Confidentiality.CONFIDENTIAL
    )
    by_body = factories.meeting(body=water, title="Tweede sessie")
    by_title = factories.meeting(body=closed, title="Waterveiligheid en dijken")
    other = factories.meeting(body=closed, title="Begroting")
    found = search_titles(secretary.user, "WATERVEILIG")
    assert {m.pk for m in found.meetings} == {by_body.pk, by_title.pk}
    assert other.pk not in {m.pk for m in found.meetings}
    assert [m.pk for m in search_titles(outsider.user, "waterveilig").meetings] == [by_body.pk]
    assert search_titles(secretary.user, "nergens").meetings == []


def test_each_section_is_bounded_and_lists_the_newest_first():
    secretary = factories.person(role="secretary", username="sanne")
    body = factories.body(secretary=secretary)
    today = timezone.localdate()
    for i in range(SEARCH_LIMIT + 5):
        factories.action(
            owner=secretary,
            body=body,
            title=f"Omgevingswet punt {i}",
            raised_on=today - timedelta(i),
        )
    found = search_titles(secretary.user, "omgevingswet")
    assert len(found.actions) == SEARCH_LIMIT
    assert found.actions[0].title == "Omgevingswet punt 0"
    assert [a.raised_on for a in found.actions] == sorted(
        (a.raised_on for a in found.actions), reverse=True
    )
