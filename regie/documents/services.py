"""Writes on stukken: upload, new versions, review routes and the decisions on their steps.

`actor` is the Person who acts, or the logged-in User (views pass `request.user`).

Uploads are checked and their text extracted before the transaction starts (that can take a
moment and must not hold the database's write lock); the file is written through Django's
storage inside the transaction that creates the rows. When the storage refuses (disk full, no
permission) nothing is created; when the database fails after the file was written, the file
is removed again. A row never points at a missing file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.access import viewer_for
from regie.core.dates import long_date
from regie.core.errors import DomainError
from regie.core.history import set_author
from regie.core.models import Body, Confidentiality, Person
from regie.core.workdays import working_calendar
from regie.documents.checks import CheckedUpload, check_upload
from regie.documents.extraction import extract_text
from regie.documents.models import Document, DocumentVersion, ReviewRoute, ReviewStep
from regie.documents.rules import can_decide_step, can_edit_document

logger = logging.getLogger(__name__)

Actor = Person | AbstractBaseUser | AnonymousUser
MAX_TITLE = 300
MAX_STEPS = 10
MAX_WORKING_DAYS = 250
MAX_COMMENT = 4000


def _user(actor: Actor):
    return actor.user if isinstance(actor, Person) else actor


def _person_id(actor: Actor) -> int | None:
    return actor.pk if isinstance(actor, Person) else viewer_for(actor).person_id


def _tag(obj, actor: Actor, reason: str | None = None) -> None:
    """The actor may be a user or a person: the history row is written by the user."""
    set_author(obj, _user(actor), reason)


# --- files -------------------------------------------------------------------------------


def _write_file(version: DocumentVersion, checked: CheckedUpload) -> None:
    """Store the content under the version's name; a refusing storage becomes a DomainError."""
    try:
        version.file.save(checked.name, ContentFile(checked.content), save=False)
    except OSError as exc:
        logger.error("file store refused a write: %s", exc)
        raise DomainError(
            _(
                "Het bestand kon niet worden opgeslagen: de opslag is vol of niet "
                "beschrijfbaar. Er is niets bewaard; probeer het later opnieuw of meld het "
                "bij de beheerder."
            ),
            field="file",
        ) from exc


def _remove_file(name: str) -> None:
    if not name:
        return
    try:
        DocumentVersion._meta.get_field("file").storage.delete(name)
    except Exception:  # cleaning up must not hide the original error
        logger.exception("could not remove the orphaned file %s", name)


def _save_version(
    *, actor: Actor, document: Document, number: int, checked: CheckedUpload, text: str
) -> DocumentVersion:
    version = DocumentVersion(
        document=document,
        number=number,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        extracted_text=text,
        uploaded_by_id=_person_id(actor),
    )
    _write_file(version, checked)
    stored = version.file.name or ""
    try:
        version.save()
    except Exception:
        _remove_file(stored)
        raise
    return version


# --- documents and versions ----------------------------------------------------------------


def document_upload(
    *,
    actor: Actor,
    title: str,
    kind: str,
    body: Body | None,
    upload: UploadedFile,
    confidentiality: str = Confidentiality.INTERNAL,
    author: Person | None = None,
) -> Document:
    """Create a stuk with its first version. Nothing is stored when any check fails."""
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Geef het stuk een titel."), field="title")
    if len(title) > MAX_TITLE:
        raise DomainError(_("De titel is te lang (hoogstens 300 tekens)."), field="title")
    if kind not in Document.Kind.values:
        raise DomainError(_("Kies een soort stuk."), field="kind")
    if confidentiality not in Confidentiality.values:
        raise DomainError(_("Kies een vertrouwelijkheid."), field="confidentiality")
    checked = check_upload(upload)
    text = extract_text(checked.content, checked.kind)
    author_id = author.pk if author is not None else _person_id(actor)
    with transaction.atomic():
        document = Document(
            title=title,
            kind=kind,
            body=body,
            confidentiality=confidentiality,
            author_id=author_id,
        )
        _tag(document, actor, _("Stuk aangemaakt met versie 1"))
        document.save()
        _save_version(actor=actor, document=document, number=1, checked=checked, text=text)
    return document


