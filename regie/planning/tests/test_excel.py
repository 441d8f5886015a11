import io
from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from regie.core.errors import DomainError
from regie.planning import excel, queries, services
from regie.planning.models import Activity, Goal, Milestone
from regie.planning.tests import factories as pf
from regie.testing import documents_factories as docs

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pf.plan_world()


def workbook(rows, *, title="Blad1") -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


HEADER = ["Doelstelling", "Activiteit", "Omschrijving", "Eigenaar", "Start", "Einde", "Status"]


def test_export_and_import_round_trip(world):
    goal = pf.goal(plan=world.plan, title="Betere besluitvorming")
    pf.activity(
        plan=world.plan,
        owner=world.owner,
        goal=goal,
        title="Besluitenlijst",
        start=date(2027, 2, 1),
        end=date(2027, 4, 30),
        status="in_progress",
    )
    pf.milestone(plan=world.plan, title="Lijst live", date=date(2027, 5, 1))
    data = excel.export_plan(world.plan, **queries.plan_for_export(world.plan))
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Activiteiten", "Mijlpalen"]
    assert [c.value for c in book["Activiteiten"][1]] == HEADER
    assert book["Activiteiten"]["B2"].value == "Besluitenlijst"
    assert book["Mijlpalen"]["A2"].value == "Lijst live"

    other = pf.plan(unit=world.other_unit)
    result = excel.parse_work_plan(data)
    assert result.ok, result.errors
    counts = services.plan_import(actor=None, plan=other, rows=result.rows)
    assert counts == {"goals": 1, "activities": 1, "milestones": 0}
    imported = Activity.objects.get(plan=other)
    assert (imported.title, imported.owner, imported.status) == (
        "Besluitenlijst",
        world.owner,
        "in_progress",
    )
    assert imported.goal.title == "Betere besluitvorming"


def test_row_errors_are_reported_per_row_and_nothing_is_stored(world):
    data = workbook(
        [
            HEADER,
            ["Doel", "Goed", "", world.owner.name, "01-02-2027", "30-04-2027", "gepland"],
            ["Doel", "", "", "Niemand Bekend", "31-02-2027", "01-01-2027", "bijna"],
            ["Doel", "Omgekeerd", "", world.owner.email, date(2027, 5, 1), date(2027, 4, 1), ""],
        ]
    )
    result = excel.parse_work_plan(data)
    assert not result.ok
    assert result.errors[0].startswith("Rij 3: de activiteit heeft geen naam")
    assert "‘Niemand Bekend’ is geen bekende persoon" in result.errors[0]
    assert "‘31-02-2027’ is geen datum" in result.errors[0]
    assert "onbekende status ‘bijna’" in result.errors[0]
    assert result.errors[1] == "Rij 4: de einddatum ligt vóór de startdatum"
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "leeg"),
        (b"Doelstelling;Activiteit\nDoel;Iets\n", "geen Excel-bestand"),
        (docs.docx(), "geen Excel-bestand"),
        (docs.zip_bomb("xl/workbook.xml"), "uitgepakt te groot"),
        (b"PK\x03\x04" + b"rommel" * 20, "geen Excel-bestand"),
        (docs.zip_of({"xl/workbook.xml": b"<kapot"}), "beschadigd"),
    ],
)
def test_bad_files_get_a_clear_message(data, message):
    with pytest.raises(DomainError, match=message):
        excel.parse_work_plan(data)


