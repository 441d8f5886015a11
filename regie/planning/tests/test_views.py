from datetime import date

import pytest

from regie.planning.models import Activity, Goal, Milestone, Plan, ProgressUpdate
from regie.planning.tests import factories as pf
from regie.testing import factories
from regie.testing.minutes_factories import decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = pf.plan_world()
    w.goal = pf.goal(plan=w.plan, title="Heldere bestuurlijke besluitvorming")
    w.activity = pf.activity(plan=w.plan, owner=w.owner, goal=w.goal, title="Besluitenlijst")
    w.period = pf.period()
    return w


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_the_overview_shows_units_with_and_without_a_plan(client, world):
    client.force_login(world.secretary.user)
    html = _html(client.get("/planning/", {"jaar": 2027}))
    assert "Team Beleid" in html and world.plan.title in html and "concept" in html
    assert "nog geen plan" in html  # Team Uitvoering
    assert 'href="/planning/"' in _html(client.get("/acties/"))


def test_plan_detail_lists_goals_activities_latest_progress_and_milestones(client, world):
    pf.update(activity=world.activity, period=world.period, status="at_risk", percent=30)
    pf.milestone(plan=world.plan, title="Evaluatie gereed", date=date(2027, 6, 1))
    client.force_login(world.colleague.user)
    html = _html(client.get(f"/planning/plan/{world.plan.pk}/"))
    assert "Heldere bestuurlijke besluitvorming" in html and "Besluitenlijst" in html
    assert "Q1 2027: risico, 30%" in html
    assert "1 juni 2027" in html and "Evaluatie gereed" in html
    assert "Plan wijzigen" not in html  # a colleague reads, does not manage


@pytest.mark.parametrize("who", ["external", "stranger", "anonymous"])
def test_internal_plans_are_not_found_for_outsiders(client, world, who):
    if who == "external":
        client.force_login(world.external.user)
    elif who == "stranger":
        client.force_login(factories.person(role="external_member").user)
    urls = [
        f"/planning/plan/{world.plan.pk}/",
        f"/planning/activiteit/{world.activity.pk}/",
    ]
    for url in urls:
        response = client.get(url)
        if who == "anonymous":
            assert response.status_code in (302, 404)
        else:
            assert response.status_code == 404, url
    if who != "anonymous":
        assert world.plan.title not in _html(client.get("/planning/", {"jaar": 2027}))


def test_a_colleague_may_not_edit_a_plan(client, world):
    client.force_login(world.colleague.user)
    assert client.get(f"/planning/plan/{world.plan.pk}/wijzigen/").status_code == 403
    assert client.post("/planning/plan/nieuw/", {"title": "x"}).status_code == 403


def test_the_secretary_creates_a_plan_goal_activity_and_milestone(client, world):
    client.force_login(world.secretary.user)
    response = client.post(
        "/planning/plan/nieuw/",
        {
            "title": "Jaarplan Uitvoering 2027",
            "unit": world.other_unit.pk,
            "year": 2027,
            "kind": "year",
            "confidentiality": "internal",
        },
    )
    plan = Plan.objects.get(title="Jaarplan Uitvoering 2027")
    assert response.status_code == 302 and response["Location"].endswith(f"/plan/{plan.pk}/")
    client.post(f"/planning/plan/{plan.pk}/doelstelling/", {"title": "Snellere afhandeling"})
    goal = Goal.objects.get(plan=plan)
    response = client.post(
        f"/planning/plan/{plan.pk}/activiteit/",
        {
            "title": "Werkvoorraad wegwerken",
            "goal": goal.pk,
            "owner": world.owner.pk,
            "start": "2027-02-01",
            "end": "2027-01-01",
            "status": "planned",
        },
    )
    assert "De einddatum ligt vóór de startdatum." in _html(response)
    client.post(
        f"/planning/plan/{plan.pk}/activiteit/",
        {
            "title": "Werkvoorraad wegwerken",
            "goal": goal.pk,
            "owner": world.owner.pk,
            "start": "2027-02-01",
            "end": "2027-06-30",
            "status": "planned",
        },
    )
    assert Activity.objects.get(plan=plan).unit == world.other_unit
    meeting = world.meetings.next_meeting
    response = client.post(
        f"/planning/plan/{plan.pk}/mijlpaal/",
        {"title": "Vaststellen in DO", "kind": "decision_moment", "meeting": ""},
    )
    assert "vergadering van een gremium" in _html(response)
    client.post(
        f"/planning/plan/{plan.pk}/mijlpaal/",
        {"title": "Vaststellen in DO", "kind": "decision_moment", "meeting": meeting.pk},
    )
    assert Milestone.objects.get(plan=plan).meeting == meeting
    html = _html(client.get("/planning/bestuurlijke-planning/"))
    assert "Vaststellen in DO" in html and meeting.body.name in html


