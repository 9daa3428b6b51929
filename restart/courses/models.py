"""Polish courses "Let's mów": courses, their groups (seats through the registration engine),
enrollments, lessons, attendance, CEFR assessments and certificates."""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from restart.core.i18n import TitledInLanguages
from restart.people.choices import EligibilityCode
from restart.registrations.models import Quota, Registration


class Level(models.TextChoices):
    """CEFR levels as the programme's placement tests give them (a "+" is a half step)."""

    PRE_A1 = "pre_a1", "pre-A1"
    A1 = "a1", "A1"
    A1_PLUS = "a1_plus", "A1+"
    A2 = "a2", "A2"
    A2_PLUS = "a2_plus", "A2+"
    B1 = "b1", "B1"
    B1_PLUS = "b1_plus", "B1+"
    B2 = "b2", "B2"
    B2_PLUS = "b2_plus", "B2+"
    C1 = "c1", "C1"
    C2 = "c2", "C2"


# The whole level each one belongs to: R.2.8 counts a gain of at least one whole level
# (pre-A1 → A1 counts, A2 → A2+ does not).
WHOLE_LEVEL = {"pre_a1": 0, "a1": 1, "a1_plus": 1, "a2": 2, "a2_plus": 2, "b1": 3, "b1_plus": 3, "b2": 4,
               "b2_plus": 4, "c1": 5, "c2": 6}  # fmt: skip
GROUP_LEVELS = [Level.PRE_A1, Level.A1, Level.A2, Level.B1, Level.B2]


def improved_by_a_whole_level(entry: str, exit: str) -> bool:
    return bool(entry and exit) and WHOLE_LEVEL[exit] >= WHOLE_LEVEL[entry] + 1


