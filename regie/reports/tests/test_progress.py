"""The voortgangsrapportage and the MT overview: content of the Word, PDF and Excel files,
who may get them, bad parameters, and the number of queries for a big unit."""

from __future__ import annotations

import io
import re
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import docx
import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.planning.models import Activity, Milestone, Plan
from regie.planning.tests import factories as plans
from regie.reports import progress
from regie.risks.tests import factories as risks
from regie.testing import factories

pytestmark = pytest.mark.django_db

YEAR = 2027
DUTCH_DATE = re.compile(
    r"\b\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december) \d{4}\b"
)


@dataclass
class World:
    directorate: OrganisationUnit
    team: OrganisationUnit
    secret_team: OrganisationUnit
    secretary: Person
    owner: Person
    external: Person
    plan: Plan
    secret_plan: Plan
    period: object
    secret_period: object
    on_track: Activity
    off_track: Activity
    silent: Activity


@pytest.fixture
def world() -> World:
    directorate = factories.unit(name="Directie Ruimte", kind=OrganisationUnit.Kind.DIRECTORATE)
    team = factories.unit(name="Team Wonen", parent=directorate)
    secret_team = factories.unit(name="Team Reorganisatie", parent=directorate)
    secretary = factories.person(role=Person.Role.SECRETARY, name="Sanne Secretaris", unit=team)
    owner = factories.person(name="Olaf Eigenaar", unit=team)
    external = factories.person(role=Person.Role.EXTERNAL_MEMBER, name="Eva Extern")
    plan = plans.plan(unit=team, title="Jaarplan Wonen 2027", year=YEAR)
    goal = plans.goal(plan=plan, title="Meer betaalbare woningen", position=1)
    period = plans.period(year=YEAR, name="Q1 2027")
    on_track = plans.activity(
        plan=plan,
        goal=goal,
        owner=owner,
        title="Woonvisie actualiseren",
        end=date(YEAR, 6, 30),
        status=Activity.Status.IN_PROGRESS,
    )
    off_track = plans.activity(
        plan=plan,
        goal=goal,
        owner=owner,
        title="Starterslening invoeren",
        end=date(YEAR, 9, 30),
        status=Activity.Status.IN_PROGRESS,
    )
    silent = plans.activity(plan=plan, owner=owner, title="Huisvestingsverordening")
    plans.update(
        activity=on_track, period=period, status="on_track", percent=40, text="Loopt volgens plan"
    )
    plans.update(
        activity=off_track,
        period=period,
        status="off_track",
        percent=10,
        text="Vertraagd door de aanbesteding",
    )
    plans.milestone(
        plan=plan,
        activity=off_track,
        title="Besluit starterslening",
        kind=Milestone.Kind.DECISION_MOMENT,
        date=date(YEAR, 5, 12),
    )
    secret_plan = plans.plan(
        unit=secret_team,
        title="Jaarplan Geheime Fusie",
        year=YEAR,
        confidentiality=Confidentiality.CONFIDENTIAL,
    )
    plans.activity(plan=secret_plan, owner=owner, title="Fusie voorbereiden")
    secret_period = plans.period(year=YEAR, plan=secret_plan, name="Fusieperiode")
    risks.risk(unit=team, owner=owner, title="Uitval aannemer", probability=4, impact=5)
    factories.action(
        owner=owner, title="Cijfers aanleveren", due_date=timezone.localdate() - timedelta(days=3)
    )
    return World(
        directorate,
        team,
        secret_team,
        secretary,
        owner,
        external,
        plan,
        secret_plan,
        period,
        secret_period,
        on_track,
        off_track,
        silent,
    )


def _get(client, person: Person, name: str, **params):
    client.force_login(person.user)
    return client.get(reverse(f"reports:{name}"), params)


def _docx(content: bytes):
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    rows = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    return document, text, rows


# --- the voortgangsrapportage ----------------------------------------------------------------


