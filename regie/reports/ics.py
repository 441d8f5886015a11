"""iCalendar feeds that Outlook can subscribe to: meetings, and a person's deadlines."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from regie.meetings.models import Meeting


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Regie//NL")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _meeting_event(meeting: Meeting, item_titles: list[str]) -> Event:
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@regie")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(meeting.starts_at))
    event.add("dtend", timezone.localtime(meeting.ends_at))
    event.add("summary", f"{meeting.body.name}{' – ' + meeting.title if meeting.title else ''}")
    if meeting.location:
        event.add("location", meeting.location)
    if item_titles:
        event.add("description", "Agenda:\n" + "\n".join(item_titles))
    event.add(
        "url",
        settings.REGIE_BASE_URL + reverse("meetings:meeting_detail", kwargs={"pk": meeting.pk}),
    )
    event.add("status", "CANCELLED" if meeting.status == Meeting.Status.CANCELLED else "CONFIRMED")
    return event


def _all_day(uid: str, day, summary: str) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")
    return event


def build(
    name: str,
    meetings: list[Meeting],
    items: dict[int, list[str]],
    deadlines: list[tuple[str, object, str]] = (),
) -> bytes:
    calendar = _calendar(name)
    for meeting in meetings:
        calendar.add_component(_meeting_event(meeting, items.get(meeting.pk, [])))
    for uid, day, summary in deadlines:
        calendar.add_component(_all_day(uid, day, summary))
    return calendar.to_ical()
