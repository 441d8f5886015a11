"""Work plans to and from Excel, and tasks from a Microsoft Planner export.

Reading never writes: a file is checked (size, zip structure, unpacked size), parsed into rows,
and every problem is reported per row in Dutch. Only a parse without problems is handed to
the import service, which stores all rows or none.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from regie.core.errors import DomainError
from regie.core.models import Person
from regie.planning.models import Activity, Plan

MAX_UPLOAD = 5 * 1024 * 1024
MAX_UNPACKED = 50 * 1024 * 1024
MAX_ENTRIES = 500
MAX_ROWS = 3000
HEADER_SEARCH_ROWS = 10

ACTIVITY_COLUMNS = [
    "Doelstelling",
    "Activiteit",
    "Omschrijving",
    "Eigenaar",
    "Start",
    "Einde",
    "Status",
]
REQUIRED_ACTIVITY_COLUMNS = ["Activiteit", "Eigenaar", "Start", "Einde"]
MILESTONE_COLUMNS = ["Mijlpaal", "Datum", "Soort", "Activiteit", "Vergadering"]

PLANNER_COLUMNS = [
    "Task ID",
    "Task Name",
    "Bucket Name",
    "Progress",
    "Priority",
    "Assigned To",
    "Created By",
    "Created Date",
    "Start Date",
    "Due Date",
    "Late",
    "Completed Date",
    "Completed By",
    "Labels",
    "Description",
    "Checklist Items",
]
REQUIRED_PLANNER_COLUMNS = ["Task Name", "Bucket Name", "Progress", "Assigned To", "Due Date"]
# A Planner export in Dutch names the same columns in Dutch.
PLANNER_DUTCH = {
    "Taak-id": "Task ID",
    "Taaknaam": "Task Name",
    "Bucketnaam": "Bucket Name",
    "Voortgang": "Progress",
    "Prioriteit": "Priority",
    "Toegewezen aan": "Assigned To",
    "Gemaakt door": "Created By",
    "Aanmaakdatum": "Created Date",
    "Begindatum": "Start Date",
    "Vervaldatum": "Due Date",
    "Te laat": "Late",
    "Voltooiingsdatum": "Completed Date",
    "Voltooid door": "Completed By",
    "Labels": "Labels",
    "Beschrijving": "Description",
    "Controlelijstitems": "Checklist Items",
}
PLANNER_PROGRESS = {
    "not started": Activity.Status.PLANNED,
    "niet gestart": Activity.Status.PLANNED,
    "in progress": Activity.Status.IN_PROGRESS,
    "wordt uitgevoerd": Activity.Status.IN_PROGRESS,
    "bezig": Activity.Status.IN_PROGRESS,
    "completed": Activity.Status.DONE,
    "voltooid": Activity.Status.DONE,
}

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# Writing


def export_plan(plan: Plan, activities, milestones) -> bytes:
    """The work plan as a workbook: one sheet of activities, one of milestones."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Activiteiten"
    sheet.append(ACTIVITY_COLUMNS)
    for activity in activities:
        sheet.append(
            [
                activity.goal.title if activity.goal else "",
                activity.title,
                activity.description,
                activity.owner.name,
                activity.start,
                activity.end,
                activity.get_status_display(),
            ]
        )
    moments = workbook.create_sheet("Mijlpalen")
    moments.append(MILESTONE_COLUMNS)
    for milestone in milestones:
        moments.append(
            [
                milestone.title,
                milestone.date,
                milestone.get_kind_display(),
                milestone.activity.title if milestone.activity else "",
                (
                    f"{milestone.meeting.body.name} {milestone.meeting.starts_at:%d-%m-%Y}"
                    if milestone.meeting
                    else ""
                ),
            ]
        )
    for ws, widths in ((sheet, [30, 40, 50, 25, 12, 12, 15]), (moments, [40, 12, 15, 40, 30])):
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for index, width in enumerate(widths):
            ws.column_dimensions[chr(ord("A") + index)].width = width
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, date):
                    cell.number_format = "DD-MM-YYYY"
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# Reading


def _not_xlsx() -> DomainError:
    return DomainError(
        _(
            "Dit is geen Excel-bestand (.xlsx). Sla het bestand op als Excel-werkmap en "
            "probeer het opnieuw."
        ),
        field="file",
    )


def check_xlsx(data: bytes) -> None:
    """Refuse what is not a plain, reasonably sized .xlsx before openpyxl unpacks anything."""
    if not data:
        raise DomainError(_("Het bestand is leeg."), field="file")
    if len(data) > MAX_UPLOAD:
        raise DomainError(_("Het bestand is te groot (hoogstens 5 MB)."), field="file")
    if not data.startswith(b"PK\x03\x04"):
        raise _not_xlsx()
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
            names = {e.filename for e in entries}
            if len(entries) > MAX_ENTRIES:
                raise DomainError(_("Het bestand bevat te veel onderdelen."), field="file")
            if sum(e.file_size for e in entries) > MAX_UNPACKED:
                raise DomainError(
                    _(
                        "Het bestand is uitgepakt te groot (hoogstens 50 MB). "
                        "Het is niet ingelezen."
                    ),
                    field="file",
                )
            if "xl/workbook.xml" not in names:
                raise _not_xlsx()
            if "xl/vbaProject.bin" in names:
                raise DomainError(
                    _("Bestanden met macro's worden niet ingelezen. Sla op als .xlsx."),
                    field="file",
                )
    except zipfile.BadZipFile as error:
        raise _not_xlsx() from error


