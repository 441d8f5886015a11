"""Pages of the hiring procedure: requests, import, candidates, each evaluation step, the
explanation report, and contracts with their alerts, extensions and forecast."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.errors import DomainError, StaleEditError
from regie.core.workdays import working_calendar
from regie.hiring import money, queries, report, services
from regie.hiring.access import (
    can_create_request,
    can_manage_request,
    get_candidate_for_user,
    get_contract_for_user,
    get_request_for_user,
    visible_contracts,
    visible_requests,
)
from regie.hiring.forms import (
    AwardForm,
    CandidateForm,
    ExtendForm,
    InterviewForm,
    PostingForm,
    RequestForm,
    RequirementChecksForm,
    ScoresForm,
    SupplierForm,
)
from regie.hiring.models import Candidate, HiringRequest, Supplier

FIELD_LABELS = {
    "title": _("titel"),
    "organisation": _("opdrachtgever"),
    "location": _("standplaats"),
    "hours_per_week_max": _("uren per week"),
    "start_date": _("begindatum"),
    "end_date": _("einddatum"),
    "extension_options": _("verlengingsopties"),
    "max_rate": _("maximum uurtarief"),
    "deadline": _("sluitingsdatum"),
    "requirements": _("eisen"),
    "criteria": _("gunningscriteria"),
    "competencies": _("competenties"),
    "procedure_steps": _("procedurestappen"),
    "execution_conditions": _("uitvoeringsvoorwaarden"),
}


def _add_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


# --- requests ---------------------------------------------------------------------------------


@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    requests_ = queries.request_list(visible_requests(request.user)).order_by("-created_at", "-id")
    return render(
        request,
        "hiring/request_list.html",
        {"requests": requests_[:200], "can_create": can_create_request(request.user)},
    )


@require_http_methods(["GET", "POST"])
def request_import(request: HttpRequest) -> HttpResponse:
    """Paste or upload a posting -> a preview with every field filled in -> save."""
    if not can_create_request(request.user):
        raise PermissionDenied
    step = request.POST.get("step", "")
    posting_form = PostingForm()
    if request.method == "POST" and step == "read":
        posting_form = PostingForm(request.POST, request.FILES)
        if posting_form.is_valid():
            try:
                upload = posting_form.cleaned_data.get("file")
                text = (
                    services.posting_text_from_upload(upload)
                    if upload
                    else posting_form.cleaned_data["text"]
                )
                draft = services.request_from_posting(actor=request.user, text=text)
            except DomainError as error:
                posting_form.add_error(None, error.message)
            else:
                person = getattr(request.user, "person", None)
                if draft.data.secretary is None and person and person.role == "secretary":
                    draft.data.secretary = person
                form = RequestForm(initial=RequestForm.initial_from(draft.data))
                return render(
                    request,
                    "hiring/request_preview.html",
                    {
                        "form": form,
                        "missing": [str(FIELD_LABELS.get(m, m)) for m in draft.missing],
                        "missing_fields": set(draft.missing),
                        "notes": draft.notes,
                    },
                )
    elif request.method == "POST" and step == "save":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                hiring_request = services.request_create(actor=request.user, data=form.to_data())
            except DomainError as error:
                _add_error(form, error)
            else:
                messages.success(request, _("De aanvraag is opgeslagen."))
                return redirect("hiring:request_detail", pk=hiring_request.pk)
        return render(
            request,
            "hiring/request_preview.html",
            {"form": form, "missing": [], "missing_fields": set(), "notes": []},
            status=400,
        )
    elif request.method == "POST" and step == "blank":
        person = getattr(request.user, "person", None)
        initial = RequestForm.initial_from(services.RequestData(secretary=person))
        return render(
            request,
            "hiring/request_preview.html",
            {
                "form": RequestForm(initial=initial),
                "missing": [],
                "missing_fields": set(),
                "notes": [],
            },
        )
    status = 400 if posting_form.errors else 200
    return render(
        request, "hiring/request_import.html", {"posting_form": posting_form}, status=status
    )


def _money_examples(hiring_request: HiringRequest, candidates) -> list[dict]:
    """Per offered rate: what one week's invoice looks like (hours per week x rate)."""
    hours = hiring_request.hours_per_week_max or 36
    rows = []
    seen = set()
    for candidate in candidates:
        if candidate.status == Candidate.Status.KNOCKED_OUT:
            continue
        sna = bool(candidate.supplier and candidate.supplier.sna_registered)
        share = (
            (hiring_request.g_account_share_sna if sna else hiring_request.g_account_share_other)
            if hiring_request.uses_g_account and candidate.supplier
            else 0
        )
        key = (candidate.hourly_rate, share)
        if key in seen:
            continue
        seen.add(key)
        rows.append(
            {
                "rate": candidate.hourly_rate,
                "sna": sna,
                "breakdown": money.invoice_breakdown(
                    candidate.hourly_rate,
                    candidate.hours_per_week or hours,
                    hiring_request.platform_fee_per_hour,
                    hiring_request.supplier_margin_percent,
                    share,
                ),
            }
        )
    return rows[:10]


