"""The courses' privacy steps: levels, attendance, fees and certificates of the person."""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from restart.core.privacy import ExportSection, PrivacySteps
from restart.core.traces import audit_forget
from restart.courses.models import Certificate, Enrollment
from restart.courses.services import fee_explanation


def export_courses(person, viewer) -> list[ExportSection]:
    rows = []
    enrollments = Enrollment.objects.filter(registration__person=person).select_related(
        "registration__quota__course_group__course").prefetch_related("assessments", "attendance")  # fmt: skip
    for enrollment in enrollments:
        group = enrollment.registration.quota.course_group
        levels = {a.kind: a.get_level_display() for a in enrollment.assessments.all()}
        certificate = Certificate.objects.filter(enrollment=enrollment).first()
        rows.append({
            "course": f"{group.course.title()} · {group.code}", "level": enrollment.get_placement_level_display(),
            "entry": levels.get("entry", ""), "exit": levels.get("exit", ""),
            "fee": f"{enrollment.fee_amount} PLN · {enrollment.get_fee_status_display()}",
            "why": fee_explanation(enrollment),
            "present": sum(a.status == "present" for a in enrollment.attendance.all()),
            "certificate": certificate.code if certificate else "",
            "completed": formats.date_format(enrollment.completed_at, "DATE_FORMAT") if enrollment.completed_at else "",
        })  # fmt: skip
    return [ExportSection(key="courses", title=_("Polish courses"), rows=rows, columns=[
        ("course", _("Course")), ("level", _("Placement level")), ("entry", _("Entry level")),
        ("exit", _("Exit level")), ("fee", _("Fee")), ("why", _("Why this fee")),
        ("present", _("Lessons attended")), ("completed", _("Completed on")), ("certificate", _("Certificate")),
    ])]  # fmt: skip


def courses_forget(person, identity, by, request) -> None:
    """Erasure: the questionnaire answers go, and a certificate no longer names the person (its
    verification page then says it was withdrawn)."""
    enrollments = Enrollment.objects.filter(registration__person=person)
    enrollments.exclude(answers={}).update(answers={})
    for certificate in Certificate.objects.filter(enrollment__in=enrollments):
        certificate.full_name = f"#{person.pk}"  # as the people step names the erased record
        certificate.revoked_at = certificate.revoked_at or timezone.now()
        certificate.revoked_reason = ""
        certificate.save(update_fields=["full_name", "revoked_at", "revoked_reason"])
    audit_forget(object_type="courses.enrollment", ids=enrollments.values_list("pk", flat=True))


def courses_merge(survivor, duplicate, by, request) -> None:
    """Merge: enrollments follow their registrations, which the seat engine moves."""


COURSES_STEPS = PrivacySteps(app_label="courses", export=export_courses, erase=courses_forget, merge=courses_merge,
                             order=150)  # fmt: skip
