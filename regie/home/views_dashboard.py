"""The planning dashboard: per unit or for the user alone, every number linking to its list."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.core.workdays import working_calendar
from regie.home import dashboard as data
from regie.risks.forms import filter_query


def _url(name: str, **params) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return reverse(name) + (f"?{query}" if query else "")


@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = timezone.localdate()
    may_choose = data.may_choose_units(user)
    tree = data.unit_tree() if may_choose else []
    scope = data.scope_for(user, request.GET.get("eenheid"), tree)
    meetings = data.scope_meetings(user, scope, today=today)
    actions = data.scope_actions(user, scope, today=today)
    risks = data.scope_risks(user, scope, today=today)
    calendar = working_calendar()
    if scope.is_myself:
        actions_open_url = _url("actions:mine")
        actions_overdue_url = _url("actions:mine", termijn="overdue")
        reviews_url = _url("risks:due_for_review", eigenaar=scope.person_id)
    else:
        actions_open_url = _url("actions:list", eenheid=scope.key)
        actions_overdue_url = _url("actions:list", eenheid=scope.key, termijn="overdue")
        reviews_url = _url("risks:due_for_review", eenheid=scope.key)
    action_list = reverse("actions:list")  # once, not twice per owner
    for row in actions.owners:
        row.open_url = f"{action_list}?{urlencode({'eigenaar': row.owner_id})}"
        row.overdue_url = (
            f"{action_list}?{urlencode({'eigenaar': row.owner_id, 'termijn': 'overdue'})}"
        )
    context = {
        "today": today,
        "scope": scope,
        "tree": tree,
        "myself": data.MYSELF,
        "meeting_weeks": data.MEETING_WEEKS,
        "meetings": meetings,
        "deadlines": data.deadlines_of(meetings, today=today, calendar=calendar),
        "actions": actions,
        "actions_open_url": actions_open_url,
        "actions_overdue_url": actions_overdue_url,
        "year": today.year,
        "progress": data.scope_progress(user, scope, year=today.year),
        "milestones": data.scope_milestones(user, scope, today=today),
        "milestone_weeks": data.MILESTONE_WEEKS,
        "risks": risks,
        "risks_url": reverse("risks:register") + "?" + filter_query(risks.filter),
        "show_hiring": may_choose,
        "reviews_due": data.scope_reviews_due(user, scope, today=today, calendar=calendar),
        "reviews_url": reviews_url,
        "review_days": data.REVIEW_WORKING_DAYS,
        "contract_alerts": data.scope_contract_alerts(user, scope, today=today, calendar=calendar),
    }
    return render(request, "home/dashboard.html", context)
