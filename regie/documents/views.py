"""Stukken: list, upload, versions, download, review routing. Thin views."""

from __future__ import annotations

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
from regie.documents.forms import RouteForm, UploadForm, VersionForm
from regie.documents.models import Document, DocumentVersion, ReviewStep


def _may_edit(request: HttpRequest, document: Document) -> bool:
    viewer = viewer_for(request.user)
    return (viewer.person_id is not None and document.author_id == viewer.person_id) or (
        viewer.can_manage_body(document.body_id)
    )


@require_GET
def document_list(request: HttpRequest) -> HttpResponse:
    documents = visible_documents(request.user).select_related("body", "author")
    query = request.GET.get("q", "").strip()[:200]
    if query:
        documents = documents.filter(title__icontains=query)
    page = Paginator(documents.order_by("-created_at"), 50).get_page(request.GET.get("pagina"))
    return render(
        request,
        "documents/document_list.html",
        {"page": page, "query": query, "query_string": f"q={query}"},
    )


@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    bodies = visible_bodies(request.user).order_by("name")
    initial = {"body": request.GET.get("gremium")} if request.GET.get("gremium") else {}
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
        request, "documents/upload.html", {"form": form}, status=400 if form.errors else 200
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(
        visible_documents(request.user).select_related("body", "author"), pk=pk
    )
    route = getattr(document, "route", None) if hasattr(document, "route") else None
    steps = list(route.steps.select_related("reviewer").order_by("position")) if route else []
    current = next((s for s in steps if s.status == ReviewStep.Status.PENDING), None)
    viewer = viewer_for(request.user)
    return render(
        request,
        "documents/document_detail.html",
        {
            "document": document,
            "versions": document.versions.select_related("uploaded_by").order_by("-number"),
            "route": route,
            "steps": steps,
            "current": current,
            "today": timezone.localdate(),
            "may_edit": _may_edit(request, document),
            "may_decide": current is not None
            and (
                current.reviewer_id == viewer.person_id or viewer.can_manage_body(document.body_id)
            ),
            "version_form": VersionForm(),
            "history": document.history.select_related("history_user__person").order_by(
                "-history_date"
            )[:10],
        },
    )


@require_POST
def version_upload(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(visible_documents(request.user), pk=pk)
    if not _may_edit(request, document):
        raise PermissionDenied
    form = VersionForm(request.POST, request.FILES)
    try:
        if not form.is_valid():
            raise DomainError(_("Kies een bestand."))
        services.document_add_version(
            actor=request.user, document=document, upload=form.cleaned_data["file"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Nieuwe versie opgeslagen."))
    return redirect("documents:detail", pk=document.pk)


@require_GET
def download(request: HttpRequest, pk: int) -> FileResponse:
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        pk=pk,
        document__in=visible_documents(request.user),
    )
    try:
        handle = version.file.open("rb")
    except (FileNotFoundError, OSError) as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=version.original_name,
        content_type=version.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def route_edit(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(visible_documents(request.user).select_related("body"), pk=pk)
    if not _may_edit(request, document):
        raise PermissionDenied
    form = RouteForm(request.POST or None)
    specs = services.default_steps(document, document.body)
    people = Person.objects.order_by("name")
    if request.method == "POST" and form.is_valid():
        for index, spec in enumerate(specs):
            reviewer_id = request.POST.get(f"reviewer_{index}")
            if reviewer_id:
                specs[index] = services.StepSpec(
                    spec.label, people.filter(pk=reviewer_id).first(), spec.working_days_before
                )
        try:
            services.route_set(
                actor=request.user,
                document=document,
                target_date=form.cleaned_data["target_date"],
                target_label=form.cleaned_data["target_label"],
                steps=specs,
            )
        except DomainError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("De routering is vastgelegd."))
            return redirect("documents:detail", pk=document.pk)
    return render(
        request,
        "documents/route_form.html",
        {"document": document, "form": form, "specs": list(enumerate(specs)), "people": people},
    )


@require_POST
def step_decide(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_object_or_404(
        ReviewStep.objects.select_related("route__document"),
        pk=pk,
        route__document__in=visible_documents(request.user),
    )
    comment = request.POST.get("comment", "")
    try:
        if request.POST.get("decision") == "return":
            services.step_return(actor=request.user, step=step, comment=comment)
        else:
            services.step_approve(actor=request.user, step=step, comment=comment)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Uw beoordeling is vastgelegd."))
    return redirect("documents:detail", pk=step.route.document_id)


@require_GET
def overdue(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    return render(
        request,
        "documents/overdue.html",
        {
            "steps": queries.overdue_review_steps(request.user, today=today)[:200],
            "waiting": queries.review_steps_waiting_for(request.user)[:100],
            "today": today,
        },
    )
