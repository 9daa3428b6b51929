import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from restart.people.models import Person, TargetGroup


class Quota(models.Model):
    """The seats of one thing people register for — an event's occurrence, a course group, an
    interview slot (pretix's word). Every count of seats locks this row first."""

    # The owning module's object, language-neutral ("events.occurrence", "17"), like the ledger's source.
    owner_type = models.CharField(_("for"), max_length=100)
    owner_id = models.CharField(_("for (number)"), max_length=64)
    capacity = models.PositiveIntegerField(_("seats"))
    opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    offer_hours = models.PositiveSmallIntegerField(
        _("hours to take up a freed seat"), default=48,
        help_text=_("When a seat frees, the first person waiting may take it within this time."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("seats")
        verbose_name_plural = _("seats")
        constraints = [models.UniqueConstraint(fields=["owner_type", "owner_id"], name="one_quota_per_owner")]

    def __str__(self) -> str:
        return f"{self.owner_type} #{self.owner_id}"


def _ticket() -> str:
    # 10 characters of an alphabet without look-alikes: typed by hand at the door if the scan fails.
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


def _secret() -> str:
    return secrets.token_urlsafe(16)


class Registration(models.Model):
    """One person's place for one thing: confirmed, waiting, offered a freed seat, or ended."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("confirmed")
        WAITLISTED = "waitlisted", _("on the waiting list")
        OFFERED = "offered", _("offered a freed seat")
        LAPSED = "lapsed", _("offer not taken up")
        CANCELLED = "cancelled", pgettext_lazy("a registration", "cancelled")
        ATTENDED = "attended", _("took part")
        ABSENT = "absent", _("did not come")

    # Statuses that hold a seat; ACTIVE adds the waiting list.
    HOLDING = (Status.CONFIRMED, Status.OFFERED, Status.ATTENDED, Status.ABSENT)
    ACTIVE = (*HOLDING, Status.WAITLISTED)
    # Not ended yet: what a person may cancel, staff may move, and a changed or called-off date touches.
    OPEN = (Status.CONFIRMED, Status.OFFERED, Status.WAITLISTED)

    quota = models.ForeignKey(Quota, verbose_name=_("seats"), on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    target_group = models.CharField(_("target group"), max_length=20, choices=TargetGroup.choices)
    ticket = models.CharField(_("ticket"), max_length=16, default=_ticket, unique=True, editable=False)
    manage_secret = models.CharField(max_length=32, default=_secret, editable=False)
    offer_expires_at = models.DateTimeField(_("offer valid until"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("checked in by"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    calendar_sequence = models.PositiveSmallIntegerField(default=0, editable=False)
    # Registrations made together (every date of a series): one mail, one ticket for all of them.
    batch = models.UUIDField(_("registered together"), null=True, blank=True, db_index=True, editable=False)
    created_at = models.DateTimeField(_("registered on"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "pk"]
        # No unique (quota, person): the service, under the quota's lock, refuses a second one.
        indexes = [models.Index(fields=["quota", "status", "created_at"]), models.Index(fields=["person", "status"])]

    def __str__(self) -> str:
        # No name and no ticket: this is what the audit trail shows.
        return f"#{self.pk} · {self.get_status_display()}"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDING

    @property
    def door_ticket(self) -> str:
        """The code to show at the door: for dates registered together, the first one's ticket
        opens every date (one QR code for a whole series)."""
        if self.batch is None:
            return self.ticket
        return Registration.objects.filter(batch=self.batch).order_by("created_at", "pk").values_list(
            "ticket", flat=True).first() or self.ticket  # fmt: skip


class Feedback(models.Model):
    """What a participant said afterwards: was it helpful for their integration (R.2.9 counts "yes")."""

    class Answer(models.TextChoices):
        YES = "yes", _("yes")
        PARTLY = "partly", _("partly")
        NO = "no", _("no")

    registration = models.OneToOneField(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="feedback"
    )
    helpful = models.CharField(_("helpful for integration"), max_length=8, choices=Answer.choices)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    given_at = models.DateTimeField(_("given on"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")

    def __str__(self) -> str:
        return f"#{self.registration_id} · {self.get_helpful_display()}"
