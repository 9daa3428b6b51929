"""The campaign's screenings: the events of kind "screening", which the events app owns.

Until that app lands these answer "none". The lead plugs the events app in here, and only here:
replace each body with a call to the events app's selectors (the campaign may import events;
events need not know the campaign).
"""

import datetime


def screenings_upcoming(*, language: str) -> list[dict]:
    """Upcoming screenings for the public page, each {"title", "starts_at", "place", "url"}."""
    return []


def screenings_reach(*, start: datetime.date | None = None, end: datetime.date | None = None) -> dict | None:
    """Screenings held and their audience counted from check-ins: {"held": int, "audience": int}; None until
    events exist (the coordinator's page then says so)."""
    return None
