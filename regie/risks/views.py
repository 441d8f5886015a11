"""The risk register, the heat map, reviews due, one risk with its measures, and the forms."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.core.workdays import working_calendar
from regie.planning.access import visible_activities
from regie.planning.models import Activity
from regie.risks import excel, queries, rules, services
from regie.risks.access import visible_risks
from regie.risks.forms import (
    MeasureActionForm,
    MeasureEditForm,
    MeasureForm,
    RiskEditForm,
    RiskFilterForm,
    RiskForm,
    filter_query,
)
from regie.risks.models import Measure, Risk

PAGE_SIZE = 50
REVIEW_WINDOW = 5  # working days ahead on the "te herbeoordelen" list


def _filter_form(request: HttpRequest) -> RiskFilterForm:
    visible = visible_risks(request.user)
    return RiskFilterForm(
        request.GET, units=queries.unit_tree(), owners=queries.risk_owners(visible)
    )


def _query_string(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


@require_GET
def register(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    flt = form.to_filter()
    risks = queries.register(request.user, flt)
    page = Paginator(risks, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "risks/register.html",
        {
            "page": page,
            "filter_form": form,
            "flt": flt,
            "without_cell": filter_query(replace(flt, probability=None, impact=None)),
            "export_url": reverse("risks:export") + "?" + filter_query(flt),
            "today": timezone.localdate(),
            "query_string": _query_string(request),
            "can_create": rules.can_create_risk(request.user),
        },
    )


def _filter_description(form: RiskFilterForm) -> str:
    """The chosen filters in words, for the top of the export."""
    if not form.is_valid():
        return ""
    parts = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", False) or (name == "status" and value == "active"):
            continue
        if name == "status":
            value = dict(getattr(field, "choices", ())).get(value, value)
        elif value is True:
            value = _("ja")
        parts.append(f"{field.label or name}: {value}")
    return ", ".join(parts) or _("Alle lopende risico’s")


@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """The register as Excel, with the same filters as the page."""
    form = _filter_form(request)
    today = timezone.localdate()
    risks = queries.register(request.user, form.to_filter(), today=today)
    rows = risks.values_list(*excel.ROW_FIELDS)
    data = excel.export_register(rows, today=today, description=_filter_description(form))
    response = HttpResponse(data, content_type=excel.XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="risicoregister-{today:%Y-%m-%d}.xlsx"'
    return response


@require_GET
def heat_map(request: HttpRequest) -> HttpResponse:
    form = _filter_form(request)
    flt = form.to_filter()
    grid = queries.heat_map(request.user, flt, query_of=filter_query)
    return render(
        request,
        "risks/heat_map.html",
        {
            "grid": grid,
            "filter_form": form,
            "query_string": filter_query(flt),
            "bands": [(str(label), colour) for _low, _key, label, colour in queries.BANDS],
            "can_create": rules.can_create_risk(request.user),
        },
    )


@require_GET
def due_for_review(request: HttpRequest) -> HttpResponse:
    """The reviews due, of one unit (with the units under it) or one owner when asked."""
    today = timezone.localdate()
    form = _filter_form(request)
    flt = form.to_filter()
    calendar = working_calendar()  # the closing days, read once for the list and its deadline
    risks = queries.risks_due_for_review(
        request.user,
        REVIEW_WINDOW,
        today=today,
        calendar=calendar,
        unit_ids=queries.unit_and_below(flt.unit_id) if flt.unit_id else None,
        owner_id=flt.owner_id,
    )
    page = Paginator(risks, PAGE_SIZE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "risks/due_for_review.html",
        {
            "page": page,
            "today": today,
            "deadline": queries.review_deadline(REVIEW_WINDOW, today=today, calendar=calendar),
            "window": REVIEW_WINDOW,
            "can_create": rules.can_create_risk(request.user),
            "filter_form": form,
            "query_string": _query_string(request),
        },
    )


def _risk_for(request: HttpRequest, pk: int) -> Risk:
    return get_object_or_404(
        visible_risks(request.user).select_related("unit", "owner", "body", "created_by"), pk=pk
    )


def _detail_context(request: HttpRequest, risk: Risk, **extra) -> dict:
    can_edit = rules.can_edit_risk(request.user, risk)
    viewer = viewer_for(request.user)
    measures = list(queries.measures_of(risk))
    for measure in measures:
        measure.risk = risk
        measure.can_update = can_edit or measure.owner_id == viewer.person_id
    activity = None
    if risk.activity_id:
        activity = (
            visible_activities(request.user).select_related("plan").filter(pk=risk.activity_id)
        ).first()
    return {
        "risk": risk,
        "activity": activity,
        "today": timezone.localdate(),
        "band": queries.band_of(risk.score),
        "measures": measures,
        "can_edit": can_edit,
        "measure_form": MeasureForm(initial={"owner": risk.owner_id}) if can_edit else None,
        "history": risk.history.select_related("history_user__person").order_by("-history_date")[
            :15
        ],
        "measure_history": Measure.history.filter(risk_id=risk.pk)
        .select_related("history_user__person")
        .order_by("-history_date")[:15],
        **extra,
    }


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk_for(request, pk)
    return render(request, "risks/risk_detail.html", _detail_context(request, risk))


def _bodies(request: HttpRequest):
    return visible_bodies(request.user).order_by("name")


def _activities(request: HttpRequest, current_id: int | None = None):
    """Running activities of the plans the user may see (and the one already linked)."""
    running = Q(status__in=Activity.OPEN_STATUSES)
    if current_id:
        running |= Q(pk=current_id)
    return (
        visible_activities(request.user)
        .filter(running)
        .select_related("plan")
        .order_by("plan__title", "title", "id")
    )


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    if not rules.can_create_risk(request.user):
        raise PermissionDenied
    viewer = viewer_for(request.user)
    initial = {"owner": viewer.person_id, "unit": request.GET.get("eenheid")}
    form = RiskForm(
        request.POST or None,
        bodies=_bodies(request),
        activities=_activities(request),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            risk = services.risk_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Risico vastgelegd."))
            return redirect("risks:detail", pk=risk.pk)
    return render(request, "risks/risk_form.html", {"form": form, "heading": _("Nieuw risico")})


RISK_FIELDS = (
    "title",
    "cause",
    "event",
    "effect",
    "probability",
    "impact",
    "unit",
    "programme",
    "activity",
    "body",
    "owner",
    "status",
    "review_date",
    "confidentiality",
)


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk_for(request, pk)
    if not rules.can_edit_risk(request.user, risk):
        raise PermissionDenied
    choices = {"bodies": _bodies(request), "activities": _activities(request, risk.activity_id)}
    initial = {name: getattr(risk, name) for name in RISK_FIELDS} | {"version": risk.version}
    form = RiskEditForm(request.POST or None, initial=initial, **choices)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.risk_update(actor=request.user, risk=risk, expected_version=version, **data)
        except StaleEditError as error:
            conflict = {"message": error.message, "current": error.current}
            # Keep what was typed; the next save is made knowingly against the current version.
            post = request.POST.copy()
            post["version"] = str(getattr(error.current, "version", version))
            form = RiskEditForm(post, **choices)
            form.is_valid()
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Risico opgeslagen."))
            return redirect("risks:detail", pk=risk.pk)
    return render(
        request,
        "risks/risk_form.html",
        {"form": form, "risk": risk, "conflict": conflict, "heading": _("Risico wijzigen")},
        status=409 if conflict else 200,
    )


@require_POST
def measure_create(request: HttpRequest, pk: int) -> HttpResponse:
    risk = _risk_for(request, pk)
    if not rules.can_edit_risk(request.user, risk):
        raise PermissionDenied
    form = MeasureForm(request.POST)
    if form.is_valid():
        try:
            services.measure_create(actor=request.user, risk=risk, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Maatregel toegevoegd."))
            return redirect("risks:detail", pk=risk.pk)
    context = _detail_context(request, risk, measure_form=form)
    return render(request, "risks/risk_detail.html", context, status=400)


def _measure_for(request: HttpRequest, pk: int) -> Measure:
    measure = get_object_or_404(Measure.objects.select_related("owner", "action"), pk=pk)
    measure.risk = _risk_for(request, measure.risk_id)
    if not rules.can_update_measure(request.user, measure):
        raise PermissionDenied
    return measure


@require_http_methods(["GET", "POST"])
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = _measure_for(request, pk)
    initial = {
        "text": measure.text,
        "owner": measure.owner_id,
        "due_date": measure.due_date,
        "status": measure.status,
        "version": measure.version,
    }
    form = MeasureEditForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.measure_update(
                actor=request.user, measure=measure, expected_version=version, **data
            )
        except StaleEditError as error:
            conflict = {"message": error.message, "current": error.current}
            post = request.POST.copy()
            post["version"] = str(getattr(error.current, "version", version))
            form = MeasureEditForm(post)
            form.is_valid()
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Maatregel opgeslagen."))
            return redirect("risks:detail", pk=measure.risk_id)
    return render(
        request,
        "risks/measure_form.html",
        {
            "form": form,
            "measure": measure,
            "risk": measure.risk,
            "conflict": conflict,
            "heading": _("Maatregel wijzigen"),
        },
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "POST"])
def measure_action(request: HttpRequest, pk: int) -> HttpResponse:
    """'Maak er een actie van': the measure goes on the action list."""
    measure = _measure_for(request, pk)
    initial = {"owner": measure.owner_id, "due_date": measure.due_date, "version": measure.version}
    form = MeasureActionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.measure_to_action(
                actor=request.user,
                measure=measure,
                expected_version=form.cleaned_data["version"],
                owner=form.cleaned_data["owner"],
                due_date=form.cleaned_data["due_date"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            status = 409 if isinstance(error, StaleEditError) else 400
        else:
            messages.success(request, _("De maatregel staat nu als actie op de actielijst."))
            return redirect("risks:detail", pk=measure.risk_id)
    return render(
        request,
        "risks/measure_form.html",
        {
            "form": form,
            "measure": measure,
            "risk": measure.risk,
            "heading": _("Maak er een actie van"),
            "submit_label": _("Actie maken"),
        },
        status=status,
    )


@require_GET
def measure_source(request: HttpRequest, pk: int) -> HttpResponse:
    """Where an action made from a measure links back to: the measure's risk."""
    measure = get_object_or_404(Measure.objects.only("id", "risk_id"), pk=pk)
    risk = _risk_for(request, measure.risk_id)
    return redirect(reverse("risks:detail", args=[risk.pk]) + f"#maatregel-{measure.pk}")
