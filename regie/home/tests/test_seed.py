import io
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, F, Max
from django.utils import timezone

from regie.actions.models import Action
from regie.hiring.models import Candidate, Contract, HiringRequest
from regie.home.seeding import SCALES, Seeder
from regie.meetings.models import Decision, DecisionCounter
from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate, ReportingPeriod
from regie.risks.models import Measure, Risk

pytestmark = pytest.mark.django_db


def _seed():
    call_command("seed", "--scale", "small", "--seed", "7", stdout=io.StringIO())


def test_it_fills_the_database_consistently():
    _seed()
    per_year = Decision.objects.values("body_id", "year").annotate(
        n=Count("id"), top=Max("sequence")
    )
    assert per_year
    for group in per_year:
        assert group["n"] == group["top"]  # numbers 1..n, no gaps
        counter = DecisionCounter.objects.get(body_id=group["body_id"], year=group["year"])
        assert counter.last_number == group["n"]
    assert Action.objects.filter(status=Action.Status.OPEN, closed_on__isnull=False).count() == 0
    assert Action.objects.filter(status=Action.Status.DONE, closed_on__isnull=True).count() == 0


def test_it_is_deterministic_for_a_seed():
    def snapshot():
        with transaction.atomic():
            _seed()
            rows = [
                list(Action.objects.order_by("id").values_list("title", "owner__name")),
                list(
                    Plan.objects.order_by("id").values_list(
                        "title", "status", "approved_by_decision__number"
                    )
                ),
                list(
                    Activity.objects.order_by("id").values_list(
                        "title", "owner__name", "start", "end", "status"
                    )
                ),
                list(
                    Milestone.objects.order_by("id").values_list(
                        "title", "date", "meeting__starts_at"
                    )
                ),
                list(
                    ProgressUpdate.objects.order_by("id").values_list(
                        "activity__title", "period__name", "status", "percent"
                    )
                ),
                list(Risk.objects.order_by("id").values_list("title", "score", "review_date")),
                list(Measure.objects.order_by("id").values_list("text", "status", "action__title")),
                list(HiringRequest.objects.order_by("id").values_list("title", "status")),
                list(Candidate.objects.order_by("id").values_list("name", "status")),
                list(Contract.objects.order_by("id").values_list("person_name", "end")),
            ]
            transaction.set_rollback(True)
        return rows

    # Compared by content, never by id: ids differ between runs on PostgreSQL.
    assert snapshot() == snapshot()


def test_it_refuses_a_database_that_has_data():
    _seed()
    with pytest.raises(CommandError, match="lege database"):
        _seed()


def test_it_fills_planning_risks_and_hiring_in_valid_states():
    _seed()
    # A year plan per unit and year; every approved plan has its decision, drafts have none.
    assert Plan.objects.filter(kind=Plan.Kind.YEAR).count() == 10 * 2
    approved = Plan.objects.filter(status=Plan.Status.APPROVED)
    assert approved.count() > Plan.objects.count() // 2
    assert not approved.filter(approved_by_decision__isnull=True).exists()
    assert not Plan.objects.filter(
        status=Plan.Status.DRAFT, approved_by_decision__isnull=False
    ).exists()
    programme = Plan.objects.get(kind=Plan.Kind.WORK)
    assert programme.activities.count() == 300
    assert programme.milestones.count() >= 30
    # Activities lie in their plan's year; decision moments on the day of a real meeting.
    for activity in Activity.objects.select_related("plan"):
        assert activity.start <= activity.end
        assert activity.start.year == activity.end.year == activity.plan.year
    moments = Milestone.objects.filter(kind=Milestone.Kind.DECISION_MOMENT)
    assert moments.exists()
    for moment in moments.select_related("meeting"):
        assert moment.meeting is not None
        assert moment.date == timezone.localdate(moment.meeting.starts_at)
    # Progress over three periods at most, never for an activity that has not started.
    assert ProgressUpdate.objects.count() > Activity.objects.count()
    per_activity = ProgressUpdate.objects.values("activity").annotate(n=Count("id"))
    assert max(row["n"] for row in per_activity) == 3
    assert not ProgressUpdate.objects.filter(activity__status=Activity.Status.PLANNED).exists()
    # Risks: the score is the product, some reviews overdue, some measures on the action list.
    assert Risk.objects.count() == 10 * 20
    assert not Risk.objects.exclude(score=F("probability") * F("impact")).exists()
    today = timezone.localdate()
    assert Risk.objects.filter(status__in=Risk.ACTIVE_STATUSES, review_date__lt=today).exists()
    with_action = Measure.objects.filter(action__isnull=False).select_related("action", "risk")
    assert with_action.exists()
    for measure in with_action:
        assert measure.is_open
        assert measure.action.source_id == measure.pk
        assert measure.action.body_id == measure.risk.body_id
    # Hiring: requests in every stage; an awarded request has one awarded candidate with a
    # contract, and some contracts end within the coming weeks.
    assert HiringRequest.objects.count() == 20
    assert set(HiringRequest.objects.values_list("status", flat=True)) == set(
        HiringRequest.Status.values
    )
    for hiring_request in HiringRequest.objects.filter(status=HiringRequest.Status.AWARDED):
        awarded = hiring_request.candidates.filter(status=Candidate.Status.AWARDED)
        assert awarded.count() == 1
        assert Contract.objects.filter(candidate=awarded.get()).exists()
    assert Contract.objects.filter(
        status=Contract.Status.ACTIVE, end__gte=today, end__lte=today + timedelta(days=60)
    ).exists()


def test_early_in_the_year_the_chase_list_has_last_years_last_quarter():
    """In January the latest ended period is last year's fourth quarter: it still has open
    activities without an update, so the chase list (and its benchmark) has rows."""
    today = date(2031, 1, 15)
    Seeder(SCALES["small"], 7, today, lambda line: None).run()
    period = ReportingPeriod.objects.filter(plan=None, end__lt=today).order_by("-end").first()
    assert period.name == "Q4 2030"
    missing = Activity.objects.filter(
        plan__year=2030,
        status__in=Activity.OPEN_STATUSES,
        start__lte=period.end,
        end__gte=period.start,
    ).exclude(updates__period=period)
    assert missing.exists()
    assert Plan.objects.filter(year=2031, kind=Plan.Kind.WORK).exists()