def test_an_empty_sheet_and_missing_columns_are_refused(world):
    with pytest.raises(DomainError, match="leeg"):
        excel.parse_work_plan(workbook([]))
    with pytest.raises(DomainError, match="Deze kolommen ontbreken: Eigenaar, Einde"):
        excel.parse_work_plan(workbook([["Activiteit", "Start"], ["Iets", "01-01-2027"]]))
    with pytest.raises(DomainError, match="kopregel ontbreekt"):
        excel.parse_work_plan(workbook([["a", "b"], [1, 2]]))


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("23-11-2026", date(2026, 11, 23)),
        ("11/23/2026", date(2026, 11, 23)),
        ("2/3/2027", date(2027, 2, 3)),
        ("2027-03-02", date(2027, 3, 2)),
        (datetime(2027, 1, 5, 9, 0), date(2027, 1, 5)),
        ("", None),
    ],
)
def test_planner_dates_in_either_locale(raw, expected):
    assert excel.parse_date(raw) == expected


def test_an_impossible_date_raises():
    with pytest.raises(ValueError):
        excel.parse_date("13/25/2027")


def planner(rows, preamble=()):
    return workbook([*preamble, excel.PLANNER_COLUMNS, *rows], title="Tasks")


def task(name, bucket, progress="Not started", assigned="", start="", due="", **kw):
    values = dict.fromkeys(excel.PLANNER_COLUMNS, "")
    values.update(
        {
            "Task ID": "abc",
            "Task Name": name,
            "Bucket Name": bucket,
            "Progress": progress,
            "Assigned To": assigned,
            "Start Date": start,
            "Due Date": due,
            "Created Date": kw.pop("created", ""),
            "Description": kw.pop("description", ""),
            "Checklist Items": kw.pop("checklist", ""),
        }
    )
    return [values[c] for c in excel.PLANNER_COLUMNS]


def test_planner_buckets_become_goals_and_tasks_activities(world):
    data = planner(
        [
            task(
                "Nota schrijven",
                "Beleid",
                "Completed",
                world.owner.name,
                "01-02-2027",
                "15-03-2027",
            ),
            task(
                "Sessie plannen",
                "Beleid",
                "Wordt uitgevoerd",
                "",
                "",
                "4/1/2027",
                checklist="zaal;catering",
            ),
            task(
                "Evalueren",
                "Uitvoering",
                "Niet gestart",
                world.colleague.name,
                "5/1/2027",
                "6/30/2027",
            ),
        ],
        preamble=[["Plannaam", "Team Beleid"], []],
    )
    importer = world.secretary
    result = excel.parse_planner(data, buckets="goals", importer=importer)
    assert result.ok, result.errors
    assert "1 taak/taken zonder toegewezen persoon" in result.notes[0]
    counts = services.plan_import(actor=None, plan=world.plan, rows=result.rows, importer=importer)
    assert counts == {"goals": 2, "activities": 3, "milestones": 0}
    nota = Activity.objects.get(title="Nota schrijven")
    assert nota.status == "done" and nota.owner == world.owner and nota.goal.title == "Beleid"
    sessie = Activity.objects.get(title="Sessie plannen")
    assert sessie.owner == importer and sessie.start == sessie.end == date(2027, 4, 1)
    assert "zaal;catering" in sessie.description
    assert Activity.objects.get(title="Evalueren").end == date(2027, 6, 30)
    assert set(Goal.objects.values_list("title", flat=True)) == {"Beleid", "Uitvoering"}


def test_planner_buckets_become_activities_and_tasks_milestones(world):
    data = planner(
        [
            task(
                "Startnotitie", "Programma Wonen", "Completed", world.owner.name, "", "01-03-2027"
            ),
            task(
                "Besluit DO", "Programma Wonen", "Not started", world.owner.name, "", "01-06-2027"
            ),
        ]
    )
    result = excel.parse_planner(data, buckets="activities", importer=world.secretary)
    counts = services.plan_import(
        actor=None, plan=world.plan, rows=result.rows, importer=world.secretary
    )
    assert counts == {"goals": 0, "activities": 1, "milestones": 2}
    activity = Activity.objects.get(title="Programma Wonen")
    assert (activity.start, activity.end) == (date(2027, 3, 1), date(2027, 6, 1))
    assert list(Milestone.objects.filter(activity=activity).values_list("title", flat=True)) == [
        "Startnotitie",
        "Besluit DO",
    ]


