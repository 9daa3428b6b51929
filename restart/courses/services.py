"""Every write of the courses app: groups and their lessons, applications (through the seat
engine), placement, fees, attendance, assessments, completion and certificates."""

import datetime
import uuid
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone, translation
from django.utils.translation import gettext, gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.courses.holidays import is_holiday
from restart.courses.models import (
    Assessment,
    Attendance,
    Certificate,
    Course,
    Enrollment,
    Group,
    Lesson,
    improved_by_a_whole_level,
)  # fmt: skip
from restart.people.choices import NOT_KNOWN_YET
from restart.people.services import person_update
from restart.registrations import services as seats
from restart.registrations.models import Quota, Registration

OWNER_TYPE = "courses.group"
UNKNOWN_VALUES = ("", None, "unknown")
MAX_SEATS = 12  # small groups: the programme's rule
MAX_LESSONS = 200


@transaction.atomic
def course_create(*, data: dict, by, request: HttpRequest | None = None) -> Course:
    if Course.objects.filter(slug=data["slug"]).exists():
        raise DomainError({"slug": gettext_lazy("This address is taken by another course.")})
    course = Course.objects.create(**data)
    audit_record(actor=by, action="course.create", obj=course, request=request)
    return course


@transaction.atomic
def course_update(*, course: Course, data: dict, by, request: HttpRequest | None = None) -> Course:
    for field, value in data.items():
        setattr(course, field, value)
    course.save()
    audit_record(actor=by, action="course.update", obj=course, request=request)
    return course


