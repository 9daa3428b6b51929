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


class Fair(models.Model):
    """A job-fair day of the events module with its stands: the coordinator sets how many there
    are; each approved employer books one, then opens interview slots at it."""

    event = models.OneToOneField("events.Event", verbose_name=_("event"), on_delete=models.PROTECT,
                                 related_name="fair")  # fmt: skip
    stands = models.PositiveSmallIntegerField(_("stands"), default=20, validators=[MaxValueValidator(500)])
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("job fair")
        verbose_name_plural = _("job fairs")

    def __str__(self) -> str:
        return str(self.event)

    @property
    def day(self):
        """The fair's date (its event's first occasion that was not called off)."""
        return self.event.occurrences.filter(cancelled_at__isnull=True).order_by("starts_at").first()


class Stand(models.Model):
    """One employer's stand at one fair; the number is the one on the floor plan."""

    fair = models.ForeignKey(Fair, verbose_name=_("job fair"), on_delete=models.PROTECT, related_name="booked_stands")
    employer = models.ForeignKey(Employer, verbose_name=_("employer"), on_delete=models.PROTECT, related_name="stands")
    number = models.PositiveSmallIntegerField(_("stand number"))
    booked_at = models.DateTimeField(_("booked on"), default=timezone.now)
    booked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("booked by"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("stand")
        verbose_name_plural = _("stands")
        ordering = ["fair", "number"]
        constraints = [
            models.UniqueConstraint(fields=["fair", "number"], name="one_employer_per_stand"),
            models.UniqueConstraint(fields=["fair", "employer"], name="one_stand_per_employer"),
        ]

    def __str__(self) -> str:
        return f"{self.employer} · {self.number}"


class InterviewSlot(models.Model):
    """A time at a stand for one interview; its one seat is sold by the registration engine, so
    two bookings of the same time cannot both succeed."""

    stand = models.ForeignKey(Stand, verbose_name=_("stand"), on_delete=models.PROTECT, related_name="slots")
    offer = models.ForeignKey(JobOffer, verbose_name=_("job offer"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="slots")  # fmt: skip
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    quota = models.OneToOneField("registrations.Quota", verbose_name=_("seats"), on_delete=models.PROTECT,
                                 related_name="interview_slot")  # fmt: skip

    class Meta:
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["stand", "starts_at"], name="one_slot_per_stand_time"),
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")), name="slot_ends_after"),
        ]

    def __str__(self) -> str:
        return f"{self.stand} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"


class Interview(models.Model):
    """A booked interview: the slot's registration, the candidate, whether they accepted (only
    then does the employer see their name and CV), what came of it, and whether a hire lasted."""

    class Outcome(models.TextChoices):
        HIRED = "hired", _("hired")
        NOT_HIRED = "not_hired", _("not hired")
        IN_PROGRESS = "in_progress", _("in progress")

    registration = models.OneToOneField("registrations.Registration", verbose_name=_("registration"),
                                        on_delete=models.PROTECT, related_name="interview")  # fmt: skip
    slot = models.ForeignKey(InterviewSlot, verbose_name=_("interview slot"), on_delete=models.PROTECT,
                             related_name="interviews")  # fmt: skip
    candidate = models.ForeignKey(CandidateProfile, verbose_name=_("candidate"), on_delete=models.PROTECT,
                                  related_name="interviews")  # fmt: skip
    offer = models.ForeignKey(JobOffer, verbose_name=_("job offer"), null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="interviews")  # fmt: skip
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    accepted_at = models.DateTimeField(_("accepted on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_at = models.DateTimeField(_("outcome recorded on"), null=True, blank=True)
    outcome_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("outcome recorded by"), null=True,
                                   blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip
    follow_up_asked_at = models.DateTimeField(_("asked whether the job lasted on"), null=True, blank=True)
    still_employed = models.BooleanField(_("still works there"), null=True, blank=True)
    still_employed_at = models.DateTimeField(_("answered on"), null=True, blank=True)
    created_at = models.DateTimeField(_("booked on"), default=timezone.now)

    class Meta:
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        ordering = ["slot__starts_at", "pk"]

    def __str__(self) -> str:
        return f"#{self.pk}"  # no name: the audit trail's label

    @property
    def accepted(self) -> bool:
        return self.accepted_at is not None
