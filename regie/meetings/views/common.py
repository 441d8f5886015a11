"""Helpers shared by the meeting pages: fetching what the user may see or manage."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError
from regie.core.models import Body
from regie.meetings.access import visible_agenda_items
from regie.meetings.models import AgendaItem, Meeting


def managed_body(request: HttpRequest, pk: int) -> Body:
    """The body when visible (else 404) and managed by the user (else 403)."""
    body = get_object_or_404(visible_bodies(request.user), pk=pk)
    if not viewer_for(request.user).can_manage_body(body.pk):
        raise PermissionDenied
    return body


def item_for_manager(request: HttpRequest, pk: int) -> AgendaItem:
    item = get_object_or_404(
        visible_agenda_items(request.user).select_related("meeting__body", "parent"), pk=pk
    )
    if not viewer_for(request.user).can_manage_body(item.meeting.body_id):
        raise PermissionDenied
    return item


def back_to_meeting(meeting_id: int, item_id: int | None = None) -> HttpResponse:
    url = reverse("meetings:meeting_detail", kwargs={"pk": meeting_id})
    return redirect(f"{url}#punt-{item_id}" if item_id else url)


def form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def int_or_none(raw: str | None) -> int | None:
    try:
        return int(raw or "")
    except ValueError:
        return None


def safe_next(request: HttpRequest, meeting: Meeting) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk})
