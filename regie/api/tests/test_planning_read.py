"""Reading plans, goals, activities, milestones, periods, progress and risks over the API."""

from __future__ import annotations

from datetime import date

import pytest

from regie.meetings.models import Meeting
from regie.planning.models import Activity, Milestone, Plan
from regie.planning.tests import factories as planning_factories
from regie.risks.tests import factories as risk_factories
from regie.testing import factories

from .conftest import count_queries, decision
from .planning_world import PlanningWorld, build

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/plans/",
    "/api/goals/",
    "/api/activities/",
    "/api/milestones/",
    "/api/reporting-periods/",
    "/api/progress-updates/",
    "/api/risks/",
]


@pytest.fixture
def pw(world) -> PlanningWorld:
    return build(world)


def ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def _secret_and_open(pw: PlanningWorld, url: str) -> tuple[int, int]:
    by_url = {
        "/api/plans/": (pw.secret_plan.pk, pw.open_plan.pk),
        "/api/goals/": (pw.secret_activity.goal_id, None),
        "/api/activities/": (pw.secret_activity.pk, pw.open_activity.pk),
        "/api/milestones/": (
            pw.secret_plan.milestones.get().pk,
            pw.decision_moment.pk,
        ),
        "/api/reporting-periods/": (None, pw.period.pk),
        "/api/progress-updates/": (pw.secret_update.pk, pw.open_update.pk),
        "/api/risks/": (pw.secret_risk.pk, pw.open_risk.pk),
    }
    return by_url[url]


# --- authentication and methods ---------------------------------------------------------------


