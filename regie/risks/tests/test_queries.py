from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.core.models import ClosingDay, Confidentiality
from regie.core.workdays import working_calendar
from regie.risks import queries
from regie.risks.models import Risk
from regie.risks.tests import factories as rf
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_top_risks_are_the_highest_open_ones_the_user_may_see(world):
    other = factories.unit()
    low = rf.risk(unit=world.unit, owner=world.lead, probability=1, impact=1)
    high = rf.risk(unit=world.unit, owner=world.lead, probability=5, impact=5)
    mid = rf.risk(unit=other, owner=world.lead, probability=3, impact=4)
    rf.risk(unit=world.unit, owner=world.lead, probability=5, impact=4, status=Risk.Status.CLOSED)
    rf.risk(
        unit=world.unit,
        owner=world.lead,
        probability=4,
        impact=5,
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    assert queries.top_risks(world.employee.user, limit=2) == [high, mid]
    assert queries.top_risks(world.employee.user, unit=world.unit) == [high, low]
    assert queries.top_risks(world.employee.user, unit=world.unit.pk, limit=1) == [high]
    assert queries.top_risks(world.outsider.user) == []
    assert len(queries.top_risks(world.lead.user)) == 4


def test_reviews_due_count_working_days_and_skip_closed_risks(world):
    friday = date(2026, 12, 18)
    # Five working days after Friday 18 December 2026: Christmas (25th, 26th) and a closing
    # day on the 24th push the deadline to Tuesday 29 December.
    ClosingDay.objects.create(date=date(2026, 12, 24), name="Brugdag")
    assert working_calendar().add(friday, 5) == date(2026, 12, 29)
    due = rf.risk(unit=world.unit, owner=world.lead, title="Net op tijd")
    Risk.objects.filter(pk=due.pk).update(review_date=date(2026, 12, 29))
    late = rf.risk(unit=world.unit, owner=world.lead, title="Te laat")
    Risk.objects.filter(pk=late.pk).update(review_date=date(2026, 12, 1))
    later = rf.risk(unit=world.unit, owner=world.lead, title="Later")
    Risk.objects.filter(pk=later.pk).update(review_date=date(2026, 12, 30))
    closed = rf.risk(unit=world.unit, owner=world.lead, status=Risk.Status.CLOSED)
    Risk.objects.filter(pk=closed.pk).update(review_date=date(2026, 12, 1))
    found = list(queries.risks_due_for_review(world.lead.user, 5, today=friday))
    assert found == [late, due]
    assert list(queries.risks_due_for_review(world.outsider.user, 5, today=friday)) == []


def test_reviews_due_default_to_today_and_five_working_days(world):
    today = timezone.localdate()
    soon = rf.risk(unit=world.unit, owner=world.lead, review_date=today)
    rf.risk(unit=world.unit, owner=world.lead, review_date=today + timedelta(days=30))
    assert list(queries.risks_due_for_review(world.lead.user)) == [soon]


def test_the_heat_map_puts_high_probability_on_top_and_bands_scores(world):
    rf.risk(unit=world.unit, owner=world.lead, probability=5, impact=1)
    grid = queries.heat_map(world.lead.user, queries.RiskFilter())
    top_left = grid.rows[0][0]
    assert (top_left.probability, top_left.impact, top_left.count) == (5, 1, 1)
    assert grid.rows[4][4].probability == 1 and grid.rows[4][4].impact == 5
    assert [queries.band_of(s)[0] for s in (1, 4, 5, 9, 10, 12, 15, 25)] == [
        "low",
        "low",
        "medium",
        "medium",
        "high",
        "high",
        "very_high",
        "very_high",
    ]
    assert grid.total == 1


def test_a_unit_includes_the_units_under_it(world):
    directorate = factories.unit(name="Directie Ruimte", kind="directorate")
    team = factories.unit(name="Team Bodem", parent=directorate)
    cluster = factories.unit(name="Cluster Grond", parent=team)
    sibling = factories.unit(name="Directie Middelen", kind="directorate")
    in_team = rf.risk(unit=team, owner=world.lead, probability=5, impact=5)
    in_cluster = rf.risk(unit=cluster, owner=world.lead, probability=2, impact=2)
    rf.risk(unit=sibling, owner=world.lead, probability=4, impact=4)
    assert sorted(queries.unit_and_below(directorate.pk)) == sorted(
        [directorate.pk, team.pk, cluster.pk]
    )
    assert queries.top_risks(world.lead.user, unit=directorate) == [in_team, in_cluster]
    flt = queries.RiskFilter(unit_id=team.pk)
    assert list(queries.register(world.lead.user, flt)) == [in_team, in_cluster]
    assert queries.heat_map(world.lead.user, flt).total == 2
