import io
from datetime import timedelta

import docx
import pytest
from django.utils import timezone
from pypdf import PdfReader

from regie.core.models import Confidentiality
from regie.meetings.models import Meeting
from regie.meetings.services import minutes as minutes_services
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    secretary = factories.person(role="secretary", name="Sanne Secretaris")
    member = factories.person(name="Mark Lid")
    outsider = factories.person()
    body = factories.body(
        secretary=secretary, members=[member], code="DO", name="Directeurenoverleg"
    )
    meeting = factories.meeting(
        body=body, starts_at=timezone.now() - timedelta(days=1), status=Meeting.Status.HELD
    )
    item = factories.agenda_item(meeting=meeting, title="Jaarplan 2027", purpose="decision")
    factories.agenda_item(
        meeting=meeting, title="Fusiegesprek", confidentiality=Confidentiality.CONFIDENTIAL
    )
    minutes_services.item_discussion_save(
        actor=secretary.user,
        item=item,
        discussion="Het DO bespreekt het jaarplan.",
        expected_version=1,
    )
    decision = minutes_services.decision_record(
        actor=secretary.user, item=item, text="Het DO stelt het jaarplan vast."
    )
    minutes_services.action_raise_from_item(
        actor=secretary.user,
        item=item,
        number="1",
        title="Jaarplan publiceren",
        owner=member,
        due_date=timezone.localdate() + timedelta(days=3),
    )
    return secretary, member, outsider, body, meeting, decision


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(parts)


def test_the_minutes_in_word_hold_items_decisions_actions_and_a_dutch_date(client, world):
    secretary, _m, _o, _b, meeting, decision = world
    client.force_login(secretary.user)
    response = client.get(f"/export/vergadering/{meeting.pk}/verslag.docx")
    assert response.status_code == 200
    assert "filename*=UTF-8''Verslag%20DO" in response["Content-Disposition"]
    text = _docx_text(response.content)
    assert "1. Jaarplan 2027" in text
    assert decision.number in text
    assert "Jaarplan publiceren" in text
    months = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ]
    assert any(m in text for m in months)


def test_a_member_who_may_not_see_a_confidential_item_does_not_get_it_in_the_export(client, world):
    _s, member, _o, _b, meeting, _d = world
    client.force_login(member.user)
    assert "Fusiegesprek" in _docx_text(
        client.get(f"/export/vergadering/{meeting.pk}/agenda.docx").content
    )
    other = factories.person()
    client.force_login(other.user)
    text = _docx_text(client.get(f"/export/vergadering/{meeting.pk}/agenda.docx").content)
    assert "Jaarplan 2027" in text and "Fusiegesprek" not in text


def test_the_agenda_pdf_is_a_real_pdf_with_the_items(client, world):
    secretary, _m, _o, _b, meeting, _d = world
    client.force_login(secretary.user)
    response = client.get(f"/export/vergadering/{meeting.pk}/agenda.pdf")
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "Jaarplan 2027" in text
    assert "pagina 1 van" in text


def test_decision_and_action_lists_export(client, world):
    secretary, _m, _o, body, _meeting, decision = world
    client.force_login(secretary.user)
    text = _docx_text(client.get(f"/export/gremium/{body.pk}/besluitenlijst.docx").content)
    assert decision.number in text
    text = _docx_text(client.get(f"/export/gremium/{body.pk}/actielijst.docx").content)
    assert "Jaarplan publiceren" in text
    pdf = client.get(f"/export/gremium/{body.pk}/actielijst.pdf").content
    assert "Jaarplan publiceren" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_exports_of_an_invisible_meeting_are_404(client, world):
    secretary, _m, outsider, _b, _meeting, _d = world
    secret_body = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    secret = factories.meeting(body=secret_body)
    client.force_login(outsider.user)
    for url in (
        f"/export/vergadering/{secret.pk}/agenda.docx",
        f"/export/vergadering/{secret.pk}/verslag.pdf",
        f"/export/gremium/{secret_body.pk}/besluitenlijst.docx",
    ):
        assert client.get(url).status_code == 404


