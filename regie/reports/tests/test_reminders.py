"""Reminders in the daily e-mail: progress to fill in for a reporting period, risks to review."""

from datetime import date

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext

from regie.planning.tests import factories as planning_factories
from regie.reports.digest import build_digests, send_digests
from regie.risks.models import Risk
from regie.risks.tests import factories as risk_factories
from regie.testing import factories

pytestmark = pytest.mark.django_db

# Wednesday 30 December 2026. Three working days before it, counting back over Christmas
# (Friday 25 December, a holiday) and the weekend of 26 and 27 December, is Thursday 24
# December.
DEADLINE = date(2026, 12, 30)
FIRST_DAY = date(2026, 12, 24)
DAY_BEFORE = date(2026, 12, 23)


@pytest.fixture
def cycle():
    unit = factories.unit(name="Team Beleid")
    owner = factories.person(name="Olga Eigenaar", unit=unit)
    done = factories.person(name="Daan Klaar", unit=unit)
    plan = planning_factories.plan(unit=unit, year=2026)
    period = planning_factories.period(
        year=2026,
        name="T3 2026",
        start=date(2026, 9, 1),
        end=date(2026, 12, 31),
        deadline=DEADLINE,
        reminder_working_days=3,
    )
    activity = planning_factories.activity(
        plan=plan, owner=owner, title="Subsidieregeling evalueren", start=date(2026, 2, 1)
    )
    finished = planning_factories.activity(plan=plan, owner=done, title="Al bijgewerkt")
    planning_factories.update(activity=finished, period=period)
    return owner, done, activity, period


def _mail_to(person):
    found = [m for m in mail.outbox if m.to == [person.email]]
    assert len(found) <= 1
    return found[0] if found else None


def test_the_progress_reminder_starts_exactly_n_working_days_before_the_deadline(cycle):
    owner, done, activity, period = cycle
    assert send_digests(DAY_BEFORE) == 0
    assert mail.outbox == []
    assert send_digests(FIRST_DAY) == 1
    message = _mail_to(owner)
    assert message is not None
    assert "VOORTGANG INVULLEN" in message.body
    assert "Subsidieregeling evalueren (T3 2026), uiterlijk 30 december 2026" in message.body
    assert f"/planning/activiteit/{activity.pk}/voortgang/{period.pk}/" in message.body
    assert "TE LAAT" not in message.body
    html = message.alternatives[0].content
    assert "Voortgang invullen" in html and "uiterlijk 30 december 2026" in html
    assert "1 voortgang in te vullen" in message.subject
    assert _mail_to(done) is None  # already updated: nothing to report, no mail


def test_the_reminder_counts_closing_days_too(cycle):
    from regie.core.models import ClosingDay

    owner, _done, _activity, _period = cycle
    ClosingDay.objects.create(date=date(2026, 12, 28), name="Collectief vrij")
    # One working day fewer between 24 and 30 December: the window opens on the 23rd.
    assert send_digests(date(2026, 12, 22)) == 0
    assert send_digests(DAY_BEFORE) == 1
    assert _mail_to(owner) is not None


def test_after_the_deadline_the_reminder_is_late_until_updated_or_ten_working_days(cycle):
    owner, _done, activity, period = cycle
    assert send_digests(date(2026, 12, 31)) == 1
    message = _mail_to(owner)
    assert "uiterlijk 30 december 2026 - TE LAAT" in message.body
    assert "(1 te laat)" in message.subject
    mail.outbox.clear()
    # Ten working days after 30 December (1 January is a holiday) is 14 January 2027.
    assert send_digests(date(2027, 1, 14)) == 1
    mail.outbox.clear()
    assert send_digests(date(2027, 1, 15)) == 0
    planning_factories.update(activity=activity, period=period)
    assert send_digests(date(2027, 1, 13)) == 0


def test_only_the_owner_of_an_open_running_activity_is_reminded(cycle):
    owner, _done, activity, period = cycle
    colleague = factories.person(name="Collega", unit=owner.unit)
    stopped = planning_factories.activity(
        plan=activity.plan, owner=colleague, title="Gestopt", status="cancelled"
    )
    later = planning_factories.activity(
        plan=activity.plan,
        owner=colleague,
        title="Begint pas volgend jaar",
        start=date(2027, 2, 1),
        end=date(2027, 6, 1),
    )
    assert stopped.status not in stopped.OPEN_STATUSES and later.start > period.end
    assert send_digests(FIRST_DAY) == 1
    assert _mail_to(colleague) is None
    assert "Gestopt" not in _mail_to(owner).body


