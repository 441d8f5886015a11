"""Hostile files at every upload, and a file store that refuses to write.

The stukken upload itself is covered in regie/documents/tests (test_checks, test_upload_view,
test_upload_services); here the other places that take a file: a candidate's cv, a posting
read from a file, an organisation's Word template and a stuk attached from an agenda item.
And the view-level answer when the disk is full: a Dutch message, no server error, and no row
that points at a file that is not there.
"""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage, default_storage
from django.test import Client

from regie.documents.models import Document, DocumentVersion
from regie.hiring.models import Candidate, HiringRequest
from regie.reports.models import WordTemplate
from regie.testing import documents_factories as f
from tests.access_matrix.world import build_world
from tests.attacks.forms import errors_in, form_posting_to

pytestmark = pytest.mark.django_db

HOSTILE = [
    ("pagina.html", f.HTML, "worden niet aangenomen"),
    ("plaatje.svg", f.SVG_WITH_SCRIPT, "worden niet aangenomen"),
    ("cv.pdf", f.HTML, "webpagina- of scriptcode"),
    ("cv.docx", f.SVG_WITH_SCRIPT, "webpagina- of scriptcode"),
    ("cv.pdf", f.pdf_zip_polyglot(), "tegelijk van twee soorten"),
    ("cv.docx", f.html_zip_polyglot(), "webpagina- of scriptcode"),
    ("cv.docx", f.zip_bomb("word/document.xml"), "zip-bom"),
    ("lijst.xlsx", f.zip_bomb("xl/workbook.xml"), "zip-bom"),
]
IDS = [f"{name}-{message.split()[0]}" for name, _, message in HOSTILE]
DISK_FULL = OSError(28, "No space left on device")


@pytest.fixture
def world():
    return build_world()


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _stored_files() -> list[str]:
    root = default_storage.location
    found = []
    for directory, _, files in __import__("os").walk(root):
        found.extend(f"{directory}/{name}" for name in files)
    return found


def _candidate_form(client: Client, hiring_request) -> dict:
    page = client.get(f"/inhuur/{hiring_request.pk}/kandidaat/")
    form = form_posting_to(page.content.decode(), "")
    return form.data(name="Kandidaat Bestand", hourly_rate="80", contract_form="self_employed")


# --- hostile files -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=IDS)
def test_a_hostile_cv_is_refused_and_no_candidate_is_stored(world, name, content, message):
    hiring_request = world.confidential_object("hiring_request")
    client = _client(world.secretary.user)
    data = _candidate_form(client, hiring_request)
    before = Candidate.objects.count()
    response = client.post(
        f"/inhuur/{hiring_request.pk}/kandidaat/", {**data, "cv": f.upload(name, content)}
    )
    assert response.status_code == 400
    assert any(message in error for error in errors_in(response.content.decode()))
    assert Candidate.objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=IDS)
