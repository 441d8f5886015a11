"""The voortgangsrapportage and the MT overview (regie.reports.progress) in Word, PDF and Excel.

Word gets the charts as PNG (regie.reports.charts), PDF as SVG, Excel the flat tables, one
sheet each. Dates are written "23 november 2026" in Word and PDF and stay dates in Excel.
"""

from __future__ import annotations

import base64
import io
from copy import deepcopy
from datetime import date
from typing import Any

from django.utils.translation import gettext as _
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.image.image import Image as DocxImage
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.shape import CT_Inline
from docx.parts.image import ImagePart
from docx.shared import Cm, Pt, RGBColor
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from regie.reports import charts, pdf
from regie.reports.docx import add_field
from regie.reports.progress import Block, Report, Table, nl_date

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x55, 0x55, 0x55)
FONT = "Calibri"
PAGE_WIDTH_CM = 21.0
MARGIN_CM = 2.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - 2 * MARGIN_CM
HEATMAP_WIDTH_CM = 9.0
FORMULA_STARTS = ("=", "+", "-", "@")


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return nl_date(value)
    return str(value)


# --- Word ------------------------------------------------------------------------------------


def _style(style, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = color or RGBColor(0x1A, 0x1A, 0x1A)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _document(report: Report):
    document = Document()
    styles = document.styles
    _style(styles["Normal"], 10)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    _style(styles["Title"], 22, bold=True, color=ACCENT)
    ppr = styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    for level, size in ((1, 14), (2, 13), (3, 11)):
        heading = styles[f"Heading {level}"]
        _style(heading, size, bold=True, color=ACCENT)
        heading.paragraph_format.space_before = Pt(12 if level < 3 else 8)
        heading.paragraph_format.space_after = Pt(3)
        heading.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _style(styles[name], 8, color=MUTED)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(PAGE_WIDTH_CM), Cm(29.7)
    section.left_margin = section.right_margin = Cm(MARGIN_CM)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header.paragraphs[0].text = report.subtitle
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{report.kind} · {report.date} · pagina ")
    add_field(footer, "PAGE")
    footer.add_run(" van ")
    add_field(footer, "NUMPAGES")
    properties = document.core_properties
    properties.title = report.title
    properties.language = "nl-NL"
    document.add_paragraph(report.kind, style="Title")
    subtitle = document.add_paragraph()
    run = subtitle.add_run(report.subtitle)
    run.font.size = Pt(13)
    run.font.color.rgb = ACCENT
    made = document.add_paragraph()
    run = made.add_run(report.date)
    run.font.color.rgb = MUTED
    return document


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _borders(table) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if edge in ("top", "bottom", "insideH"):
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "BFBFBF")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    table._tbl.tblPr.append(borders)


def _table_shell(document, table: Table):
    """An empty table with its shaded header row, and the row to copy for every data row
    (built through python-docx: widths, borders, shading, the repeated header)."""
    scale = min(1.0, TEXT_WIDTH_CM / sum(table.widths))
    widths = [Cm(w * scale) for w in table.widths]
    word = document.add_table(rows=1, cols=len(table.headers))
    word.alignment = WD_TABLE_ALIGNMENT.LEFT
    word.autofit = False
    _borders(word)
    header = word.rows[0]
    tr_pr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    tr_pr.append(repeat)
    for cell, text, width in zip(header.cells, table.headers, widths, strict=True):
        cell.width = width
        _shade(cell, "E9EEF4")
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(9)
    prototype = word.add_row()
    for cell, width in zip(prototype.cells, widths, strict=True):
        cell.width = width
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run("")
        run.font.size = Pt(9)
        text = OxmlElement("w:t")
        text.set(qn("xml:space"), "preserve")
        run._r.append(text)
    template = prototype._tr
    word._tbl.remove(template)
    return word._tbl, template


def _table(document, table: Table, shells: dict) -> None:
    if not table.rows and table.empty:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(table.empty)
        run.italic = True
        run.font.color.rgb = MUTED
        return
    # A table's frame is built once per kind of table (a report has a table per goal, all
    # alike) and copied; one row is copied for every row, and the text goes straight into
    # each cell's <w:t>: python-docx's cell and run bookkeeping would otherwise take
    # seconds for thousands of activities.
    key = (tuple(table.headers), tuple(table.widths))
    if key in shells:
        shell, template = shells[key]
        tbl = deepcopy(shell)
        document.element.body._insert_tbl(tbl)
    else:
        tbl, template = _table_shell(document, table)
        shells[key] = (deepcopy(tbl), template)
    t_tag = qn("w:t")
    for values in table.rows:
        tr = deepcopy(template)
        for t, value in zip(tr.iter(t_tag), values, strict=True):
            t.text = cell_text(value)
        tbl.append(tr)