def test_approving_a_plan_with_a_decision(client, world):
    besluit = decision(item=world.meetings.item, text="Het DO stelt het jaarplan vast")
    client.force_login(world.secretary.user)
    url = f"/planning/plan/{world.plan.pk}/vaststellen/"
    assert besluit.number in _html(client.get(url))
    response = client.post(url, {"decision": "", "version": 1})
    assert response.status_code == 200
    response = client.post(url, {"decision": besluit.pk, "version": 1})
    assert response.status_code == 302
    world.plan.refresh_from_db()
    assert world.plan.status == "vastgesteld" and world.plan.approved_by_decision == besluit


def test_a_stale_plan_edit_gets_a_conflict_and_keeps_the_input(client, world):
    client.force_login(world.secretary.user)
    data = {
        "title": "Nieuwe titel",
        "unit": world.unit.pk,
        "year": 2027,
        "kind": "year",
        "confidentiality": "internal",
        "version": 1,
    }
    assert client.post(f"/planning/plan/{world.plan.pk}/wijzigen/", data).status_code == 302
    data["title"] = "Andere titel"
    response = client.post(f"/planning/plan/{world.plan.pk}/wijzigen/", data)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Iemand anders heeft dit intussen gewijzigd" in html and "Andere titel" in html
    assert Plan.objects.get(pk=world.plan.pk).title == "Nieuwe titel"


def test_the_owner_records_progress_and_bad_percent_is_refused(client, world):
    client.force_login(world.owner.user)
    url = f"/planning/activiteit/{world.activity.pk}/voortgang/{world.period.pk}/"
    html = _html(client.post(url, {"status": "on_track", "percent": 140, "text": ""}))
    assert "Het percentage ligt tussen 0 en 100." in html
    assert not ProgressUpdate.objects.exists()
    response = client.post(url, {"status": "on_track", "percent": 40, "text": "Loopt"})
    assert response.status_code == 302
    html = _html(client.get(f"/planning/activiteit/{world.activity.pk}/"))
    assert "Q1 2027" in html and "40%" in html and "Geschiedenis" in html
    response = client.post(url, {"status": "on_track", "percent": 50, "text": "x"})
    assert response.status_code == 409  # no version: someone already reported this period
    client.force_login(world.colleague.user)
    assert client.get(url).status_code == 403


def test_the_chase_list_names_owners_with_their_missing_activities(client, world):
    other = pf.activity(plan=world.plan, owner=world.colleague, title="Risicoregister")
    pf.update(activity=other, period=world.period)
    client.force_login(world.secretary.user)
    html = _html(client.get(f"/planning/periodes/{world.period.pk}/"))
    assert "Wie heeft nog niet bijgewerkt" in html
    assert world.owner.name in html and "Besluitenlijst" in html
    assert "Risicoregister" not in html and "mailto:" not in html


def test_periods_are_generated_from_the_page(client, world):
    client.force_login(world.secretary.user)
    response = client.post("/planning/periodes/maken/", {"year": 2028, "scheme": "tertials"})
    assert response.status_code == 302
    html = _html(client.get("/planning/periodes/", {"jaar": 2028}))
    assert "T1 2028" in html and "T3 2028" in html and "31 december 2028" in html
    html = _html(client.post("/planning/periodes/maken/", {"year": 2028, "scheme": "tertials"}))
    assert "al rapportageperiodes" in html


def test_pages_run_a_bounded_number_of_queries(client, world, django_assert_max_num_queries):
    client.force_login(world.secretary.user)

    def count(url):
        with django_assert_max_num_queries(40) as captured:
            _html(client.get(url))
        return len(captured.captured_queries)

    urls = [
        "/planning/?jaar=2027",
        f"/planning/plan/{world.plan.pk}/",
        f"/planning/periodes/{world.period.pk}/",
        "/planning/bestuurlijke-planning/",
    ]
    # One milestone to begin with: an empty page of milestones skips its query.
    pf.milestone(plan=world.plan, title="Eerste mijlpaal")
    first = [count(u) for u in urls]
    for _ in range(4):
        unit = factories.unit()
        plan = pf.plan(unit=unit)
        for _ in range(3):
            a = pf.activity(plan=world.plan, owner=world.colleague)
            pf.update(activity=a, period=world.period)
            pf.activity(plan=plan, owner=world.owner)
        pf.milestone(
            plan=world.plan,
            kind="decision_moment",
            meeting=world.meetings.next_meeting,
            date=world.meetings.next_meeting.starts_at.date(),
        )
    assert [count(u) for u in urls] == first


