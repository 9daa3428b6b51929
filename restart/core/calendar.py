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