class _WordState:
    """What the blocks of one document share: the table frames, the heading styles, and
    the charts added so far. python-docx's own add_picture searches the whole
    document for a free shape id and hashes every image already added (to share equal
    ones) for each new picture: with a hundred timelines next to thousands of table rows
    that took most of a directorate's report. The charts are never equal, and their ids
    are counted here, above any id the empty document already has."""

    def __init__(self, document) -> None:
        self.document = document
        self.next_id = int(document.part.next_id)
        self.count = 0
        self.tables: dict = {}  # the table frames built so far, see _table
        # style ids looked up once: python-docx resolves a style name for every paragraph
        self.headings = {n: document.styles[f"Heading {n}"].style_id for n in (1, 2, 3)}

    def add_picture(self, png: bytes, width) -> None:
        self.count += 1
        image = DocxImage.from_blob(png)
        part = self.document.part
        image_part = ImagePart.from_image(
            image, PackURI(f"/word/media/regie-chart-{self.count}.{image.ext}")
        )
        rid = part.relate_to(image_part, RT.IMAGE)
        cx, cy = image.scaled_dimensions(width, None)
        inline = CT_Inline.new_pic_inline(self.next_id, rid, image.filename, cx, cy)
        self.next_id += 1
        paragraph = self.document.add_paragraph()
        paragraph.add_run()._r.add_drawing(inline)


def word(report: Report) -> bytes:
    document = _document(report)
    state = _WordState(document)
    for block in report.blocks:
        _word_block(document, block, state)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _word_block(document, block: Block, state: _WordState) -> None:
    if block.new_page:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    if block.heading:
        heading = document.add_paragraph(block.heading)
        heading._p.style = state.headings[min(block.level - 1, 3) or 1]
    for text in block.text:
        document.add_paragraph(text)
    if block.table is not None:
        _table(document, block.table, state.tables)
    if block.chart is not None:
        if block.chart.kind == "timeline":
            image, width = charts.timeline_png(block.chart.figure), Cm(TEXT_WIDTH_CM)
        else:
            image = charts.heatmap_png(block.chart.figure)
            width = Cm(HEATMAP_WIDTH_CM)
        state.add_picture(image, width)
        if block.chart.caption:
            caption = document.add_paragraph()
            run = caption.add_run(block.chart.caption)
            run.font.size = Pt(8.5)
            run.font.color.rgb = MUTED


# --- PDF -------------------------------------------------------------------------------------


def _percentages(widths: list[float]) -> list[int]:
    """Column widths as multiples of 5%, for the fixed table layout of the PDF (a fixed
    layout is measured once, so hundreds of rows stay fast)."""
    total = sum(widths) or 1
    return [max(5, min(60, round(w / total * 20) * 5)) for w in widths]


def pdf_bytes(report: Report) -> bytes:
    """The timelines go in as the PNG that Word gets (WeasyPrint draws an SVG of forty
    activities in a third of a second, a PNG in milliseconds); the heat map stays SVG."""
    blocks = [
        {
            "block": block,
            "rows": [[cell_text(v) for v in row] for row in block.table.rows]
            if block.table
            else [],
            "cols": _percentages(block.table.widths) if block.table else [],
            "png": base64.b64encode(charts.timeline_png(block.chart.figure)).decode()
            if block.chart is not None and block.chart.kind == "timeline"
            else "",
        }
        for block in report.blocks
    ]
    context = {
        "kind": report.kind,
        "body": report.subject,
        "meeting_title": report.subtitle,
        "date": report.date,
        "report": report,
        "blocks": blocks,
        "loose_label": _("Mijlpalen van het plan"),
    }
    return pdf.render("reports/progress_pdf.html", context)


# --- Excel -----------------------------------------------------------------------------------


def _sheet_title(name: str, taken: set[str]) -> str:
    base = "".join(c for c in name if c not in "[]:*?/\\")[:31] or "Blad"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" {n}"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _plain(value: Any) -> Any:
    """Translated labels (lazy strings) become text; numbers and dates stay what they are."""
    if value is None or isinstance(value, str | int | float | date):
        return value
    return str(value)


def excel(report: Report) -> bytes:
    """One sheet per table: a bold, frozen header row, column widths, dates as dates. Text
    that Excel would read as a formula stays text. Written in openpyxl's write-only mode,
    row by row, so thousands of rows cost milliseconds."""
    book = Workbook(write_only=True)
    taken: set[str] = set()
    for table in report.sheets:
        sheet = book.create_sheet(_sheet_title(table.name, taken))
        for index, width in enumerate(table.widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = max(8, round(width * 5))
        sheet.freeze_panes = "A2"
        if table.rows:
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.headers))}1"
        header = []
        for text in table.headers:
            cell = WriteOnlyCell(sheet, value=_plain(text))
            cell.font = BOLD
            cell.alignment = TOP
            header.append(cell)
        sheet.append(header)
        for row in table.rows:
            sheet.append([_excel_cell(sheet, v) for v in row])
    if not book.sheetnames:
        book.create_sheet(_("Rapportage"))
    book.properties.title = report.title
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


BOLD = Font(bold=True)
TOP = Alignment(vertical="top")


def _excel_cell(sheet, value: Any) -> Any:
    """Plain values go in as they are; dates get a Dutch date format and text that starts
    like a formula is marked as text."""
    value = _plain(value)
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = "dd-mm-yyyy"
        return cell
    return value
