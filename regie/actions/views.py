"""Action lists (all, per body, mine, per person) and one action with its follow-up."""

from __future__ import annotations

import dataclasses
from datetime import date

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from regie.actions import queries, rules, services
from regie.actions.access import visible_actions
from regie.actions.forms import ActionEditForm, ActionFilterForm, ActionForm, NoteForm, StatusForm
from regie.actions.models import Action
from regie.core.access import viewer_for, visible_bodies
from regie.core.errors import DomainError, StaleEditError
from regie.core.models import Person

PAGE_SIZE = 50


def _query_string(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("pagina", None)
    return params.urlencode()


def _list_context(
    request: HttpRequest,
    qs: QuerySet[Action],
    *,
    owners: bool = True,
    bodies: bool = True,
    units: bool = False,
    **extra,
) -> dict:
    today = timezone.localdate()
    body_choices = visible_bodies(request.user).order_by("name") if bodies else None
    unit_choices = queries.unit_tree() if units else None
    owner_choices = None
    if owners:
        # The owner filter offers the owners of the actions the other filters select.
        others = ActionFilterForm(request.GET, bodies=body_choices, units=unit_choices).to_filter()
        owner_choices = queries.action_owners(
            queries.apply_filter(qs, others, today=today),
            # A term reads a slice of the open actions (an index of its own): collecting the
            # owners from that set beats looking up a first action for each of 2,000 people.
            per_person=not others.term,
            keep=request.GET.get("eigenaar", ""),
        )
    form = ActionFilterForm(
        request.GET, owners=owner_choices, bodies=body_choices, units=unit_choices
    )
    actions = queries.apply_filter(qs, form.to_filter(), today=today)
    page = Paginator(actions.order_by("due_date", "id"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    return {
        "page": page,
        "filter_form": form,
        "today": today,
        "query_string": _query_string(request),
        **extra,
    }


@require_GET
def action_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(
        request, visible_actions(request.user), units=True, heading=_("Alle acties")
    )
    return render(request, "actions/action_list.html", context)


@require_GET
def mine(request: HttpRequest) -> HttpResponse:
    person_id = viewer_for(request.user).person_id
    qs = visible_actions(request.user).filter(owner_id=person_id)
    context = _list_context(request, qs, owners=False, heading=_("Mijn acties"))
    return render(request, "actions/action_list.html", context)


@require_GET
def person_actions(request: HttpRequest, pk: int) -> HttpResponse:
    """One person's actions: for secretaries and chairs, and for the person themselves."""
    person = get_object_or_404(Person.objects.only("id", "name"), pk=pk)
    if not _may_see_person_lists(request, person.pk):
        raise PermissionDenied
    qs = visible_actions(request.user).filter(owner=person)
    context = _list_context(
        request, qs, owners=False, heading=_("Acties van %(name)s") % {"name": person.name}
    )
    return render(request, "actions/action_list.html", context)


def _parse_day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


@require_GET
def body_actions(request: HttpRequest, pk: int) -> HttpResponse:
    """The body's action list as it stands on its next meeting (or the chosen day).

    Computed from the actions' dates: an open action stays on every next list until it is
    closed; bestuurlijke afspraken are listed in their own section.
    """
    body = get_object_or_404(visible_bodies(request.user), pk=pk)
    today = timezone.localdate()
    chosen = _parse_day(request.GET.get("op"))
    day = chosen or queries.body_list_day(body.pk, today=today)
    all_of_body = visible_actions(request.user).filter(body=body)
    form = ActionFilterForm(request.GET, owners=queries.action_owners(all_of_body))
    del form.fields["afspraken"]
    flt = form.to_filter()
    if flt.status == "open":
        base = queries.body_action_list(request.user, body.pk, on=day)
        flt = dataclasses.replace(flt, status="all")
    else:
        base = all_of_body
    # The list shows no due meeting: joining all meetings for it cost more than the list.
    qs = queries.apply_filter(base, flt, today=today).select_related(None)
    qs = qs.select_related("owner", "body")
    page = Paginator(qs.filter(is_commitment=False).order_by("due_date", "id"), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    commitments = list(qs.filter(is_commitment=True).order_by("due_date", "id")[: PAGE_SIZE * 4])
    return render(
        request,
        "actions/action_list.html",
        {
            "page": page,
            "commitments": commitments,
            "filter_form": form,
            "today": today,
            "day": day,
            "day_chosen": chosen is not None,
            "query_string": _query_string(request),
            "heading": _("Actielijst %(body)s") % {"body": body.name},
            "body": body,
        },
    )


def _action_for(request: HttpRequest, pk: int) -> Action:
    return get_object_or_404(
        visible_actions(request.user).select_related("owner", "body", "due_meeting__body"), pk=pk
    )


# URL names that lead to an action's source, by "<app_label>.<model>"; a source app that is not
# listed here offers `<app_label>:<model>_source`. Names only: this app imports none of them.
SOURCE_URL_NAMES = {"meetings.agendaitem": "meetings:item_source"}


def source_url(action: Action) -> str | None:
    """A link to where the action came from, when the source's app offers one."""
    if not (action.source_type_id and action.source_id):
        return None
    kind = ContentType.objects.get_for_id(action.source_type_id)
    key = f"{kind.app_label}.{kind.model}"
    name = SOURCE_URL_NAMES.get(key, f"{kind.app_label}:{kind.model}_source")
    try:
        return reverse(name, args=[action.source_id])
    except NoReverseMatch:
        return None


def _may_see_person_lists(request: HttpRequest, person_id: int | None) -> bool:
    viewer = viewer_for(request.user)
    return bool(
        viewer.sees_everything
        or viewer.managed_body_ids
        or (person_id is not None and viewer.person_id == person_id)
    )


def _detail_context(request: HttpRequest, action: Action, **extra) -> dict:
    return {
        "can_see_person_list": _may_see_person_lists(request, action.owner_id),
        "action": action,
        "today": timezone.localdate(),
        "source_url": source_url(action),
        "can_update": rules.can_update_action(request.user, action),
        "can_edit": rules.can_edit_action(request.user, action),
        "status_form": StatusForm(initial={"status": action.status, "version": action.version}),
        "note_form": NoteForm(),
        "notes": queries.notes_of(action),
        "history": action.history.select_related("history_user__person").order_by("-history_date")[
            :15
        ],
        **extra,
    }


@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    return render(request, "actions/action_detail.html", _detail_context(request, action))


@require_POST
def update_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    if not rules.can_update_action(request.user, action):
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
        current = _action_for(request, pk)
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
    if not rules.can_update_action(request.user, action):
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


def _managed_bodies(request: HttpRequest):
    viewer = viewer_for(request.user)
    bodies = visible_bodies(request.user).order_by("name")
    return bodies if viewer.sees_everything else bodies.filter(pk__in=viewer.managed_body_ids)


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request.user)
    form = ActionForm(
        request.POST or None,
        bodies=_managed_bodies(request),
        initial={"owner": viewer.person_id, "body": request.GET.get("gremium")},
    )
    if request.method == "POST" and form.is_valid():
        try:
            action = services.action_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Actie vastgelegd."))
            return redirect("actions:detail", pk=action.pk)
    return render(request, "actions/action_form.html", {"form": form, "heading": _("Nieuwe actie")})


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_for(request, pk)
    if not rules.can_edit_action(request.user, action):
        raise PermissionDenied
    bodies = _managed_bodies(request)
    initial = {
        "title": action.title,
        "owner": action.owner_id,
        "body": action.body_id,
        "due_date": action.due_date,
        "due_meeting": action.due_meeting_id,
        "is_commitment": action.is_commitment,
        "confidentiality": action.confidentiality,
        "description": action.description,
        "version": action.version,
    }
    form = ActionEditForm(request.POST or None, bodies=bodies, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version")
        try:
            services.action_update(
                actor=request.user, action=action, expected_version=version, **data
            )
        except StaleEditError as error:
            conflict = {"message": error.message, "current": error.current}
            # Keep what was typed; the next save is made knowingly against the current version.
            post = request.POST.copy()
            post["version"] = str(error.current.version)
            form = ActionEditForm(post, bodies=bodies)
            form.is_valid()
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Actie opgeslagen."))
            return redirect("actions:detail", pk=action.pk)
    return render(
        request,
        "actions/action_form.html",
        {
            "form": form,
            "action": action,
            "conflict": conflict,
            "heading": _("Actie wijzigen"),
        },
        status=409 if conflict else 200,
    )
