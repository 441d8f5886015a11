import pytest

from regie.core.audit import record_event
from regie.core.models import AuditEvent, Body, BodyMembership, OrganisationUnit
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/core/organisationunit/",
        "/beheer/core/organisationunit/add/",
        "/beheer/core/externalorganisation/",
        "/beheer/core/person/",
        "/beheer/core/person/add/",
        "/beheer/core/body/",
        "/beheer/core/body/add/",
        "/beheer/core/closingday/",
        "/beheer/core/auditevent/",
    ],
)
def test_each_core_page_in_beheer_opens(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_a_body_is_added_with_its_members_inline_and_history(admin_client, admin_user):
    person = factories.person()
    response = admin_client.post(
        "/beheer/core/body/add/",
        {
            "name": "Stuurgroep Water",
            "code": "SG-W",
            "kind": "steering_group",
            "confidentiality": "internal",
            "documents_due_working_days": 5,
            "default_agenda": "[]",
            "default_duration_minutes": 90,
            "retention": "19.1.8",
            "is_active": "on",
            "memberships-TOTAL_FORMS": 1,
            "memberships-INITIAL_FORMS": 0,
            "memberships-0-person": person.pk,
            "memberships-0-role": "member",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Body.objects.get(code="SG-W")
    assert BodyMembership.objects.get(body=body).person == person
    assert body.history.get().history_user == admin_user
    history = admin_client.get(f"/beheer/core/body/{body.pk}/history/")
    assert history.status_code == 200


def test_the_unit_tree_shows_children_inline(admin_client):
    parent = OrganisationUnit.objects.create(name="Directie Beleid", kind="directorate")
    OrganisationUnit.objects.create(name="Team Water", kind="team", parent=parent)
    response = admin_client.get(f"/beheer/core/organisationunit/{parent.pk}/change/")
    assert "Team Water" in response.content.decode()


def test_audit_events_cannot_be_added_changed_or_deleted(admin_client):
    event = record_event(actor="anna", action="login", result="success")
    assert admin_client.get("/beheer/core/auditevent/add/").status_code == 403
    detail = admin_client.get(f"/beheer/core/auditevent/{event.pk}/change/")
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert admin_client.post(f"/beheer/core/auditevent/{event.pk}/delete/").status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()
