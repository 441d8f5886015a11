from datetime import date

import pytest

from regie.actions.models import Action
from regie.actions.queries import body_action_list
from regie.testing import factories

pytestmark = pytest.mark.django_db


def test_an_open_action_stays_on_every_next_list_until_it_is_closed():
    secretary = factories.person(role="secretary")
    body = factories.body(secretary=secretary)
    action = factories.action(owner=secretary, body=body, raised_on=date(2026, 1, 10))
    factories.action(owner=secretary, body=body, raised_on=date(2026, 3, 1), title="later")

    def titles(day):
        return [a.title for a in body_action_list(secretary.user, body.pk, on=day)]

    assert titles(date(2026, 1, 9)) == []
    assert titles(date(2026, 2, 1)) == [action.title]
    action.status = Action.Status.DONE
    action.closed_on = date(2026, 4, 1)
    action.save()
    assert titles(date(2026, 3, 15)) == [action.title, "later"]
    assert titles(date(2026, 4, 1)) == [action.title, "later"]  # closed at that meeting
    assert titles(date(2026, 5, 1)) == ["later"]
