"""The staff side of the courses: coordinators run courses and groups; a teacher, on a phone,
sees only their own groups, marks attendance lesson by lesson and records levels."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from restart.core.access import area_required
from restart.core.roles import Role
from restart.courses import calendars, certificates, selectors, services
from restart.courses.forms import (
    AssessmentForm,
    CourseEditForm,
    CourseForm,
    FeeForm,
    GroupForm,
    GroupSettingsForm,
    LessonNoteForm,
    MoveForm,
    PlaceForm,
    RevokeForm,
)
from restart.courses.models import Attendance, Certificate, Course, Lesson
from restart.events.forms import AddPersonForm
from restart.people.access import people_for_user
from restart.registrations.staff import message_form
from restart.staff.models import User


def _coordinating(request) -> None:
    if not selectors.can_run_courses(request.user):
        raise PermissionDenied


@area_required("courses")
def course_list(request):
    groups = selectors.with_seats(selectors.groups_for_user(request.user))
    courses = Course.objects.order_by("-created_at")[:50] if selectors.can_run_courses(request.user) else []
    today = timezone.localdate()
    return render(request, "courses/staff/list.html", {
        "courses": courses, "current": groups.filter(ends_on__gte=today).order_by("starts_on", "code")[:100],
        "past": groups.filter(ends_on__lt=today).order_by("-ends_on", "code")[:50],
        "calendar_code": calendars.teacher_code(request.user),
    })  # fmt: skip


@area_required("courses")
def course_create(request):
    _coordinating(request)
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(data=form.course_data(), by=request.user, request=request)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The course is created. Now add its groups."))
            return redirect("courses_staff:course", pk=course.pk)
    return render(request, "courses/staff/course_form.html", {"form": form})


@area_required("courses")
def course_edit(request, pk: int):
    course = selectors.course_get_for_user(user=request.user, pk=pk)
    form = CourseEditForm(request.POST or None, course=course)
    if request.method == "POST" and form.is_valid():
        services.course_update(course=course, data=form.course_data(), by=request.user, request=request)
        messages.success(request, _("Saved."))
        return redirect("courses_staff:course", pk=course.pk)
    return render(request, "courses/staff/course_form.html", {"form": form, "course": course})


@area_required("courses")
def course_detail(request, pk: int):
    course = selectors.course_get_for_user(user=request.user, pk=pk)
    groups = selectors.with_seats(course.groups.all()).order_by("starts_on", "level", "code")
    return render(request, "courses/staff/course.html", {"course": course, "groups": groups})


def _teachers():
    return User.objects.filter(groups__name=Role.TEACHER, is_active=True).order_by("full_name")


@area_required("courses")
def group_create(request, pk: int):
    course = selectors.course_get_for_user(user=request.user, pk=pk)
    form = GroupForm(request.POST or None, teachers=_teachers())
    if request.method == "POST" and form.is_valid():
        try:
            group = services.group_create(course=course, data=form.group_data(), by=request.user, request=request)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            lessons = group.lessons.count()
            messages.success(request, ngettext("The group is created with %(count)s lesson.",
                                               "The group is created with %(count)s lessons.", lessons) % {
                "count": lessons})  # fmt: skip
            return redirect("courses_staff:group", pk=group.pk)
    return render(request, "courses/staff/group_form.html", {"course": course, "form": form})


def _group_page(request, group, *, add_form=None, settings_form=None, status=200):
    enrollments = list(selectors.group_enrollments(group))
    return render(request, "courses/staff/group.html", {
        "group": group, "enrollments": enrollments, "coordinating": selectors.can_run_courses(request.user),
        "lessons": group.lessons.order_by("starts_at"), "add_form": add_form or AddPersonForm(),
        "settings_form": settings_form or GroupSettingsForm(teachers=_teachers(), initial={
            "teacher": group.teacher, "capacity": group.quota.capacity}),
        "now": timezone.now(), "feedback": selectors.feedback_summary(group), "next_lesson": group.lessons.filter(
            cancelled_at__isnull=True, ends_at__gte=timezone.now()).order_by("starts_at").first(),
    }, status=status)  # fmt: skip


@area_required("courses")
def group_detail(request, pk: int):
    """The group's participants and lessons; a coordinator also changes its teacher and seats here."""
    group = selectors.group_get_for_user(user=request.user, pk=pk)
    if request.method != "POST":
        return _group_page(request, group)
    _coordinating(request)
    form = GroupSettingsForm(request.POST, teachers=_teachers())
    if form.is_valid():
        try:
            with transaction.atomic():
                if form.cleaned_data["teacher"] != group.teacher:
                    services.group_set_teacher(group=group, teacher=form.cleaned_data["teacher"], by=request.user,
                                               request=request)  # fmt: skip
                if form.cleaned_data["capacity"] != group.quota.capacity:
                    services.group_set_capacity(group=group, capacity=form.cleaned_data["capacity"], by=request.user,
                                                request=request)  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Saved."))
            return redirect("courses_staff:group", pk=group.pk)
    return _group_page(request, selectors.group_get_for_user(user=request.user, pk=pk), settings_form=form)


