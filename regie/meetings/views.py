"""Pages of bodies, meetings, the agenda builder and proposals. Thin: parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.documents.access import visible_documents
from regie.meetings import lifecycle, queries
from regie.meetings.access import get_meeting_for_user, visible_agenda_items, visible_proposals
from regie.meetings.forms import (
    AgendaItemForm,
    HoldOverForm,
    MeetingForm,
    OutcomeForm,
    ProposalForm,
    SeriesForm,
)
from regie.meetings.models import AgendaItem, Meeting, ProposalStep
from regie.meetings.services import agenda as services


def _managed_body(request: HttpRequest, pk: int):
    body = get_object_or_404(visible_bodies(request.user), pk=pk)
    if not viewer_for(request.user).can_manage_body(body.pk):
        raise PermissionDenied
    return body


def _item_for_manager(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(
        visible_agenda_items(request.user).select_related("meeting__body"), pk=pk
    )
    if not viewer_for(request.user).can_manage_body(item.meeting.body_id):
        raise PermissionDenied
    return item


def _back_to_meeting(request: HttpRequest, meeting_id: int) -> HttpResponse:
    return redirect("meetings:meeting_detail", pk=meeting_id)


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
            "members": body.memberships.select_related("person__organisation").order_by(
                "role", "person__name"
            ),
            "upcoming": upcoming,
            "past": past,
            "can_manage": viewer_for(request.user).can_manage_body(body.pk),
        },
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = _managed_body(request, body_pk)
    form = MeetingForm(
        request.POST or None, initial={"duration_minutes": body.default_duration_minutes}
    )
    if request.method == "POST" and form.is_valid():
        try:
            meeting = services.meeting_schedule(actor=request.user, body=body, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("De vergadering is gepland."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return render(request, "meetings/meeting_form.html", {"body": body, "form": form})


@require_http_methods(["GET", "POST"])
def series_plan(request: HttpRequest, body_pk: int) -> HttpResponse:
    body = _managed_body(request, body_pk)
    form = SeriesForm(
        request.POST or None, initial={"duration_minutes": body.default_duration_minutes}
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            preview = services.series_dates(
                first_day=data["first_day"],
                until=data["until"],
                weekday=data["weekday"],
                nth_of_month=data["number"] if data["pattern"] == "nth" else None,
                every_n_weeks=data["number"] if data["pattern"] == "weeks" else None,
            )
            if "confirm" in request.POST:
                created = services.meeting_series_plan(
                    actor=request.user,
                    body=body,
                    dates=preview,
                    start_time=data["start_time"],
                    duration_minutes=data["duration_minutes"],
                    location=data["location"],
                )
                messages.success(request, _("%(n)d vergaderingen gepland.") % {"n": len(created)})
                return redirect("meetings:body_detail", pk=body.pk)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
            preview = None
    return render(
        request, "meetings/series_form.html", {"body": body, "form": form, "preview": preview}
    )


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "meetings/meeting_detail.html", _meeting_context(request, meeting))


def _meeting_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    can_manage = viewer_for(request.user).can_manage_body(meeting.body_id)
    editable = can_manage and meeting.status in lifecycle.AGENDA_EDITABLE
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "agenda": queries.agenda_for(request.user, meeting),
        "can_manage": can_manage,
        "editable": editable,
        "next_statuses": [Meeting.Status(s) for s in lifecycle.allowed_next(meeting)]
        if can_manage
        else [],
        "can_reopen": can_manage and meeting.status in lifecycle.REOPENABLE,
        "later_meetings": queries.later_meetings(meeting) if can_manage else [],
        "approval_meetings": Meeting.objects.filter(
            body_id=meeting.body_id, starts_at__gt=meeting.starts_at
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:10]
        if can_manage
        else [],
        "history": meeting.history.select_related("history_user__person").order_by("-history_date")[
            :15
        ],
        "item_form": AgendaItemForm() if editable else None,
    }
    context.update(extra)
    return context


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = AgendaItemForm(request.POST)
    parent = None
    if request.POST.get("parent"):
        parent = get_object_or_404(AgendaItem, pk=request.POST["parent"], meeting=meeting)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.agenda_item_add(actor=request.user, meeting=meeting, parent=parent, **data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Agendapunt toegevoegd."))
        return _back_to_meeting(request, meeting.pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        _meeting_context(request, meeting, item_form=form),
        status=400,
    )


@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_manager(request, pk)
    conflict = None
    if request.method == "POST":
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version") or 0
            try:
                services.agenda_item_update(
                    actor=request.user, item=item, expected_version=version, **data
                )
            except StaleEditError as error:
                conflict = error.current
                form.add_error(None, error.message)
            except DomainError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
            else:
                messages.success(request, _("Agendapunt opgeslagen."))
                return _back_to_meeting(request, item.meeting_id)
    else:
        form = AgendaItemForm(
            initial={
                "title": item.title,
                "purpose": item.purpose,
                "presenter": item.presenter_id,
                "duration_minutes": item.duration_minutes,
                "confidentiality": item.confidentiality,
                "description": item.description,
                "version": item.version,
            }
        )
    return render(
        request,
        "meetings/item_form.html",
        {
            "item": item,
            "form": form,
            "conflict": conflict,
            "documents": item.documents.all(),
            "available_documents": visible_documents(request.user)
            .filter(body_id=item.meeting.body_id)
            .exclude(agenda_items=item)
            .order_by("-created_at")[:50],
        },
        status=409 if conflict else 200,
    )


@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_manager(request, pk)
    try:
        services.agenda_item_move(
            actor=request.user,
            item=item,
            direction="up" if request.POST.get("direction") == "up" else "down",
        )
    except DomainError as error:
        messages.error(request, error.message)
    if request.htmx:
        meeting = item.meeting
        return render(
            request, "meetings/meeting_detail.html#agenda", _meeting_context(request, meeting)
        )
    return _back_to_meeting(request, item.meeting_id)


@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_manager(request, pk)
    try:
        services.agenda_item_remove(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Agendapunt verwijderd."))
    return _back_to_meeting(request, item.meeting_id)


@require_POST
def item_hold_over(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_manager(request, pk)
    form = HoldOverForm(request.POST, meetings=Meeting.objects.filter(body_id=item.meeting.body_id))
    if not form.is_valid():
        messages.error(request, _("Kies een vergadering om het punt naar aan te houden."))
        return _back_to_meeting(request, item.meeting_id)
    try:
        services.agenda_item_hold_over(
            actor=request.user,
            item=item,
            to_meeting=form.cleaned_data["to_meeting"],
            mode=form.cleaned_data["mode"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het agendapunt is aangehouden."))
    return _back_to_meeting(request, item.meeting_id)


@require_POST
def item_documents(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_manager(request, pk)
    document = get_object_or_404(visible_documents(request.user), pk=request.POST.get("document"))
    try:
        if request.POST.get("action") == "detach":
            services.agenda_item_detach_document(actor=request.user, item=item, document=document)
        else:
            services.agenda_item_attach_document(actor=request.user, item=item, document=document)
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("meetings:item_edit", pk=item.pk)


@require_POST
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    approved_in = None
    if request.POST.get("approved_in"):
        approved_in = Meeting.objects.filter(pk=request.POST["approved_in"]).first()
    try:
        lifecycle.meeting_transition(
            actor=request.user,
            meeting=meeting,
            to_status=request.POST.get("to_status", ""),
            expected_version=_int(request.POST.get("version")),
            approved_in=approved_in,
        )
    except (DomainError, ValueError, KeyError) as error:
        messages.error(request, getattr(error, "message", _("Deze statuswijziging kan niet.")))
    else:
        messages.success(
            request, _("Status gewijzigd naar ‘%(s)s’.") % {"s": meeting.get_status_display()}
        )
    return redirect(_safe_next(request, meeting))


def _safe_next(request: HttpRequest, meeting: Meeting) -> str:
    from django.urls import reverse
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})


def _int(raw: str | None) -> int:
    try:
        return int(raw or "")
    except ValueError:
        return -1


@require_POST
def meeting_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    try:
        lifecycle.meeting_reopen(
            actor=request.user,
            meeting=meeting,
            expected_version=_int(request.POST.get("version")),
            reason=request.POST.get("reason", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De vergadering is heropend."))
    return _back_to_meeting(request, meeting.pk)


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.proposals_overview(request.user), 25).get_page(
        request.GET.get("pagina")
    )
    return render(request, "meetings/proposal_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def proposal_create(request: HttpRequest) -> HttpResponse:
    bodies = visible_bodies(request.user).filter(is_active=True).order_by("name")
    form = ProposalForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposal = services.proposal_create(
                actor=request.user,
                title=data["title"],
                summary=data["summary"],
                owner=data["owner"],
                confidentiality=data["confidentiality"],
                route=form.ordered_route(request.POST.getlist("route")),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Voorstel aangemaakt."))
            return redirect("meetings:proposal_detail", pk=proposal.pk)
    return render(request, "meetings/proposal_form.html", {"form": form})


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(visible_proposals(request.user).select_related("owner"), pk=pk)
    steps = list(proposal.steps.select_related("body", "meeting").order_by("position"))
    current = services.current_step(proposal)
    viewer = viewer_for(request.user)
    rows = [
        {
            "step": s,
            "deadline": services.step_deadline(s),
            "is_current": s == current,
            "can_manage": viewer.can_manage_body(s.body_id),
        }
        for s in steps
    ]
    schedulable = []
    if current is not None and viewer.can_manage_body(current.body_id):
        schedulable = Meeting.objects.filter(
            body_id=current.body_id,
            starts_at__gte=timezone.now(),
            status__in=lifecycle.AGENDA_EDITABLE,
        ).order_by("starts_at")[:10]
    return render(
        request,
        "meetings/proposal_detail.html",
        {
            "proposal": proposal,
            "rows": rows,
            "current": current,
            "schedulable": schedulable,
            "outcome_form": OutcomeForm(),
            "history": proposal.history.select_related("history_user__person").order_by(
                "-history_date"
            )[:10],
        },
    )


@require_POST
def proposal_step_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(
        ProposalStep.objects.select_related("proposal", "body"),
        pk=pk,
        proposal__in=visible_proposals(request.user),
    )
    if not viewer_for(request.user).can_manage_body(step.body_id):
        raise PermissionDenied
    meeting = get_object_or_404(Meeting, pk=request.POST.get("meeting"))
    try:
        services.proposal_step_schedule(actor=request.user, step=step, meeting=meeting)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het voorstel staat op de agenda."))
    return redirect("meetings:proposal_detail", pk=step.proposal_id)


@require_POST
def proposal_step_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(
        ProposalStep.objects.select_related("proposal", "meeting", "body"),
        pk=pk,
        proposal__in=visible_proposals(request.user),
    )
    if not viewer_for(request.user).can_manage_body(step.body_id):
        raise PermissionDenied
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.proposal_step_record_outcome(
                actor=request.user, step=step, **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Uitkomst vastgelegd."))
    else:
        messages.error(request, _("Kies een uitkomst."))
    return redirect("meetings:proposal_detail", pk=step.proposal_id)
