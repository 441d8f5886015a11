"""Plain text from stored stukken, for search. Never raises: a failure gives empty text."""

from __future__ import annotations

import io
import logging
import re
import zipfile
from xml.etree import ElementTree

logger = logging.getLogger(__name__)
MAX_TEXT = 1_000_000
MAX_XML = 50 * 1024 * 1024


def extract_text(content: bytes, kind: str) -> str:
    try:
        text = _EXTRACTORS[kind](content)
    except Exception:  # a broken document must not stop the upload
        logger.warning("text extraction failed for a %s file", kind, exc_info=True)
        return ""
    return re.sub(r"[ \t]+", " ", text).strip()[:MAX_TEXT]


def _pdf(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content))
    return "\n".join((page.extract_text() or "") for page in reader.pages[:500])


def _docx(content: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _xlsx(content: bytes) -> str:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    lines = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True, max_row=20_000):
            cells = [str(v) for v in row if v is not None]
            if cells:
                lines.append(" ".join(cells))
    return "\n".join(lines)


def _xml_text(archive: zipfile.ZipFile, names: list[str]) -> str:
    parts = []
    for name in names:
        if archive.getinfo(name).file_size > MAX_XML:
            continue
        data = archive.read(name)
        if b"<!ENTITY" in data or b"<!DOCTYPE" in data:
            continue  # refuse entity tricks instead of parsing them
        root = ElementTree.fromstring(data)
        parts.append(" ".join(t.strip() for t in root.itertext() if t.strip()))
    return "\n".join(parts)


def _pptx(content: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(content))
    slides = sorted(
        (n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
        key=lambda n: int(re.search(r"\d+", n.rsplit("/", 1)[1]).group()),
    )
    return _xml_text(archive, slides)


def _odt(content: bytes) -> str:
    return _xml_text(zipfile.ZipFile(io.BytesIO(content)), ["content.xml"])


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "odt": _odt}