def lesson_times(*, weekdays: list[int], starts: datetime.time, minutes: int, first: datetime.date,
                 last: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:  # fmt: skip
    """The lessons a schedule gives between two days, Polish public holidays left out."""
    times, day = [], first
    while day <= last and len(times) <= MAX_LESSONS:
        if day.weekday() in weekdays and not is_holiday(day):
            start = timezone.make_aware(datetime.datetime.combine(day, starts))
            times.append((start, start + datetime.timedelta(minutes=minutes)))
        day += datetime.timedelta(days=1)
    return times


def _teacher_clash(teacher, times, exclude: Group | None = None) -> Lesson | None:
    """The first lesson of another group of this teacher that overlaps one of `times`."""
    if teacher is None or not times:
        return None
    lessons = Lesson.objects.filter(group__teacher=teacher, cancelled_at__isnull=True,
                                    starts_at__lt=times[-1][1], ends_at__gt=times[0][0]).select_related("group")
    if exclude is not None:
        lessons = lessons.exclude(group=exclude)
    taken = list(lessons)
    for start, end in times:
        for lesson in taken:
            if lesson.starts_at < end and lesson.ends_at > start:
                return lesson
    return None


def _check_group(data: dict, times: list, exclude: Group | None = None) -> None:
    errors = {}
    if data["capacity"] > MAX_SEATS:
        errors["capacity"] = gettext_lazy("A group has at most %(count)s seats.") % {"count": MAX_SEATS}
    if not data.get("place") and not data.get("online_url"):
        errors["place"] = gettext_lazy("Give the place, or an online link for an online group.")
    if not times:
        errors["weekdays"] = gettext_lazy(
            "These days give no lesson between the first and the last day (public holidays are skipped)."
        )
    elif len(times) > MAX_LESSONS:
        errors["ends_on"] = gettext_lazy("That would make more than %(count)s lessons.") % {"count": MAX_LESSONS}
    clash = _teacher_clash(data.get("teacher"), times, exclude)
    if clash:
        when = formats.date_format(timezone.localtime(clash.starts_at), "SHORT_DATETIME_FORMAT")
        errors["teacher"] = gettext_lazy("This teacher already teaches group %(group)s at that time (%(when)s).") % {
            "group": clash.group.code, "when": when}  # fmt: skip
    if errors:
        raise DomainError(errors)


GROUP_FIELDS = ("code", "level", "lesson_starts", "lesson_minutes", "starts_on", "ends_on", "place", "online_url",
                "teacher", "fee", "subsidised_fee")  # fmt: skip


@transaction.atomic
def group_create(*, course: Course, data: dict, by, request: HttpRequest | None = None) -> Group:
    """A group with its seats and every lesson its schedule gives; a teacher who would teach two
    groups at once, or a schedule that gives no lesson, is refused."""
    weekdays = sorted(set(data["weekdays"]))
    times = lesson_times(weekdays=weekdays, starts=data["lesson_starts"], minutes=data["lesson_minutes"],
                         first=data["starts_on"], last=data["ends_on"])  # fmt: skip
    _check_group(data, times)
    if Group.objects.filter(course=course, code=data["code"]).exists():
        raise DomainError({"code": gettext_lazy("This course already has a group with this name.")})
    quota = Quota.objects.create(owner_type=OWNER_TYPE, owner_id=f"new-{uuid.uuid4().hex}", capacity=data["capacity"])
    group = Group.objects.create(course=course, quota=quota, weekdays=",".join(map(str, weekdays)),
                                 **{field: data[field] for field in GROUP_FIELDS if field in data})  # fmt: skip
    quota.owner_id = str(group.pk)
    quota.save(update_fields=["owner_id"])
    Lesson.objects.bulk_create([Lesson(group=group, starts_at=start, ends_at=end) for start, end in times])
    audit_record(actor=by, action="course.group_create", obj=group, request=request,
                 details={"lessons": len(times)})  # fmt: skip
    return group


@transaction.atomic
def group_set_teacher(*, group: Group, teacher, by, request: HttpRequest | None = None) -> Group:
    times = list(group.lessons.filter(cancelled_at__isnull=True, starts_at__gte=timezone.now())
                 .values_list("starts_at", "ends_at"))  # fmt: skip
    clash = _teacher_clash(teacher, times, exclude=group)
    if clash:
        when = formats.date_format(timezone.localtime(clash.starts_at), "SHORT_DATETIME_FORMAT")
        raise DomainError({"teacher": gettext_lazy(
            "This teacher already teaches group %(group)s at that time (%(when)s).") % {
            "group": clash.group.code, "when": when}})  # fmt: skip
    group.teacher = teacher
    group.save(update_fields=["teacher"])
    audit_record(actor=by, action="course.group_teacher", obj=group, request=request)
    return group


@transaction.atomic
def group_set_capacity(*, group: Group, capacity: int, by, request: HttpRequest | None = None) -> Group:
    """More seats go to those waiting at once; fewer than are taken is refused (the engine's rule)."""
    if capacity > MAX_SEATS:
        raise DomainError({"capacity": gettext_lazy("A group has at most %(count)s seats.") % {"count": MAX_SEATS}})
    seats.quota_set_capacity(quota=group.quota, capacity=capacity, by=by, request=request)
    return group


# --- Applying -----------------------------------------------------------------------------


def fee_for(group: Group, person) -> tuple[bool, Decimal, str]:
    """(subsidised?, amount, eligibility code): an eligible third-country national pays the
    subsidised fee, anyone else the full fee."""
    assessment = person.assess(on=group.starts_on)
    return assessment.eligible, group.subsidised_fee if assessment.eligible else group.fee, assessment.code


def fee_explanation(enrollment: Enrollment) -> str:
    """Why this fee, in the reader's language ("Subsidised fee: citizen of Ukraine, temporary
    protection, lives in Wrocław."); when something is not known yet, what to bring."""
    group = enrollment.registration.quota.course_group
    assessment = enrollment.registration.person.assess(on=group.starts_on)
    if enrollment.subsidised:
        return gettext("Subsidised fee: %(reason)s.") % {"reason": assessment.reason}
    if enrollment.fee_basis in NOT_KNOWN_YET:
        return gettext(
            "Full fee for now: %(reason)s. Bring your passport and residence document (residence card, visa or "
            "PESEL with the UKR status) and proof of address in Lower Silesia to the first lesson; if you are "
            "eligible, you pay the subsidised fee of %(subsidised)s PLN."
        ) % {"reason": assessment.reason, "subsidised": group.subsidised_fee}
    return gettext("Full fee: %(reason)s.") % {"reason": assessment.reason}


@transaction.atomic
def enrollment_apply(
    *, group: Group, full_name: str, email: str, phone: str, language: str, answers: dict | None = None,
    suggested_level: str = "", facts: dict | None = None, request: HttpRequest | None = None,
) -> Enrollment:  # fmt: skip
    """An application without an account: a seat in the group if one is free (the engine's rule),
    else its waiting list; the fee and its reason decided from what is known of the person.
    `facts` (citizenship, residence status, town, region) fill in only what the record lacks:
    what a consultant recorded is not overwritten by a form."""
    registration = seats.registration_register(quota=group.quota, full_name=full_name, email=email, phone=phone,
                                               language=language, request=request)  # fmt: skip
    person = registration.person
    unknown = {field: value for field, value in (facts or {}).items() if getattr(person, field) in UNKNOWN_VALUES}
    if unknown:
        registration.person = person_update(person=person, data=unknown, by=None, request=request)
        seats.registration_ledger(registration=registration)  # the ledger's snapshot learns what is now known
    return _enrollment_for(registration, group, answers or {}, suggested_level)


def _enrollment_for(registration: Registration, group: Group, answers: dict, suggested_level: str) -> Enrollment:
    subsidised, amount, basis = fee_for(group, registration.person)
    enrollment, _created = Enrollment.objects.update_or_create(registration=registration, defaults={
        "answers": answers, "suggested_level": suggested_level, "subsidised": subsidised, "fee_amount": amount,
        "fee_basis": basis})  # fmt: skip
    return enrollment


@transaction.atomic
def enrollment_add(*, group: Group, person, by, request: HttpRequest | None = None) -> Enrollment:
    """A coordinator adds someone by hand (they applied on paper or by phone)."""
    registration = seats.registration_create(quota=group.quota, person=person, language=person.preferred_language,
                                             by=by, request=request)  # fmt: skip
    return _enrollment_for(registration, group, {}, "")


# --- Running a course (coordinator) -----------------------------------------------------------


@transaction.atomic
def enrollment_place(*, enrollment: Enrollment, level: str, accept: bool, by,
                     request: HttpRequest | None = None) -> Enrollment:  # fmt: skip
    """The coordinator confirms or changes the placement level, and accepts the person."""
    enrollment = Enrollment.objects.select_for_update().select_related("registration").get(pk=enrollment.pk)
    if accept and not enrollment.registration.holds_seat:
        raise DomainError(gettext_lazy("Only someone holding a seat can be accepted; the waiting list waits."))
    enrollment.placement_level = level
    if accept and not enrollment.accepted_at:
        enrollment.accepted_at = timezone.now()
    enrollment.save(update_fields=["placement_level", "accepted_at"])
    audit_record(actor=by, action="course.enrollment_place", obj=enrollment, request=request,
                 details={"level": level, "accepted": bool(enrollment.accepted_at)})  # fmt: skip
    return enrollment


@transaction.atomic
def enrollment_set_fee(*, enrollment: Enrollment, status: str, by, request: HttpRequest | None = None) -> Enrollment:
    if status not in Enrollment.Fee.values:
        raise DomainError({"fee_status": gettext_lazy("Choose due, paid, waived or refunded.")})
    enrollment.fee_status = status
    enrollment.save(update_fields=["fee_status"])
    audit_record(actor=by, action="course.fee", obj=enrollment, request=request, details={"fee": status})
    return enrollment


@transaction.atomic
def enrollment_move(*, enrollment: Enrollment, to: Group, by, request: HttpRequest | None = None) -> Enrollment:
    """Into another group with a free seat (the engine's move); attendance so far stays with the
    person, the seat left goes to the first one waiting there."""
    seats.registration_move(registration=enrollment.registration, to=to.quota, by=by, request=request)
    enrollment.refresh_from_db()
    subsidised, amount, basis = fee_for(to, enrollment.registration.person)
    if enrollment.fee_status == Enrollment.Fee.DUE:
        enrollment.subsidised, enrollment.fee_amount, enrollment.fee_basis = subsidised, amount, basis
        enrollment.save(update_fields=["subsidised", "fee_amount", "fee_basis"])
    return enrollment


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment, by=None, request: HttpRequest | None = None) -> Enrollment:
    seats.registration_cancel(registration=enrollment.registration, by=by, request=request)
    audit_record(actor=by, action="course.withdraw", obj=enrollment, request=request)
    return enrollment


