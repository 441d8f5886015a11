import hashlib
import zipfile

import pytest

from regie.core.errors import DomainError
from regie.documents.checks import check_upload, clean_filename
from regie.testing import documents_factories as f


@pytest.mark.parametrize(
    ("name", "maker", "kind"),
    [
        ("notitie.pdf", f.pdf, "pdf"),
        ("notitie.docx", f.docx, "docx"),
        ("begroting.XLSX", f.xlsx, "xlsx"),
        ("sheets.pptx", f.pptx, "pptx"),
        ("tekst.odt", f.odt, "odt"),
    ],
)
def test_each_accepted_type_passes_with_size_checksum_and_kind(name, maker, kind):
    content = maker()
    checked = check_upload(f.upload(name, content))
    assert checked.kind == checked.detected_kind == kind
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.content == content
    assert checked.name == name


def test_the_content_type_is_ours_not_the_browsers():
    upload = f.upload("notitie.pdf", f.pdf())
    upload.content_type = "text/html"
    assert check_upload(upload).content_type == "application/pdf"


def test_an_empty_file_is_refused():
    with pytest.raises(DomainError, match="Het bestand is leeg"):
        check_upload(f.upload("leeg.pdf", b""))


def test_a_file_over_the_limit_is_refused(settings):
    settings.REGIE_MAX_UPLOAD_BYTES = 1024
    with pytest.raises(DomainError, match="groter dan de toegestane"):
        check_upload(f.upload("groot.docx", f.docx()))


def test_a_file_whose_declared_size_lies_is_still_stopped_while_reading(settings):
    settings.REGIE_MAX_UPLOAD_BYTES = 100
    upload = f.upload("groot.pdf", f.pdf("x" * 500))
    upload.size = 10
    with pytest.raises(DomainError, match="groter dan"):
        check_upload(upload)


@pytest.mark.parametrize("name", ["virus.exe", "pagina.html", "plaatje.svg", "oud.doc", "zonder"])
def test_other_extensions_are_refused(name):
    with pytest.raises(DomainError, match="worden niet aangenomen") as error:
        check_upload(f.upload(name, b"MZ whatever"))
    assert error.value.field == "file"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notitie.pdf", f.HTML),
        ("notitie.docx", f.SVG_WITH_SCRIPT),
        ("notitie.xlsx", b"<script>alert(1)</script>"),
        ("notitie.odt", b"  <HTML><body>hallo</body></HTML>"),
    ],
)
def test_web_pages_and_scripts_with_an_office_name_are_refused(name, content):
    with pytest.raises(DomainError, match="webpagina- of scriptcode"):
        check_upload(f.upload(name, content))


def test_a_pdf_named_docx_is_refused_saying_what_it_is():
    with pytest.raises(DomainError, match=r"dit is een PDF-bestand met de extensie \.docx"):
        check_upload(f.upload("notitie.docx", f.pdf()))


def test_a_spreadsheet_named_docx_is_refused_saying_what_it_is():
    with pytest.raises(DomainError, match=r"dit is een Excel-bestand met de extensie \.docx"):
        check_upload(f.upload("notitie.docx", f.xlsx()))


def test_a_word_file_named_pdf_is_refused():
    with pytest.raises(DomainError, match="De inhoud past niet bij de naam"):
        check_upload(f.upload("notitie.pdf", f.docx()))


def test_an_odt_needs_the_right_mimetype_entry():
    fake = f.zip_of({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"})
    with pytest.raises(DomainError, match="geen echt OpenDocument-bestand"):
        check_upload(f.upload("tabel.odt", fake))


def test_a_zip_without_office_parts_is_refused():
    with pytest.raises(DomainError, match="geen echt Word-bestand"):
        check_upload(f.upload("archief.docx", f.zip_of({"readme.txt": b"hallo"})))


def test_a_pdf_that_is_also_a_zip_is_refused():
    with pytest.raises(DomainError, match="tegelijk van twee soorten"):
        check_upload(f.upload("notitie.pdf", f.pdf_zip_polyglot()))


def test_a_web_page_with_a_word_file_appended_is_refused():
    with pytest.raises(DomainError, match="webpagina- of scriptcode"):
        check_upload(f.upload("notitie.docx", f.html_zip_polyglot()))


def test_a_zip_with_a_pdf_header_inside_its_first_bytes_is_refused():
    content = f.zip_of({"%PDF-1.4.txt": b"x", "[Content_Types].xml": b"<T/>"})
    with pytest.raises(DomainError, match="tegelijk van twee soorten"):
        check_upload(f.upload("notitie.docx", content))


@pytest.mark.parametrize(
    ("name", "part"),
    [("bom.docx", "word/document.xml"), ("bom.xlsx", "xl/workbook.xml")],
)
def test_a_zip_bomb_disguised_as_an_office_file_is_refused(name, part):
    bomb = f.zip_bomb(part)
    assert len(bomb) < 200_000
    with pytest.raises(DomainError, match="zip-bom"):
        check_upload(f.upload(name, bomb))


def test_a_zip_with_too_many_entries_is_refused():
    entries = {f"word/media/{n}.txt": b"" for n in range(5001)}
    entries |= {"[Content_Types].xml": b"<T/>", "word/document.xml": b"<w/>"}
    with pytest.raises(DomainError, match="zip-bom"):
        check_upload(f.upload("veel.docx", f.zip_of(entries, zipfile.ZIP_STORED)))


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("kapot.pdf", b"%PDF-1.4\nrommel zonder structuur"),
        ("kapot.docx", b"PK\x03\x04rommel"),
        ("kapot.xlsx", None),
    ],
)
def test_corrupt_files_are_refused(name, content):
    if content is None:  # a real file cut in half
        whole = f.xlsx()
        content = whole[: len(whole) // 2]
    with pytest.raises(DomainError, match="beschadigd"):
        check_upload(f.upload(name, content))


def test_a_docx_with_a_damaged_entry_is_refused():
    content = bytearray(f.docx())
    start = content.index(b"word/document.xml") + len("word/document.xml") + 10
    content[start : start + 20] = b"\x00" * 20
    with pytest.raises(DomainError, match="beschadigd"):
        check_upload(f.upload("kapot.docx", bytes(content)))


def test_a_pdf_without_pages_is_refused():
    with pytest.raises(DomainError, match="geen pagina's"):
        check_upload(f.upload("leeg.pdf", f.pdf_without_pages()))


def test_a_pdf_that_runs_javascript_is_refused():
    with pytest.raises(DomainError, match="scripts"):
        check_upload(f.upload("actief.pdf", f.pdf_with_javascript()))


def test_a_password_protected_pdf_is_refused():
    with pytest.raises(DomainError, match="wachtwoord"):
        check_upload(f.upload("geheim.pdf", f.pdf_with_password()))


def test_a_word_file_with_macros_is_refused():
    with pytest.raises(DomainError, match="macro"):
        check_upload(f.upload("macro.docx", f.docm()))


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("C:\\Users\\jan\\nota.pdf", "nota.pdf"),
        ("../../etc/nota.pdf", "nota.pdf"),
        ("nota\r\nSet-Cookie: x.pdf", "notaSet-Cookie: x.pdf"),
        ("a" * 300 + ".docx", "a" * 250 + ".docx"),
    ],
)
def test_file_names_are_cleaned(raw, clean):
    assert clean_filename(raw) == clean
