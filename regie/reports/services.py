"""Writes of the reports app: an organisation's own Word template."""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core.errors import DomainError
from regie.documents.checks import check_upload
from regie.reports import docx
from regie.reports.models import WordTemplate

SAMPLE = {
    "organisation": "Voorbeeld",
    "body": "Directeurenoverleg",
    "body_code": "DO",
    "meeting_title": "Directeurenoverleg",
    "kind": "Agenda",
    "date": "23 november 2026",
    "time": "10:00–11:30",
    "location": "Den Haag",
    "status": "concept",
    "items": [
        {
            "number": "1",
            "title": "Opening",
            "purpose": "ter bespreking",
            "presenter": "",
            "time": "10:00",
            "description": "",
            "documents": [],
            "is_sub": False,
            "discussion": "",
            "decisions": [],
            "actions": [],
        }
    ],
    "stukken": [],
    "present": [],
    "absent_notified": [],
    "absent": [],
    "summary": "",
    "action_list": [],
}


@transaction.atomic
def template_upload(*, actor, kind: str, upload) -> WordTemplate:
    if kind not in WordTemplate.Kind.values:
        raise DomainError(_("Kies agenda of verslag."))
    if upload is None:
        raise DomainError(_("Kies een Word-bestand (.docx)."))
    checked = check_upload(upload)
    if checked.kind != "docx":
        raise DomainError(_("Een sjabloon moet een Word-bestand (.docx) zijn."))
    try:
        docx.render_template(checked.content, SAMPLE)
    except Exception as exc:  # docxtpl raises many kinds on a broken template
        raise DomainError(
            _("Het sjabloon bevat een fout en is niet opgeslagen: %(e)s") % {"e": str(exc)[:200]}
        ) from exc
    template, _created = WordTemplate.objects.get_or_create(kind=kind, defaults={"file": ""})
    template.file.save(f"{kind}.docx", ContentFile(checked.content), save=False)
    if actor is not None and getattr(actor, "is_authenticated", False):
        template._history_user = actor
    template.save()
    return template
