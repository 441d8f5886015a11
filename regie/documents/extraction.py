"""Plain text from stukken, for search. Never raises: a failure gives empty text.

XML inside PPTX and ODT files is read with the standard library parser. It refuses documents
with a DOCTYPE (so no entity expansion is ever attempted), reads each part only up to a size
cap, and the bundled expat (>= 2.4) protects against entity amplification in any case.
python-docx parses without resolving entities; openpyxl reads in read-only mode.
"""

from __future__ import annotations

import io
import logging
import os
import re
import zipfile
from typing import BinaryIO
from xml.etree import ElementTree

logger = logging.getLogger(__name__)
MAX_TEXT = 1_000_000  # characters kept per version
MAX_XML = 20 * 1024 * 1024  # bytes read from one XML part
MAX_SOURCE = 300 * 1024 * 1024
MAX_PDF_PAGES = 500
MAX_XLSX_ROWS = 50_000

Source = bytes | str | os.PathLike | BinaryIO


def extract_text(source: Source, kind: str) -> str:
    """The text of a stored or uploaded file of `kind` (pdf, docx, xlsx, pptx, odt).

    `source` is the content itself, a path, or an open binary file. At most MAX_TEXT
    characters are returned; a file that cannot be read gives "" (and a warning in the log).
    """
    extractor = _EXTRACTORS.get(kind)
    if extractor is None:
        return ""
    try:
        text = extractor(_content(source))
    except Exception:  # a broken document must not stop the upload
        logger.warning("text extraction failed for a %s file", kind, exc_info=True)
        return ""
    text = re.sub(r"[ \t\r\f\v]+", " ", text.replace("\x00", ""))
    text = re.sub(r"\n\s*\n+", "\n\n", text)
    return text.strip()[:MAX_TEXT]


def _content(source: Source) -> bytes:
    if isinstance(source, bytes):
        return source
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read(MAX_SOURCE)
    if hasattr(source, "seek"):
        source.seek(0)
    return source.read(MAX_SOURCE)


def _pdf(content: bytes) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(content), strict=False)
    if reader.is_encrypted:
        reader.decrypt("")
    parts: list[str] = []
    size = 0
    for page in reader.pages[:MAX_PDF_PAGES]:
        text = page.extract_text() or ""
        parts.append(text)
        size += len(text)
        if size > MAX_TEXT:
            break
    return "\n".join(parts)


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
    lines: list[str] = []
    size = 0
    try:
        for sheet in workbook.worksheets:
            lines.append(sheet.title)
            for row in sheet.iter_rows(values_only=True, max_row=MAX_XLSX_ROWS):
                cells = [str(v) for v in row if v is not None and str(v).strip()]
                if cells:
                    line = " ".join(cells)
                    lines.append(line)
                    size += len(line)
                if size > MAX_TEXT:
                    return "\n".join(lines)
    finally:
        workbook.close()
    return "\n".join(lines)


def _parse(archive: zipfile.ZipFile, name: str) -> ElementTree.Element | None:
    with archive.open(name) as handle:
        data = handle.read(MAX_XML + 1)
    if len(data) > MAX_XML or b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return None  # too big, or entity tricks: skip rather than parse
    return ElementTree.fromstring(data)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _pptx(content: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(content))
    slides = sorted(
        (n for n in archive.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)),
        key=lambda n: int(re.findall(r"\d+", n)[-1]),
    )
    parts: list[str] = []
    for name in slides:
        root = _parse(archive, name)
        if root is None:
            continue
        paragraphs = [
            "".join(t.text or "" for t in p.iter() if _local(t.tag) == "t")
            for p in root.iter()
            if _local(p.tag) == "p"
        ]
        if not paragraphs:
            paragraphs = [" ".join(t.strip() for t in root.itertext())]
        parts.append("\n".join(p for p in paragraphs if p.strip()))
    return "\n\n".join(parts)


def _odt(content: bytes) -> str:
    archive = zipfile.ZipFile(io.BytesIO(content))
    root = _parse(archive, "content.xml")
    if root is None:
        return ""
    blocks = [
        "".join(element.itertext()) for element in root.iter() if _local(element.tag) in ("p", "h")
    ]
    if not blocks:
        blocks = list(root.itertext())
    return "\n".join(b for b in blocks if b.strip())


_EXTRACTORS = {"pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "pptx": _pptx, "odt": _odt}
