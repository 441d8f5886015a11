import pytest
from django.core.management import CommandError, call_command
from rest_framework.authtoken.models import Token

from regie.core.models import AuditEvent
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_the_command_prints_the_users_token_and_keeps_it(capsys):
    person = factories.person(username="koppeling")
    call_command("api_token", "koppeling")
    first = capsys.readouterr().out.strip()
    assert first == Token.objects.get(user=person.user).key
    call_command("api_token", "koppeling")
    assert capsys.readouterr().out.strip() == first
    assert AuditEvent.objects.filter(action="api_token_issue", object_repr="koppeling").count() == 2


def test_renew_replaces_the_token(capsys):
    factories.person(username="koppeling")
    call_command("api_token", "koppeling")
    first = capsys.readouterr().out.strip()
    call_command("api_token", "koppeling", "--renew")
    second = capsys.readouterr().out.strip()
    assert second != first
    assert not Token.objects.filter(key=first).exists()


def test_an_unknown_user_is_a_clear_error():
    with pytest.raises(CommandError, match="Onbekende of inactieve gebruiker: niemand"):
        call_command("api_token", "niemand")
    assert not Token.objects.exists()


def test_the_token_works_on_the_api(client, capsys):
    factories.person(username="koppeling")
    call_command("api_token", "koppeling")
    key = capsys.readouterr().out.strip()
    assert client.get("/api/bodies/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200


def test_an_administrator_creates_a_token_in_the_admin(admin_client):
    person = factories.person(username="koppeling")
    response = admin_client.post(
        "/beheer/authtoken/tokenproxy/add/", {"user": person.user.pk}, follow=True
    )
    assert response.status_code == 200
    assert Token.objects.filter(user=person.user).exists()
