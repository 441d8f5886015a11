"""The register, the review list, the heat map and the export on longer lists: pages of 50,
the open measures counted per risk, the owner filter rendered in one piece, and a fixed
number of queries whatever the number of risks."""

import io
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from regie.core.models import Confidentiality
from regie.risks.models import Measure, Risk
from regie.risks.tests import factories as rf
from regie.risks.views import PAGE_SIZE
from regie.testing import factories

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _risks(world, n, *, review_in=30, owners=None, **kw):
    made = []
    for i in range(n):
        owner = owners[i % len(owners)] if owners else world.lead
        made.append(
            rf.risk(
                unit=world.unit,
                owner=owner,
                title=f"Lange lijst {len(made) + 1:03d}",
                probability=3,
                impact=3,
                review_date=_today() + timedelta(days=review_in),
                **kw,
            )
        )
    return made


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_register_shows_fifty_risks_a_page_and_the_rest_on_the_next(client, world):
    _risks(world, PAGE_SIZE + 7)
    client.force_login(world.lead.user)
    first = _html(client.get("/risicos/"))
    assert f"{PAGE_SIZE + 7} risico’s" in first
    shown = [f"Lange lijst {i:03d}" for i in range(1, PAGE_SIZE + 8)]
    on_first = [title for title in shown if title in first]
    assert len(on_first) == PAGE_SIZE
    assert "pagina=2" in first
    second = _html(client.get("/risicos/", {"pagina": "2"}))
    on_second = [title for title in shown if title in second]
    assert len(on_second) == 7
    assert not set(on_first) & set(on_second)
    # A page beyond the last shows the last; nonsense shows the first.
    assert [t for t in shown if t in _html(client.get("/risicos/?pagina=99"))] == on_second
    assert [t for t in shown if t in _html(client.get("/risicos/?pagina=x"))] == on_first


def test_the_page_links_keep_the_filters(client, world):
    _risks(world, PAGE_SIZE + 1)
    client.force_login(world.lead.user)
    html = _html(client.get("/risicos/", {"score": "5", "pagina": "1"}))
    assert "score=5&amp;pagina=2" in html or "pagina=2&amp;score=5" in html


def test_the_review_list_shows_fifty_a_page(client, world):
    _risks(world, PAGE_SIZE + 3, review_in=-1)
    client.force_login(world.lead.user)
    first = _html(client.get("/risicos/te-herbeoordelen/"))
    assert f"{PAGE_SIZE + 3} risico’s" in first
    assert first.count("Lange lijst") == PAGE_SIZE
    second = _html(client.get("/risicos/te-herbeoordelen/", {"pagina": "2"}))
    assert second.count("Lange lijst") == 3


def test_only_open_measures_are_counted_per_risk(client, world):
    busy, quiet = _risks(world, 2)
    for status in (Measure.Status.PLANNED, Measure.Status.IN_PROGRESS, Measure.Status.DONE):
        rf.measure(risk=busy, owner=world.lead, status=status)
    rf.measure(risk=quiet, owner=world.lead, status=Measure.Status.CANCELLED)
    client.force_login(world.lead.user)
    sheet = load_workbook(io.BytesIO(client.get("/risicos/excel/").content)).active
    counts = {row[3]: row[13] for row in sheet.iter_rows(min_row=4, values_only=True)}
    assert counts == {busy.title: 2, quiet.title: 0}
    html = _html(client.get("/risicos/"))
    row = html[html.index(busy.title) :]
    assert '<td class="utrecht-table__cell">2</td>' in row[: row.index("</tr>")]
    row = html[html.index(quiet.title) :]
    assert '<td class="utrecht-table__cell">0</td>' in row[: row.index("</tr>")]


