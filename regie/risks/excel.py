"""The risk register as an Excel workbook, with the filters of the register page."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from regie.risks.models import Risk

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@")


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


def _row(risk: Risk) -> list[object]:
    return [
        risk.score,
        risk.probability,
        risk.impact,
        risk.title,
        risk.cause,
        risk.event,
        risk.effect,
        risk.unit.name,
        risk.programme,
        risk.owner.name,
        risk.get_status_display(),
        risk.review_date,
        risk.get_confidentiality_display(),
        getattr(risk, "open_measures", None),
    ]


def export_register(risks: Iterable[Risk], *, today: date, description: str = "") -> bytes:
    """One sheet: a title row, the filter used, a header row, and one row per risk.

    Text that Excel would read as a formula (starting with =, +, - or @) stays text.
    """
    book = Workbook()
    sheet = book.active
    sheet.title = _("Risicoregister")
    sheet.append([_("Risicoregister, stand %(d)s") % {"d": date_format(today, "j F Y")}])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([description])
    columns = _columns()
    sheet.append([name for name, _width in columns])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = Font(bold=True)
    for index, (_name, width) in enumerate(columns, start=1):
        sheet.column_dimensions[sheet.cell(row=header, column=index).column_letter].width = width
    for risk in risks:
        sheet.append(_row(risk))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                cell.data_type = "s"
            elif isinstance(cell.value, date):
                cell.number_format = "dd-mm-yyyy"
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    sheet.auto_filter.ref = f"A{header}:{sheet.cell(row=header, column=len(columns)).coordinate}"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
