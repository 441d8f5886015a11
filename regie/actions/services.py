"""Writes on actions: create, change status with a progress note, add notes."""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.actions.models import Action, ProgressNote
from regie.core.access import person_of
from regie.core.concurrency import save_if_unchanged
from regie.core.errors import DomainError, StaleEditError
from regie.core.history import set_author, set_reason
from regie.core.models import Body, Confidentiality, Person

MAX_TITLE = 500


@transaction.atomic
def action_create(
    *,
    actor,
    title: str,
    owner: Person,
    body: Body | None = None,
    due_date: date | None = None,
    due_meeting=None,
    is_commitment: bool = False,
    description: str = "",
    source=None,
    source_label: str = "",
    raised_on: date | None = None,
    confidentiality: str = Confidentiality.INTERNAL,
) -> Action:
    """Record an action; a due meeting sets the due date to that meeting's day."""
    title = title.strip()
    if not title:
        raise DomainError(_("Omschrijf de actie."), field="title")
    if len(title) > MAX_TITLE:
        raise DomainError(_("De omschrijving is te lang (hoogstens 500 tekens)."), field="title")
    if owner is None:
        raise DomainError(_("Kies een eigenaar."), field="owner")
    if due_meeting is not None:
        due_date = timezone.localdate(due_meeting.starts_at)
    if due_date is None:
        raise DomainError(_("Geef een uiterste datum of een vergadering op."), field="due_date")
    today = timezone.localdate()
    if due_date < today:
        raise DomainError(_("De uiterste datum ligt in het verleden."), field="due_date")
    action = Action(
        title=title,
        description=description.strip(),
        owner=owner,
        body=body,
        due_date=due_date,
        due_meeting=due_meeting,
        is_commitment=is_commitment,
        raised_on=raised_on or today,
        confidentiality=confidentiality,
        source_label=source_label[:300],
    )
    if source is not None:
        action.source_type = ContentType.objects.get_for_model(source)
        action.source_id = source.pk
    set_author(action, actor)
    action.save()
    return action


UPDATABLE = frozenset(
    {
        "title",
        "description",
        "owner",
        "body",
        "due_date",
        "due_meeting",
        "is_commitment",
        "confidentiality",
    }
)


@transaction.atomic
def action_update(*, actor, action: Action, expected_version: int, **fields) -> Action:
    """Change what an action is about; refused when someone else saved it in the meantime.

    A due meeting sets the due date to that meeting's day; a new due date may not lie in the
    past (an unchanged one may, so an overdue action can still be edited).
    """
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise DomainError(_("Onbekend veld: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if "title" in fields:
        fields["title"] = (fields["title"] or "").strip()
        if not fields["title"]:
            raise DomainError(_("Omschrijf de actie."), field="title")
        if len(fields["title"]) > MAX_TITLE:
            raise DomainError(
                _("De omschrijving is te lang (hoogstens 500 tekens)."), field="title"
            )
    if "description" in fields:
        fields["description"] = (fields["description"] or "").strip()
    if "owner" in fields and fields["owner"] is None:
        raise DomainError(_("Kies een eigenaar."), field="owner")
    if "confidentiality" in fields and fields["confidentiality"] not in Confidentiality.values:
        raise DomainError(_("Kies een geldige vertrouwelijkheid."), field="confidentiality")
    if fields.get("due_meeting") is not None:
        fields["due_date"] = timezone.localdate(fields["due_meeting"].starts_at)
    if "due_date" in fields:
        if fields["due_date"] is None:
            raise DomainError(_("Geef een uiterste datum of een vergadering op."), field="due_date")
        if fields["due_date"] != action.due_date and fields["due_date"] < timezone.localdate():
            raise DomainError(_("De uiterste datum ligt in het verleden."), field="due_date")
    set_author(action, actor)
    save_if_unchanged(action, expected_version=expected_version, fields=fields)
    return action


@transaction.atomic
def action_update_status(
    *, actor, action: Action, status: str, expected_version: int, note: str = ""
) -> Action:
    """Change the status; closing sets the closing day, reopening clears it."""
    if status not in Action.Status.values:
        raise DomainError(_("Onbekende status."), field="status")
    previous_status = action.status
    closed_on = (
        None if status in Action.OPEN_STATUSES else (action.closed_on or timezone.localdate())
    )
    updated = Action.objects.filter(pk=action.pk, version=expected_version).update(
        status=status, closed_on=closed_on, version=F("version") + 1
    )
    if not updated:
        raise StaleEditError(
            _(
                "Iemand anders heeft deze actie intussen gewijzigd. Uw wijziging is niet "
                "opgeslagen; hieronder ziet u de huidige stand."
            ),
            current=Action.objects.get(pk=action.pk),
        )
    action.refresh_from_db()
    set_author(action, actor)
    set_reason(action, _("Status: %(s)s") % {"s": action.get_status_display()})
    action.save(update_fields=["status", "closed_on"])
    if note.strip() or status != previous_status:
        ProgressNote.objects.create(
            action=action,
            author=person_of(actor),
            text=note.strip()
            or _("Status gewijzigd naar %(s)s.") % {"s": action.get_status_display()},
            status_after=status,
        )
    return action


@transaction.atomic
def action_add_note(*, actor, action: Action, text: str) -> ProgressNote:
    if not text.strip():
        raise DomainError(_("Schrijf iets over de voortgang."), field="text")
    return ProgressNote.objects.create(
        action=action, author=person_of(actor), text=text.strip(), status_after=action.status
    )
