from datetime import date, timedelta

import pytest
from django.utils import timezone

from regie.core.errors import DomainError
from regie.core.models import ClosingDay, Confidentiality, OrganisationUnit, Person
from regie.documents import services
from regie.documents.models import ReviewStep
from regie.documents.services import StepSpec
from regie.testing import documents_factories as f
from regie.testing import factories

pytestmark = pytest.mark.django_db

# Tuesday 2 May 2028: Koningsdag (Thursday 27 April) lies in between; Easter is 14-17 April.
MEETING = date(2028, 5, 2)


@pytest.fixture
def secretary():
    return factories.person(role="secretary", name="Sanne Secretaris")


@pytest.fixture
def body(secretary):
    return factories.body(secretary=secretary, documents_due_working_days=5)


@pytest.fixture
def author():
    return factories.person(name="Anna Auteur")


@pytest.fixture
def document(body, author):
    return f.document(body=body, author=author)


def _route(actor, document, steps, target=MEETING):
    return services.route_set(
        actor=actor, document=document, target_date=target, target_label="DO", steps=steps
    )


def _dues(route):
    return [s.due_date for s in route.steps.order_by("position")]


def test_due_dates_count_back_over_koningsdag(secretary, document):
    route = _route(secretary.user, document, [StepSpec("secretariaat", None, 3)])
    # 1 May (Mon), 28 April (Fri), 27 April is Koningsdag, 26 April (Wed).
    assert _dues(route) == [date(2028, 4, 26)]


def test_a_closing_day_of_the_organisation_does_not_count(secretary, document):
    ClosingDay.objects.create(date=date(2028, 4, 28), name="brugdag na Koningsdag")
    route = _route(secretary.user, document, [StepSpec("secretariaat", None, 3)])
    assert _dues(route) == [date(2028, 4, 25)]


def test_due_dates_count_back_over_christmas_and_new_year(secretary, document):
    route = _route(
        secretary.user, document, [StepSpec("secretariaat", None, 5)], target=date(2029, 1, 4)
    )
    # 3 and 2 January, New Year's Day, the weekend, 29 and 28 December, Christmas is 25-26.
    assert _dues(route) == [date(2028, 12, 27)]


def test_the_default_route_is_author_team_lead_director_secretariat(secretary, body):
    directorate = OrganisationUnit.objects.create(name="Directie", kind="directorate")
    team = OrganisationUnit.objects.create(name="Team", kind="team", parent=directorate)
    writer = factories.person(name="Anna Auteur", unit=team)
    lead = factories.person(role=Person.Role.TEAM_LEAD, name="Tim Teamleider", unit=team)
    director = factories.person(role=Person.Role.DIRECTOR, name="Dirk", unit=directorate)
    document = f.document(body=body, author=writer)
    steps = services.default_steps_for(document, body)
    assert [(s.reviewer, s.working_days_before) for s in steps] == [
        (writer, 11),
        (lead, 9),
        (director, 7),
        (secretary, 5),
    ]
    assert "secretariaat" in steps[-1].label
    route = _route(secretary.user, document, steps)
    assert _dues(route) == [
        date(2028, 4, 12),
        date(2028, 4, 18),
        date(2028, 4, 20),
        date(2028, 4, 24),
    ]


def test_the_default_route_without_unit_or_body_leaves_reviewers_open(author):
    document = f.document(author=author)
    steps = services.default_steps_for(document, None)
    assert [s.reviewer for s in steps] == [author, None, None, None]
    assert steps[-1].working_days_before == 5


@pytest.mark.parametrize(
    ("steps", "message"),
    [
        ([], "ten minste één stap"),
        ([StepSpec("a", None, 5), StepSpec("b", None, 8)], "minder werkdagen"),
        ([StepSpec("a", None, 5), StepSpec("b", None, 5)], "minder werkdagen"),
        ([StepSpec("a", None, 300)], "tussen 0 en 250"),
        ([StepSpec(" ", None, 3)], "naam"),
        ([StepSpec(str(n), None, 20 - n) for n in range(11)], "hoogstens 10"),
    ],
)
def test_bad_steps_are_refused_and_change_nothing(secretary, document, steps, message):
    with pytest.raises(DomainError, match=message):
        _route(secretary.user, document, steps)
    assert not ReviewStep.objects.exists()


def test_a_step_whose_due_date_has_passed_is_refused(secretary, document):
    soon = timezone.localdate() + timedelta(days=3)
    with pytest.raises(DomainError, match=r"had al op .* klaar moeten zijn") as error:
        _route(secretary.user, document, [StepSpec("auteur", None, 15)], target=soon)
    assert error.value.field == "target_date"
    assert not ReviewStep.objects.exists()


def test_a_meeting_in_the_past_is_refused(secretary, document):
    with pytest.raises(DomainError, match="verleden"):
        _route(secretary.user, document, [StepSpec("a", None, 0)], target=date(2020, 1, 6))


