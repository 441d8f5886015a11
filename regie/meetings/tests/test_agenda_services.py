from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from regie.core.errors import DomainError, StaleEditError
from regie.core.models import ClosingDay, Confidentiality
from regie.documents.models import Document
from regie.meetings.models import AgendaItem, Meeting
from regie.meetings.queries import agenda_for
from regie.meetings.services import agenda as services
from regie.testing import factories
from regie.testing import meetings_factories as mf

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return mf.body_world()


def _snapshot(meeting):
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .order_by("pk")
        .values_list("pk", "title", "position", "version", "status", "parent_id")
    )


def _next_koningsdag_on_a_weekday() -> date:
    year = timezone.localdate().year + 1
    while date(year, 4, 27).weekday() > 4:
        year += 1
    return date(year, 4, 27)


# --- scheduling -------------------------------------------------------------------------------


def test_a_meeting_gets_the_standing_agenda_of_its_body(world):
    meeting = services.meeting_schedule(
        actor=world.secretary.user, body=world.body, starts_at=mf.future(7), duration_minutes=90
    )
    items = meeting.items.order_by("position")
    assert [i.title for i in items] == world.body.default_agenda
    assert all(i.is_standing for i in items)
    assert meeting.ends_at - meeting.starts_at == timedelta(minutes=90)
    assert meeting.history.first().history_user == world.secretary.user


def test_it_refuses_a_meeting_in_the_past_and_stores_nothing(world):
    with pytest.raises(DomainError, match="verleden"):
        services.meeting_schedule(
            actor=world.secretary.user,
            body=world.body,
            starts_at=timezone.now() - timedelta(hours=1),
            duration_minutes=60,
        )
    assert not Meeting.objects.exists()
    assert not AgendaItem.objects.exists()


def test_it_refuses_a_duration_of_a_whole_day(world):
    with pytest.raises(DomainError, match="12 uur"):
        services.meeting_schedule(
            actor=world.secretary.user,
            body=world.body,
            starts_at=mf.future(),
            duration_minutes=24 * 60,
        )
    assert not Meeting.objects.exists()


# --- series -----------------------------------------------------------------------------------


def test_a_series_on_the_second_tuesday_gives_one_date_a_month():
    dates = services.series_dates(
        first_day=date(2027, 1, 1), until=date(2027, 12, 31), weekday=1, nth_of_month=2
    )
    assert len(dates) == 12
    assert dates[0].wanted == date(2027, 1, 12)
    assert all(d.wanted.weekday() == 1 and 8 <= d.wanted.day <= 14 for d in dates)


def test_a_weekly_series_moves_koningsdag_to_the_next_working_day():
    # Tuesday 27 April 2027 is Koningsdag.
    dates = services.series_dates(
        first_day=date(2027, 4, 20), until=date(2027, 5, 4), weekday=1, every_n_weeks=1
    )
    moved = [d for d in dates if d.moved]
    assert [(d.wanted, d.day) for d in moved] == [(date(2027, 4, 27), date(2027, 4, 28))]
    assert moved[0].reason == "Koningsdag"


def test_a_series_moves_off_a_closing_day_of_the_organisation():
    ClosingDay.objects.create(date=date(2027, 5, 7), name="Brugdag")  # Friday after Ascension
    dates = services.series_dates(
        first_day=date(2027, 5, 1), until=date(2027, 5, 31), weekday=4, every_n_weeks=1
    )
    assert (date(2027, 5, 7), date(2027, 5, 10)) in [(d.wanted, d.day) for d in dates]


def test_planning_a_series_moves_koningsdag_and_skips_days_that_already_have_a_meeting(world):
    koningsdag = _next_koningsdag_on_a_weekday()
    first = koningsdag - timedelta(weeks=1)
    until = koningsdag + timedelta(weeks=2)
    tz = timezone.get_current_timezone()
    existing = factories.meeting(
        body=world.body,
        starts_at=timezone.datetime.combine(first, time(14), tz),
    )
    created = services.meeting_series_plan(
        actor=world.secretary.user,
        body=world.body,
        first_day=first,
        until=until,
        weekday=koningsdag.weekday(),
        every_n_weeks=1,
        start_time=time(10),
        duration_minutes=60,
        location="Stadhuis",
    )
    days = sorted(timezone.localdate(m.starts_at) for m in created)
    assert first not in days  # the body already meets that day
    assert koningsdag not in days and koningsdag + timedelta(days=1) in days
    assert len(days) == 3
    assert all(m.location == "Stadhuis" and m.items.count() == 4 for m in created)
    assert Meeting.objects.filter(body=world.body).count() == 4
    assert existing.items.count() == 0