def test_the_progress_report_in_word_has_headings_status_tables_and_both_images(client, world):
    response = _get(
        client,
        world.secretary,
        "progress_docx",
        eenheid=world.directorate.pk,
        periode=world.period.pk,
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "Voortgangsrapportage" in response["Content-Disposition"]
    document, text, rows = _docx(response.content)
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert document.paragraphs[0].text == "Voortgangsrapportage"
    assert DUTCH_DATE.search(text)
    assert "Jaarplan Wonen 2027" in headings
    assert "Meer betaalbare woningen" in headings
    assert "Zonder doelstelling" in headings
    assert "Activiteiten zonder update" in headings
    assert "Tijdlijn Jaarplan Wonen 2027" in headings
    assert ["Activiteit", "Eigenaar", "Einde", "Status", "%", "Toelichting"] in rows
    assert [
        "Woonvisie actualiseren",
        "Olaf Eigenaar",
        "30 juni 2027",
        "op koers",
        "40",
        "Loopt volgens plan",
    ] in rows
    assert [
        "Starterslening invoeren",
        "Olaf Eigenaar",
        "30 september 2027",
        "niet op koers",
        "10",
        "Vertraagd door de aanbesteding",
    ] in rows
    assert any(r[0] == "Huisvestingsverordening" and r[3] == "geen update" for r in rows)
    assert any(r[1] == "Besluit starterslening" and r[2] == "beslismoment" for r in rows)
    assert any(r[1] == "Uitval aannemer" and r[0] == "20" for r in rows)
    assert ["Over de termijn", "1"] in rows
    assert len(document.inline_shapes) == 2  # the timeline and the heat map
    page = document.sections[0]
    text_width = page.page_width - page.left_margin - page.right_margin
    assert abs(document.inline_shapes[0].width - text_width) < 2000  # EMU, rounding in twips
    # the confidential plan of another team stays out for the secretary of this team
    assert "Geheime Fusie" not in text + str(rows)
    assert "Fusie voorbereiden" not in str(rows)


def test_the_progress_report_as_pdf_is_tagged_and_holds_the_title_and_tables(client, world):
    response = _get(
        client, world.secretary, "progress_pdf", eenheid=world.team.pk, periode=world.period.pk
    )
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Voortgangsrapportage" in text
    assert "Jaarplan Wonen 2027" in text
    assert "Vertraagd door de aanbesteding" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]


def test_the_progress_report_in_excel_has_a_sheet_per_table_with_real_dates(client, world):
    response = _get(
        client, world.secretary, "progress_xlsx", eenheid=world.team.pk, periode=world.period.pk
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == [
        "Activiteiten",
        "Zonder update",
        "Mijlpalen",
        "Toprisico's",
        "Acties",
    ]
    sheet = book["Activiteiten"]
    header = [c.value for c in sheet[1]]
    assert header[:3] == ["Plan", "Doelstelling", "Activiteit"]
    assert all(c.font.bold for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["C"].width >= 40
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    assert rows["Starterslening invoeren"][6] == datetime(YEAR, 9, 30)
    assert rows["Starterslening invoeren"][8:10] == ("niet op koers", 10)
    assert "Fusie voorbereiden" not in rows
    milestones = list(book["Mijlpalen"].iter_rows(min_row=2, values_only=True))
    assert milestones[0][:3] == (datetime(YEAR, 5, 12), "Besluit starterslening", "beslismoment")


def test_a_formula_in_a_title_stays_text_in_excel(client, world):
    world.silent.title = '=HYPERLINK("http://x")'
    world.silent.save()
    response = _get(
        client, world.secretary, "progress_xlsx", eenheid=world.team.pk, periode=world.period.pk
    )
    sheet = load_workbook(io.BytesIO(response.content))["Activiteiten"]
    cell = next(c for c in sheet["C"] if str(c.value).startswith("=HYPERLINK"))
    assert cell.data_type == "s"


# --- the MT overview -------------------------------------------------------------------------


def test_the_mt_overview_summarises_a_directorate_on_its_own_page(client, world):
    other = factories.unit(name="Directie Middelen", kind=OrganisationUnit.Kind.DIRECTORATE)
    plans.plan(unit=other, title="Jaarplan Middelen", year=YEAR, status=Plan.Status.APPROVED)
    response = _get(client, world.secretary, "mt_docx", periode=world.period.pk)
    assert response.status_code == 200
    document, text, rows = _docx(response.content)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Directie Middelen", "Directie Ruimte"]
    assert ["Team Wonen", "jaarplan concept", "1", "0", "1", "1"] in rows
    assert ["Directie Middelen", "jaarplan vastgesteld", "0", "0", "0", "0"] in rows
    assert any(
        r[0] == "Starterslening invoeren" and r[5] == "Vertraagd door de aanbesteding" for r in rows
    )
    assert any(r[1] == "Besluit starterslening" for r in rows)
    assert any(r[1] == "Uitval aannemer" for r in rows)
    assert len(document.inline_shapes) == 2  # a heat map per directorate
    assert "Team Reorganisatie" not in str(rows)  # only a confidential plan there
    assert "Geheime Fusie" not in text + str(rows)
    breaks = document.element.body.xpath('.//w:br[@w:type="page"]')
    assert len(breaks) == 1  # the second directorate starts on a new page


def test_the_mt_overview_of_one_directorate_as_pdf_and_excel(client, world):
    pdf = _get(
        client, world.secretary, "mt_pdf", directie=world.directorate.pk, periode=world.period.pk
    )
    assert pdf.content.startswith(b"%PDF")
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "MT-overzicht" in text and "Directie Ruimte" in text
    xlsx = _get(
        client, world.secretary, "mt_xlsx", directie=world.directorate.pk, periode=world.period.pk
    )
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["Onderdelen", "Niet op koers", "Beslismomenten", "Toprisico's"]
    off = list(book["Niet op koers"].iter_rows(min_row=2, values_only=True))
    assert [(r[0], r[1]) for r in off] == [("Directie Ruimte", "Starterslening invoeren")]
    moments = list(book["Beslismomenten"].iter_rows(min_row=2, values_only=True))
    assert moments[0][1] == datetime(YEAR, 5, 12)


# --- who may get it, and bad input -----------------------------------------------------------


def test_a_member_of_the_confidential_team_sees_its_plan(client, world):
    insider = factories.person(role=Person.Role.TEAM_LEAD, unit=world.secret_team)
    response = _get(
        client,
        insider,
        "progress_xlsx",
        eenheid=world.secret_team.pk,
        periode=world.secret_period.pk,
    )
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content))["Activiteiten"].values)
    assert any(r[2] == "Fusie voorbereiden" for r in rows)


