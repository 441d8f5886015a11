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
def body(secretary):
    return factories.body(secretary=secretary)


@pytest.fixture
def author():
    return factories.person()


@pytest.fixture
def document(author, body):
    return services.document_upload(
        actor=author.user, title="Nota", kind="memo", body=body, upload=f.upload("a.pdf", f.pdf())
    )


def _url(document):
    return f"/stukken/{document.pk}/versie/"


def test_the_author_adds_a_version(client, author, document):
    client.force_login(author.user)
    response = client.post(_url(document), {"file": f.upload("b.docx", f.docx("Nieuw"))})
    assert response.status_code == 302
    assert document.versions.count() == 2


def test_an_identical_version_is_refused_with_a_message(client, secretary, document):
    client.force_login(secretary.user)
    response = client.post(_url(document), {"file": f.upload("zelfde.pdf", f.pdf())})
    assert response.status_code == 400
    assert "gelijk aan versie 1" in response.content.decode()
    assert document.versions.count() == 1


def test_a_disguised_version_is_refused(client, author, document):
    client.force_login(author.user)
    response = client.post(_url(document), {"file": f.upload("b.pdf", f.HTML)})
    assert response.status_code == 400
    assert "webpagina- of scriptcode" in response.content.decode()
    assert document.versions.count() == 1


def test_others_who_see_the_stuk_get_403(client, document):
    client.force_login(factories.person().user)
    response = client.post(_url(document), {"file": f.upload("b.pdf", f.pdf("x"))})
    assert response.status_code == 403
    assert document.versions.count() == 1


def test_those_who_may_not_see_the_stuk_get_404(client, secretary):
    secret = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    document = f.document(body=secret, confidentiality="confidential")
    client.force_login(factories.person().user)
    assert client.post(_url(document), {"file": f.upload("b.pdf", f.pdf())}).status_code == 404


def test_it_rejects_get(client, author, document):
    client.force_login(author.user)
    assert client.get(_url(document)).status_code == 405
