"""Writes on hiring requests and suppliers; reading a posting into a draft request."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from regie.core.errors import DomainError
from regie.core.history import set_author
from regie.core.models import Confidentiality, OrganisationUnit, Person
from regie.hiring.models import (
    AwardCriterion,
    Competency,
    EvaluationEvent,
    ExecutionCondition,
    HiringRequest,
    ProcedureStep,
    Requirement,
    Supplier,
)
from regie.hiring.parsing import parse_posting
from regie.hiring.services._common import record

MAX_POSTING_CHARS = 200_000


@dataclass
class RequestData:
    """Everything a request holds, typed; the import preview and the form fill it."""

    title: str = ""
    organisation: str = ""
    location: str = ""
    hours_per_week_min: int | None = None
    hours_per_week_max: int | None = None
    start_date: date | None = None
    end_date: date | None = None
    start_text: str = ""
    extension_options: str = ""
    extension_count: int = 0
    extension_months: int = 0
    max_total_months: int | None = None
    max_rate: Decimal | None = None
    deadline: datetime | None = None
    award_total_points: int = 100
    candidates_to_select: int = 10
    allows_self_employed: bool = True
    allows_secondment: bool = True
    allows_agency: bool = True
    is_das: bool = False
    waadi_required: bool = False
    sna_required: bool = False
    vog_moment: str = HiringRequest.VogMoment.NONE
    uses_g_account: bool = False
    g_account_share_sna: Decimal = Decimal("25")
    g_account_share_other: Decimal = Decimal("55")
    platform_fee_per_hour: Decimal = Decimal("0")
    supplier_margin_percent: Decimal = Decimal("0")
    posting_text: str = ""
    unit: OrganisationUnit | None = None
    secretary: Person | None = None
    team_lead: Person | None = None
    confidentiality: str = Confidentiality.INTERNAL
    requirements: list[str] = field(default_factory=list)
    execution_conditions: list[str] = field(default_factory=list)
    criteria: list[tuple[str, int | None]] = field(default_factory=list)
    competencies: list[str] = field(default_factory=list)
    procedure_steps: list[str] = field(default_factory=list)


@dataclass
class DraftRequest:
    """A request read from a posting, not stored: the user checks and completes it."""

    data: RequestData
    missing: list[str]  # names of fields the posting did not give
    notes: list[str]  # what the reader should look at before saving


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    sample = text[:4000]
    odd = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    odd += sample.count("\ufffd")
    return odd > max(5, len(sample) // 50)


def check_posting_text(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("De tekst van de uitvraag is leeg."), field="text")
    if _looks_binary(text):
        raise DomainError(
            _(
                "Dit is geen leesbare tekst (het lijkt een binair bestand). Plak de tekst van "
                "de uitvraag of lever een PDF-, Word- of tekstbestand aan."
            ),
            field="text",
        )
    if len(text) > MAX_POSTING_CHARS:
        raise DomainError(_("De tekst van de uitvraag is te lang."), field="text")
    return text


def _get(posting: Any, name: str, default: Any = None) -> Any:
    if isinstance(posting, dict):
        value = posting.get(name, default)
    else:
        value = getattr(posting, name, default)
    return default if value is None else value


def _to_int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _criterion(item: Any) -> tuple[str, int | None]:
    if isinstance(item, (tuple, list)):
        return str(item[0]), _to_int(item[1] if len(item) > 1 else None)
    text = _get(item, "text", "")
    return str(text), _to_int(_get(item, "points"))


def draft_from_posting(posting: Any, text: str) -> DraftRequest:
    """Map the parser's result onto RequestData, noting what was not found."""
    data = RequestData(posting_text=text)
    data.title = str(_get(posting, "title", ""))[:300]
    data.organisation = str(_get(posting, "organisation", ""))[:200]
    data.location = str(_get(posting, "location", ""))[:300]
    hours = _get(posting, "hours_per_week")
    if isinstance(hours, (tuple, list)) and hours:
        data.hours_per_week_min, data.hours_per_week_max = _to_int(hours[0]), _to_int(hours[-1])
    else:
        data.hours_per_week_min = _to_int(_get(posting, "hours_per_week_min", hours))
        data.hours_per_week_max = _to_int(_get(posting, "hours_per_week_max", hours))
    start = _get(posting, "start_date")
    if isinstance(start, date):
        data.start_date = start
    data.start_text = str(
        _get(posting, "start_text", "" if isinstance(start, date) else start or "")
    )[:100]
    end = _get(posting, "end_date")
    data.end_date = end if isinstance(end, date) else None
    ext = _get(posting, "extension_options", "")
    if isinstance(ext, (tuple, list)):
        count, months = [*ext, 0, 0][:2]
        data.extension_count, data.extension_months = _to_int(count) or 0, _to_int(months) or 0
        data.extension_options = f"{data.extension_count} x {data.extension_months} maanden"
    else:
        data.extension_options = str(ext)[:300]
        data.extension_count = _to_int(_get(posting, "extension_count", 0)) or 0
        data.extension_months = _to_int(_get(posting, "extension_months", 0)) or 0
    data.max_total_months = _to_int(_get(posting, "max_total_months"))
    rate = _get(posting, "max_rate")
    data.max_rate = Decimal(str(rate)) if rate not in (None, "") else None
    deadline = _get(posting, "deadline")
    if isinstance(deadline, datetime):
        data.deadline = deadline
    elif isinstance(deadline, date):
        data.deadline = datetime(deadline.year, deadline.month, deadline.day, 9, 0)
    data.award_total_points = _to_int(_get(posting, "award_total_points")) or 100
    data.candidates_to_select = _to_int(_get(posting, "candidates_to_select")) or 10
    data.requirements = [
        str(t) for t in _get(posting, "knockout_requirements", []) if str(t).strip()
    ]
    data.execution_conditions = [
        str(t) for t in _get(posting, "execution_conditions", []) if str(t).strip()
    ]
    data.criteria = [_criterion(item) for item in _get(posting, "award_criteria", [])]
    data.competencies = [str(t) for t in _get(posting, "competencies", []) if str(t).strip()]
    data.procedure_steps = [str(t) for t in _get(posting, "procedure_steps", []) if str(t).strip()]
    forms = _get(posting, "contract_forms")
    if forms:
        forms = {str(f) for f in forms}
        data.allows_self_employed = "self_employed" in forms
        data.allows_secondment = "secondment" in forms
        data.allows_agency = "agency" in forms
    for flag in ("is_das", "waadi_required", "sna_required", "uses_g_account"):
        value = _get(posting, flag)
        if isinstance(value, bool):
            setattr(data, flag, value)
    vog = _get(posting, "vog_moment")
    if vog in HiringRequest.VogMoment.values:
        data.vog_moment = vog
    for name in ("platform_fee_per_hour", "g_account_share_sna", "g_account_share_other"):
        value = _get(posting, name)
        if value not in (None, ""):
            setattr(data, name, Decimal(str(value)))
    margin = _get(posting, "supplier_margin_percent")
    if margin not in (None, ""):
        data.supplier_margin_percent = Decimal(str(margin))

    missing = [
        name
        for name, value in (
            ("title", data.title),
            ("organisation", data.organisation),
            ("location", data.location),
            ("hours_per_week_max", data.hours_per_week_max),
            ("start_date", data.start_date or data.start_text),
            ("end_date", data.end_date),
            ("extension_options", data.extension_options),
            ("max_rate", data.max_rate),
            ("deadline", data.deadline),
            ("requirements", data.requirements),
            ("criteria", data.criteria),
            ("competencies", data.competencies),
            ("procedure_steps", data.procedure_steps),
            ("execution_conditions", data.execution_conditions),
        )
        if not value
    ]
    notes = []
    if not data.requirements:
        notes.append(_("In de uitvraag is geen enkele eis (knock-out) gevonden; vul de eisen aan."))
    if data.criteria and any(points is None for _t, points in data.criteria):
        notes.append(
            _(
                "Niet bij elk gunningscriterium staan punten; verdeel de %(total)s punten "
                "voordat u opslaat."
            )
            % {"total": data.award_total_points}
        )
    return DraftRequest(data=data, missing=missing, notes=notes)