def test_a_series_with_nothing_new_to_plan_is_refused(world):
    first = timezone.localdate() + timedelta(days=7)
    plan = {
        "actor": world.secretary.user,
        "body": world.body,
        "first_day": first,
        "until": first + timedelta(weeks=4),
        "weekday": first.weekday(),
        "every_n_weeks": 2,
        "start_time": time(10),
        "duration_minutes": 60,
    }
    assert len(services.meeting_series_plan(**plan)) == 3
    with pytest.raises(DomainError, match="geen nieuwe vergadering"):
        services.meeting_series_plan(**plan)
    assert Meeting.objects.count() == 3


@pytest.mark.parametrize(
    ("first", "until", "message"),
    [
        (date(2027, 1, 1), date(2030, 1, 1), "twee jaar"),
        (date(2027, 3, 1), date(2027, 1, 1), "vóór de begindatum"),
        (date(2027, 3, 2), date(2027, 3, 3), "geen enkele vergaderdatum"),
    ],
)
def test_a_series_with_a_bad_range_is_refused(first, until, message):
    with pytest.raises(DomainError, match=message):
        services.series_dates(first_day=first, until=until, weekday=4, every_n_weeks=1)


def test_a_series_starting_in_the_past_plans_nothing(world):
    with pytest.raises(DomainError, match="verleden"):
        services.meeting_series_plan(
            actor=world.secretary.user,
            body=world.body,
            first_day=timezone.localdate() - timedelta(days=30),
            until=timezone.localdate() + timedelta(days=60),
            weekday=1,
            nth_of_month=2,
            start_time=time(10),
            duration_minutes=60,
        )
    assert not Meeting.objects.exists()


# --- items ------------------------------------------------------------------------------------


def test_items_and_sub_items_are_numbered_and_moved(world):
    user = world.secretary.user
    meeting = factories.meeting(body=world.body)
    services.agenda_item_add(actor=user, meeting=meeting, title="A")
    b = services.agenda_item_add(actor=user, meeting=meeting, title="B")
    services.agenda_item_add(actor=user, meeting=meeting, title="B1", parent=b)
    services.agenda_item_add(actor=user, meeting=meeting, title="B2", parent=b)
    services.agenda_item_move(actor=user, item=b, direction="up", expected_version=1)
    numbered = [(e.number, e.item.title) for e in agenda_for(user, meeting).flat()]
    assert numbered == [("1", "B"), ("1.1", "B1"), ("1.2", "B2"), ("2", "A")]


def test_a_sub_item_cannot_have_sub_items(world):
    meeting = factories.meeting(body=world.body)
    parent = factories.agenda_item(meeting=meeting)
    child = factories.agenda_item(meeting=meeting, parent=parent)
    with pytest.raises(DomainError, match="subpunten"):
        services.agenda_item_add(
            actor=world.secretary.user, meeting=meeting, title="diep", parent=child
        )
    assert meeting.items.count() == 2


def test_an_item_with_bad_input_is_refused(world):
    meeting = factories.meeting(body=world.body)
    for bad in (
        {"title": "  "},
        {"title": "x", "purpose": "gezellig"},
        {"title": "x", "duration_minutes": 0},
    ):
        with pytest.raises(DomainError):
            services.agenda_item_add(actor=world.secretary.user, meeting=meeting, **bad)
    assert meeting.items.count() == 0


def test_moving_from_a_stale_page_is_refused_and_changes_nothing(world):
    user = world.secretary.user
    meeting = factories.meeting(body=world.body)
    a = services.agenda_item_add(actor=user, meeting=meeting, title="A")
    b = services.agenda_item_add(actor=user, meeting=meeting, title="B")
    services.agenda_item_move(actor=user, item=b, direction="up", expected_version=1)
    before = _snapshot(meeting)
    # Someone else's page still shows B with version 1.
    with pytest.raises(StaleEditError, match="Iemand anders"):
        services.agenda_item_move(actor=user, item=b, direction="down", expected_version=1)
    assert _snapshot(meeting) == before
    assert a.pk


