"""The risk register as an Excel workbook, with the filters of the register page.

Written with XlsxWriter from plain rows: a register of a few thousand risks takes about a tenth
of a second, less than half of what openpyxl's streaming mode needs (see
docs/decisions/0003-dependencies.md). Reading Excel (the imports) stays with openpyxl.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from datetime import date

import xlsxwriter
from django.utils.translation import gettext as _

from regie.core.dates import long_date
from regie.core.models import Confidentiality
from regie.risks.models import Risk

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Characters a sheet cannot hold (control characters other than tab and newlines).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
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
    =, +, - or @) stays text; control characters a sheet cannot hold are left out.
    """
    statuses = {key: str(label) for key, label in Risk.Status.choices}
    levels = {key: str(label) for key, label in Confidentiality.choices}
    out = io.BytesIO()
    # Every text is written as text: nothing that starts with "=" becomes a formula, and no
    # number-like text or address is converted.
    book = xlsxwriter.Workbook(
        out,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    sheet = book.add_worksheet(_("Risicoregister"))
    bold = book.add_format({"bold": True})
    day = book.add_format({"num_format": DATE_FORMAT})
    columns = _columns()
    for index, (_name, width) in enumerate(columns):
        sheet.set_column(index, index, width)
    header = 2  # zero-based: the third row
    sheet.freeze_panes(header + 1, 0)
    sheet.autofilter(header, 0, header, len(columns) - 1)
    title = _("Risicoregister, stand %(d)s") % {"d": long_date(today)}
    sheet.write_string(0, 0, title, book.add_format({"bold": True, "font_size": 14}))
    if description:
        sheet.write_string(1, 0, _ILLEGAL.sub("", description))
    sheet.write_row(header, 0, [name for name, _width in columns], bold)
    for number, values in enumerate(rows, start=header + 1):
        row = list(values)
        row[_STATUS] = statuses.get(str(row[_STATUS]), row[_STATUS])
        row[_CONFIDENTIALITY] = levels.get(str(row[_CONFIDENTIALITY]), row[_CONFIDENTIALITY])
        for column, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, str):
                if not value.isprintable():  # rare: the regular expression only then
                    value = _ILLEGAL.sub("", value)
                sheet.write_string(number, column, value)
            elif isinstance(value, date):
                sheet.write_datetime(number, column, value, day)
            else:
                sheet.write_number(number, column, value)
    book.close()
    return out.getvalue()