def request_from_posting(*, actor, text: str) -> DraftRequest:
    """Read a posting's text into a draft request; nothing is stored."""
    text = check_posting_text(text)
    posting = parse_posting(text)
    return draft_from_posting(posting, text)


def _clean_lines(items: list[str]) -> list[str]:
    return [item.strip() for item in items if item and item.strip()]


def validate_request_data(data: RequestData) -> None:
    """Raise DomainError with a Dutch message on the first thing that is wrong."""
    if not data.title.strip():
        raise DomainError(_("Geef de aanvraag een titel."), field="title")
    if not _clean_lines(data.requirements):
        raise DomainError(
            _(
                "De aanvraag heeft geen enkele eis (knock-out). Zonder eisen kunnen "
                "kandidaten niet worden getoetst; vul ten minste één eis in."
            ),
            field="requirements",
        )
    criteria = [(text.strip(), points) for text, points in data.criteria if text and text.strip()]
    if not criteria:
        raise DomainError(
            _(
                "De aanvraag heeft geen gunningscriteria; vul ten minste één criterium met "
                "punten in."
            ),
            field="criteria",
        )
    for text, points in criteria:
        if points is None or points < 0:
            raise DomainError(
                _("Geef bij elk gunningscriterium het aantal punten (ontbreekt bij: %(c)s).")
                % {"c": text[:80]},
                field="criteria",
            )
    total = sum(points or 0 for _t, points in criteria)
    if data.award_total_points <= 0:
        raise DomainError(_("Het totaal aantal punten moet groter zijn dan 0."), field="criteria")
    if total != data.award_total_points:
        raise DomainError(
            _(
                "De punten van de gunningscriteria tellen op tot %(sum)s, niet tot het "
                "genoemde totaal van %(total)s."
            )
            % {"sum": total, "total": data.award_total_points},
            field="criteria",
        )
    if data.candidates_to_select < 1:
        raise DomainError(
            _("Selecteer ten minste één kandidaat voor het gesprek."), field="candidates_to_select"
        )
    low, high = data.hours_per_week_min, data.hours_per_week_max
    if low is not None and high is not None and low > high:
        raise DomainError(
            _("Het minimum aantal uren per week is hoger dan het maximum."),
            field="hours_per_week_min",
        )
    if high is not None and not 0 < high <= 60:
        raise DomainError(
            _("Het aantal uren per week moet tussen 1 en 60 liggen."), field="hours_per_week_max"
        )
    if data.start_date and data.end_date and data.end_date < data.start_date:
        raise DomainError(_("De einddatum ligt vóór de begindatum."), field="end_date")
    if data.max_rate is not None and data.max_rate <= 0:
        raise DomainError(_("Het maximum uurtarief moet groter zijn dan 0."), field="max_rate")
    if not (data.allows_self_employed or data.allows_secondment or data.allows_agency):
        raise DomainError(
            _("Sta ten minste één contractvorm toe (zzp, detachering of uitlening)."),
            field="allows_self_employed",
        )
    if data.extension_count and not data.extension_months:
        raise DomainError(
            _("Geef aan hoeveel maanden één verlenging duurt."), field="extension_months"
        )
    for name in ("g_account_share_sna", "g_account_share_other", "supplier_margin_percent"):
        value = getattr(data, name)
        if value is None or not Decimal(0) <= value <= Decimal(100):
            raise DomainError(_("Een percentage ligt tussen 0 en 100."), field=name)
    if data.platform_fee_per_hour is None or data.platform_fee_per_hour < 0:
        raise DomainError(
            _("De fee per uur kan niet negatief zijn."), field="platform_fee_per_hour"
        )


