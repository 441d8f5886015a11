"""The meeting page: the agenda builder, the status bar, reopening and the meeting's history."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import viewer_for
from regie.core.dates import long_date
from regie.core.errors import DomainError, StaleEditError
from regie.documents.access import visible_documents
from regie.meetings import lifecycle, queries
from regie.meetings.access import get_meeting_for_user
from regie.meetings.forms import AgendaItemForm, HoldOverForm, ItemUploadForm
from regie.meetings.models import AgendaItem, Meeting
from regie.meetings.services import agenda as services
from regie.meetings.views.common import (
    back_to_meeting,
    form_error,
    int_or_none,
    item_for_manager,
    safe_next,
)

HOLD_OVER_FROM = frozenset(
    {
        Meeting.Status.DRAFT,
        Meeting.Status.AGENDA_SENT,
        Meeting.Status.HELD,
        Meeting.Status.MINUTES_DRAFT,
        Meeting.Status.MINUTES_REVIEW,
    }
)


def _meeting_context(request: HttpRequest, meeting: Meeting, **extra) -> dict:
    can_manage = viewer_for(request.user).can_manage_body(meeting.body_id)
    editable = can_manage and meeting.status in lifecycle.AGENDA_EDITABLE
    can_hold_over = can_manage and meeting.status in HOLD_OVER_FROM
    context = {
        "meeting": meeting,
        "body": meeting.body,
        "agenda": queries.agenda_for(request.user, meeting),
        "can_manage": can_manage,
        "editable": editable,
        "is_closed": meeting.is_closed,
        "next_statuses": [Meeting.Status(s) for s in lifecycle.allowed_next(meeting)]
        if can_manage
        else [],
        "can_reopen": can_manage and meeting.status in lifecycle.REOPENABLE,
        "later_meetings": list(queries.later_meetings(meeting)) if can_hold_over else [],
        "can_hold_over": can_hold_over,
        "approval_meetings": list(queries.approval_meetings(meeting))
        if can_manage and meeting.status == Meeting.Status.MINUTES_REVIEW
        else [],
        "history": meeting.history.select_related("history_user__person").order_by("-history_date")[
            :15
        ],
        "item_form": AgendaItemForm() if editable else None,
    }
    context.update(extra)
    return context


@require_GET
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk)
    return render(request, "meetings/meeting_detail.html", _meeting_context(request, meeting))


def _agenda_response(request: HttpRequest, meeting: Meeting, item_id: int, error: str = ""):
    """The agenda fragment for htmx, or a redirect to the page without JavaScript."""
    if request.htmx:
        meeting.refresh_from_db()
        return render(
            request,
            "meetings/meeting_detail.html#agenda",
            _meeting_context(request, meeting, agenda_error=error),
        )
    if error:
        messages.error(request, error)
    return back_to_meeting(meeting.pk, item_id)


@require_POST
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    form = AgendaItemForm(request.POST)
    parent = None
    parent_id = int_or_none(request.POST.get("parent"))
    if parent_id is not None:
        parent = get_object_or_404(AgendaItem, pk=parent_id, meeting=meeting)
    if form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            item = services.agenda_item_add(
                actor=request.user, meeting=meeting, parent=parent, **data
            )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Agendapunt toegevoegd."))
            return back_to_meeting(meeting.pk, item.pk)
    return render(
        request,
        "meetings/meeting_detail.html",
        _meeting_context(request, meeting, item_form=form, chosen_parent=parent_id),
        status=400,
    )


def _item_initial(item: AgendaItem) -> dict:
    return {
        "title": item.title,
        "purpose": item.purpose,
        "presenter": item.presenter_id,
        "duration_minutes": item.duration_minutes,
        "confidentiality": item.confidentiality,
        "description": item.description,
        "version": item.version,
    }


def _item_page(request: HttpRequest, item: AgendaItem, form, **extra) -> dict:
    return {
        "item": item,
        "meeting": item.meeting,
        "form": form,
        "editable": item.meeting.status in lifecycle.AGENDA_EDITABLE,
        "documents": visible_documents(request.user).filter(agenda_items=item).order_by("title"),
        "available_documents": visible_documents(request.user)
        .filter(body_id=item.meeting.body_id)
        .exclude(agenda_items=item)
        .order_by("-created_at")[:50],
        "upload_form": ItemUploadForm(),
        **extra,
    }


@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manager(request, pk)
    conflict = None
    if request.method == "POST":
        form = AgendaItemForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.agenda_item_update(
                    actor=request.user,
                    item=item,
                    expected_version=version if version is not None else -1,
                    **data,
                )
            except StaleEditError as error:
                conflict = error.current
                form.add_error(None, error.message)
            except DomainError as error:
                form_error(form, error)
            else:
                messages.success(request, _("Agendapunt opgeslagen."))
                return back_to_meeting(item.meeting_id, item.pk)
    else:
        form = AgendaItemForm(initial=_item_initial(item))
    status = 409 if conflict else (400 if form.errors else 200)
    return render(
        request,
        "meetings/item_form.html",
        _item_page(request, item, form, conflict=conflict),
        status=status,
    )


@require_POST
def item_move(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manager(request, pk)
    error = ""
    try:
        services.agenda_item_move(
            actor=request.user,
            item=item,
            direction=request.POST.get("direction", ""),
            expected_version=int_or_none(request.POST.get("version")),
        )
    except DomainError as exc:
        error = exc.message
    return _agenda_response(request, item.meeting, item.pk, error)


@require_POST
def agenda_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole order at once (ids of the top-level items, or of one item's sub-items)."""
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    ids = [int_or_none(raw) for raw in request.POST.getlist("order")]
    parent = None
    parent_id = int_or_none(request.POST.get("parent"))
    if parent_id is not None:
        parent = get_object_or_404(AgendaItem, pk=parent_id, meeting=meeting)
    error = ""
    try:
        if None in ids:
            raise DomainError(_("De volgorde is niet leesbaar."))
        services.agenda_reorder(
            actor=request.user,
            meeting=meeting,
            ordered_ids=[i for i in ids if i is not None],
            parent=parent,
        )
    except DomainError as exc:
        error = exc.message
    return _agenda_response(request, meeting, parent_id or 0, error)