def test_a_hostile_posting_file_is_refused_and_no_request_is_made(world, name, content, message):
    client = _client(world.secretary.user)
    before = HiringRequest.objects.count()
    response = client.post("/inhuur/nieuw/", {"step": "read", "file": f.upload(name, content)})
    assert response.status_code == 400
    errors = errors_in(response.content.decode())
    # A posting is text, PDF or Word only: other kinds are refused by their name first.
    expected = (message, "Lever de uitvraag aan als tekst-, PDF- of Word-bestand")
    assert any(text in error for error in errors for text in expected), errors
    assert HiringRequest.objects.count() == before


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=IDS)
def test_a_hostile_word_template_is_refused_and_not_stored(world, name, content, message):
    client = _client(world.superuser.user)
    response = client.post(
        "/export/sjablonen/", {"kind": "agenda", "file": f.upload(name, content)}, follow=True
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WordTemplate.objects.exists()


@pytest.mark.parametrize(("name", "content", "message"), HOSTILE, ids=IDS)
def test_a_hostile_stuk_attached_from_an_agenda_item_is_refused(world, name, content, message):
    item = world.confidential_object("agenda_item")
    client = _client(world.secretary.user)
    before = (Document.objects.count(), DocumentVersion.objects.count())
    response = client.post(
        f"/vergaderingen/agendapunt/{item.pk}/stukken/",
        {
            "action": "upload",
            "title": "Bijlage",
            "kind": "proposal",
            "upload": f.upload(name, content),
        },
        follow=True,
    )
    assert response.status_code in (200, 400)
    assert message in response.content.decode()
    assert (Document.objects.count(), DocumentVersion.objects.count()) == before


# --- a file store that cannot write ----------------------------------------------------------


def test_a_stuk_upload_on_a_full_disk_says_so_and_stores_nothing(world):
    client = _client(world.secretary.user)
    before = (Document.objects.count(), DocumentVersion.objects.count())
    with mock.patch.object(FileSystemStorage, "_save", side_effect=DISK_FULL):
        response = client.post(
            "/stukken/nieuw/",
            {
                "title": "Nota bij volle schijf",
                "kind": "proposal",
                "body": world.confidential.pk,
                "confidentiality": "internal",
                "file": f.upload("nota.pdf", f.pdf("Nota")),
            },
        )
    assert response.status_code == 400
    assert "kon niet worden opgeslagen" in response.content.decode()
    assert (Document.objects.count(), DocumentVersion.objects.count()) == before


def test_a_new_version_on_a_full_disk_says_so_and_stores_nothing(world):
    document = world.confidential_object("document")
    client = _client(world.secretary.user)
    with mock.patch.object(FileSystemStorage, "_save", side_effect=DISK_FULL):
        response = client.post(
            f"/stukken/{document.pk}/versie/",
            {"file": f.upload("v2.pdf", f.pdf("Tweede versie"))},
            follow=True,
        )
    assert response.status_code in (200, 400)
    assert "kon niet worden opgeslagen" in response.content.decode()
    assert document.versions.count() == 1


def test_a_cv_upload_on_a_full_disk_says_so_and_stores_nothing(world):
    hiring_request = world.confidential_object("hiring_request")
    client = _client(world.secretary.user)
    data = _candidate_form(client, hiring_request)
    before = Candidate.objects.count()
    with mock.patch.object(FileSystemStorage, "_save", side_effect=DISK_FULL):
        response = client.post(
            f"/inhuur/{hiring_request.pk}/kandidaat/",
            {**data, "cv": f.upload("cv.pdf", f.pdf("Curriculum vitae"))},
        )
    assert response.status_code == 400
    errors = errors_in(response.content.decode())
    assert any("Het cv kon niet worden opgeslagen" in error for error in errors), errors
    assert Candidate.objects.count() == before
    for candidate in Candidate.objects.exclude(cv=""):
        assert default_storage.exists(candidate.cv.name)


def test_a_cv_whose_row_cannot_be_saved_leaves_no_file_behind(world):
    from django.db import DatabaseError

    hiring_request = world.confidential_object("hiring_request")
    client = Client(raise_request_exception=False)
    client.force_login(world.secretary.user)
    data = _candidate_form(client, hiring_request)
    files_before = set(_stored_files())
    with mock.patch.object(Candidate, "save", side_effect=DatabaseError("weg")):
        response = client.post(
            f"/inhuur/{hiring_request.pk}/kandidaat/",
            {**data, "cv": f.upload("cv.pdf", f.pdf("Curriculum vitae"))},
        )
    assert response.status_code == 500
    assert set(_stored_files()) == files_before


def test_a_word_template_on_a_full_disk_says_so_and_stores_nothing(world):
    client = _client(world.superuser.user)
    template = f.docx("Agenda {{ body }}")
    with mock.patch.object(FileSystemStorage, "_save", side_effect=DISK_FULL):
        response = client.post(
            "/export/sjablonen/",
            {"kind": "agenda", "file": f.upload("agenda.docx", template)},
            follow=True,
        )
    assert response.status_code in (200, 400)
    assert "Het sjabloon kon niet worden opgeslagen" in response.content.decode()
    assert not WordTemplate.objects.exists()