SCALAR_FIELDS = [
    "title",
    "organisation",
    "location",
    "hours_per_week_min",
    "hours_per_week_max",
    "start_date",
    "end_date",
    "start_text",
    "extension_options",
    "extension_count",
    "extension_months",
    "max_total_months",
    "max_rate",
    "deadline",
    "award_total_points",
    "candidates_to_select",
    "allows_self_employed",
    "allows_secondment",
    "allows_agency",
    "is_das",
    "waadi_required",
    "sna_required",
    "vog_moment",
    "uses_g_account",
    "g_account_share_sna",
    "g_account_share_other",
    "platform_fee_per_hour",
    "supplier_margin_percent",
    "posting_text",
    "unit",
    "secretary",
    "team_lead",
    "confidentiality",
]


@transaction.atomic
def request_create(*, actor, data: RequestData) -> HiringRequest:
    """Store a request with its requirements, criteria and competencies, all or nothing."""
    validate_request_data(data)
    hiring_request = HiringRequest(
        **{name: getattr(data, name) for name in SCALAR_FIELDS},
        status=HiringRequest.Status.OPEN,
    )
    hiring_request.title = hiring_request.title.strip()
    set_author(hiring_request, actor)
    hiring_request.save()

    def add(model, items, **extra):
        for position, item in enumerate(items, start=1):
            obj = model(request=hiring_request, position=position, **item, **extra)
            set_author(obj, actor)
            obj.save()

    add(Requirement, [{"text": t} for t in _clean_lines(data.requirements)])
    add(ExecutionCondition, [{"text": t} for t in _clean_lines(data.execution_conditions)])
    add(
        AwardCriterion,
        [{"text": t.strip(), "points": p} for t, p in data.criteria if t and t.strip()],
    )
    add(Competency, [{"name": t[:300]} for t in _clean_lines(data.competencies)])
    add(ProcedureStep, [{"text": t} for t in _clean_lines(data.procedure_steps)])
    record(
        actor=actor,
        request=hiring_request,
        step=EvaluationEvent.Step.CREATED,
        text=_("Aanvraag vastgelegd met %(r)s eisen, %(c)s gunningscriteria (%(p)s punten).")
        % {
            "r": hiring_request.requirements.count(),
            "c": len(data.criteria),
            "p": data.award_total_points,
        },
    )
    return hiring_request


