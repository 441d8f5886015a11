import pytest

from regie.core.errors import DomainError
from regie.documents.checks import check_upload
from regie.documents.extraction import extract_text
from regie.testing import files


@pytest.mark.parametrize(
    ("name", "maker", "needle"),
    [
        ("notitie.pdf", files.pdf, "Notitie"),
        ("notitie.docx", files.docx, "Notitie voor het DO"),
        ("begroting.xlsx", files.xlsx, "Begroting"),
        ("sheets.pptx", files.pptx, "Presentatie"),
        ("tekst.odt", files.odt, "Tekst"),
    ],
)
def test_each_accepted_type_passes_with_checksum_and_text(name, maker, needle):
    content = maker()
    checked = check_upload(files.upload(name, content))
    assert checked.size == len(content)
    assert len(checked.sha256) == 64
    assert needle in extract_text(checked.content, checked.kind)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("leeg.pdf", b"", "leeg"),
        ("script.pdf", b"<html><script>alert(1)</script></html>", "geen echte PDF"),
        (
            "plaatje.docx",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "geen echt DOCX",
        ),
        ("kapot.pdf", b"%PDF-1.4\nrommel", "beschadigd"),
        ("kapot.docx", b"PK\x03\x04rommel", "beschadigd"),
        ("virus.exe", b"MZ", "Alleen PDF"),
        ("pagina.html", b"<html></html>", "Alleen PDF"),
    ],
)
def test_bad_and_disguised_files_are_refused(name, content, message):
    with pytest.raises(DomainError, match=message):
        check_upload(files.upload(name, content))


def test_a_pdf_renamed_to_docx_is_refused():
    with pytest.raises(DomainError, match="geen echt DOCX"):
        check_upload(files.upload("notitie.docx", files.pdf()))


def test_a_xlsx_renamed_to_docx_is_refused():
    with pytest.raises(DomainError, match="geen echt DOCX"):
        check_upload(files.upload("notitie.docx", files.xlsx()))


def test_a_zip_bomb_disguised_as_docx_is_refused():
    with pytest.raises(DomainError, match="onredelijke omvang"):
        check_upload(files.upload("bom.docx", files.zip_bomb()))


def test_a_file_over_the_limit_is_refused(settings):
    settings.REGIE_MAX_UPLOAD_BYTES = 100
    with pytest.raises(DomainError, match="groter dan"):
        check_upload(files.upload("groot.pdf", files.pdf("x" * 200)))
