import pytest

from regie.core.models import Confidentiality
from regie.documents import services
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def secret_version(secretary):
    body = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    document = services.document_upload(
        actor=secretary.user,
        title="Geheim",
        kind="memo",
        body=body,
        confidentiality="confidential",
        upload=f.upload("geheime nota é.docx", f.docx("Inhoud")),
    )
    return document.versions.get()


def _url(version):
    return f"/stukken/versie/{version.pk}/download/"


def test_it_serves_the_file_as_an_attachment_with_safe_headers(client, secretary, secret_version):
    client.force_login(secretary.user)
    response = client.get(_url(secret_version))
    assert response.status_code == 200
    assert response["Content-Type"] == secret_version.content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''geheime%20nota%20%C3%A9.docx" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert b"".join(response.streaming_content).startswith(b"PK\x03\x04")


def test_it_is_404_for_those_who_may_not_see_the_stuk(client, secret_version):
    client.force_login(factories.person().user)
    assert client.get(_url(secret_version)).status_code == 404


def test_a_missing_file_is_404_not_a_crash(client, secretary, secret_version):
    secret_version.file.storage.delete(secret_version.file.name)
    client.force_login(secretary.user)
    assert client.get(_url(secret_version)).status_code == 404


def test_it_rejects_post(client, secretary, secret_version):
    client.force_login(secretary.user)
    assert client.post(_url(secret_version)).status_code == 405
