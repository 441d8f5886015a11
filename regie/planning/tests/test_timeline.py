import re
from datetime import date

import pytest

from regie.planning import timeline
from regie.planning.models import Activity, Milestone
from regie.planning.tests import factories as pf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pf.plan_world()


def test_geometry_follows_the_dates(world):
    first = pf.activity(
        plan=world.plan, owner=world.owner, start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    pf.activity(plan=world.plan, owner=world.owner, start=date(2027, 7, 2), end=date(2027, 7, 2))
    pf.milestone(plan=world.plan, activity=first, date=date(2027, 7, 2), title="Halverwege")
    pf.milestone(plan=world.plan, date=date(2027, 1, 1), kind="decision_moment", title="Start")
    result = timeline.build(world.plan, today=date(2027, 3, 1))
    full, short = result.bars
    assert full.x == timeline.LABEL_WIDTH and full.width == pytest.approx(timeline.CHART_WIDTH)
    assert short.x == pytest.approx(timeline.LABEL_WIDTH + 182 * timeline.CHART_WIDTH / 365, 0.1)
    assert short.y > full.y and short.width >= 2
    half, start = sorted(result.markers, key=lambda m: m.title)
    assert half.y == full.y + timeline.BAR_HEIGHT / 2 and half.x == short.x
    assert start.y == result.loose_row_y and start.x == timeline.LABEL_WIDTH
    assert len(result.ticks) == 12 and result.ticks[0].label == "jan 2027"
    assert result.today_x is not None


def test_activities_outside_the_year_widen_the_range(world):
    pf.activity(plan=world.plan, owner=world.owner, start=date(2026, 11, 1), end=date(2028, 2, 1))
    result = timeline.build(world.plan)
    assert result.first == date(2026, 11, 1) and result.last == date(2028, 2, 1)
    assert result.today_x is None or result.first <= date.today()


def test_the_page_draws_svg_and_a_table_in_bounded_queries(
    client, world, django_assert_max_num_queries
):
    plan = world.plan
    activities = Activity.objects.bulk_create(
        Activity(
            plan=plan,
            owner=world.owner,
            unit=world.unit,
            title=f"Activiteit {n}",
            start=date(2027, 1 + n % 12, 1),
            end=date(2027, 1 + n % 12, 20),
            status="in_progress" if n % 3 else "planned",
        )
        for n in range(2000)
    )
    Milestone.objects.bulk_create(
        Milestone(
            plan=plan,
            activity=activities[n] if n % 2 else None,
            title=f"Mijlpaal {n}",
            date=date(2027, 1 + n % 12, 10),
            kind="decision_moment" if n % 5 == 0 else "milestone",
        )
        for n in range(1000)
    )
    client.force_login(world.colleague.user)
    with django_assert_max_num_queries(20):
        response = client.get(f"/planning/plan/{plan.pk}/tijdlijn/")
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<rect class="bar') == 2000
    assert html.count("<polygon") == 200 and html.count("<circle") == 800
    assert "<table" in html and "Activiteit 1999" in html and "10 januari 2027" in html
    assert 'role="img"' in html
    # SVG numbers with a decimal point: a Dutch comma ("240,0") would put every bar at 0.
    assert not re.search(r'\s(?:x|y|width|cx|cy)="-?\d+,\d', html)


def test_the_timeline_is_not_found_for_outsiders(client, world):
    client.force_login(world.external.user)
    assert client.get(f"/planning/plan/{world.plan.pk}/tijdlijn/").status_code == 404
