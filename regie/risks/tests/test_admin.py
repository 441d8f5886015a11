import pytest
from django.contrib.auth import get_user_model

from regie.risks.models import Risk
from regie.risks.tests import factories as rf

pytestmark = pytest.mark.django_db


def test_the_admin_lists_risks_and_keeps_the_score_the_product(client, world):
    risk = rf.risk(unit=world.unit, owner=world.lead, title="In beheer", probability=2, impact=2)
    admin = get_user_model().objects.create_superuser("beheer", "b@example.org", "geheim-123")
    client.force_login(admin)
    assert "In beheer" in client.get("/beheer/risks/risk/").content.decode()
    page = client.get(f"/beheer/risks/risk/{risk.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value.pk if hasattr(value, "pk") else value
        for name, value in form.initial.items()
        if name in form.fields and value is not None
    }
    data |= {
        "probability": 5,
        "impact": 4,
        "measures-TOTAL_FORMS": 0,
        "measures-INITIAL_FORMS": 0,
    }
    response = client.post(f"/beheer/risks/risk/{risk.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    risk.refresh_from_db()
    assert (risk.probability, risk.impact, risk.score) == (5, 4, 20)
    assert Risk.objects.count() == 1
