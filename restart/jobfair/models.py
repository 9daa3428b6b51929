"""The job fair: employers and their offers, candidates and their profiles (what matching reads)."""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.core.i18n import in_language
from restart.people.models import Organization, Person


class PolishLevel(models.TextChoices):
    """The Polish an offer asks for or a candidate has, as the import file and forms write it."""

    NONE = "none", _("none")
    A1 = "A1", "A1"
    A2 = "A2", "A2"
    B1 = "B1", "B1"
    B2 = "B2", "B2"
    C1 = "C1", "C1"
    C2 = "C2", "C2"


LEVEL_RANK = {level: rank for rank, level in enumerate(PolishLevel.values)}


class Employer(models.Model):
    """A company at the fair: its organisation (name, NIP, city), sector and size, its contact,
    the accounts that sign in for it, and the coordinator's approval."""

    class Size(models.TextChoices):
        MICRO = "micro", _("1–9 people")
        SMALL = "small", _("10–49 people")
        MEDIUM = "medium", _("50–249 people")
        LARGE = "large", _("250 people or more")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")

    organization = models.OneToOneField(Organization, verbose_name=_("organisation"), on_delete=models.PROTECT,
                                        related_name="employer")  # fmt: skip
    key = models.CharField(_("import key"), max_length=100, unique=True, null=True, blank=True)
    sector = models.CharField(_("sector"), max_length=100, blank=True)
    size = models.CharField(_("size"), max_length=10, choices=Size.choices, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    language = models.CharField(_("language"), max_length=10, default="pl")
    accounts = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("accounts"), blank=True,
                                      related_name="employers")  # fmt: skip
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("employer")
        verbose_name_plural = _("employers")
        ordering = ["organization__name"]

    def __str__(self) -> str:
        return self.organization.name


class JobOffer(models.Model):
    class Contract(models.TextChoices):
        EMPLOYMENT = "employment", _("employment contract")
        MANDATE = "mandate", _("contract of mandate")
        B2B = "b2b", _("B2B contract")
        TEMPORARY = "temporary", _("temporary work")

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for approval")
        PUBLISHED = "published", _("published")
        REJECTED = "rejected", _("rejected")
        CLOSED = "closed", _("closed")

    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="offers")
    key = models.CharField(_("import key"), max_length=100, unique=True, null=True, blank=True)
    titles = models.JSONField(_("titles"), default=dict)
    descriptions = models.JSONField(_("descriptions"), default=dict, blank=True)
    isco = models.CharField(_("occupation (ISCO-08)"), max_length=4, db_index=True)
    workplace = models.CharField(_("workplace"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    contract = models.CharField(_("contract"), max_length=12, choices=Contract.choices, default=Contract.EMPLOYMENT)
    hours = models.CharField(_("hours"), max_length=100, blank=True)
    shifts = models.BooleanField(_("shift work"), default=False)
    pay_min = models.PositiveIntegerField(_("pay from (PLN gross a month)"), null=True, blank=True)
    pay_max = models.PositiveIntegerField(_("pay up to (PLN gross a month)"), null=True, blank=True)
    polish_level = models.CharField(_("Polish needed"), max_length=4, choices=PolishLevel.choices,
                                    default=PolishLevel.NONE)  # fmt: skip
    languages = models.JSONField(_("other languages"), default=list, blank=True)  # [{"lang": "en", "level": "B1"}]
    skills = models.JSONField(_("skills"), default=list, blank=True)
    min_experience_years = models.PositiveSmallIntegerField(_("years of experience needed"), default=0,
                                                            validators=[MaxValueValidator(60)])  # fmt: skip
    housing = models.BooleanField(_("housing offered"), default=False)
    permit_help = models.BooleanField(_("help with the work permit"), default=False)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published on"), null=True, blank=True)

    class Meta:
        verbose_name = _("job offer")
        verbose_name_plural = _("job offers")
        ordering = ["-published_at", "-created_at"]
        constraints = [models.CheckConstraint(condition=models.Q(pay_max__isnull=True) | models.Q(pay_min__isnull=True)
                                              | models.Q(pay_max__gte=models.F("pay_min")), name="offer_pay_range")]

    def __str__(self) -> str:
        return self.title()

    def title(self, language: str | None = None) -> str:
        return in_language(self.titles, language) or self.key or f"#{self.pk}"

    def description(self, language: str | None = None) -> str:
        return in_language(self.descriptions, language)


def profile_secret() -> str:
    return secrets.token_urlsafe(16)  # 22 characters: fits the column on every database


class CandidateProfile(models.Model):
    """What a job seeker tells employers, shown to them only with the person's consent
    (people.Consent, purpose "share with employers") and without name or contact until they
    accept an interview."""

    person = models.OneToOneField(Person, verbose_name=_("person"), on_delete=models.PROTECT,
                                  related_name="candidate_profile")  # fmt: skip
    key = models.CharField(_("import key"), max_length=100, unique=True, null=True, blank=True)
    wanted_occupations = models.JSONField(_("occupations wanted (ISCO-08)"), default=list, blank=True)
    occupations = models.JSONField(_("past occupations"), default=list, blank=True)  # [{"isco": "7212", "years": 6}]
    skills = models.JSONField(_("skills"), default=list, blank=True)
    polish_level = models.CharField(_("Polish"), max_length=4, choices=PolishLevel.choices, default=PolishLevel.NONE)
    languages = models.JSONField(_("other languages"), default=list, blank=True)
    education = models.CharField(_("education"), max_length=300, blank=True)
    availability = models.CharField(_("available from"), max_length=100, blank=True)
    city = models.CharField(_("lives in"), max_length=100, blank=True)
    preferred_places = models.CharField(_("would work in"), max_length=300, blank=True)
    cv = models.FileField(_("CV (PDF)"), upload_to="jobfair/cv/", blank=True)
    # The candidate's private link to their profile (restart.core.private_links).
    manage_secret = models.CharField(max_length=32, default=profile_secret, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("candidate profile")
        verbose_name_plural = _("candidate profiles")

    def __str__(self) -> str:
        return f"#{self.pk}"  # no name: this is what the audit trail and employers see
