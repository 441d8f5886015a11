"""Planning pages: the year overview, plans, activities, progress, periods and the forward
agenda of decision moments."""

from __future__ import annotations

import base64
from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import person_of, viewer_for
from regie.core.errors import DomainError, StaleEditError
from regie.core.workdays import working_calendar
from regie.documents.access import visible_documents
from regie.meetings.access import visible_decisions, visible_meetings
from regie.planning import excel, queries, rules, services, timeline
from regie.planning.access import visible_activities, visible_plans
from regie.planning.forms import (
    ActivityForm,
    ApproveForm,
    GoalForm,
    LinkForm,
    MilestoneForm,
    PeriodForm,
    PeriodGenerateForm,
    PlanForm,
    PlannerUploadForm,
    ProgressForm,
    UploadForm,
)
from regie.planning.models import Activity, Goal, Milestone, Plan, ReportingPeriod


def _posted(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _year(request: HttpRequest) -> int:
    raw = request.GET.get("jaar", "")
    if raw.isdigit() and services.MIN_YEAR <= int(raw) <= services.MAX_YEAR:
        return int(raw)
    return timezone.localdate().year


def _plan_for(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(
        visible_plans(request.user).select_related("unit", "approved_by_decision__body"), pk=pk
    )


def _managed_plan(request: HttpRequest, pk: int) -> Plan:
    plan = _plan_for(request, pk)
    if not rules.can_manage_plans(request.user, plan):
        raise PermissionDenied
    return plan


def _activity_for(request: HttpRequest, pk: int) -> Activity:
    return get_object_or_404(
        visible_activities(request.user).select_related("plan__unit", "owner", "goal", "unit"),
        pk=pk,
    )


def _form_page(
    request: HttpRequest,
    form,
    save: Callable[[dict], object],
    *,
    heading: str,
    back: str,
    success: Callable[[object], str],
    saved: str,
) -> HttpResponse:
    """Validate, call the service, and show its Dutch message on the field it names; a stale
    edit keeps the typed input and offers to save again against the current version."""
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            result = save(data)
        except StaleEditError as error:
            conflict = error.message
            post = request.POST.copy()
            post["version"] = str(getattr(error.current, "version", ""))
            form = type(form)(post, **getattr(form, "_extra", {}))
            form.is_valid()
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, saved)
            return redirect(success(result))
    return render(
        request,
        "planning/form.html",
        {"form": form, "heading": heading, "back": back, "conflict": conflict},
        status=409 if conflict else 200,
    )


def _with_extra(form, **extra):
    form._extra = extra
    return form


UPCOMING_ROWS = 50  # the year overview's milestones; a plan's page lists all of its own


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    today = timezone.localdate()
    upcoming = list(queries.upcoming_milestones(request.user, today=today)[: UPCOMING_ROWS + 1])
    return render(
        request,
        "planning/overview.html",
        {
            "year": year,
            "years": range(year - 1, year + 3),
            "rows": queries.year_overview(request.user, year),
            "upcoming": upcoming[:UPCOMING_ROWS],
            "upcoming_more": len(upcoming) > UPCOMING_ROWS,
            "upcoming_rows": UPCOMING_ROWS,
            "can_manage": rules.can_manage_plans(request.user, None),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage_plans(request.user, None):
        raise PermissionDenied
    form = PlanForm(
        _posted(request),
        initial={"year": _year(request), "unit": request.GET.get("onderdeel"), "kind": "year"},
    )

    def save(data):
        data.pop("version")
        return services.plan_create(actor=request.user, **data)

    return _form_page(
        request,
        form,
        save,
        heading=_("Nieuw plan"),
        back=reverse("planning:overview"),
        success=lambda plan: reverse("planning:plan_detail", args=[plan.pk]),
        saved=_("Plan aangemaakt."),
    )


@require_GET
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    context = queries.plan_detail(plan, request.GET.get("pagina"), request.GET.get("mijlpalen"))
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "can_manage": rules.can_manage_plans(request.user, plan),
            "history": plan.history.select_related("history_user__person").order_by(
                "-history_date"
            )[:10],
            **context,
        },
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = PlanForm(
        _posted(request),
        initial={
            "title": plan.title,
            "unit": plan.unit_id,
            "year": plan.year,
            "kind": plan.kind,
            "confidentiality": plan.confidentiality,
            "version": plan.version,
        },
    )

    def save(data):
        version = data.pop("version") or 0
        return services.plan_update(actor=request.user, plan=plan, expected_version=version, **data)

    return _form_page(
        request,
        form,
        save,
        heading=_("Plan wijzigen"),
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda p: reverse("planning:plan_detail", args=[p.pk]),
        saved=_("Plan opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
def plan_approve(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    decisions = (
        visible_decisions(request.user)
        .filter(is_withdrawn=False)
        .select_related("body")
        .order_by("-decided_on", "-id")[:200]
    )
    decisions_qs = visible_decisions(request.user).filter(is_withdrawn=False)
    form = ApproveForm(_posted(request), decisions=decisions_qs, initial={"version": plan.version})
    form.fields["decision"].choices = [("", "---------")] + [
        (d.pk, f"{d.number} – {d.text[:80]}") for d in decisions
    ]
    form = _with_extra(form, decisions=decisions_qs)

    def save(data):
        return services.plan_approve(
            actor=request.user,
            plan=plan,
            decision=data["decision"],
            expected_version=data["version"] or 0,
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Plan vaststellen: %(t)s") % {"t": plan.title},
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda p: reverse("planning:plan_detail", args=[p.pk]),
        saved=_("Plan vastgesteld."),
    )


@require_http_methods(["GET", "POST"])
def goal_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = GoalForm(_posted(request))

    def save(data):
        return services.goal_create(
            actor=request.user, plan=plan, title=data["title"], position=data["position"]
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Nieuwe doelstelling"),
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda g: reverse("planning:plan_detail", args=[plan.pk]),
        saved=_("Doelstelling toegevoegd."),
    )


@require_http_methods(["GET", "POST"])
def goal_edit(request: HttpRequest, pk: int) -> HttpResponse:
    goal = get_object_or_404(Goal.objects.select_related("plan"), pk=pk)
    plan = _managed_plan(request, goal.plan_id)
    form = GoalForm(
        _posted(request),
        initial={"title": goal.title, "position": goal.position, "version": goal.version},
    )

    def save(data):
        fields = {"title": data["title"]}
        if data["position"] is not None:
            fields["position"] = data["position"]
        return services.goal_update(
            actor=request.user, goal=goal, expected_version=data["version"] or 0, **fields
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Doelstelling wijzigen"),
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda g: reverse("planning:plan_detail", args=[plan.pk]),
        saved=_("Doelstelling opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
def activity_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = _with_extra(
        ActivityForm(_posted(request), plan=plan, initial={"status": "planned"}), plan=plan
    )

    def save(data):
        data.pop("version")
        return services.activity_create(actor=request.user, plan=plan, **data)

    return _form_page(
        request,
        form,
        save,
        heading=_("Nieuwe activiteit"),
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda a: reverse("planning:activity_detail", args=[a.pk]),
        saved=_("Activiteit toegevoegd."),
    )


@require_GET
def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for(request, pk)
    return render(request, "planning/activity_detail.html", _activity_context(request, activity))


@require_http_methods(["GET", "POST"])
def activity_edit(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _activity_for(request, pk)
    plan = _managed_plan(request, activity.plan_id)
    initial = {
        name: getattr(activity, name)
        for name in ("title", "description", "start", "end", "status", "version")
    } | {"goal": activity.goal_id, "owner": activity.owner_id, "unit": activity.unit_id}
    form = _with_extra(ActivityForm(_posted(request), plan=plan, initial=initial), plan=plan)

    def save(data):
        version = data.pop("version") or 0
        return services.activity_update(
            actor=request.user, activity=activity, expected_version=version, **data
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Activiteit wijzigen"),
        back=reverse("planning:activity_detail", args=[activity.pk]),
        success=lambda a: reverse("planning:activity_detail", args=[a.pk]),
        saved=_("Activiteit opgeslagen."),
    )


def _meetings(request: HttpRequest):
    return (
        visible_meetings(request.user)
        .filter(starts_at__gte=timezone.now())
        .exclude(status="cancelled")
        .select_related("body")
        .order_by("starts_at")[:300]
    )


def _milestone_form(request: HttpRequest, plan: Plan, initial: dict | None = None):
    meetings = visible_meetings(request.user).select_related("body")
    form = MilestoneForm(_posted(request), plan=plan, meetings=meetings, initial=initial)
    form.fields["meeting"].choices = [("", _("geen"))] + [
        (m.pk, form.fields["meeting"].label_from_instance(m)) for m in _meetings(request)
    ]
    return _with_extra(form, plan=plan, meetings=meetings)


@require_http_methods(["GET", "POST"])
def milestone_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _managed_plan(request, pk)
    form = _milestone_form(request, plan, {"activity": request.GET.get("activiteit")})

    def save(data):
        data.pop("version")
        return services.milestone_create(actor=request.user, plan=plan, **data)

    return _form_page(
        request,
        form,
        save,
        heading=_("Nieuwe mijlpaal of beslismoment"),
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda m: reverse("planning:plan_detail", args=[plan.pk]),
        saved=_("Mijlpaal toegevoegd."),
    )


@require_http_methods(["GET", "POST"])
def milestone_edit(request: HttpRequest, pk: int) -> HttpResponse:
    milestone = get_object_or_404(Milestone.objects.select_related("plan"), pk=pk)
    plan = _managed_plan(request, milestone.plan_id)
    initial = {
        "title": milestone.title,
        "kind": milestone.kind,
        "date": milestone.date,
        "meeting": milestone.meeting_id,
        "activity": milestone.activity_id,
        "version": milestone.version,
    }
    form = _milestone_form(request, plan, initial)

    def save(data):
        version = data.pop("version") or 0
        return services.milestone_update(
            actor=request.user, milestone=milestone, expected_version=version, **data
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Mijlpaal wijzigen"),
        back=reverse("planning:plan_detail", args=[plan.pk]),
        success=lambda m: reverse("planning:plan_detail", args=[plan.pk]),
        saved=_("Mijlpaal opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
def progress(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    activity = _activity_for(request, pk)
    if not rules.can_report_progress(request.user, activity):
        raise PermissionDenied
    period = get_object_or_404(queries.periods_for(activity.plan), pk=period_pk)
    existing = activity.updates.filter(period=period).first()
    initial = (
        {
            "status": existing.status,
            "percent": existing.percent,
            "text": existing.text,
            "version": existing.version,
        }
        if existing
        else {"status": "on_track"}
    )
    form = ProgressForm(_posted(request), initial=initial)

    def save(data):
        return services.progress_record(
            actor=request.user,
            activity=activity,
            period=period,
            status=data["status"],
            percent=data["percent"],
            text=data["text"],
            expected_version=data["version"],
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Voortgang %(period)s: %(activity)s")
        % {"period": period.name, "activity": activity.title},
        back=reverse("planning:activity_detail", args=[activity.pk]),
        success=lambda u: reverse("planning:activity_detail", args=[activity.pk]),
        saved=_("Voortgang vastgelegd."),
    )


@require_GET
def period_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    periods = ReportingPeriod.objects.filter(year=year).select_related("plan").order_by("start")
    return render(
        request,
        "planning/period_list.html",
        {
            "year": year,
            "periods": [p for p in periods if p.plan_id is None]
            + [p for p in periods if p.plan_id and _visible_plan_id(request, p.plan_id)],
            "can_manage": rules.can_manage_plans(request.user, None),
        },
    )


def _visible_plan_id(request: HttpRequest, plan_id: int) -> bool:
    cache = getattr(request, "_planning_visible_plan_ids", None)
    if cache is None:
        cache = set(visible_plans(request.user).values_list("pk", flat=True))
        request._planning_visible_plan_ids = cache
    return plan_id in cache


@require_http_methods(["GET", "POST"])
def period_generate(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage_plans(request.user, None):
        raise PermissionDenied
    form = PeriodGenerateForm(_posted(request), initial={"year": _year(request)})

    def save(data):
        return services.periods_generate(
            actor=request.user, year=data["year"], scheme=data["scheme"]
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Rapportageperiodes maken"),
        back=reverse("planning:period_list"),
        success=lambda periods: reverse("planning:period_list") + f"?jaar={periods[0].year}",
        saved=_("Rapportageperiodes aangemaakt."),
    )


@require_http_methods(["GET", "POST"])
def period_create(request: HttpRequest) -> HttpResponse:
    if not rules.can_manage_plans(request.user, None):
        raise PermissionDenied
    form = PeriodForm(_posted(request))

    def save(data):
        return services.period_create(actor=request.user, **data)

    return _form_page(
        request,
        form,
        save,
        heading=_("Eigen rapportageperiode"),
        back=reverse("planning:period_list"),
        success=lambda p: reverse("planning:period_detail", args=[p.pk]),
        saved=_("Rapportageperiode aangemaakt."),
    )


@require_GET
def period_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Wie heeft nog niet bijgewerkt: the owners with their activities still without an
    update for this period."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=pk)
    if period.plan_id is not None and not _visible_plan_id(request, period.plan_id):
        raise Http404
    calendar_reminder = None
    if period.reminder_working_days:
        calendar_reminder = working_calendar().subtract(
            period.deadline, period.reminder_working_days
        )
    chase = queries.missing_updates_page(request.user, period, request.GET.get("pagina"))
    return render(
        request,
        "planning/period_detail.html",
        {
            "period": period,
            "reminder_on": calendar_reminder,
            "chase": chase,
            "rows": chase.rows,
            "page": chase.page,
        },
    )


@require_POST
def period_chase(request: HttpRequest, pk: int) -> HttpResponse:
    """Herinner nu: e-mail every owner on the chase list at once (once per owner per day)."""
    period = get_object_or_404(ReportingPeriod.objects.select_related("plan"), pk=pk)
    if period.plan_id is not None and not _visible_plan_id(request, period.plan_id):
        raise Http404
    if not rules.can_manage_plans(request.user, None):
        raise PermissionDenied
    try:
        result = services.progress_chase(actor=request.user, period=period)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("planning:period_detail", pk=period.pk)
    if result.sent:
        messages.success(
            request,
            _("Herinnering per e-mail verstuurd aan: %(names)s.")
            % {"names": ", ".join(p.name for p in result.sent)},
        )
    if result.already_sent:
        messages.info(
            request,
            _("Vandaag al herinnerd, niet opnieuw verstuurd: %(names)s.")
            % {"names": ", ".join(p.name for p in result.already_sent)},
        )
    if result.without_email:
        messages.warning(
            request,
            _("Geen e-mailadres bekend, niet herinnerd: %(names)s.")
            % {"names": ", ".join(p.name for p in result.without_email)},
        )
    if result.failed:
        messages.error(
            request,
            _("Versturen mislukt, probeer het later opnieuw: %(names)s.")
            % {"names": ", ".join(p.name for p in result.failed)},
        )
    if not (result.sent or result.already_sent or result.without_email or result.failed):
        messages.info(request, _("Iedereen heeft de voortgang al bijgewerkt."))
    return redirect("planning:period_detail", pk=period.pk)


@require_GET
def decision_moments(request: HttpRequest) -> HttpResponse:
    """Bestuurlijke planning: what goes to which body when, across bodies."""
    return render(
        request,
        "planning/decision_moments.html",
        {"agenda": queries.forward_agenda(request.user, today=timezone.localdate())},
    )


# Excel


@require_GET
def plan_export(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    data = excel.export_plan(plan, **queries.plan_for_export(plan))
    response = HttpResponse(data, content_type=excel.XLSX_TYPE)
    name = slugify(plan.title) or f"plan-{plan.pk}"
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


IMPORT_KINDS = {
    "werkplan": (UploadForm, _lazy("Werkplan inlezen uit Excel")),
    "planner": (PlannerUploadForm, _lazy("Taken inlezen uit Microsoft Planner")),
}


def _session_key(plan: Plan, kind: str) -> str:
    return f"planning-import-{plan.pk}-{kind}"


def _parse(request: HttpRequest, kind: str, data: bytes, buckets: str):
    if kind == "planner":
        return excel.parse_planner(data, buckets=buckets, importer=person_of(request.user))
    return excel.parse_work_plan(data)


@require_http_methods(["GET", "POST"])
def plan_import_workplan(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_import(request, pk, "werkplan")


@require_http_methods(["GET", "POST"])
def plan_import_planner(request: HttpRequest, pk: int) -> HttpResponse:
    return _plan_import(request, pk, "planner")


IMPORT_URLS = {"werkplan": "planning:plan_import", "planner": "planning:plan_import_planner"}


def _plan_import(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """Upload -> preview (nothing stored) -> confirm (all rows or none)."""
    plan = _managed_plan(request, pk)
    form_class, heading = IMPORT_KINDS[kind]
    key = _session_key(plan, kind)
    result = None
    form = form_class(_posted(request), request.FILES or None)
    if request.method == "POST" and request.POST.get("bevestig"):
        stored = request.session.get(key)
        if not stored:
            messages.error(request, _("Het voorbeeld is verlopen; lees het bestand opnieuw in."))
            return redirect(IMPORT_URLS[kind], pk=plan.pk)
        try:
            result = _parse(request, kind, base64.b64decode(stored["data"]), stored["buckets"])
            if not result.ok:
                raise DomainError(_("Het bestand bevat fouten; er is niets opgeslagen."))
            counts = services.plan_import(
                actor=request.user,
                plan=plan,
                rows=result.rows,
                importer=person_of(request.user),
            )
        except DomainError as error:
            messages.error(request, error.message)
            return redirect(IMPORT_URLS[kind], pk=plan.pk)
        del request.session[key]
        messages.success(
            request,
            _(
                "Ingelezen: %(goals)s doelstelling(en), %(activities)s activiteit(en), "
                "%(milestones)s mijlpaal/mijlpalen."
            )
            % counts,
        )
        return redirect("planning:plan_detail", pk=plan.pk)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        buckets = form.cleaned_data.get("buckets", "goals")
        try:
            if upload.size > excel.MAX_UPLOAD:
                raise DomainError(_("Het bestand is te groot (hoogstens 5 MB)."), field="file")
            data = upload.read()
            result = _parse(request, kind, data, buckets)
        except DomainError as error:
            form.add_error("file", error.message)
            request.session.pop(key, None)
        else:
            if result.ok:
                request.session[key] = {
                    "data": base64.b64encode(data).decode(),
                    "buckets": buckets,
                }
            else:
                request.session.pop(key, None)
    return render(
        request,
        "planning/import.html",
        {"plan": plan, "form": form, "heading": heading, "result": result, "kind": kind},
    )


LINK_CHOICES = 300


@require_http_methods(["GET", "POST"])
def activity_links(request: HttpRequest, pk: int) -> HttpResponse:
    """Link stukken and besluiten the user may see to an activity."""
    activity = _activity_for(request, pk)
    _managed_plan(request, activity.plan_id)
    documents = visible_documents(request.user).exclude(activities=activity).order_by("-created_at")
    decisions = visible_decisions(request.user).exclude(activities=activity).order_by("-decided_on")
    form = LinkForm(_posted(request), documents=documents, decisions=decisions)
    if request.method == "GET":
        form.fields["documents"].choices = [(d.pk, d.title) for d in documents[:LINK_CHOICES]]
        form.fields["decisions"].choices = [
            (d.pk, f"{d.number} – {d.text[:80]}") for d in decisions[:LINK_CHOICES]
        ]

    def save(data):
        if not data["documents"] and not data["decisions"]:
            raise DomainError(_("Kies een stuk of een besluit."))
        return services.activity_link(
            actor=request.user,
            activity=activity,
            documents=list(data["documents"]),
            decisions=list(data["decisions"]),
        )

    return _form_page(
        request,
        form,
        save,
        heading=_("Stukken en besluiten koppelen: %(t)s") % {"t": activity.title},
        back=reverse("planning:activity_detail", args=[activity.pk]),
        success=lambda a: reverse("planning:activity_detail", args=[activity.pk]),
        saved=_("Gekoppeld."),
    )


def _activity_context(request: HttpRequest, activity: Activity, **extra) -> dict:
    return {
        "activity": activity,
        "plan": activity.plan,
        "periods": list(queries.periods_for(activity.plan)),
        "can_manage": rules.can_manage_plans(request.user, activity.plan),
        "can_report": rules.can_report_progress(request.user, activity),
        **queries.activity_detail(activity, request.user),
        **extra,
    }


def _posted_id(request: HttpRequest, name: str) -> int | None:
    raw = request.POST.get(name, "").strip()
    return int(raw) if raw.isdigit() and len(raw) < 19 else None


@require_POST
def activity_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    """Unlink one stuk (`stuk`) or one besluit (`besluit`) from an activity. With htmx the
    linked lists come back in place; without, the activity page with a message."""
    activity = _activity_for(request, pk)
    _managed_plan(request, activity.plan_id)
    document_id, decision_id = _posted_id(request, "stuk"), _posted_id(request, "besluit")
    error = ""
    try:
        services.activity_unlink(
            actor=request.user,
            activity=activity,
            document=visible_documents(request.user).filter(pk=document_id).first()
            if document_id is not None
            else None,
            decision=visible_decisions(request.user).filter(pk=decision_id).first()
            if decision_id is not None
            else None,
        )
    except DomainError as exc:
        error = exc.message
    if request.htmx:
        context = _activity_context(request, activity, link_error=error)
        return render(request, "planning/activity_detail.html#links", context)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Ontkoppeld."))
    return redirect("planning:activity_detail", pk=activity.pk)


@require_GET
def plan_period(request: HttpRequest, pk: int, period_pk: int) -> HttpResponse:
    """One plan in one reporting period: who reported what, and what is still missing, with
    a link to give the update (owner, secretary) or to chase it."""
    plan = _plan_for(request, pk)
    period = get_object_or_404(queries.periods_for(plan), pk=period_pk)
    can_manage = rules.can_manage_plans(request.user, plan)
    person_id = viewer_for(request.user).person_id
    data = queries.plan_period(plan, period, request.GET.get("bijgewerkt"), request.GET.get("open"))
    for activity in [u.activity for u in data.reported] + data.missing:
        activity.may_report = can_manage or (
            person_id is not None and activity.owner_id == person_id
        )
    return render(
        request,
        "planning/plan_period.html",
        {
            "plan": plan,
            "period": period,
            "data": data,
            "periods": list(queries.periods_for(plan)),
            "can_manage": can_manage,
            "today": timezone.localdate(),
        },
    )


@require_GET
def plan_timeline(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_for(request, pk)
    drawn = timeline.build(plan, today=timezone.localdate())
    return render(
        request,
        "planning/timeline.html",
        {
            "plan": plan,
            "timeline": drawn,
            "svg": timeline.svg(drawn),
            "activity_rows": timeline.activity_rows(drawn),
            "milestone_rows": timeline.milestone_rows(drawn),
        },
    )