def test_an_external_member_gets_no_report_of_a_unit_without_public_plans(client, world):
    for name in ("progress_docx", "progress_pdf", "progress_xlsx"):
        response = _get(
            client, world.external, name, eenheid=world.team.pk, periode=world.period.pk
        )
        assert response.status_code == 404
    response = _get(
        client, world.external, "mt_docx", directie=world.directorate.pk, periode=world.period.pk
    )
    assert response.status_code == 404
    page = _get(client, world.external, "progress_reports")
    assert page.status_code == 200
    assert "Team Wonen" not in page.content.decode()


def test_the_period_of_a_confidential_plan_is_404_and_not_offered_to_others(client, world):
    response = _get(
        client,
        world.secretary,
        "progress_docx",
        eenheid=world.team.pk,
        periode=world.secret_period.pk,
    )
    assert response.status_code == 404
    page = _get(client, world.secretary, "progress_reports")
    assert "Fusieperiode" not in page.content.decode()
    assert "Q1 2027" in page.content.decode()


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "Kies een onderdeel."),
        ({"eenheid": "abc", "periode": "1"}, "Kies een onderdeel."),
        ({"eenheid": "PK"}, "Kies een rapportageperiode."),
        ({"eenheid": "PK", "periode": "-1"}, "Kies een rapportageperiode."),
    ],
)
def test_missing_or_bad_parameters_give_a_dutch_message(client, world, params, message):
    params = {k: str(world.team.pk) if v == "PK" else v for k, v in params.items()}
    response = _get(client, world.secretary, "progress_docx", **params)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("reports:progress_reports"))
    page = client.get(response["Location"])
    assert message in page.content.decode()


def test_an_unknown_unit_or_period_is_404(client, world):
    assert (
        _get(
            client, world.secretary, "progress_pdf", eenheid=999999, periode=world.period.pk
        ).status_code
        == 404
    )
    assert _get(client, world.secretary, "mt_pdf", periode=999999).status_code == 404


def test_the_page_offers_the_three_formats_once_unit_and_period_are_chosen(client, world):
    page = _get(client, world.secretary, "progress_reports")
    assert reverse("reports:progress_docx") not in page.content.decode()
    page = _get(
        client, world.secretary, "progress_reports", eenheid=world.team.pk, periode=world.period.pk
    )
    body = page.content.decode()
    for fmt in ("docx", "pdf", "xlsx"):
        assert reverse(f"reports:progress_{fmt}") + f"?eenheid={world.team.pk}" in body
        assert reverse(f"reports:mt_{fmt}") + f"?periode={world.period.pk}" in body
    page = _get(client, world.secretary, "progress_reports", eenheid="x", periode="99999")
    body = page.content.decode()
    assert "Deze rapportageperiode bestaat niet." in body
    assert "Dit onderdeel bestaat niet" in body


# --- a big unit ------------------------------------------------------------------------------


