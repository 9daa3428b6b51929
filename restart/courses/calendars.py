"""Private calendar feeds of lessons: one per participant (dies with their application's
secret) and one per teacher (dies when they change their password)."""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from restart.core import private_links
from restart.core.calendar import ics_feed
from restart.courses.models import Enrollment, Lesson
from restart.registrations.models import Registration
from restart.staff.models import User

PARTICIPANT_SALT = "restart.courses.calendar"
TEACHER_SALT = "restart.courses.teacher-calendar"


def enrollment_code(enrollment: Enrollment) -> str:
    return private_links.short_code(enrollment.registration, salt=PARTICIPANT_SALT)


def enrollment_from_code(code: str) -> Enrollment | None:
    registration = private_links.object_from_short_code(Registration.objects.all(), code, salt=PARTICIPANT_SALT)
    if registration is None or registration.person.is_erased:
        return None
    return Enrollment.objects.filter(registration=registration).select_related(
        "registration__quota__course_group__course").first()  # fmt: skip


def teacher_code(user) -> str:
    return f"{user.pk}-{salted_hmac(TEACHER_SALT, f'{user.pk}:{user.password}').hexdigest()[:20]}"


def teacher_from_code(code: str):
    number, _dash, _digest = code.partition("-")
    user = User.objects.filter(pk=int(number), is_active=True).first() if number.isdigit() else None
    return user if user and constant_time_compare(teacher_code(user), code) else None


def enrollment_lessons(enrollment: Enrollment):
    return Lesson.objects.filter(group__quota=enrollment.registration.quota_id).select_related("group__course")


def teacher_lessons(user):
    return Lesson.objects.filter(group__teacher=user).select_related("group__course")


def lessons_ics(lessons, *, name: str) -> bytes:
    items = [
        {"uid": f"lesson-{lesson.pk}@{settings.PROGRAMME_NAME.lower()}", "starts_at": lesson.starts_at,
         "ends_at": lesson.ends_at, "summary": f"{lesson.group.course.title()} · {lesson.group.code}",
         "location": lesson.group.place or lesson.group.online_url,
         "url": settings.SITE_URL + reverse("courses:group", args=[lesson.group_id])}
        for lesson in lessons.filter(cancelled_at__isnull=True).order_by("starts_at")[:500]
    ]  # fmt: skip
    return ics_feed(name=name, events=items)


def registration_calendar(registration) -> bytes:
    """What a course confirmation carries: every lesson of the group (asked by the seat engine)."""
    group = registration.quota.course_group
    return lessons_ics(Lesson.objects.filter(group=group).select_related("group__course"), name=str(group))


def feed_response(lessons, *, name: str) -> HttpResponse:
    response = HttpResponse(lessons_ics(lessons, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lessons.ics"'
    response["Cache-Control"] = "private, no-store"
    return response
