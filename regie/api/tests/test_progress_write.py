"""Writing progress updates over the API: create, change with the version last seen, refuse."""

from __future__ import annotations

from datetime import date

import pytest

from regie.planning.models import ProgressUpdate
from regie.planning.tests import factories as planning_factories
from tests.attacks.payloads import ALL, LONG, TOO_LONG

from .planning_world import PlanningWorld, build

pytestmark = pytest.mark.django_db

URL = "/api/progress-updates/"


@pytest.fixture
def pw(world) -> PlanningWorld:
    return build(world)


@pytest.fixture
def q2(pw):
    return planning_factories.period(
        name="Q2 2027", start=date(2027, 4, 1), end=date(2027, 6, 30), deadline=date(2027, 7, 14)
    )


def _new(pw: PlanningWorld, period, /, **kw) -> dict:
    return {
        "activity": pw.open_activity.pk,
        "period": period.pk,
        "status": "at_risk",
        "percent": 40,
        "text": "Wacht op advies",
    } | kw


def _unchanged(update: ProgressUpdate) -> None:
    stored = ProgressUpdate.objects.get(pk=update.pk)
    assert (stored.status, stored.percent, stored.text, stored.version) == (
        update.status,
        update.percent,
        update.text,
        update.version,
    )


# --- create -----------------------------------------------------------------------------------


