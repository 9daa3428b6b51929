"""The campaign's screenings: the events of kind "screening", which the events app owns.

The campaign reads them through the events app's selectors; events need not know the campaign.
"""

import datetime

from django.urls import reverse
from django.utils import translation

from restart.events.models import Event
from restart.events.selectors import screenings_held, upcoming_occurrences


def screenings_upcoming(*, language: str) -> list[dict]:
    """Upcoming screenings for the public page, each {"title", "starts_at", "place", "url"}."""
    with translation.override(language):
        return [
            {"title": occurrence.event.title(), "starts_at": occurrence.starts_at,
             "place": occurrence.event.place, "url": reverse("events:detail", args=[occurrence.event.slug])}
            for occurrence in upcoming_occurrences(kind=Event.Kind.SCREENING)[:10]
        ]  # fmt: skip


def screenings_reach(*, start: datetime.date | None = None, end: datetime.date | None = None) -> dict:
    """Screenings held and their audience counted from check-ins: {"held": int, "audience": int}."""
    return screenings_held(start=start, end=end)
