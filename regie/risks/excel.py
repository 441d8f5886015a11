"""The risk register as an Excel workbook, with the filters of the register page.

The workbook is written directly as the few XML parts of an .xlsx file, from plain rows: a
register of a few thousand risks takes some tens of milliseconds, where a general spreadsheet
library spends most of a second on its cell objects. Every text is an inline string, so text
that Excel would read as a formula (starting with =, +, - or @) stays text.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date
from xml.sax.saxutils import escape, quoteattr

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from regie.core.models import Confidentiality
from regie.risks.models import Risk

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
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
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
HEADER_ROW = 3

# Cell styles, in the order of cellXfs in the styles part.
PLAIN, TITLE, BOLD, DATE = 0, 1, 2, 3
# Characters XML 1.0 does not allow (control characters other than tab and newlines).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_EPOCH = date(1899, 12, 30).toordinal()  # Excel's day 0 (with its 1900 leap year)

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_OOXML = "application/vnd.openxmlformats-officedocument"

CONTENT_TYPES = (
    _HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OOXML}.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_OOXML}.spreadsheetml.worksheet+xml"/>'
    f'<Override PartName="/xl/styles.xml" ContentType="{_OOXML}.spreadsheetml.styles+xml"/>'
    "</Types>"
)
PACKAGE_RELS = (
    _HEAD + f'<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
    f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK_RELS = (
    _HEAD + f'<Relationships xmlns="{_PKG_REL}">'
    f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
)
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
STYLES = (
    _HEAD + f'<styleSheet xmlns="{_MAIN}">'
    f'<numFmts count="1"><numFmt numFmtId="164" formatCode="{DATE_FORMAT}"/></numFmts>'
    f'<fonts count="3"><font>{_FONT}</font><font><b/>{_FONT}</font>'
    '<font><b/><sz val="14"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/>'
    "</cellStyles></styleSheet>"
)


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


def _text(ref: str, value: str, style: int = PLAIN) -> str:
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub("", value)
    styled = f' s="{style}"' if style else ""
    return (
        f'<c r="{ref}"{styled} t="inlineStr"><is><t xml:space="preserve">{escape(value)}'
        "</t></is></c>"
    )


def _cell(ref: str, value: object) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{DATE}"><v>{value.toordinal() - _EPOCH}</v></c>'
    return _text(ref, str(value))


def _sheet_rows(
    rows: Iterable[Sequence[object]], head: list[str], columns: list[tuple[str, int]]
) -> Iterable[str]:
    letters = _LETTERS[: len(columns)]
    statuses = {key: str(label) for key, label in Risk.Status.choices}
    levels = {key: str(label) for key, label in Confidentiality.choices}
    yield f'<row r="1">{_text("A1", head[0], TITLE)}</row>'
    yield f'<row r="2">{_text("A2", head[1]) if head[1] else ""}</row>'
    header = "".join(
        _text(f"{letter}{HEADER_ROW}", name, BOLD)
        for letter, (name, _w) in zip(letters, columns, strict=True)
    )
    yield f'<row r="{HEADER_ROW}">{header}</row>'
    number = HEADER_ROW
    for values in rows:
        number += 1
        row = list(values)
        row[_STATUS] = statuses.get(str(row[_STATUS]), row[_STATUS])
        row[_CONFIDENTIALITY] = levels.get(str(row[_CONFIDENTIALITY]), row[_CONFIDENTIALITY])
        cells = "".join(
            _cell(f"{letter}{number}", value) for letter, value in zip(letters, row, strict=False)
        )
        yield f'<row r="{number}">{cells}</row>'


def export_register(
    rows: Iterable[Sequence[object]], *, today: date, description: str = ""
) -> bytes:
    """One sheet: a title row, the filter used, a header row, and one row per risk.

    `rows` are tuples of the values named in ROW_FIELDS (status and confidentiality as stored;
    the sheet shows their Dutch labels). The header stays in view and carries a filter.
    """
    columns = _columns()
    last = _LETTERS[len(columns) - 1]
    title = _("Risicoregister, stand %(d)s") % {"d": date_format(today, "j F Y")}
    widths = "".join(
        f'<col min="{n}" max="{n}" width="{width}" customWidth="1"/>'
        for n, (_name, width) in enumerate(columns, start=1)
    )
    first = f"A{HEADER_ROW + 1}"
    sheet = [
        _HEAD,
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetViews><sheetView workbookViewId="0">',
        f'<pane ySplit="{HEADER_ROW}" topLeftCell="{first}" activePane="bottomLeft" '
        f'state="frozen"/><selection pane="bottomLeft" activeCell="{first}" sqref="{first}"/>',
        f'</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>{widths}</cols>',
        "<sheetData>",
        *_sheet_rows(rows, [title, description], columns),
        f'</sheetData><autoFilter ref="A{HEADER_ROW}:{last}{HEADER_ROW}"/></worksheet>',
    ]
    workbook = (
        _HEAD + f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
        f'<sheet name={quoteattr(_("Risicoregister"))} sheetId="1" r:id="rId1"/>'
        "</sheets></workbook>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", PACKAGE_RELS)
        archive.writestr("xl/workbook.xml", workbook)
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/styles.xml", STYLES)
        archive.writestr("xl/worksheets/sheet1.xml", "".join(sheet))
    return out.getvalue()
