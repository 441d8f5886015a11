"""Every write needs the CSRF token: walked from the URL configuration itself.

A logged-in user whose browser is tricked into posting (POST, PUT, PATCH, DELETE) to any URL
of the project without the token gets 403 and nothing changes: the row counts of every
model of the project are the same before and after. The API takes a token in the
Authorization header, which a browser never sends by itself, so token calls need no CSRF
token; the API's session login does enforce it.
"""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from rest_framework.authtoken.models import Token

from regie.actions.models import Action
from tests.access_matrix.urls import RULES
from tests.access_matrix.world import WRONG_TOKEN, World, build_world

pytestmark = pytest.mark.django_db

WRITES = ("post", "put", "patch", "delete")


def _routes(patterns=None, prefix: str = "", namespaces: tuple[str, ...] = ()):
    """(name, route) of every path() in the URL configuration, the admin and login too."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            ns = (*namespaces, entry.namespace) if entry.namespace else namespaces
            yield from _routes(entry.url_patterns, route, ns)
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern):
            yield ":".join((*namespaces, entry.name or "?")), route


def _value(world: World, name: str, param: str, converter: str) -> str:
    for name_pattern, rule_param, kind in RULES:
        if rule_param == param and re.search(name_pattern, name):
            if kind == "wrong_token":
                return WRONG_TOKEN
            try:
                return str(world.confidential_object(kind).pk)
            except KeyError:
                break
    return "1" if converter == "int" else "x"


def _url(world: World, name: str, route: str) -> str:
    def fill(match: re.Match) -> str:
        return _value(world, name, match.group(2), match.group(1) or "str")

    return "/" + re.sub(r"<(?:(\w+):)?(\w+)>", fill, route)


def _counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for config in apps.get_app_configs()
        if config.name.startswith("regie.")
        for model in config.get_models()
    }


def _strict_client(user) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    return client


def test_the_walk_finds_the_write_urls():
    names = {name for name, _ in _routes()}
    for needed in ("actions:create", "documents:upload", "api:action-list", "admin:index"):
        assert needed in names


def test_every_write_without_the_csrf_token_is_refused_and_changes_nothing():
    world = build_world()
    for kind in ("hiring_request", "candidate", "contract", "word_template"):
        world.confidential_object(kind)
    client = _strict_client(world.superuser.user)
    problems: list[str] = []
    checked = 0
    for name, route in sorted(set(_routes())):
        url = _url(world, name, route)
        before = _counts()
        for method in WRITES:
            response = getattr(client, method)(url, {"title": "x", "file": "x"})
            checked += 1
            if response.status_code != 403:
                problems.append(f"{method.upper()} {url} ({name}): {response.status_code}")
        if (after := _counts()) != before:
            changed = {k: (before[k], after[k]) for k in after if after[k] != before[k]}
            problems.append(f"{url} ({name}) changed rows without a token: {changed}")
    assert checked > 300
    assert not problems, "\n".join(problems)


def test_the_refusal_comes_from_the_missing_token():
    """The same post with the token is taken, so the 403s above are the CSRF check."""
    world = build_world()
    client = _strict_client(world.secretary.user)
    client.get("/acties/nieuw/")
    token = client.cookies["csrftoken"].value
    data = {
        "title": "Met token",
        "owner": world.member.pk,
        "due_date": "2027-01-15",
        "confidentiality": "internal",
    }
    assert client.post("/acties/nieuw/", data).status_code == 403
    assert client.post("/acties/nieuw/", {**data, "csrfmiddlewaretoken": token}).status_code == 302
    assert Action.objects.filter(title="Met token").count() == 1


def test_the_api_with_a_session_enforces_csrf_and_with_a_token_needs_none():
    world = build_world()
    data = {
        "title": "Via de API",
        "owner": world.member.pk,
        "body": world.confidential.pk,
        "due_date": "2027-01-15",
    }
    session = _strict_client(world.secretary.user)
    assert session.get("/api/actions/").status_code == 200  # the session is accepted
    response = session.post("/api/actions/", data, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    action = world.confidential_object("action")
    patch = session.patch(
        f"/api/actions/{action.pk}/",
        {"status": "done", "note": "x", "version": action.version},
        content_type="application/json",
    )
    assert patch.status_code == 403
    assert not Action.objects.filter(title="Via de API").exists()
    assert Action.objects.get(pk=action.pk).status == action.status

    token, _ = Token.objects.get_or_create(user=world.secretary.user)
    bearer = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")
    response = bearer.post("/api/actions/", data, content_type="application/json")
    assert response.status_code == 201, response.content
    assert Action.objects.filter(title="Via de API").count() == 1
