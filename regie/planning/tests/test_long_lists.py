"""Long lists stay fast: the chase list comes a page of owners at a time and the year overview
shows the first coming milestones only, in a number of queries that does not grow."""

from datetime import timedelta

import pytest
from django.utils import timezone

from regie.planning import queries, views
from regie.planning.tests import factories as pf
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = pf.plan_world()
    w.period = pf.period()
    return w


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _owners_with_missing(world, n: int) -> list:
    """n owners named in alphabetical order, each with two activities without an update."""
    owners = []
    for i in range(n):
        owner = factories.person(name=f"Eigenaar {i:03d}")
        pf.activity(plan=world.plan, owner=owner, title=f"Taak {i:03d}a")
        pf.activity(plan=world.plan, owner=owner, title=f"Taak {i:03d}b")
        owners.append(owner)
    return owners


def test_the_chase_list_pages_by_owner_and_counts_the_whole_list(world):
    _owners_with_missing(world, 5)
    reported = pf.activity(plan=world.plan, owner=world.owner, title="Al bijgewerkt")
    pf.update(activity=reported, period=world.period)
    first = queries.missing_updates_page(world.secretary.user, world.period, 1, per_page=2)
    assert [row.owner.name for row in first.rows] == ["Eigenaar 000", "Eigenaar 001"]
    assert [a.title for a in first.rows[0].activities] == ["Taak 000a", "Taak 000b"]
    assert first.activities == 10 and first.page.paginator.count == 5
    last = queries.missing_updates_page(world.secretary.user, world.period, 3, per_page=2)
    assert [row.owner.name for row in last.rows] == ["Eigenaar 004"]
    # Bad page input gets a page, never an error.
    for bad in ("x", "-1", "999", None, ""):
        page = queries.missing_updates_page(world.secretary.user, world.period, bad, per_page=2)
        assert page.rows and page.activities == 10
    # The pages together are the whole list the e-mail chase uses.
    whole = queries.missing_updates(world.secretary.user, world.period)
    paged = [
        row.owner.name
        for n in (1, 2, 3)
        for row in queries.missing_updates_page(
            world.secretary.user, world.period, n, per_page=2
        ).rows
    ]
    assert paged == [row.owner.name for row in whole]


def test_the_chase_page_shows_a_page_of_owners_with_links_to_the_next(client, world):
    _owners_with_missing(world, queries.CHASE_OWNERS_PER_PAGE + 2)
    client.force_login(world.secretary.user)
    url = f"/planning/periodes/{world.period.pk}/"
    html = _html(client.get(url))
    n = queries.CHASE_OWNERS_PER_PAGE + 2
    assert f"{2 * n} activiteiten zonder voortgang" in html and f"bij {n} eigenaren" in html
    assert "Eigenaar 000" in html and f"Eigenaar {n - 1:03d}" not in html
    assert "Pagina 1 van 2" in html and "pagina=2" in html
    html = _html(client.get(url, {"pagina": 2}))
    assert f"Eigenaar {n - 1:03d}" in html and "Eigenaar 000" not in html
    assert "Pagina 2 van 2" in html
    assert _html(client.get(url, {"pagina": "drie"}))  # bad input: the first page


def test_the_chase_page_runs_the_same_queries_for_more_owners(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.secretary.user)
    url = f"/planning/periodes/{world.period.pk}/"
    _owners_with_missing(world, 2)

    def count() -> int:
        with django_assert_max_num_queries(20) as captured:
            _html(client.get(url))
        return len(captured.captured_queries)

    first = count()
    _owners_with_missing(world, queries.CHASE_OWNERS_PER_PAGE + 5)
    assert count() == first


def test_the_year_overview_shows_the_first_coming_milestones(client, world):
    today = timezone.localdate()
    for i in range(views.UPCOMING_ROWS + 3):
        pf.milestone(plan=world.plan, title=f"Mijlpaal {i:03d}", date=today + timedelta(days=1))
    client.force_login(world.secretary.user)
    html = _html(client.get("/planning/", {"jaar": 2027}))
    assert "Mijlpaal 000" in html and f"Mijlpaal {views.UPCOMING_ROWS - 1:03d}" in html
    assert f"Mijlpaal {views.UPCOMING_ROWS:03d}" not in html
    assert f"Alleen de eerste {views.UPCOMING_ROWS} staan hier" in html
    assert 'href="/planning/bestuurlijke-planning/"' in html


def test_the_year_overview_says_nothing_more_when_all_milestones_fit(client, world):
    pf.milestone(plan=world.plan, title="Enige mijlpaal", date=timezone.localdate())
    client.force_login(world.secretary.user)
    html = _html(client.get("/planning/", {"jaar": 2027}))
    assert "Enige mijlpaal" in html and "Alleen de eerste" not in html


def test_the_plan_page_shows_a_page_of_activities_and_of_milestones(client, world):
    goal = pf.goal(plan=world.plan, title="Doel", position=1)
    for i in range(queries.ACTIVITIES_PER_PAGE + 1):
        pf.activity(plan=world.plan, owner=world.owner, goal=goal, title=f"Werk {i:03d}")
    for i in range(queries.ACTIVITIES_PER_PAGE + 1):
        pf.milestone(plan=world.plan, title=f"Punt {i:03d}", date=world.period.start)
    client.force_login(world.secretary.user)
    url = f"/planning/plan/{world.plan.pk}/"
    n = queries.ACTIVITIES_PER_PAGE
    html = _html(client.get(url))
    assert "Werk 000" in html and f"Werk {n:03d}" not in html
    assert f"Activiteit 1 tot en met {n} van {n + 1}" in html and "pagina=2" in html
    assert "Punt 000" in html and f"Punt {n:03d}" not in html and "mijlpalen=2" in html
    html = _html(client.get(url, {"pagina": 2, "mijlpalen": 2}))
    assert f"Werk {n:03d}" in html and "Werk 000" not in html
    assert f"Punt {n:03d}" in html and "Punt 000" not in html
    assert _html(client.get(url, {"pagina": "x", "mijlpalen": "-3"}))


def test_the_plan_period_pages_both_lists_and_counts_the_whole_plan(
    client, world, django_assert_max_num_queries
):
    per_page = queries.PERIOD_ROWS_PER_PAGE
    for i in range(per_page + 1):
        done = pf.activity(plan=world.plan, owner=world.owner, title=f"Gemeld {i:03d}")
        pf.update(activity=done, period=world.period, status="at_risk", percent=30)
        pf.activity(plan=world.plan, owner=world.owner, title=f"Open {i:03d}")
    client.force_login(world.secretary.user)
    url = f"/planning/plan/{world.plan.pk}/periode/{world.period.pk}/"
    with django_assert_max_num_queries(25):
        html = _html(client.get(url))
    assert f'data-count="reported"><strong>{per_page + 1}</strong>' in html
    assert f'data-count="missing"><strong>{per_page + 1}</strong>' in html
    assert f"{per_page + 1} risico" in html and "gemiddeld 30% gereed" in html
    assert "Gemeld 000" in html and f"Gemeld {per_page:03d}" not in html
    assert "Open 000" in html and f"Open {per_page:03d}" not in html
    assert "bijgewerkt=2#bijgewerkt" in html and "open=2#nog-niet-bijgewerkt" in html
    html = _html(client.get(url, {"bijgewerkt": 2, "open": 2}))
    assert f"Gemeld {per_page:03d}" in html and f"Open {per_page:03d}" in html
    assert "Gemeld 000" not in html and "Open 000" not in html
