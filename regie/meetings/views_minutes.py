"""Minutes, decisions and the decision register. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from regie.actions.access import visible_actions
from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.meetings import lifecycle
from regie.meetings.access import get_meeting_for_user, visible_agenda_items, visible_decisions
from regie.meetings.forms_minutes import DecisionForm, DiscussionForm, ItemActionForm
from regie.meetings.models import AgendaItem, Attendance, Meeting
from regie.meetings.queries import agenda_for
from regie.meetings.services import minutes as services


def _minutes_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    viewer = viewer_for(request.user)
    agenda = agenda_for(request.user, meeting)
    entries = agenda.flat()
    item_ids = [e.item.pk for e in entries]
    decisions: dict[int, list] = {}
    for d in (
        visible_decisions(request.user).filter(agenda_item_id__in=item_ids).order_by("sequence")
    ):
        decisions.setdefault(d.agenda_item_id, []).append(d)
    actions: dict[int, list] = {}
    item_type = ContentType.objects.get_for_model(AgendaItem)
    for a in (
        visible_actions(request.user)
        .filter(source_type=item_type, source_id__in=item_ids)
        .select_related("owner")
    ):
        actions.setdefault(a.source_id, []).append(a)
    conflicts = extra.pop("conflicts", {})
    members = list(meeting.body.memberships.select_related("person").order_by("person__name"))
    owner_choices = [("", "---------")] + [(m.person.pk, m.person.name) for m in members]
    for entry in entries:
        pk = entry.item.pk
        entry.decisions = decisions.get(pk, [])
        entry.actions = actions.get(pk, [])
        entry.conflict = conflicts.get(pk)
        entry.decision_form = DecisionForm(auto_id=f"besluit-{pk}-%s")
        entry.action_form = ItemActionForm(auto_id=f"actie-{pk}-%s")
        # Owners are the body's members: one query, shared by every item's form.
        entry.action_form.fields["owner"].widget.choices = owner_choices
    can_edit = viewer.can_manage_body(meeting.body_id) and (
        meeting.status in lifecycle.MINUTES_EDITABLE
    )
    recorded = dict(meeting.attendance.values_list("person_id", "status"))
    attendance = [{"person": m.person, "status": recorded.get(m.person_id, "")} for m in members]
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "entries": entries,
        "can_edit": can_edit,
        "can_manage": viewer.can_manage_body(meeting.body_id),
        "attendance": attendance,
        "attendance_choices": Attendance.Status.choices,
        "next_statuses": [Meeting.Status(s) for s in lifecycle.allowed_next(meeting)]
        if viewer.can_manage_body(meeting.body_id)
        else [],
        "approval_meetings": Meeting.objects.filter(
            body_id=meeting.body_id, starts_at__gt=meeting.starts_at
        )
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:10],
        "decision_form": DecisionForm(),
        "action_form": ItemActionForm(),
        "conflicts": {},
    }
    context.update(extra)
    return context


@require_GET
def minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "meetings/minutes.html", _minutes_context(request, meeting))


def _item_for_minutes(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(
        visible_agenda_items(request.user).select_related("meeting__body"), pk=pk
    )
    if not viewer_for(request.user).can_manage_body(item.meeting.body_id):
        raise PermissionDenied
    return item


def _number_of(request: HttpRequest, item: AgendaItem) -> str:
    for entry in agenda_for(request.user, item.meeting).flat():
        if entry.item.pk == item.pk:
            return entry.number
    return str(item.position)


@require_POST
def attendance_save(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    entries = {}
    for key, value in request.POST.items():
        if key.startswith("person_") and value:
            try:
                entries[int(key.removeprefix("person_"))] = value
            except ValueError:
                continue
    try:
        services.attendance_set(actor=request.user, meeting=meeting, entries=entries)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Presentielijst opgeslagen."))
    return redirect("meetings:minutes", pk=meeting.pk)


@require_POST
def item_discussion_save(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_minutes(request, pk)
    form = DiscussionForm(request.POST)
    conflict = None
    if form.is_valid():
        try:
            services.item_discussion_save(
                actor=request.user,
                item=item,
                discussion=form.cleaned_data["discussion"],
                expected_version=form.cleaned_data["version"],
            )
        except StaleEditError as error:
            conflict = {
                "current": error.current,
                "mine": form.cleaned_data["discussion"],
                "message": error.message,
            }
        except DomainError as error:
            messages.error(request, error.message)
    if request.htmx:
        item.refresh_from_db()
        return render(
            request,
            "meetings/minutes_discussion.html",
            {"item": item, "conflict": conflict, "can_edit": True, "saved": conflict is None},
            status=409 if conflict else 200,
        )
    if conflict:
        meeting = item.meeting
        return render(
            request,
            "meetings/minutes.html",
            _minutes_context(request, meeting, conflicts={item.pk: conflict}),
            status=409,
        )
    messages.success(request, _("Bespreking opgeslagen."))
    return redirect(f"{_minutes_url(item.meeting_id)}#punt-{item.pk}")


def _minutes_url(meeting_id: int) -> str:
    from django.urls import reverse

    return reverse("meetings:minutes", kwargs={"pk": meeting_id})


@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_minutes(request, pk)
    form = DecisionForm(request.POST)
    if form.is_valid():
        try:
            decision = services.decision_record(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Besluit %(n)s vastgelegd.") % {"n": decision.number})
    else:
        messages.error(request, _("Schrijf het besluit uit."))
    return redirect(f"{_minutes_url(item.meeting_id)}#punt-{item.pk}")


@require_POST
def decision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(visible_decisions(request.user).select_related("meeting"), pk=pk)
    if not viewer_for(request.user).can_manage_body(decision.body_id):
        raise PermissionDenied
    try:
        services.decision_withdraw(
            actor=request.user, decision=decision, reason=request.POST.get("reason", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Besluit %(n)s ingetrokken.") % {"n": decision.number})
    return redirect("meetings:decision_detail", pk=decision.pk)


@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_minutes(request, pk)
    form = ItemActionForm(request.POST)
    if form.is_valid():
        try:
            services.action_raise_from_item(
                actor=request.user, item=item, number=_number_of(request, item), **form.cleaned_data
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Actie toegevoegd."))
    else:
        messages.error(request, _("Vul de actie, de eigenaar en een geldige datum in."))
    return redirect(f"{_minutes_url(item.meeting_id)}#punt-{item.pk}")


@require_GET
def decision_register(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(visible_bodies(request.user), pk=pk)
    decisions = visible_decisions(request.user).filter(body=body).select_related("meeting")
    query = request.GET.get("q", "").strip()[:200]
    year = request.GET.get("jaar", "")
    if query:
        decisions = decisions.filter(Q(text__icontains=query) | Q(number__icontains=query))
    if year.isdigit():
        decisions = decisions.filter(year=int(year))
    years = (
        visible_decisions(request.user)
        .filter(body=body)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    page = Paginator(decisions.order_by("-year", "-sequence"), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "meetings/decision_register.html",
        {
            "body": body,
            "page": page,
            "query": query,
            "year": year,
            "years": list(years),
            "query_string": f"q={query}&jaar={year}",
        },
    )


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = get_object_or_404(
        visible_decisions(request.user).select_related("body", "meeting", "agenda_item"), pk=pk
    )
    return render(
        request,
        "meetings/decision_detail.html",
        {
            "decision": decision,
            "documents": decision.documents.all(),
            "can_manage": viewer_for(request.user).can_manage_body(decision.body_id)
            and decision.meeting.status in lifecycle.MINUTES_EDITABLE,
            "history": decision.history.select_related("history_user__person").order_by(
                "-history_date"
            )[:10],
        },
    )
