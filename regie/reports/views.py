"""Downloads (Word, PDF), calendar feeds and the Word-template page. Thin views."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.actions.models import Action
from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError
from regie.core.models import Body, Confidentiality, Person, new_token
from regie.documents.models import ReviewStep
from regie.meetings.access import get_meeting_for_user, visible_meetings
from regie.meetings.models import AgendaItem
from regie.reports import docx, ics, pdf, queries
from regie.reports.models import WordTemplate
from regie.reports.services import template_upload

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _download(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    ascii_name = filename.encode("ascii", "ignore").decode() or "export"
    response["Content-Disposition"] = (
        f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _meeting(request: HttpRequest, pk: int):
    meeting = get_meeting_for_user(request.user, pk)
    meeting.body = Body.objects.select_related("unit").get(pk=meeting.body_id)
    return meeting


def _word(kind: str, context: dict, default) -> bytes:
    template = WordTemplate.objects.filter(kind=kind).first()
    if template:
        with template.file.open("rb") as handle:
            return docx.render_template(handle.read(), context)
    return default(context)


def _name(context: dict, ext: str) -> str:
    return f"{context['kind']} {context['body_code']} {context['date']}.{ext}"


@require_GET
def agenda_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.agenda_context(request.user, _meeting(request, pk))
    return _download(_word("agenda", context, docx.agenda), _name(context, "docx"), DOCX_TYPE)


@require_GET
def agenda_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.agenda_context(request.user, _meeting(request, pk))
    return _download(
        pdf.render("reports/pdf/agenda.html", context), _name(context, "pdf"), "application/pdf"
    )


@require_GET
def minutes_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.minutes_context(request.user, _meeting(request, pk))
    return _download(_word("minutes", context, docx.minutes), _name(context, "docx"), DOCX_TYPE)


@require_GET
def minutes_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.minutes_context(request.user, _meeting(request, pk))
    return _download(
        pdf.render("reports/pdf/minutes.html", context), _name(context, "pdf"), "application/pdf"
    )


def _body(request: HttpRequest, pk: int) -> Body:
    return get_object_or_404(visible_bodies(request.user).select_related("unit"), pk=pk)


def _year(request: HttpRequest) -> int | None:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() else None


@require_GET
def decisions_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.decisions_context(request.user, _body(request, pk), _year(request))
    return _download(docx.decisions(context), _name(context, "docx"), DOCX_TYPE)


@require_GET
def decisions_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.decisions_context(request.user, _body(request, pk), _year(request))
    return _download(
        pdf.render("reports/pdf/decisions.html", context), _name(context, "pdf"), "application/pdf"
    )


@require_GET
def actions_docx(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.actions_context(request.user, _body(request, pk))
    return _download(docx.actions(context), _name(context, "docx"), DOCX_TYPE)


@require_GET
def actions_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    context = queries.actions_context(request.user, _body(request, pk))
    return _download(
        pdf.render("reports/pdf/actions.html", context), _name(context, "pdf"), "application/pdf"
    )


def _feed_window(qs):
    since = timezone.now() - timezone.timedelta(days=92)
    return qs.filter(starts_at__gte=since).select_related("body").order_by("starts_at")[:500]


def _item_titles(user, meetings, *, max_level: str | None = None) -> dict[int, list[str]]:
    from regie.meetings.access import visible_agenda_items

    items = visible_agenda_items(user) if user else AgendaItem.objects.all()
    if max_level == Confidentiality.INTERNAL:
        items = items.exclude(confidentiality=Confidentiality.CONFIDENTIAL)
    titles: dict[int, list[str]] = {}
    for meeting_id, title in (
        items.filter(meeting__in=[m.pk for m in meetings])
        .order_by("position")
        .values_list("meeting_id", "title")
    ):
        titles.setdefault(meeting_id, []).append(title)
    return titles


def _ics_response(content: bytes) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


@login_not_required
@require_GET
def person_calendar(request: HttpRequest, token: str) -> HttpResponse:
    person = Person.objects.select_related("user").filter(calendar_token=token).first()
    if person is None or person.user is None or not person.user.is_active:
        raise Http404
    user = person.user
    viewer = viewer_for(user)
    meetings = list(_feed_window(visible_meetings(user).filter(body_id__in=viewer.member_body_ids)))
    deadlines = [
        (f"action-{a.pk}@regie", a.due_date, f"Actie: {a.title}")
        for a in Action.objects.filter(
            owner=person, status__in=Action.OPEN_STATUSES, due_date__isnull=False
        )[:500]
    ] + [
        (f"review-{s.pk}@regie", s.due_date, f"Beoordelen: {s.route.document.title}")
        for s in ReviewStep.objects.filter(reviewer=person, status="pending").select_related(
            "route__document"
        )[:200]
    ]
    return _ics_response(
        ics.build(f"Regie – {person.name}", meetings, _item_titles(user, meetings), deadlines)
    )


@login_not_required
@require_GET
def body_calendar(request: HttpRequest, token: str) -> HttpResponse:
    """A body's meetings for everyone holding its link: never confidential agenda items, and
    no agenda titles at all when the body itself is confidential."""
    body = Body.objects.filter(calendar_token=token, is_active=True).first()
    if body is None:
        raise Http404
    meetings = list(_feed_window(body.meetings.all()))
    titles = (
        {}
        if body.confidentiality == Confidentiality.CONFIDENTIAL
        else _item_titles(None, meetings, max_level=Confidentiality.INTERNAL)
    )
    return _ics_response(ics.build(f"Regie – {body.name}", meetings, titles))


@require_GET
def calendar_links(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    person = Person.objects.filter(pk=viewer.person_id).first()
    bodies = visible_bodies(request.user).filter(pk__in=viewer.member_body_ids).order_by("name")
    base = request.build_absolute_uri("/")[:-1]
    return render(
        request,
        "reports/calendar_links.html",
        {
            "person_url": base
            + reverse("reports:person_calendar", kwargs={"token": person.calendar_token})
            if person
            else "",
            "bodies": [
                (b, base + reverse("reports:body_calendar", kwargs={"token": b.calendar_token}))
                for b in bodies
            ],
        },
    )


@require_POST
def calendar_renew(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    person = get_object_or_404(Person, pk=viewer.person_id)
    person.calendar_token = new_token()
    person.save(update_fields=["calendar_token"])
    messages.success(request, _("U heeft een nieuwe agendalink; de oude werkt niet meer."))
    return redirect("reports:calendar_links")


def _may_manage_templates(user) -> bool:
    viewer = viewer_for(user)
    return viewer.sees_everything or bool(viewer.managed_body_ids)


@require_http_methods(["GET", "POST"])
def templates(request: HttpRequest) -> HttpResponse:
    if not _may_manage_templates(request.user):
        raise PermissionDenied
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        try:
            if request.POST.get("remove"):
                WordTemplate.objects.filter(kind=kind).delete()
                messages.success(request, _("Het standaardsjabloon wordt weer gebruikt."))
            else:
                template_upload(actor=request.user, kind=kind, upload=request.FILES.get("file"))
                messages.success(request, _("Het sjabloon is opgeslagen."))
        except DomainError as error:
            messages.error(request, error.message)
        return redirect("reports:templates")
    return render(
        request,
        "reports/templates.html",
        {
            "templates": {t.kind: t for t in WordTemplate.objects.all()},
            "kinds": WordTemplate.Kind.choices,
        },
    )
