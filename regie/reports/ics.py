"""iCalendar feeds that Outlook can subscribe to: meetings, and a person's deadlines.

Times are written with TZID=Europe/Amsterdam and a VTIMEZONE, so Outlook shows them right on
both sides of the change to and from summer time.
"""

from __future__ import annotations

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from regie.meetings.models import Meeting
from regie.reports.queries import Feed


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Regie//Vergaderagenda//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # ask subscribers to refresh every hour (Outlook honours X-PUBLISHED-TTL)
    calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")
    return calendar


def _meeting_event(meeting: Meeting, item_titles: list[str], stamp) -> Event:
    zone = ZoneInfo(settings.TIME_ZONE)
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@regie")
    event.add("dtstamp", stamp)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    title = meeting.title.strip()
    summary = (
        meeting.body.name
        if not title or title == meeting.body.name
        else (f"{meeting.body.name} – {title}")
    )
    event.add("summary", summary)
    if meeting.location:
        event.add("location", meeting.location)
    url = settings.REGIE_BASE_URL.rstrip("/") + reverse(
        "meetings:meeting_detail", kwargs={"pk": meeting.pk}
    )
    description = ["Agenda:", *item_titles] if item_titles else []
    event.add("description", "\n".join([*description, "", url]).strip())
    event.add("url", url)
    event.add("sequence", meeting.version)
    cancelled = meeting.status == Meeting.Status.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return event


def _all_day(uid: str, day: date, summary: str, stamp) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", summary)
    event.add("transp", "TRANSPARENT")  # a deadline does not make you busy
    return event


def build(feed: Feed) -> bytes:
    calendar = _calendar(feed.name)
    stamp = timezone.now()
    for meeting in feed.meetings:
        calendar.add_component(_meeting_event(meeting, feed.item_titles.get(meeting.pk, []), stamp))
    for uid, day, summary in feed.deadlines:
        calendar.add_component(_all_day(uid, day, summary, stamp))
    calendar.add_missing_timezones()
    return calendar.to_ical()
