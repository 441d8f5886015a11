"""Writes on the risk register: risks, their measures, and a measure becoming an action."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.actions.services import action_create
from regie.core.access import person_of
from regie.core.concurrency import save_if_unchanged
from regie.core.errors import DomainError
from regie.core.history import set_author, set_reason
from regie.core.models import Body, Confidentiality, OrganisationUnit, Person
from regie.risks.models import SCALE, Measure, Risk

MAX_TITLE = 300
MAX_MEASURE = 500


def _scale(value, *, field: str, label: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = 0
    if number not in SCALE or str(value).strip() != str(number):
        raise DomainError(
            _("Geef de %(label)s een waarde van 1 tot en met 5.") % {"label": label}, field=field
        )
    return number


def _title(value) -> str:
    title = (value or "").strip()
    if not title:
        raise DomainError(_("Geef het risico een titel."), field="title")
    if len(title) > MAX_TITLE:
        raise DomainError(_("De titel is te lang (hoogstens 300 tekens)."), field="title")
    return title


def _check_review_date(value: date | None, *, previous: date | None = None) -> date:
    if value is None:
        raise DomainError(_("Geef een datum voor de volgende herbeoordeling."), field="review_date")
    if value != previous and value < timezone.localdate():
        raise DomainError(
            _("De datum van de volgende herbeoordeling ligt in het verleden."),
            field="review_date",
        )
    return value


def _clean_risk_fields(fields: dict, *, risk: Risk | None = None) -> dict:
    """Check and normalise the fields of a risk; the score follows probability and impact."""
    if "title" in fields:
        fields["title"] = _title(fields["title"])
    for name in ("cause", "event", "effect", "programme"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    if len(fields.get("programme", "")) > 200:
        raise DomainError(
            _("De naam van het programma of project is te lang (hoogstens 200 tekens)."),
            field="programme",
        )
    if "probability" in fields:
        fields["probability"] = _scale(fields["probability"], field="probability", label=_("kans"))
    if "impact" in fields:
        fields["impact"] = _scale(fields["impact"], field="impact", label=_("impact"))
    if "unit" in fields and fields["unit"] is None:
        raise DomainError(_("Kies het organisatieonderdeel."), field="unit")
    if "owner" in fields and fields["owner"] is None:
        raise DomainError(_("Kies een risico-eigenaar."), field="owner")
    if "status" in fields and fields["status"] not in Risk.Status.values:
        raise DomainError(_("Kies een geldige status."), field="status")
    if "confidentiality" in fields and fields["confidentiality"] not in Confidentiality.values:
        raise DomainError(_("Kies een geldige vertrouwelijkheid."), field="confidentiality")
    if "review_date" in fields:
        fields["review_date"] = _check_review_date(
            fields["review_date"], previous=risk.review_date if risk else None
        )
    if "probability" in fields or "impact" in fields:
        probability: int = fields.get("probability", risk.probability if risk else 0)
        impact: int = fields.get("impact", risk.impact if risk else 0)
        fields["score"] = probability * impact
    return fields


@transaction.atomic
def risk_create(
    *,
    actor,
    title: str,
    unit: OrganisationUnit,
    owner: Person,
    probability: int,
    impact: int,
    review_date: date | None,
    cause: str = "",
    event: str = "",
    effect: str = "",
    programme: str = "",
    body: Body | None = None,
    activity=None,
    confidentiality: str = Confidentiality.INTERNAL,
    status: str = Risk.Status.OPEN,
) -> Risk:
    """Record a risk; its first review date may not lie in the past."""
    fields = _clean_risk_fields(
        {
            "title": title,
            "cause": cause,
            "event": event,
            "effect": effect,
            "programme": programme,
            "probability": probability,
            "impact": impact,
            "unit": unit,
            "owner": owner,
            "status": status,
            "confidentiality": confidentiality or Confidentiality.INTERNAL,
            "review_date": review_date,
        }
    )
    risk = Risk(body=body, activity=activity, created_by=person_of(actor), **fields)
    set_author(risk, actor)
    risk.save()
    return risk


UPDATABLE = frozenset(
    {
        "title",
        "cause",
        "event",
        "effect",
        "programme",
        "unit",
        "body",
        "activity",
        "probability",
        "impact",
        "owner",
        "status",
        "review_date",
        "confidentiality",
    }
)


@transaction.atomic
def risk_update(*, actor, risk: Risk, expected_version: int, **fields) -> Risk:
    """Change a risk; refused when someone else saved it in the meantime.

    A new review date may not lie in the past; an unchanged one may, so an overdue risk can
    still be edited.
    """
    unknown = set(fields) - UPDATABLE
    if unknown:
        raise DomainError(_("Onbekend veld: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    fields = _clean_risk_fields(dict(fields), risk=risk)
    if fields.get("status", risk.status) != risk.status:
        set_reason(risk, _("Status: %(s)s") % {"s": Risk.Status(fields["status"]).label})
    elif fields.get("score", risk.score) != risk.score:
        set_reason(
            risk,
            _("Herbeoordeeld: kans %(p)s, impact %(i)s (score %(s)s)")
            % {
                "p": fields.get("probability", risk.probability),
                "i": fields.get("impact", risk.impact),
                "s": fields["score"],
            },
        )
    set_author(risk, actor)
    save_if_unchanged(risk, expected_version=expected_version, fields=fields)
    return risk


def _measure_text(value) -> str:
    text = (value or "").strip()
    if not text:
        raise DomainError(_("Omschrijf de maatregel."), field="text")
    if len(text) > MAX_MEASURE:
        raise DomainError(_("De omschrijving is te lang (hoogstens 500 tekens)."), field="text")
    return text


@transaction.atomic
def measure_create(
    *,
    actor,
    risk: Risk,
    text: str,
    owner: Person,
    due_date: date | None = None,
    status: str = Measure.Status.PLANNED,
) -> Measure:
    text = _measure_text(text)
    if owner is None:
        raise DomainError(_("Kies een eigenaar voor de maatregel."), field="owner")
    if due_date is not None and due_date < timezone.localdate():
        raise DomainError(_("De datum ligt in het verleden."), field="due_date")
    if status not in Measure.Status.values:
        raise DomainError(_("Kies een geldige status."), field="status")
    measure = Measure(risk=risk, text=text, owner=owner, due_date=due_date, status=status)
    set_author(measure, actor)
    measure.save()
    return measure


MEASURE_UPDATABLE = frozenset({"text", "owner", "due_date", "status"})


@transaction.atomic
def measure_update(*, actor, measure: Measure, expected_version: int, **fields) -> Measure:
    unknown = set(fields) - MEASURE_UPDATABLE
    if unknown:
        raise DomainError(_("Onbekend veld: %(f)s.") % {"f": ", ".join(sorted(unknown))})
    if "text" in fields:
        fields["text"] = _measure_text(fields["text"])
    if "owner" in fields and fields["owner"] is None:
        raise DomainError(_("Kies een eigenaar voor de maatregel."), field="owner")
    if "status" in fields and fields["status"] not in Measure.Status.values:
        raise DomainError(_("Kies een geldige status."), field="status")
    new_due = fields.get("due_date")
    if new_due is not None and new_due != measure.due_date and new_due < timezone.localdate():
        raise DomainError(_("De datum ligt in het verleden."), field="due_date")
    if fields.get("status", measure.status) != measure.status:
        set_reason(measure, _("Status: %(s)s") % {"s": Measure.Status(fields["status"]).label})
    set_author(measure, actor)
    save_if_unchanged(measure, expected_version=expected_version, fields=fields)
    return measure


@transaction.atomic
def measure_to_action(
    *,
    actor,
    measure: Measure,
    expected_version: int,
    owner: Person | None = None,
    due_date: date | None = None,
):
    """Put a measure on the action list: an action with the measure as its source.

    The action takes the measure's owner and due date unless others are given, the body and
    confidentiality of the risk; a measure becomes an action once.
    """
    if measure.action_id is not None:
        raise DomainError(_("Van deze maatregel is al een actie gemaakt."))
    if not measure.is_open:
        raise DomainError(_("Van een uitgevoerde of vervallen maatregel maakt u geen actie."))
    risk = measure.risk
    label = _("Risico: %(title)s") % {"title": risk.title}
    action = action_create(
        actor=actor,
        title=measure.text,
        owner=owner or measure.owner,
        body=risk.body,
        due_date=due_date or measure.due_date,
        source=measure,
        source_label=label[:300],
        confidentiality=risk.confidentiality,
    )
    set_author(measure, actor)
    set_reason(measure, _("Actie gemaakt"))
    save_if_unchanged(measure, expected_version=expected_version, fields={"action": action})
    return action
