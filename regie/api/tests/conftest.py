"""A small world for API tests: bodies at each level, their people, and token clients."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from regie.core.models import Body, Confidentiality, Person
from regie.meetings.models import Decision, Meeting, Proposal, ProposalStep
from regie.testing import factories

_seq = itertools.count(1)


@dataclass
class World:
    secretary: Person
    member: Person
    outsider: Person
    external: Person
    public: Body
    internal: Body
    confidential: Body


@pytest.fixture
def world(db) -> World:
    secretary = factories.person(role=Person.Role.SECRETARY, username="secretaris")
    member = factories.person(username="lid")
    outsider = factories.person(username="buitenstaander")
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER, username="extern")
    public = factories.body(
        name="Open overleg", confidentiality=Confidentiality.PUBLIC, members=[external]
    )
    internal = factories.body(name="Intern overleg", confidentiality=Confidentiality.INTERNAL)
    confidential = factories.body(
        name="Geheim overleg",
        confidentiality=Confidentiality.CONFIDENTIAL,
        secretary=secretary,
        members=[member],
    )
    return World(secretary, member, outsider, external, public, internal, confidential)


def client_for(person: Person | None) -> APIClient:
    client = APIClient()
    if person is not None:
        token, _ = Token.objects.get_or_create(user=person.user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def as_person():
    return client_for


def decision(*, meeting: Meeting, text: str = "Besloten.", **kw) -> Decision:
    n = next(_seq)
    year = meeting.starts_at.year
    defaults = {
        "body": meeting.body,
        "year": year,
        "sequence": n,
        "number": f"{meeting.body.code}-{year}-{n:03d}",
        "text": text,
        "decided_on": date(year, 1, 1),
        "confidentiality": meeting.body.confidentiality,
    }
    return Decision.objects.create(meeting=meeting, **(defaults | kw))


def proposal(*, bodies: list[Body], title: str = "Voorstel", **kw) -> Proposal:
    created = Proposal.objects.create(title=title, **kw)
    for position, body in enumerate(bodies, start=1):
        ProposalStep.objects.create(proposal=created, position=position, body=body)
    return created


def count_queries(client: APIClient, url: str) -> tuple[int, object]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, response.content
    return len(ctx.captured_queries), response
