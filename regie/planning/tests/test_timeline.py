import re
from datetime import date

import pytest
from django.utils.formats import date_format
from django.utils.html import escape

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
    """A programme of 3,000 activities and 300 milestones: every one drawn and in the table."""
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
        for n in range(3000)
    )
    Milestone.objects.bulk_create(
        Milestone(
            plan=plan,
            activity=activities[n] if n % 2 else None,
            title=f"Mijlpaal {n}",
            date=date(2027, 1 + n % 12, 10),
            kind="decision_moment" if n % 5 == 0 else "milestone",
        )
        for n in range(300)
    )
    client.force_login(world.colleague.user)
    with django_assert_max_num_queries(20):
        response = client.get(f"/planning/plan/{plan.pk}/tijdlijn/")
    assert response.status_code == 200
    html = response.content.decode()
    svg = html[html.index("<svg") : html.index("</svg>")]
    assert svg.count('<rect class="bar') == 3000
    assert svg.count('<rect class="bar bar--in_progress"') == 2000
    assert svg.count("<polygon") == 60 and svg.count("<circle") == 240
    assert svg.count("<title>") == 3300
    assert "<title>Activiteit 7: 1 augustus 2027 – 20 augustus 2027 (in uitvoering)</title>" in svg
    assert "<title>beslismoment: Mijlpaal 0, 10 januari 2027</title>" in svg
    # the table alternative: a header row and a row per activity, the same for the milestones
    assert html.count('<tr class="utrecht-table__row">') == 1 + 3000 + 1 + 300
    assert "<table" in html and "Activiteit 2999" in html and "10 januari 2027" in html
    assert '<td class="utrecht-table__cell">Activiteit 1</td>' in html
    assert 'role="img"' in html and 'aria-labelledby="timeline-caption"' in html
    assert "Tijdlijn met 3000 activiteiten en 300 mijlpalen" in html
    # SVG numbers with a decimal point: a Dutch comma ("240,0") would put every bar at 0.
    assert not re.search(r'\s(?:x|y|width|cx|cy|x1|x2)="-?\d+,\d', html)
    assert re.search(r'<rect class="bar[^"]*" x="\d+\.\d" y="\d+\.\d" width="\d+\.\d"', svg)


def test_texts_are_escaped_in_the_drawing_and_the_tables(client, world):
    title = "Plan <script>alert(\"x\")</script> & 'co'"
    activity = pf.activity(
        plan=world.plan,
        owner=world.owner,
        title=title,
        start=date(2027, 3, 1),
        end=date(2027, 3, 31),
    )
    pf.milestone(plan=world.plan, activity=activity, date=date(2027, 3, 15), title="<b>Go</b>")
    client.force_login(world.colleague.user)
    html = client.get(f"/planning/plan/{world.plan.pk}/tijdlijn/").content.decode()
    assert "<script>alert" not in html and "<b>Go" not in html
    escaped = "Plan &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;co&#x27;"
    # the SVG title, the table row of the activity and the milestone's activity column
    assert html.count(escaped) == 3
    assert html.count("&lt;b&gt;Go&lt;/b&gt;") == 2
    assert "1 maart 2027 – 31 maart 2027" in html


def test_empty_plan_says_so(client, world):
    client.force_login(world.colleague.user)
    html = client.get(f"/planning/plan/{world.plan.pk}/tijdlijn/").content.decode()
    assert "Nog geen activiteiten." in html and "Geen mijlpalen." in html
    assert "<rect" not in html and '<svg class="regie-timeline"' in html


def test_dates_are_written_as_the_date_filter_does():
    for month in range(1, 13):
        day = date(2027, month, month + 3)
        assert timeline.long_date(day) == date_format(day, "j F Y")
    assert timeline.long_date(date(2026, 11, 23)) == "23 november 2026"


def test_escaping_many_texts_at_once_is_escaping_each():
    texts = ["a & b", "<i>", "", "quote \" '", "plain", "nul \x00 teken", "–"]
    assert timeline._escaped(texts) == [escape(text) for text in texts]
    assert timeline._escaped(texts[:5]) == [escape(text) for text in texts[:5]]
    assert timeline._escaped([]) == []


def test_layout_of_model_instances_equals_the_page_geometry(world):
    first = pf.activity(
        plan=world.plan, owner=world.owner, start=date(2027, 2, 1), end=date(2027, 4, 30)
    )
    pf.activity(plan=world.plan, owner=world.owner, start=date(2027, 1, 5), end=date(2027, 1, 5))
    pf.milestone(plan=world.plan, activity=first, date=date(2027, 3, 1))
    pf.milestone(plan=world.plan, date=date(2028, 1, 10), kind="decision_moment")
    built = timeline.build(world.plan, today=date(2027, 6, 1))
    activities = list(world.plan.activities.select_related("owner").order_by("start", "id"))
    milestones = list(world.plan.milestones.order_by("date", "id"))
    laid = timeline.layout(world.plan, activities, milestones, today=date(2027, 6, 1))
    assert laid == built
    assert built.last == date(2028, 1, 10) and built.bars[1].owner == world.owner.name


def test_the_timeline_is_not_found_for_outsiders(client, world):
    client.force_login(world.external.user)
    assert client.get(f"/planning/plan/{world.plan.pk}/tijdlijn/").status_code == 404
