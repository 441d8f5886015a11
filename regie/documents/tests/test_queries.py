from datetime import timedelta

import pytest
from django.utils import timezone

from regie.core.models import Confidentiality
from regie.documents import queries
from regie.documents.models import ReviewStep
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def secretary():
    return factories.person(role="secretary")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary)


def _routed(body, author, reviewers, dues, statuses=()):
    document = f.document(body=body, author=author)
    route = f.route(
        document=document,
        target_date=max(dues) + timedelta(days=7),
        steps=[
            (f"stap {n}", r, 10 - n, d)
            for n, (r, d) in enumerate(zip(reviewers, dues, strict=True))
        ],
    )
    steps = list(route.steps.order_by("position"))
    for step, status in zip(steps, statuses, strict=False):
        step.status = status
        step.save()
    return steps


def test_waiting_for_lists_only_the_steps_whose_turn_it_is(body, today):
    author, lead = factories.person(), factories.person()
    first, second = _routed(body, author, [author, lead], [today, today + timedelta(days=2)])
    assert list(queries.review_steps_waiting_for(author)) == [first]
    assert list(queries.review_steps_waiting_for(lead)) == []
    first.status = ReviewStep.Status.APPROVED
    first.save()
    waiting = list(queries.review_steps_waiting_for(lead))
    assert waiting == [second]
    assert waiting[0].route.document.body == body


def test_a_returned_step_waits_again_once_the_earlier_steps_are_approved(body, today):
    author, lead = factories.person(), factories.person()
    dues = [today, today + timedelta(days=1)]
    _first, second = _routed(body, author, [author, lead], dues, ["approved", "returned"])
    assert list(queries.review_steps_waiting_for(lead)) == [second]


def test_waiting_for_leaves_out_stukken_the_reviewer_may_no_longer_see(secretary, today):
    secret = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    reviewer = factories.person()
    document = f.document(body=secret, confidentiality=Confidentiality.CONFIDENTIAL)
    f.route(document=document, target_date=today, steps=[("lezen", reviewer, 1, today)])
    assert list(queries.review_steps_waiting_for(reviewer)) == []
    assert list(queries.review_steps_waiting_for(None)) == []


def test_overdue_shows_current_late_steps_in_bodies_the_user_manages(secretary, body, today):
    author = factories.person()
    late = _routed(body, author, [author], [today - timedelta(days=1)])[0]
    _routed(body, author, [author], [today])  # due today: not late
    _routed(body, author, [author, author], [today - timedelta(days=9), today - timedelta(days=5)])
    other_body = factories.body(secretary=factories.person())
    _routed(other_body, author, [author], [today - timedelta(days=3)])
    overdue = list(queries.overdue_review_steps(secretary.user))
    assert late in overdue
    assert [s.position for s in overdue] == [1, 1]  # the later step is not its turn yet
    assert all(s.route.document.body_id == body.pk for s in overdue)
    assert list(queries.overdue_review_steps(author.user)) == []


def test_due_soon_covers_the_next_working_days(secretary, body, today):
    author = factories.person()
    soon = _routed(body, author, [author], [today])[0]
    _routed(body, author, [author], [today + timedelta(days=30)])
    assert list(queries.review_steps_due_soon(secretary.user, today=today)) == [soon]


def test_documents_due_lists_the_authors_stukken_by_their_current_step(body, today):
    author, lead = factories.person(), factories.person()
    steps = _routed(body, author, [author, lead], [today, today + timedelta(days=3)], ["approved"])
    _routed(body, factories.person(), [lead], [today])
    assert list(queries.documents_due(author, today + timedelta(days=3))) == [steps[1]]
    assert list(queries.documents_due(author, today + timedelta(days=2))) == []
    assert list(queries.documents_due(None, today)) == []


def test_the_queries_run_a_fixed_number_of_statements(
    secretary, body, today, django_assert_num_queries
):
    author = factories.person()
    for n in range(20):
        _routed(body, author, [author, secretary], [today - timedelta(days=n), today])
    with django_assert_num_queries(4):  # viewer (3, once per request) + steps
        assert len(list(queries.overdue_review_steps(secretary.user))) == 19
    with django_assert_num_queries(2):  # calendar + steps
        list(queries.review_steps_due_soon(secretary.user))
    author_with_user = type(author).objects.select_related("user").get(pk=author.pk)
    with django_assert_num_queries(4):  # viewer (3) + steps
        steps = list(queries.review_steps_waiting_for(author_with_user))
        assert [s.route.document.title for s in steps]
