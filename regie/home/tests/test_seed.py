import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.db.models import Count, Max

from regie.actions.models import Action
from regie.meetings.models import Decision, DecisionCounter

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
            rows = list(Action.objects.order_by("id").values_list("title", "owner__name"))
            transaction.set_rollback(True)
        return rows

    assert snapshot() == snapshot()


def test_it_refuses_a_database_that_has_data():
    _seed()
    with pytest.raises(CommandError, match="lege database"):
        _seed()
