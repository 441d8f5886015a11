"""The API fuzzed from its own OpenAPI schema: no request, valid or not, gives a server error.

Schemathesis generates requests for every operation of the schema (both requests that fit
the schema and requests that break it) and sends them, with an API token, to the Django app
in this process, on a small world of data. A bounded number of examples per operation keeps
the run within a few minutes.
"""

from __future__ import annotations

import json
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, given, settings
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.access_matrix.world import build_world

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

MAX_EXAMPLES = 25


def _schema():
    """The schema as the API serves it at /api/schema/, on the Django app in this process."""
    response = Client().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    loaded = schemathesis.openapi.from_dict(json.loads(response.content))
    loaded.app = WSGIHandler()
    return loaded


@contextmanager
def _connection_kept_open():
    """Django closes the database connection after each request; in a test that would close
    the test database's transaction, so (as Django's own test client does) not here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations(schema) -> list:
    operations = [result.ok() for result in schema.get_all_operations()]
    assert operations, "the schema has no operations"
    return operations


def test_the_schema_covers_the_write_endpoints():
    labels = {op.label for op in _operations(_schema())}
    assert "POST /api/actions/" in labels
    assert "PATCH /api/actions/{id}/" in labels


def test_no_generated_request_gives_a_server_error():
    world = build_world()
    world.confidential_object("contract")  # hiring request, candidate and contract too
    token, _ = Token.objects.get_or_create(user=world.secretary.user)
    headers = {"Authorization": f"Token {token.key}", "Host": "testserver"}
    schema = _schema()
    failures: list[str] = []
    with _connection_kept_open():
        failures = _fuzz(schema, headers)
    assert not failures, "\n\n".join(failures)


def _describe(error: BaseException) -> str:
    text = str(error)
    for line in str(getattr(error, "message", "") or text).splitlines():
        if "curl " in line:
            text = f"{type(error).__name__}: {line.strip()}"
    return text[:600]


def _fuzz(schema, headers: dict) -> list[str]:
    failures: list[str] = []
    for operation in _operations(schema):
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=MAX_EXAMPLES,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode))
            def run(case):
                response = case.call(headers=headers)
                case.validate_response(response, checks=[not_a_server_error], headers=headers)

            try:
                run()
            except (Exception, BaseExceptionGroup) as error:  # reported with the rest
                failures.append(f"{operation.label} ({mode.value}): {_describe(error)}")
    return failures
