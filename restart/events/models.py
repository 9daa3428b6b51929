from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.core.i18n import TitledInLanguages
from restart.registrations.models import Quota


class Event(TitledInLanguages, models.Model):
    """An integration meeting, training, screening, info session or job-fair day: once or as a series."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("integration meeting")
        TRAINING = "training", _("training")
        SCREENING = "screening", _("film screening")
        INFO_SESSION = "info_session", _("information session")
        JOB_FAIR = "job_fair", _("job fair day")

    class Audience(models.TextChoices):
        MIGRANTS = "migrants", _("migrants")
        HOST_SOCIETY = "host_society", _("host society (employers, teachers, pupils, parents)")
        PROFESSIONALS = "professionals", _("professionals working with migrants")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        PUBLISHED = "published", _("published")

    slug = models.SlugField(_("address"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.MEETING)
    audience = models.CharField(_("audience"), max_length=16, choices=Audience.choices, default=Audience.MIGRANTS)
    titles = models.JSONField(_("titles"), default=dict, help_text=_("One title per language code."))
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    language = models.CharField(_("language of the event"), max_length=10, default="pl")
    place = models.CharField(_("place"), max_length=200, blank=True, help_text=_("Leave empty for an online event."))
    online_url = models.URLField(_("online link"), blank=True,
                                 help_text=_("Shown only to confirmed registrants and in their mails."))  # fmt: skip
    civic_orientation = models.BooleanField(
        _("civic orientation"), default=False, help_text=_("Counts as civic orientation in the funder's report.")
    )
    capacity = models.PositiveIntegerField(_("seats per occasion"), default=20)
    repeat_until = models.DateField(_("every week until"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title()

    @property
    def is_online(self) -> bool:
        return not self.place and bool(self.online_url)

    @property
    def is_series(self) -> bool:
        return self.repeat_until is not None


class Occurrence(models.Model):
    """One date of an event, with its own seats."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="occurrences")
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    quota = models.OneToOneField(Quota, verbose_name=_("seats"), on_delete=models.PROTECT, related_name="occurrence")
    cancelled_at = models.DateTimeField(_("cancelled on"), null=True, blank=True)

    class Meta:
        verbose_name = _("occasion")
        verbose_name_plural = _("occasions")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="occurrence_ends_after")
        ]

    def __str__(self) -> str:
        return f"{self.event} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"
