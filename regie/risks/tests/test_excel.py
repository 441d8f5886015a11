import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from regie.core.models import Confidentiality
from regie.risks.models import Risk
from regie.risks.tests import factories as rf
from regie.testing import factories

pytestmark = pytest.mark.django_db


def _sheet(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "risicoregister-" in response["Content-Disposition"]
    return load_workbook(io.BytesIO(response.content)).active


def _titles(sheet) -> list[str]:
    return [row[3] for row in sheet.iter_rows(min_row=4, values_only=True)]


def test_the_export_has_the_register_sorted_by_score_with_its_filters(client, world):
    other = factories.unit(name="Team Wegen")
    rf.risk(unit=world.unit, owner=world.lead, title="Middel", probability=3, impact=3)
    top = rf.risk(unit=world.unit, owner=world.lead, title="Hoog", probability=5, impact=5)
    rf.measure(risk=top, owner=world.lead)
    rf.risk(unit=other, owner=world.lead, title="Elders", probability=4, impact=4)
    rf.risk(unit=world.unit, owner=world.lead, title="Dicht", status=Risk.Status.CLOSED)
    client.force_login(world.lead.user)
    sheet = _sheet(client.get("/risicos/excel/"))
    assert sheet["A1"].value.startswith("Risicoregister, stand ")
    assert sheet["A3"].value == "Score" and sheet["L3"].value == "Volgende herbeoordeling"
    assert _titles(sheet) == ["Hoog", "Elders", "Middel"]
    first = next(sheet.iter_rows(min_row=4, values_only=True))
    assert first[0] == 25 and first[7] == "Team Water" and first[13] == 1
    sheet = _sheet(client.get("/risicos/excel/", {"eenheid": other.pk}))
    assert _titles(sheet) == ["Elders"]
    assert "Team Wegen" in sheet["A2"].value
    sheet = _sheet(client.get("/risicos/excel/", {"score": "15"}))
    assert _titles(sheet) == ["Hoog", "Elders"]


def test_the_register_page_links_to_the_export_with_the_same_filters(client, world):
    client.force_login(world.lead.user)
    html = client.get("/risicos/", {"score": "10", "te_laat": "on"}).content.decode()
    assert 'href="/risicos/excel/?score=10&amp;te_laat=on"' in html


def test_the_export_leaves_out_what_one_may_not_see_and_keeps_formulas_as_text(client, world):
    rf.risk(
        unit=world.unit,
        owner=world.lead,
        title='=HYPERLINK("x")',
        confidentiality=Confidentiality.PUBLIC,
    )
    rf.risk(unit=world.unit, owner=world.lead, title="Intern")
    client.force_login(world.outsider.user)
    sheet = _sheet(client.get("/risicos/excel/"))
    assert _titles(sheet) == ['=HYPERLINK("x")']
    assert sheet["D4"].data_type == "s"


def test_the_export_runs_a_fixed_number_of_queries(client, world):
    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/risicos/excel/").status_code == 200
        return len(ctx.captured_queries)

    for _ in range(3):
        rf.risk(unit=factories.unit(), owner=factories.person())
    client.force_login(world.lead.user)
    count()
    few = count()
    for _ in range(10):
        risk = rf.risk(
            unit=factories.unit(),
            owner=factories.person(),
            review_date=timezone.localdate() + timedelta(days=3),
        )
        rf.measure(risk=risk, owner=world.lead)
    assert count() == few
