"""What a course adds to the applicant's private page: the fee and why, the level, the next
lessons, the calendar link and, once issued, the certificate."""

from django.template.loader import render_to_string

from restart.courses.calendars import enrollment_code
from restart.courses.models import Certificate, Enrollment
from restart.courses.services import attendance_summary, fee_explanation
from restart.registrations.links import manage_token


def enrollment_panel(registration, request) -> str:
    enrollment = Enrollment.objects.filter(registration=registration).select_related(
        "registration__quota__course_group__course").first()  # fmt: skip
    if enrollment is None:
        return ""
    group = registration.quota.course_group
    certificate = Certificate.objects.filter(enrollment=enrollment, revoked_at__isnull=True).first()
    return render_to_string("courses/includes/panel.html", {
        "enrollment": enrollment, "group": group, "certificate": certificate, "token": manage_token(registration),
        "fee_explanation": fee_explanation(enrollment),
        "calendar_code": enrollment_code(enrollment) if registration.holds_seat else "",
        "summary": attendance_summary(enrollment) if registration.holds_seat else None,
        "lessons": group.lessons.filter(cancelled_at__isnull=True).order_by("starts_at")[:3]
        if registration.holds_seat else [],
    }, request=request)  # fmt: skip
