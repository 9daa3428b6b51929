from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.people import eligibility
from restart.people.choices import (  # noqa: F401  (re-exported: the apps import them from models)
    LEGAL_STAY,
    SENSITIVE_FIELDS,
    AgeBand,
    EligibilityCode,
    Region,
    ResidenceStatus,
    Sex,
    TargetGroup,
)
from restart.people.validators import validate_nip


class Organization(models.Model):
    """An employer, school or partner the programme works with."""

    class Kind(models.TextChoices):
        EMPLOYER = "employer", _("employer")
        SCHOOL = "school", _("school")
        PARTNER = "partner", _("partner")
        PUBLIC = "public", _("public institution")
        OTHER = "other", _("other")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.EMPLOYER)
    nip = models.CharField(_("NIP"), max_length=10, blank=True, validators=[validate_nip])
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["nip"], condition=~models.Q(nip=""), name="organization_unique_nip")
        ]

    def __str__(self) -> str:
        return self.name


class Person(models.Model):
    """One human being the programme serves, recorded once across every service."""

    full_name = models.CharField(_("full name"), max_length=200)
    given_name = models.CharField(_("given name"), max_length=100, blank=True)
    family_name = models.CharField(_("family name"), max_length=100, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True, db_index=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, default="uk"
    )
    languages_spoken = models.CharField(
        _("languages spoken"), max_length=200, blank=True, help_text=_("For example: Ukrainian C2, Polish A2")
    )
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    second_citizenship = models.CharField(_("second citizenship"), max_length=2, blank=True)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, default=Sex.NOT_STATED)
    residence_status = models.CharField(
        _("residence status"), max_length=30, choices=ResidenceStatus.choices, default=ResidenceStatus.UNKNOWN
    )
    residence_valid_until = models.DateField(_("residence valid until"), null=True, blank=True)
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, default=Region.LOWER_SILESIA)
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.THIRD_COUNTRY_NATIONAL
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organisation"), null=True, blank=True, on_delete=models.SET_NULL
    )
    refused = models.JSONField(_("refused to give"), default=list, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    search_key = models.CharField(max_length=400, editable=False, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    restricted_at = models.DateTimeField(_("processing restricted on"), null=True, blank=True, db_index=True)
    restriction_reason = models.CharField(_("reason for restriction"), max_length=300, blank=True)
    erased_at = models.DateTimeField(_("erased on"), null=True, blank=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["full_name", "id"]
        indexes = [models.Index(fields=["citizenship", "residence_status"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def citizenships(self) -> list[str]:
        return [code for code in (self.citizenship, self.second_citizenship) if code]

    def assess(self, on=None) -> eligibility.Assessment:
        """Third-country national? eligible? why? — on a given day (today by default)."""
        return eligibility.assess(self, on)

    @property
    def is_third_country_national(self) -> bool:
        return eligibility.third_country_national(self)[0]

    @property
    def third_country_reason(self) -> str:
        return eligibility.third_country_national(self)[1]

    @property
    def is_eligible(self) -> bool:
        return self.assess().eligible

    @property
    def eligibility_reason(self) -> str:
        return self.assess().reason

    @property
    def is_restricted(self) -> bool:
        return self.restricted_at is not None

    @property
    def is_erased(self) -> bool:
        return self.erased_at is not None

    def has_refused(self, field: str) -> bool:
        return field in (self.refused or [])


class Consent(models.Model):
    """A person's consent to one purpose, with the version of the text they agreed to."""

    class Purpose(models.TextChoices):
        SERVICE = "service", _("processing data to provide the programme's services")
        SHARE_WITH_EMPLOYERS = "share_with_employers", _("showing my profile to employers")
        PHOTOS = "photos", _("photos and film of me")
        NEWSLETTER = "newsletter", _("newsletter")
        REFERRAL = "referral", _("passing my case to a specialist or an outside institution")

    person = models.ForeignKey(Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    text_version = models.CharField(_("version of the consent text"), max_length=30)
    given_at = models.DateTimeField(_("given on"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.text_version})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None



class Participation(models.Model):
    """One person's part in one activity: the ledger every report and history reads.

    The contract (docs/architecture.md): written only by the owning module's service, in the
    same transaction as its own change, through `people.services.participation_record`; it
    carries what reports break down by as it was at the time, so later corrections, expiries
    and erasure never change a past figure.
    """

    class Kind(models.TextChoices):
        CONSULTATION = "consultation", _("consultation")
        COURSE = "course", _("language course")
        EVENT = "event", _("integration event")
        JOB_FAIR = "job_fair", _("job fair")
        OTHER = "other", _("other activity")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("registered")
        WAITLISTED = "waitlisted", _("on the waiting list")
        ATTENDED = "attended", _("took part")
        ABSENT = "absent", _("did not come")
        CANCELLED = "cancelled", _("cancelled")

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="participations"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REGISTERED)
    starts_on = models.DateField(_("starts on"), db_index=True)
    ends_on = models.DateField(_("ends on"), db_index=True)
    # The language-neutral reference to the module's object; its title comes from the
    # resolver the owning app registers (restart/people/ledger.py), in the reader's language.
    source_type = models.CharField(_("source"), max_length=100)
    source_id = models.CharField(_("source id"), max_length=64)

    language_course = models.BooleanField(_("language course"), default=False)
    civic_orientation = models.BooleanField(_("civic orientation"), default=False)
    professional_guidance = models.BooleanField(_("professional guidance"), default=False)
    recognition_applied = models.BooleanField(_("applied for recognition of qualifications"), default=False)
    long_term_residence_applied = models.BooleanField(_("applied for long-term residence"), default=False)
    found_helpful = models.BooleanField(_("found it helpful for integration"), default=False)
    # R.2.8: the exit level of a language course at least one whole CEFR level above the entry level.
    language_level_improved = models.BooleanField(_("improved by a whole language level"), default=False)
    # A job interview after which the candidate was hired (the journeys' last step).
    hired = models.BooleanField(_("hired after the interview"), default=False)

    # The snapshot: the person as they were when the activity was recorded.
    third_country_national = models.BooleanField(_("third-country national"), default=False)
    eligible = models.BooleanField(_("eligible"), default=False)
    eligibility_code = models.CharField(
        _("eligibility"), max_length=24, choices=EligibilityCode.choices, default=EligibilityCode.CITIZENSHIP_UNKNOWN
    )
    residence_status = models.CharField(
        _("residence status"), max_length=30, choices=ResidenceStatus.choices, default=ResidenceStatus.UNKNOWN
    )
    target_group = models.CharField(
        _("target group"), max_length=20, choices=TargetGroup.choices, default=TargetGroup.THIRD_COUNTRY_NATIONAL
    )
    sex = models.CharField(_("sex"), max_length=12, choices=Sex.choices, default=Sex.NOT_STATED)
    age_band = models.CharField(_("age band"), max_length=8, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    citizenship = models.CharField(_("citizenship"), max_length=2, blank=True)
    refused = models.JSONField(_("refused to give"), default=list, blank=True)
    snapshot_on = models.DateField(_("snapshot taken on"), null=True, blank=True)

    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["-starts_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "source_type", "source_id"], name="participation_once_per_source"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")), name="participation_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["person", "starts_on"]),
            models.Index(fields=["source_type", "source_id"]),
            models.Index(fields=["status", "starts_on", "ends_on"]),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.starts_on} · {self.get_status_display()}"

    @property
    def attended(self) -> bool:
        return self.status == self.Status.ATTENDED
