"""Writes of the reports app: an organisation's own Word templates."""

from __future__ import annotations

import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from regie.core.errors import DomainError
from regie.core.history import set_author
from regie.documents.checks import check_upload
from regie.reports import docx
from regie.reports.models import WordTemplate
from regie.reports.samples import sample_context

log = logging.getLogger(__name__)


def _kind(kind: str) -> str:
    if kind not in WordTemplate.Kind.values:
        raise DomainError(_("Kies of het sjabloon voor de agenda of het verslag is."), field="kind")
    return kind


def _delete_file_after_commit(name: str) -> None:
    if not name:
        return

    def delete() -> None:
        from django.core.files.storage import default_storage

        try:
            default_storage.delete(name)
        except OSError:  # a file that is gone already is fine
            log.warning("Could not delete old Word template %s", name)

    transaction.on_commit(delete)


@transaction.atomic
def word_template_upload(*, actor, kind: str, upload) -> WordTemplate:
    """Store an organisation's Word template for agenda or minutes.

    The file must be a real .docx (the stukken upload checks) and must render with a sample
    context; otherwise a Dutch message says why and nothing is stored.
    """
    kind = _kind(kind)
    if upload is None:
        raise DomainError(_("Kies een Word-bestand (.docx)."), field="file")
    checked = check_upload(upload)
    if checked.kind != "docx":
        raise DomainError(_("Een sjabloon moet een Word-bestand (.docx) zijn."), field="file")
    try:
        docx.render_template(checked.content, sample_context(kind))
    except Exception as exc:  # docxtpl and Jinja raise many kinds on a broken template
        raise DomainError(
            _(
                "Het sjabloon bevat een fout en is niet opgeslagen. Controleer de velden "
                "tussen {{ }} en {%% %%}. Melding: %(error)s"
            )
            % {"error": str(exc)[:200]},
            field="file",
        ) from exc
    template = WordTemplate.objects.select_for_update().filter(kind=kind).first()
    old_name = (template.file.name or "") if template else ""
    template = template or WordTemplate(kind=kind)
    try:
        template.file.save(f"{kind}.docx", ContentFile(checked.content), save=False)
    except OSError as exc:
        log.error("file store refused a Word template: %s", exc)
        raise DomainError(
            _(
                "Het sjabloon kon niet worden opgeslagen: de opslag is vol of niet beschrijfbaar. "
                "Er is niets veranderd; probeer het later opnieuw of meld het bij de beheerder."
            ),
            field="file",
        ) from exc
    set_author(template, actor)
    template.save()
    if old_name and old_name != template.file.name:
        _delete_file_after_commit(old_name)
    return template


@transaction.atomic
def word_template_remove(*, actor, kind: str) -> bool:
    """Remove the organisation's template of this kind: the default layout is used again."""
    kind = _kind(kind)
    template = WordTemplate.objects.select_for_update().filter(kind=kind).first()
    if template is None:
        return False
    name = template.file.name or ""
    set_author(template, actor)
    template.delete()
    _delete_file_after_commit(name)
    return True