@require_GET
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    hiring_request = get_request_for_user(request.user, pk)
    page = queries.request_page(hiring_request)
    open_round = next((r for r in page.rounds if r.concluded_at is None), None)
    return render(
        request,
        "hiring/request_detail.html",
        {
            "r": hiring_request,
            "page": page,
            "can_manage": can_manage_request(request.user, hiring_request),
            "open_round": open_round,
            "interview_rule": services.INTERVIEW_RULE,
            "money_examples": _money_examples(hiring_request, page.candidates),
            "running": hiring_request.status
            not in (HiringRequest.Status.AWARDED, HiringRequest.Status.CANCELLED),
        },
    )


@require_POST
def selection_make(request: HttpRequest, pk: int) -> HttpResponse:
    hiring_request = get_request_for_user(request.user, pk, manage=True)
    try:
        selection_round = services.selection_make(actor=request.user, request=hiring_request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Selectieronde %(n)s gemaakt: %(k)s kandidaten uitgenodigd voor een gesprek.")
            % {"n": selection_round.number, "k": selection_round.candidates.count()},
        )
    return redirect("hiring:request_detail", pk=hiring_request.pk)


@require_POST
def interview_conclude(request: HttpRequest, pk: int) -> HttpResponse:
    hiring_request = get_request_for_user(request.user, pk, manage=True)
    try:
        outcome = services.interview_conclude(actor=request.user, request=hiring_request)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        if outcome.passed:
            messages.success(
                request,
                _("Gesprekken afgerond; minimaal voldoende: %(names)s. U kunt nu gunnen.")
                % {"names": ", ".join(c.name for c in outcome.passed)},
            )
        elif outcome.new_round:
            messages.warning(
                request,
                _(
                    "Niemand scoorde op elke competentie voldoende. De selectie is herhaald: "
                    "ronde %(n)s."
                )
                % {"n": outcome.new_round.number},
            )
        else:
            messages.warning(
                request,
                _(
                    "Niemand scoorde op elke competentie voldoende en er zijn geen kandidaten "
                    "meer over."
                ),
            )
    return redirect("hiring:request_detail", pk=hiring_request.pk)


# --- suppliers and candidates -----------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def supplier_list(request: HttpRequest) -> HttpResponse:
    if not can_create_request(request.user):
        raise PermissionDenied
    form = SupplierForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            supplier = services.supplier_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Leverancier %(s)s toegevoegd.") % {"s": supplier.name})
            next_url = request.POST.get("next", "")
            if next_url.startswith("/inhuur/") and "//" not in next_url:
                return redirect(next_url)
            return redirect("hiring:supplier_list")
    return render(
        request,
        "hiring/supplier_list.html",
        {
            "form": form,
            "suppliers": Supplier.objects.order_by("name")[:500],
            "next": request.GET.get("next", request.POST.get("next", "")),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    hiring_request = get_request_for_user(request.user, pk, manage=True)
    form = CandidateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            candidate = services.candidate_offer(
                actor=request.user,
                request=hiring_request,
                name=data["name"],
                hourly_rate=data["hourly_rate"],
                contract_form=data["contract_form"],
                supplier_kvk=data["supplier_kvk"],
                available_from=data["available_from"],
                hours_per_week=data["hours_per_week"],
                cv=data["cv"],
                permanently_employed_by_supplier=data["permanently_employed_by_supplier"],
                prior_contracts=data["prior_contracts"],
            )
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("%(n)s is ingeschreven.") % {"n": candidate.name})
            return redirect("hiring:candidate_detail", pk=candidate.pk)
    return render(
        request,
        "hiring/candidate_form.html",
        {"r": hiring_request, "form": form},
        status=400 if form.errors else 200,
    )


def _candidate_context(request: HttpRequest, candidate: Candidate, **forms) -> dict:
    hiring_request = candidate.request
    data = queries.candidate_page(candidate)
    checks = {r.pk: r.check for r in data["requirements"] if r.check}
    scores = {c.pk: c.score for c in data["criteria"] if c.score}
    can_manage = can_manage_request(request.user, hiring_request)
    warnings = []
    start = hiring_request.start_date or candidate.available_from
    if start and hiring_request.end_date:
        warnings = services.contract_history_warnings(
            candidate, start, hiring_request.end_date, prior=data["prior_contracts"]
        )
    supplier = candidate.supplier
    if supplier and hiring_request.waadi_required and not supplier.waadi_checked_on:
        warnings.append(_("De Waadi-registratie van de leverancier is nog niet gecontroleerd."))
    if supplier and hiring_request.sna_required and not supplier.sna_checked_on:
        warnings.append(_("De SNA-registratie van de leverancier is nog niet gecontroleerd."))
    award_initial = {
        "start": start,
        "end": hiring_request.end_date,
        "hours_per_week": candidate.hours_per_week or hiring_request.hours_per_week_max,
    }
    return {
        "c": candidate,
        "r": hiring_request,
        "can_manage": can_manage,
        "history_warnings": warnings,
        "history_rule": services.DEFAULT_RULE.describe(),
        "interview_rule": services.INTERVIEW_RULE,
        "checks_form": forms.get("checks_form")
        or RequirementChecksForm(requirements=data["requirements"], initial_checks=checks),
        "scores_form": forms.get("scores_form")
        or ScoresForm(criteria=data["criteria"], initial_scores=scores),
        "interview_form": forms.get("interview_form")
        or InterviewForm(competencies=data["competencies"]),
        "award_form": forms.get("award_form") or AwardForm(initial=award_initial),
        "passed_knockout": bool(data["requirements"])
        and all(r.check and r.check.met for r in data["requirements"]),
        **data,
    }


@require_GET
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, pk)
    return render(request, "hiring/candidate_detail.html", _candidate_context(request, candidate))


