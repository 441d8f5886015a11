from unittest import mock

import pytest
from django.core.files.storage import FileSystemStorage
from django.db import DatabaseError

from regie.core.errors import DomainError
from regie.core.models import Confidentiality
from regie.documents import services
from regie.documents.models import Document, DocumentVersion
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary", name="Sanne Secretaris")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


def _upload(actor, body, name="nota.docx", content=None, **kw):
    return services.document_upload(
        actor=actor,
        title=kw.pop("title", "Nota Regiodeal"),
        kind=kw.pop("kind", "memo"),
        body=body,
        upload=f.upload(name, content if content is not None else f.docx("Eerste versie")),
        **kw,
    )


def _counts():
    return Document.objects.count(), DocumentVersion.objects.count()


def _stored_files(settings):
    root = settings.MEDIA_ROOT
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_an_upload_creates_the_stuk_and_version_1_with_file_checksum_and_text(
    secretary, body, settings
):
    document = _upload(secretary.user, body, confidentiality=Confidentiality.CONFIDENTIAL)
    version = document.versions.get()
    assert document.author == secretary
    assert document.confidentiality == Confidentiality.CONFIDENTIAL
    assert version.number == 1
    assert version.uploaded_by == secretary
    assert version.original_name == "nota.docx"
    assert version.content_type.endswith("wordprocessingml.document")
    assert "Eerste versie" in version.extracted_text
    with version.file.open("rb") as handle:
        content = handle.read()
    assert version.size == len(content)
    assert version.sha256 in version.file.name
    assert document.history.get().history_user == secretary.user


def test_the_actor_may_be_a_person(secretary, body):
    document = _upload(secretary, body)
    assert document.author == secretary
    assert document.versions.get().uploaded_by == secretary
    assert document.history.get().history_user == secretary.user


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"title": "   "}, "titel"),
        ({"title": "x" * 301}, "te lang"),
        ({"kind": "poster"}, "soort"),
        ({"confidentiality": "geheim"}, "vertrouwelijkheid"),
        ({"name": "nota.pdf", "content": f.HTML}, "webpagina"),
        ({"name": "leeg.docx", "content": b""}, "leeg"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(secretary, body, settings, kw, message):
    with pytest.raises(DomainError, match=message):
        _upload(secretary.user, body, **kw)
    assert _counts() == (0, 0)
    assert _stored_files(settings) == []


def test_a_full_disk_gives_a_clear_error_and_leaves_no_record(secretary, body):
    with (
        mock.patch.object(
            FileSystemStorage, "_save", side_effect=OSError(28, "No space left on device")
        ),
        pytest.raises(DomainError, match="kon niet worden opgeslagen") as error,
    ):
        _upload(secretary.user, body)
    assert error.value.field == "file"
    assert _counts() == (0, 0)


def test_an_unwritable_file_store_leaves_no_record(secretary, body, settings, tmp_path):
    blocker = tmp_path / "geen-map"
    blocker.write_bytes(b"")
    settings.MEDIA_ROOT = blocker / "media"  # a path below a file can never be created
    with pytest.raises(DomainError, match="niet beschrijfbaar"):
        _upload(secretary.user, body)
    assert _counts() == (0, 0)


def test_a_database_failure_after_the_file_was_written_removes_the_file(secretary, body, settings):
    with (
        mock.patch.object(DocumentVersion, "save", side_effect=DatabaseError("weg")),
        pytest.raises(DatabaseError),
    ):
        _upload(secretary.user, body)
    assert _counts() == (0, 0)
    assert _stored_files(settings) == []


def test_a_new_version_gets_the_next_number(secretary, body):
    document = _upload(secretary.user, body)
    second = services.document_add_version(
        actor=secretary.user, document=document, upload=f.upload("v2.pdf", f.pdf("Tweede"))
    )
    assert second.number == 2
    assert "Tweede" in second.extracted_text
    assert second.content_type == "application/pdf"
    assert list(document.versions.values_list("number", flat=True)) == [2, 1]
    assert "Versie 2 toegevoegd" in document.history.first().history_change_reason


def test_an_identical_file_is_refused_as_a_new_version(secretary, body, settings):
    content = f.docx("Zelfde")
    document = _upload(secretary.user, body, content=content)
    files_before = _stored_files(settings)
    with pytest.raises(DomainError, match="gelijk aan versie 1"):
        services.document_add_version(
            actor=secretary.user, document=document, upload=f.upload("ander.docx", content)
        )
    assert document.versions.count() == 1
    assert _stored_files(settings) == files_before


def test_a_bad_new_version_changes_nothing(secretary, body):
    document = _upload(secretary.user, body)
    with pytest.raises(DomainError, match="zip-bom"):
        services.document_add_version(
            actor=secretary.user, document=document, upload=f.upload("bom.docx", f.zip_bomb())
        )
    assert document.versions.count() == 1


def test_only_the_author_or_the_secretary_adds_versions(secretary, body):
    author = factories.person()
    document = _upload(author.user, body)
    other = factories.person()
    with pytest.raises(DomainError, match="Alleen de auteur of de secretaris"):
        services.document_add_version(
            actor=other.user, document=document, upload=f.upload("v2.pdf", f.pdf("v2"))
        )
    services.document_add_version(
        actor=secretary.user, document=document, upload=f.upload("v2.pdf", f.pdf("v2"))
    )
    services.document_add_version(
        actor=author, document=document, upload=f.upload("v3.pdf", f.pdf("v3"))
    )
    assert document.versions.count() == 3
