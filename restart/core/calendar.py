"""Calendar files (.ics) for confirmations; a cancellation sends the same UID with METHOD:CANCEL."""

import datetime

from django.conf import settings
from icalendar import Calendar, Event


def ics_event(
    *,
    uid: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    summary: str,
    description: str = "",
    location: str = "",
    sequence: int = 0,
    cancelled: bool = False,
) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PROGRAMME_NAME}//reSTART//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", datetime.datetime.now(datetime.UTC))
    event.add("dtstart", starts_at.astimezone(datetime.UTC))
    event.add("dtend", ends_at.astimezone(datetime.UTC))
    event.add("summary", summary)
    event.add("sequence", sequence)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if cancelled:
        event.add("status", "CANCELLED")
    calendar.add_component(event)
    return calendar.to_ical()


def ics_feed(*, name: str, events: list[dict], cancelled: bool = False) -> bytes:
    """A calendar of many events (a public programme, the dates of a series): each dict has uid,
    starts_at, ends_at, summary and optionally location, url and sequence. `cancelled` takes
    every one of them back (METHOD:CANCEL with the UIDs sent before)."""
    calendar = Calendar()
    calendar.add("prodid", f"-//{settings.PROGRAMME_NAME}//reSTART//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    if cancelled:
        calendar.add("method", "CANCEL")
    stamp = datetime.datetime.now(datetime.UTC)
    for item in events:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", stamp)
        event.add("dtstart", item["starts_at"].astimezone(datetime.UTC))
        event.add("dtend", item["ends_at"].astimezone(datetime.UTC))
        event.add("summary", item["summary"])
        for key in ("location", "url", "sequence"):
            if item.get(key):
                event.add(key, item[key])
        if cancelled:
            event.add("status", "CANCELLED")
        calendar.add_component(event)
    return calendar.to_ical()
