"""Downloads (Word, PDF), calendar feeds, the calendar page and the Word-template page.

Every object is fetched through the access helpers: what the user may not see is a 404.
"""

from __future__ import annotations

import logging
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError
from regie.core.models import Body, Person, new_token
from regie.meetings.access import get_meeting_for_user
from regie.reports import docx, ics, pdf, queries
from regie.reports.models import WordTemplate
from regie.reports.samples import field_rows
from regie.reports.services import word_template_remove, word_template_upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"
log = logging.getLogger(__name__)
REMOVED = _lazy("Het eigen sjabloon is verwijderd; Regie gebruikt weer de standaardopmaak.")


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A file download; the name in UTF-8 (RFC 5987) with an ASCII fallback."""
    response = HttpResponse(content, content_type=content_type)
    ascii_name = filename.encode("ascii", "ignore").decode().replace('"', "") or "export"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _filename(context: dict, ext: str) -> str:
    """ "Agenda DO 23 november 2026.docx"; a list gets the day it was made."""
    name = f"{context['kind']} {context['body_code']} {context['date']}"
    return f"{name.replace('/', '-')}.{ext}"


def _meeting(request: HttpRequest, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    meeting.body = Body.objects.select_related("unit").get(pk=meeting.body_id)
    return meeting


def _body(request: HttpRequest, pk: int) -> Body:
    return get_object_or_404(visible_bodies(request.user).select_related("unit"), pk=pk)


def _word(kind: str, context: dict) -> bytes:
    """The organisation's own template when there is one, else the default layout."""
    template = WordTemplate.objects.filter(kind=kind).first()
    if template is not None:
        try:
            with template.file.open("rb") as handle:
                return docx.render_template(handle.read(), context)
        except Exception:  # a template that broke on real data: fall back, never a 500
            log.exception("Word template %s failed", kind)
    return docx.DEFAULTS[kind](context)


@require_GET
def agenda_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.agenda_context(request.user, _meeting(request, pk))
    return _download(_word("agenda", context), _filename(context, "docx"), DOCX_TYPE)


@require_GET
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.agenda_context(request.user, _meeting(request, pk))
    content = pdf.render("reports/pdf/agenda.html", context)
    return _download(content, _filename(context, "pdf"), PDF_TYPE)


@require_GET
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.minutes_context(request.user, _meeting(request, pk))
    return _download(_word("minutes", context), _filename(context, "docx"), DOCX_TYPE)


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.minutes_context(request.user, _meeting(request, pk))
    content = pdf.render("reports/pdf/minutes.html", context)
    return _download(content, _filename(context, "pdf"), PDF_TYPE)


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "").strip()
    return int(raw) if raw.isdigit() and 1900 < int(raw) < 3000 else None


def _decisions(request: HttpRequest, pk: int) -> dict:
    return queries.decisions_context(request.user, _body(request, pk), _year(request))


def _decisions_name(context: dict, ext: str) -> str:
    if context["year"]:
        return f"Besluitenlijst {context['body_code']} {context['year']}.{ext}"
    return _filename(context, ext)


@require_GET
def decisions_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = _decisions(request, pk)
    return _download(docx.decisions(context), _decisions_name(context, "docx"), DOCX_TYPE)


@require_GET
def decisions_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = _decisions(request, pk)
    content = pdf.render("reports/pdf/decisions.html", context)
    return _download(content, _decisions_name(context, "pdf"), PDF_TYPE)


@require_GET
def actions_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.actions_context(request.user, _body(request, pk))
    return _download(docx.actions(context), _filename(context, "docx"), DOCX_TYPE)


@require_GET
def actions_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.actions_context(request.user, _body(request, pk))
    content = pdf.render("reports/pdf/actions.html", context)
    return _download(content, _filename(context, "pdf"), PDF_TYPE)


# --- calendar feeds -------------------------------------------------------------------------


def _ics_response(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f"inline; filename*=UTF-8''{quote(name)}.ics"
    response["Cache-Control"] = "private, max-age=300"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_not_required
@require_GET
def person_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own feed: only what that person may see. The token is the only key."""
    person = Person.objects.select_related("user").filter(calendar_token=token).first()
    if person is None or person.user is None or not person.user.is_active:
        raise Http404
    return _ics_response(ics.build(queries.person_feed(person)), "regie")


@login_not_required
@require_GET
def body_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A body's meetings for whoever holds its link (see queries.body_feed_levels)."""
    body = Body.objects.filter(calendar_token=token, is_active=True).first()
    if body is None:
        raise Http404
    return _ics_response(ics.build(queries.body_feed(body)), body.code)


@require_GET
def calendar_links(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    person = Person.objects.filter(pk=viewer.person_id).first() if viewer.person_id else None
    base = request.build_absolute_uri("/").rstrip("/")
    person_url = (
        base + reverse("reports:person_calendar", kwargs={"token": person.calendar_token})
        if person
        else ""
    )
    bodies = [
        (b, base + reverse("reports:body_calendar", kwargs={"token": b.calendar_token}))
        for b in queries.calendar_bodies(request.user)
    ]
    return render(
        request, "reports/calendar_links.html", {"person_url": person_url, "bodies": bodies}
    )


@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    """A new personal link; the old one stops working at once."""
    viewer = viewer_for(request.user)
    if viewer.person_id is None:
        raise Http404
    person = get_object_or_404(Person, pk=viewer.person_id)
    person.calendar_token = new_token()
    person._history_user = request.user
    person.save(update_fields=["calendar_token"])
    messages.success(
        request,
        _(
            "U heeft een nieuwe agendalink. De oude werkt niet meer: vervang het abonnement "
            "in Outlook door de nieuwe link."
        ),
    )
    return redirect("reports:calendar_links")


# --- Word templates -------------------------------------------------------------------------


def _require_template_admin(request: HttpRequest) -> None:
    if not queries.may_manage_word_templates(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest) -> HttpResponse:
    _require_template_admin(request)
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        try:
            if request.POST.get("remove"):
                if word_template_remove(actor=request.user, kind=kind):
                    messages.success(request, REMOVED)
            else:
                word_template_upload(
                    actor=request.user, kind=kind, upload=request.FILES.get("file")
                )
                messages.success(request, _("Het sjabloon is gecontroleerd en opgeslagen."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("reports:templates")
    current = {t.kind: t for t in WordTemplate.objects.all()}
    kinds = [
        {"value": value, "label": label, "current": current.get(value)}
        for value, label in WordTemplate.Kind.choices
    ]
    return render(
        request,
        "reports/templates.html",
        {
            "kinds": kinds,
            "fields": field_rows(),
        },
    )


@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    """The organisation's current template of the kind in `?kind=`, as uploaded."""
    _require_template_admin(request)
    kind = request.GET.get("kind", "")
    template = get_object_or_404(WordTemplate, kind=kind)
    with template.file.open("rb") as handle:
        content = handle.read()
    label = WordTemplate.Kind(kind).label
    return _download(content, f"Sjabloon {label}.docx", DOCX_TYPE)


@require_GET
def template_example(request: HttpRequest) -> HttpResponse:
    """A starting point with every variable in place, to open in Word and restyle."""
    _require_template_admin(request)
    kind = request.GET.get("kind", "")
    if kind not in WordTemplate.Kind.values:
        raise Http404
    label = WordTemplate.Kind(kind).label
    return _download(docx.example_template(kind), f"Voorbeeldsjabloon {label}.docx", DOCX_TYPE)
