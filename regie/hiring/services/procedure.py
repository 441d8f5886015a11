"""The evaluation, step by step: offer, knock-out, scores, ranking and selection, interviews,
award. Every step is recorded in the request's event log with who did it."""

from __future__ import annotations

import logging
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from regie.core.errors import DomainError
from regie.core.history import set_author
from regie.core.models import Person
from regie.hiring import queries
from regie.hiring.models import (
    Candidate,
    Contract,
    ContractForm,
    CriterionScore,
    EvaluationEvent,
    HiringRequest,
    InterviewScore,
    PriorContract,
    RequirementCheck,
    SelectionRound,
    Supplier,
)
from regie.hiring.ranking import ranking, ties_needing_lots
from regie.hiring.services._common import euro, points_text, record, user_or_none

logger = logging.getLogger(__name__)
Step = EvaluationEvent.Step
Status = Candidate.Status
PASSING = {"voldoende", "goed", "uitstekend"}
CV_KINDS = {"pdf", "docx"}


def _lock_request(hiring_request: HiringRequest) -> HiringRequest:
    """Take the request's row lock so two people do not run the same step at once."""
    return HiringRequest.objects.select_for_update().get(pk=hiring_request.pk)


def _require_running(hiring_request: HiringRequest) -> None:
    if hiring_request.status in (HiringRequest.Status.AWARDED, HiringRequest.Status.CANCELLED):
        raise DomainError(
            _("Deze aanvraag is %(status)s; de beoordeling is afgesloten.")
            % {"status": hiring_request.get_status_display()}
        )


def _set_status(obj, status: str, actor) -> None:
    obj.status = status
    set_author(obj, actor)
    obj.save()


@dataclass(frozen=True)
class PriorContractData:
    client: str
    start: date
    end: date


def _check_cv(cv: UploadedFile | None) -> ContentFile | None:
    if cv is None:
        return None
    from regie.documents.checks import check_upload

    checked = check_upload(cv)
    if checked.kind not in CV_KINDS:
        raise DomainError(_("Een cv moet een PDF- of Word-bestand (.docx) zijn."), field="cv")
    return ContentFile(checked.content, name=checked.name)


def _store_cv(candidate: Candidate, cv_file: ContentFile) -> str:
    """Write the cv through the storage; a refusing storage (disk full, no permission) becomes
    a DomainError, so nothing is stored and the user is told why."""
    try:
        candidate.cv.save(cv_file.name or "cv", cv_file, save=False)
    except OSError as exc:
        logger.error("file store refused a cv: %s", exc)
        raise DomainError(
            _(
                "Het cv kon niet worden opgeslagen: de opslag is vol of niet beschrijfbaar. "
                "Er is niets bewaard; probeer het later opnieuw of meld het bij de beheerder."
            ),
            field="cv",
        ) from exc
    return candidate.cv.name or ""


def _remove_cv(name: str) -> None:
    if not name:
        return
    try:
        Candidate._meta.get_field("cv").storage.delete(name)
    except Exception:  # cleaning up must not hide the original error
        logger.exception("could not remove the orphaned cv %s", name)