def test_an_uploaded_word_template_is_used_and_a_broken_one_refused(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    secretary, _m, _o, _b, meeting, _d = world
    client.force_login(secretary.user)
    template = docx.Document()
    template.add_paragraph("HUISSTIJL {{ body }} op {{ date }}")
    buffer = io.BytesIO()
    template.save(buffer)
    client.post(
        "/export/sjablonen/",
        {"kind": "agenda", "file": SimpleUploadedFile("a.docx", buffer.getvalue())},
    )
    text = _docx_text(client.get(f"/export/vergadering/{meeting.pk}/agenda.docx").content)
    assert text.startswith("HUISSTIJL Directeurenoverleg op ")
    broken = docx.Document()
    broken.add_paragraph("{% for x in %}")
    buffer = io.BytesIO()
    broken.save(buffer)
    response = client.post(
        "/export/sjablonen/",
        {"kind": "minutes", "file": SimpleUploadedFile("b.docx", buffer.getvalue())},
        follow=True,
    )
    assert "bevat een fout" in response.content.decode()
    from regie.reports.models import WordTemplate

    assert not WordTemplate.objects.filter(kind="minutes").exists()


def test_export_query_counts_do_not_grow(client, world, django_assert_max_num_queries):
    secretary, _m, _o, _b, meeting, _d = world
    client.force_login(secretary.user)
    url = f"/export/vergadering/{meeting.pk}/verslag.docx"
    with django_assert_max_num_queries(30) as small:
        client.get(url)
    for _ in range(20):
        item = factories.agenda_item(meeting=meeting)
        minutes_services.decision_record(actor=secretary.user, item=item, text="Akkoord")
    with django_assert_max_num_queries(30) as large:
        client.get(url)
    assert len(large.captured_queries) == len(small.captured_queries)


def test_the_pdf_is_tagged_for_screen_readers(client, world):
    secretary, _m, _o, _b, meeting, _d = world
    client.force_login(secretary.user)
    content = client.get(f"/export/vergadering/{meeting.pk}/agenda.pdf").content
    catalog = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]


@pytest.mark.django_db
def test_the_menu_leads_secretaries_to_the_word_templates_and_no_one_else(client):
    from regie.core.models import Person

    secretary = factories.person(role=Person.Role.SECRETARY)
    body_secretary = factories.person()
    factories.body(secretary=body_secretary)
    employee = factories.person()
    for person, shown in ((secretary, True), (body_secretary, True), (employee, False)):
        client.force_login(person.user)
        html = client.get("/").content.decode()
        assert ('href="/export/sjablonen/"' in html) is shown, person


def test_table_cells_keep_markup_spaces_tabs_and_line_breaks_as_python_docx_writes_them():
    from regie.reports import docx as word

    row = {"nr": "1", "owner": "Els", "status": "open", "commitment": False}
    tricky = [
        {**row, "title": 'A & <B> "c"', "due": "1 december 2026", "overdue": True},
        {**row, "title": "  spaties  ", "due": "", "overdue": False, "source": "regel 1\nregel 2"},
        {**row, "title": "tab\there", "due": "2 december 2026", "overdue": False, "source": ""},
    ]
    tricky[0]["source"] = "regie-cell-0-mark"
    context = {"kind": "Actielijst", "body": "MT", "body_code": "MT", "date": "1 december 2026"}
    content = word.actions({**context, "actions": tricky, "commitments": []})
    table = docx.Document(io.BytesIO(content)).tables[0]
    cells = [[c.text for c in r.cells] for r in table.rows[1:]]
    assert cells[0][1:4] == ['A & <B> "c"', "Els", "1 december 2026 te laat"]
    assert cells[0][5] == "regie-cell-0-mark"
    assert cells[1][1] == "  spaties  " and cells[1][3] == "–" and cells[1][5] == "regel 1\nregel 2"
    assert cells[2][1] == "tab\there"
    late = table.rows[1].cells[3].paragraphs[0].runs
    assert late[1].text == " te laat" and late[1].bold
