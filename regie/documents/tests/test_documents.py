from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from regie.core.errors import DomainError
from regie.core.models import ClosingDay, Confidentiality
from regie.documents import services
from regie.documents.models import Document, DocumentVersion, ReviewStep
from regie.testing import factories, files

pytestmark = pytest.mark.django_db


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary, documents_due_working_days=5)


def test_upload_and_versions_keep_checksums_and_text(secretary, body):
    doc = services.document_upload(
        actor=secretary.user,
        title="Jaarplan",
        kind="memo",
        body=body,
        upload=files.upload("a.docx", files.docx("Eerste")),
    )
    services.document_add_version(
        actor=secretary.user, document=doc, upload=files.upload("b.docx", files.docx("Tweede"))
    )
    versions = list(doc.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert "Tweede" in versions[1].extracted_text
    with pytest.raises(DomainError, match="gelijk aan een eerdere versie"):
        services.document_add_version(
            actor=secretary.user,
            document=doc,
            upload=files.upload("c.docx", versions[1].file.read()),
        )


def test_a_full_disk_leaves_no_record(secretary, body):
    with (
        mock.patch(
            "django.core.files.storage.FileSystemStorage._save",
            side_effect=OSError(28, "No space left on device"),
        ),
        pytest.raises(DomainError, match="kon niet worden opgeslagen"),
    ):
        services.document_upload(
            actor=secretary.user,
            title="Vol",
            kind="memo",
            body=body,
            upload=files.upload("a.pdf", files.pdf()),
        )
    assert not Document.objects.exists()
    assert not DocumentVersion.objects.exists()


def test_route_due_dates_count_back_in_working_days(secretary, body):
    doc = Document.objects.create(title="Stuk", body=body, author=secretary)
    ClosingDay.objects.create(date=date(2027, 5, 7), name="brugdag")
    # Thursday 13 May 2027: Bevrijdingsdag (5 May), Ascension (6 May) and the closing day
    # (7 May) do not count.
    route = services.route_set(
        actor=secretary.user,
        document=doc,
        target_date=date(2027, 5, 13),
        target_label="DO",
        steps=[
            services.StepSpec("teamleider", None, 6),
            services.StepSpec("secretariaat", None, 5),
        ],
    )
    assert [s.due_date for s in route.steps.order_by("position")] == [
        date(2027, 4, 30),
        date(2027, 5, 3),
    ]


def test_a_route_whose_first_step_is_already_past_is_refused(secretary, body):
    doc = Document.objects.create(title="Stuk", body=body)
    with pytest.raises(DomainError, match="al op"):
        services.route_set(
            actor=secretary.user,
            document=doc,
            target_date=timezone.localdate() + timedelta(days=2),
            target_label="DO",
            steps=services.default_steps(doc, body),
        )


def test_only_the_reviewer_or_secretary_decides_and_returning_needs_a_comment(secretary, body):
    reviewer = factories.person(role="team_lead")
    other = factories.person()
    doc = Document.objects.create(title="Stuk", body=body)
    route = services.route_set(
        actor=secretary.user,
        document=doc,
        target_date=timezone.localdate() + timedelta(days=40),
        target_label="DO",
        steps=[
            services.StepSpec("teamleider", reviewer, 10),
            services.StepSpec("secretariaat", secretary, 5),
        ],
    )
    first, second = route.steps.order_by("position")
    with pytest.raises(DomainError, match="Alleen de beoordelaar"):
        services.step_approve(actor=other.user, step=first)
    with pytest.raises(DomainError, match="nog niet aan de beurt"):
        services.step_approve(actor=secretary.user, step=second)
    with pytest.raises(DomainError, match="opmerking"):
        services.step_return(actor=reviewer.user, step=first, comment="")
    services.step_approve(actor=reviewer.user, step=first, comment="Prima")
    first.refresh_from_db()
    assert first.status == ReviewStep.Status.APPROVED


def test_upload_view_refuses_a_disguised_file_and_stores_nothing(client, secretary, body):
    client.force_login(secretary.user)
    response = client.post(
        "/stukken/nieuw/",
        {
            "title": "Nep",
            "kind": "memo",
            "body": body.pk,
            "confidentiality": "internal",
            "file": files.upload("nep.pdf", b"<script>alert(1)</script>"),
        },
    )
    assert response.status_code == 400
    assert "geen echte PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_download_is_refused_for_those_who_may_not_see_the_stuk(client, secretary):
    secret_body = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    doc = services.document_upload(
        actor=secretary.user,
        title="Geheim",
        kind="memo",
        body=secret_body,
        confidentiality="confidential",
        upload=files.upload("g.pdf", files.pdf()),
    )
    version = doc.versions.get()
    client.force_login(factories.person().user)
    assert client.get(f"/stukken/versie/{version.pk}/download/").status_code == 404
    assert client.get(f"/stukken/{doc.pk}/").status_code == 404
    client.force_login(secretary.user)
    response = client.get(f"/stukken/versie/{version.pk}/download/")
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
