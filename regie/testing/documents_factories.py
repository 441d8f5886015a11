"""Builders for stukken tests: real small files of each accepted type, bad ones, and rows."""

from __future__ import annotations

import hashlib
import io
import itertools
import zipfile
from datetime import date
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from regie.core.models import Body, Person
from regie.documents.models import Document, DocumentVersion, ReviewRoute, ReviewStep

_seq = itertools.count(1)

# --- files ---------------------------------------------------------------------------------


def _pdf_from_objects(objects: list[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf(text: str = "Notitie", *, catalog_extra: bytes = b"") -> bytes:
    """A minimal valid one-page PDF with a line of text."""
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode()
    return _pdf_from_objects(
        [
            b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b">>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_without_pages() -> bytes:
    return _pdf_from_objects(
        [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [] /Count 0 >>"]
    )


def pdf_with_javascript() -> bytes:
    return pdf(catalog_extra=b"/OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> ")


def pdf_with_password(password: str = "geheim") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(pdf())).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def docx(text: str = "Notitie voor het DO") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Tabelcel"
    table.cell(0, 1).text = "Bedrag"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(value: str = "Begroting") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.title = "Blad1"
    workbook.active["A1"] = value
    workbook.active["B2"] = 1250
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_of(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def pptx(*texts: str) -> bytes:
    """A minimal PresentationML package with one slide per text."""
    texts = texts or ("Presentatie",)
    entries = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types xmlns="x"/>',
        "ppt/presentation.xml": f'<p:presentation xmlns:p="{_P}"/>'.encode(),
    }
    for number, text in enumerate(texts, start=1):
        entries[f"ppt/slides/slide{number}.xml"] = (
            f'<p:sld xmlns:p="{_P}" xmlns:a="{_A}"><p:cSld><p:spTree><p:sp><p:txBody>'
            f"<a:p><a:r><a:t>{text}</a:t></a:r></a:p></p:txBody></p:sp></p:spTree></p:cSld>"
            "</p:sld>"
        ).encode()
    return zip_of(entries)


def odt(text: str = "Tekst") -> bytes:
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    text_ns = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    content = (
        f'<office:document-content xmlns:office="{office}" xmlns:text="{text_ns}">'
        f"<office:body><office:text><text:h>Kop</text:h><text:p>{text}</text:p>"
        "</office:text></office:body></office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", b"application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", content.encode(), zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def zip_bomb(main_part: str = "word/document.xml", size: int = 60_000_000) -> bytes:
    """A small, valid-looking office file whose one entry unpacks to `size` bytes."""
    return zip_of({"[Content_Types].xml": b"<Types/>", main_part: b"0" * size})


def docm() -> bytes:
    """A Word file with a macro project inside."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(docx())) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/vbaProject.bin", b"\xd0\xcf\x11\xe0macro")
    return buffer.getvalue()


HTML = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
)


def pdf_zip_polyglot() -> bytes:
    """A file that is a valid PDF and, read from its end, a valid ZIP too."""
    return pdf() + docx()


def html_zip_polyglot() -> bytes:
    """A web page with a Word file appended (ZIP readers find the archive at the end)."""
    return HTML + docx()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- rows ----------------------------------------------------------------------------------


def document(
    *,
    body: Body | None = None,
    author: Person | None = None,
    versions: int = 1,
    content: bytes | None = None,
    **kw: Any,
) -> Document:
    """A stuk with `versions` stored versions (files written to the test storage)."""
    n = next(_seq)
    defaults: dict[str, Any] = {"title": f"Stuk {n}", "kind": Document.Kind.MEMO}
    created = Document.objects.create(body=body, author=author, **(defaults | kw))
    for number in range(1, versions + 1):
        data = content or pdf(f"Stuk {n} versie {number}")
        sha = hashlib.sha256(data).hexdigest()
        version = DocumentVersion(
            document=created,
            number=number,
            original_name=f"stuk-{n}-v{number}.pdf",
            content_type="application/pdf",
            size=len(data),
            sha256=sha,
            uploaded_by=author,
        )
        version.file.save(version.original_name, ContentFile(data), save=False)
        version.save()
    return created


def route(
    *,
    document: Document,
    target_date: date,
    steps: list[tuple[str, Person | None, int, date]],
    target_label: str = "DO",
) -> ReviewRoute:
    """A route with steps given as (label, reviewer, working days before, due date).

    Bypasses the service's checks, so tests can build routes with due dates in the past.
    """
    created = ReviewRoute.objects.create(
        document=document, target_date=target_date, target_label=target_label
    )
    for position, (label, reviewer, days, due) in enumerate(steps, start=1):
        ReviewStep.objects.create(
            route=created,
            position=position,
            label=label,
            reviewer=reviewer,
            working_days_before=days,
            due_date=due,
        )
    return created