@area_required("courses")
@require_POST
def group_add_person(request, pk: int):
    group = selectors.group_get_for_user(user=request.user, pk=pk)
    _coordinating(request)
    form = AddPersonForm(request.POST)
    if form.is_valid():
        person = people_for_user(request.user).filter(pk=form.cleaned_data["person"], erased_at__isnull=True,
                                                      restricted_at__isnull=True).first()  # fmt: skip
        if person is None:
            form.add_error("person", _("There is no person with this number."))
        else:
            try:
                services.enrollment_add(group=group, person=person, by=request.user, request=request)
            except ValidationError as refusal:
                form.add_error("person", refusal)
            else:
                messages.success(request, _("The person is added to the group."))
                return redirect("courses_staff:group", pk=group.pk)
    return _group_page(request, group, add_form=form)


@area_required("courses")
def group_attendance(request, pk: int):
    """The group's grid: a row per person, a column per lesson held so far."""
    group = selectors.group_get_for_user(user=request.user, pk=pk)
    lessons = list(group.lessons.filter(cancelled_at__isnull=True, starts_at__lte=timezone.now()).order_by("starts_at"))
    enrollments = [e for e in selectors.group_enrollments(group) if e.registration.status in services.TAKING_PART]
    marks = {(a.lesson_id, a.enrollment_id): a.status for a in Attendance.objects.filter(lesson__group=group)}
    rows = []
    for enrollment in enrollments:
        cells = [marks.get((lesson.pk, enrollment.pk), "") for lesson in lessons]
        present = cells.count(Attendance.Status.PRESENT)
        rows.append({"enrollment": enrollment, "cells": cells,
                     "share": round(100 * present / len(lessons)) if lessons else 0})  # fmt: skip
    return render(request, "courses/staff/attendance.html", {"group": group, "lessons": lessons, "rows": rows})


@area_required("courses")
def group_message(request, pk: int):
    group = selectors.group_get_for_user(user=request.user, pk=pk)
    form, sent = message_form(request, group.quota)
    if sent:
        return redirect("courses_staff:group", pk=group.pk)
    return render(request, "courses/staff/message.html", {"group": group, "form": form})


def _lesson_rows(lesson: Lesson) -> list[dict]:
    enrollments = [e for e in selectors.group_enrollments(lesson.group)
                   if e.registration.status in services.TAKING_PART]  # fmt: skip
    marks = dict(Attendance.objects.filter(lesson=lesson).values_list("enrollment_id", "status"))
    return [{"enrollment": e, "status": marks.get(e.pk, "")} for e in enrollments]


@area_required("courses")
def lesson_detail(request, pk: int):
    """On the teacher's phone: one tap per person (present, absent, excused), the topic."""
    lesson = selectors.lesson_get_for_user(user=request.user, pk=pk)
    form = LessonNoteForm(request.POST or None, initial={"topic": lesson.topic})
    if request.method == "POST" and form.is_valid():
        services.lesson_note(lesson=lesson, topic=form.cleaned_data["topic"], by=request.user, request=request)
        messages.success(request, _("The topic is saved."))
        return redirect("courses_staff:lesson", pk=lesson.pk)
    siblings = lesson.group.lessons.filter(cancelled_at__isnull=True)
    return render(request, "courses/staff/lesson.html", {
        "lesson": lesson, "group": lesson.group, "rows": _lesson_rows(lesson), "form": form,
        "statuses": Attendance.Status.choices,
        "can_cancel": lesson.starts_at > timezone.now() and not lesson.cancelled_at,
        "previous": siblings.filter(starts_at__lt=lesson.starts_at).order_by("-starts_at").first(),
        "following": siblings.filter(starts_at__gt=lesson.starts_at).order_by("starts_at").first(),
    })  # fmt: skip


@area_required("courses")
@require_POST
def lesson_mark(request, pk: int):
    lesson = selectors.lesson_get_for_user(user=request.user, pk=pk)
    enrollment_id = request.POST.get("enrollment", "")
    rows = {str(row["enrollment"].pk): row for row in _lesson_rows(lesson)}
    enrollment = rows[enrollment_id]["enrollment"] if enrollment_id in rows else None
    error = ""
    if enrollment is None:
        error = _("This person is not in this group.")
    else:
        try:
            attendance = services.attendance_mark(lesson=lesson, enrollment=enrollment, by=request.user,
                                                  status=request.POST.get("status", ""), request=request)
        except ValidationError as refusal:
            error = refusal.messages[0]
        else:
            rows[enrollment_id]["status"] = attendance.status
    if request.htmx and enrollment is not None:
        row = rows[enrollment_id]
        return render(request, "courses/staff/includes/attendance_row.html", {
            "row": row, "lesson": lesson, "statuses": Attendance.Status.choices, "error": error},
            status=200 if not error else 422)  # fmt: skip
    if error:
        messages.error(request, error)
    return redirect(f"{request.path.rsplit('mark/', 1)[0]}#person-{enrollment_id}")