def test_a_reviewer_who_may_not_see_the_stuk_is_refused(secretary):
    secret_body = factories.body(secretary=secretary, confidentiality=Confidentiality.CONFIDENTIAL)
    document = f.document(body=secret_body, confidentiality=Confidentiality.CONFIDENTIAL)
    outsider = factories.person(name="Otto Buiten")
    with pytest.raises(DomainError, match="Otto Buiten mag dit stuk niet inzien"):
        _route(secretary.user, document, [StepSpec("lezen", outsider, 5)])


def test_only_the_author_or_the_secretary_sets_the_route(document, author, secretary):
    with pytest.raises(DomainError, match="Alleen de auteur of de secretaris"):
        _route(factories.person().user, document, [StepSpec("a", None, 5)])
    _route(author, document, [StepSpec("a", None, 5)])
    route = _route(secretary.user, document, [StepSpec("a", None, 6), StepSpec("b", None, 2)])
    assert route.steps.count() == 2
    assert "opnieuw ingesteld" in route.history.first().history_change_reason


@pytest.fixture
def routed(secretary, document, author):
    lead = factories.person(role=Person.Role.TEAM_LEAD, name="Tim Teamleider")
    director = factories.person(role=Person.Role.DIRECTOR, name="Dirk Directeur")
    route = _route(
        secretary.user,
        document,
        [
            StepSpec("auteur", author, 11),
            StepSpec("teamleider", lead, 9),
            StepSpec("directeur", director, 7),
            StepSpec("secretariaat", None, 5),
        ],
    )
    return route, list(route.steps.order_by("position")), lead, director


def test_steps_are_approved_in_turn_by_their_reviewer(routed, author, secretary):
    route, (first, second, third, _last), lead, _director = routed
    with pytest.raises(DomainError, match="nog niet aan de beurt"):
        services.step_approve(actor=lead.user, step=second)
    services.step_approve(actor=author.user, step=first)
    services.step_approve(actor=lead, step=second, comment="Prima stuk")
    with pytest.raises(DomainError, match="al afgehandeld"):
        services.step_approve(actor=lead.user, step=second)
    second.refresh_from_db()
    assert second.status == ReviewStep.Status.APPROVED
    assert second.comment == "Prima stuk"
    assert second.decided_by == lead
    assert second.decided_at is not None
    assert second.history.first().history_user == lead.user
    assert services.current_step(route) == third


def test_someone_else_may_not_decide(routed):
    _, (first, *_rest), lead, director = routed
    for intruder in (factories.person().user, lead.user, director.user):
        with pytest.raises(DomainError, match="Alleen de beoordelaar of de secretaris"):
            services.step_approve(actor=intruder, step=first)
    assert not ReviewStep.objects.filter(status=ReviewStep.Status.APPROVED).exists()


def test_the_secretary_may_decide_on_behalf_of_a_reviewer(routed, secretary):
    _, (first, *_rest), _lead, _director = routed
    services.step_approve(actor=secretary.user, step=first, comment="namens de auteur")
    first.refresh_from_db()
    assert first.status == ReviewStep.Status.APPROVED
    assert first.decided_by == secretary


def test_returning_needs_a_comment_and_sends_the_route_back_to_the_author(routed, author):
    route, (first, second, third, last), lead, director = routed
    services.step_approve(actor=author.user, step=first)
    services.step_approve(actor=lead.user, step=second)
    with pytest.raises(DomainError, match="opmerking"):
        services.step_return(actor=director.user, step=third, comment="  ")
    services.step_return(actor=director.user, step=third, comment="Financiële paragraaf mist")
    statuses = list(route.steps.order_by("position").values_list("status", "comment"))
    assert statuses == [
        ("pending", ""),
        ("pending", ""),
        ("returned", "Financiële paragraaf mist"),
        ("pending", ""),
    ]
    assert services.current_step(route).pk == first.pk
    reason = first.history.first().history_change_reason
    assert "Teruggestuurd naar de auteur" in reason and "Financiële paragraaf mist" in reason
    # Round two: the director decides again once it is their turn.
    services.step_approve(actor=author.user, step=first)
    services.step_approve(actor=lead.user, step=second)
    services.step_approve(actor=director.user, step=third)
    assert services.current_step(route).pk == last.pk


def test_the_first_step_cannot_be_returned(routed, author):
    _, (first, *_rest), _lead, _director = routed
    with pytest.raises(DomainError, match="eerste stap"):
        services.step_return(actor=author.user, step=first, comment="zelf terug")


def test_a_decision_on_a_step_of_a_replaced_route_is_refused(routed, secretary, document, author):
    _, (first, *_rest), _lead, _director = routed
    _route(secretary.user, document, [StepSpec("nieuw", author, 5)])
    with pytest.raises(DomainError, match="bestaat niet meer"):
        services.step_approve(actor=author.user, step=first)