def test_no_reminders_when_the_period_asks_for_none(cycle):
    _owner, _done, _activity, period = cycle
    period.reminder_working_days = 0
    period.save()
    assert send_digests(DEADLINE) == 0


def test_a_confidential_plan_of_another_unit_is_not_mailed_to_an_owner_who_cannot_open_it():
    from regie.core.models import Confidentiality

    owner = factories.person(unit=factories.unit())
    plan = planning_factories.plan(
        unit=factories.unit(), year=2026, confidentiality=Confidentiality.CONFIDENTIAL
    )
    planning_factories.period(
        year=2026, start=date(2026, 9, 1), end=date(2026, 12, 31), deadline=DEADLINE
    )
    planning_factories.activity(plan=plan, owner=owner, title="Geheim project")
    assert send_digests(DEADLINE) == 0


def test_the_risk_owner_is_reminded_from_five_working_days_before_the_review_and_while_late():
    unit = factories.unit()
    owner = factories.person(name="Rik Risico", unit=unit)
    other = factories.person(unit=unit)
    risk_factories.risk(
        unit=unit, owner=owner, title="Uitval leverancier", review_date=date(2026, 12, 31)
    )
    risk_factories.risk(
        unit=unit,
        owner=owner,
        title="Al gesloten",
        review_date=date(2026, 12, 31),
        status=Risk.Status.CLOSED,
    )
    risk_factories.risk(unit=unit, owner=other, title="Nog ver weg", review_date=date(2027, 3, 1))
    # Five working days before Thursday 31 December: 30, 29, 28, 24, 23 December.
    assert send_digests(date(2026, 12, 22)) == 0
    assert send_digests(date(2026, 12, 23)) == 1
    message = _mail_to(owner)
    assert "RISICO'S TE HERBEOORDELEN" in message.body
    assert "Uitval leverancier" in message.body and "Al gesloten" not in message.body
    assert "herbeoordelen uiterlijk 31 december 2026" in message.body
    assert "1 risico te herbeoordelen" in message.subject
    assert "Risico&#x27;s te herbeoordelen" in message.alternatives[0].content or (
        "Risico's te herbeoordelen" in message.alternatives[0].content
    )
    mail.outbox.clear()
    assert send_digests(date(2027, 1, 12)) == 1
    assert "31 december 2026 - TE LAAT" in _mail_to(owner).body


def test_the_risk_reminder_days_are_a_setting(settings):
    settings.REGIE_RISK_REVIEW_REMINDER_WORKING_DAYS = 1
    unit = factories.unit()
    owner = factories.person(unit=unit)
    risk_factories.risk(unit=unit, owner=owner, review_date=date(2026, 12, 31))
    assert send_digests(date(2026, 12, 29)) == 0
    assert send_digests(date(2026, 12, 30)) == 1


def _add_owners(count: int, unit, plan, period, body) -> None:
    from decimal import Decimal

    from regie.hiring.models import Contract
    from regie.testing import hiring_factories

    for _ in range(count):
        owner = factories.person(unit=unit)
        planning_factories.activity(plan=plan, owner=owner)
        done = planning_factories.activity(plan=plan, owner=owner)
        planning_factories.update(activity=done, period=period)
        risk_factories.risk(unit=unit, owner=owner, review_date=DEADLINE)
        factories.action(owner=owner, body=body, due_date=DEADLINE)
        request = hiring_factories.hiring_request(secretary=owner)
        Contract.objects.create(
            request=request,
            candidate=hiring_factories.candidate(request=request),
            person_name="Ingehuurd",
            start=date(2026, 1, 4),
            original_end=date(2027, 1, 8),
            end=date(2027, 1, 8),
            hours_per_week=32,
            hourly_rate=Decimal("95.00"),
            alert_working_days=20,
        )


