from datetime import date

import pytest

from regie.core.models import Confidentiality
from regie.planning.tests import factories as pf
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = pf.plan_world()
    w.owner.email = "olaf@example.org"
    w.owner.save()
    w.period = pf.period(year=w.plan.year)
    w.reported = pf.activity(plan=w.plan, owner=w.owner, title="Besluitenlijst bijhouden")
    w.silent = pf.activity(plan=w.plan, owner=w.owner, title="Archief opschonen")
    w.other = pf.activity(plan=w.plan, owner=w.colleague, title="Website vernieuwen")
    pf.activity(plan=w.plan, owner=w.owner, title="Later project", start=date(w.plan.year, 6, 1))
    pf.activity(plan=w.plan, owner=w.owner, title="Vervallen werk", status="cancelled")
    other_plan = pf.plan(unit=w.other_unit, title="Plan Uitvoering")
    pf.activity(plan=other_plan, owner=w.owner, title="Ander plan")
    pf.update(
        activity=w.reported,
        period=w.period,
        status="at_risk",
        percent=40,
        text="Wacht op de griffie",
        author=w.owner,
    )
    return w


def _url(w, period=None) -> str:
    return f"/planning/plan/{w.plan.pk}/periode/{(period or w.period).pk}/"


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_it_shows_the_updates_of_the_period_and_the_activities_without_one(client, world):
    client.force_login(world.secretary.user)
    html = _html(client.get(_url(world)))
    reported, missing = html.split('id="nog-niet-bijgewerkt"')
    assert "Besluitenlijst bijhouden" in reported and "Wacht op de griffie" in reported
    assert "risico" in reported and "40%" in reported and world.owner.name in reported
    assert "Archief opschonen" in missing and "Website vernieuwen" in missing
    assert "Besluitenlijst bijhouden" not in missing
    assert "Later project" not in html  # starts after the period
    assert "Vervallen werk" not in html and "Ander plan" not in html
    assert 'data-count="reported"><strong>1</strong>' in html
    assert 'data-count="missing"><strong>2</strong>' in html
    assert "gemiddeld 40% gereed" in html
    progress = f"/planning/activiteit/{world.silent.pk}/voortgang/{world.period.pk}/"
    assert f'href="{progress}"' in html  # the secretary may give the update
    assert "mailto:olaf@example.org?subject=" in html
    assert f'href="/planning/periodes/{world.period.pk}/"' in html


def test_the_owner_gets_a_link_for_their_own_activities_only(client, world):
    client.force_login(world.owner.user)
    html = _html(client.get(_url(world)))
    assert f"/planning/activiteit/{world.silent.pk}/voortgang/{world.period.pk}/" in html
    assert f"/planning/activiteit/{world.reported.pk}/voortgang/{world.period.pk}/" in html
    assert f"/planning/activiteit/{world.other.pk}/voortgang/" not in html
    assert "mailto:" not in html and "/planning/periodes/" not in html


def test_the_plan_page_links_to_each_period_and_a_plans_own_period_counts(client, world):
    own = pf.period(year=world.plan.year, plan=world.plan, name="Eigen periode")
    other_plans = pf.period(
        year=world.plan.year, plan=pf.plan(unit=world.other_unit, kind="work"), name="Elders"
    )
    client.force_login(world.colleague.user)
    html = _html(client.get(f"/planning/plan/{world.plan.pk}/"))
    assert f'href="{_url(world)}"' in html and f'href="{_url(world, own)}"' in html
    assert _url(world, other_plans) not in html
    assert client.get(_url(world, other_plans)).status_code == 404
    html = _html(client.get(_url(world, own)))
    assert "Eigen periode" in html and 'data-count="missing"><strong>3</strong>' in html


def test_a_hidden_plan_or_a_period_of_another_year_is_not_found(client, world):
    secret = pf.plan(
        unit=world.other_unit,
        kind="work",
        title="Geheim",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    client.force_login(world.secretary.user)
    assert client.get(f"/planning/plan/{secret.pk}/periode/{world.period.pk}/").status_code == 404
    next_year = pf.period(year=world.plan.year + 1, start=date(world.plan.year + 1, 1, 1))
    assert client.get(_url(world, next_year)).status_code == 404
    assert client.post(_url(world)).status_code == 405
    client.force_login(world.external.user)
    assert client.get(_url(world)).status_code == 404


def test_its_query_count_does_not_grow_with_activities(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.secretary.user)

    def count() -> int:
        with django_assert_max_num_queries(25) as captured:
            _html(client.get(_url(world)))
        return len(captured.captured_queries)

    first = count()
    for _n in range(6):
        owner = factories.person(unit=world.unit)
        done = pf.activity(plan=world.plan, owner=owner)
        pf.update(activity=done, period=world.period, author=owner)
        pf.activity(plan=world.plan, owner=owner)
    assert count() == first