def read_rows(data: bytes) -> list[tuple[int, list]]:
    """The rows of the first sheet as (row number, values), empty rows left out."""
    check_xlsx(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on damaged files
        raise DomainError(
            _("Het Excel-bestand is beschadigd en kan niet worden gelezen."), field="file"
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows: list[tuple[int, list]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > MAX_ROWS + HEADER_SEARCH_ROWS:
                raise DomainError(
                    _("Het bestand heeft te veel regels (hoogstens %(n)s).") % {"n": MAX_ROWS},
                    field="file",
                )
            cells = list(values)
            if any(v not in (None, "") for v in cells):
                rows.append((number, cells))
    finally:
        workbook.close()
    if not rows:
        raise DomainError(_("Het werkblad is leeg."), field="file")
    return rows


def _header(rows, required: list[str], aliases: dict[str, str] | None = None):
    """Find the header row (within the first rows) and map column names to indexes."""
    aliases = aliases or {}
    for position, (_number, cells) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = [aliases.get(str(c).strip(), str(c).strip()) if c else "" for c in cells]
        if sum(1 for name in required if name in names) >= 2:
            missing = [name for name in required if name not in names]
            if missing:
                raise DomainError(
                    _("Deze kolommen ontbreken: %(cols)s.") % {"cols": ", ".join(missing)},
                    field="file",
                )
            return {name: names.index(name) for name in names if name}, rows[position + 1 :]
    raise DomainError(
        _("De kopregel ontbreekt; verwacht worden de kolommen %(cols)s.")
        % {"cols": ", ".join(required)},
        field="file",
    )


_DASHED = re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$")
_SLASHED = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(value) -> date | None:
    """A date cell: an Excel date, or text as dd-mm-yyyy (Dutch), m/d/yyyy (US) or
    yyyy-mm-dd. Empty gives None; anything else raises ValueError."""
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().split(" ")[0]
    if match := _DASHED.match(text):
        day, month, year = (int(g) for g in match.groups())
    elif match := _SLASHED.match(text):
        month, day, year = (int(g) for g in match.groups())
    elif match := _ISO.match(text):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ValueError(text)
    return date(year, month, day)


def _text(value) -> str:
    return "" if value is None else str(value).strip()


class PeopleIndex:
    """Internal people by lowercased name and e-mail address, loaded in one query."""

    def __init__(self):
        self.by_key: dict[str, Person] = {}
        for person in Person.objects.exclude(role=Person.Role.EXTERNAL_MEMBER).only(
            "id", "name", "email"
        ):
            self.by_key.setdefault(person.name.strip().lower(), person)
            if person.email:
                self.by_key.setdefault(person.email.strip().lower(), person)

    def find(self, raw: str) -> Person | None:
        return self.by_key.get(raw.strip().lower())


@dataclass
class ImportRow:
    row: int
    title: str
    start: date
    end: date
    owner: Person | None = None
    goal: str = ""
    description: str = ""
    status: str = Activity.Status.PLANNED
    kind: str = "activity"  # or "milestone"
    bucket: str = ""


@dataclass
class ImportResult:
    rows: list[ImportRow] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.rows)


def _row_error(number: int, message: str) -> str:
    return _("Rij %(n)s: %(m)s") % {"n": number, "m": message}


STATUS_BY_LABEL = {str(label).lower(): value for value, label in Activity.Status.choices} | {
    value: value for value in Activity.Status.values
}


def parse_work_plan(data: bytes) -> ImportResult:
    """Rows of a work plan workbook in the export's own layout."""
    columns, body = _header(read_rows(data), REQUIRED_ACTIVITY_COLUMNS)
    people = PeopleIndex()
    result = ImportResult()

    def cell(cells, name):
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in body:
        problems = []
        title = _text(cell(cells, "Activiteit"))
        if not title:
            problems.append(_("de activiteit heeft geen naam"))
        elif len(title) > 300:
            problems.append(_("de naam van de activiteit is te lang (hoogstens 300 tekens)"))
        owner_name = _text(cell(cells, "Eigenaar"))
        owner = people.find(owner_name) if owner_name else None
        if not owner_name:
            problems.append(_("de eigenaar ontbreekt"))
        elif owner is None:
            problems.append(_("‘%(name)s’ is geen bekende persoon") % {"name": owner_name})
        dates = {}
        for name, label in (("Start", _("startdatum")), ("Einde", _("einddatum"))):
            try:
                dates[name] = parse_date(cell(cells, name))
            except (ValueError, TypeError):
                problems.append(
                    _("de %(label)s ‘%(value)s’ is geen datum (gebruik dd-mm-jjjj)")
                    % {"label": label, "value": _text(cell(cells, name))}
                )
                dates[name] = None
                continue
            if dates[name] is None:
                problems.append(_("de %(label)s ontbreekt") % {"label": label})
        if dates.get("Start") and dates.get("Einde") and dates["Einde"] < dates["Start"]:
            problems.append(_("de einddatum ligt vóór de startdatum"))
        raw_status = _text(cell(cells, "Status")).lower()
        status = STATUS_BY_LABEL.get(raw_status, None) if raw_status else Activity.Status.PLANNED
        if status is None:
            problems.append(
                _(
                    "onbekende status ‘%(s)s’ (gebruik gepland, in uitvoering, afgerond "
                    "of vervallen)"
                )
                % {"s": raw_status}
            )
        goal = _text(cell(cells, "Doelstelling"))
        if len(goal) > 300:
            problems.append(_("de doelstelling is te lang (hoogstens 300 tekens)"))
        if problems:
            result.errors.append(_row_error(number, "; ".join(problems)))
            continue
        result.rows.append(
            ImportRow(
                row=number,
                title=title,
                start=dates["Start"],
                end=dates["Einde"],
                owner=owner,
                goal=goal,
                description=_text(cell(cells, "Omschrijving")),
                status=status,
            )
        )
    if not result.rows and not result.errors:
        result.errors.append(_("Het bestand bevat geen activiteiten."))
    return result


def parse_planner(data: bytes, *, buckets: str, importer: Person | None) -> ImportResult:
    """Tasks of a Microsoft Planner export. Buckets become goals (each task an activity) or
    activities (each task a milestone of its bucket's activity). Names in "Assigned To" must
    be known people; an unassigned task goes to the person importing."""
    if buckets not in ("goals", "activities"):
        raise DomainError(_("Kies wat de buckets worden."), field="buckets")
    columns, body = _header(read_rows(data), REQUIRED_PLANNER_COLUMNS, PLANNER_DUTCH)
    people = PeopleIndex()
    result = ImportResult()
    unassigned = 0

    def cell(cells, name):
        index = columns.get(name)
        return cells[index] if index is not None and index < len(cells) else None

    for number, cells in body:
        problems = []
        title = _text(cell(cells, "Task Name"))
        if not title:
            problems.append(_("de taak heeft geen naam"))
        title = title[:300]
        bucket = _text(cell(cells, "Bucket Name"))[:300]
        if not bucket:
            problems.append(_("de bucket ontbreekt"))
        progress = _text(cell(cells, "Progress")).lower()
        status = PLANNER_PROGRESS.get(progress) if progress else Activity.Status.PLANNED
        if status is None:
            problems.append(
                _("onbekende voortgang ‘%(p)s’") % {"p": _text(cell(cells, "Progress"))}
            )
        found = {}
        for name in ("Start Date", "Due Date", "Created Date"):
            try:
                found[name] = parse_date(cell(cells, name))
            except (ValueError, TypeError):
                problems.append(
                    _("‘%(value)s’ in kolom %(col)s is geen datum")
                    % {"value": _text(cell(cells, name)), "col": name}
                )
                found[name] = None
        start = found["Start Date"] or found["Due Date"] or found["Created Date"]
        end = found["Due Date"] or start
        if start is None and not problems:
            problems.append(_("de taak heeft geen begin- of vervaldatum"))
        if start and end and end < start:
            problems.append(_("de vervaldatum ligt vóór de begindatum"))
        owner = importer
        names = [n.strip() for n in _text(cell(cells, "Assigned To")).split(";") if n.strip()]
        unknown = [n for n in names if people.find(n) is None]
        if unknown:
            problems.append(
                _("onbekende persoon: %(names)s") % {"names": ", ".join(f"‘{n}’" for n in unknown)}
            )
        elif names:
            owner = people.find(names[0])
        else:
            unassigned += 1
        if owner is None and not unknown:
            problems.append(_("de taak is aan niemand toegewezen"))
        if problems:
            result.errors.append(_row_error(number, "; ".join(problems)))
            continue
        description = _text(cell(cells, "Description"))
        checklist = _text(cell(cells, "Checklist Items"))
        if checklist:
            description = f"{description}\n\n{_('Controlelijst')}: {checklist}".strip()
        result.rows.append(
            ImportRow(
                row=number,
                title=title,
                start=start,
                end=end,
                owner=owner,
                goal=bucket if buckets == "goals" else "",
                bucket=bucket,
                description=description,
                status=status,
                kind="activity" if buckets == "goals" else "milestone",
            )
        )
    if unassigned and importer is not None:
        result.notes.append(
            _("%(n)s taak/taken zonder toegewezen persoon krijgen u als eigenaar.")
            % {"n": unassigned}
        )
    if not result.rows and not result.errors:
        result.errors.append(_("Het bestand bevat geen taken."))
    return result