# --- Attendance (teacher) ------------------------------------------------------------------

TAKING_PART = (Registration.Status.CONFIRMED, Registration.Status.ATTENDED, Registration.Status.ABSENT)


@transaction.atomic
def attendance_mark(*, lesson: Lesson, enrollment: Enrollment, status: str, by,
                    request: HttpRequest | None = None) -> Attendance:  # fmt: skip
    """One tap: present, absent or excused, for a person of this group at one of its lessons
    (a second tap replaces the first). The first "present" marks the person as taking part in
    the ledger."""
    if status not in Attendance.Status.values:
        raise DomainError(gettext_lazy("Choose present, absent or excused."))
    registration = enrollment.registration
    if registration.quota_id != lesson.group.quota_id or registration.status not in TAKING_PART:
        raise DomainError(gettext_lazy("This person is not in this group."))
    group = lesson.group
    day = timezone.localtime(lesson.starts_at).date()
    if lesson.cancelled_at or not group.starts_on <= day <= group.ends_on:
        raise DomainError(gettext_lazy("This lesson is cancelled or outside the course dates."))
    attendance, _created = Attendance.objects.update_or_create(lesson=lesson, enrollment=enrollment, defaults={
        "status": status, "marked_at": timezone.now(), "marked_by": by})  # fmt: skip
    if status == Attendance.Status.PRESENT and registration.status != Registration.Status.ATTENDED:
        seats.registration_mark(registration=registration, status=Registration.Status.ATTENDED, by=by,
                                request=request)  # fmt: skip
    audit_record(actor=by, action="course.attendance", obj=attendance.lesson, request=request,
                 details={"enrollment": enrollment.pk, "status": status})  # fmt: skip
    return attendance


