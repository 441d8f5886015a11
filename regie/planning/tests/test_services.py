from datetime import date

import pytest
from django.utils import timezone

from regie.core.errors import DomainError, StaleEditError
from regie.meetings.models import Meeting
from regie.planning import services
from regie.planning.models import Activity, Milestone, Plan, ProgressUpdate, ReportingPeriod
from regie.planning.tests import factories as pf
from regie.testing.minutes_factories import decision

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pf.plan_world()


def test_a_plan_is_created_internal_with_history_and_author(world):
    actor = world.secretary.user
    plan = services.plan_create(
        actor=actor, unit=world.other_unit, year=2027, title="  Jaarplan Uitvoering  "
    )
    assert plan.title == "Jaarplan Uitvoering"
    assert plan.confidentiality == "internal" and plan.status == Plan.Status.DRAFT
    assert plan.history.first().history_user == actor


def test_a_unit_has_one_year_plan_per_year(world):
    with pytest.raises(DomainError, match="al een jaarplan"):
        services.plan_create(actor=None, unit=world.unit, year=2027, title="Nog een")
    work = services.plan_create(
        actor=None, unit=world.unit, year=2027, title="Werkplan", kind=Plan.Kind.WORK
    )
    assert work.kind == "work"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"title": " "}, "titel"),
        ({"year": 1850}, "jaar tussen"),
        ({"kind": "decade"}, "jaarplan of werkplan"),
    ],
)
def test_bad_plan_input_is_refused_in_dutch(world, kw, message):
    data = {"unit": world.other_unit, "year": 2028, "title": "Plan"} | kw
    with pytest.raises(DomainError, match=message):
        services.plan_create(actor=None, **data)
    assert not Plan.objects.filter(unit=world.other_unit).exists()


def test_a_stale_plan_edit_is_refused_and_changes_nothing(world):
    plan = world.plan
    services.plan_update(actor=None, plan=plan, expected_version=1, title="Eerste")
    stale = Plan.objects.get(pk=plan.pk)
    stale.version = 1
    with pytest.raises(StaleEditError):
        services.plan_update(actor=None, plan=stale, expected_version=1, title="Tweede")
    assert Plan.objects.get(pk=plan.pk).title == "Eerste"


def test_approving_requires_a_decision_and_records_it(world):
    plan = world.plan
    with pytest.raises(DomainError, match="met een besluit"):
        services.plan_approve(actor=None, plan=plan, decision=None, expected_version=1)
    besluit = decision(item=world.meetings.item, text="Jaarplan vastgesteld")
    services.plan_approve(
        actor=world.secretary.user, plan=plan, decision=besluit, expected_version=1
    )
    plan.refresh_from_db()
    assert plan.status == Plan.Status.APPROVED and plan.approved_by_decision == besluit
    assert besluit.number in plan.history.first().history_change_reason
    with pytest.raises(DomainError, match="al vastgesteld"):
        services.plan_approve(actor=None, plan=plan, decision=besluit, expected_version=2)


def test_an_activity_ending_before_it_starts_is_refused(world):
    with pytest.raises(DomainError, match="vóór de startdatum"):
        services.activity_create(
            actor=None,
            plan=world.plan,
            title="Evaluatie",
            owner=world.owner,
            start=date(2027, 5, 1),
            end=date(2027, 4, 1),
        )
    assert not Activity.objects.exists()


def test_an_activity_takes_the_plan_unit_and_a_goal_of_its_own_plan(world):
    goal = services.goal_create(actor=None, plan=world.plan, title="Betere dienstverlening")
    activity = services.activity_create(
        actor=None,
        plan=world.plan,
        goal=goal,
        title="Klantreis",
        owner=world.owner,
        start=date(2027, 2, 1),
        end=date(2027, 6, 30),
    )
    assert activity.unit == world.unit and goal.position == 1
    other_plan = pf.plan(unit=world.other_unit)
    foreign_goal = pf.goal(plan=other_plan)
    with pytest.raises(DomainError, match="ander plan"):
        services.activity_update(
            actor=None, activity=activity, expected_version=1, goal=foreign_goal
        )
    with pytest.raises(DomainError, match="vóór de startdatum"):
        services.activity_update(
            actor=None, activity=activity, expected_version=1, end=date(2027, 1, 1)
        )
    services.activity_update(actor=None, activity=activity, expected_version=1, status="done")
    with pytest.raises(StaleEditError):
        services.activity_update(actor=None, activity=activity, expected_version=1, title="X")


def test_linking_stukken_and_besluiten(world):
    activity = pf.activity(plan=world.plan, owner=world.owner)
    besluit = decision(item=world.meetings.item)
    services.activity_link(actor=None, activity=activity, decisions=[besluit])
    assert list(activity.decisions.all()) == [besluit]


