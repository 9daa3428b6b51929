"""Reads of courses: the public catalogue with free seats, a teacher's groups, access helpers,
and what the seat engine is told about a group."""

import datetime

from django.db.models import Count, Max, Min, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from restart.core.access import user_can_enter, user_roles
from restart.core.roles import Role
from restart.courses.models import Course, Enrollment, Group, Lesson
from restart.registrations import selectors as seats
from restart.registrations.models import Feedback
from restart.registrations.owners import OwnerDetails


def with_seats(groups: QuerySet) -> QuerySet:
    """Seats taken, free and people waiting, counted by the database in the same query."""
    return seats.with_seats(groups.select_related("course", "quota", "teacher"))


def open_groups(*, level: str = "", online: bool | None = None, course: str = "") -> QuerySet:
    """Groups of published courses that have not begun (applications close when a group starts;
    a coordinator can still add someone by hand), soonest first."""
    groups = Group.objects.filter(course__status=Course.Status.PUBLISHED, starts_on__gte=timezone.localdate())
    if level:
        groups = groups.filter(level=level)
    if online is True:
        groups = groups.filter(place="")
    elif online is False:
        groups = groups.exclude(place="")
    if course:
        groups = groups.filter(course__slug=course)
    return with_seats(groups).order_by("starts_on", "level", "code")


def public_group_get(*, pk: int) -> Group:
    group = with_seats(Group.objects.filter(pk=pk, course__status=Course.Status.PUBLISHED)).first()
    if group is None:
        raise Http404
    return group


def _sees_every_group(user) -> bool:
    return bool(user_roles(user) & {Role.MANAGER, Role.COORDINATOR})


def groups_for_user(user) -> QuerySet:
    """Coordinators and managers see every group; a teacher only their own."""
    if not user_can_enter(user, "courses"):
        return Group.objects.none()
    if _sees_every_group(user):
        return Group.objects.all()
    return Group.objects.filter(teacher=user)


def group_get_for_user(*, user, pk: int) -> Group:
    group = with_seats(groups_for_user(user).filter(pk=pk)).first()
    if group is None:
        raise Http404
    return group


def course_get_for_user(*, user, pk: int) -> Course:
    course = Course.objects.filter(pk=pk).first() if _sees_every_group(user) else None
    if course is None:
        raise Http404
    return course


def lesson_get_for_user(*, user, pk: int) -> Lesson:
    lesson = Lesson.objects.select_related("group__course", "group__quota").filter(
        pk=pk, group__in=groups_for_user(user)).first()  # fmt: skip
    if lesson is None:
        raise Http404
    return lesson


def enrollment_get_for_user(*, user, pk: int) -> Enrollment:
    """An enrollment of a group the user may see, not of a restricted person."""
    enrollment = Enrollment.objects.select_related(
        "registration__person", "registration__quota__course_group__course").filter(
        pk=pk, registration__quota__course_group__in=groups_for_user(user),
        registration__person__restricted_at__isnull=True).first()  # fmt: skip
    if enrollment is None:
        raise Http404
    return enrollment


def can_run_courses(user) -> bool:
    """Placement, fees, moves, certificates: coordinators and managers, not teachers."""
    return _sees_every_group(user)


def group_enrollments(group: Group) -> QuerySet:
    return Enrollment.objects.filter(registration__quota=group.quota, registration__person__restricted_at__isnull=True,
                                     ).select_related("registration__person").order_by(
        "registration__created_at", "registration__pk")  # fmt: skip


def feedback_summary(group: Group) -> dict:
    """How those who took part answered "was it helpful?" at the end of the course."""
    answers = Feedback.objects.filter(registration__quota=group.quota_id)
    counts = dict(answers.values_list("helpful").annotate(n=Count("pk")).values_list("helpful", "n"))
    return {
        "yes": counts.get("yes", 0), "partly": counts.get("partly", 0), "no": counts.get("no", 0),
        "total": sum(counts.values()),
        "comments": list(answers.exclude(comment="").order_by("-given_at").values_list("comment", flat=True)[:50]),
    }  # fmt: skip


def groups_details(owner_ids: list[str]) -> dict[str, OwnerDetails]:
    """What the seat engine tells about groups (registered in apps.py), in one query."""
    numbers = [int(owner_id) for owner_id in owner_ids if owner_id.isdigit()]
    # The first and the last lesson (what a course "starts at" and "ends at"), for all in one query.
    spans = {row["group"]: row for row in Lesson.objects.filter(group__in=numbers, cancelled_at__isnull=True)
             .values("group").annotate(first=Min("starts_at"), last=Max("ends_at"))}  # fmt: skip
    details = {}
    for group in Group.objects.select_related("course").filter(pk__in=numbers):
        fallback = timezone.make_aware(datetime.datetime.combine(group.starts_on, group.lesson_starts))
        starts_at = spans.get(group.pk, {}).get("first") or fallback
        ends_at = spans.get(group.pk, {}).get("last") or fallback + datetime.timedelta(minutes=group.lesson_minutes)
        details[str(group.pk)] = OwnerDetails(
            title=f"{group.course.title()} · {group.get_level_display()} · {group.code}", starts_at=starts_at,
            ends_at=ends_at, place=group.place, online_url=group.online_url,
            public_path=reverse("courses:group", args=[group.pk]),
            staff_path=reverse("courses_staff:group", args=[group.pk]), ledger_kind="course",
            ledger_flags={"language_course": True}, tickets=False,
            feedback_opens_at=ends_at - datetime.timedelta(minutes=group.lesson_minutes),
        )  # fmt: skip
    return details