@transaction.atomic
def lesson_note(*, lesson: Lesson, topic: str, by, request: HttpRequest | None = None) -> Lesson:
    lesson.topic = topic[:200]
    lesson.save(update_fields=["topic"])
    return lesson


@transaction.atomic
def lesson_cancel(*, lesson: Lesson, by, request: HttpRequest | None = None,
                  texts: dict[str, tuple[str, str]] | None = None) -> Lesson:  # fmt: skip
    """A lesson that will not take place: the group is told, each in their language."""
    lesson = Lesson.objects.select_for_update().select_related("group__course", "group__quota").get(pk=lesson.pk)
    if lesson.cancelled_at or lesson.starts_at <= timezone.now():
        raise DomainError(gettext_lazy("This lesson has passed or is cancelled already."))
    lesson.cancelled_at = timezone.now()
    lesson.save(update_fields=["cancelled_at"])
    seats.quota_message(quota=lesson.group.quota, to_waiting_list=False, texts=texts or _cancel_texts(lesson),
                        by=by, request=request)  # fmt: skip
    audit_record(actor=by, action="course.lesson_cancel", obj=lesson, request=request)
    return lesson


def _cancel_texts(lesson: Lesson) -> dict[str, tuple[str, str]]:
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            when = formats.date_format(timezone.localtime(lesson.starts_at), "l, j E Y, H:i")
            texts[code] = (
                gettext("Lesson cancelled: %(when)s") % {"when": when},
                gettext("The lesson of group %(group)s on %(when)s will not take place. The next lessons are as "
                        "planned.") % {"group": lesson.group.code, "when": when},
            )  # fmt: skip
    return texts


# --- Assessment, completion, certificate ------------------------------------------------------


@transaction.atomic
def assessment_record(*, enrollment: Enrollment, kind: str, level: str, test: str, taken_on: datetime.date,
                      score: int | None, by, request: HttpRequest | None = None) -> Assessment:  # fmt: skip
    """Entry or exit level; an exit level needs the entry level first (R.2.8 compares the two)."""
    if kind == Assessment.Kind.EXIT and not enrollment.assessments.filter(kind=Assessment.Kind.ENTRY).exists():
        raise DomainError({"level": gettext_lazy("Record the entry level first: the exit level is compared with it.")})
    assessment, _created = Assessment.objects.update_or_create(enrollment=enrollment, kind=kind, defaults={
        "level": level, "test": test, "taken_on": taken_on, "score": score, "recorded_by": by})  # fmt: skip
    seats.registration_ledger(registration=enrollment.registration)  # R.2.8's flag follows the levels
    audit_record(actor=by, action="course.assessment", obj=enrollment, request=request,
                 details={"kind": kind, "level": level})  # fmt: skip
    return assessment


def level_improved(enrollment: Enrollment) -> bool:
    levels = {a.kind: a.level for a in enrollment.assessments.all()}
    return improved_by_a_whole_level(levels.get(Assessment.Kind.ENTRY, ""), levels.get(Assessment.Kind.EXIT, ""))


def attendance_summary(enrollment: Enrollment) -> dict:
    """Lessons held so far (not cancelled), those attended, the share and the hours."""
    group = enrollment.registration.quota.course_group
    held = group.lessons.filter(cancelled_at__isnull=True, starts_at__lte=timezone.now())
    present = Attendance.objects.filter(enrollment=enrollment, status=Attendance.Status.PRESENT,
                                        lesson__in=held).select_related("lesson")  # fmt: skip
    hours = sum((a.lesson.hours for a in present), 0.0)
    count, total = present.count(), held.count()
    return {"present": count, "held": total, "share": round(100 * count / total) if total else 0, "hours": hours}