def test_linking_stukken_and_besluiten_from_the_activity(client, world):
    from regie.testing import documents_factories as docs

    besluit = decision(item=world.meetings.item, text="Akkoord met de besluitenlijst")
    stuk = docs.document(title="Notitie besluitenlijst", author=world.secretary)
    client.force_login(world.secretary.user)
    url = f"/planning/activiteit/{world.activity.pk}/koppelen/"
    html = _html(client.get(url))
    assert besluit.number in html and "Notitie besluitenlijst" in html
    assert "Kies een stuk of een besluit." in _html(client.post(url, {}))
    response = client.post(url, {"documents": [stuk.pk], "decisions": [besluit.pk]})
    assert response.status_code == 302
    html = _html(client.get(f"/planning/activiteit/{world.activity.pk}/"))
    assert "Notitie besluitenlijst" in html and besluit.number in html
    client.force_login(world.owner.user)
    assert client.get(url).status_code == 403


def test_the_activity_page_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.secretary.user)
    url = f"/planning/activiteit/{world.activity.pk}/"

    def count():
        with django_assert_max_num_queries(40) as captured:
            _html(client.get(url))
        return len(captured.captured_queries)

    pf.update(activity=world.activity, period=world.period)
    first = count()
    for n in range(2, 5):
        period = pf.period(name=f"Q{n} 2027", start=date(2027, 3 * n - 2, 1))
        pf.update(activity=world.activity, period=period, author=world.owner)
        pf.milestone(plan=world.plan, activity=world.activity)
    assert count() == first


def test_a_period_of_a_hidden_plan_is_not_shown(client, world):
    period = pf.period(plan=world.plan, name="Eigen periode")
    client.force_login(world.external.user)
    assert client.get(f"/planning/periodes/{period.pk}/").status_code == 404
    assert "Eigen periode" not in _html(client.get("/planning/periodes/", {"jaar": 2027}))


def test_every_form_page_renders_for_the_secretary_and_is_hidden_from_an_external(client, world):
    milestone = pf.milestone(plan=world.plan, activity=world.activity)
    urls = [
        "/planning/plan/nieuw/",
        f"/planning/plan/{world.plan.pk}/wijzigen/",
        f"/planning/plan/{world.plan.pk}/vaststellen/",
        f"/planning/plan/{world.plan.pk}/doelstelling/",
        f"/planning/plan/{world.plan.pk}/activiteit/",
        f"/planning/plan/{world.plan.pk}/mijlpaal/",
        f"/planning/plan/{world.plan.pk}/inlezen/",
        f"/planning/plan/{world.plan.pk}/planner/",
        f"/planning/plan/{world.plan.pk}/tijdlijn/",
        f"/planning/doelstelling/{world.goal.pk}/wijzigen/",
        f"/planning/activiteit/{world.activity.pk}/wijzigen/",
        f"/planning/activiteit/{world.activity.pk}/koppelen/",
        f"/planning/activiteit/{world.activity.pk}/voortgang/{world.period.pk}/",
        f"/planning/mijlpaal/{milestone.pk}/wijzigen/",
        "/planning/periodes/",
        "/planning/periodes/maken/",
        "/planning/periodes/nieuw/",
        "/planning/bestuurlijke-planning/",
    ]
    client.force_login(world.secretary.user)
    for url in urls:
        assert client.get(url).status_code == 200, url
    client.force_login(world.external.user)
    for url in urls[1:14]:
        assert client.get(url).status_code in (403, 404), url


def test_a_stale_activity_edit_keeps_the_input(client, world):
    client.force_login(world.secretary.user)
    url = f"/planning/activiteit/{world.activity.pk}/wijzigen/"
    data = {
        "title": "Besluitenlijst digitaal",
        "goal": world.goal.pk,
        "owner": world.owner.pk,
        "start": "2027-01-15",
        "end": "2027-11-30",
        "status": "in_progress",
        "version": 1,
    }
    assert client.post(url, data).status_code == 302
    response = client.post(url, data | {"title": "Besluitenlijst op papier"})
    assert response.status_code == 409
    assert "Besluitenlijst op papier" in response.content.decode()
    world.activity.refresh_from_db()
    assert world.activity.title == "Besluitenlijst digitaal" and world.activity.version == 2


def test_a_custom_period_from_the_page(client, world):
    client.force_login(world.secretary.user)
    response = client.post(
        "/planning/periodes/nieuw/",
        {
            "name": "Zomer 2027",
            "start": "2027-06-01",
            "end": "2027-08-31",
            "reminder_working_days": 5,
        },
    )
    assert response.status_code == 302
    html = _html(client.get(response["Location"]))
    assert "Zomer 2027" in html and "Besluitenlijst" in html


def _linked(world):
    from regie.testing import documents_factories as docs

    besluit = decision(item=world.meetings.item, text="Akkoord met de besluitenlijst")
    stuk = docs.document(title="Notitie besluitenlijst", author=world.secretary)
    world.activity.documents.add(stuk)
    world.activity.decisions.add(besluit)
    return stuk, besluit


