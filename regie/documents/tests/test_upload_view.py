import pytest

from regie.core.models import Confidentiality
from regie.documents.models import Document, DocumentVersion
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db
URL = "/stukken/nieuw/"


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


def _post(client, body, name, content, **kw):
    data = {
        "title": "Nota Regiodeal",
        "kind": "memo",
        "body": body.pk,
        "confidentiality": "internal",
        "file": f.upload(name, content),
    } | kw
    return client.post(URL, data)


def test_it_shows_the_form_with_the_body_chosen(client, secretary, body):
    client.force_login(secretary.user)
    page = client.get(URL, {"gremium": body.pk}).content.decode()
    assert f'<option value="{body.pk}" selected>' in page
    assert 'accept=".pdf,.docx,.xlsx,.pptx,.odt"' in page


def test_a_good_upload_is_stored_and_shown(client, secretary, body):
    client.force_login(secretary.user)
    response = _post(client, body, "nota.docx", f.docx())
    document = Document.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/stukken/{document.pk}/"
    assert document.versions.get().original_name == "nota.docx"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("nota.pdf", f.HTML, "webpagina- of scriptcode"),
        ("nota.docx", f.SVG_WITH_SCRIPT, "webpagina- of scriptcode"),
        ("nota.pdf", f.pdf_zip_polyglot(), "tegelijk van twee soorten"),
        ("bom.xlsx", f.zip_bomb("xl/workbook.xml"), "zip-bom"),
        ("kapot.docx", b"PK\x03\x04rommel", "beschadigd"),
        ("kapot.pdf", b"%PDF-1.7\nrommel", "beschadigd"),
        ("nota.exe", b"MZ", "worden niet aangenomen"),
    ],
)
def test_bad_files_get_a_clear_message_and_nothing_is_stored(
    client, secretary, body, name, content, message
):
    client.force_login(secretary.user)
    response = _post(client, body, name, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()


def test_an_empty_file_is_refused(client, secretary, body):
    client.force_login(secretary.user)
    response = _post(client, body, "leeg.pdf", b"")
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_a_file_over_the_limit_is_refused(client, secretary, body, settings):
    settings.REGIE_MAX_UPLOAD_BYTES = 2048
    client.force_login(secretary.user)
    response = _post(client, body, "groot.docx", f.docx("x" * 5000))
    assert response.status_code == 400
    assert "groter dan de toegestane" in response.content.decode()
    assert not Document.objects.exists()


def test_a_body_the_user_may_not_see_cannot_be_chosen(client, body):
    hidden = factories.body(confidentiality=Confidentiality.CONFIDENTIAL)
    client.force_login(factories.person().user)
    response = _post(client, hidden, "nota.pdf", f.pdf())
    assert response.status_code == 400
    assert not Document.objects.exists()


def test_the_title_is_kept_as_typed_and_shown_escaped(client, secretary, body):
    client.force_login(secretary.user)
    _post(client, body, "nota.pdf", f.pdf(), title="<script>alert(1)</script> & co")
    document = Document.objects.get()
    assert document.title == "<script>alert(1)</script> & co"
    page = client.get(f"/stukken/{document.pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in page
