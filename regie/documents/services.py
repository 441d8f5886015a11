"""Writes on stukken: upload, new versions, review routes and their steps."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.access import viewer_for
from regie.core.errors import DomainError
from regie.core.models import Body, Confidentiality, Person
from regie.core.workdays import working_calendar
from regie.documents.checks import CheckedUpload, check_upload
from regie.documents.extraction import extract_text
from regie.documents.models import Document, DocumentVersion, ReviewRoute, ReviewStep

logger = logging.getLogger(__name__)


def _tag(obj, actor) -> None:
    if actor is not None and getattr(actor, "is_authenticated", False):
        obj._history_user = actor


def _store(checked: CheckedUpload) -> str:
    """Write the file content-addressed; the same content is stored once."""
    name = f"documents/{checked.sha256[:2]}/{checked.sha256}"
    try:
        if not default_storage.exists(name):
            name = default_storage.save(name, ContentFile(checked.content))
    except OSError as exc:
        logger.error("file store refused a write: %s", exc)
        raise DomainError(
            _(
                "Het bestand kon niet worden opgeslagen (de opslag is vol of niet "
                "beschikbaar). Er is niets bewaard; probeer het later opnieuw."
            ),
            field="file",
        ) from exc
    return name


def _add_version(*, actor, document: Document, checked: CheckedUpload, uploader) -> DocumentVersion:
    number = (document.versions.aggregate(top=Max("number"))["top"] or 0) + 1
    stored = _store(checked)
    version = DocumentVersion(
        document=document,
        number=number,
        file=stored,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        extracted_text=extract_text(checked.content, checked.kind),
        uploaded_by=uploader,
    )
    version.save()
    return version


@transaction.atomic
def document_upload(
    *,
    actor,
    title: str,
    kind: str,
    body: Body | None,
    upload: UploadedFile,
    confidentiality: str = Confidentiality.INTERNAL,
    author: Person | None = None,
) -> Document:
    if not title.strip():
        raise DomainError(_("Geef het stuk een titel."), field="title")
    checked = check_upload(upload)
    uploader = Person.objects.filter(user=actor).first()
    document = Document(
        title=title.strip(),
        kind=kind,
        body=body,
        confidentiality=confidentiality,
        author=author or uploader,
    )
    _tag(document, actor)
    document.save()
    _add_version(actor=actor, document=document, checked=checked, uploader=uploader)
    return document


@transaction.atomic
def document_add_version(*, actor, document: Document, upload: UploadedFile) -> DocumentVersion:
    checked = check_upload(upload)
    if document.versions.filter(sha256=checked.sha256).exists():
        raise DomainError(
            _("Dit bestand is gelijk aan een eerdere versie van dit stuk."), field="file"
        )
    uploader = Person.objects.filter(user=actor).first()
    return _add_version(actor=actor, document=document, checked=checked, uploader=uploader)


@dataclass(frozen=True)
class StepSpec:
    label: str
    reviewer: Person | None
    working_days_before: int


def default_steps(document: Document, body: Body | None) -> list[StepSpec]:
    """Author -> team lead -> director -> secretariat, counted back from the meeting."""
    due = body.documents_due_working_days if body else 5
    return [
        StepSpec(_("auteur: concept gereed"), document.author, due + 6),
        StepSpec(_("teamleider: akkoord"), None, due + 4),
        StepSpec(_("directeur: akkoord"), None, due + 2),
        StepSpec(_("secretariaat: naar de vergadering"), body.secretary if body else None, due),
    ]


@transaction.atomic
def route_set(
    *, actor, document: Document, target_date: date, target_label: str, steps: list[StepSpec]
) -> ReviewRoute:
    """(Re)place the route of a stuk; each due date is counted back in Dutch working days."""
    if not steps:
        raise DomainError(_("Een routering heeft ten minste één stap."))
    days = [s.working_days_before for s in steps]
    if days != sorted(days, reverse=True):
        raise DomainError(
            _("Elke stap moet later zijn dan de vorige (minder werkdagen vóór de vergadering).")
        )
    calendar = working_calendar()
    dues = [calendar.subtract(target_date, n) for n in days]
    if dues[0] < timezone.localdate():
        raise DomainError(
            _(
                "De eerste stap had al op %(d)s gereed moeten zijn; kies een "
                "latere vergadering of minder werkdagen."
            )
            % {"d": dues[0].strftime("%d-%m-%Y")}
        )
    route, _created = ReviewRoute.objects.update_or_create(
        document=document, defaults={"target_date": target_date, "target_label": target_label}
    )
    route.steps.all().delete()
    for position, (spec, due) in enumerate(zip(steps, dues, strict=True), start=1):
        step = ReviewStep(
            route=route,
            position=position,
            label=spec.label,
            reviewer=spec.reviewer,
            working_days_before=spec.working_days_before,
            due_date=due,
        )
        _tag(step, actor)
        step.save()
    return route


def current_step(route: ReviewRoute) -> ReviewStep | None:
    return route.steps.filter(status=ReviewStep.Status.PENDING).order_by("position").first()


def _ensure_may_decide(actor, step: ReviewStep) -> None:
    viewer = viewer_for(actor)
    is_reviewer = step.reviewer_id is not None and step.reviewer_id == viewer.person_id
    if not (is_reviewer or viewer.can_manage_body(step.route.document.body_id)):
        raise DomainError(_("Alleen de beoordelaar of de secretaris kan deze stap afhandelen."))
    if current_step(step.route) != step:
        raise DomainError(_("Deze stap is nog niet aan de beurt of al afgehandeld."))


@transaction.atomic
def step_approve(*, actor, step: ReviewStep, comment: str = "") -> ReviewStep:
    _ensure_may_decide(actor, step)
    step.status = ReviewStep.Status.APPROVED
    step.comment = comment.strip()
    step.decided_at = timezone.now()
    _tag(step, actor)
    step.save()
    return step


@transaction.atomic
def step_return(*, actor, step: ReviewStep, comment: str) -> ReviewStep:
    """Send the stuk back to its author: earlier steps open again, with the comment kept."""
    if not comment.strip():
        raise DomainError(_("Geef bij terugsturen een opmerking."), field="comment")
    _ensure_may_decide(actor, step)
    step.status = ReviewStep.Status.RETURNED
    step.comment = comment.strip()
    step.decided_at = timezone.now()
    _tag(step, actor)
    step.save()
    for earlier in step.route.steps.filter(position__lt=step.position):
        earlier.status = ReviewStep.Status.PENDING
        _tag(earlier, actor)
        earlier._change_reason = _("Teruggestuurd: %(c)s") % {"c": comment.strip()}
        earlier.save(update_fields=["status"])
    step.status = ReviewStep.Status.PENDING
    step.save(update_fields=["status"])
    return step
