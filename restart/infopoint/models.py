import datetime
import re
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from restart.people.models import Person
from restart.topics.models import Topic


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("in person")
    PHONE = "phone", _("by phone")
    VIDEO = "video", _("video call")


class ConsultationSlot(models.Model):
    """A time a consultant offers, in some languages, by one channel."""

    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consultant"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    # ",pl,uk," — a plain string so that "offers Ukrainian" is a LIKE on SQLite and PostgreSQL alike.
    languages = models.CharField(_("languages"), max_length=60)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices, default=Channel.IN_PERSON)
    place = models.CharField(_("place"), max_length=200, blank=True)
    series = models.CharField(_("weekly series"), max_length=32, blank=True, db_index=True)

    class Meta:
        verbose_name = _("consultation slot")
        verbose_name_plural = _("consultation slots")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["consultant", "starts_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after_start")
        ]

    def __str__(self) -> str:
        return f"{timezone.localtime(self.starts_at):%Y-%m-%d %H:%M} {self.consultant}"

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split(",") if code]

    @staticmethod
    def pack_languages(codes) -> str:
        return "," + ",".join(sorted(set(codes))) + ","


def _manage_secret() -> str:
    return secrets.token_urlsafe(16)


class Consultation(models.Model):
    """One consultation of one person: booked in advance or recorded as a walk-in."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("booked")
        ATTENDED = "attended", _("attended")
        NO_SHOW = "no_show", _("did not come")
        CANCELLED = "cancelled", _("cancelled")

    ACTIVE_STATUSES = (Status.BOOKED, Status.ATTENDED, Status.NO_SHOW)

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="consultations"
    )
    slot = models.ForeignKey(
        ConsultationSlot, verbose_name=_("slot"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultations",
    )  # fmt: skip
    consultant = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("consultant"), on_delete=models.PROTECT, related_name="consultations"
    )
    starts_at = models.DateTimeField(_("date and time"), db_index=True)
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="consultations")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    channel = models.CharField(_("channel"), max_length=12, choices=Channel.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    question = models.TextField(_("question from the booking"), blank=True)
    notes = models.TextField(_("private notes"), blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    recognition_applied = models.BooleanField(_("applied for recognition of qualifications"), default=False)
    long_term_residence_applied = models.BooleanField(_("applied for long-term residence"), default=False)
    walk_in = models.BooleanField(_("walk-in"), default=False)
    manage_secret = models.CharField(max_length=32, default=_manage_secret, editable=False)
    calendar_sequence = models.PositiveSmallIntegerField(default=0, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["consultant", "starts_at"]), models.Index(fields=["person", "starts_at"])]
        constraints = [
            # The database's own guard against double booking, beside the row lock in the service.
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(slot__isnull=False) & Q(status__in=["booked", "attended", "no_show"]),
                name="one_active_consultation_per_slot",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    @property
    def is_upcoming(self) -> bool:
        return self.status == self.Status.BOOKED and self.starts_at > timezone.now()


class Referral(models.Model):
    """A case sent to a specialist consultation or an outside institution, with the person's consent."""

    class Kind(models.TextChoices):
        SPECIALIST = "specialist", _("specialist consultation")
        INSTITUTION = "institution", _("outside institution")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DECLINED = "declined", _("declined")

    consultation = models.ForeignKey(
        Consultation, verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="referrals"
    )
    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="referrals")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    specialist = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("specialist"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="referrals_received",
    )  # fmt: skip
    institution = models.CharField(_("institution"), max_length=200, blank=True)
    reason = models.TextField(_("reason"))
    consent = models.ForeignKey(
        "people.Consent", verbose_name=_("consent"), on_delete=models.PROTECT, related_name="referrals"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    outcome = models.TextField(_("outcome"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("referred by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        target = self.specialist or self.institution
        return f"{self.person} → {target}"


class ContactDetails(models.Model):
    """How to reach the information point: phone, e-mail, address and opening hours (a single row)."""

    SINGLE_ROW = 1

    phone = models.CharField(_("phone number"), max_length=30, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    address = models.JSONField(_("address"), default=dict, blank=True, help_text=_("One text per language code."))
    opening_hours = models.JSONField(
        _("opening hours"), default=dict, blank=True, help_text=_("One text per language code.")
    )
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("contact details")
        verbose_name_plural = _("contact details")

    def __str__(self) -> str:
        return str(_("Contact details of the information point"))

    def _text(self, texts: dict, language: str | None) -> str:
        language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
        return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or texts.get("en") or ""

    def address_text(self, language: str | None = None) -> str:
        """The address in the given (or current) language, falling back to Polish, then English."""
        return self._text(self.address, language)

    def opening_hours_text(self, language: str | None = None) -> str:
        return self._text(self.opening_hours, language)

    @property
    def is_empty(self) -> bool:
        return not (self.phone or self.email or any(self.address.values()) or any(self.opening_hours.values()))

    @property
    def phone_link(self) -> str:
        """The number for a tel: link: digits and a leading +, whatever spacing the manager typed."""
        return re.sub(r"[^\d+]", "", self.phone)