@transaction.atomic
def supplier_create(
    *,
    actor,
    name: str,
    kvk_number: str,
    waadi_registered: bool = False,
    waadi_checked_on: date | None = None,
    sna_registered: bool = False,
    sna_checked_on: date | None = None,
) -> Supplier:
    name = (name or "").strip()
    kvk_number = (kvk_number or "").strip().replace(" ", "")
    if not name:
        raise DomainError(_("Geef de naam van de leverancier."), field="name")
    if len(kvk_number) != 8 or not kvk_number.isdigit():
        raise DomainError(_("Een KvK-nummer bestaat uit precies 8 cijfers."), field="kvk_number")
    if Supplier.objects.filter(kvk_number=kvk_number).exists():
        raise DomainError(
            _("Er is al een leverancier met KvK-nummer %(kvk)s.") % {"kvk": kvk_number},
            field="kvk_number",
        )
    supplier = Supplier(
        name=name[:200],
        kvk_number=kvk_number,
        waadi_registered=waadi_registered,
        waadi_checked_on=waadi_checked_on,
        sna_registered=sna_registered,
        sna_checked_on=sna_checked_on,
    )
    set_author(supplier, actor)
    try:
        with transaction.atomic():
            supplier.save()
    except IntegrityError as exc:
        raise DomainError(
            _("Er is al een leverancier met KvK-nummer %(kvk)s.") % {"kvk": kvk_number},
            field="kvk_number",
        ) from exc
    return supplier


POSTING_KINDS = {"txt", "pdf", "docx"}


def posting_text_from_upload(upload) -> str:
    """The text of an uploaded posting (.txt, .pdf or .docx), checked before it is read."""
    name = (getattr(upload, "name", "") or "").lower()
    kind = name.rsplit(".", 1)[-1] if "." in name else ""
    if kind not in POSTING_KINDS:
        raise DomainError(
            _("Lever de uitvraag aan als tekst-, PDF- of Word-bestand (.txt, .pdf, .docx)."),
            field="file",
        )
    if kind == "txt":
        raw = upload.read(MAX_POSTING_CHARS * 4 + 1)
        if not raw:
            raise DomainError(_("Het bestand is leeg."), field="file")
        if b"\x00" in raw:
            raise DomainError(
                _("Dit is geen tekstbestand (het lijkt een binair bestand)."), field="file"
            )
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise DomainError(
                _("De tekens in dit bestand zijn niet te lezen; sla het op als UTF-8-tekst."),
                field="file",
            )
        return check_posting_text(text)
    from regie.documents.checks import check_upload
    from regie.documents.extraction import extract_text

    checked = check_upload(upload)
    text = extract_text(checked.content, checked.kind)
    if not text.strip():
        raise DomainError(
            _("In dit bestand staat geen leesbare tekst (is het een scan?)."), field="file"
        )
    return check_posting_text(text)
