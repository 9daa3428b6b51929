"""The public programme as JSON: `GET /api/v1/events` (DESIGN.md §7), with the listing's filters."""

import datetime
import re

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate
from pydantic import field_validator

from restart.api.pagination import Paginated
from restart.api.schemas import ErrorOut
from restart.events import selectors
from restart.events.models import Event

router = Router(tags=["events"])


class EventFilters(Schema):
    kind: Event.Kind | None = Field(None, description="integration meeting, training, screening…")
    audience: Event.Audience | None = Field(None, description="Who it is for.")
    language: str = Field("", max_length=10, description="The language the event is held in (pl, uk, en, fr…).")
    from_day: datetime.date | None = Field(None, alias="from", description="Dates from this day on (YYYY-MM-DD).")

    @field_validator("from_day", mode="before")
    @classmethod
    def _a_calendar_date(cls, value):
        # Pydantic would also take "0" (a timestamp) as a date; the schema promises YYYY-MM-DD.
        if value is not None and not (isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)):
            raise ValueError("a date written YYYY-MM-DD")
        return value


class OccasionOut(Schema):
    # Dotted aliases read through the occasion to its event and seats (one query a page).
    id: int
    event: str = Field(alias="event.slug", description="The event's address part.")
    title: str = Field(description="In the requested language (`lang`), else the request's, else Polish.")
    kind: str = Field(alias="event.kind")
    audience: str = Field(alias="event.audience")
    language: str = Field(alias="event.language")
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = Field(alias="event.place",
                       description="Empty for an online event: its link goes to confirmed registrants only.")
    online: bool = Field(alias="event.is_online")
    seats: int = Field(alias="quota.capacity")
    free: int
    waiting: int
    url: str = Field(description="The public page, where people register.")

    @staticmethod
    def resolve_title(o) -> str:
        return o.event.title()

    @staticmethod
    def resolve_free(o) -> int:
        return max(o.free, 0)

    @staticmethod
    def resolve_url(o) -> str:
        return reverse("events:detail", args=[o.event.slug])


@router.get("", response={200: list[OccasionOut], 422: ErrorOut}, url_name="events", operation_id="events_list",
            summary="Upcoming integration meetings, trainings and screenings", auth=None)  # fmt: skip
@paginate(Paginated)
def events_list(request, filters: Query[EventFilters], lang: str = ""):
    """Published dates still ahead, soonest first, with free seats and the waiting list. No token needed."""
    if lang in dict(settings.LANGUAGES):
        translation.activate(lang)
    return selectors.upcoming_occurrences(
        kind=filters.kind or "", audience=filters.audience or "", language=filters.language,
        from_day=filters.from_day,
    )  # fmt: skip