@require_GET
def candidate_cv(request: HttpRequest, pk: int) -> FileResponse:
    candidate = get_candidate_for_user(request.user, pk)
    if not candidate.cv:
        raise Http404
    return FileResponse(
        candidate.cv.open("rb"), as_attachment=True, filename=candidate.cv.name.rsplit("/", 1)[-1]
    )


def _step(request, pk, form_name, build, run):
    candidate = get_candidate_for_user(request.user, pk, manage=True)
    form = build(candidate)
    if form.is_valid():
        try:
            run(candidate, form)
        except DomainError as error:
            _add_error(form, error)
        else:
            return redirect("hiring:candidate_detail", pk=candidate.pk)
    candidate.refresh_from_db()
    context = _candidate_context(request, candidate, **{form_name: form})
    return render(request, "hiring/candidate_detail.html", context, status=400)


@require_POST
def candidate_checks(request: HttpRequest, pk: int) -> HttpResponse:
    def build(candidate):
        return RequirementChecksForm(
            request.POST, requirements=list(candidate.request.requirements.all())
        )

    def run(candidate, form):
        result = services.candidate_check_requirements(
            actor=request.user, candidate=candidate, results=form.results()
        )
        if result.status == Candidate.Status.KNOCKED_OUT:
            messages.warning(request, _("%(n)s valt af op een eis.") % {"n": result.name})
        else:
            messages.success(request, _("%(n)s voldoet aan alle eisen.") % {"n": result.name})

    return _step(request, pk, "checks_form", build, run)


@require_POST
def candidate_scores(request: HttpRequest, pk: int) -> HttpResponse:
    def build(candidate):
        return ScoresForm(request.POST, criteria=list(candidate.request.criteria.all()))

    def run(candidate, form):
        services.candidate_score(actor=request.user, candidate=candidate, scores=form.scores())
        messages.success(request, _("De scores zijn vastgelegd."))

    return _step(request, pk, "scores_form", build, run)


@require_POST
def candidate_interview(request: HttpRequest, pk: int) -> HttpResponse:
    def build(candidate):
        return InterviewForm(request.POST, competencies=list(candidate.request.competencies.all()))

    def run(candidate, form):
        services.interview_score(
            actor=request.user,
            candidate=candidate,
            assessor=form.cleaned_data["assessor"],
            ratings=form.ratings(),
        )
        messages.success(
            request,
            _("Gespreksscores van %(a)s vastgelegd.") % {"a": form.cleaned_data["assessor"].name},
        )

    return _step(request, pk, "interview_form", build, run)


@require_POST
def candidate_award(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_candidate_for_user(request.user, pk, manage=True)
    form = AwardForm(request.POST)
    if form.is_valid():
        try:
            contract = services.award(actor=request.user, candidate=candidate, **form.cleaned_data)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("Gegund; het contract is aangemaakt."))
            return redirect("hiring:contract_detail", pk=contract.pk)
    context = _candidate_context(request, candidate, award_form=form)
    return render(request, "hiring/candidate_detail.html", context, status=400)