@transaction.atomic
def candidate_offer(
    *,
    actor,
    request: HiringRequest,
    name: str,
    hourly_rate: Decimal,
    contract_form: str,
    supplier_kvk: str = "",
    available_from: date | None = None,
    hours_per_week: int | None = None,
    cv: UploadedFile | None = None,
    permanently_employed_by_supplier: bool = False,
    prior_contracts: list[PriorContractData] = (),  # type: ignore[assignment]
) -> Candidate:
    """Record an inschrijving; refuses a rate above the cap, an unknown supplier and a
    contract form the request does not allow."""
    hiring_request = _lock_request(request)
    _require_running(hiring_request)
    name = (name or "").strip()
    if not name:
        raise DomainError(_("Geef de naam van de kandidaat."), field="name")
    try:
        rate = Decimal(hourly_rate)
    except (InvalidOperation, TypeError, ValueError) as exc:
        raise DomainError(_("Geef een geldig uurtarief."), field="hourly_rate") from exc
    if rate <= 0:
        raise DomainError(_("Het uurtarief moet groter zijn dan 0."), field="hourly_rate")
    if hiring_request.max_rate is not None and rate > hiring_request.max_rate:
        raise DomainError(
            _("Het uurtarief van %(rate)s ligt boven het maximum van %(max)s voor deze aanvraag.")
            % {"rate": euro(rate), "max": euro(hiring_request.max_rate)},
            field="hourly_rate",
        )
    if contract_form not in ContractForm.values:
        raise DomainError(_("Kies een contractvorm."), field="contract_form")
    if contract_form not in hiring_request.allowed_contract_forms:
        raise DomainError(
            _("De contractvorm ‘%(form)s’ is bij deze aanvraag niet toegestaan.")
            % {"form": ContractForm(contract_form).label},
            field="contract_form",
        )
    supplier = None
    kvk = (supplier_kvk or "").strip().replace(" ", "")
    if kvk:
        if len(kvk) != 8 or not kvk.isdigit():
            raise DomainError(
                _("Een KvK-nummer bestaat uit precies 8 cijfers."), field="supplier_kvk"
            )
        supplier = Supplier.objects.filter(kvk_number=kvk).first()
        if supplier is None:
            raise DomainError(
                _(
                    "Er is geen leverancier met KvK-nummer %(kvk)s bekend. Voeg de leverancier "
                    "eerst toe (met naam en KvK-nummer) en schrijf de kandidaat daarna in."
                )
                % {"kvk": kvk},
                field="supplier_kvk",
            )
    elif contract_form != ContractForm.SELF_EMPLOYED:
        raise DomainError(
            _("Bij detachering of uitlening hoort een leverancier: geef het KvK-nummer."),
            field="supplier_kvk",
        )
    if hours_per_week is not None and not 0 < hours_per_week <= 60:
        raise DomainError(
            _("Het aantal uren per week moet tussen 1 en 60 liggen."), field="hours_per_week"
        )
    for prior in prior_contracts:
        if prior.end < prior.start:
            raise DomainError(
                _("Een eerder contract eindigt vóór het begint."), field="prior_contracts"
            )
    cv_file = _check_cv(cv)
    candidate = Candidate(
        request=hiring_request,
        name=name[:200],
        supplier=supplier,
        contract_form=contract_form,
        hourly_rate=rate,
        available_from=available_from,
        hours_per_week=hours_per_week,
        permanently_employed_by_supplier=permanently_employed_by_supplier,
    )
    stored = _store_cv(candidate, cv_file) if cv_file is not None else ""
    try:
        set_author(candidate, actor)
        candidate.save()
        for prior in prior_contracts:
            obj = PriorContract(
                candidate=candidate, client=prior.client[:200], start=prior.start, end=prior.end
            )
            set_author(obj, actor)
            obj.save()
        via = supplier.name if supplier else _("rechtstreeks")
        record(
            actor=actor,
            request=hiring_request,
            candidate=candidate,
            step=Step.OFFERED,
            text=_("%(name)s ingeschreven (%(via)s, %(form)s) voor %(rate)s per uur.")
            % {
                "name": candidate.name,
                "via": via,
                "form": ContractForm(contract_form).label,
                "rate": euro(rate),
            },
        )
        return candidate
    except BaseException:
        _remove_cv(stored)  # the rows are rolled back; the file must not stay behind
        raise