def test_the_owner_filter_lists_owners_escaped_and_keeps_the_choice(client, world):
    odd = factories.person(name="Bas & <Zn>", unit=world.unit)
    _risks(world, 2, owners=[world.lead, odd])
    client.force_login(world.lead.user)
    html = _html(client.get("/risicos/", {"eigenaar": odd.pk}))
    assert f'<option value="{odd.pk}" selected>Bas &amp; &lt;Zn&gt;</option>' in html
    assert f'<option value="{world.lead.pk}">Lies Leiding</option>' in html
    assert '<option value="">iedereen</option>' in html
    assert '<select name="eigenaar" class="utrecht-select utrecht-select--html-select"' in html
    assert html.count("Lange lijst") == 1
    # An owner who owns nothing visible is not offered and the filter falls back to everyone.
    html = _html(client.get("/risicos/", {"eigenaar": world.employee.pk}))
    assert f'<option value="{world.employee.pk}"' not in html
    assert html.count("Lange lijst") == 2


def test_the_export_shows_labels_and_dates_for_every_row(client, world):
    _risks(world, 30, status=Risk.Status.OCCURRED, confidentiality=Confidentiality.CONFIDENTIAL)
    client.force_login(world.lead.user)
    response = client.get("/risicos/excel/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert len(rows) == 30
    assert {row[10] for row in rows} == {"opgetreden"}
    assert {row[12] for row in rows} == {"vertrouwelijk"}
    assert {row[7] for row in rows} == {"Team Water"}
    assert {row[9] for row in rows} == {"Lies Leiding"}
    assert sheet["L4"].number_format == "dd-mm-yyyy"
    assert sheet["L4"].value.date() == _today() + timedelta(days=30)
    assert sheet["A3"].font.bold and sheet["A1"].font.size == 14
    assert sheet.freeze_panes == "A4"
    assert sheet.auto_filter.ref == "A3:N3"
    assert 40 <= sheet.column_dimensions["D"].width < 41  # Excel adds its cell padding


@pytest.mark.parametrize(
    "url",
    [
        "/risicos/",
        "/risicos/?pagina=2",
        "/risicos/?eigenaar={owner}&score=5",
        "/risicos/risicokaart/",
        "/risicos/te-herbeoordelen/",
        "/risicos/te-herbeoordelen/?pagina=2",
        "/risicos/excel/",
    ],
)
def test_queries_stay_the_same_from_sixty_to_a_hundred_and_twenty_risks(client, world, url):
    owners = [factories.person(unit=world.unit) for _ in range(4)]
    url = url.format(owner=owners[0].pk)
    for risk in _risks(world, 60, review_in=-1, owners=owners):
        rf.measure(risk=risk, owner=world.lead)
    client.force_login(world.lead.user)
    _queries(client, url)  # warm the session
    few = _queries(client, url)
    for risk in _risks(world, 60, review_in=-1, owners=[factories.person() for _ in range(6)]):
        rf.measure(risk=risk, owner=world.lead)
        rf.measure(risk=risk, owner=world.lead, status=Measure.Status.IN_PROGRESS)
    assert _queries(client, url) == few
    assert few <= 14


def test_the_review_list_reads_the_closing_days_once(client, world):
    _risks(world, 3, review_in=-1)
    client.force_login(world.lead.user)
    client.get("/risicos/te-herbeoordelen/")
    with CaptureQueriesContext(connection) as ctx:
        html = _html(client.get("/risicos/te-herbeoordelen/"))
    assert "3 risico’s" in html
    assert sum("closingday" in q["sql"] for q in ctx.captured_queries) == 1


def test_the_export_leaves_out_control_characters_and_keeps_formulas_as_text():
    from datetime import date

    from regie.risks import excel

    row = [12, 3, 4, "Storing\x01 in\tsysteem", "=1+1", "", None, "Team", "", "Jan", "open"]
    row += [date(2026, 12, 1), "internal", 2]
    data = excel.export_register([row], today=date(2026, 11, 30), description="x\x0by")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet["D4"].value == "Storing in\tsysteem"
    assert sheet["E4"].value == "=1+1" and sheet["E4"].data_type == "s"
    assert sheet["A2"].value == "xy"
    assert sheet["L4"].value.date() == date(2026, 12, 1)