# --- report -----------------------------------------------------------------------------------


def _report_name(hiring_request: HiringRequest, ext: str) -> str:
    return f"verantwoording-{slugify(hiring_request.title)[:60] or hiring_request.pk}.{ext}"


@require_GET
def report_docx(request: HttpRequest, pk: int) -> HttpResponse:
    hiring_request = get_request_for_user(request.user, pk, manage=True)
    response = HttpResponse(
        report.render_docx(hiring_request),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="{_report_name(hiring_request, "docx")}"'
    )
    return response


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    hiring_request = get_request_for_user(request.user, pk, manage=True)
    response = HttpResponse(report.render_pdf(hiring_request), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{_report_name(hiring_request, "pdf")}"'
    )
    return response


# --- contracts --------------------------------------------------------------------------------


@require_GET
def contract_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = queries.contract_rows(
        visible_contracts(request.user), today=today, calendar=working_calendar(), limit=500
    )
    return render(
        request,
        "hiring/contract_list.html",
        {"rows": rows, "alerts": [r for r in rows if r.alert], "today": today},
    )


def _contract_context(request: HttpRequest, contract, **extra) -> dict:
    calendar = working_calendar()
    today = timezone.localdate()
    hiring_request = contract.request
    fee = hiring_request.platform_fee_per_hour
    forecasts = money.forecast_options(
        contract.hourly_rate,
        contract.hours_per_week,
        contract.start,
        contract.original_end,
        fee,
        extension_count=contract.extension_count,
        extension_months=contract.extension_months,
        max_total_months=contract.max_total_months,
        calendar=calendar,
    )
    current = money.cost_forecast(
        contract.hourly_rate,
        contract.hours_per_week,
        contract.start,
        contract.end,
        fee,
        calendar=calendar,
        label=_("huidige looptijd"),
    )
    to_date = money.cost_to_date(
        contract.hourly_rate,
        contract.hours_per_week,
        contract.start,
        contract.end,
        fee,
        today,
        calendar=calendar,
    )
    left, limit = services.extension_room(contract)
    next_end = money.add_months(contract.end, contract.extension_months or 0)
    warnings = []
    if left and contract.extension_months:
        warnings = services.contract_history_warnings(contract.candidate, contract.start, next_end)
    days_left = calendar.count_between(today, contract.end) if contract.end >= today else 0
    sna = bool(contract.supplier and contract.supplier.sna_registered)
    share = 0
    if hiring_request.uses_g_account and contract.supplier:
        share = hiring_request.g_account_share_sna if sna else hiring_request.g_account_share_other
    week = money.invoice_breakdown(
        contract.hourly_rate,
        contract.hours_per_week,
        fee,
        hiring_request.supplier_margin_percent,
        share,
    )
    return {
        "contract": contract,
        "r": hiring_request,
        "can_manage": can_manage_request(request.user, hiring_request),
        "extensions": list(contract.extensions.select_related("decided_by__person")),
        "forecasts": forecasts,
        "current": current,
        "to_date": to_date,
        "extensions_left": left,
        "limit": limit,
        "history_warnings": warnings,
        "history_rule": services.DEFAULT_RULE.describe(),
        "days_left": days_left,
        "alert": contract.status == "active"
        and contract.end >= today
        and days_left <= contract.alert_working_days,
        "week": week,
        "extend_form": extra.pop("extend_form", None)
        or ExtendForm(
            initial={
                "months": contract.extension_months or None,
                "decided_on": today,
                "version": contract.version,
            }
        ),
        **extra,
    }


@require_GET
def contract_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk)
    return render(request, "hiring/contract_detail.html", _contract_context(request, contract))


@require_POST
def contract_extend(request: HttpRequest, pk: int) -> HttpResponse:
    contract = get_contract_for_user(request.user, pk, manage=True)
    form = ExtendForm(request.POST)
    if form.is_valid():
        try:
            services.contract_extend(
                actor=request.user,
                contract=contract,
                months=form.cleaned_data["months"],
                note=form.cleaned_data["note"],
                decided_on=form.cleaned_data["decided_on"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEditError as error:
            current = get_contract_for_user(request.user, pk)
            context = _contract_context(
                request, current, conflict=error.message, mine=form.cleaned_data
            )
            return render(request, "hiring/contract_detail.html", context, status=409)
        except DomainError as error:
            _add_error(form, error)
        else:
            messages.success(request, _("De verlenging is vastgelegd."))
            return redirect("hiring:contract_detail", pk=contract.pk)
    context = _contract_context(request, contract, extend_form=form)
    return render(request, "hiring/contract_detail.html", context, status=400)
