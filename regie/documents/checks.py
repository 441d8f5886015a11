"""Checks on an upload before it is stored: type by content, size, structure, zip bombs."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from regie.core.errors import DomainError

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
}
OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 5000


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    content: bytes


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Read and check an uploaded file; raise DomainError with a Dutch message when it is bad."""
    name = PurePath(upload.name or "").name[:255]
    kind = PurePath(name).suffix.lower().lstrip(".")
    if kind not in CONTENT_TYPES:
        raise DomainError(
            _(
                "Alleen PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx) en ODT zijn "
                "toegestaan."
            ),
            field="file",
        )
    limit = settings.REGIE_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise DomainError(
            _("Het bestand is groter dan %(mb)d MB.") % {"mb": limit // 2**20}, field="file"
        )
    content = _read(upload, limit)
    if not content:
        raise DomainError(_("Het bestand is leeg."), field="file")
    if kind == "pdf":
        _check_pdf(content)
    else:
        _check_zip(content, kind)
    return CheckedUpload(
        name, kind, CONTENT_TYPES[kind], len(content), hashlib.sha256(content).hexdigest(), content
    )


def _read(upload: UploadedFile, limit: int) -> bytes:
    buffer = io.BytesIO()
    for chunk in upload.chunks():
        buffer.write(chunk)
        if buffer.tell() > limit:
            raise DomainError(
                _("Het bestand is groter dan %(mb)d MB.") % {"mb": limit // 2**20}, field="file"
            )
    return buffer.getvalue()


def _check_pdf(content: bytes) -> None:
    if not content.startswith(b"%PDF-"):
        raise DomainError(
            _("Dit bestand is geen echte PDF (de inhoud past niet bij de naam)."), field="file"
        )
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pages = len(PdfReader(io.BytesIO(content)).pages)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise DomainError(
            _("De PDF is beschadigd en kan niet worden gelezen."), field="file"
        ) from exc
    if pages < 1:
        raise DomainError(_("De PDF heeft geen pagina's."), field="file")


def _check_zip(content: bytes, kind: str) -> None:
    disguised = _("Dit bestand is geen echt %(kind)s-bestand (de inhoud past niet bij de naam).")
    if not content.startswith(b"PK\x03\x04"):
        raise DomainError(disguised % {"kind": kind.upper()}, field="file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise DomainError(
            _("Het bestand is beschadigd en kan niet worden gelezen."), field="file"
        ) from exc
    total = sum(info.file_size for info in entries)
    packed = max(1, sum(info.compress_size for info in entries))
    if len(entries) > MAX_ENTRIES or total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise DomainError(
            _("Het bestand pakt uit tot een onredelijke omvang en is geweigerd."), field="file"
        )
    names = {info.filename for info in entries}
    if kind == "odt":
        ok = "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE
    else:
        ok = "[Content_Types].xml" in names and OOXML_MAIN_PART[kind] in names
    if not ok:
        raise DomainError(disguised % {"kind": kind.upper()}, field="file")
    if archive.testzip() is not None:
        raise DomainError(_("Het bestand is beschadigd en kan niet worden gelezen."), field="file")
