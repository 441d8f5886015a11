"""Action lists (all, per body, mine, per person) and one action with its follow-up."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.actions import queries, services
from regie.actions.access import can_update_action, visible_actions
from regie.actions.forms import ActionForm, NoteForm, StatusForm
from regie.actions.models import Action
from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.core.models import Person

STATES = [
    ("open", "open"),
    ("overdue", "te laat"),
    ("week", "deze week"),
    ("done", "afgerond"),
    ("all", "alle"),
]


def _list_context(request: HttpRequest, qs: QuerySet[Action], **extra) -> dict:
    today = timezone.localdate()
    week_end = today + timedelta(days=4 - today.weekday()) if today.weekday() < 5 else today
    state = request.GET.get("filter", "open")
    actions = queries.filtered(qs, state=state, today=today, week_end=week_end)
    page = Paginator(actions.order_by("due_date", "id"), 50).get_page(request.GET.get("pagina"))
    return {
        "page": page,
        "state": state,
        "states": STATES,
        "today": today,
        "query_string": f"filter={state}",
        **extra,
    }


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "actions/action_list.html",
        _list_context(request, visible_actions(request.user), heading=_("Alle acties")),
    )


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person_id = viewer_for(request.user).person_id
    qs = visible_actions(request.user).filter(owner_id=person_id)
    return render(
        request, "actions/action_list.html", _list_context(request, qs, heading=_("Mijn acties"))
    )


@require_GET
def person_actions(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    qs = visible_actions(request.user).filter(owner=person)
    return render(
        request,
        "actions/action_list.html",
        _list_context(request, qs, heading=_("Acties van %(name)s") % {"name": person.name}),
    )


@require_GET
def body_actions(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's action list: open actions stay on it until closed; afspraken apart."""
    body = get_object_or_404(visible_bodies(request.user), pk=pk)
    qs = visible_actions(request.user).filter(body=body)
    context = _list_context(
        request,
        qs.filter(is_commitment=False),
        heading=_("Actielijst %(body)s") % {"body": body.name},
        body=body,
    )
    today = context["today"]
    context["commitments"] = queries.filtered(
        qs.filter(is_commitment=True), state=context["state"], today=today, week_end=today
    ).order_by("due_date")[:200]
    return render(request, "actions/action_list.html", context)


def _action_for(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(
        visible_actions(request.user).select_related("owner", "body", "due_meeting"), pk=pk
    )


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    return render(request, "actions/action_detail.html", _detail_context(request, action))


def _detail_context(request: HttpRequest, action: Action, **extra) -> dict:
    return {
        "action": action,
        "today": timezone.localdate(),
        "can_update": can_update_action(request.user, action),
        "status_form": StatusForm(initial={"status": action.status, "version": action.version}),
        "note_form": NoteForm(),
        "notes": action.notes.select_related("author").order_by("-created_at"),
        "history": action.history.select_related("history_user__person").order_by("-history_date")[
            :15
        ],
        **extra,
    }


@require_POST
def update_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    if not can_update_action(request.user, action):
        raise PermissionDenied
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return redirect("actions:detail", pk=action.pk)
    try:
        services.action_update_status(
            actor=request.user,
            action=action,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError as error:
        current = error.current
        return render(
            request,
            "actions/action_detail.html",
            _detail_context(request, current, conflict=error.message, mine=form.cleaned_data),
            status=409,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Status opgeslagen."))
    return redirect("actions:detail", pk=action.pk)


@require_POST
def add_note(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    if not can_update_action(request.user, action):
        raise PermissionDenied
    form = NoteForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(_("Schrijf iets over de voortgang."))
        services.action_add_note(actor=request.user, action=action, text=form.cleaned_data["text"])
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Voortgang vastgelegd."))
    return redirect("actions:detail", pk=action.pk)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    bodies = visible_bodies(request.user).filter(pk__in=viewer.managed_body_ids)
    form = ActionForm(request.POST or None, bodies=bodies, initial={"owner": viewer.person_id})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            action = services.action_create(actor=request.user, **data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Actie vastgelegd."))
            return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form})