def test_the_first_item_cannot_move_up(world):
    meeting = factories.meeting(body=world.body)
    first = services.agenda_item_add(actor=world.secretary.user, meeting=meeting, title="A")
    with pytest.raises(DomainError, match="bovenaan"):
        services.agenda_item_move(actor=world.secretary.user, item=first, direction="up")


def test_reordering_rewrites_all_positions_in_one_go(world):
    meeting = factories.meeting(body=world.body)
    items = mf.agenda(meeting=meeting, count=4, with_sub_items=False)
    new_order = [items[3].pk, items[0].pk, items[2].pk, items[1].pk]
    services.agenda_reorder(actor=world.secretary.user, meeting=meeting, ordered_ids=new_order)
    assert list(meeting.items.order_by("position").values_list("pk", flat=True)) == new_order
    assert list(meeting.items.order_by("position").values_list("position", flat=True)) == [
        1,
        2,
        3,
        4,
    ]
    moved = AgendaItem.objects.get(pk=items[3].pk)
    assert moved.history.first().history_change_reason == "Volgorde gewijzigd"
    assert moved.history.first().history_user == world.secretary.user


def test_a_reorder_that_misses_an_item_added_meanwhile_is_refused(world):
    meeting = factories.meeting(body=world.body)
    items = mf.agenda(meeting=meeting, count=3, with_sub_items=False)
    factories.agenda_item(meeting=meeting, title="Net toegevoegd")
    before = _snapshot(meeting)
    with pytest.raises(StaleEditError):
        services.agenda_reorder(
            actor=world.secretary.user,
            meeting=meeting,
            ordered_ids=[items[2].pk, items[1].pk, items[0].pk],
        )
    assert _snapshot(meeting) == before


def test_a_stale_edit_of_an_item_is_refused_and_changes_nothing(world):
    item = factories.agenda_item(meeting=factories.meeting(body=world.body), title="Origineel")
    services.agenda_item_update(
        actor=world.secretary.user, item=item, expected_version=1, title="Eerste"
    )
    stale = AgendaItem.objects.get(pk=item.pk)
    with pytest.raises(StaleEditError) as caught:
        services.agenda_item_update(
            actor=world.secretary.user, item=stale, expected_version=1, title="Tweede"
        )
    assert caught.value.current.title == "Eerste"
    fresh = AgendaItem.objects.get(pk=item.pk)
    assert (fresh.title, fresh.version) == ("Eerste", 2)


def test_the_agenda_of_a_sent_agenda_can_change_but_not_after_the_meeting(world):
    meeting = factories.meeting(body=world.body, status=Meeting.Status.AGENDA_SENT)
    services.agenda_item_add(actor=world.secretary.user, meeting=meeting, title="Nagekomen")
    meeting.status = Meeting.Status.HELD
    meeting.save()
    with pytest.raises(DomainError, match="niet meer worden gewijzigd"):
        services.agenda_item_add(actor=world.secretary.user, meeting=meeting, title="Te laat")
    assert meeting.items.count() == 1


def test_removing_an_item_closes_ranks(world):
    meeting = factories.meeting(body=world.body)
    items = mf.agenda(meeting=meeting, count=3, with_sub_items=False)
    services.agenda_item_remove(actor=world.secretary.user, item=items[0])
    assert list(meeting.items.order_by("position").values_list("title", "position")) == [
        ("Punt 2", 1),
        ("Punt 3", 2),
    ]


def test_the_agenda_warns_when_it_runs_past_the_end(world):
    meeting = factories.meeting(body=world.body)  # 90 minutes
    factories.agenda_item(meeting=meeting, duration_minutes=60)
    factories.agenda_item(meeting=meeting, duration_minutes=45)
    assert agenda_for(world.secretary.user, meeting).overrun_minutes == 15


# --- hold-over --------------------------------------------------------------------------------


def _two_meetings(world):
    first = factories.meeting(body=world.body, status=Meeting.Status.AGENDA_SENT)
    later = factories.meeting(body=world.body, starts_at=first.starts_at + timedelta(days=14))
    return first, later