def test_a_report_of_300_activities_runs_a_bounded_number_of_queries(
    client, world, django_assert_max_num_queries
):
    goals = [plans.goal(plan=world.plan, title=f"Doel {n}", position=n) for n in range(10)]
    activities = Activity.objects.bulk_create(
        Activity(
            plan=world.plan,
            goal=goals[n % 10],
            owner=world.owner,
            unit=world.team,
            title=f"Activiteit {n}",
            start=date(YEAR, 1 + n % 12, 1),
            end=date(YEAR, 1 + n % 12, 20),
        )
        for n in range(300)
    )
    from regie.planning.models import ProgressUpdate

    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            activity=a, period=world.period, status="at_risk", percent=n % 100, text="Stand"
        )
        for n, a in enumerate(activities[:200])
    )
    client.force_login(world.secretary.user)
    url = reverse("reports:progress_docx")
    params = {"eenheid": world.directorate.pk, "periode": world.period.pk}
    with django_assert_max_num_queries(25):
        started = time.process_time()  # CPU time: the test machine is shared
        response = client.get(url, params)
        elapsed = time.process_time() - started
    assert response.status_code == 200
    _, _, rows = _docx(response.content)
    assert sum(1 for r in rows if r[0].startswith("Activiteit ")) >= 300
    assert elapsed < 5  # about one second of work on the test machine
    with django_assert_max_num_queries(25):
        assert (
            client.get(
                reverse("reports:mt_xlsx"), params | {"directie": world.directorate.pk}
            ).status_code
            == 200
        )


def test_the_report_reads_do_not_grow_with_the_activities(world, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            progress.progress_report(
                world.secretary.user, world.directorate, world.period, today=date(YEAR, 3, 1)
            )
        return len(ctx.captured_queries)

    count()  # the first call also learns who the user is (cached on the user)
    before = count()
    for n in range(20):
        plans.update(
            activity=plans.activity(plan=world.plan, owner=world.secretary, title=f"Extra {n}"),
            period=world.period,
        )
    assert count() == before


def _grow(world, n: int) -> None:
    """n more activities in the team's plan, every other one with an update."""
    from regie.planning.models import ProgressUpdate

    activities = Activity.objects.bulk_create(
        Activity(
            plan=world.plan,
            owner=world.owner,
            unit=world.team,
            title=f"Extra activiteit {n}-{i}",
            start=date(YEAR, 1 + i % 12, 1),
            end=date(YEAR, 1 + i % 12, 25),
        )
        for i in range(n)
    )
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(activity=a, period=world.period, status="on_track", percent=50, text="Ok")
        for a in activities[::2]
    )


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "pdf"])
def test_the_downloads_run_the_same_queries_for_10_and_120_activities(client, world, fmt):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.secretary.user)
    url = reverse(f"reports:progress_{fmt}")
    params = {"eenheid": world.team.pk, "periode": world.period.pk}
    client.get(url, params)  # the session and the user's groups once

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url, params).status_code == 200
        return len(ctx.captured_queries)

    _grow(world, 10)
    small = count()
    _grow(world, 110)
    assert count() == small
    assert small <= 25


def test_a_pdf_over_the_detail_limit_summarises_per_unit_and_says_so(client, world, monkeypatch):
    monkeypatch.setattr(progress, "PDF_DETAIL_LIMIT", 2)  # the team's plan has three
    response = _get(
        client,
        world.secretary,
        "progress_pdf",
        eenheid=world.directorate.pk,
        periode=world.period.pk,
    )
    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Deze rapportage telt 3 activiteiten, meer dan de 2 die een PDF" in text
    assert "Voortgang per onderdeel" in text
    assert "Team Wonen 1 3 1 0 1 1" in text  # plans, activities, on track, risk, off, none
    assert "Starterslening invoeren" in text  # not on track, so listed
    assert "Woonvisie actualiseren" not in text  # on track: only counted
    assert "Meer betaalbare woningen" not in text  # no tables per goal
    assert "Tijdlijn" not in text
    # Word keeps every activity
    _, _, rows = _docx(
        _get(
            client,
            world.secretary,
            "progress_docx",
            eenheid=world.directorate.pk,
            periode=world.period.pk,
        ).content
    )
    assert any(r[0] == "Woonvisie actualiseren" for r in rows)


def test_a_pdf_under_the_limit_has_the_timeline_as_an_image(client, world):
    response = _get(
        client, world.secretary, "progress_pdf", eenheid=world.team.pk, periode=world.period.pk
    )
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "Tijdlijn Jaarplan Wonen 2027" in text
    assert "Meer betaalbare woningen" in text
    assert sum(len(page.images) for page in reader.pages) >= 1


def test_the_page_explains_what_a_pdf_of_a_large_unit_holds(client, world):
    page = _get(client, world.secretary, "progress_reports")
    assert "dan geeft de PDF per onderdeel een samenvatting" in page.content.decode()
    assert str(progress.PDF_DETAIL_LIMIT) in page.content.decode()
