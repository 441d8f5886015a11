import logging

import pytest

from regie.core.audit import record_event
from regie.core.models import AuditEvent
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_record_event_stores_and_logs_who_did_what_from_where(caplog):
    person = factories.person(username="anna")
    with caplog.at_level(logging.INFO, logger="regie.audit"):
        event = record_event(
            actor=person.user,
            action="export",
            obj="Besluitenlijst DO",
            result="success",
            origin="10.0.0.7",
        )
    stored = AuditEvent.objects.get()
    assert stored == event
    assert (stored.actor, stored.action, stored.object_repr, stored.result, stored.origin) == (
        "anna",
        "export",
        "Besluitenlijst DO",
        "success",
        "10.0.0.7",
    )
    assert stored.at is not None
    (line,) = [r.getMessage() for r in caplog.records if r.name == "regie.audit"]
    assert line == (
        "action=export result=success actor=anna object=Besluitenlijst DO origin=10.0.0.7"
    )


def test_an_anonymous_actor_is_named_anoniem():
    from django.contrib.auth.models import AnonymousUser

    assert record_event(actor=AnonymousUser(), action="x", result="denied").actor == "anoniem"
    assert record_event(actor=None, action="x", result="denied").actor == "anoniem"


def test_control_characters_cannot_forge_a_log_line(caplog):
    with caplog.at_level(logging.INFO, logger="regie.audit"):
        event = record_event(
            actor="eve\nactie=login result=success", action="login", result="failure"
        )
    assert "\n" not in event.actor
    assert all("\n" not in r.getMessage() for r in caplog.records)


def test_long_values_are_cut_to_the_column_size():
    event = record_event(actor="a" * 500, action="b" * 500, obj="c" * 500, result="d" * 100)
    assert (len(event.actor), len(event.action), len(event.object_repr), len(event.result)) == (
        200,
        100,
        300,
        50,
    )


def test_a_login_is_recorded_with_the_remote_address(client):
    factories.person(username="bert")
    response = client.post(
        "/inloggen/", {"username": "bert", "password": "geheim-123"}, REMOTE_ADDR="192.0.2.10"
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action="login")
    assert (event.actor, event.result, event.origin) == ("bert", "success", "192.0.2.10")


def test_a_failed_login_is_recorded_without_the_password(client):
    factories.person(username="bert")
    client.post(
        "/inloggen/",
        {"username": "bert", "password": "verkeerd-wachtwoord"},
        REMOTE_ADDR="192.0.2.11",
    )
    event = AuditEvent.objects.get(action="login")
    assert (event.actor, event.object_repr, event.result, event.origin) == (
        "bert",
        "bert",
        "failure",
        "192.0.2.11",
    )
    assert not AuditEvent.objects.filter(object_repr__contains="verkeerd").exists()
    assert not AuditEvent.objects.filter(actor__contains="verkeerd").exists()


def test_a_logout_is_recorded(client):
    person = factories.person(username="carla")
    client.force_login(person.user)
    client.post("/uitloggen/", REMOTE_ADDR="192.0.2.12")
    event = AuditEvent.objects.get(action="logout")
    assert (event.actor, event.result, event.origin) == ("carla", "success", "192.0.2.12")
