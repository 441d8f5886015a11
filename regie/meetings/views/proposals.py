"""Proposals and their route through the bodies, in one place."""

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
from regie.core.errors import DomainError
from regie.meetings import lifecycle, queries
from regie.meetings.access import visible_meetings, visible_proposals
from regie.meetings.forms import OutcomeForm, ProposalForm
from regie.meetings.models import Meeting, ProposalStep
from regie.meetings.services import proposals as services
from regie.meetings.views.common import form_error, int_or_none


@require_GET
def proposal_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.proposals_overview(request.user), 25).get_page(
        request.GET.get("pagina")
    )
    rows = []
    for proposal in page:
        steps = list(proposal.steps.all())
        rows.append(
            {
                "proposal": proposal,
                "steps": steps,
                "current": services.current_step(proposal, steps),
                "state": services.route_state(steps),
            }
        )
    return render(request, "meetings/proposal_list.html", {"page": page, "rows": rows})


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
                route=form.ordered_route(),
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Voorstel aangemaakt."))
            return redirect("meetings:proposal_detail", pk=proposal.pk)
    return render(
        request, "meetings/proposal_form.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = get_object_or_404(visible_proposals(request.user).select_related("owner"), pk=pk)
    route = queries.proposal_route(request.user, proposal)
    current = next((row for row in route if row.is_current), None)
    schedulable: list[Meeting] = []
    if current is not None and current.can_manage and current.step.meeting_id is None:
        schedulable = list(
            Meeting.objects.filter(
                body_id=current.step.body_id,
                starts_at__gte=timezone.now(),
                status__in=lifecycle.AGENDA_EDITABLE,
            ).order_by("starts_at")[:12]
        )
    steps = [row.step for row in route]
    return render(
        request,
        "meetings/proposal_detail.html",
        {
            "proposal": proposal,
            "route": route,
            "current": current,
            "state": services.route_state(steps),
            "today": timezone.localdate(),
            "schedulable": schedulable,
            "can_record": current is not None
            and current.can_manage
            and current.step.meeting is not None
            and current.step.meeting.starts_at <= timezone.now(),
            "outcome_form": OutcomeForm(),
            "history": proposal.history.select_related("history_user__person").order_by(
                "-history_date"
            )[:10],
        },
    )


def _managed_step(request: HttpRequest, pk: int) -> ProposalStep:
    step = get_object_or_404(
        ProposalStep.objects.select_related("proposal", "meeting", "body"),
        pk=pk,
        proposal__in=visible_proposals(request.user),
    )
    if not viewer_for(request.user).can_manage_body(step.body_id):
        raise PermissionDenied
    return step


@require_POST
def proposal_step_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    step = _managed_step(request, pk)
    meeting = get_object_or_404(
        visible_meetings(request.user), pk=int_or_none(request.POST.get("meeting"))
    )
    try:
        services.proposal_step_schedule(actor=request.user, step=step, meeting=meeting)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Het voorstel staat op de agenda."))
    return redirect("meetings:proposal_detail", pk=step.proposal_id)


@require_POST
def proposal_step_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    step = _managed_step(request, pk)
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