def completion_check(enrollment: Enrollment) -> tuple[bool, str]:
    """(completed?, why not): the last lesson has begun, attendance reached the threshold and
    there is an exit level. Before the end, a share of the lessons held so far says nothing."""
    group = enrollment.registration.quota.course_group
    last = group.lessons.filter(cancelled_at__isnull=True).order_by("-starts_at").first()
    if last and last.starts_at > timezone.now():
        when = formats.date_format(timezone.localtime(last.starts_at), "DATE_FORMAT")
        return False, gettext("The course has not ended yet: its last lesson is on %(date)s.") % {"date": when}
    summary = attendance_summary(enrollment)
    threshold = group.course.attendance_threshold
    if summary["share"] < threshold:
        return False, gettext("Attendance %(share)s %% is below the %(threshold)s %% needed.") % {
            "share": summary["share"], "threshold": threshold}  # fmt: skip
    if not enrollment.assessments.filter(kind=Assessment.Kind.EXIT).exists():
        return False, gettext("There is no exit assessment yet.")
    return True, ""


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment, by, request: HttpRequest | None = None) -> Certificate:
    """Completion: attendance at the course's threshold and an exit assessment; the certificate
    fixes what it says (name, course, level, hours, dates) when it is issued."""
    enrollment = Enrollment.objects.select_for_update(of=("self",)).select_related(
        "registration__person", "registration__quota__course_group__course").get(pk=enrollment.pk)  # fmt: skip
    existing = Certificate.objects.filter(enrollment=enrollment, revoked_at__isnull=True).first()
    if existing:
        return existing
    done, why = completion_check(enrollment)
    if not done:
        raise DomainError(why)
    group = enrollment.registration.quota.course_group
    exit_level = enrollment.assessments.get(kind=Assessment.Kind.EXIT).level
    Certificate.objects.filter(enrollment=enrollment).delete()  # a revoked one is replaced
    certificate = Certificate.objects.create(
        enrollment=enrollment, full_name=enrollment.registration.person.full_name,
        course_title=group.course.title("pl"), level=exit_level, hours=Decimal(str(round(
            attendance_summary(enrollment)["hours"], 1))), starts_on=group.starts_on, ends_on=group.ends_on,
    )  # fmt: skip
    if not enrollment.completed_at:
        enrollment.completed_at = timezone.now()
        enrollment.save(update_fields=["completed_at"])
    audit_record(actor=by, action="course.certificate_issue", obj=enrollment, request=request)
    return certificate


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by, request: HttpRequest | None = None) -> Certificate:
    if not reason.strip():
        raise DomainError({"reason": gettext_lazy("Say why the certificate is revoked.")})
    certificate.revoked_at = timezone.now()
    certificate.revoked_reason = reason.strip()[:300]
    certificate.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=by, action="course.certificate_revoke", obj=certificate.enrollment, request=request)
    return certificate


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "course.create": gettext_lazy("creation of the course %(object)s"),
    "course.update": gettext_lazy("change of the course %(object)s"),
    "course.group_create": gettext_lazy("creation of the group %(object)s"),
    "course.group_teacher": gettext_lazy("change of the teacher of %(object)s"),
    "course.enrollment_place": gettext_lazy("placement of the enrollment %(object)s"),
    "course.fee": gettext_lazy("fee status of the enrollment %(object)s"),
    "course.withdraw": gettext_lazy("withdrawal of the enrollment %(object)s"),
    "course.attendance": gettext_lazy("attendance at the lesson %(object)s"),
    "course.lesson_cancel": gettext_lazy("cancellation of the lesson %(object)s"),
    "course.assessment": gettext_lazy("assessment of the enrollment %(object)s"),
    "course.certificate_issue": gettext_lazy("certificate for the enrollment %(object)s"),
    "course.certificate_revoke": gettext_lazy("revocation of the certificate of the enrollment %(object)s"),
}


def registration_flags(registration: Registration) -> dict:
    """The ledger flag that depends on the person's own levels (R.2.8), asked by the seat engine."""
    enrollment = Enrollment.objects.filter(registration=registration).prefetch_related("assessments").first()
    return {"language_level_improved": bool(enrollment and level_improved(enrollment))}