def test_unlinking_a_stuk_and_a_besluit_records_it_in_the_history(client, world):
    stuk, besluit = _linked(world)
    client.force_login(world.secretary.user)
    page = f"/planning/activiteit/{world.activity.pk}/"
    url = f"/planning/activiteit/{world.activity.pk}/ontkoppelen/"
    html = _html(client.get(page))
    assert f'action="{url}"' in html and f'name="stuk" value="{stuk.pk}"' in html
    response = client.post(url, {"stuk": stuk.pk})
    assert response.status_code == 302 and response["Location"] == page
    assert not world.activity.documents.exists()
    assert world.activity.decisions.get() == besluit
    response = client.post(url, {"besluit": besluit.pk})
    assert response.status_code == 302
    assert not world.activity.decisions.exists()
    stuk.refresh_from_db()  # the stuk itself stays
    reasons = list(world.activity.history.values_list("history_change_reason", flat=True))
    assert f"Besluit ontkoppeld: {besluit.number}" in reasons
    assert "Stuk ontkoppeld: Notitie besluitenlijst" in reasons
    history = world.activity.history.filter(history_change_reason__startswith="Stuk")
    assert history.get().history_user == world.secretary.user
    html = _html(client.get(page))
    assert "Notitie besluitenlijst" in html  # in the history, no longer in the list
    assert f'name="stuk" value="{stuk.pk}"' not in html


def test_unlinking_with_htmx_returns_the_linked_lists_in_place(client, world):
    stuk, besluit = _linked(world)
    client.force_login(world.secretary.user)
    url = f"/planning/activiteit/{world.activity.pk}/ontkoppelen/"
    html = _html(client.post(url, {"stuk": stuk.pk}, HTTP_HX_REQUEST="true"))
    assert html.lstrip().startswith('<div id="koppelingen">')
    assert "<html" not in html and "Notitie besluitenlijst" not in html
    assert besluit.number in html
    html = _html(client.post(url, {"stuk": stuk.pk}, HTTP_HX_REQUEST="true"))
    assert "Dit stuk is niet (meer) aan de activiteit gekoppeld." in html


def test_unlinking_refuses_bad_input_and_changes_nothing(client, world):
    stuk, besluit = _linked(world)
    client.force_login(world.secretary.user)
    page = f"/planning/activiteit/{world.activity.pk}/"
    url = f"/planning/activiteit/{world.activity.pk}/ontkoppelen/"
    before = world.activity.history.count()
    for data, message in [
        ({}, "Kies één stuk of één besluit om te ontkoppelen."),
        ({"stuk": "abc"}, "Kies één stuk of één besluit om te ontkoppelen."),
        ({"stuk": stuk.pk, "besluit": besluit.pk}, "Kies één stuk of één besluit"),
        ({"stuk": 999999}, "Kies één stuk of één besluit om te ontkoppelen."),
        ({"besluit": 999999}, "Kies één stuk of één besluit om te ontkoppelen."),
    ]:
        response = client.post(url, data, follow=True)
        assert message in response.content.decode(), data
    other = decision(item=world.meetings.item, text="Ander besluit")
    response = client.post(url, {"besluit": other.pk}, follow=True)
    assert "Dit besluit is niet (meer) aan de activiteit gekoppeld." in response.content.decode()
    assert response.redirect_chain[-1][0] == page
    assert world.activity.documents.get() == stuk and world.activity.decisions.get() == besluit
    assert world.activity.history.count() == before


def test_unlinking_needs_a_post_and_the_right_to_edit_the_activity(client, world):
    stuk, _besluit = _linked(world)
    url = f"/planning/activiteit/{world.activity.pk}/ontkoppelen/"
    client.force_login(world.secretary.user)
    assert client.get(url).status_code == 405
    client.force_login(world.owner.user)  # reports progress, does not manage the plan
    assert client.post(url, {"stuk": stuk.pk}).status_code == 403
    assert 'name="stuk"' not in _html(client.get(f"/planning/activiteit/{world.activity.pk}/"))
    client.force_login(world.external.user)
    assert client.post(url, {"stuk": stuk.pk}).status_code == 404
    client.logout()
    assert client.post(url, {"stuk": stuk.pk}).status_code in (302, 403)
    assert world.activity.documents.get() == stuk


def test_unlinking_checks_the_csrf_token(world):
    from django.test import Client

    stuk, _besluit = _linked(world)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(world.secretary.user)
    response = strict.post(
        f"/planning/activiteit/{world.activity.pk}/ontkoppelen/", {"stuk": stuk.pk}
    )
    assert response.status_code == 403
    assert world.activity.documents.get() == stuk
