"""The course catalogue as JSON: `GET /api/v1/courses/groups` (DESIGN.md §7), with the catalogue's filters."""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from restart.api.pagination import Paginated
from restart.api.schemas import ErrorOut
from restart.courses import selectors
from restart.courses.models import GROUP_LEVELS

router = Router(tags=["courses"])


class GroupFilters(Schema):
    level: str = Field("", description="CEFR level code: " + ", ".join(level.value for level in GROUP_LEVELS),
                       pattern="^(" + "|".join(level.value for level in GROUP_LEVELS) + ")?$")
    online: bool | None = Field(None, description="true: online groups only; false: on-site groups only.")
    course: str = Field("", max_length=50, description="A course's address part (e.g. lets-mow-autumn-2026).")


class GroupOut(Schema):
    id: int
    course: str = Field(alias="course.slug", description="The course's address part.")
    course_title: str = Field(description="In the requested language (`lang`), else the request's, else Polish.")
    cycle: str = Field(alias="course.cycle")
    code: str
    level: str = Field(description="CEFR level code (pre_a1, a1, a2, b1, b2).")
    level_label: str = Field(description="pre-A1, A1, …")
    weekdays: list[int] = Field(alias="weekday_numbers", description="Days of the lessons, Monday = 0.")
    # A plain "HH:MM": JSON Schema's "time" format wants an offset, which a local wall-clock time has not.
    lesson_starts: str = Field(description="When the lessons start, local time in Wrocław (HH:MM).",
                               pattern=r"^\d{2}:\d{2}$")
    lesson_minutes: int
    starts_on: datetime.date
    ends_on: datetime.date
    place: str = Field(description="Empty for an online group: its link goes to participants only.")
    online: bool = Field(alias="is_online")
    fee: str = Field(description="Full fee in PLN.")
    subsidised_fee: str = Field(description="Fee in PLN for eligible third-country nationals.")
    seats: int = Field(alias="quota.capacity")
    free: int
    waiting: int
    url: str = Field(description="The public page, where people apply.")

    @staticmethod
    def resolve_course_title(group) -> str:
        return group.course.title()

    @staticmethod
    def resolve_lesson_starts(group) -> str:
        return group.lesson_starts.strftime("%H:%M")

    @staticmethod
    def resolve_level_label(group) -> str:
        return group.get_level_display()

    @staticmethod
    def resolve_fee(group) -> str:
        return str(group.fee)

    @staticmethod
    def resolve_subsidised_fee(group) -> str:
        return str(group.subsidised_fee)

    @staticmethod
    def resolve_free(group) -> int:
        return max(group.free, 0)

    @staticmethod
    def resolve_url(group) -> str:
        return reverse("courses:group", args=[group.pk])


@router.get("/groups", response={200: list[GroupOut], 422: ErrorOut}, url_name="course_groups",
            operation_id="course_groups_list", summary="Groups of the Polish courses open now or soon",
            auth=None)  # fmt: skip
@paginate(Paginated)
def groups_list(request, filters: Query[GroupFilters], lang: str = ""):
    """Groups of published courses that have not ended, soonest first, with free seats and the
    waiting list. No token needed."""
    if lang in dict(settings.LANGUAGES):
        translation.activate(lang)
    return selectors.open_groups(level=filters.level, online=filters.online, course=filters.course)