@require_POST
def item_delete(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manager(request, pk)
    try:
        services.agenda_item_remove(actor=request.user, item=item)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Agendapunt verwijderd."))
    return back_to_meeting(item.meeting_id)


@require_POST
def item_hold_over(request: HttpRequest, pk: int) -> HttpResponse:
    item = item_for_manager(request, pk)
    form = HoldOverForm(request.POST, meetings=Meeting.objects.filter(body_id=item.meeting.body_id))
    if not form.is_valid():
        messages.error(request, _("Kies een vergadering om het punt naar aan te houden."))
        return back_to_meeting(item.meeting_id, item.pk)
    try:
        copy = services.agenda_item_hold_over(
            actor=request.user,
            item=item,
            to_meeting=form.cleaned_data["to_meeting"],
            mode=form.cleaned_data["mode"],
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Het agendapunt is aangehouden naar de vergadering van %(d)s.")
            % {"d": long_date(copy.meeting.starts_at)},
        )
    return back_to_meeting(item.meeting_id, item.pk)


@require_POST
def item_documents(request: HttpRequest, pk: int) -> HttpResponse:
    """Attach a stuk the user may see, detach one, or upload a new stuk onto the item."""
    item = item_for_manager(request, pk)
    action = request.POST.get("action", "attach")
    if action == "upload":
        return _item_upload(request, item)
    document = get_object_or_404(
        visible_documents(request.user), pk=int_or_none(request.POST.get("document"))
    )
    try:
        if action == "detach":
            services.agenda_item_detach_document(actor=request.user, item=item, document=document)
            messages.success(request, _("Stuk losgekoppeld."))
        else:
            services.agenda_item_attach_document(actor=request.user, item=item, document=document)
            messages.success(request, _("Stuk toegevoegd aan het agendapunt."))
    except DomainError as error:
        messages.error(request, error.message)
    return redirect("meetings:item_edit", pk=item.pk)


def _item_upload(request: HttpRequest, item: AgendaItem) -> HttpResponse:
    from django.db import transaction

    from regie.documents.services import document_upload

    form = ItemUploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                lifecycle.ensure_agenda_editable(item.meeting)
                document = document_upload(
                    actor=request.user,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    body=item.meeting.body,
                    confidentiality=item.confidentiality,
                    upload=form.cleaned_data["upload"],
                )
                services.agenda_item_attach_document(
                    actor=request.user, item=item, document=document
                )
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, _("Stuk geüpload en toegevoegd aan het agendapunt."))
            return redirect("meetings:item_edit", pk=item.pk)
    return render(
        request,
        "meetings/item_form.html",
        _item_page(request, item, AgendaItemForm(initial=_item_initial(item)), upload_form=form),
        status=400,
    )


@require_POST
def meeting_transition(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    approved_in = None
    approved_id = int_or_none(request.POST.get("approved_in"))
    if approved_id is not None:
        approved_in = Meeting.objects.filter(pk=approved_id, body_id=meeting.body_id).first()
    to_status = request.POST.get("to_status", "")
    try:
        if to_status not in Meeting.Status.values:
            raise DomainError(_("Onbekende status."))
        lifecycle.meeting_transition(
            actor=request.user,
            meeting=meeting,
            to_status=to_status,
            expected_version=int_or_none(request.POST.get("version")) or -1,
            approved_in=approved_in,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Status gewijzigd naar ‘%(s)s’.") % {"s": meeting.get_status_display()}
        )
    return redirect(safe_next(request, meeting))


@require_POST
def meeting_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = get_meeting_for_user(request.user, pk, manage=True)
    try:
        lifecycle.meeting_reopen(
            actor=request.user,
            meeting=meeting,
            expected_version=int_or_none(request.POST.get("version")) or -1,
            reason=request.POST.get("reason", ""),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("De vergadering is heropend."))
    return back_to_meeting(meeting.pk)