def test_planner_unknown_names_and_bad_rows_are_reported_not_invented(world):
    data = planner(
        [
            task("Goed", "B", "Not started", world.owner.name, "", "01-03-2027"),
            task(
                "Vreemd", "B", "Not started", f"{world.owner.name};Jan Onbekend", "", "01-03-2027"
            ),
            task("Kapot", "B", "Half af", "", "", "31-31-2027"),
            task("Zonder datum", "B", "Not started", world.owner.name),
        ]
    )
    result = excel.parse_planner(data, buckets="goals", importer=world.secretary)
    assert not result.ok
    assert result.errors == [
        "Rij 3: onbekende persoon: ‘Jan Onbekend’",
        "Rij 4: onbekende voortgang ‘Half af’; ‘31-31-2027’ in kolom Due Date is geen datum",
        "Rij 5: de taak heeft geen begin- of vervaldatum",
    ]
    from regie.core.models import Person

    assert not Person.objects.filter(name="Jan Onbekend").exists()


def test_planner_missing_columns(world):
    data = workbook([["Task Name", "Bucket Name"], ["x", "y"]])
    with pytest.raises(
        DomainError, match="Deze kolommen ontbreken: Progress, Assigned To, Due Date"
    ):
        excel.parse_planner(data, buckets="goals", importer=None)


def test_the_import_page_previews_then_saves_all_or_nothing(client, world):
    client.force_login(world.secretary.user)
    url = f"/planning/plan/{world.plan.pk}/inlezen/"
    good = workbook(
        [
            HEADER,
            ["Doel A", "Nieuwe activiteit", "", world.owner.name, "01-02-2027", "01-03-2027", ""],
        ]
    )
    response = client.post(url, {"file": SimpleUploadedFile("plan.xlsx", good)})
    html = response.content.decode()
    assert response.status_code == 200 and "Voorbeeld" in html and "Nieuwe activiteit" in html
    assert not Activity.objects.exists()  # a preview stores nothing
    response = client.post(url, {"bevestig": "1"})
    assert response.status_code == 302
    assert Activity.objects.get().title == "Nieuwe activiteit"

    bad = workbook([HEADER, ["", "X", "", "Onbekend", "01-02-2027", "01-03-2027", ""]])
    html = client.post(url, {"file": SimpleUploadedFile("plan.xlsx", bad)}).content.decode()
    assert "Rij 2: ‘Onbekend’ is geen bekende persoon" in html and "regels opslaan" not in html
    client.post(url, {"bevestig": "1"})
    assert Activity.objects.count() == 1
    html = client.post(
        url, {"file": SimpleUploadedFile("plan.xlsx", docs.zip_bomb("xl/workbook.xml"))}
    ).content.decode()
    assert "uitgepakt te groot" in html


def test_the_planner_page_and_export_download(client, world):
    client.force_login(world.secretary.user)
    data = planner([task("Taak", "Bucket", "Voltooid", world.owner.name, "", "01-03-2027")])
    url = f"/planning/plan/{world.plan.pk}/planner/"
    html = client.post(
        url, {"file": SimpleUploadedFile("tasks.xlsx", data), "buckets": "goals"}
    ).content.decode()
    assert "Taak" in html and "1 regel opslaan" in html
    assert client.post(url, {"bevestig": "1"}).status_code == 302
    assert Activity.objects.get().status == "done"
    response = client.get(f"/planning/plan/{world.plan.pk}/excel/")
    assert response.status_code == 200 and response["Content-Type"] == excel.XLSX_TYPE
    assert load_workbook(io.BytesIO(response.content))["Activiteiten"]["B2"].value == "Taak"
    client.force_login(world.colleague.user)
    assert client.get(url).status_code == 403
    client.force_login(world.external.user)
    assert client.get(f"/planning/plan/{world.plan.pk}/excel/").status_code == 404
