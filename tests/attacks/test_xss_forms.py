"""Hostile text in the main forms: stored as typed, shown escaped, never a server error.

Each case opens the page with the form (as the confidential body's secretary, on the access
matrix world), fills one text field with each payload, posts the form as a browser would
(all other fields as the page filled them) and then reads the value back from the database
and from the pages that show it. A value that is too long must be refused with a Dutch
message, with nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from regie.actions.models import Action, ProgressNote
from regie.core.models import Body
from regie.documents.models import Document
from regie.hiring.models import Candidate, HiringRequest
from regie.meetings.models import AgendaItem, Decision, DecisionCounter, Meeting, Proposal
from regie.testing import documents_factories
from tests.access_matrix.world import World, build_world
from tests.attacks.forms import errors_in, form_posting_to
from tests.attacks.payloads import ALL, LONG, SCRIPT, TOO_LONG, escaped, raw_markup_in

pytestmark = pytest.mark.django_db


def _o(world: World, kind: str) -> int:
    return world.confidential_object(kind).pk


def _latest(model) -> Any:
    return model.objects.order_by("-pk").first()


def _hold(world: World) -> None:
    """Minutes can only be written for a meeting that took place."""
    Meeting.objects.filter(pk=_o(world, "meeting")).update(status=Meeting.Status.HELD)


def _hold_and_count(world: World) -> None:
    """As _hold; the world made its decisions without the counter, so set it past them."""
    _hold(world)
    decision = world.confidential_object("decision")
    DecisionCounter.objects.update_or_create(
        body=decision.body, year=decision.year, defaults={"last_number": decision.sequence}
    )


@dataclass(frozen=True)
class Case:
    name: str
    page: Callable[[World], str]  # the page that holds the form
    action: Callable[[World], str]  # where the form posts ("" is the page itself)
    field: str
    model: type
    stored: Callable[[World], str | None]  # the value as stored
    shown: Callable[[World], list[str]]  # pages that show it; the first shows it in full
    extra: Callable[[World, int], dict] = field(default=lambda world, i: {})
    files: Callable[[int], dict] | None = None
    setup: Callable[[World], None] | None = None


def _field_of_latest(model, name: str) -> Callable[[World], str | None]:
    return lambda world: getattr(_latest(model), name, None)


CASES = [
    Case(
        "action_create_title",
        page=lambda w: "/acties/nieuw/",
        action=lambda w: "",
        field="title",
        model=Action,
        stored=_field_of_latest(Action, "title"),
        shown=lambda w: [f"/acties/{_latest(Action).pk}/", "/acties/"],
        extra=lambda w, i: {"due_date": "2027-01-15", "body": str(_o(w, "body"))},
    ),
    Case(
        "action_edit_description",
        page=lambda w: f"/acties/{_o(w, 'action')}/wijzigen/",
        action=lambda w: "",
        field="description",
        model=Action,
        stored=lambda w: Action.objects.get(pk=_o(w, "action")).description,
        shown=lambda w: [f"/acties/{_o(w, 'action')}/"],
    ),
    Case(
        "action_edit_title",
        page=lambda w: f"/acties/{_o(w, 'action')}/wijzigen/",
        action=lambda w: "",
        field="title",
        model=Action,
        stored=lambda w: Action.objects.get(pk=_o(w, "action")).title,
        shown=lambda w: [f"/acties/{_o(w, 'action')}/", f"/acties/gremium/{_o(w, 'body')}/"],
    ),
    Case(
        "progress_note",
        page=lambda w: f"/acties/{_o(w, 'action')}/",
        action=lambda w: f"/acties/{_o(w, 'action')}/voortgang/",
        field="text",
        model=ProgressNote,
        stored=_field_of_latest(ProgressNote, "text"),
        shown=lambda w: [f"/acties/{_o(w, 'action')}/"],
    ),
    Case(
        "meeting_create_title",
        page=lambda w: f"/vergaderingen/gremia/{_o(w, 'body')}/nieuw/",
        action=lambda w: "",
        field="title",
        model=Meeting,
        stored=_field_of_latest(Meeting, "title"),
        shown=lambda w: [
            f"/vergaderingen/{_latest(Meeting).pk}/",
            f"/vergaderingen/gremia/{_o(w, 'body')}/",
        ],
        extra=lambda w, i: {"starts_at": f"2027-03-{i + 1:02d}T10:00"},
    ),
    Case(
        "meeting_create_location",
        page=lambda w: f"/vergaderingen/gremia/{_o(w, 'body')}/nieuw/",
        action=lambda w: "",
        field="location",
        model=Meeting,
        stored=_field_of_latest(Meeting, "location"),
        shown=lambda w: [f"/vergaderingen/{_latest(Meeting).pk}/"],
        extra=lambda w, i: {"starts_at": f"2027-04-{i + 1:02d}T10:00"},
    ),
    Case(
        "agenda_item_add_title",
        page=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/",
        action=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/agendapunt/",
        field="title",
        model=AgendaItem,
        stored=_field_of_latest(AgendaItem, "title"),
        shown=lambda w: [f"/vergaderingen/{_o(w, 'meeting')}/"],
        extra=lambda w, i: {"parent": ""},
    ),
    Case(
        "agenda_item_edit_description",
        page=lambda w: f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/",
        action=lambda w: "",
        field="description",
        model=AgendaItem,
        stored=lambda w: AgendaItem.objects.get(pk=_o(w, "agenda_item")).description,
        shown=lambda w: [f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/"],
    ),
    Case(
        "agenda_item_edit_title",
        page=lambda w: f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/",
        action=lambda w: "",
        field="title",
        model=AgendaItem,
        stored=lambda w: AgendaItem.objects.get(pk=_o(w, "agenda_item")).title,
        shown=lambda w: [
            f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/",
            f"/vergaderingen/{_o(w, 'meeting')}/",
        ],
    ),
    Case(
        "minutes_discussion",
        page=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/verslag/",
        action=lambda w: f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/bespreking/",
        field="discussion",
        model=AgendaItem,
        stored=lambda w: AgendaItem.objects.get(pk=_o(w, "agenda_item")).discussion,
        shown=lambda w: [f"/vergaderingen/{_o(w, 'meeting')}/verslag/"],
        setup=_hold,
    ),
    Case(
        "minutes_summary",
        page=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/verslag/",
        action=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/verslag/aantekeningen/",
        field="text",
        model=Meeting,
        stored=lambda w: Meeting.objects.get(pk=_o(w, "meeting")).minutes_summary,
        shown=lambda w: [f"/vergaderingen/{_o(w, 'meeting')}/verslag/"],
        setup=_hold,
    ),
    Case(
        "minutes_decision",
        page=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/verslag/",
        action=lambda w: f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/besluit/",
        field="text",
        model=Decision,
        stored=_field_of_latest(Decision, "text"),
        shown=lambda w: [
            f"/vergaderingen/besluiten/{_latest(Decision).pk}/",
            f"/vergaderingen/gremia/{_o(w, 'body')}/besluiten/",
        ],
        setup=_hold_and_count,
    ),
    Case(
        "minutes_action",
        page=lambda w: f"/vergaderingen/{_o(w, 'meeting')}/verslag/",
        action=lambda w: f"/vergaderingen/agendapunt/{_o(w, 'agenda_item')}/actie/",
        field="title",
        model=Action,
        stored=_field_of_latest(Action, "title"),
        shown=lambda w: [
            f"/acties/{_latest(Action).pk}/",
            f"/vergaderingen/{_o(w, 'meeting')}/verslag/",
        ],
        extra=lambda w, i: {"due_date": "2027-01-15", "owner": str(w.member.pk)},
        setup=_hold,
    ),
    Case(
        "document_title",
        page=lambda w: "/stukken/nieuw/",
        action=lambda w: "",
        field="title",
        model=Document,
        stored=_field_of_latest(Document, "title"),
        shown=lambda w: [f"/stukken/{_latest(Document).pk}/", "/stukken/"],
        extra=lambda w, i: {"body": str(_o(w, "body"))},
        files=lambda i: {
            "file": documents_factories.upload(
                f"nota-{i}.pdf", documents_factories.pdf(f"Nota {i}")
            )
        },
    ),
    Case(
        "body_default_agenda",
        page=lambda w: f"/vergaderingen/gremia/{_o(w, 'body')}/instellingen/",
        action=lambda w: "",
        field="default_agenda",
        model=Body,
        stored=lambda w: "\n".join(Body.objects.get(pk=_o(w, "body")).default_agenda),
        shown=lambda w: [f"/vergaderingen/gremia/{_o(w, 'body')}/instellingen/"],
    ),
    Case(
        "proposal_create_title",
        page=lambda w: "/vergaderingen/voorstellen/nieuw/",
        action=lambda w: "",
        field="title",
        model=Proposal,
        stored=_field_of_latest(Proposal, "title"),
        shown=lambda w: [
            f"/vergaderingen/voorstellen/{_latest(Proposal).pk}/",
            "/vergaderingen/voorstellen/",
        ],
        extra=lambda w, i: {"owner": str(w.member.pk), "route_1": str(_o(w, "body"))},
    ),
    Case(
        "proposal_create_summary",
        page=lambda w: "/vergaderingen/voorstellen/nieuw/",
        action=lambda w: "",
        field="summary",
        model=Proposal,
        stored=_field_of_latest(Proposal, "summary"),
        shown=lambda w: [f"/vergaderingen/voorstellen/{_latest(Proposal).pk}/"],
        extra=lambda w, i: {
            "title": f"Voorstel {i}",
            "owner": str(w.member.pk),
            "route_1": str(_o(w, "body")),
        },
    ),
    Case(
        "candidate_name",
        page=lambda w: f"/inhuur/{_o(w, 'hiring_request')}/kandidaat/",
        action=lambda w: "",
        field="name",
        model=Candidate,
        stored=_field_of_latest(Candidate, "name"),
        shown=lambda w: [
            f"/inhuur/kandidaten/{_latest(Candidate).pk}/",
            f"/inhuur/{_o(w, 'hiring_request')}/",
        ],
        extra=lambda w, i: {"hourly_rate": "80", "contract_form": "self_employed"},
    ),
]


def _post(client: Client, case: Case, world: World, index: int, payload: str):
    page = case.page(world)
    response = client.get(page)
    assert response.status_code == 200, f"{page}: {response.status_code}"
    action = case.action(world)
    form = form_posting_to(response.content.decode(), action)
    data: dict[str, Any] = form.data(**{case.field: payload}, **case.extra(world, index))
    if case.files:
        data.update(case.files(index))
    return client.post(action or page, data)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_hostile_text_is_stored_as_typed_and_shown_escaped(case: Case):
    world = build_world()
    if case.setup:
        case.setup(world)
    client = Client()
    client.force_login(world.secretary.user)
    problems: list[str] = []
    for index, payload in enumerate(ALL):
        label = f"{case.name} with {payload[:40]!r}"
        before, count = case.stored(world), case.model.objects.count()
        response = _post(client, case, world, index, payload)
        body = response.content.decode(errors="replace")
        if response.status_code >= 500:
            problems.append(f"{label}: server error {response.status_code}")
            continue
        if payload == LONG and response.status_code != 302:
            if not any(word in " ".join(errors_in(body)) for word in TOO_LONG):
                problems.append(
                    f"{label}: refused ({response.status_code}) without a message about the "
                    f"length: {errors_in(body)}"
                )
            if case.stored(world) != before or case.model.objects.count() != count:
                problems.append(f"{label}: refused, but something was changed")
            continue
        if response.status_code != 302:
            problems.append(f"{label}: not saved ({response.status_code}): {errors_in(body)}")
            continue
        stored = case.stored(world)
        if stored != payload:
            problems.append(f"{label}: stored as {str(stored)[:80]!r}")
        for number, url in enumerate(case.shown(world)):
            page = client.get(url)
            html = page.content.decode()
            if page.status_code != 200:
                problems.append(f"{label}: {url} gave {page.status_code}")
                continue
            if raw := raw_markup_in(html):
                problems.append(f"{label}: {url} shows raw markup {raw}")
            if number == 0 and escaped(payload) not in html:
                problems.append(f"{label}: {url} does not show the escaped text")
            if payload.startswith("{{") and "49" in html.replace(escaped(payload), ""):
                # Only a hint: 49 may appear elsewhere; the stored value is checked above.
                pass
    assert not problems, "\n".join(problems)


POSTING = (
    Path(__file__).resolve().parents[2]
    / "regie/hiring/demo_postings/secretaris_fysieke_leefomgeving.txt"
).read_text(encoding="utf-8")


def test_hiring_request_title_is_stored_as_typed_and_shown_escaped():
    world = build_world()
    client = Client()
    client.force_login(world.secretary.user)
    problems = []
    for payload in ALL:
        preview = client.post("/inhuur/nieuw/", {"step": "read", "text": POSTING})
        assert preview.status_code == 200, errors_in(preview.content.decode())
        form = form_posting_to(preview.content.decode(), "")
        count = HiringRequest.objects.count()
        data = form.data(
            step="save", title=payload, organisation=payload, criteria="Ervaring | 100"
        )
        response = client.post("/inhuur/nieuw/", data)
        body = response.content.decode()
        label = f"hiring request with {payload[:40]!r}"
        if response.status_code >= 500:
            problems.append(f"{label}: server error")
        elif payload == LONG and response.status_code != 302:
            if not any(word in " ".join(errors_in(body)) for word in TOO_LONG):
                problems.append(f"{label}: refused without a message: {errors_in(body)}")
            if HiringRequest.objects.count() != count:
                problems.append(f"{label}: refused, but stored")
        elif response.status_code != 302:
            problems.append(f"{label}: not saved ({response.status_code}): {errors_in(body)}")
        else:
            saved = _latest(HiringRequest)
            if saved.title != payload:
                problems.append(f"{label}: stored as {saved.title[:80]!r}")
            for url in (f"/inhuur/{saved.pk}/", "/inhuur/"):
                html = client.get(url).content.decode()
                if raw := raw_markup_in(html):
                    problems.append(f"{label}: {url} shows raw markup {raw}")
            if escaped(payload) not in client.get(f"/inhuur/{saved.pk}/").content.decode():
                problems.append(f"{label}: the detail page does not show the escaped title")
    assert not problems, "\n".join(problems)


def test_the_action_list_shows_an_action_without_a_body():
    world = build_world()
    client = Client(raise_request_exception=False)
    client.force_login(world.secretary.user)
    page = client.get("/acties/nieuw/")
    form = form_posting_to(page.content.decode(), "")
    response = client.post("/acties/nieuw/", form.data(title=SCRIPT, due_date="2027-01-15"))
    assert response.status_code == 302
    assert client.get("/acties/").status_code == 200