@pytest.mark.parametrize("url", LISTS)
def test_it_answers_401_without_a_token(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("url", [u for u in LISTS if u != "/api/progress-updates/"])
def test_the_read_endpoints_refuse_writes(world, pw, as_person, url):
    client = as_person(world.secretary)
    assert client.post(url, {}, format="json").status_code == 405
    secret, open_ = _secret_and_open(pw, url)
    detail = f"{url}{secret or open_}/"
    assert client.get(detail).status_code == 200
    for method in (client.put, client.patch, client.delete):
        assert method(detail, {}, format="json").status_code == 405, (method, detail)
    pw.secret_plan.refresh_from_db()
    assert pw.secret_plan.title == "Jaarplan Regie"


# --- who sees what ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", LISTS)
def test_confidential_items_of_another_unit_are_404_and_unlisted(world, pw, as_person, url):
    secret, open_ = _secret_and_open(pw, url)
    outsider = as_person(world.outsider)
    secretary = as_person(world.secretary)
    seen_by_outsider = ids(outsider.get(url))
    seen_by_secretary = ids(secretary.get(url))
    if secret is not None:
        assert secret in seen_by_secretary
        assert secret not in seen_by_outsider
        response = outsider.get(f"{url}{secret}/")
        assert response.status_code == 404
        assert "Geheim" not in response.content.decode()
        assert secretary.get(f"{url}{secret}/").status_code == 200
    if open_ is not None:
        assert open_ in seen_by_outsider
        assert open_ in seen_by_secretary
        assert outsider.get(f"{url}{open_}/").status_code == 200


def test_an_external_member_sees_no_internal_plan_and_no_confidential_risk(world, pw, as_person):
    external = as_person(world.external)
    for url in ("/api/plans/", "/api/activities/", "/api/progress-updates/", "/api/risks/"):
        assert ids(external.get(url)) == set(), url
    assert external.get(f"/api/plans/{pw.open_plan.pk}/").status_code == 404
    assert external.get(f"/api/risks/{pw.secret_risk.pk}/").status_code == 404


def test_a_plan_shows_its_unit_and_status(world, pw, as_person):
    data = as_person(world.secretary).get(f"/api/plans/{pw.secret_plan.pk}/").json()
    assert data["title"] == "Jaarplan Regie"
    assert data["unit"] == {"id": pw.regie.pk, "name": "Team Regie"}
    assert (data["year"], data["kind"], data["status"]) == (2027, "year", "concept")
    assert data["confidentiality"] == "confidential"
    assert data["approved_by_decision"] is None
    assert data["version"] == 1


def test_the_approving_decision_is_shown_only_to_who_may_see_it(world, pw, as_person):
    meeting = Meeting.objects.get(body=world.confidential)
    secret_decision = decision(meeting=meeting, text="Jaarplan vastgesteld")
    Plan.objects.filter(pk=pw.open_plan.pk).update(
        status=Plan.Status.APPROVED, approved_by_decision=secret_decision
    )
    url = f"/api/plans/{pw.open_plan.pk}/"
    assert as_person(world.secretary).get(url).json()["approved_by_decision"] == secret_decision.pk
    data = as_person(world.outsider).get(url).json()
    assert data["status"] == "vastgesteld"
    assert data["approved_by_decision"] is None


def test_a_decision_moment_hides_a_meeting_the_caller_may_not_see(world, pw, as_person):
    url = f"/api/milestones/{pw.decision_moment.pk}/"
    mine = as_person(world.secretary).get(url).json()
    assert mine["kind"] == "decision_moment"
    assert mine["meeting"] == pw.decision_moment.meeting_id
    assert mine["activity"] == pw.open_activity.pk
    theirs = as_person(world.outsider).get(url).json()
    assert theirs["title"] == "Besluit nota"
    assert theirs["meeting"] is None


def test_an_activity_lists_only_the_decisions_the_caller_may_see(world, pw, as_person):
    open_decision = decision(meeting=factories.meeting(body=world.internal), text="Open")
    secret_decision = decision(meeting=Meeting.objects.get(body=world.confidential))
    pw.open_activity.decisions.add(open_decision, secret_decision)
    url = f"/api/activities/{pw.open_activity.pk}/"
    mine = as_person(world.secretary).get(url).json()
    assert sorted(mine["decisions"]) == sorted([open_decision.pk, secret_decision.pk])
    theirs = as_person(world.outsider).get(url).json()
    assert theirs["decisions"] == [open_decision.pk]
    assert theirs["owner"] == {"id": world.outsider.pk, "name": world.outsider.name}
    assert theirs["unit"]["name"] == "Team Beleid"
    assert (theirs["start"], theirs["end"], theirs["status"]) == (
        "2027-01-15",
        "2027-11-30",
        "planned",
    )


def test_a_progress_update_shows_its_period_and_author(world, pw, as_person):
    data = as_person(world.secretary).get(f"/api/progress-updates/{pw.secret_update.pk}/").json()
    assert data["activity"] == pw.secret_activity.pk
    assert data["period"] == {
        "id": pw.period.pk,
        "name": "Q1 2027",
        "start": "2027-01-01",
        "end": "2027-03-31",
    }
    assert (data["status"], data["percent"], data["text"]) == ("on_track", 50, "Geheim verloop")
    assert data["author"] is None


def test_a_risk_shows_its_measures_and_hides_links_the_caller_may_not_see(world, pw, as_person):
    url = f"/api/risks/{pw.open_risk.pk}/"
    mine = as_person(world.secretary).get(url).json()
    assert mine["activity"] == pw.secret_activity.pk
    assert mine["body"] == world.confidential.pk
    theirs = as_person(world.outsider).get(url).json()
    assert theirs["title"] == "Vertraging nota"
    assert (theirs["probability"], theirs["impact"], theirs["score"]) == (3, 3, 9)
    assert theirs["activity"] is None
    assert theirs["body"] is None
    assert [m["text"] for m in theirs["measures"]] == ["Extra capaciteit"]
    assert theirs["measures"][0]["owner"]["id"] == world.outsider.pk
    assert theirs["measures"][0]["status"] == "planned"
    assert theirs["measures"][0]["action"] is None


def test_a_plan_bound_period_is_seen_with_its_plan(world, pw, as_person):
    own = planning_factories.period(plan=pw.secret_plan, name="Regie-periode")
    assert own.pk in ids(as_person(world.secretary).get("/api/reporting-periods/"))
    outsider = as_person(world.outsider)
    assert own.pk not in ids(outsider.get("/api/reporting-periods/"))
    assert outsider.get(f"/api/reporting-periods/{own.pk}/").status_code == 404


# --- filters ----------------------------------------------------------------------------------


def test_plans_filter_by_year_unit_status_and_kind(world, pw, as_person):
    work = planning_factories.plan(unit=pw.beleid, kind=Plan.Kind.WORK, title="Werkplan")
    older = planning_factories.plan(unit=pw.beleid, year=2026, title="Jaarplan 2026")
    client = as_person(world.secretary)
    assert ids(client.get("/api/plans/", {"year": 2026})) == {older.pk}
    assert ids(client.get("/api/plans/", {"unit": pw.regie.pk})) == {pw.secret_plan.pk}
    assert ids(client.get("/api/plans/", {"kind": "work"})) == {work.pk}
    assert ids(client.get("/api/plans/", {"status": "vastgesteld"})) == set()
    assert len(ids(client.get("/api/plans/", {"status": "concept,vastgesteld"}))) == 4


def test_activities_filter_by_plan_unit_owner_goal_and_status(world, pw, as_person):
    done = planning_factories.activity(
        plan=pw.open_plan, owner=world.secretary, status=Activity.Status.DONE
    )
    client = as_person(world.secretary)
    assert ids(client.get("/api/activities/", {"plan": pw.open_plan.pk})) == {
        pw.open_activity.pk,
        done.pk,
    }
    assert ids(client.get("/api/activities/", {"unit": pw.regie.pk})) == {pw.secret_activity.pk}
    assert ids(client.get("/api/activities/", {"owner": world.secretary.pk})) == {done.pk}
    assert ids(client.get("/api/activities/", {"status": "done"})) == {done.pk}
    goal = pw.secret_activity.goal_id
    assert ids(client.get("/api/activities/", {"goal": goal})) == {pw.secret_activity.pk}


def test_milestones_filter_by_kind_and_dates(world, pw, as_person):
    later = planning_factories.milestone(plan=pw.open_plan, date=date(2027, 9, 1))
    client = as_person(world.secretary)
    assert ids(client.get("/api/milestones/", {"kind": "decision_moment"})) == {
        pw.decision_moment.pk
    }
    assert ids(client.get("/api/milestones/", {"from": "2027-07-01"})) == {later.pk}
    assert later.pk not in ids(client.get("/api/milestones/", {"to": "2027-07-01"}))
    assert ids(client.get("/api/milestones/", {"plan": pw.open_plan.pk, "kind": "milestone"})) == {
        later.pk
    }
    assert Milestone.objects.filter(plan=pw.open_plan).count() == 2


def test_progress_filters_by_plan_period_unit_and_status(world, pw, as_person):
    q2 = planning_factories.period(
        name="Q2 2027", start=date(2027, 4, 1), end=date(2027, 6, 30), deadline=date(2027, 7, 14)
    )
    late = planning_factories.update(
        activity=pw.open_activity, period=q2, status="off_track", text="Vertraagd"
    )
    client = as_person(world.secretary)
    url = "/api/progress-updates/"
    assert ids(client.get(url, {"plan": pw.open_plan.pk})) == {pw.open_update.pk, late.pk}
    assert ids(client.get(url, {"period": q2.pk})) == {late.pk}
    assert ids(client.get(url, {"unit": pw.regie.pk})) == {pw.secret_update.pk}
    assert ids(client.get(url, {"status": "off_track,at_risk"})) == {late.pk}
    assert ids(client.get(url, {"activity": pw.secret_activity.pk})) == {pw.secret_update.pk}
    assert ids(client.get("/api/reporting-periods/", {"year": 2027})) == {pw.period.pk, q2.pk}


def test_risks_filter_by_unit_with_units_below_status_and_score(world, pw, as_person):
    below = factories.unit(name="Cluster Regie", parent=pw.regie)
    small = risk_factories.risk(unit=below, owner=world.member, probability=1, impact=2)
    closed = risk_factories.risk(unit=pw.beleid, owner=world.member, status="closed")
    client = as_person(world.secretary)
    assert ids(client.get("/api/risks/", {"unit": pw.regie.pk})) == {pw.secret_risk.pk, small.pk}
    assert ids(client.get("/api/risks/", {"status": "closed"})) == {closed.pk}
    assert ids(client.get("/api/risks/", {"min_score": 10})) == {pw.secret_risk.pk}
    assert ids(client.get("/api/risks/", {"owner": world.outsider.pk})) == {pw.open_risk.pk}
    listed = client.get("/api/risks/").json()["results"]
    assert [r["score"] for r in listed] == sorted((r["score"] for r in listed), reverse=True)


@pytest.mark.parametrize(
    ("url", "params", "field", "word"),
    [
        ("/api/plans/", {"year": "twee"}, "year", "Geef het jaar"),
        ("/api/plans/", {"status": "klaar"}, "status", "Onbekende status"),
        ("/api/plans/", {"kind": "meerjarig"}, "kind", "Onbekende soort"),
        ("/api/activities/", {"plan": "-1"}, "plan", "Geef het plan"),
        ("/api/activities/", {"owner": "²"}, "owner", "Geef de eigenaar"),
        ("/api/milestones/", {"from": "1-1-2027"}, "from", "JJJJ-MM-DD"),
        ("/api/milestones/", {"to": "2027-13-01"}, "to", "JJJJ-MM-DD"),
        ("/api/progress-updates/", {"period": "17008796852294883737600"}, "period", "Geef"),
        ("/api/progress-updates/", {"status": "groen"}, "status", "Onbekende status"),
        ("/api/risks/", {"min_score": "hoog"}, "min_score", "Geef de minimale score"),
        ("/api/risks/", {"unit": "1e3"}, "unit", "Geef het organisatieonderdeel"),
    ],
)
def test_a_bad_filter_is_refused_in_dutch(world, pw, as_person, url, params, field, word):
    response = as_person(world.secretary).get(url, params)
    assert response.status_code == 400
    assert word in response.json()[field][0]


# --- query counts -----------------------------------------------------------------------------


def _grow(world, pw: PlanningWorld, n: int) -> None:
    """n more of everything, in both plans, with links the serializers show."""
    meeting = Meeting.objects.get(body=world.confidential)
    for i in range(n):
        for plan in (pw.secret_plan, pw.open_plan):
            activity = planning_factories.activity(plan=plan, owner=world.member)
            activity.decisions.add(decision(meeting=meeting))
            planning_factories.goal(plan=plan)
            planning_factories.plan(
                unit=plan.unit,
                kind=Plan.Kind.WORK,
                title=f"Werkplan {i}",
                confidentiality=plan.confidentiality,
                approved_by_decision=decision(meeting=meeting),
            )
            planning_factories.milestone(
                plan=plan, activity=activity, meeting=meeting, kind="decision_moment"
            )
            planning_factories.update(activity=activity, period=pw.period)
            risk = risk_factories.risk(unit=plan.unit, owner=world.member, activity=activity)
            risk_factories.measure(risk=risk, owner=world.member)
        planning_factories.period(name=f"Maand {i}")


@pytest.mark.parametrize("url", LISTS)
@pytest.mark.parametrize("who", ["secretary", "outsider"])
def test_a_list_costs_the_same_number_of_queries_whatever_its_length(
    world, pw, as_person, url, who
):
    client = as_person(getattr(world, who))
    _grow(world, pw, 1)
    small, response = count_queries(client, url)
    assert response.json()["count"] >= 1
    _grow(world, pw, 6)
    large, response = count_queries(client, url)
    assert response.json()["count"] >= 6
    assert large == small, (url, small, large)
    assert large <= 8, (url, large)


# --- schema -----------------------------------------------------------------------------------


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200
    return response.json()


def test_the_schema_describes_the_endpoints_and_their_filters(schema):
    paths = schema["paths"]
    for url in LISTS:
        assert set(paths[url]) == ({"get", "post"} if "progress" in url else {"get"}), url
    assert set(paths["/api/progress-updates/{id}/"]) == {"get", "patch"}
    assert "409" in paths["/api/progress-updates/{id}/"]["patch"]["responses"]

    def params(url: str) -> set[str]:
        return {p["name"] for p in paths[url]["get"]["parameters"]}

    assert {"year", "unit", "status", "kind", "limit", "offset"} <= params("/api/plans/")
    assert {"plan", "unit", "owner", "status"} <= params("/api/activities/")
    assert {"plan", "kind", "from", "to"} <= params("/api/milestones/")
    assert {"plan", "period", "unit", "status", "activity"} <= params("/api/progress-updates/")
    assert {"unit", "status", "owner", "min_score"} <= params("/api/risks/")
    names = set(schema["components"]["schemas"])
    assert {
        "Plan",
        "Goal",
        "Activity",
        "Milestone",
        "Period",
        "ProgressUpdate",
        "ProgressCreate",
        "ProgressChange",
        "StaleProgress",
        "Risk",
        "Measure",
        "ProgressStatusEnum",
        "MilestoneKindEnum",
        "RiskStatusEnum",
    } <= names
