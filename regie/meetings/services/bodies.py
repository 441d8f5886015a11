"""Writes on a body's settings and members: chair, secretary, default agenda, stukken rule."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from regie.core.access import forget_viewer
from regie.core.errors import DomainError
from regie.core.history import set_author
from regie.core.models import Body, BodyMembership, Person

MAX_DUE_DAYS = 30
MAX_DEFAULT_ITEMS = 25
R = BodyMembership.Role


def _ensure_member(actor, body: Body, person: Person, role: str) -> None:
    membership = BodyMembership.objects.filter(body=body, person=person).first()
    if membership is None:
        membership = BodyMembership(body=body, person=person, role=role)
    elif membership.role == role:
        return
    else:
        membership.role = role
    set_author(membership, actor)
    membership.save()


@transaction.atomic
def body_update(
    *,
    actor,
    body: Body,
    default_agenda: list[str],
    documents_due_working_days: int,
    default_duration_minutes: int,
    chair: Person | None,
    secretary: Person | None,
) -> Body:
    """Change the settings of a body; the chair and secretary become members in that role."""
    items = [str(line).strip() for line in default_agenda if str(line).strip()]
    if len(items) > MAX_DEFAULT_ITEMS:
        raise DomainError(
            _("Een standaardagenda heeft hoogstens 25 punten."), field="default_agenda"
        )
    if any(len(line) > 300 for line in items):
        raise DomainError(
            _("Een agendapunt is te lang (hoogstens 300 tekens)."), field="default_agenda"
        )
    if not 0 <= documents_due_working_days <= MAX_DUE_DAYS:
        raise DomainError(
            _("Stukken worden 0 tot en met 30 werkdagen vóór de vergadering aangeleverd."),
            field="documents_due_working_days",
        )
    if not 15 <= default_duration_minutes <= 12 * 60:
        raise DomainError(
            _("De duur moet tussen 15 minuten en 12 uur liggen."),
            field="default_duration_minutes",
        )
    if chair is not None and secretary is not None and chair.pk == secretary.pk:
        raise DomainError(
            _("De voorzitter en de secretaris zijn verschillende personen."), field="secretary"
        )
    old_chair, old_secretary = body.chair_id, body.secretary_id
    body.default_agenda = items
    body.documents_due_working_days = documents_due_working_days
    body.default_duration_minutes = default_duration_minutes
    body.chair = chair
    body.secretary = secretary
    set_author(body, actor, _("Instellingen gewijzigd"))
    body.save(
        update_fields=[
            "default_agenda",
            "documents_due_working_days",
            "default_duration_minutes",
            "chair",
            "secretary",
        ]
    )
    # A former chair or secretary stays on as an ordinary member.
    keep = {getattr(chair, "pk", None), getattr(secretary, "pk", None)}
    for former in {p for p in (old_chair, old_secretary) if p is not None} - keep:
        for membership in BodyMembership.objects.filter(
            body=body, person_id=former, role__in=[R.CHAIR, R.SECRETARY]
        ):
            membership.role = R.MEMBER
            set_author(membership, actor)
            membership.save(update_fields=["role"])
    if chair is not None:
        _ensure_member(actor, body, chair, R.CHAIR)
    if secretary is not None:
        _ensure_member(actor, body, secretary, R.SECRETARY)
    forget_viewer(actor)
    return body


@transaction.atomic
def body_member_add(*, actor, body: Body, person: Person, role: str = R.MEMBER) -> BodyMembership:
    """Add a member (internal or external) with a role, or change the role of a member."""
    if role not in R.values:
        raise DomainError(_("Kies een rol."), field="role")
    if role in (R.CHAIR, R.SECRETARY):
        raise DomainError(
            _("Wijs de voorzitter en de secretaris aan bij de instellingen van het gremium."),
            field="role",
        )
    membership = BodyMembership.objects.filter(body=body, person=person).first()
    if membership is not None:
        if person.pk in (body.chair_id, body.secretary_id):
            raise DomainError(
                _("%(name)s is voorzitter of secretaris; wijzig dat eerst bij de instellingen.")
                % {"name": person.name}
            )
        if membership.role == role:
            raise DomainError(_("%(name)s is al lid met deze rol.") % {"name": person.name})
        membership.role = role
    else:
        membership = BodyMembership(body=body, person=person, role=role)
    set_author(membership, actor)
    membership.save()
    return membership


@transaction.atomic
def body_member_remove(*, actor, body: Body, person: Person) -> None:
    membership = BodyMembership.objects.filter(body=body, person=person).first()
    if membership is None:
        raise DomainError(_("%(name)s is geen lid van dit gremium.") % {"name": person.name})
    if person.pk in (body.chair_id, body.secretary_id):
        raise DomainError(
            _(
                "%(name)s is voorzitter of secretaris. Wijs eerst iemand anders aan bij de "
                "instellingen van het gremium."
            )
            % {"name": person.name}
        )
    set_author(membership, actor)
    membership.delete()
