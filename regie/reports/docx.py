"""Word output: a clean Dutch default layout built with python-docx, or the organisation's own
docxtpl template when one was uploaded for that kind of document."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

ACCENT = RGBColor(0x8A, 0x00, 0x00)


def render_template(template_bytes: bytes, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(template_bytes))
    template.render(context, autoescape=True)
    out = io.BytesIO()
    template.save(out)
    return out.getvalue()


def _base(context: dict) -> Document:
    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.2))
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    style = document.styles["Normal"]
    style.font.name = "Calibri"
    style.font.size = Pt(10.5)
    header = section.header.paragraphs[0]
    header.text = f"{context['organisation']} · {context['body']}"
    header.runs[0].font.size = Pt(8)
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _page_field(footer)
    title = document.add_heading(f"{context['kind']} {context['body']}", level=0)
    title.runs[0].font.color.rgb = ACCENT
    return document


def _field(paragraph, instruction: str) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)
    run.font.size = Pt(8)


def _page_field(paragraph) -> None:
    paragraph.add_run("pagina ").font.size = Pt(8)
    _field(paragraph, "PAGE")
    paragraph.add_run(" van ").font.size = Pt(8)
    _field(paragraph, "NUMPAGES")


def _table(document, headers: list[str], rows: list[list[str]], widths: list[float]) -> None:
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Light Grid Accent 1"
    for cell, text, width in zip(table.rows[0].cells, headers, widths, strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
        cell.width = Cm(width)
    for values in rows:
        cells = table.add_row().cells
        for cell, value, width in zip(cells, values, widths, strict=True):
            cell.text = value
            cell.width = Cm(width)


def _meta(document, context: dict) -> None:
    line = document.add_paragraph()
    line.add_run(f"{context['date']}, {context['time']}").bold = True
    if context.get("location"):
        line.add_run(f" · {context['location']}")


def _save(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def agenda(context: dict) -> bytes:
    document = _base(context)
    _meta(document, context)
    _table(
        document,
        ["Nr.", "Tijd", "Onderwerp", "Doel", "Inbreng"],
        [
            [i["number"], i["time"], i["title"], i["purpose"], i["presenter"]]
            for i in context["items"]
        ],
        [1.2, 1.4, 8, 3.2, 3],
    )
    if context["stukken"]:
        document.add_heading("Stukken", level=2)
        for stuk in context["stukken"]:
            document.add_paragraph(f"bij {stuk['number']}: {stuk['title']}", style="List Bullet")
    return _save(document)


def _action_rows(actions: list[dict]) -> list[list[str]]:
    return [
        [
            a["title"],
            a["owner"],
            a["due"] + (" (te laat)" if a["overdue"] else ""),
            a["status"],
            a["source"],
        ]
        for a in actions
    ]


ACTION_HEADERS = ["Actie", "Eigenaar", "Uiterlijk", "Status", "Herkomst"]
ACTION_WIDTHS = [6.5, 3, 2.8, 2.2, 3]


def minutes(context: dict) -> bytes:
    document = _base(context)
    _meta(document, context)
    for label, key in (
        ("Aanwezig", "present"),
        ("Afwezig met bericht", "absent_notified"),
        ("Afwezig zonder bericht", "absent"),
    ):
        if context[key]:
            p = document.add_paragraph()
            p.add_run(f"{label}: ").bold = True
            p.add_run(", ".join(context[key]))
    if context.get("summary"):
        document.add_paragraph(context["summary"])
    for item in context["items"]:
        document.add_heading(
            f"{item['number']}. {item['title']}", level=2 if not item["is_sub"] else 3
        )
        if item["discussion"]:
            document.add_paragraph(item["discussion"])
        for decision in item["decisions"]:
            p = document.add_paragraph(style="List Bullet")
            p.add_run(f"Besluit {decision['number']}: ").bold = True
            p.add_run(decision["text"] + (" (ingetrokken)" if decision["withdrawn"] else ""))
        for action in item["actions"]:
            p = document.add_paragraph(style="List Bullet")
            p.add_run("Actie: ").bold = True
            p.add_run(f"{action['title']} ({action['owner']}, uiterlijk {action['due']})")
    document.add_heading("Actielijst", level=1)
    _table(document, ACTION_HEADERS, _action_rows(context["action_list"]), ACTION_WIDTHS)
    return _save(document)


def decisions(context: dict) -> bytes:
    document = _base(context)
    document.add_paragraph(
        f"Stand van {context['date']}" + (f", jaar {context['year']}" if context["year"] else "")
    )
    _table(
        document,
        ["Nummer", "Datum", "Besluit"],
        [
            [d["number"], d["date"], d["text"] + (" (ingetrokken)" if d["withdrawn"] else "")]
            for d in context["decisions"]
        ],
        [3, 3, 11],
    )
    return _save(document)


def actions(context: dict) -> bytes:
    document = _base(context)
    document.add_paragraph(f"Stand van {context['date']}")
    _table(document, ACTION_HEADERS, _action_rows(context["actions"]), ACTION_WIDTHS)
    if context["commitments"]:
        document.add_heading("Bestuurlijke afspraken", level=2)
        _table(document, ACTION_HEADERS, _action_rows(context["commitments"]), ACTION_WIDTHS)
    return _save(document)
