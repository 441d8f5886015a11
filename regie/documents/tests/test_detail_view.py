from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality
from regie.documents import services
from regie.documents.models import ReviewStep
from regie.documents.services import StepSpec
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary", name="Sanne Secretaris")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


@pytest.fixture
def author():
    return factories.person(name="Anna Auteur")


def _url(document):
    return f"/stukken/{document.pk}/"


def test_a_stuk_the_user_may_not_see_is_404(client, secretary):
    secret = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    document = f.document(body=secret, title="Geheim", confidentiality="confidential")
    client.force_login(factories.person().user)
    assert client.get(_url(document)).status_code == 404
    client.force_login(secretary.user)
    assert client.get(_url(document)).status_code == 200


def test_it_shows_versions_with_size_checksum_uploader_and_date(client, body, author):
    document = services.document_upload(
        actor=author.user,
        title="Nota",
        kind="memo",
        body=body,
        upload=f.upload("nota.pdf", f.pdf()),
    )
    version = document.versions.get()
    client.force_login(author.user)
    page = client.get(_url(document)).content.decode()
    assert "nota.pdf downloaden" in page
    assert version.sha256 in page
    assert "Anna Auteur" in page
    assert timezone.localdate().strftime("%Y") in page
    assert "bytes" in page or "KB" in page


def test_it_shows_the_route_with_long_dates_the_current_step_and_late_steps(
    client, secretary, body, author
):
    document = f.document(body=body, author=author)
    today = timezone.localdate()
    f.route(
        document=document,
        target_date=date(2026, 11, 30),
        steps=[
            ("auteur", author, 10, today - timedelta(days=1)),
            ("secretariaat", None, 5, date(2099, 11, 23)),
        ],
    )
    client.force_login(author.user)
    page = client.get(_url(document)).content.decode()
    assert "30 november 2026" in page
    assert "23 november 2099" in page
    assert "(aan de beurt)" in page
    assert page.count("te laat") == 1
    assert "Beoordelen: auteur" in page  # the author decides their own step
    assert "Terugsturen" not in page  # the first step cannot be returned


def test_someone_who_may_not_decide_sees_no_decision_form(client, body, author):
    document = f.document(body=body, author=author)
    f.route(
        document=document,
        target_date=date(2099, 1, 5),
        steps=[("a", author, 1, date(2099, 1, 2))],
    )
    client.force_login(factories.person().user)
    page = client.get(_url(document)).content.decode()
    assert "Beoordelen:" not in page
    assert "Versie toevoegen" not in page
    assert "Routering instellen" not in page


def test_the_history_names_who_did_what(client, secretary, body, author):
    document = services.document_upload(
        actor=author.user, title="Nota", kind="memo", body=body, upload=f.upload("a.pdf", f.pdf())
    )
    services.route_set(
        actor=secretary.user,
        document=document,
        target_date=date(2028, 5, 2),
        target_label="DO 2 mei",
        steps=[StepSpec("auteur", author, 6), StepSpec("teamleider", secretary, 3)],
    )
    first, second = document.route.steps.order_by("position")
    services.step_approve(actor=author.user, step=first)
    services.step_return(actor=secretary.user, step=second, comment="Graag <b>korter</b>")
    client.force_login(author.user)
    page = client.get(_url(document)).content.decode()
    assert "Stuk aangemaakt met versie 1" in page
    assert "Routering ingesteld: DO 2 mei op 2 mei 2028" in page
    assert "Akkoord: auteur" in page
    assert "Teruggestuurd naar de auteur bij &#x27;teamleider&#x27;: Graag &lt;b&gt;korter" in page
    assert "Sanne Secretaris" in page and "Anna Auteur" in page
    assert second.pk == ReviewStep.objects.get(status="returned").pk


def test_the_number_of_queries_does_not_grow_with_versions_steps_and_history(
    client, secretary, body, author, django_assert_max_num_queries
):
    def stuk(versions, edits):
        document = f.document(body=body, author=author, versions=versions)
        for n in range(edits):
            document.title = f"Nota {n}"
            document.save()
        steps = [(f"stap {n}", secretary, 10 - n, date(2098, 12, 1 + n)) for n in range(8)]
        f.route(document=document, target_date=date(2099, 1, 5), steps=steps)
        return document

    small, large = stuk(versions=3, edits=2), stuk(versions=15, edits=30)
    client.force_login(secretary.user)
    with django_assert_max_num_queries(20) as first:
        assert client.get(_url(small)).status_code == 200
    with django_assert_max_num_queries(20) as second:
        assert client.get(_url(large)).status_code == 200
    assert len(second) == len(first)
