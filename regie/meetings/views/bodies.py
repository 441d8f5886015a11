"""Pages of bodies: the list, one body, its settings and members, planning meetings and series."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError
from regie.core.models import Person
from regie.meetings import queries
from regie.meetings.forms import BodyForm, MeetingForm, MemberForm, SeriesForm
from regie.meetings.services import agenda as services
from regie.meetings.services import bodies as body_services
from regie.meetings.views.common import form_error, managed_body


@require_GET
def body_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "meetings/body_list.html", {"bodies": queries.bodies_overview(request.user)}
    )


@require_GET
def body_detail(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(
        visible_bodies(request.user).select_related("chair", "secretary", "unit"), pk=pk
    )
    now = timezone.now()
    meetings = queries.body_meetings(body.pk)
    upcoming = list(meetings.filter(starts_at__gte=now).order_by("starts_at")[:12])
    past = Paginator(meetings.filter(starts_at__lt=now), 20).get_page(request.GET.get("pagina"))
    return render(
        request,
        "meetings/body_detail.html",
        {
            "body": body,
            "members": queries.body_members(body.pk),
            "upcoming": upcoming,
            "past": past,
            "can_manage": viewer_for(request.user).can_manage_body(body.pk),
        },
    )


@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, pk: int) -> HttpResponse:
    body = managed_body(request, pk)
    initial = {
        "chair": body.chair_id,
        "secretary": body.secretary_id,
        "documents_due_working_days": body.documents_due_working_days,
        "default_duration_minutes": body.default_duration_minutes,
        "default_agenda": "\n".join(str(line) for line in body.default_agenda),
    }
    form = BodyForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            body_services.body_update(actor=request.user, body=body, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("De instellingen van het gremium zijn opgeslagen."))
            return redirect("meetings:body_detail", pk=body.pk)
    return render(
        request,
        "meetings/body_form.html",
        {
            "body": body,
            "form": form,
            "member_form": MemberForm(),
            "members": queries.body_members(body.pk),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def body_members(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a member (or change a member's role), or remove one."""
    body = managed_body(request, pk)
    try:
        if request.POST.get("action") == "remove":
            person = get_object_or_404(Person, pk=request.POST.get("person"))
            body_services.body_member_remove(actor=request.user, body=body, person=person)
            messages.success(request, _("%(name)s is geen lid meer.") % {"name": person.name})
        else:
            form = MemberForm(request.POST)
            if not form.is_valid():
                raise DomainError(_("Kies een persoon en een rol."))
            body_services.body_member_add(actor=request.user, body=body, **form.cleaned_data)
            messages.success(
                request, _("%(name)s is toegevoegd.") % {"name": form.cleaned_data["person"].name}
            )
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("meetings:body_edit", pk=body.pk)


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = managed_body(request, body_pk)
    form = MeetingForm(
        request.POST or None, initial={"duration_minutes": body.default_duration_minutes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, body=body, **form.cleaned_data)
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("De vergadering is gepland."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "meetings/meeting_form.html",
        {"body": body, "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def series_plan(request: HttpRequest, body_pk: int) -> HttpResponse:
    """First a preview of the dates (moved ones marked), then planning them on confirmation."""
    body = managed_body(request, body_pk)
    form = SeriesForm(
        request.POST or None, initial={"duration_minutes": body.default_duration_minutes}
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        pattern = {
            "weekday": data["weekday"],
            "nth_of_month": data["number"] if data["pattern"] == "nth" else None,
            "every_n_weeks": data["number"] if data["pattern"] == "weeks" else None,
        }
        try:
            if "confirm" in request.POST:
                created = services.meeting_series_plan(
                    actor=request.user,
                    body=body,
                    first_day=data["first_day"],
                    until=data["until"],
                    start_time=data["start_time"],
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                    **pattern,
                )
                messages.success(request, _("%(n)d vergaderingen gepland.") % {"n": len(created)})
                return redirect("meetings:body_detail", pk=body.pk)
            services.ensure_series_start(data["first_day"])
            preview = services.series_dates(
                first_day=data["first_day"], until=data["until"], body=body, **pattern
            )
        except DomainError as error:
            form_error(form, error)
            preview = None
    return render(
        request,
        "meetings/series_form.html",
        {
            "body": body,
            "form": form,
            "preview": preview,
            "new_count": sum(1 for p in preview or [] if not p.taken),
        },
        status=400 if form.errors else 200,
    )
