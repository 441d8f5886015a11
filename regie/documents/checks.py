"""Checks on an upload before anything is stored: name, size, type by content, structure.

Only PDF, DOCX, XLSX, PPTX and ODT are accepted, and only when the content really is what the
extension says. Refused, each with a Dutch message for the user: an empty file, a file over
``settings.REGIE_MAX_UPLOAD_BYTES``, another extension, a web page or script (HTML, SVG) under
an office name, a file that is two formats at once (a polyglot), a corrupt PDF or ZIP, a PDF
with scripts or a password, an office file with macros, and a ZIP that unpacks to an
unreasonable size (a zip bomb).
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath

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
LABELS = {
    "pdf": "PDF",
    "docx": "Word",
    "xlsx": "Excel",
    "pptx": "PowerPoint",
    "odt": "OpenDocument",
}
OOXML_MAIN_PART = {
    "docx": "word/document.xml",
    "xlsx": "xl/workbook.xml",
    "pptx": "ppt/presentation.xml",
}
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"

# Zip bombs: the sum of the declared sizes bounds what zipfile will ever unpack (it stops at
# the declared size and checks the CRC), so limits on the declared sizes are real limits.
MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_APPLIES_ABOVE = 5 * 1024 * 1024  # a small file with a high ratio is harmless
MAX_ENTRIES = 5000
SNIFF_BYTES = 1024
CHUNK = 1024 * 1024

# What browsers and viewers sniff as markup or script in the first bytes of a file.
_MARKUP = re.compile(
    rb"<\s*(?:!doctype\s+html|html|head|body|script|svg|iframe|object|embed)[\s>/]",
    re.IGNORECASE,
)
_PDF_SCRIPT = re.compile(rb"/(?:JavaScript|JS|Launch|RichMedia)(?![A-Za-z0-9])")


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed every check; `content` is the file itself (at most the limit)."""

    name: str
    kind: str
    content_type: str
    size: int
    sha256: str
    detected_kind: str
    content: bytes


def check_upload(upload: UploadedFile) -> CheckedUpload:
    """Read and check an uploaded file; raise DomainError with a Dutch message when it is bad."""
    name = clean_filename(upload.name or "")
    kind = PurePosixPath(name).suffix.lower().lstrip(".")
    if kind not in CONTENT_TYPES:
        shown = f".{kind}" if kind else _("zonder extensie")
        raise DomainError(
            _(
                "Bestanden %(ext)s worden niet aangenomen. Toegestaan zijn PDF, Word (.docx), "
                "Excel (.xlsx), PowerPoint (.pptx) en OpenDocument-tekst (.odt)."
            )
            % {"ext": shown},
            field="file",
        )
    limit = settings.REGIE_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise _too_big(limit)
    content, sha256 = _read(upload, limit)
    if not content:
        raise DomainError(_("Het bestand is leeg."), field="file")
    if _MARKUP.search(content[:SNIFF_BYTES]):
        raise DomainError(
            _(
                "Dit bestand bevat webpagina- of scriptcode (HTML, SVG of JavaScript) en is "
                "geen %(label)s-bestand. Het is geweigerd."
            )
            % {"label": LABELS[kind]},
            field="file",
        )
    detected = _check_pdf(content) if kind == "pdf" else _check_office(content, kind)
    return CheckedUpload(
        name=name,
        kind=kind,
        content_type=CONTENT_TYPES[kind],
        size=len(content),
        sha256=sha256,
        detected_kind=detected,
        content=content,
    )


def clean_filename(raw: str) -> str:
    """The last part of the name, without control characters, at most 255 characters."""
    name = PurePosixPath(raw.replace("\\", "/")).name
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > 255:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 254 - len(ext)]}.{ext}" if dot and len(ext) <= 10 else name[:255]
    return name


def _too_big(limit: int) -> DomainError:
    return DomainError(
        _("Het bestand is groter dan de toegestane %(mb)s MB.") % {"mb": _megabytes(limit)},
        field="file",
    )


def _megabytes(limit: int) -> str:
    value = limit / 2**20
    return f"{value:.0f}" if value >= 1 else f"{value:.2f}".replace(".", ",")


def _read(upload: UploadedFile, limit: int) -> tuple[bytes, str]:
    """Read in chunks, hashing as we go, and stop as soon as the limit is passed."""
    buffer = io.BytesIO()
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks(CHUNK):
        buffer.write(chunk)
        digest.update(chunk)
        if buffer.tell() > limit:
            raise _too_big(limit)
    return buffer.getvalue(), digest.hexdigest()


