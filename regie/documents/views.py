"""Stukken: list, upload, versions, download, review routing. Thin views."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError
from regie.core.models import Person
from regie.documents import queries, services
from regie.documents.access import visible_documents
from regie.documents.forms import DecisionForm, RouteForm, UploadForm, VersionForm
from regie.documents.models import Document, DocumentVersion, ReviewStep
from regie.documents.rules import can_decide_step, can_edit_document

PAGE_SIZE = 50


def _get_document(request: HttpRequest, pk: int, *, edit: bool = False) -> Document:
    """The stuk if the user may see it (else 404); with edit, only for author or secretary."""
    document = get_object_or_404(
        visible_documents(request.user).select_related("body", "author"), pk=pk
    )
    if edit and not can_edit_document(request.user, document):
        raise PermissionDenied
    return document


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    bodies = list(visible_bodies(request.user).order_by("name").only("id", "name"))
    body_id = _int(request.GET.get("gremium"))
    if body_id not in {body.pk for body in bodies}:
        body_id = None
    documents = queries.document_list(request.user, query=query, body_id=body_id)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("pagina"))
    params = {key: value for key, value in (("q", query), ("gremium", body_id)) if value}
    return render(
        request,
        "documents/document_list.html",
        {
            "page": page,
            "query": query,
            "bodies": bodies,
            "body_id": body_id,
            "query_string": urlencode(params),
        },
    )


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    bodies = visible_bodies(request.user).order_by("name")
    initial = {"body": _int(request.GET.get("gremium"))}
    form = UploadForm(request.POST or None, request.FILES or None, bodies=bodies, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document = services.document_upload(
                actor=request.user,
                title=data["title"],
                kind=data["kind"],
                body=data["body"],
                confidentiality=data["confidentiality"],
                upload=data["file"],
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Het stuk is opgeslagen."))
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/upload.html",
        {"form": form, "max_mb": settings.REGIE_MAX_UPLOAD_BYTES // 2**20},
        status=400 if form.errors else 200,
    )


def _detail_context(request: HttpRequest, document: Document) -> dict:
    route, steps = queries.route_of(document)
    current = next((s for s in steps if s.status != ReviewStep.Status.APPROVED), None)
    if current is not None:
        current.route = route
        route.document = document
    return {
        "document": document,
        "versions": document.versions.select_related("uploaded_by").order_by("-number"),
        "route": route,
        "steps": steps,
        "current": current,
        "route_done": route is not None and current is None,
        "today": timezone.localdate(),
        "may_edit": can_edit_document(request.user, document),
        "may_decide": current is not None and can_decide_step(request.user, current),
        "version_form": VersionForm(),
        "decision_form": DecisionForm(),
        "history": queries.document_history(document, route),
    }


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document(request, pk)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


@require_POST
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document(request, pk, edit=True)
    form = VersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            version = services.document_add_version(
                actor=request.user, document=document, upload=form.cleaned_data["file"]
            )
        except DomainError as error:
            form.add_error("file", error.message)
        else:
            messages.success(request, _("Versie %(n)s is opgeslagen.") % {"n": version.number})
            return redirect("documents:detail", pk=document.pk)
    context = _detail_context(request, document)
    context["version_form"] = form
    return render(request, "documents/document_detail.html", context, status=400)


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        pk=pk,
        document__in=visible_documents(request.user).values("pk"),
    )
    try:
        handle = version.file.open("rb")
    except OSError as exc:
        raise Http404(_("Het bestand is niet gevonden.")) from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


def _people() -> list[Person]:
    return list(Person.objects.filter(user__isnull=False).order_by("name").only("id", "name"))


@require_http_methods(["GET", "POST"])
def route_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = _get_document(request, pk, edit=True)
    route, steps = queries.route_of(document)
    if steps:
        specs = [services.StepSpec(s.label, s.reviewer, s.working_days_before) for s in steps]
        initial = {"target_date": route.target_date, "target_label": route.target_label}
    else:
        specs = services.default_steps_for(document, document.body)
        initial = {}
    form = RouteForm(request.POST or None, specs=specs, people=_people(), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.route_set(
                actor=request.user,
                document=document,
                target_date=form.cleaned_data["target_date"],
                target_label=form.cleaned_data["target_label"],
                steps=form.steps(),
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("De routering is vastgelegd."))
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/route_form.html",
        {"document": document, "form": form, "route": route},
        status=400 if form.errors else 200,
    )


@require_POST
def step_decide(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(
        ReviewStep.objects.select_related("route__document"),
        pk=pk,
        route__document__in=visible_documents(request.user).values("pk"),
    )
    if not can_decide_step(request.user, step):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies akkoord of terugsturen."))
        return redirect("documents:detail", pk=step.route.document_id)
    comment = form.cleaned_data["comment"]
    try:
        if form.cleaned_data["decision"] == "return":
            services.step_return(actor=request.user, step=step, comment=comment)
            done = _("Het stuk is teruggestuurd naar de auteur.")
        else:
            services.step_approve(actor=request.user, step=step, comment=comment)
            done = _("Akkoord vastgelegd.")
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, done)
    return redirect("documents:detail", pk=step.route.document_id)


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    viewer = viewer_for(request.user)
    person = Person.objects.filter(pk=viewer.person_id).select_related("user").first()
    return render(
        request,
        "documents/overdue.html",
        {
            "overdue": queries.overdue_review_steps(request.user, today=today)[:200],
            "due_soon": queries.review_steps_due_soon(request.user, today=today)[:200],
            "waiting": queries.review_steps_waiting_for(person)[:100],
            "manages": viewer.sees_everything or bool(viewer.managed_body_ids),
            "today": today,
        },
    )
