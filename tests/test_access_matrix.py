"""The access matrix: every URL of the project, opened by every role.

The URLs come from the URL configuration itself, so a new page is checked the moment it is
added. Each parameter is filled with the object of its kind that belongs to the confidential
body (see tests/access_matrix/urls.py for the table), and then:

- anonymous is sent to the login page (the API answers 401/403);
- an employee who is no member, and an external member, get 404 or 403 and never see any of
  the confidential body's objects, on any page;
- the confidential body's secretary and a superuser get the page (200), a redirect, or 405
  for a URL that only takes POST;
- a calendar feed with a wrong token is 404 for everybody;
- no response is ever a server error.
"""

from __future__ import annotations

import pytest
from django.test import Client

from tests.access_matrix.urls import (
    PUBLIC,
    QUERIES,
    SHARED_KINDS,
    SKIPPED,
    Route,
    UnfilledParameter,
    all_routes,
    fill,
    kind_of,
)
from tests.access_matrix.world import MARKER, WRONG_TOKEN, build_world

try:
    ROUTES = all_routes()
    WALK_ERROR = ""
except UnfilledParameter as error:  # reported by test_every_url_can_be_walked
    ROUTES = []
    WALK_ERROR = str(error)

NON_MEMBERS = ("outsider", "external")
MANAGERS = ("secretary", "superuser")
LOGIN_PREFIX = "/inloggen/"


def content_of(response) -> bytes:
    if getattr(response, "streaming", False):
        # The test client closes the response once the content is read.
        return b"".join(response.streaming_content)
    return response.content


def call(user, method: str, url: str):
    """(status, location, body) of one request, or a crash as status 500 with the error."""
    client = Client()
    if user is not None:
        client.force_login(user)
    try:
        response = client.get(url) if method == "GET" else client.post(url, {})
    except Exception as error:  # a crash is a finding, reported with the rest
        return 500, "", f"{type(error).__name__}: {error}".encode()
    return response.status_code, response.get("Location", ""), content_of(response)


def _values(world, route: Route) -> tuple[dict[str, str], set[str]]:
    values: dict[str, str] = {}
    kinds: set[str] = set()
    for param in route.params:
        kind = kind_of(route, param)
        kinds.add(kind)
        if kind == "wrong_token":
            values[param] = WRONG_TOKEN
        else:
            try:
                values[param] = str(world.confidential_object(kind).pk)
            except KeyError:
                pytest.fail(
                    f"{route.name}: the world has no object of kind {kind!r}; add a maker to "
                    "tests/access_matrix/world.py"
                )
    return values, kinds


def _check(route: Route, world) -> list[str]:
    values, kinds = _values(world, route)
    for needed in QUERIES.get(route.name, ("", ()))[1]:
        world.confidential_object(needed)
    url = fill(route, values)
    owned = bool(kinds - SHARED_KINDS - {"wrong_token"})
    problems: list[str] = []

    def problem(role: str, method: str, status: int, what: str, body: bytes = b"") -> None:
        detail = body[:300].decode(errors="replace") if status == 500 else ""
        problems.append(f"{route.name} {method} {url} as {role}: {what} (got {status}) {detail}")

    for role, user in world.users().items():
        status, location, body = call(user, "GET", url)
        if status >= 500:
            problem(role, "GET", status, "server error", body)
            continue
        if role != "anonymous" and role not in MANAGERS and MARKER.encode() in body:
            problem(role, "GET", status, "shows the confidential body's objects")
        if "wrong_token" in kinds:
            if status != 404:
                problem(role, "GET", status, "a wrong token must give 404")
            continue
        if role == "anonymous":
            if route.name in PUBLIC:
                continue
            if route.is_api:
                if status not in (401, 403):
                    problem(role, "GET", status, "the API must answer 401/403 without login")
            elif status != 302 or not location.startswith(LOGIN_PREFIX):
                problem(role, "GET", status, "must be sent to the login page")
            if MARKER.encode() in body:
                problem(role, "GET", status, "shows the confidential body's objects")
        elif role in NON_MEMBERS:
            if owned and status not in (403, 404, 405):
                problem(role, "GET", status, "must get 404 or 403 (405 when POST only)")
        elif status not in (200, 302, 405):
            problem(role, "GET", status, "must get the page (200), a redirect or 405")

    if owned and "wrong_token" not in kinds:
        for role in ("anonymous", *NON_MEMBERS):
            status, location, body = call(world.users()[role], "POST", url)
            if status >= 500:
                problem(role, "POST", status, "server error", body)
            elif MARKER.encode() in body:
                problem(role, "POST", status, "shows the confidential body's objects")
            elif role == "anonymous":
                to_login = status == 302 and location.startswith(LOGIN_PREFIX)
                if not (to_login or status in (401, 403, 405)):
                    problem(role, "POST", status, "must be refused or sent to the login page")
            elif status not in (403, 404, 405):
                problem(role, "POST", status, "must be refused with 404, 403 or 405")
    return problems


def test_every_url_can_be_walked():
    assert not WALK_ERROR, WALK_ERROR
    assert ROUTES, "the URL configuration gave no URLs"


def test_every_parameter_of_every_url_is_filled_by_a_rule():
    missing = []
    for route in ROUTES:
        for param in route.params:
            try:
                kind_of(route, param)
            except UnfilledParameter as error:
                missing.append(str(error))
    assert not missing, "\n".join(missing)


def test_every_skip_and_public_url_has_a_reason():
    assert all(reason.strip() for reason in (*SKIPPED.values(), *PUBLIC.values()))
    names = {route.name for route in ROUTES}
    assert set(PUBLIC) <= names, "PUBLIC names a URL that no longer exists"
    assert set(QUERIES) <= names, "QUERIES names a URL that no longer exists"


@pytest.mark.django_db
@pytest.mark.parametrize("route", ROUTES, ids=[r.name for r in ROUTES])
def test_each_role_gets_what_it_may_see_and_nothing_else(route: Route):
    world = build_world()
    problems = _check(route, world)
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
def test_the_confidential_objects_are_there_for_those_who_may_see_them():
    """Guards the matrix itself: the secretary does see the marker on the body's page."""
    world = build_world()
    status, _, body = call(
        world.secretary.user, "GET", f"/vergaderingen/gremia/{world.confidential.pk}/"
    )
    assert status == 200
    assert MARKER.encode() in body
    status, _, body = call(world.outsider.user, "GET", "/vergaderingen/gremia/")
    assert status == 200
    assert MARKER.encode() not in body