@transaction.atomic
def candidate_check_requirements(
    *, actor, candidate: Candidate, results: dict[int, tuple[bool, str]]
) -> Candidate:
    """Test the candidate against every eis; any unmet one ends the candidacy, with the reason."""
    hiring_request = _lock_request(candidate.request)
    _require_running(hiring_request)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status not in (Status.OFFERED, Status.KNOCKED_OUT):
        raise DomainError(
            _("%(name)s is al verder beoordeeld; de toets op de eisen ligt vast.")
            % {"name": candidate.name}
        )
    requirements = list(hiring_request.requirements.all())
    missing = [r for r in requirements if r.pk not in results]
    if missing:
        raise DomainError(
            _("Beoordeel elke eis; nog open: %(r)s") % {"r": missing[0].text[:120]},
            field="results",
        )
    failed = []
    for requirement in requirements:
        met, evidence = results[requirement.pk]
        evidence = (evidence or "").strip()
        if not met and not evidence:
            raise DomainError(
                _("Licht toe waarom niet is voldaan aan de eis: %(r)s")
                % {"r": requirement.text[:120]},
                field="results",
            )
        check, _created = RequirementCheck.objects.get_or_create(
            candidate=candidate,
            requirement=requirement,
            defaults={"met": bool(met), "evidence": evidence, "by": user_or_none(actor)},
        )
        check.met, check.evidence, check.by = bool(met), evidence, user_or_none(actor)
        set_author(check, actor)
        check.save()
        if not met:
            failed.append(requirement)
    if failed:
        candidate.knockout_reason = "\n".join(
            _("Voldoet niet aan de eis: %(r)s") % {"r": r.text} for r in failed
        )
        candidate.status = Status.KNOCKED_OUT
        text = _("%(name)s valt af. %(reason)s") % {
            "name": candidate.name,
            "reason": candidate.knockout_reason,
        }
    else:
        candidate.knockout_reason = ""
        candidate.status = Status.OFFERED
        text = _("%(name)s voldoet aan alle %(n)s eisen.") % {
            "name": candidate.name,
            "n": len(requirements),
        }
    set_author(candidate, actor)
    candidate.save()
    if hiring_request.status == HiringRequest.Status.OPEN:
        _set_status(hiring_request, HiringRequest.Status.EVALUATING, actor)
    record(actor=actor, request=hiring_request, candidate=candidate, step=Step.KNOCKOUT, text=text)
    return candidate


def passed_knockout(candidate: Candidate) -> bool:
    requirement_ids = set(candidate.request.requirements.values_list("pk", flat=True))
    met = set(candidate.checks.filter(met=True).values_list("requirement_id", flat=True))
    return bool(requirement_ids) and requirement_ids <= met


@transaction.atomic
def candidate_score(
    *, actor, candidate: Candidate, scores: dict[int, tuple[Decimal, str]]
) -> Candidate:
    """Score every gunningscriterium, each with a motivation (0 up to the criterion's points)."""
    hiring_request = _lock_request(candidate.request)
    _require_running(hiring_request)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status not in (Status.OFFERED, Status.SCORED) or not passed_knockout(candidate):
        raise DomainError(
            _(
                "Alleen een kandidaat die aan alle eisen voldoet en nog niet is geselecteerd, "
                "kan worden gescoord."
            )
        )
    criteria = list(hiring_request.criteria.all())
    total = Decimal(0)
    cleaned: list[tuple] = []
    for criterion in criteria:
        if criterion.pk not in scores:
            raise DomainError(
                _("Geef punten voor elk criterium; nog open: %(c)s") % {"c": criterion.text[:120]},
                field="scores",
            )
        raw_points, motivation = scores[criterion.pk]
        try:
            points = Decimal(raw_points)
        except (InvalidOperation, TypeError, ValueError) as exc:
            raise DomainError(_("Geef punten als getal."), field="scores") from exc
        if not Decimal(0) <= points <= criterion.points:
            raise DomainError(
                _("De punten voor ‘%(c)s’ liggen tussen 0 en %(max)s.")
                % {"c": criterion.text[:80], "max": criterion.points},
                field="scores",
            )
        motivation = (motivation or "").strip()
        if not motivation:
            raise DomainError(
                _("Motiveer de score voor ‘%(c)s’.") % {"c": criterion.text[:80]},
                field="scores",
            )
        cleaned.append((criterion, points, motivation))
        total += points
    for criterion, points, motivation in cleaned:
        score, _created = CriterionScore.objects.get_or_create(
            candidate=candidate,
            criterion=criterion,
            defaults={"points": points, "motivation": motivation, "by": user_or_none(actor)},
        )
        score.points, score.motivation, score.by = points, motivation, user_or_none(actor)
        set_author(score, actor)
        score.save()
    _set_status(candidate, Status.SCORED, actor)
    record(
        actor=actor,
        request=hiring_request,
        candidate=candidate,
        step=Step.SCORE,
        text=_("%(name)s gescoord: %(total)s van %(max)s punten.")
        % {
            "name": candidate.name,
            "total": points_text(total),
            "max": hiring_request.award_total_points,
        },
    )
    return candidate


