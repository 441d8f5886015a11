"""The risk register as an Excel workbook, with the filters of the register page.

The sheet is written in openpyxl's write-only (streaming) mode from plain rows: a few thousand
risks take a fraction of a second instead of the many seconds a styled in-memory sheet needs.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from regie.core.models import Confidentiality
from regie.risks.models import Risk

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")
DATE_FORMAT = "dd-mm-yyyy"

# The fields of a risk one row shows, in column order (see `_columns`); the register query
# gives them as plain values.
ROW_FIELDS = (
    "score",
    "probability",
    "impact",
    "title",
    "cause",
    "event",
    "effect",
    "unit__name",
    "programme",
    "owner__name",
    "status",
    "review_date",
    "confidentiality",
    "open_measures",
)
_STATUS, _CONFIDENTIALITY = ROW_FIELDS.index("status"), ROW_FIELDS.index("confidentiality")


def _columns() -> list[tuple[str, int]]:
    return [
        (_("Score"), 8),
        (_("Kans"), 6),
        (_("Impact"), 8),
        (_("Risico"), 40),
        (_("Oorzaak"), 30),
        (_("Gebeurtenis"), 30),
        (_("Gevolg"), 30),
        (_("Organisatieonderdeel"), 22),
        (_("Programma/project"), 22),
        (_("Risico-eigenaar"), 22),
        (_("Status"), 12),
        (_("Volgende herbeoordeling"), 16),
        (_("Vertrouwelijkheid"), 14),
        (_("Open maatregelen"), 10),
    ]


def export_register(
    rows: Iterable[Sequence[object]], *, today: date, description: str = ""
) -> bytes:
    """One sheet: a title row, the filter used, a header row, and one row per risk.

    `rows` are tuples of the values named in ROW_FIELDS (status and confidentiality as stored;
    the sheet shows their Dutch labels). Text that Excel would read as a formula (starting with
    =, +, - or @) stays text.
    """
    statuses = {key: str(label) for key, label in Risk.Status.choices}
    levels = {key: str(label) for key, label in Confidentiality.choices}
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Risicoregister"))
    columns = _columns()
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    header = 3
    sheet.freeze_panes = f"A{header + 1}"
    sheet.auto_filter.ref = f"A{header}:{get_column_letter(len(columns))}{header}"

    def styled(value: object, **style: object) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        for name, setting in style.items():
            setattr(cell, name, setting)
        return cell

    title = _("Risicoregister, stand %(d)s") % {"d": date_format(today, "j F Y")}
    sheet.append([styled(title, font=Font(bold=True, size=14))])
    sheet.append([description])
    bold = Font(bold=True)
    sheet.append([styled(name, font=bold) for name, _width in columns])
    for values in rows:
        row: list[object] = list(values)
        row[_STATUS] = statuses.get(str(row[_STATUS]), row[_STATUS])
        row[_CONFIDENTIALITY] = levels.get(str(row[_CONFIDENTIALITY]), row[_CONFIDENTIALITY])
        for index, value in enumerate(row):
            if isinstance(value, str):
                if value.startswith(FORMULA_STARTS):
                    cell = WriteOnlyCell(sheet, value=value)
                    cell.data_type = "s"
                    row[index] = cell
            elif isinstance(value, date):
                row[index] = styled(value, number_format=DATE_FORMAT)
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
