from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from regie.actions.models import Action
from regie.core.errors import DomainError, StaleEditError
from regie.core.models import Confidentiality
from regie.risks import services
from regie.risks.models import Measure, Risk
from regie.risks.tests import factories as rf

pytestmark = pytest.mark.django_db


def _today():
    return timezone.localdate()


def _create(world, **kw):
    data = {
        "actor": world.lead.user,
        "title": "Leverancier failliet",
        "unit": world.unit,
        "owner": world.lead,
        "probability": 4,
        "impact": 5,
        "review_date": _today() + timedelta(days=10),
        "cause": "Krappe markt",
        "event": "Leverancier stopt",
        "effect": "Project loopt vertraging op",
    }
    return services.risk_create(**(data | kw))


def test_a_new_risk_gets_its_score_author_and_history(world):
    risk = _create(world)
    assert risk.score == 20 and risk.status == Risk.Status.OPEN
    assert risk.created_by == world.lead
    first = risk.history.get()
    assert first.history_user == world.lead.user


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("probability", 0, "kans een waarde van 1 tot en met 5"),
        ("probability", 6, "kans een waarde van 1 tot en met 5"),
        ("impact", 6, "impact een waarde van 1 tot en met 5"),
        ("impact", "drie", "impact een waarde van 1 tot en met 5"),
        ("title", "   ", "Geef het risico een titel"),
        ("review_date", None, "volgende herbeoordeling"),
        ("owner", None, "risico-eigenaar"),
        ("status", "weg", "geldige status"),
    ],
)
def test_bad_input_for_a_new_risk_is_refused_in_dutch_and_stores_nothing(
    world, field, value, message
):
    with pytest.raises(DomainError) as error:
        _create(world, **{field: value})
    assert message in error.value.message
    assert error.value.field == field
    assert not Risk.objects.exists()


def test_a_new_risk_may_not_be_reviewed_in_the_past(world):
    with pytest.raises(DomainError, match="ligt in het verleden"):
        _create(world, review_date=_today() - timedelta(days=1))
    assert not Risk.objects.exists()


def test_a_reassessment_recomputes_the_score_and_says_so_in_history(world):
    risk = _create(world)
    services.risk_update(
        actor=world.secretary.user, risk=risk, expected_version=1, probability=2, impact=3
    )
    risk.refresh_from_db()
    assert (risk.score, risk.version) == (6, 2)
    latest = risk.history.order_by("-history_id").first()
    assert latest.history_user == world.secretary.user
    assert "score 6" in latest.history_change_reason


def test_a_stale_edit_is_refused_and_changes_nothing(world):
    risk = _create(world)
    services.risk_update(actor=world.lead.user, risk=risk, expected_version=1, title="Nieuw")
    stale = Risk.objects.get(pk=risk.pk)
    stale.version = 1
    with pytest.raises(StaleEditError) as error:
        services.risk_update(actor=world.lead.user, risk=stale, expected_version=1, impact=1)
    assert "Iemand anders" in error.value.message
    risk.refresh_from_db()
    assert (risk.title, risk.impact, risk.version) == ("Nieuw", 5, 2)


def test_an_overdue_review_date_may_stay_but_not_be_moved_into_the_past(world):
    risk = rf.risk(unit=world.unit, owner=world.lead, review_date=_today() - timedelta(days=3))
    services.risk_update(
        actor=world.lead.user,
        risk=risk,
        expected_version=1,
        title="Nog steeds",
        review_date=risk.review_date,
    )
    with pytest.raises(DomainError, match="verleden"):
        services.risk_update(
            actor=world.lead.user,
            risk=risk,
            expected_version=2,
            review_date=_today() - timedelta(days=1),
        )
    risk.refresh_from_db()
    assert risk.version == 2


def test_bad_values_on_update_are_refused_and_unknown_fields_too(world):
    risk = _create(world)
    with pytest.raises(DomainError, match="1 tot en met 5"):
        services.risk_update(actor=world.lead.user, risk=risk, expected_version=1, probability=6)
    with pytest.raises(DomainError, match="Onbekend veld"):
        services.risk_update(actor=world.lead.user, risk=risk, expected_version=1, score=1)
    risk.refresh_from_db()
    assert (risk.probability, risk.score, risk.version) == (4, 20, 1)


def test_a_status_change_is_recorded_with_its_reason(world):
    risk = _create(world)
    services.risk_update(
        actor=world.lead.user, risk=risk, expected_version=1, status=Risk.Status.CONTROLLED
    )
    latest = risk.history.order_by("-history_id").first()
    assert latest.history_change_reason == "Status: beheerst"


def test_measures_are_checked_and_updated_with_locking(world):
    risk = _create(world)
    with pytest.raises(DomainError, match="Omschrijf de maatregel"):
        services.measure_create(actor=world.lead.user, risk=risk, text=" ", owner=world.lead)
    with pytest.raises(DomainError, match="verleden"):
        services.measure_create(
            actor=world.lead.user,
            risk=risk,
            text="Tweede leverancier",
            owner=world.lead,
            due_date=_today() - timedelta(days=1),
        )
    assert not Measure.objects.exists()
    measure = services.measure_create(
        actor=world.lead.user, risk=risk, text="Tweede leverancier", owner=world.employee
    )
    services.measure_update(
        actor=world.employee.user, measure=measure, expected_version=1, status="in_progress"
    )
    with pytest.raises(StaleEditError):
        services.measure_update(
            actor=world.lead.user, measure=measure, expected_version=1, status="done"
        )
    measure.refresh_from_db()
    assert measure.status == "in_progress"


def test_a_measure_becomes_an_action_once_with_the_measure_as_its_source(world):
    risk = _create(world, body=world.steering, confidentiality=Confidentiality.CONFIDENTIAL)
    measure = rf.measure(risk=risk, owner=world.employee, text="Contract herzien")
    due = _today() + timedelta(days=14)
    action = services.measure_to_action(
        actor=world.lead.user, measure=measure, expected_version=1, owner=world.lead, due_date=due
    )
    measure.refresh_from_db()
    assert measure.action == action
    assert (action.title, action.owner, action.due_date) == ("Contract herzien", world.lead, due)
    assert action.body == world.steering
    assert action.confidentiality == Confidentiality.CONFIDENTIAL
    assert action.source_type == ContentType.objects.get_for_model(Measure)
    assert action.source_id == measure.pk
    assert action.source_label == "Risico: Leverancier failliet"
    with pytest.raises(DomainError, match="al een actie"):
        services.measure_to_action(actor=world.lead.user, measure=measure, expected_version=2)
    assert Action.objects.count() == 1


def test_a_measure_without_due_date_needs_one_for_its_action_and_nothing_is_made(world):
    risk = _create(world)
    measure = rf.measure(risk=risk, owner=world.employee, due_date=None)
    with pytest.raises(DomainError, match="uiterste datum"):
        services.measure_to_action(actor=world.lead.user, measure=measure, expected_version=1)
    assert not Action.objects.exists()
    measure.refresh_from_db()
    assert measure.action is None


def test_a_stale_measure_makes_no_action(world):
    risk = _create(world)
    measure = rf.measure(risk=risk, owner=world.employee)
    with pytest.raises(StaleEditError):
        services.measure_to_action(actor=world.lead.user, measure=measure, expected_version=7)
    assert not Action.objects.exists()