def _draw_lots(*, actor, hiring_request: HiringRequest, entries) -> None:
    """Draw lots, once, for candidates still tied after points and rate; record the draw."""
    rng = secrets.SystemRandom()
    for group in ties_needing_lots(entries):
        candidates = list(Candidate.objects.filter(pk__in=[e.candidate_id for e in group]))
        rng.shuffle(candidates)
        for number, candidate in enumerate(candidates, start=1):
            candidate.lot_number = number
            set_author(candidate, actor)
            candidate.save(update_fields=["lot_number"])
        record(
            actor=actor,
            request=hiring_request,
            step=Step.LOT,
            text=_(
                "Loting tussen kandidaten met gelijke punten (%(points)s) en gelijk uurtarief "
                "(%(rate)s): %(order)s."
            )
            % {
                "points": points_text(group[0].total),
                "rate": euro(group[0].rate),
                "order": ", ".join(f"{c.name} lot {c.lot_number}" for c in candidates),
            },
        )


def _open_round(hiring_request: HiringRequest) -> SelectionRound | None:
    return hiring_request.selection_rounds.filter(concluded_at__isnull=True).first()


def _select(*, actor, hiring_request: HiringRequest, strict: bool) -> SelectionRound | None:
    pending = sorted(
        hiring_request.candidates.filter(status=Status.OFFERED).values_list("name", flat=True)
    )
    if strict and pending:
        raise DomainError(
            _("Nog niet alle kandidaten zijn getoetst en gescoord: %(names)s.")
            % {"names": ", ".join(pending)}
        )
    entries = queries.ranking_entries(hiring_request)
    _draw_lots(actor=actor, hiring_request=hiring_request, entries=entries)
    ranked = ranking(queries.ranking_entries(hiring_request))
    eligible = set(
        hiring_request.candidates.filter(
            status__in=(Status.SCORED, Status.NOT_SELECTED), selection_round__isnull=True
        ).values_list("pk", flat=True)
    )
    chosen = [r for r in ranked if r.entry.candidate_id in eligible][
        : hiring_request.candidates_to_select
    ]
    if not chosen:
        return None
    number = hiring_request.selection_rounds.count() + 1
    selection_round = SelectionRound(
        request=hiring_request, number=number, created_by=user_or_none(actor)
    )
    set_author(selection_round, actor)
    selection_round.save()
    chosen_ids = {r.entry.candidate_id for r in chosen}
    for candidate in hiring_request.candidates.filter(pk__in=eligible):
        if candidate.pk in chosen_ids:
            candidate.status = Status.SELECTED
            candidate.selection_round = selection_round
        else:
            candidate.status = Status.NOT_SELECTED
        set_author(candidate, actor)
        candidate.save()
    record(
        actor=actor,
        request=hiring_request,
        step=Step.SELECTION,
        text=_("Selectieronde %(n)s: de beste %(k)s geselecteerd voor een gesprek: %(names)s.")
        % {
            "n": number,
            "k": len(chosen),
            "names": "; ".join(
                f"{r.position}. {r.entry.name} ({points_text(r.entry.total)} punten, "
                f"{euro(r.entry.rate)})"
                for r in chosen
            ),
        },
    )
    return selection_round


@transaction.atomic
def selection_make(*, actor, request: HiringRequest) -> SelectionRound:
    """Select the best N scored candidates (points, then rate, then lot) for the interviews."""
    hiring_request = _lock_request(request)
    _require_running(hiring_request)
    if _open_round(hiring_request) is not None:
        raise DomainError(_("Er loopt al een selectieronde; rond eerst de gesprekken af."))
    selection_round = _select(actor=actor, hiring_request=hiring_request, strict=True)
    if selection_round is None:
        raise DomainError(_("Er zijn geen gescoorde kandidaten om te selecteren."))
    return selection_round


