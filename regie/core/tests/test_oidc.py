"""Single sign-on: the `roles` claim (Entra ID app roles) becomes the user's Django groups."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from regie.core.oidc import RoleClaimOIDCBackend

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend(settings, monkeypatch):
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://login.example.org/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://login.example.org/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = "https://login.example.org/keys"
    settings.OIDC_RP_CLIENT_ID = "regie"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    return RoleClaimOIDCBackend()


def claims(**kw):
    return {
        "email": "anna@example.org",
        "given_name": "Anna",
        "family_name": "de Vries",
        "roles": ["secretaris", "regie-beheer"],
    } | kw


def _login(backend, monkeypatch, payload):
    """The backend's own path from a verified token to a user, with the userinfo call faked."""
    monkeypatch.setattr(backend, "get_userinfo", lambda *args: payload)
    return backend.get_or_create_user("access-token", "id-token", {})


def test_a_first_login_creates_the_user_with_name_and_role_groups(backend, monkeypatch):
    user = _login(backend, monkeypatch, claims())
    user.refresh_from_db()
    assert (user.email, user.first_name, user.last_name) == (
        "anna@example.org",
        "Anna",
        "de Vries",
    )
    assert sorted(user.groups.values_list("name", flat=True)) == ["regie-beheer", "secretaris"]


def test_a_next_login_follows_role_changes(backend, monkeypatch):
    user = _login(backend, monkeypatch, claims())
    again = _login(backend, monkeypatch, claims(roles=["medewerker"], family_name="Jansen"))
    assert again.pk == user.pk
    again.refresh_from_db()
    assert again.last_name == "Jansen"
    assert list(again.groups.values_list("name", flat=True)) == ["medewerker"]
    assert get_user_model().objects.count() == 1
    # the group itself stays; only the membership is removed
    assert Group.objects.filter(name="secretaris").exists()


def test_no_roles_claim_means_no_groups_and_keeps_the_name(backend):
    user = get_user_model().objects.create_user("x", email="x@example.org", first_name="Bep")
    user.groups.add(Group.objects.create(name="oud"))
    backend.update_user(user, {"email": "x@example.org"})
    user.refresh_from_db()
    assert user.first_name == "Bep"
    assert not user.groups.exists()


def test_the_groups_claim_is_ignored(backend):
    user = backend.create_user(claims(roles=[], groups=["g-1234-guid"]))
    assert not user.groups.exists()
    assert not Group.objects.filter(name="g-1234-guid").exists()


def test_create_user_stores_the_email_from_the_claims(backend):
    user = backend.create_user(claims())
    assert user.email == "anna@example.org"
    assert user.username  # derived from the e-mail by the library


def test_roles_in_the_id_token_count_when_userinfo_has_none(backend, monkeypatch):
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    userinfo = {"email": "anna@example.org", "given_name": "Anna", "family_name": "de Vries"}
    monkeypatch.setattr(OIDCAuthenticationBackend, "get_userinfo", lambda *args: userinfo)
    user = backend.get_or_create_user("access-token", "id-token", {"roles": ["secretaris"]})
    assert set(user.groups.values_list("name", flat=True)) == {"secretaris"}


@pytest.fixture
def sso_urls(settings):
    """The URL configuration as it is built when single sign-on is switched on."""
    import importlib

    from django.urls import clear_url_caches

    import regie.urls

    settings.OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "regie"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://login.example.org/authorize"
    importlib.reload(regie.urls)
    clear_url_caches()
    yield
    settings.OIDC_ENABLED = False
    importlib.reload(regie.urls)
    clear_url_caches()


def test_sign_in_with_sso_starts_without_a_login_and_is_offered(client, sso_urls):
    response = client.get("/oidc/authenticate/")
    assert response.status_code == 302
    assert response["Location"].startswith("https://login.example.org/authorize?")
    callback = client.get("/oidc/callback/")
    assert "next=" not in callback.get("Location", "")  # handled by the callback, not the login
    html = client.get("/inloggen/").content.decode()
    assert 'href="/oidc/authenticate/"' in html
