from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest

from regie.core.errors import DomainError
from regie.hiring import services
from regie.testing import files

SEEDS = Path(__file__).resolve().parents[1] / "demo_postings"


def test_a_real_posting_is_accepted_as_text_and_as_a_word_file():
    text = (SEEDS / "secretaris_fysieke_leefomgeving.txt").read_text(encoding="utf-8")
    assert services.check_posting_text(text).startswith("Logo van Vereniging")
    upload = files.upload("uitvraag.txt", text.encode("utf-8"))
    assert "Fysieke Leefomgeving" in services.posting_text_from_upload(upload)
    word = files.upload("uitvraag.docx", files.docx("Secretaris Domein Samenleving. Eisen: HBO."))
    assert "Domein Samenleving" in services.posting_text_from_upload(word)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("uitvraag.txt", b"", "leeg"),
        ("uitvraag.txt", b"\x00\xff" * 50, "binair"),
        ("uitvraag.exe", b"MZ", ".txt, .pdf, .docx"),
        ("uitvraag.pdf", b"niet echt een pdf", "PDF"),
        ("uitvraag.txt", b"Secretaris \x81\x8d vacature", "UTF-8"),
    ],
)
def test_bad_posting_files_get_a_clear_message(name, content, message):
    with pytest.raises(DomainError) as error:
        services.posting_text_from_upload(files.upload(name, content))
    assert message in error.value.message


@dataclass
class Criterion:
    text: str
    points: int | None


@dataclass
class Posting:
    title: str = "Secretaris Domein Samenleving"
    organisation: str = "Gemeente Zoetermeer"
    location: str = ""
    hours_per_week: int | None = 36
    start_date: date | None = None
    start_text: str = "Z.s.m."
    end_date: date | None = None
    extension_options: str = "2 x 6 maand(en)"
    extension_count: int = 2
    extension_months: int = 6
    max_rate: float | None = None
    deadline: date | None = date(2026, 6, 29)
    knockout_requirements: list = field(default_factory=lambda: ["HBO-bachelor"])
    competencies: list = field(default_factory=lambda: ["Verbindend"])
    award_criteria: list = field(
        default_factory=lambda: [Criterion("Ervaring", 25), Criterion("Notuleren", None)]
    )
    procedure_steps: list = field(default_factory=list)
    execution_conditions: list = field(default_factory=lambda: ["Geen zzp"])
    award_total_points: int = 100
    candidates_to_select: int = 10
    is_das: bool = True


def test_a_parsed_posting_becomes_a_draft_that_names_what_is_missing():
    draft = services.draft_from_posting(Posting(), "tekst")
    data = draft.data
    assert data.title == "Secretaris Domein Samenleving" and data.hours_per_week_max == 36
    assert data.start_text == "Z.s.m." and data.extension_count == 2 and data.is_das
    assert data.criteria == [("Ervaring", 25), ("Notuleren", None)]
    assert data.execution_conditions == ["Geen zzp"] and data.requirements == ["HBO-bachelor"]
    assert {"location", "end_date", "max_rate", "procedure_steps"} <= set(draft.missing)
    assert any("punten" in note for note in draft.notes)
    assert data.deadline.hour == 9
    with pytest.raises(DomainError):  # points missing: it cannot be stored as it is
        services.validate_request_data(data)


def test_a_posting_without_requirements_is_flagged_in_the_draft():
    draft = services.draft_from_posting(Posting(knockout_requirements=[]), "tekst")
    assert "requirements" in draft.missing
    assert any("geen enkele eis" in note for note in draft.notes)
