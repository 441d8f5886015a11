"""Small real files of each accepted type, and bad ones, for upload tests."""

from __future__ import annotations

import io
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from regie.home.seeding import _tiny_pdf


def pdf(text: str = "Notitie") -> bytes:
    return _tiny_pdf(text)


def docx(text: str = "Notitie voor het DO") -> bytes:
    import docx as python_docx

    document = python_docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def xlsx(value: str = "Begroting") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active["A1"] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def pptx(text: str = "Presentatie") -> bytes:
    slide = (f'<p:sld xmlns:p="p" xmlns:a="a"><a:t>{text}</a:t></p:sld>').encode()
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "ppt/presentation.xml": b"<p/>",
            "ppt/slides/slide1.xml": slide,
        }
    )


def odt(text: str = "Tekst") -> bytes:
    content = f"<office:document-content xmlns:office='o'><p>{text}</p></office:document-content>"
    return _zip(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": content.encode()}
    )


def zip_bomb() -> bytes:
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"0" * 50_000_000})


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
