"""What the manager enters for the funder's reports: reporting periods (the whole project among
them) with a target per indicator, and the figures as reported when a period is closed."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReportingPeriod(models.Model):
    name = models.CharField(_("name"), max_length=100, help_text=_("E.g. “2026” or “the whole project”."))
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    whole_project = models.BooleanField(_("the whole project"), default=False)
    # Closing keeps the figures as the funder received them: later corrections change the live
    # ledger's reports of other periods, never a report already given.
    closed_at = models.DateTimeField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("closed by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    reported = models.JSONField(_("figures as reported"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-whole_project", "starts_on"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="period_ends_after"),
            models.UniqueConstraint(fields=["starts_on", "ends_on"], name="one_period_per_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.starts_on:%Y-%m-%d} – {self.ends_on:%Y-%m-%d})"


class Target(models.Model):
    period = models.ForeignKey(ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.CASCADE,
                               related_name="targets")  # fmt: skip
    code = models.CharField(_("indicator"), max_length=20)
    value = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [models.UniqueConstraint(fields=["period", "code"], name="one_target_per_indicator")]

    def __str__(self) -> str:
        return f"{self.code}: {self.value}"


class ActivityImport(models.Model):
    """A file of past activities (a project adopting reSTART mid-way), written into the ledger."""

    file_name = models.CharField(_("file"), max_length=200)
    rows = models.PositiveIntegerField(_("rows written"), default=0)
    imported_at = models.DateTimeField(_("imported on"), default=timezone.now)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("import of past activities")
        verbose_name_plural = _("imports of past activities")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d})"


class ImportedActivity(models.Model):
    """One past activity of one person from an imported file: the ledger row's source."""

    batch = models.ForeignKey(ActivityImport, verbose_name=_("import"), on_delete=models.PROTECT,
                              related_name="activities")  # fmt: skip
    line = models.PositiveIntegerField(_("line"))
    person = models.ForeignKey("people.Person", verbose_name=_("person"), on_delete=models.PROTECT,
                               related_name="imported_activities")  # fmt: skip
    kind = models.CharField(_("kind"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    entry_level = models.CharField(_("entry level"), max_length=10, blank=True)
    exit_level = models.CharField(_("exit level"), max_length=10, blank=True)

    class Meta:
        verbose_name = _("imported activity")
        verbose_name_plural = _("imported activities")

    def __str__(self) -> str:
        return f"#{self.pk} · {self.title}"