@transaction.atomic
def interview_score(
    *, actor, candidate: Candidate, assessor: Person, ratings: dict[int, str]
) -> None:
    """One assessor's rating of every competency of a selected candidate."""
    hiring_request = _lock_request(candidate.request)
    _require_running(hiring_request)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != Status.SELECTED:
        raise DomainError(
            _("Alleen een kandidaat die voor het gesprek is geselecteerd, krijgt gespreksscores.")
        )
    if assessor is None:
        raise DomainError(_("Kies de beoordelaar."), field="assessor")
    competencies = list(hiring_request.competencies.all())
    if not competencies:
        raise DomainError(_("Deze aanvraag heeft geen competenties om te beoordelen."))
    valid = set(InterviewScore.Rating.values)
    for competency in competencies:
        rating = ratings.get(competency.pk)
        if rating not in valid:
            raise DomainError(
                _("Geef een oordeel voor elke competentie; nog open: %(c)s")
                % {"c": competency.name},
                field="ratings",
            )
    for competency in competencies:
        score, _created = InterviewScore.objects.get_or_create(
            candidate=candidate,
            competency=competency,
            assessor=assessor,
            defaults={"rating": ratings[competency.pk], "by": user_or_none(actor)},
        )
        score.rating, score.by = ratings[competency.pk], user_or_none(actor)
        set_author(score, actor)
        score.save()
    record(
        actor=actor,
        request=hiring_request,
        candidate=candidate,
        step=Step.INTERVIEW,
        text=_("Gespreksscores van %(assessor)s voor %(name)s vastgelegd: %(summary)s.")
        % {
            "assessor": assessor.name,
            "name": candidate.name,
            "summary": ", ".join(f"{c.name}: {ratings[c.pk]}" for c in competencies),
        },
    )


@dataclass
class InterviewOutcome:
    passed: list[Candidate] = field(default_factory=list)
    failed: list[Candidate] = field(default_factory=list)
    new_round: SelectionRound | None = None
    exhausted: bool = False


INTERVIEW_RULE = _(
    "Een kandidaat slaagt voor het gesprek als elke competentie door elke beoordelaar "
    "minimaal als ‘voldoende’ is gescoord, met ten minste twee beoordelaars. Slaagt niemand, "
    "dan wordt de selectie herhaald met de volgende kandidaten uit de ranking."
)


@transaction.atomic
def interview_conclude(*, actor, request: HiringRequest) -> InterviewOutcome:
    """Close the interviews of the open round: pass/fail per candidate; none passed -> repeat."""
    hiring_request = _lock_request(request)
    _require_running(hiring_request)
    selection_round = _open_round(hiring_request)
    if selection_round is None:
        raise DomainError(_("Er is geen selectieronde met open gesprekken."))
    competencies = list(hiring_request.competencies.all())
    candidates = list(selection_round.candidates.filter(status=Status.SELECTED))
    by_candidate: dict[int, dict[int, dict[int, str]]] = defaultdict(lambda: defaultdict(dict))
    for score in InterviewScore.objects.filter(candidate__in=candidates).select_related("assessor"):
        by_candidate[score.candidate_id][score.assessor_id][score.competency_id] = score.rating
    names = dict(
        Person.objects.filter(pk__in={a for c in by_candidate.values() for a in c}).values_list(
            "pk", "name"
        )
    )
    outcome = InterviewOutcome()
    for candidate in candidates:
        complete = {
            assessor: ratings
            for assessor, ratings in by_candidate[candidate.pk].items()
            if all(c.pk in ratings for c in competencies)
        }
        if len(complete) < 2:
            raise DomainError(
                _("Voor %(name)s hebben nog geen twee beoordelaars alle competenties gescoord.")
                % {"name": candidate.name}
            )
    for candidate in candidates:
        ratings = by_candidate[candidate.pk]
        shortfalls = [
            f"{c.name} ({names.get(assessor, '')})"
            for assessor, per_competency in sorted(ratings.items())
            for c in competencies
            if per_competency.get(c.pk) not in PASSING
        ]
        if shortfalls:
            candidate.status = Status.REJECTED
            candidate.rejection_reason = _(
                "In het selectiegesprek niet op elke competentie minimaal voldoende: %(s)s."
            ) % {"s": "; ".join(shortfalls)}
            outcome.failed.append(candidate)
            text = candidate.rejection_reason
        else:
            candidate.status = Status.INTERVIEWED
            outcome.passed.append(candidate)
            text = _("Op elke competentie minimaal voldoende.")
        set_author(candidate, actor)
        candidate.save()
        record(
            actor=actor,
            request=hiring_request,
            candidate=candidate,
            step=Step.INTERVIEW,
            text=f"{candidate.name}: {text}",
        )
    selection_round.concluded_at = timezone.now()
    set_author(selection_round, actor)
    selection_round.save()
    if not outcome.passed:
        record(
            actor=actor,
            request=hiring_request,
            step=Step.REPEAT,
            text=_(
                "Geen van de kandidaten in ronde %(n)s scoorde op alle competenties minimaal "
                "voldoende; de selectie wordt herhaald met de volgende kandidaten uit de ranking."
            )
            % {"n": selection_round.number},
        )
        outcome.new_round = _select(actor=actor, hiring_request=hiring_request, strict=False)
        if outcome.new_round is None:
            outcome.exhausted = True
            record(
                actor=actor,
                request=hiring_request,
                step=Step.REPEAT,
                text=_("Er zijn geen kandidaten meer over om te selecteren."),
            )
    return outcome