def test_the_digests_for_everyone_take_the_same_queries_for_2_or_8_people():
    unit = factories.unit()
    plan = planning_factories.plan(unit=unit, year=2026)
    period = planning_factories.period(
        year=2026, start=date(2026, 9, 1), end=date(2026, 12, 31), deadline=DEADLINE
    )
    body = factories.body()
    counts = []
    for size, added in ((2, 2), (8, 6)):
        _add_owners(added, unit, plan, period, body)
        with CaptureQueriesContext(connection) as queries:
            digests = build_digests(DEADLINE)
        assert len(digests) == size
        assert all(d.progress and d.risks and d.actions and d.contracts for d in digests)
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 8, counts


# The chase: the secretary e-mails the owners on the chase list at once.


def _chase(client, period):
    return client.post(f"/planning/periodes/{period.pk}/herinneren/", follow=True)


def test_the_secretary_chases_the_owners_by_mail_once_a_day(client, cycle):
    from regie.planning.models import ProgressChase

    owner, _done, activity, period = cycle
    silent = factories.person(name="Zonder Adres", unit=owner.unit, email="")
    planning_factories.activity(plan=activity.plan, owner=silent, title="Stil")
    secretary = factories.person(role="secretary", name="Sanne Secretaris")
    client.force_login(secretary.user)
    page = _chase(client, period).content.decode()
    assert "Herinnering per e-mail verstuurd aan: Olga Eigenaar." in page
    assert "Geen e-mailadres bekend, niet herinnerd: Zonder Adres." in page
    assert [m.to for m in mail.outbox] == [[owner.email]]
    message = mail.outbox[0]
    assert message.subject == "Herinnering: voortgang T3 2026 invullen, uiterlijk 30 december 2026"
    assert "Beste Olga Eigenaar," in message.body
    assert "invullen? Dat kan uiterlijk 30 december 2026." in message.body
    assert "- Subsidieregeling evalueren (Team Beleid)" in message.body
    assert f"/planning/activiteit/{activity.pk}/voortgang/{period.pk}/" in message.body
    assert "Al bijgewerkt" not in message.body
    chase = ProgressChase.objects.get()
    assert (chase.owner, chase.period, chase.sent_by) == (owner, period, secretary)
    # A double click, or a second chase the same day: nothing is sent again.
    page = _chase(client, period).content.decode()
    assert "Vandaag al herinnerd, niet opnieuw verstuurd: Olga Eigenaar." in page
    assert len(mail.outbox) == 1 and ProgressChase.objects.count() == 1


def test_the_chase_on_another_day_sends_again(cycle):
    from regie.planning.services import progress_chase

    owner, _done, _activity, period = cycle
    secretary = factories.person(role="secretary")
    first = progress_chase(actor=secretary.user, period=period, today=date(2026, 12, 28))
    again = progress_chase(actor=secretary.user, period=period, today=date(2026, 12, 28))
    later = progress_chase(actor=secretary.user, period=period, today=date(2026, 12, 29))
    assert first.sent == [owner] and again.sent == [] and again.already_sent == [owner]
    assert later.sent == [owner] and len(mail.outbox) == 2


def test_a_failing_mail_server_records_nothing_so_the_chase_can_be_repeated(cycle, settings):
    from regie.planning.models import ProgressChase
    from regie.planning.services import progress_chase

    owner, _done, _activity, period = cycle
    secretary = factories.person(role="secretary")
    settings.MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": 9, "timeout": 2},
        }
    }
    result = progress_chase(actor=secretary.user, period=period)
    assert result.failed == [owner] and not ProgressChase.objects.exists()


def test_only_who_manages_plans_may_chase_and_only_by_post(client, cycle):
    from regie.planning.models import ProgressChase

    owner, _done, _activity, period = cycle
    client.force_login(owner.user)
    assert client.post(f"/planning/periodes/{period.pk}/herinneren/").status_code == 403
    secretary = factories.person(role="secretary")
    client.force_login(secretary.user)
    assert client.get(f"/planning/periodes/{period.pk}/herinneren/").status_code == 405
    assert mail.outbox == [] and not ProgressChase.objects.exists()
    page = client.get(f"/planning/periodes/{period.pk}/").content.decode()
    assert "Herinnering nu e-mailen" in page
    client.force_login(owner.user)
    assert (
        "Herinnering nu e-mailen"
        not in client.get(f"/planning/periodes/{period.pk}/").content.decode()
    )
