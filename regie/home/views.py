from datetime import timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from regie.core.workdays import working_calendar
from regie.home import queries

MIN_QUERY_LENGTH = 2
MY_WEEK_ACTIONS = 15


@require_GET
def my_week(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    calendar = working_calendar()
    week = queries.Week.around(today)
    horizon = calendar.add(today, 3)
    due = queries.my_open_actions(request.user, until=max(horizon, week.end))
    actions = list(due[:MY_WEEK_ACTIONS])
    context = {
        "today": today,
        "week": week,
        "meetings": queries.my_meetings(
            request.user, start=today, end=week.end + timedelta(days=7)
        ),
        "deadlines": queries.stukken_deadlines(request.user, today=today, calendar=calendar),
        "actions": actions,
        "overdue_count": due.filter(due_date__lt=today).count(),
        "more_actions": len(actions) == MY_WEEK_ACTIONS,
        "review_steps": queries.my_review_steps(request.user),
        "minutes_todo": queries.meetings_needing_minutes(request.user),
        "contract_alerts": queries.my_contract_alerts(request.user, today=today, calendar=calendar),
    }
    return render(request, "home/my_week.html", context)


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    results = None
    if len(query) >= MIN_QUERY_LENGTH:
        results = queries.search_titles(request.user, query)
    return render(
        request,
        "home/search.html",
        {"query": query, "results": results, "too_short": 0 < len(query) < MIN_QUERY_LENGTH},
    )
