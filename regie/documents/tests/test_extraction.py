import io
import zipfile

import pytest

from regie.documents import extraction
from regie.documents.extraction import extract_text
from regie.testing import documents_factories as f


@pytest.mark.parametrize(
    ("kind", "content", "needles"),
    [
        ("pdf", f.pdf("Notitie over de Regiodeal"), ["Notitie over de Regiodeal"]),
        ("docx", f.docx("Voorstel voor het DO"), ["Voorstel voor het DO", "Tabelcel | Bedrag"]),
        ("xlsx", f.xlsx("Begroting 2027"), ["Blad1", "Begroting 2027", "1250"]),
        ("pptx", f.pptx("Eerste dia", "Tweede dia"), ["Eerste dia\n\nTweede dia"]),
        ("odt", f.odt("Tekst van het stuk"), ["Kop\nTekst van het stuk"]),
    ],
)
def test_text_is_extracted_from_each_type(kind, content, needles):
    text = extract_text(content, kind)
    for needle in needles:
        assert needle in text


def test_it_reads_from_a_path_and_from_an_open_file(tmp_path):
    path = tmp_path / "stuk.docx"
    path.write_bytes(f.docx("Van schijf"))
    assert "Van schijf" in extract_text(path, "docx")
    assert "Van schijf" in extract_text(str(path), "docx")
    with path.open("rb") as handle:
        handle.read(10)
        assert "Van schijf" in extract_text(handle, "docx")


def test_a_broken_file_gives_empty_text_instead_of_an_error():
    assert extract_text(b"%PDF-1.4 rommel", "pdf") == ""
    assert extract_text(b"PK\x03\x04rommel", "docx") == ""
    assert extract_text(b"", "xlsx") == ""
    assert extract_text(f.pdf(), "onbekend") == ""


def test_xml_with_entity_declarations_is_not_expanded():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
        b"<office:document-content xmlns:office='o'><p>&lol2;</p></office:document-content>"
    )
    content = f.zip_of(
        {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": laughs}
    )
    assert extract_text(content, "odt") == ""


def test_the_text_is_capped(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_TEXT", 50)
    text = extract_text(f.odt("woord " * 100), "odt")
    assert len(text) == 50


def test_an_oversized_xml_part_is_skipped(monkeypatch):
    monkeypatch.setattr(extraction, "MAX_XML", 100)
    assert extract_text(f.odt("x" * 500), "odt") == ""


def test_slides_are_read_in_their_number_order():
    buffer = io.BytesIO(f.pptx(*[f"dia {n}" for n in range(1, 12)]))
    assert len(zipfile.ZipFile(buffer).namelist()) == 13
    text = extract_text(buffer.getvalue(), "pptx")
    assert text.index("dia 2") < text.index("dia 10")
