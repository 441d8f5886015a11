"""The dashboard's plan progress counts each activity by its latest update: the one of the
period that ends last, and of two updates in periods ending the same day, the later one. On
PostgreSQL this is one DISTINCT ON query, elsewhere a subquery per activity; both must agree."""

from datetime import date

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality, OrganisationUnit
from regie.home import dashboard
from regie.planning.tests import factories as plans
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_the_latest_update_of_each_activity_counts():
    year = timezone.localdate().year
    directorate = factories.unit(name="Directie", kind=OrganisationUnit.Kind.DIRECTORATE)
    team = factories.unit(name="Team", parent=directorate)
    secretary = factories.person(name="Sanne Secretaris", role="secretary", unit=team)
    owner = factories.person(name="Otto Eigenaar", unit=team)
    plan = plans.plan(unit=team, year=year)
    q1 = plans.period(year=year, name="Q1", start=date(year, 1, 1), end=date(year, 3, 31))
    q2 = plans.period(year=year, name="Q2", start=date(year, 4, 1), end=date(year, 6, 30))
    extra = plans.period(year=year, name="Extra", start=date(year, 6, 1), end=date(year, 6, 30))
    moved = plans.activity(plan=plan, owner=owner, status="in_progress")
    # Entered in reverse order: the id does not decide, the period's end does.
    plans.update(activity=moved, period=q2, status="at_risk", percent=70)
    plans.update(activity=moved, period=q1, status="on_track", percent=10)
    tied = plans.activity(plan=plan, owner=owner, status="in_progress")
    plans.update(activity=tied, period=q2, status="on_track", percent=40)
    plans.update(activity=tied, period=extra, status="off_track", percent=50)  # same end, later
    plans.activity(plan=plan, owner=owner, status="planned")  # no update
    cancelled = plans.activity(plan=plan, owner=owner, status="cancelled")
    plans.update(activity=cancelled, period=q2, status="off_track", percent=100)
    hidden = plans.plan(
        unit=team, year=year, kind="work", confidentiality=Confidentiality.CONFIDENTIAL
    )
    plans.update(
        activity=plans.activity(plan=hidden, owner=owner), period=q2, status="at_risk", percent=5
    )
    outsider = factories.person(name="Buiten Staander", unit=factories.unit(name="Elders"))

    tree = dashboard.unit_tree()
    scope = dashboard.scope_for(secretary.user, str(directorate.pk), tree)
    progress = dashboard.scope_progress(secretary.user, scope, year=year)
    row = next(r for r in progress.plans if r.plan == plan)
    assert (row.total, row.planned, row.in_progress) == (3, 1, 2)
    assert (row.on_track, row.at_risk, row.off_track, row.no_update) == (0, 1, 1, 1)
    assert row.reported == 2 and row.average_percent == 60  # (70 + 50) / 2

    mine = dashboard.scope_for(owner.user, dashboard.MYSELF, tree)
    own = dashboard.scope_progress(owner.user, mine, year=year)
    assert own.totals is not None and own.totals.at_risk == 2  # the confidential plan is mine
    assert own.totals.reported == 3 and own.totals.total == 4

    elsewhere = dashboard.scope_for(outsider.user, str(directorate.pk), tree)
    seen = dashboard.scope_progress(outsider.user, elsewhere, year=year)
    assert [r.plan for r in seen.plans] == [plan]  # not the other unit's confidential plan
    assert seen.totals is not None and seen.totals.reported == 2
