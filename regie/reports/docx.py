"""Word output.

The default layout of each kind is built here with python-docx: A4, clear margins, a header
with organisation and body, "pagina X van Y" in the footer, tables that repeat their header
row on every page. When an organisation uploaded its own template (agenda or minutes), that
template is rendered with docxtpl in a sandbox, with the same context (docs/word-sjablonen.md).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from copy import deepcopy
from functools import cache
from xml.sax.saxutils import escape as xml_escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import nsdecls, qn
from docx.oxml.parser import parse_xml
from docx.shared import Cm, Pt, RGBColor
from docx.table import _Cell
from lxml import etree

ACCENT = RGBColor(0x1F, 0x3A, 0x5F)
MUTED = RGBColor(0x55, 0x55, 0x55)
LATE = RGBColor(0xA4, 0x00, 0x00)
FONT = "Calibri"
MULTILINE_KEYS = ("discussion", "description", "summary", "text")


# --- an organisation's own template ---------------------------------------------------------


def _for_template(value):
    """Multi-line texts become docxtpl Listings, so line breaks survive in Word."""
    from docxtpl import Listing

    if isinstance(value, dict):
        return {
            k: Listing(v)
            if k in MULTILINE_KEYS and isinstance(v, str) and "\n" in v
            else _for_template(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [_for_template(v) for v in value]
    return value


def render_template(template_bytes: bytes, context: dict) -> bytes:
    """Render an uploaded docxtpl template. The Jinja environment is sandboxed and escapes
    every value: a template can read the context, never call into the application."""
    from docxtpl import DocxTemplate
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    template = DocxTemplate(io.BytesIO(template_bytes))
    env = ImmutableSandboxedEnvironment(autoescape=True)
    template.render(_for_template(context), jinja_env=env, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


# --- building blocks of the default layout --------------------------------------------------


def _set_font(style, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    style.font.name = FONT
    style.font.size = Pt(size)
    style.font.bold = bold
    style.font.color.rgb = color or RGBColor(0x1A, 0x1A, 0x1A)
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.append(fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(attr), None)


def _styles(document) -> None:
    styles = document.styles
    normal = styles["Normal"]
    _set_font(normal, 10.5)
    normal.paragraph_format.space_after = Pt(4)
    normal.paragraph_format.line_spacing = 1.15
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "nl-NL")
    normal.element.get_or_add_rPr().append(lang)
    _set_font(styles["Title"], 22, bold=True, color=ACCENT)
    styles["Title"].paragraph_format.space_after = Pt(2)
    # the default Title style draws a coloured line under the text: drop it
    ppr = styles["Title"].element.get_or_add_pPr()
    for border in ppr.findall(qn("w:pBdr")):
        ppr.remove(border)
    for level, size in ((1, 14), (2, 12), (3, 11)):
        heading = styles[f"Heading {level}"]
        _set_font(heading, size, bold=True, color=ACCENT)
        heading.paragraph_format.space_before = Pt(14 if level == 1 else 10)
        heading.paragraph_format.space_after = Pt(3)
        heading.paragraph_format.keep_with_next = True
    for name in ("Header", "Footer"):
        _set_font(styles[name], 8, color=MUTED)


@cache
def _style_id(name: str) -> str:
    """The id of a style of python-docx's default template, looked up once per process.

    Setting a style by name searches every style of the document, for every paragraph; a
    minutes document with a heading per agenda item spent most of its time there.
    """
    return Document().styles[name].style_id


def _paragraph(document, text: str = "", style: str | None = None):
    """document.add_paragraph(text, style), with the style set by its id (same XML)."""
    paragraph = document.add_paragraph(text)
    if style is not None:
        paragraph._p.style = _style_id(style)
    return paragraph


def _heading(document, text: str, level: int):
    """document.add_heading(text, level), with the style set by its id (same XML)."""
    return _paragraph(document, text, "Title" if level == 0 else f"Heading {level}")


def add_field(paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""

    def char(kind: str):
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    run = paragraph.add_run()
    run._r.append(char("begin"))
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run._r.append(char("separate"))
    paragraph.add_run(placeholder)
    paragraph.add_run()._r.append(char("end"))


def _base(context: dict, *, landscape: bool = False):
    document = Document()
    _styles(document)
    section = document.sections[0]
    width, height = Cm(21), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        width, height = height, width
    section.page_width, section.page_height = width, height
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2.2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)
    header = section.header.paragraphs[0]
    header.text = " · ".join(
        part for part in (context.get("organisation"), context["body"]) if part
    )
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{context['kind']} {context['body_code']} · pagina ")
    add_field(footer, "PAGE")
    footer.add_run(" van ")
    add_field(footer, "NUMPAGES")

    properties = document.core_properties
    properties.title = f"{context['kind']} {context['body']}"
    properties.author = context.get("organisation") or context["body"]
    properties.language = "nl-NL"

    if context.get("organisation"):
        org = document.add_paragraph(context["organisation"].upper())
        org.runs[0].font.size = Pt(8.5)
        org.runs[0].font.color.rgb = MUTED
        org.paragraph_format.space_after = Pt(0)
    _paragraph(document, context["kind"], "Title")
    subtitle = document.add_paragraph()
    run = subtitle.add_run(context.get("meeting_title") or context["body"])
    run.font.size = Pt(13)
    run.font.color.rgb = ACCENT
    subtitle.paragraph_format.space_after = Pt(10)
    return document


def _shade(cell, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _borders(table, *, inside: bool = True) -> None:
    """Thin grey lines between rows, none between columns: calm and easy to follow."""
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    edges = ("top", "bottom", "insideH") if inside else ()
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        if edge in edges:
            element.set(qn("w:val"), "single")
            element.set(qn("w:sz"), "4")
            element.set(qn("w:color"), "BFBFBF")
        else:
            element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    tr_pr.append(element)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def _set_cell(cell, text: str, *, bold: bool = False, size: float = 9.5) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold = bold
    run.font.size = Pt(size)


Cell = str | Callable  # a text, or a function that fills the cell itself

_TC, _P, _R, _T = qn("w:tc"), qn("w:p"), qn("w:r"), qn("w:t")
_XML_SPACE = qn("xml:space")


def _add_t(run, text: str) -> None:
    """run.add_t(text) without the schema bookkeeping: a w:t at the end of the run."""
    t = etree.SubElement(run, _T)
    t.text = text
    if len(text.strip()) < len(text):
        t.set(_XML_SPACE, "preserve")


def _table(document, headers: list[str], rows: list[list[Cell]], widths: list[float]):
    table = document.add_table(rows=1, cols=len(headers))
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    _borders(table)
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = Cm(width)
        _shade(cell, "E9EEF4")
        _set_cell(cell, text, bold=True, size=9)
    if rows:
        # One row is built through python-docx and copied for every row: building each cell
        # through the API costs milliseconds a row, which a list of hundreds of actions feels.
        prototype = table.add_row()
        for cell, width in zip(prototype.cells, widths, strict=True):
            cell.width = Cm(width)
            _set_cell(cell, "")
        template = prototype._tr
        table._tbl.remove(template)
        _append_rows(table, template, rows)
    document.add_paragraph().paragraph_format.space_after = Pt(2)
    return table


_MARK = "regie-cell-{}-mark"


def _append_rows(table, template, rows: list[list[Cell]]) -> None:
    """Copies of the template row, filled with the rows' values, parsed in one go.

    The template row is written out once with a mark where each cell's text goes; every row
    is that text with the (escaped) values in place of the marks, and all rows are parsed in
    one call. Cells with line breaks or tabs, and cells a function fills, get an empty run
    here and are finished on the parsed elements, as python-docx would build them.
    """
    marked = deepcopy(template)
    for i, tc in enumerate(marked.iterchildren(_TC)):
        _add_t(tc.find(_P).find(_R), _MARK.format(i))
    xml = etree.tostring(marked, encoding="unicode")
    pieces = re.split(r"<w:t>regie-cell-\d+-mark</w:t>", xml)
    if len(pieces) != len(template) - len(template.findall(qn("w:trPr"))) + 1:
        raise ValueError("unexpected table row template")
    texts: list[str] = []
    later: list[tuple[int, int, Cell]] = []
    for r, values in enumerate(rows):
        texts.append(pieces[0])
        for i, value in enumerate(values):
            if callable(value) or any(char in value for char in "\t\r\n"):
                later.append((r, i, value))
            elif value:
                space = ' xml:space="preserve"' if len(value.strip()) < len(value) else ""
                texts.append(f"<w:t{space}>{xml_escape(value)}</w:t>")
            texts.append(pieces[i + 1])
    wrapper = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(texts)}</w:tbl>")
    trs = list(wrapper.iterchildren(qn("w:tr")))
    tbl = table._tbl
    for tr in trs:
        tbl.append(tr)
    for r, i, value in later:
        tc = list(trs[r].iterchildren(_TC))[i]
        paragraph = tc.find(_P)
        run = paragraph.find(_R)
        if callable(value):
            paragraph.remove(run)
            value(_Cell(tc, table))
        else:
            run.text = value  # tabs and line breaks become their own elements


def _meta(document, context: dict) -> None:
    rows = [
        ("Datum", f"{context['weekday']} {context['date']}"),
        ("Tijd", context["time"]),
        ("Locatie", context.get("location") or "–"),
    ]
    table = document.add_table(rows=0, cols=2)
    _borders(table, inside=False)
    for label, value in rows:
        cells = table.add_row().cells
        cells[0].width, cells[1].width = Cm(2.6), Cm(14)
        _set_cell(cells[0], label, bold=True, size=10.5)
        _set_cell(cells[1], value, size=10.5)
    document.add_paragraph().paragraph_format.space_after = Pt(2)


def _muted(paragraph, text: str, size: float = 9) -> None:
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    run.font.color.rgb = MUTED


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _paragraphs(document, text: str) -> None:
    for block in [b.strip() for b in text.replace("\r\n", "\n").split("\n\n")]:
        if block:
            document.add_paragraph(block)


# --- the four kinds -------------------------------------------------------------------------


def _subject_cell(item: dict) -> Callable:
    def fill(cell) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = Pt(0)
        if item["is_sub"]:
            paragraph.paragraph_format.left_indent = Cm(0.3)
        run = paragraph.add_run(item["title"])
        run.font.size = Pt(9.5)
        run.bold = not item["is_sub"]
        if item["description"]:
            note = cell.add_paragraph()
            note.paragraph_format.space_after = Pt(0)
            _muted(note, item["description"], 8.5)

    return fill


def agenda(context: dict) -> bytes:
    document = _base(context)
    _meta(document, context)
    _table(
        document,
        ["Nr.", "Onderwerp", "Doel", "Inbreng", "Tijd", "Stukken"],
        [
            [
                i["number"],
                _subject_cell(i),
                i["purpose"],
                i["presenter"],
                i["time"],
                "\n".join(i["documents"]),
            ]
            for i in context["items"]
        ],
        [1.0, 5.6, 2.6, 2.6, 1.3, 3.5],
    )
    if context["stukken"]:
        _heading(document, "Stukken", 2)
        for stuk in context["stukken"]:
            p = _paragraph(document, style="List Bullet")
            p.add_run(f"bij {stuk['number']}: ").bold = True
            p.add_run(stuk["title"])
    return _save(document)


ACTION_HEADERS = ["Nr.", "Actie", "Eigenaar", "Uiterlijk", "Status", "Herkomst"]
ACTION_WIDTHS = [1.0, 5.8, 2.8, 2.6, 2.0, 2.4]


@cache
def _due_runs() -> tuple:
    """The date run and the " te laat" run of a due cell, built once and copied per row."""
    paragraph = Document().add_paragraph()
    date_run = paragraph.add_run()
    date_run.bold = False
    date_run.font.size = Pt(9.5)
    late_run = paragraph.add_run(" te laat")
    late_run.bold = True
    late_run.font.size = Pt(9)
    late_run.font.color.rgb = LATE
    return date_run._r, late_run._r


def _due_cell(action: dict) -> Cell:
    due = action["due"] or "–"
    if not action["overdue"]:
        return due
    date_r, late_r = _due_runs()

    def fill(cell) -> None:
        # The copied row's paragraph already has no space after (see _table).
        paragraph = cell._tc.find(_P)
        date_run = deepcopy(date_r)
        _add_t(date_run, due)
        paragraph.append(date_run)
        paragraph.append(deepcopy(late_r))

    return fill


def _action_table(document, rows: list[dict]) -> None:
    if not rows:
        _muted(document.add_paragraph(), "Geen openstaande acties.", 9.5)
        return
    _table(
        document,
        ACTION_HEADERS,
        [[a["nr"], a["title"], a["owner"], _due_cell(a), a["status"], a["source"]] for a in rows],
        ACTION_WIDTHS,
    )


def minutes(context: dict) -> bytes:
    document = _base(context)
    _meta(document, context)
    for label, key in (
        ("Aanwezig", "present"),
        ("Afwezig met bericht", "absent_notified"),
        ("Afwezig zonder bericht", "absent"),
    ):
        p = document.add_paragraph()
        p.paragraph_format.space_after = Pt(1)
        p.add_run(f"{label}: ").bold = True
        p.add_run(", ".join(context[key]) or "–")
    if context.get("summary"):
        _heading(document, "Algemeen", 2)
        _paragraphs(document, context["summary"])
    for item in context["items"]:
        _heading(document, f"{item['number']}. {item['title']}", 3 if item["is_sub"] else 2)
        if item["discussion"]:
            _paragraphs(document, item["discussion"])
        elif not item["decisions"] and not item["actions"]:
            _muted(document.add_paragraph(), "Geen aantekeningen.", 9.5)
        for decision in item["decisions"]:
            p = document.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.5)
            p.add_run(f"Besluit {decision['number']}: ").bold = True
            p.add_run(decision["text"])
            if decision["withdrawn"]:
                _muted(p, " (ingetrokken)", 10)
        for action in item["actions"]:
            p = document.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.5)
            p.add_run("Actie: ").bold = True
            p.add_run(action["title"])
            details = ", ".join(
                part
                for part in (action["owner"], action["due"] and f"uiterlijk {action['due']}")
                if part
            )
            if details:
                _muted(p, f" ({details})", 10)
    _heading(document, "Actielijst", 1)
    _action_table(document, context["action_list"])
    if context["commitments"]:
        _heading(document, "Bestuurlijke afspraken", 2)
        _action_table(document, context["commitments"])
    return _save(document)


def _as_of(document, context: dict, extra: str = "") -> None:
    _muted(document.add_paragraph(), f"Stand van {context['date']}{extra}", 10)


def decisions(context: dict) -> bytes:
    document = _base(context)
    _as_of(document, context, f" · jaar {context['year']}" if context["year"] else "")

    def text_cell(decision: dict) -> Callable:
        def fill(cell) -> None:
            _set_cell(cell, decision["text"])
            if decision["withdrawn"]:
                _muted(cell.paragraphs[0], " (ingetrokken)", 9)

        return fill

    def number_cell(decision: dict) -> Callable:
        return lambda cell: _set_cell(cell, decision["number"], bold=True)

    if not context["decisions"]:
        _muted(document.add_paragraph(), "Geen besluiten.", 9.5)
        return _save(document)
    _table(
        document,
        ["Nummer", "Datum", "Besluit"],
        [[number_cell(d), d["date"], text_cell(d)] for d in context["decisions"]],
        [3.4, 3.2, 10.0],
    )
    return _save(document)


def actions(context: dict) -> bytes:
    document = _base(context)
    _as_of(document, context)
    _heading(document, "Acties", 1)
    _action_table(document, context["actions"])
    if context["commitments"]:
        _heading(document, "Bestuurlijke afspraken", 1)
        _action_table(document, context["commitments"])
    return _save(document)


DEFAULTS: dict[str, Callable[[dict], bytes]] = {"agenda": agenda, "minutes": minutes}


# --- a starting point for an organisation's own template ------------------------------------


def _tag_table(document, headers: list[str], loop: str, cells: list[str]) -> None:
    table = document.add_table(rows=4, cols=len(headers))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        _set_cell(cell, text, bold=True)
    table.rows[1].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[2].cells, cells, strict=True):
        cell.text = text
    table.rows[3].cells[0].text = "{%tr endfor %}"


def example_template(kind: str) -> bytes:
    """A small docxtpl template that uses the documented variables: an organisation opens it
    in Word, applies its own styles and logo, and uploads it again."""
    document = Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin = section.right_margin = Cm(2.2)
    section.header.paragraphs[0].text = "{{ organisation }} · {{ body }}"
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run("pagina ")
    add_field(footer, "PAGE")
    footer.add_run(" van ")
    add_field(footer, "NUMPAGES")
    document.add_paragraph("{{ organisation }}")
    document.add_paragraph("{{ kind }} {{ meeting_title }}", style="Title")
    document.add_paragraph("{{ weekday }} {{ date }}, {{ time }}, {{ location }}")
    if kind == "agenda":
        _tag_table(
            document,
            ["Nr.", "Onderwerp", "Doel", "Inbreng", "Tijd", "Stukken"],
            "item in items",
            [
                "{{ item.number }}",
                "{{ item.title }}",
                "{{ item.purpose }}",
                "{{ item.presenter }}",
                "{{ item.time }}",
                "{{ item.stukken }}",
            ],
        )
        return _save(document)
    document.add_paragraph("Aanwezig: {{ present|join(', ') }}")
    document.add_paragraph("Afwezig met bericht: {{ absent_notified|join(', ') }}")
    document.add_paragraph("Afwezig zonder bericht: {{ absent|join(', ') }}")
    document.add_paragraph("{%p for item in items %}")
    document.add_heading("{{ item.number }}. {{ item.title }}", level=2)
    document.add_paragraph("{{ item.discussion }}")
    document.add_paragraph("{%p for d in item.decisions %}")
    p = document.add_paragraph()
    p.add_run("Besluit {{ d.number }}:").bold = True
    p.add_run(" {{ d.text }}")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p for a in item.actions %}")
    document.add_paragraph("Actie: {{ a.title }} ({{ a.owner }}, uiterlijk {{ a.due }})")
    document.add_paragraph("{%p endfor %}")
    document.add_paragraph("{%p endfor %}")
    document.add_heading("Actielijst", level=1)
    _tag_table(
        document,
        ["Nr.", "Actie", "Eigenaar", "Uiterlijk", "Status", "Herkomst"],
        "a in action_list",
        [
            "{{ a.nr }}",
            "{{ a.title }}",
            "{{ a.owner }}",
            "{{ a.due }}{% if a.overdue %} te laat{% endif %}",
            "{{ a.status }}",
            "{{ a.source }}",
        ],
    )
    return _save(document)