def test_holding_over_moves_the_item_with_its_sub_items_stukken_and_history(world):
    first, later = _two_meetings(world)
    item = factories.agenda_item(meeting=first, title="Subsidieregeling")
    sub = factories.agenda_item(meeting=first, parent=item, title="Financiën")
    doc = Document.objects.create(title="Notitie", body=world.body)
    item.documents.add(doc)
    copy = services.agenda_item_hold_over(
        actor=world.secretary.user, item=item, to_meeting=later, mode="move"
    )
    item.refresh_from_db()
    sub.refresh_from_db()
    assert item.status == sub.status == AgendaItem.Status.HELD_OVER
    assert item.history.first().history_change_reason.startswith("Aangehouden naar")
    assert copy.meeting == later and copy.held_over_from == item
    assert list(copy.documents.all()) == [doc]
    [sub_copy] = copy.children.all()
    assert (sub_copy.title, sub_copy.held_over_from) == ("Financiën", sub)
    assert copy.history.first().history_user == world.secretary.user


def test_holding_over_as_a_copy_leaves_the_original_as_it_was(world):
    first, later = _two_meetings(world)
    item = factories.agenda_item(meeting=first, title="Jaarplan")
    copy = services.agenda_item_hold_over(
        actor=world.secretary.user, item=item, to_meeting=later, mode="copy"
    )
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PLANNED
    assert copy.held_over_from == item and copy.meeting == later


@pytest.mark.parametrize("target", ["cancelled", "earlier", "closed", "other_body"])
def test_holding_over_to_a_wrong_meeting_is_refused_and_changes_nothing(world, target):
    first, _later = _two_meetings(world)
    item = factories.agenda_item(meeting=first)
    starts = first.starts_at + timedelta(days=7)
    to_meeting = {
        "cancelled": lambda: factories.meeting(
            body=world.body, starts_at=starts, status=Meeting.Status.CANCELLED
        ),
        "earlier": lambda: factories.meeting(
            body=world.body, starts_at=first.starts_at - timedelta(days=7)
        ),
        "closed": lambda: factories.meeting(
            body=world.body, starts_at=starts, status=Meeting.Status.ARCHIVED
        ),
        "other_body": lambda: factories.meeting(body=factories.body(), starts_at=starts),
    }[target]()
    with pytest.raises(DomainError):
        services.agenda_item_hold_over(actor=world.secretary.user, item=item, to_meeting=to_meeting)
    assert to_meeting.items.count() == 0
    item.refresh_from_db()
    assert item.status == AgendaItem.Status.PLANNED


def test_the_message_for_a_cancelled_target_says_so(world):
    first, _later = _two_meetings(world)
    cancelled = factories.meeting(
        body=world.body,
        starts_at=first.starts_at + timedelta(days=7),
        status=Meeting.Status.CANCELLED,
    )
    with pytest.raises(DomainError, match="geannuleerde"):
        services.agenda_item_hold_over(
            actor=world.secretary.user,
            item=factories.agenda_item(meeting=first),
            to_meeting=cancelled,
        )


# --- stukken ----------------------------------------------------------------------------------


def test_a_stuk_is_attached_and_detached_with_history(world):
    meeting = factories.meeting(body=world.body)
    item = factories.agenda_item(meeting=meeting)
    doc = Document.objects.create(title="Raadsvoorstel", body=world.body)
    services.agenda_item_attach_document(actor=world.secretary.user, item=item, document=doc)
    assert list(item.documents.all()) == [doc]
    assert item.history.first().history_change_reason == "Stuk toegevoegd: Raadsvoorstel"
    with pytest.raises(DomainError, match="hoort al"):
        services.agenda_item_attach_document(actor=world.secretary.user, item=item, document=doc)
    services.agenda_item_detach_document(actor=world.secretary.user, item=item, document=doc)
    assert item.documents.count() == 0


def test_a_stuk_the_actor_may_not_see_cannot_be_attached(world):
    meeting = factories.meeting(body=world.body)
    item = factories.agenda_item(meeting=meeting)
    secret = Document.objects.create(
        title="Geheim", body=factories.body(), confidentiality=Confidentiality.CONFIDENTIAL
    )
    with pytest.raises(DomainError, match="niet inzien"):
        services.agenda_item_attach_document(actor=world.secretary.user, item=item, document=secret)
    assert item.documents.count() == 0
