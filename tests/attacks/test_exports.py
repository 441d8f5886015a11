"""Hostile text in the Word and PDF exports comes out as the literal text that was typed.

The agenda and minutes of a meeting and the decision and action lists of a body are made
with docxtpl (Word) and WeasyPrint (PDF); a title such as `{{ 7*7 }}` or `<script>` must be
printed as typed, never evaluated as a template or as markup.
"""

from __future__ import annotations

import io
import re

import pytest
from django.test import Client
from docx import Document as WordDocument
from pypdf import PdfReader

from regie.meetings.models import Decision, Meeting
from regie.testing import factories
from tests.access_matrix.world import build_world
from tests.attacks.payloads import SHORT

pytestmark = pytest.mark.django_db


def _docx_text(content: bytes) -> str:
    document = WordDocument(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _pdf_text(content: bytes) -> str:
    text = "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    return text.replace("\u2010\n", "")  # words hyphenated at a line end by the layout


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def exported():
    """The confidential body's meeting with one agenda item, decision and action per payload."""
    world = build_world()
    meeting = world.confidential_object("meeting")
    body = world.confidential_object("body")
    Meeting.objects.filter(pk=meeting.pk).update(status=Meeting.Status.HELD)
    for number, payload in enumerate(SHORT, start=1):
        item = factories.agenda_item(
            meeting=meeting, title=payload, description=payload, discussion=payload
        )
        Decision.objects.create(
            body=body,
            year=2026,
            sequence=10 + number,
            number=f"ZETA-2026-{10 + number:03d}",
            meeting=meeting,
            agenda_item=item,
            text=payload,
            confidentiality=body.confidentiality,
            decided_on=meeting.starts_at.date(),
        )
        factories.action(
            owner=world.member, body=body, title=payload, confidentiality=body.confidentiality
        )
    client = Client()
    client.force_login(world.secretary.user)
    return client, meeting, body


EXPORTS = [
    ("agenda", "vergadering", "agenda"),
    ("minutes", "vergadering", "verslag"),
    ("decisions", "gremium", "besluitenlijst"),
    ("actions", "gremium", "actielijst"),
]


@pytest.mark.parametrize(("name", "owner", "file"), EXPORTS, ids=[e[0] for e in EXPORTS])
def test_word_and_pdf_exports_print_hostile_text_literally(exported, name, owner, file):
    client, meeting, body = exported
    pk = meeting.pk if owner == "vergadering" else body.pk
    problems = []
    for ext, read in (("docx", _docx_text), ("pdf", _pdf_text)):
        response = client.get(f"/export/{owner}/{pk}/{file}.{ext}")
        assert response.status_code == 200, f"{name}.{ext}: {response.status_code}"
        content = b"".join(response.streaming_content) if response.streaming else response.content
        text = _flat(read(content))
        for payload in SHORT:
            if _flat(payload) not in text:
                problems.append(f"{name}.{ext} does not show {payload!r} literally")
        if "49" in text.replace("2026", "").replace("2027", "") and "{{ 7*7 }}" not in text:
            problems.append(f"{name}.{ext} evaluated {{{{ 7*7 }}}}")
    assert not problems, "\n".join(problems)
