from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality
from regie.planning import queries
from regie.planning.models import Milestone
from regie.planning.tests import factories as pf
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return pf.plan_world()


def _grow(world, n: int):
    """n more units with a plan, activities, milestones and updates."""
    period = world.period
    for _ in range(n):
        unit = factories.unit()
        plan = pf.plan(unit=unit)
        goal = pf.goal(plan=plan)
        for _ in range(2):
            activity = pf.activity(plan=plan, owner=world.owner, goal=goal)
            pf.update(activity=activity, period=period)
            pf.activity(plan=plan, owner=world.colleague)
        pf.milestone(plan=plan, date=world.today + timedelta(days=10))
        pf.milestone(
            plan=plan,
            kind=Milestone.Kind.DECISION_MOMENT,
            meeting=world.meetings.next_meeting,
            date=world.meetings.next_meeting.starts_at.date(),
        )


@pytest.fixture
def grown(world):
    world.today = timezone.localdate()
    world.period = pf.period()
    return world


def test_plans_with_counts_counts_without_multiplying(world):
    pf.goal(plan=world.plan)
    for _ in range(3):
        pf.activity(plan=world.plan, owner=world.owner)
    pf.milestone(plan=world.plan)
    plan = queries.plans_with_counts(world.secretary.user, year=2027).get()
    assert (plan.n_goals, plan.n_activities, plan.n_open, plan.n_milestones) == (1, 3, 3, 1)


def test_year_overview_lists_every_unit_with_or_without_a_plan(world):
    rows = {r.unit.name: r for r in queries.year_overview(world.secretary.user, 2027)}
    assert rows["Team Beleid"].year_plan == world.plan
    assert rows["Team Uitvoering"].year_plan is None


def test_an_external_member_sees_no_internal_plans(world):
    assert queries.plans_with_counts(world.external.user).count() == 0
    world.plan.confidentiality = Confidentiality.PUBLIC
    world.plan.save()
    assert queries.plans_with_counts(world.external.user).count() == 1


def test_a_confidential_plan_is_seen_only_by_its_own_unit(world):
    world.plan.confidentiality = Confidentiality.CONFIDENTIAL
    world.plan.save()
    assert queries.plans_with_counts(world.owner.user).count() == 1
    assert queries.plans_with_counts(world.colleague.user).count() == 0


def test_the_chase_list_has_open_running_activities_without_an_update(grown):
    w = grown
    done = pf.activity(plan=w.plan, owner=w.owner, title="Klaar", status="done")
    later = pf.activity(
        plan=w.plan, owner=w.owner, title="Later", start=date(2027, 9, 1), end=date(2027, 10, 1)
    )
    updated = pf.activity(plan=w.plan, owner=w.owner, title="Bijgewerkt")
    pf.update(activity=updated, period=w.period)
    missing = pf.activity(plan=w.plan, owner=w.colleague, title="Nog niet")
    rows = queries.missing_updates(w.secretary.user, w.period)
    assert [(r.owner, [a.title for a in r.activities]) for r in rows] == [
        (w.colleague, ["Nog niet"])
    ]
    assert done and later and missing


def test_milestones_in_the_next_eight_weeks(grown):
    w = grown
    soon = pf.milestone(plan=w.plan, date=w.today + timedelta(days=7))
    pf.milestone(plan=w.plan, date=w.today + timedelta(weeks=9))
    pf.milestone(plan=w.plan, date=w.today - timedelta(days=1))
    assert list(queries.upcoming_milestones(w.secretary.user, today=w.today)) == [soon]


def test_the_forward_agenda_groups_decision_moments_per_body_and_meeting(grown):
    w = grown
    meeting = w.meetings.next_meeting
    moment = pf.milestone(
        plan=w.plan,
        kind=Milestone.Kind.DECISION_MOMENT,
        meeting=meeting,
        date=meeting.starts_at.date(),
        title="Jaarplan ter vaststelling",
    )
    pf.milestone(
        plan=w.plan,
        kind=Milestone.Kind.DECISION_MOMENT,
        meeting=w.meetings.meeting,
        date=w.meetings.meeting.starts_at.date(),
    )
    agenda = queries.forward_agenda(w.secretary.user, today=w.today)
    assert len(agenda) == 1 and agenda[0].body == w.meetings.body
    assert agenda[0].meetings[0].meeting == meeting
    assert agenda[0].meetings[0].milestones == [moment]
    stranger = factories.person(role="external_member")
    assert queries.forward_agenda(stranger.user, today=w.today) == []
    assert queries.forward_agenda(w.external.user, today=w.today) == []


def _count_queries(django_assert_max_num_queries, fn, limit):
    with django_assert_max_num_queries(limit) as captured:
        fn()
    return len(captured.captured_queries)


@pytest.mark.parametrize(
    "read",
    [
        lambda w: list(queries.plans_with_counts(w.secretary.user, year=2027)),
        lambda w: queries.year_overview(w.secretary.user, 2027),
        lambda w: queries.missing_updates(w.secretary.user, w.period),
        lambda w: list(queries.upcoming_milestones(w.secretary.user, today=w.today)),
        lambda w: queries.forward_agenda(w.secretary.user, today=w.today),
        lambda w: queries.plan_detail(w.plan),
    ],
)
def test_reads_run_a_fixed_number_of_queries(grown, django_assert_max_num_queries, read):
    w = grown
    _grow(w, 2)
    for plan in [w.plan]:
        pf.activity(plan=plan, owner=w.owner)
    first = _count_queries(django_assert_max_num_queries, lambda: read(w), 10)
    _grow(w, 5)
    for _ in range(5):
        pf.activity(plan=w.plan, owner=w.colleague)
    w.secretary.user = type(w.secretary.user).objects.get(pk=w.secretary.user.pk)
    second = _count_queries(django_assert_max_num_queries, lambda: read(w), 10)
    assert first == second