def test_the_owner_reports_progress_for_a_new_period(world, pw, q2, as_person):
    response = as_person(world.outsider).post(URL, _new(pw, q2), format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["activity"] == pw.open_activity.pk
    assert data["period"]["name"] == "Q2 2027"
    assert (data["status"], data["percent"], data["text"]) == ("at_risk", 40, "Wacht op advies")
    assert data["author"] == {"id": world.outsider.pk, "name": world.outsider.name}
    assert data["version"] == 1
    stored = ProgressUpdate.objects.get(pk=data["id"])
    assert stored.author == world.outsider
    assert stored.history.latest().history_user == world.outsider.user


def test_the_secretary_reports_for_an_activity_of_someone_else(world, pw, q2, as_person):
    response = as_person(world.secretary).post(URL, _new(pw, q2), format="json")
    assert response.status_code == 201, response.content
    assert response.json()["author"]["id"] == world.secretary.pk


def test_someone_who_is_not_the_owner_may_not_report(world, pw, q2, as_person):
    pw.open_activity.owner = world.member
    pw.open_activity.save()
    response = as_person(world.outsider).post(URL, _new(pw, q2), format="json")
    assert response.status_code == 403
    assert "eigenaar" in response.json()["detail"]
    assert not ProgressUpdate.objects.filter(period=q2).exists()


def test_an_activity_the_caller_may_not_see_is_unknown(world, pw, q2, as_person):
    data = _new(pw, q2, activity=pw.secret_activity.pk)
    response = as_person(world.outsider).post(URL, data, format="json")
    assert response.status_code == 400
    assert response.json()["activity"] == ["Onbekende activiteit."]
    assert not ProgressUpdate.objects.filter(period=q2).exists()


def test_a_second_update_for_the_same_period_is_refused_with_the_current_one(world, pw, as_person):
    response = as_person(world.outsider).post(URL, _new(pw, pw.period), format="json")
    assert response.status_code == 409
    body = response.json()
    assert "al bijgewerkt" in body["detail"]
    assert body["current"]["id"] == pw.open_update.pk
    assert body["current"]["text"] == "Loopt"
    _unchanged(pw.open_update)


@pytest.mark.parametrize(
    ("change", "field", "word"),
    [
        ({"percent": 101}, "percent", "tussen 0 en 100"),
        ({"percent": -1}, "percent", "tussen 0 en 100"),
        ({"percent": "veel"}, "percent", "geheel getal"),
        ({"status": "groen"}, "status", "Onbekende status"),
        ({"status": "off_track", "text": "  "}, "text", "Licht toe"),
        ({"text": "x" * 5001}, "text", "te lang"),
        ({"activity": "twee"}, "activity", "geldig nummer"),
        ({"period": 2**40}, "period", "Onbekende rapportageperiode"),
    ],
)
def test_bad_input_is_refused_in_dutch_and_stores_nothing(
    world, pw, q2, as_person, change, field, word
):
    response = as_person(world.outsider).post(URL, _new(pw, q2, **change), format="json")
    assert response.status_code == 400, response.content
    assert word in str(response.json()[field])
    assert not ProgressUpdate.objects.filter(period=q2).exists()


def test_a_period_of_another_plan_is_refused(world, pw, as_person):
    other = planning_factories.period(plan=pw.secret_plan, name="Regie Q2")
    response = as_person(world.secretary).post(URL, _new(pw, other), format="json")
    assert response.status_code == 400
    assert "ander plan" in response.json()["period"][0]
    assert not ProgressUpdate.objects.filter(period=other).exists()


def test_a_period_of_another_year_is_refused(world, pw, as_person):
    other = planning_factories.period(year=2028, name="Q1 2028")
    response = as_person(world.secretary).post(URL, _new(pw, other), format="json")
    assert response.status_code == 400
    assert "ander jaar" in response.json()["period"][0]


def test_without_a_token_nothing_is_written(client, pw, q2):
    assert client.post(URL, _new(pw, q2), content_type="application/json").status_code == 401
    response = client.patch(
        f"{URL}{pw.open_update.pk}/", {"version": 1}, content_type="application/json"
    )
    assert response.status_code == 401
    assert not ProgressUpdate.objects.filter(period=q2).exists()


# --- change -----------------------------------------------------------------------------------


def test_the_owner_changes_the_version_last_seen(world, pw, as_person):
    change = {"status": "off_track", "percent": 30, "text": "Advies te laat", "version": 1}
    response = as_person(world.outsider).patch(f"{URL}{pw.open_update.pk}/", change, format="json")
    assert response.status_code == 200, response.content
    data = response.json()
    assert (data["status"], data["percent"], data["text"]) == ("off_track", 30, "Advies te laat")
    assert data["version"] == 2
    assert data["author"]["id"] == world.outsider.pk
    stored = ProgressUpdate.objects.get(pk=pw.open_update.pk)
    assert (stored.status, stored.version) == ("off_track", 2)


def test_a_stale_change_is_refused_with_the_current_update(world, pw, as_person):
    client = as_person(world.outsider)
    url = f"{URL}{pw.open_update.pk}/"
    first = {"status": "on_track", "percent": 60, "text": "", "version": 1}
    assert client.patch(url, first, format="json").status_code == 200
    stale = {"status": "at_risk", "percent": 55, "text": "Later", "version": 1}
    response = client.patch(url, stale, format="json")
    assert response.status_code == 409
    body = response.json()
    assert "niet opgeslagen" in body["detail"]
    assert (body["current"]["percent"], body["current"]["version"]) == (60, 2)
    stored = ProgressUpdate.objects.get(pk=pw.open_update.pk)
    assert (stored.status, stored.percent, stored.version) == ("on_track", 60, 2)


def test_a_change_needs_the_version(world, pw, as_person):
    change = {"status": "on_track", "percent": 70}
    response = as_person(world.outsider).patch(f"{URL}{pw.open_update.pk}/", change, format="json")
    assert response.status_code == 400
    assert "version" in response.json()
    _unchanged(pw.open_update)


def test_a_bad_change_is_refused_and_changes_nothing(world, pw, as_person):
    change = {"status": "at_risk", "percent": 70, "text": "", "version": 1}
    response = as_person(world.outsider).patch(f"{URL}{pw.open_update.pk}/", change, format="json")
    assert response.status_code == 400
    assert "Licht toe" in response.json()["text"][0]
    _unchanged(pw.open_update)


def test_an_update_of_someone_elses_activity_is_403(world, pw, as_person):
    update = planning_factories.update(
        activity=planning_factories.activity(plan=pw.open_plan, owner=world.member),
        period=pw.period,
    )
    change = {"status": "on_track", "percent": 90, "version": 1}
    response = as_person(world.outsider).patch(f"{URL}{update.pk}/", change, format="json")
    assert response.status_code == 403
    _unchanged(update)


def test_a_confidential_update_of_another_unit_is_404(world, pw, as_person):
    change = {"status": "on_track", "percent": 90, "version": 1}
    response = as_person(world.outsider).patch(
        f"{URL}{pw.secret_update.pk}/", change, format="json"
    )
    assert response.status_code == 404
    assert "Geheim" not in response.content.decode()
    _unchanged(pw.secret_update)


def test_put_and_delete_are_not_allowed(world, pw, as_person):
    client = as_person(world.secretary)
    url = f"{URL}{pw.open_update.pk}/"
    assert client.put(url, {}, format="json").status_code == 405
    assert client.delete(url).status_code == 405
    assert ProgressUpdate.objects.filter(pk=pw.open_update.pk).exists()


# --- hostile input ----------------------------------------------------------------------------


@pytest.mark.parametrize("payload", ALL, ids=lambda p: p[:20])
def test_hostile_text_is_stored_as_typed_or_refused_as_too_long(world, pw, q2, as_person, payload):
    client = as_person(world.outsider)
    response = client.post(URL, _new(pw, q2, text=payload), format="json")
    assert response.status_code < 500
    if payload == LONG:
        assert response.status_code == 400
        assert any(word in str(response.json()) for word in TOO_LONG)
        assert not ProgressUpdate.objects.filter(period=q2).exists()
        return
    assert response.status_code == 201, response.content
    assert response.json()["text"] == payload
    assert ProgressUpdate.objects.get(period=q2).text == payload
    change = {"status": "at_risk", "percent": 45, "text": payload + "!", "version": 1}
    changed = client.patch(f"{URL}{response.json()['id']}/", change, format="json")
    assert changed.status_code == 200, changed.content
    assert changed.json()["text"] == payload + "!"


@pytest.mark.parametrize("payload", ALL, ids=lambda p: p[:20])
def test_hostile_query_parameters_are_refused_or_ignored_never_a_crash(
    world, pw, as_person, payload
):
    client = as_person(world.secretary)
    names = ("plan", "unit", "owner", "status", "kind", "year", "period", "from", "to", "min_score")
    for url in ("/api/plans/", "/api/milestones/", "/api/progress-updates/", "/api/risks/"):
        for name in names:
            response = client.get(url, {name: payload})
            assert response.status_code in (200, 400), f"{url}?{name}=…: {response.status_code}"
