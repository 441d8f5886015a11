"""Minutes, decisions and the decision register. Thin: parse, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from regie.actions.access import visible_actions
from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.core.models import Person
from regie.documents.access import visible_documents
from regie.meetings import lifecycle
from regie.meetings.access import get_meeting_for_user, visible_agenda_items, visible_decisions
from regie.meetings.forms_minutes import (
    DecisionForm,
    DecisionTextForm,
    DiscussionForm,
    ItemActionForm,
    SummaryForm,
)
from regie.meetings.models import AgendaItem, Attendance, Meeting
from regie.meetings.queries import agenda_for
from regie.meetings.services import minutes as services

REGISTER_PAGE_SIZE = 50
# The lifecycle steps the minutes page offers (the agenda steps live on the meeting page).
MINUTES_STEPS = frozenset(
    {
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_DRAFT,
        Meeting.Status.MINUTES_REVIEW,
        Meeting.Status.MINUTES_APPROVED,
        Meeting.Status.ARCHIVED,
    }
)


def _first_error(form) -> str:
    for errors in form.errors.values():
        return str(errors[0])
    return _("Controleer de invoer.")


def _attendance_rows(
    meeting: Meeting, members: list, *, with_guests: bool
) -> tuple[list[dict], list[Person]]:
    """Members first (pre-filled), then guests recorded for this meeting; and who may be added."""
    recorded = {a.person_id: a for a in meeting.attendance.select_related("person")}
    member_ids = {m.person_id for m in members}
    rows = [
        {"person": m.person, "status": getattr(recorded.get(m.person_id), "status", "")}
        for m in members
    ]
    rows += [
        {"person": a.person, "status": a.status, "guest": True}
        for person_id, a in sorted(recorded.items(), key=lambda kv: kv[1].person.name)
        if person_id not in member_ids
    ]
    if not with_guests:
        return rows, []
    present_ids = member_ids | set(recorded)
    guests = list(Person.objects.exclude(pk__in=present_ids).only("id", "name").order_by("name"))
    return rows, guests


def _minutes_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    """Everything the minutes page shows, in a fixed number of queries whatever its size."""
    viewer = viewer_for(request.user)
    can_manage = viewer.can_manage_body(meeting.body_id)
    can_edit = can_manage and meeting.status in lifecycle.MINUTES_EDITABLE
    entries = agenda_for(request.user, meeting).flat()
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
        .order_by("id")
    ):
        actions.setdefault(a.source_id, []).append(a)
    conflicts = extra.pop("conflicts", {})
    bound = extra.pop("bound_forms", {})
    members = list(meeting.body.memberships.select_related("person").order_by("person__name"))
    attendance, guests = _attendance_rows(meeting, members, with_guests=can_edit)
    # Shared choices for every item's action form: the body's members, its later meetings.
    owner_choices = [("", "---------")] + [(m.person.pk, m.person.name) for m in members]
    later = list(
        Meeting.objects.filter(body_id=meeting.body_id, starts_at__gt=meeting.starts_at)
        .exclude(status=Meeting.Status.CANCELLED)
        .order_by("starts_at")[:12]
    )
    meeting_choices = [("", _("geen vergadering gekozen"))] + [
        (m.pk, date_format(timezone.localtime(m.starts_at), "j F Y"))
        for m in later
        if m.starts_at >= timezone.now()
    ]
    for entry in entries:
        pk = entry.item.pk
        entry.decisions = decisions.get(pk, [])
        entry.actions = actions.get(pk, [])
        entry.conflict = conflicts.get(pk)
        forms = bound.get(pk, {})
        entry.decision_form = forms.get("decision") or DecisionForm(auto_id=f"besluit-{pk}-%s")
        entry.action_form = forms.get("action") or ItemActionForm(auto_id=f"actie-{pk}-%s")
        entry.open_form = next(iter(forms), "")
        entry.action_form.fields["owner"].widget.choices = owner_choices
        entry.action_form.fields["due_meeting"].widget.choices = meeting_choices
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "entries": entries,
        "can_edit": can_edit,
        "can_manage": can_manage,
        "attendance": attendance,
        "guests": guests,
        "attendance_choices": Attendance.Status.choices,
        "summary_form": SummaryForm(
            initial={"text": meeting.minutes_summary, "version": meeting.version}
        ),
        "next_statuses": [
            Meeting.Status(s) for s in lifecycle.allowed_next(meeting) if s in MINUTES_STEPS
        ]
        if can_manage
        else [],
        "approval_meetings": later[:10],
        "today": timezone.localdate(),
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


def _minutes_url(meeting_id: int, item_id: int | None = None) -> str:
    url = reverse("meetings:minutes", kwargs={"pk": meeting_id})
    return f"{url}#punt-{item_id}" if item_id else url


def _rerender(
    request: HttpRequest, item: AgendaItem, *, status: int = 400, **extra
) -> HttpResponse:
    """The minutes page again, with what was typed kept and the problem shown."""
    context = _minutes_context(request, item.meeting, **extra)
    return render(request, "meetings/minutes.html", context, status=status)


@require_POST
def attendance_save(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    entries: dict[int, str] = {}
    for key, value in request.POST.items():
        if key.startswith("person_") and value:
            try:
                entries[int(key.removeprefix("person_"))] = value
            except ValueError:
                continue
    guest = request.POST.get("guest", "")
    if guest:
        try:
            entries[int(guest)] = request.POST.get("guest_status") or Attendance.Status.PRESENT
        except ValueError:
            messages.error(request, _("Onbekende persoon in de presentielijst."))
            return redirect("meetings:minutes", pk=meeting.pk)
    try:
        services.attendance_set(actor=request.user, meeting=meeting, entries=entries)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Presentielijst opgeslagen."))
    return redirect(f"{_minutes_url(meeting.pk)}#aanwezigheid")


@require_POST
def minutes_summary_save(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = SummaryForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("meetings:minutes", pk=meeting.pk)
    try:
        services.minutes_summary_save(
            actor=request.user,
            meeting=meeting,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError as error:
        context = _minutes_context(
            request,
            meeting,
            summary_conflict={
                "message": error.message,
                "current": error.current.minutes_summary,
                "mine": form.cleaned_data["text"],
            },
        )
        context["summary_form"] = SummaryForm(
            initial={"text": form.cleaned_data["text"], "version": error.current.version}
        )
        return render(request, "meetings/minutes.html", context, status=409)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Aantekeningen opgeslagen."))
    return redirect(f"{_minutes_url(meeting.pk)}#algemeen")


@require_POST
def item_discussion_save(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_minutes(request, pk)
    form = DiscussionForm(request.POST)
    conflict = None
    error_message = None
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
            error_message = error.message
    else:
        error_message = _("De bespreking kon niet worden gelezen. Laad de pagina opnieuw.")
    if request.htmx:
        item.refresh_from_db()
        status = 409 if conflict else (400 if error_message else 200)
        return render(
            request,
            "meetings/minutes_discussion.html",
            {
                "item": item,
                "conflict": conflict,
                "error": error_message,
                "can_edit": True,
                "saved": status == 200,
            },
            status=status,
        )
    if conflict:
        return _rerender(request, item, conflicts={item.pk: conflict}, status=409)
    if error_message:
        messages.error(request, error_message)
    else:
        messages.success(request, _("Bespreking opgeslagen."))
    return redirect(_minutes_url(item.meeting_id, item.pk))


@require_POST
def decision_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_minutes(request, pk)
    form = DecisionForm(request.POST, auto_id=f"besluit-{pk}-%s")
    if form.is_valid():
        try:
            decision = services.decision_record(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Besluit %(n)s vastgelegd.") % {"n": decision.number})
            return redirect(_minutes_url(item.meeting_id, item.pk))
    messages.error(request, _first_error(form))
    return _rerender(request, item, bound_forms={item.pk: {"decision": form}})


@require_POST
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    item = _item_for_minutes(request, pk)
    form = ItemActionForm(request.POST, auto_id=f"actie-{pk}-%s")
    if form.is_valid():
        try:
            services.action_raise_from_item(actor=request.user, item=item, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Actie toegevoegd."))
            return redirect(_minutes_url(item.meeting_id, item.pk))
    messages.error(request, _first_error(form))
    return _rerender(request, item, bound_forms={item.pk: {"action": form}})


@require_GET
def item_source(request: HttpRequest, pk: int) -> HttpResponse:
    """Where an action raised on an agenda item points to: that item in the minutes."""
    item = get_object_or_404(visible_agenda_items(request.user).only("id", "meeting_id"), pk=pk)
    return redirect(_minutes_url(item.meeting_id, item.pk))


def _decision_for(request: HttpRequest, pk: int, *, manage: bool = False):
    decision = get_object_or_404(
        visible_decisions(request.user).select_related("body", "meeting", "agenda_item"), pk=pk
    )
    if manage and not viewer_for(request.user).can_manage_body(decision.body_id):
        raise PermissionDenied
    return decision


@require_POST
def decision_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk, manage=True)
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
def decision_update(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk, manage=True)
    form = DecisionTextForm(request.POST)
    if not form.is_valid():
        messages.error(request, _first_error(form))
        return redirect("meetings:decision_detail", pk=decision.pk)
    try:
        services.decision_update_text(
            actor=request.user,
            decision=decision,
            text=form.cleaned_data["text"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError as error:
        current = _decision_for(request, pk)
        conflict = {"message": error.message, "current": error.current.text}
        text_form = DecisionTextForm(
            initial={"text": form.cleaned_data["text"], "version": error.current.version}
        )
        return render(
            request,
            "meetings/decision_detail.html",
            _decision_context(request, current, conflict=conflict, text_form=text_form),
            status=409,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Besluit %(n)s gewijzigd.") % {"n": decision.number})
    return redirect("meetings:decision_detail", pk=decision.pk)


@require_GET
def decision_register(request: HttpRequest, pk: int) -> HttpResponse:
    body = get_object_or_404(visible_bodies(request.user), pk=pk)
    of_body = visible_decisions(request.user).filter(body=body)
    decisions = of_body.select_related("meeting", "agenda_item")
    query = request.GET.get("q", "").strip()[:200]
    year = request.GET.get("jaar", "").strip()
    if query:
        decisions = decisions.filter(Q(text__icontains=query) | Q(number__icontains=query))
    if year.isdigit():
        decisions = decisions.filter(year=int(year))
    else:
        year = ""
    years = of_body.order_by("-year").values_list("year", flat=True).distinct()
    page = Paginator(decisions.order_by("-year", "-sequence"), REGISTER_PAGE_SIZE).get_page(
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
            "query_string": urlencode({"q": query, "jaar": year}),
        },
    )


def _decision_context(request: HttpRequest, decision, **extra) -> dict:
    can_manage = viewer_for(request.user).can_manage_body(decision.body_id)
    return {
        "decision": decision,
        "documents": visible_documents(request.user).filter(decisions=decision).order_by("title"),
        "can_manage": can_manage and decision.meeting.status in lifecycle.MINUTES_EDITABLE,
        "text_form": DecisionTextForm(initial={"text": decision.text, "version": decision.version}),
        "history": decision.history.select_related("history_user__person").order_by(
            "-history_date"
        )[:10],
        **extra,
    }


@require_GET
def decision_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decision = _decision_for(request, pk)
    return render(request, "meetings/decision_detail.html", _decision_context(request, decision))