def document_add_version(
    *, actor: Actor, document: Document, upload: UploadedFile
) -> DocumentVersion:
    """Add the next version; a file identical to an earlier version is refused."""
    if not can_edit_document(_user(actor), document):
        raise DomainError(_("Alleen de auteur of de secretaris kan een nieuwe versie toevoegen."))
    checked = check_upload(upload)
    text = extract_text(checked.content, checked.kind)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        same = locked.versions.filter(sha256=checked.sha256).values_list("number", flat=True)
        if same:
            raise DomainError(
                _("Dit bestand is gelijk aan versie %(n)s van dit stuk; er is niets toegevoegd.")
                % {"n": same[0]},
                field="file",
            )
        number = (locked.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        try:
            with transaction.atomic():
                version = _save_version(
                    actor=actor, document=locked, number=number, checked=checked, text=text
                )
        except IntegrityError as exc:
            raise DomainError(
                _("Tegelijk is er een andere versie toegevoegd; probeer het opnieuw."),
                field="file",
            ) from exc
        _tag(locked, actor, _("Versie %(n)s toegevoegd") % {"n": number})
        locked.save()  # records the new version in the stuk's history
    return version


# --- review routes -------------------------------------------------------------------------


@dataclass(frozen=True)
class StepSpec:
    """One step of a route: who, and how many working days before the meeting it is due."""

    label: str
    reviewer: Person | None
    working_days_before: int


DEFAULT_LEAD_DAYS = (5, 3, 1)  # author, team lead, director: working days before the deadline


def default_steps_for(document: Document, body: Body | None) -> list[StepSpec]:
    """The usual route: author -> team lead -> director -> secretariat (for the meeting).

    The last step is the body's deadline for stukken (`documents_due_working_days` before the
    meeting); the team lead has 2 working days before that, the director 2 more, and the
    author's concept is due 2 before the team lead. Reviewers are suggested from the author's
    unit (a team lead there; a director there or above) and the body's secretary.
    """
    due = body.documents_due_working_days if body is not None else 5
    author = document.author
    team_lead, director = _suggested_reviewers(author)
    return [
        StepSpec(_("auteur: concept gereed"), author, due + 6),
        StepSpec(_("teamleider: akkoord"), team_lead, due + 4),
        StepSpec(_("directeur: akkoord"), director, due + 2),
        StepSpec(
            _("secretariaat: stukken naar de vergadering"),
            body.secretary if body is not None else None,
            due,
        ),
    ]


default_steps = default_steps_for


def _suggested_reviewers(author: Person | None) -> tuple[Person | None, Person | None]:
    if author is None or author.unit_id is None:
        return None, None
    unit_ids = [author.unit_id]
    unit = author.unit
    while unit is not None and unit.parent_id is not None and len(unit_ids) < 6:
        unit_ids.append(unit.parent_id)
        unit = unit.parent
    people = list(
        Person.objects.filter(
            unit_id__in=unit_ids, role__in=[Person.Role.TEAM_LEAD, Person.Role.DIRECTOR]
        )
        .exclude(pk=author.pk)
        .order_by("name")
    )

    def nearest(role: str) -> Person | None:
        for unit_id in unit_ids:
            for person in people:
                if person.role == role and person.unit_id == unit_id:
                    return person
        return None

    return nearest(Person.Role.TEAM_LEAD), nearest(Person.Role.DIRECTOR)


def _validate_steps(document: Document, target_date: date, steps: list[StepSpec]) -> list[date]:
    today = timezone.localdate()
    if target_date < today:
        raise DomainError(
            _("De datum van de vergadering ligt in het verleden."), field="target_date"
        )
    if not steps:
        raise DomainError(_("Een routering heeft ten minste één stap."))
    if len(steps) > MAX_STEPS:
        raise DomainError(_("Een routering heeft hoogstens %(n)s stappen.") % {"n": MAX_STEPS})
    days = [spec.working_days_before for spec in steps]
    if any(n < 0 or n > MAX_WORKING_DAYS for n in days):
        raise DomainError(
            _("Het aantal werkdagen per stap ligt tussen 0 en %(n)s.") % {"n": MAX_WORKING_DAYS}
        )
    if any(later >= earlier for earlier, later in pairwise(days)):
        raise DomainError(
            _(
                "Elke stap moet later klaar zijn dan de vorige: geef elke volgende stap minder "
                "werkdagen vóór de vergadering."
            )
        )
    if any(not spec.label.strip() for spec in steps):
        raise DomainError(_("Geef elke stap een naam."))
    calendar = working_calendar()
    dues = [calendar.subtract(target_date, n) for n in days]
    if dues[0] < today:
        raise DomainError(
            _(
                "De eerste stap had al op %(d)s klaar moeten zijn. Kies een latere vergadering "
                "of minder werkdagen."
            )
            % {"d": long_date(dues[0])},
            field="target_date",
        )
    for spec in steps:
        _ensure_reviewer_may_see(spec.reviewer, document)
    return dues


def _ensure_reviewer_may_see(reviewer: Person | None, document: Document) -> None:
    if reviewer is None or reviewer.user_id is None or reviewer.pk == document.author_id:
        return
    viewer = viewer_for(reviewer.user)
    if not viewer.can_see_level(document.confidentiality, document.body_id):
        raise DomainError(
            _("%(name)s mag dit stuk niet inzien en kan het dus niet beoordelen.")
            % {"name": reviewer.name}
        )


def route_set(
    *,
    actor: Actor,
    document: Document,
    target_date: date,
    target_label: str,
    steps: list[StepSpec],
) -> ReviewRoute:
    """(Re)place the route of a stuk; each due date is counted back from `target_date` in
    Dutch working days (public holidays and the organisation's closing days do not count).

    Setting a route again starts it over: every step is open again (the old decisions stay in
    the history).
    """
    if not can_edit_document(_user(actor), document):
        raise DomainError(_("Alleen de auteur of de secretaris kan de routering instellen."))
    dues = _validate_steps(document, target_date, steps)
    with transaction.atomic():
        route = ReviewRoute.objects.select_for_update().filter(document=document).first()
        restarted = route is not None
        if route is None:
            route = ReviewRoute(document=document)
        route.target_date = target_date
        route.target_label = (target_label or "").strip()[:200]
        _tag(route, actor, _("Routering opnieuw ingesteld") if restarted else None)
        route.save()
        for old in route.steps.all():
            _tag(old, actor, _("Routering opnieuw ingesteld"))
            old.delete()
        for position, (spec, due) in enumerate(zip(steps, dues, strict=True), start=1):
            step = ReviewStep(
                route=route,
                position=position,
                label=spec.label.strip()[:100],
                reviewer=spec.reviewer,
                working_days_before=spec.working_days_before,
                due_date=due,
            )
            _tag(step, actor)
            step.save()
    return route


def current_step(route: ReviewRoute) -> ReviewStep | None:
    """The first step not yet approved: the one whose turn it is (None when all approved)."""
    return route.steps.exclude(status=ReviewStep.Status.APPROVED).order_by("position").first()


def _lock_for_decision(actor: Actor, step: ReviewStep) -> tuple[ReviewStep, list[ReviewStep]]:
    steps = list(
        ReviewStep.objects.select_for_update()
        .select_related("route__document")
        .filter(route_id=step.route_id)
        .order_by("position")
    )
    fresh = next((s for s in steps if s.pk == step.pk), None)
    if fresh is None:
        raise DomainError(_("Deze stap bestaat niet meer; de routering is gewijzigd."))
    if not can_decide_step(_user(actor), fresh):
        raise DomainError(_("Alleen de beoordelaar of de secretaris kan deze stap afhandelen."))
    turn = next((s for s in steps if s.status != ReviewStep.Status.APPROVED), None)
    if turn is None or turn.pk != fresh.pk:
        raise DomainError(_("Deze stap is nog niet aan de beurt of al afgehandeld."))
    return fresh, steps


def _decide(step: ReviewStep, actor: Actor, status: str, comment: str, reason: str) -> None:
    step.status = status
    step.comment = comment
    step.decided_at = timezone.now()
    step.decided_by_id = _person_id(actor)
    _tag(step, actor, reason)
    step.save(update_fields=["status", "comment", "decided_at", "decided_by"])


def _clean_comment(comment: str) -> str:
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT:
        raise DomainError(_("De opmerking is te lang (hoogstens 4000 tekens)."), field="comment")
    return comment


@transaction.atomic
def step_approve(*, actor: Actor, step: ReviewStep, comment: str = "") -> ReviewStep:
    """Approve the step whose turn it is; the next step becomes current."""
    comment = _clean_comment(comment)
    fresh, _steps = _lock_for_decision(actor, step)
    _decide(fresh, actor, ReviewStep.Status.APPROVED, comment, _("Akkoord: %s") % fresh.label)
    return fresh


@transaction.atomic
def step_return(*, actor: Actor, step: ReviewStep, comment: str) -> ReviewStep:
    """Send the stuk back to its author with a comment (required).

    The step is marked returned with the comment; every earlier step opens again, so the
    route starts over at the author. The returned step is decided again when its turn comes.
    """
    comment = _clean_comment(comment)
    if not comment:
        raise DomainError(_("Geef bij terugsturen een opmerking."), field="comment")
    fresh, steps = _lock_for_decision(actor, step)
    if fresh.position == steps[0].position:
        raise DomainError(_("De eerste stap kan niet worden teruggestuurd."))
    reason = _("Teruggestuurd naar de auteur bij '%(label)s': %(comment)s") % {
        "label": fresh.label,
        "comment": comment,
    }
    _decide(fresh, actor, ReviewStep.Status.RETURNED, comment, reason)
    for earlier in steps:
        if earlier.position < fresh.position and earlier.status != ReviewStep.Status.PENDING:
            earlier.status = ReviewStep.Status.PENDING
            _tag(earlier, actor, reason)
            earlier.save(update_fields=["status"])
    return fresh