@area_required("courses")
def lesson_cancel(request, pk: int):
    lesson = selectors.lesson_get_for_user(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            services.lesson_cancel(lesson=lesson, by=request.user, request=request)
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(request, _("The lesson is cancelled; the group is told."))
        return redirect("courses_staff:group", pk=lesson.group_id)
    return render(request, "courses/staff/lesson_cancel.html", {"lesson": lesson})


@area_required("courses")
def enrollment_detail(request, pk: int):
    """One participant: placement, fee, group, levels, completion and the certificate."""
    enrollment = selectors.enrollment_get_for_user(user=request.user, pk=pk)
    group = enrollment.registration.quota.course_group
    coordinating = selectors.can_run_courses(request.user)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    forms = {
        "place": PlaceForm(request.POST if action == "place" else None, initial={
            "level": enrollment.placement_level or enrollment.suggested_level or group.level,
            "accept": bool(enrollment.accepted_at)}),
        "fee": FeeForm(request.POST if action == "fee" else None, initial={"fee_status": enrollment.fee_status}),
        "assessment": AssessmentForm(request.POST if action == "assessment" else None,
                                     initial={"taken_on": timezone.localdate(), "kind": "entry"}),
        "move": MoveForm(request.POST if action == "move" else None, groups=selectors.with_seats(
            group.course.groups.exclude(pk=group.pk).filter(ends_on__gte=timezone.localdate()))),
        "revoke": RevokeForm(request.POST if action == "revoke" else None),
    }  # fmt: skip
    if action and (action != "assessment" and not coordinating):
        raise PermissionDenied
    if action:
        done = _enrollment_action(request, enrollment, action, forms)
        if done:
            messages.success(request, done)
            return redirect("courses_staff:enrollment", pk=enrollment.pk)
    enrollment.refresh_from_db()
    complete, why_not = services.completion_check(enrollment)
    return render(request, "courses/staff/enrollment.html", {
        "enrollment": enrollment, "group": group, "person": enrollment.registration.person, "forms": forms,
        "coordinating": coordinating, "summary": services.attendance_summary(enrollment),
        "assessments": {a.kind: a for a in enrollment.assessments.all()}, "complete": complete, "why_not": why_not,
        "certificate": Certificate.objects.filter(enrollment=enrollment).first(),
        "improved": services.level_improved(enrollment),
        # Why the fee is what it is tells citizenship and residence status: for coordinators only.
        "fee_explanation": services.fee_explanation(enrollment) if coordinating else "",
    })  # fmt: skip


def _enrollment_action(request, enrollment, action: str, forms: dict) -> str:
    """Runs one form's service; returns the success message, or "" when the form shows errors."""
    by = {"by": request.user, "request": request}
    form = forms.get(action)
    try:
        if action == "withdraw":
            services.enrollment_withdraw(enrollment=enrollment, **by)
            return _("The participant is withdrawn; their seat goes to the next person waiting.")
        if action == "certificate":
            services.certificate_issue(enrollment=enrollment, **by)
            return _("The certificate is issued.")
        if form is None or not form.is_valid():
            return ""
        data = form.cleaned_data
        if action == "place":
            services.enrollment_place(enrollment=enrollment, level=data["level"], accept=data["accept"], **by)
        elif action == "fee":
            services.enrollment_set_fee(enrollment=enrollment, status=data["fee_status"], **by)
        elif action == "assessment":
            services.assessment_record(enrollment=enrollment, kind=data["kind"], level=data["level"],
                                       test=data["test"], taken_on=data["taken_on"], score=data["score"], **by)
        elif action == "move":
            services.enrollment_move(enrollment=enrollment, to=form.chosen(), **by)
        elif action == "revoke":
            services.certificate_revoke(certificate=enrollment.certificate, reason=data["reason"], **by)
    except ValidationError as refusal:
        target = form or forms["place"]
        target.add_error(None, refusal)
        return ""
    return _("Saved.")


@area_required("courses")
def certificate_pdf(request, pk: int):
    enrollment = selectors.enrollment_get_for_user(user=request.user, pk=pk)
    certificate = Certificate.objects.filter(enrollment=enrollment).first()
    if certificate is None:
        raise Http404
    return certificates.pdf_response(certificate, request)