def test_a_decision_moment_needs_a_meeting_and_takes_its_date(world):
    with pytest.raises(DomainError, match="vergadering van een gremium"):
        services.milestone_create(
            actor=None,
            plan=world.plan,
            title="Besluit uitvoeringsagenda",
            date=date(2027, 3, 1),
            kind=Milestone.Kind.DECISION_MOMENT,
        )
    meeting: Meeting = world.meetings.next_meeting
    moment = services.milestone_create(
        actor=None,
        plan=world.plan,
        title="Besluit uitvoeringsagenda",
        kind=Milestone.Kind.DECISION_MOMENT,
        meeting=meeting,
    )
    assert moment.date == timezone.localdate(meeting.starts_at)
    with pytest.raises(DomainError, match="Geef een datum"):
        services.milestone_create(actor=None, plan=world.plan, title="Zonder datum")


def test_quarters_and_tertials_are_generated_with_working_day_deadlines(world):
    quarters = services.periods_generate(actor=None, year=2027, scheme="quarters")
    assert [p.name for p in quarters] == ["Q1 2027", "Q2 2027", "Q3 2027", "Q4 2027"]
    assert quarters[0].end == date(2027, 3, 31) and quarters[3].end == date(2027, 12, 31)
    assert quarters[0].deadline.weekday() < 5 and quarters[0].deadline > quarters[0].end
    with pytest.raises(DomainError, match="al rapportageperiodes"):
        services.periods_generate(actor=None, year=2027, scheme="tertials")
    tertials = services.periods_generate(actor=None, year=2027, scheme="tertials", plan=world.plan)
    assert [(p.name, p.end) for p in tertials][1] == ("T2 2027", date(2027, 8, 31))
    with pytest.raises(DomainError, match="kwartalen of tertialen"):
        services.periods_generate(actor=None, year=2028, scheme="maanden")


def test_a_custom_period_is_checked(world):
    with pytest.raises(DomainError, match="vóór de startdatum"):
        services.period_create(
            actor=None, name="Zomer", start=date(2027, 8, 1), end=date(2027, 6, 1)
        )
    period = services.period_create(
        actor=None, name="Zomer 2027", start=date(2027, 6, 1), end=date(2027, 8, 31)
    )
    assert period.reminder_working_days == 5 and period.deadline > period.end
    assert ReportingPeriod.objects.count() == 1


@pytest.fixture
def progress_world(world):
    world.activity = pf.activity(plan=world.plan, owner=world.owner)
    world.period = pf.period()
    return world


def _record(world, actor, **kw):
    data = {"status": "on_track", "percent": 40, "text": "Loopt volgens plan"} | kw
    return services.progress_record(
        actor=actor, activity=world.activity, period=world.period, **data
    )


@pytest.mark.parametrize("percent", [-1, 101, None])
def test_percent_outside_0_100_is_refused(progress_world, percent):
    with pytest.raises(DomainError, match="tussen 0 en 100"):
        _record(progress_world, progress_world.owner.user, percent=percent)
    assert not ProgressUpdate.objects.exists()


def test_the_owner_and_the_secretary_report_others_do_not(progress_world):
    w = progress_world
    with pytest.raises(DomainError, match="eigenaar"):
        _record(w, w.colleague.user)
    update = _record(w, w.owner.user)
    assert update.author == w.owner and update.percent == 40
    changed = _record(w, w.secretary.user, percent=60, expected_version=1)
    assert changed.percent == 60 and changed.version == 2


def test_not_on_track_needs_an_explanation(progress_world):
    with pytest.raises(DomainError, match="Licht toe"):
        _record(progress_world, progress_world.owner.user, status="at_risk", text="")


def test_a_second_update_for_the_same_period_without_version_is_stale(progress_world):
    w = progress_world
    _record(w, w.owner.user)
    with pytest.raises(StaleEditError):
        _record(w, w.secretary.user, percent=90)
    _record(w, w.owner.user, percent=70, expected_version=1)
    with pytest.raises(StaleEditError):
        _record(w, w.secretary.user, percent=90, expected_version=1)
    assert ProgressUpdate.objects.get().percent == 70


def test_a_period_of_another_year_is_refused(progress_world):
    w = progress_world
    w.period = pf.period(year=2026, name="Q1 2026")
    with pytest.raises(DomainError, match="ander jaar"):
        _record(w, w.owner.user)


def test_turning_a_work_plan_into_a_second_year_plan_is_refused(world):
    work = services.plan_create(
        actor=None, unit=world.unit, year=2027, title="Werkplan", kind=Plan.Kind.WORK
    )
    with pytest.raises(DomainError, match="al een jaarplan"):
        services.plan_update(actor=None, plan=work, expected_version=1, kind=Plan.Kind.YEAR)
    assert Plan.objects.get(pk=work.pk).kind == Plan.Kind.WORK