def _mismatch(kind: str, actual: str | None) -> DomainError:
    if actual in LABELS:
        message = _(
            "De inhoud past niet bij de naam: dit is een %(actual)s-bestand met de extensie "
            ".%(ext)s. Geef het de juiste extensie en probeer het opnieuw."
        ) % {"actual": LABELS[actual], "ext": kind}
    else:
        message = _(
            "De inhoud past niet bij de naam: dit bestand is geen echt %(label)s-bestand "
            "(.%(ext)s)."
        ) % {"label": LABELS[kind], "ext": kind}
    return DomainError(message, field="file")


def _corrupt(kind: str) -> DomainError:
    return DomainError(
        _("Het %(label)s-bestand is beschadigd en kan niet worden gelezen.")
        % {"label": LABELS[kind]},
        field="file",
    )


def _check_pdf(content: bytes) -> str:
    if not content.startswith(b"%PDF-"):
        raise _mismatch("pdf", "docx" if content.startswith(b"PK\x03\x04") else None)
    if _is_zip(content):
        raise _polyglot()
    if _PDF_SCRIPT.search(content):
        raise _pdf_script()
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise DomainError(
                _("De PDF is met een wachtwoord beveiligd; lever een onbeveiligde versie aan."),
                field="file",
            )
        pages = len(reader.pages)
        scripted = _opens_with_script(reader)
    except DomainError:
        raise
    except Exception as exc:  # pypdf raises many kinds of errors on broken files
        raise _corrupt("pdf") from exc
    if scripted:
        raise _pdf_script()
    if pages < 1:
        raise DomainError(_("De PDF heeft geen pagina's."), field="file")
    return "pdf"


def _opens_with_script(reader) -> bool:
    """True when the catalog runs something on open (JavaScript, launch) or names scripts."""
    try:
        root = reader.trailer["/Root"]
        names = root.get("/Names")
        if names is not None and "/JavaScript" in names.get_object():
            return True
        for key in ("/OpenAction", "/AA"):
            action = root.get(key)
            if action is None:
                continue
            if _PDF_SCRIPT.search(repr(action.get_object()).encode()):
                return True
    except Exception:
        return True  # what cannot be inspected is not let through
    return False


def _pdf_script() -> DomainError:
    return DomainError(
        _("De PDF bevat scripts of opdrachten die bij openen worden uitgevoerd en is geweigerd."),
        field="file",
    )


def _polyglot() -> DomainError:
    return DomainError(
        _(
            "Het bestand is tegelijk van twee soorten (bijvoorbeeld PDF en ZIP) en is daarom "
            "geweigerd."
        ),
        field="file",
    )


def _is_zip(content: bytes) -> bool:
    try:
        return zipfile.is_zipfile(io.BytesIO(content))
    except Exception:
        return False


def _check_office(content: bytes, kind: str) -> str:
    if not content.startswith(b"PK\x03\x04"):
        raise _mismatch(kind, "pdf" if content.startswith(b"%PDF-") else None)
    if b"%PDF-" in content[:SNIFF_BYTES]:
        raise _polyglot()
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        entries = archive.infolist()
    except Exception as exc:
        raise _corrupt(kind) from exc
    _check_sizes(entries)
    names = [info.filename for info in entries]
    if len(set(names)) != len(names):
        raise _corrupt(kind)
    if any(info.flag_bits & 0x1 for info in entries):
        raise DomainError(
            _("Het bestand is met een wachtwoord versleuteld; lever een onbeveiligde versie aan."),
            field="file",
        )
    actual = _office_kind(archive, set(names))
    if actual != kind:
        raise _mismatch(kind, actual)
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise DomainError(
            _("Bestanden met macro's worden niet aangenomen; sla het op zonder macro's."),
            field="file",
        )
    _check_integrity(archive, entries, kind)
    return actual


def _check_sizes(entries: list[zipfile.ZipInfo]) -> None:
    total = sum(info.file_size for info in entries)
    packed = max(1, sum(info.compress_size for info in entries))
    if (
        len(entries) > MAX_ENTRIES
        or total > MAX_UNCOMPRESSED
        or (total > RATIO_APPLIES_ABOVE and total / packed > MAX_RATIO)
    ):
        raise DomainError(
            _(
                "Het bestand pakt uit tot een onredelijke omvang (mogelijk een zip-bom) en is "
                "geweigerd."
            ),
            field="file",
        )


def _office_kind(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    if "mimetype" in names:
        try:
            mimetype = archive.open("mimetype").read(200).strip()
        except Exception:
            return None
        return "odt" if mimetype == ODT_MIMETYPE else None
    if "[Content_Types].xml" not in names:
        return None
    for kind, part in OOXML_MAIN_PART.items():
        if part in names:
            return kind
    return None


def _check_integrity(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], kind: str) -> None:
    """Unpack every entry in chunks (bounded by the declared sizes) so the CRCs are checked."""
    try:
        for info in entries:
            with archive.open(info) as handle:
                while handle.read(CHUNK):
                    pass
    except Exception as exc:
        raise _corrupt(kind) from exc
