import re
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from regie.core.models import BodyMembership, Confidentiality, OrganisationUnit, Person
from regie.hiring.models import Contract
from regie.planning.tests import factories as plans
from regie.risks.models import Risk
from regie.risks.tests import factories as risks
from regie.testing import factories
from regie.testing import hiring_factories as hf

pytestmark = pytest.mark.django_db

URL = "/dashboard/"


@dataclass
class World:
    directorate: OrganisationUnit
    team: OrganisationUnit
    other: OrganisationUnit
    anna: Person
    bram: Person
    olga: Person
    external: Person
    body: object
    plan: object
    period: object


def count(html: str, name: str) -> int:
    found = re.search(rf'data-count="{name}"><strong>(\d+)</strong>', html)
    assert found, name
    return int(found.group(1))


@pytest.fixture
def world() -> World:
    today = timezone.localdate()
    now = timezone.now()
    directorate = factories.unit(name="Directie Beleid", kind=OrganisationUnit.Kind.DIRECTORATE)
    team = factories.unit(name="Team Strategie", parent=directorate)
    other = factories.unit(name="Team Elders")
    anna = factories.person(name="Anna Aalders", unit=team)
    bram = factories.person(name="Bram Bos", unit=directorate)
    olga = factories.person(name="Olga Overal", unit=other)
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER, name="Eva Extern")
    body = factories.body(name="Teamoverleg Strategie", unit=team, members=[anna, external])
    secret = factories.body(
        name="Geheim overleg", unit=team, confidentiality=Confidentiality.CONFIDENTIAL
    )
    BodyMembership.objects.create(body=secret, person=anna)
    factories.meeting(body=body, starts_at=now + timedelta(days=10))
    factories.meeting(body=body, starts_at=now + timedelta(days=45))
    factories.meeting(body=body, starts_at=now + timedelta(days=12), status="cancelled")
    factories.meeting(body=factories.body(unit=other), starts_at=now + timedelta(days=5))
    past = today - timedelta(days=3)
    factories.action(owner=anna, body=body, title="Open actie", due_date=today + timedelta(days=5))
    factories.action(owner=anna, body=body, title="Late actie", due_date=past)
    factories.action(owner=bram, title="Late actie Bram", due_date=past)
    factories.action(owner=anna, body=body, status="done", due_date=past)
    factories.action(owner=olga, title="Actie elders", due_date=past)
    factories.action(owner=bram, body=secret, title="Geheime actie", due_date=past)
    plan = plans.plan(unit=team, year=today.year, title="Jaarplan Strategie")
    plans.plan(unit=team, year=today.year - 1, title="Oud jaarplan")
    secret_plan = plans.plan(
        unit=team,
        year=today.year,
        kind="work",
        title="Geheim werkplan",
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    period = plans.period(year=today.year, start=today.replace(month=1, day=1))
    first = plans.activity(plan=plan, owner=anna, status="planned")
    second = plans.activity(plan=plan, owner=bram, status="in_progress")
    plans.activity(plan=plan, owner=anna, status="done")
    plans.activity(plan=secret_plan, owner=anna, status="in_progress")
    plans.update(activity=first, period=period, status="on_track", percent=20)
    plans.update(activity=second, period=period, status="off_track", percent=60)
    plans.activity(plan=plan, owner=anna, status="cancelled", title="Vervallen activiteit")
    plans.milestone(plan=plan, title="Besluit koers", date=today + timedelta(days=14))
    plans.milestone(plan=plan, title="Verre mijlpaal", date=today + timedelta(weeks=12))
    plans.milestone(plan=secret_plan, title="Geheime mijlpaal", date=today + timedelta(days=7))
    for score_p in (1, 2, 3, 4, 5):
        risks.risk(unit=team, owner=anna, probability=score_p, title=f"Risico kans {score_p}")
    risks.risk(unit=directorate, owner=bram, probability=1, impact=1, title="Klein risico")
    risks.risk(unit=team, owner=anna, status=Risk.Status.CLOSED, title="Gesloten risico")
    risks.risk(unit=other, owner=olga, title="Risico elders")
    risks.risk(
        unit=team,
        owner=anna,
        body=secret,
        confidentiality=Confidentiality.CONFIDENTIAL,
        probability=5,
        impact=5,
        title="Geheim risico",
    )
    soon = today + timedelta(days=1)
    risks.risk(unit=team, owner=anna, probability=2, impact=1, title="Herzien", review_date=soon)
    risks.risk(unit=other, owner=olga, title="Herzien elders", review_date=soon)
    lead = factories.person(role=Person.Role.TEAM_LEAD, name="Tessa Teamleider", unit=team)
    ending = _contract(hf.hiring_request(unit=team, team_lead=anna), "Carla Contract", soon)
    _contract(
        hf.hiring_request(unit=team, team_lead=lead), "Lange Looptijd", today + timedelta(400)
    )
    _contract(hf.hiring_request(unit=other), "Elders Ingehuurd", soon)
    assert ending.alert_working_days >= 1
    return World(directorate, team, other, anna, bram, olga, external, body, plan, period)


def _contract(hiring_request, name: str, end) -> Contract:
    candidate = hf.candidate(request=hiring_request, name=name)
    start = timezone.localdate() - timedelta(days=100)
    return Contract.objects.create(
        request=hiring_request,
        candidate=candidate,
        person_name=name,
        start=start,
        original_end=end,
        end=end,
        hours_per_week=36,
        hourly_rate=Decimal("100"),
    )


def test_an_anonymous_user_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith("/inloggen/")


def test_it_counts_the_directorate_with_its_teams(client, world):
    client.force_login(world.anna.user)
    html = client.get(URL, {"eenheid": world.directorate.pk}).content.decode()
    assert count(html, "meetings") == 1
    assert count(html, "deadlines") == 1
    assert count(html, "actions-open") == 4  # 2 of Anna, Bram's late one, the secret one
    assert count(html, "actions-overdue") == 3
    assert (count(html, "planned"), count(html, "in-progress"), count(html, "done")) == (1, 2, 1)
    assert (count(html, "on-track"), count(html, "at-risk"), count(html, "off-track")) == (1, 0, 1)
    assert count(html, "risks") == 8  # six of the team, one of the directorate, the secret one
    assert count(html, "reviews-due") == 1
    assert count(html, "contract-alerts") == 1
    assert (count(html, "no-update"), count(html, "average-percent")) == (2, 40)
    assert "Carla Contract" in html and "Elders Ingehuurd" not in html
    assert "Lange Looptijd" not in html and "Vervallen activiteit" not in html
    assert "Besluit koers" in html and "Geheime mijlpaal" in html
    assert "Verre mijlpaal" not in html and "Oud jaarplan" not in html
    assert "Geheim risico" in html and "Risico kans 1" not in html  # top five by score
    assert "Risico elders" not in html and "Actie elders" not in html


def test_it_defaults_to_the_users_own_unit(client, world):
    client.force_login(world.anna.user)
    html = client.get(URL).content.decode()
    assert "Dashboard Team Strategie" in html
    assert count(html, "actions-open") == 2  # Bram belongs to the directorate, not the team


def test_another_unit_does_not_count_this_units_confidential_items(client, world):
    client.force_login(world.olga.user)
    html = client.get(URL, {"eenheid": world.directorate.pk}).content.decode()
    assert count(html, "actions-open") == 3  # not the secret action
    assert count(html, "actions-overdue") == 2
    assert (count(html, "planned"), count(html, "in-progress"), count(html, "done")) == (1, 1, 1)
    assert count(html, "risks") == 7
    assert count(html, "no-update") == 1
    assert "Geheim" not in html


def test_myself_counts_what_i_own(client, world):
    client.force_login(world.anna.user)
    html = client.get(URL, {"eenheid": "mij"}).content.decode()
    assert "Mijn dashboard" in html
    assert count(html, "meetings") == 1  # Anna is no member of the cancelled or other meetings
    assert count(html, "actions-open") == 2
    assert count(html, "actions-overdue") == 1
    assert count(html, "risks") == 7  # her six team risks and the secret one
    assert count(html, "reviews-due") == 1
    assert count(html, "contract-alerts") == 1  # Anna is the team lead of its request
    assert f"/risicos/te-herbeoordelen/?eigenaar={world.anna.pk}" in html
    assert "/acties/mijn/?termijn=overdue" in html
    assert f"/risicos/?status=open&amp;eigenaar={world.anna.pk}" in html


def test_the_numbers_link_to_their_filtered_lists(client, world):
    client.force_login(world.anna.user)
    html = client.get(URL, {"eenheid": world.directorate.pk}).content.decode()
    overdue = f"/acties/?eigenaar={world.anna.pk}&amp;termijn=overdue"
    assert overdue in html
    assert f"/acties/?eigenaar={world.bram.pk}" in html
    assert f"/risicos/?status=open&amp;eenheid={world.directorate.pk}" in html
    assert f"/planning/plan/{world.plan.pk}/" in html
    listed = client.get(overdue.replace("&amp;", "&")).content.decode()
    assert "Late actie" in listed and "Open actie" not in listed


def _get(client, url: str) -> str:
    response = client.get(url.replace("&amp;", "&"))
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_unit_totals_drill_down_to_the_filtered_lists(client, world):
    client.force_login(world.anna.user)
    html = client.get(URL, {"eenheid": world.directorate.pk}).content.decode()
    unit = world.directorate.pk
    open_url = re.search(r'href="([^"]+)" data-count="actions-open"', html).group(1)
    overdue_url = re.search(r'href="([^"]+)" data-count="actions-overdue"', html).group(1)
    assert open_url == f"/acties/?eenheid={unit}"
    assert overdue_url == f"/acties/?eenheid={unit}&amp;termijn=overdue"
    listed = _get(client, open_url)
    assert (
        "Open actie" in listed and "Late actie Bram" in listed
    )  # the team's and the directorate's
    assert "Actie elders" not in listed
    listed = _get(client, overdue_url)
    assert "Late actie Bram" in listed and "Open actie" not in listed
    reviews = re.search(r'href="([^"]+)" data-count="reviews-due"', html).group(1)
    assert reviews == f"/risicos/te-herbeoordelen/?eenheid={unit}"
    listed = _get(client, reviews)
    assert "Herzien" in listed and "Herzien elders" not in listed
    contracts = re.search(r'href="([^"]+)" data-count="contract-alerts"', html).group(1)
    assert contracts == "#contracten"
    contract = Contract.objects.get(person_name="Carla Contract")
    assert f'href="/inhuur/contracten/{contract.pk}/"' in html.split('id="contracten"')[1]


def test_every_number_links_to_a_list_or_a_part_of_the_page(client, world):
    client.force_login(world.anna.user)
    for scope in (world.directorate.pk, "mij"):
        html = client.get(URL, {"eenheid": scope}).content.decode()
        links = re.findall(r'href="([^"]+)" data-count="([\w-]+)"', html)
        assert len(links) >= 14, links
        for href, name in links:
            if href.startswith("#"):
                assert f'id="{href[1:]}"' in html, name
            else:
                _get(client, href)


def test_plan_progress_shows_shares_and_the_average_percentage(client, world):
    client.force_login(world.anna.user)
    html = client.get(URL, {"eenheid": world.team.pk}).content.decode()
    row = html.split(f'data-plan="{world.plan.pk}"')[1].split("</tr>")[0]
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
    texts = [re.sub(r"<[^>]+>", "", c).strip() for c in cells]
    # activities (not the cancelled one), planned, in progress, done, shares, average
    assert texts == ["3", "1", "1", "1", "1 (33%)", "0 (0%)", "1 (33%)", "1 (33%)", "40%"]
    assert f'href="/planning/plan/{world.plan.pk}/#activiteiten"' in row


def test_an_external_member_sees_no_internal_data(client, world):
    client.force_login(world.external.user)
    response = client.get(URL, {"eenheid": world.directorate.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="eenheid"' not in html  # no unit chooser
    assert "Mijn dashboard" in html
    assert count(html, "meetings") == 1  # the meeting of the body Eva belongs to
    assert count(html, "actions-open") == 0
    assert count(html, "risks") == 0
    assert count(html, "reviews-due") == 0
    assert 'data-count="contract-alerts"' not in html and "/inhuur/contracten/" not in html
    assert "Jaarplan Strategie" not in html and "Risico kans" not in html
    assert "Directie Beleid" not in html


def test_its_query_count_does_not_grow_with_data(client, world, django_assert_max_num_queries):
    today = timezone.localdate()
    client.force_login(world.anna.user)

    def add(n):
        for i in range(n):
            factories.meeting(
                body=world.body, starts_at=timezone.now() + timedelta(days=2, hours=i)
            )
            factories.action(owner=world.anna, body=world.body, due_date=today - timedelta(days=1))
            owner = factories.person(unit=world.team)
            factories.action(owner=owner, due_date=today - timedelta(days=1))
            activity = plans.activity(plan=world.plan, owner=owner)
            plans.milestone(plan=world.plan, activity=activity, date=today + timedelta(days=3))
            risks.risk(unit=world.team, owner=owner, review_date=today)
            request = hf.hiring_request(unit=world.team)
            _contract(request, f"Inhuur {i}", today + timedelta(days=2))
            plans.update(activity=activity, period=world.period, percent=10)

    def queries() -> int:
        with django_assert_max_num_queries(22) as captured:
            response = client.get(URL, {"eenheid": world.directorate.pk})
        assert response.status_code == 200
        return len(captured.captured_queries)

    add(2)
    small = queries()
    add(10)
    large = queries()
    assert small == large, (small, large)