@transaction.atomic
def award(
    *,
    actor,
    candidate: Candidate,
    start: date | None = None,
    end: date | None = None,
    hours_per_week: int | None = None,
) -> Contract:
    """Award the assignment to a candidate who passed the interview; make the contract."""
    hiring_request = _lock_request(candidate.request)
    _require_running(hiring_request)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if candidate.status != Status.INTERVIEWED:
        raise DomainError(
            _("Gunnen kan alleen aan een kandidaat die in het gesprek minimaal voldoende scoorde.")
        )
    start = start or hiring_request.start_date or candidate.available_from
    end = end or hiring_request.end_date
    if start is None or end is None:
        raise DomainError(_("Geef de begin- en einddatum van het contract."), field="start")
    if end < start:
        raise DomainError(_("De einddatum ligt vóór de begindatum."), field="end")
    hours = hours_per_week or candidate.hours_per_week or hiring_request.hours_per_week_max
    if not hours:
        raise DomainError(_("Geef het aantal uren per week."), field="hours_per_week")
    contract = Contract(
        request=hiring_request,
        candidate=candidate,
        person_name=candidate.name,
        supplier=candidate.supplier,
        start=start,
        original_end=end,
        end=end,
        hours_per_week=hours,
        hourly_rate=candidate.hourly_rate,
        extension_count=hiring_request.extension_count,
        extension_months=hiring_request.extension_months,
        max_total_months=hiring_request.max_total_months,
    )
    set_author(contract, actor)
    contract.save()
    _set_status(candidate, Status.AWARDED, actor)
    for other in hiring_request.candidates.exclude(pk=candidate.pk).exclude(
        status__in=(Status.KNOCKED_OUT, Status.REJECTED)
    ):
        other.status = Status.REJECTED
        other.rejection_reason = _("De opdracht is gegund aan een andere kandidaat.")
        set_author(other, actor)
        other.save()
    _set_status(hiring_request, HiringRequest.Status.AWARDED, actor)
    record(
        actor=actor,
        request=hiring_request,
        candidate=candidate,
        step=Step.AWARD,
        text=_(
            "Gegund aan %(name)s voor %(rate)s per uur, %(hours)s uur per week, van %(start)s "
            "tot en met %(end)s. De overige kandidaten worden geïnformeerd; de opschortende "
            "termijn gaat in."
        )
        % {
            "name": candidate.name,
            "rate": euro(candidate.hourly_rate),
            "hours": hours,
            "start": start.strftime("%d-%m-%Y"),
            "end": end.strftime("%d-%m-%Y"),
        },
    )
    return contract