class Course(TitledInLanguages, models.Model):
    """A course of the programme in one cycle, e.g. "Let's mów", autumn 2026."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    slug = models.SlugField(_("address"), unique=True)
    titles = models.JSONField(_("titles"), default=dict)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    cycle = models.CharField(_("cycle"), max_length=60, help_text=_("E.g. autumn 2026."))
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-created_at", "slug"]

    def __str__(self) -> str:
        return self.title()



class Group(models.Model):
    """One group of a course: a level, a schedule, a teacher and (at most 12) seats."""

    course = models.ForeignKey(Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="groups")
    code = models.CharField(_("group"), max_length=20, help_text=_("E.g. A1-1."))
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    # Weekdays of the lessons, Monday = 0, as "0,2" (Monday and Wednesday).
    weekdays = models.CharField(_("days"), max_length=20)
    lesson_starts = models.TimeField(_("lessons start at"))
    lesson_minutes = models.PositiveSmallIntegerField(_("lesson length (minutes)"), default=90)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    teacher = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("teacher"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="course_groups")  # fmt: skip
    fee = models.DecimalField(_("full fee (PLN)"), max_digits=8, decimal_places=2, default=0)
    subsidised_fee = models.DecimalField(_("subsidised fee (PLN)"), max_digits=8, decimal_places=2, default=0)
    quota = models.OneToOneField(Quota, verbose_name=_("seats"), on_delete=models.PROTECT, related_name="course_group")

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["course", "starts_on", "code"]
        constraints = [
            models.UniqueConstraint(fields=["course", "code"], name="group_code_once_per_course"),
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="group_ends_after"),
        ]

    def __str__(self) -> str:
        return f"{self.course} · {self.code} ({self.get_level_display()})"

    @property
    def is_online(self) -> bool:
        return not self.place and bool(self.online_url)

    @property
    def weekday_numbers(self) -> list[int]:
        return [int(day) for day in self.weekdays.split(",") if day.strip().isdigit()]

    @property
    def weekday_names(self) -> list[str]:
        monday = datetime.date(2024, 1, 1)
        return [formats.date_format(monday + datetime.timedelta(days=day), "l") for day in self.weekday_numbers]


class Enrollment(models.Model):
    """A person's place in a group, beside the engine's registration (seat, waiting list, offers):
    placement, acceptance, the fee and why, completion."""

    class Fee(models.TextChoices):
        DUE = "due", _("due")
        PAID = "paid", _("paid")
        WAIVED = "waived", _("waived")
        REFUNDED = "refunded", _("refunded")

    registration = models.OneToOneField(Registration, verbose_name=_("registration"), on_delete=models.PROTECT,
                                        related_name="enrollment")  # fmt: skip
    suggested_level = models.CharField(_("level suggested by the questionnaire"), max_length=8, choices=Level.choices,
                                       blank=True)  # fmt: skip
    answers = models.JSONField(_("questionnaire answers"), default=dict, blank=True)
    placement_level = models.CharField(_("placement level"), max_length=8, choices=Level.choices, blank=True)
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    subsidised = models.BooleanField(_("subsidised fee"), default=False)
    fee_amount = models.DecimalField(_("fee (PLN)"), max_digits=8, decimal_places=2, default=0)
    # Why: the eligibility code when the fee was decided (language-neutral; the reason is told in
    # the reader's language from the person's record, see services.fee_explanation).
    fee_basis = models.CharField(_("why this fee"), max_length=24, choices=EligibilityCode.choices, blank=True)
    fee_status = models.CharField(_("fee"), max_length=10, choices=Fee.choices, default=Fee.DUE)
    completed_at = models.DateTimeField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("enrollment")
        verbose_name_plural = _("enrollments")

    def __str__(self) -> str:
        return f"#{self.pk}"  # no name: this is what the audit trail shows


class Lesson(models.Model):
    group = models.ForeignKey(Group, verbose_name=_("group"), on_delete=models.CASCADE, related_name="lessons")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    topic = models.CharField(_("topic of the lesson"), max_length=200, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["starts_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["group", "starts_at"], name="one_lesson_per_time")]

    def __str__(self) -> str:
        return f"{self.group.code} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at).total_seconds() / 3600


class Attendance(models.Model):
    class Status(models.TextChoices):
        PRESENT = "present", _("present")
        ABSENT = "absent", _("absent")
        EXCUSED = "excused", _("excused")

    lesson = models.ForeignKey(Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE,
                                   related_name="attendance")  # fmt: skip
    status = models.CharField(_("attendance"), max_length=8, choices=Status.choices)
    marked_at = models.DateTimeField(_("marked at"), default=timezone.now)
    marked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("marked by"), null=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [models.UniqueConstraint(fields=["lesson", "enrollment"], name="attendance_once_per_lesson")]

    def __str__(self) -> str:
        return f"{self.lesson} · #{self.enrollment_id} · {self.get_status_display()}"


class Assessment(models.Model):
    class Kind(models.TextChoices):
        ENTRY = "entry", _("entry")
        EXIT = "exit", _("exit")

    class Test(models.TextChoices):
        PLACEMENT = "placement", _("placement test")
        WRITTEN = "written", _("written test")
        ORAL = "oral", _("oral interview")
        CERTIFICATE = "certificate", _("state certificate exam")

    enrollment = models.ForeignKey(Enrollment, verbose_name=_("enrollment"), on_delete=models.CASCADE,
                                   related_name="assessments")  # fmt: skip
    kind = models.CharField(_("assessment"), max_length=8, choices=Kind.choices)
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    test = models.CharField(_("test"), max_length=12, choices=Test.choices, default=Test.WRITTEN)
    taken_on = models.DateField(_("date"))
    score = models.PositiveSmallIntegerField(_("score (%)"), null=True, blank=True, validators=[MaxValueValidator(100)])
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        constraints = [models.UniqueConstraint(fields=["enrollment", "kind"], name="one_assessment_of_each_kind")]

    def __str__(self) -> str:
        return f"#{self.enrollment_id} · {self.get_kind_display()} · {self.get_level_display()}"


def _certificate_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _part in range(3))


class Certificate(models.Model):
    """What the participant completed, with a code anyone can verify at /verify/<code>."""

    enrollment = models.OneToOneField(Enrollment, verbose_name=_("enrollment"), on_delete=models.PROTECT,
                                      related_name="certificate")  # fmt: skip
    code = models.CharField(_("code"), max_length=20, unique=True, default=_certificate_code, editable=False)
    # What the certificate says, fixed when it is issued.
    full_name = models.CharField(_("name"), max_length=200)
    course_title = models.CharField(_("course"), max_length=200)
    level = models.CharField(_("level reached"), max_length=8, choices=Level.choices)
    hours = models.DecimalField(_("hours attended"), max_digits=6, decimal_places=1)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    issued_at = models.DateTimeField(_("issued on"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked on"), null=True, blank=True)
    revoked_reason = models.CharField(_("why revoked"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.code
