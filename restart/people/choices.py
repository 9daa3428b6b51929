"""The coded values a person's record and the activity ledger share.

Kept apart from the models so that the eligibility rules, the models and the ledger
snapshot can all read them without importing each other.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    FEMALE = "female", _("female")
    MALE = "male", _("male")
    NON_BINARY = "non_binary", _("non-binary")
    NOT_STATED = "not_stated", _("not stated")


class ResidenceStatus(models.TextChoices):
    VISA = "visa", _("visa")
    VISA_FREE = "visa_free", _("visa-free stay")
    TEMPORARY = "temporary_residence", _("temporary residence permit")
    PERMANENT = "permanent_residence", _("permanent residence permit")
    EU_LONG_TERM = "eu_long_term", _("EU long-term resident")
    TEMPORARY_PROTECTION = "temporary_protection", _("temporary protection (UKR)")
    INTERNATIONAL_PROTECTION = "international_protection", _("international protection")
    CITIZEN = "citizen", _("Polish or EU citizen")
    OTHER = "other", _("other")
    UNKNOWN = "unknown", _("unknown")


LEGAL_STAY = frozenset(
    {
        ResidenceStatus.VISA,
        ResidenceStatus.VISA_FREE,
        ResidenceStatus.TEMPORARY,
        ResidenceStatus.PERMANENT,
        ResidenceStatus.EU_LONG_TERM,
        ResidenceStatus.TEMPORARY_PROTECTION,
        ResidenceStatus.INTERNATIONAL_PROTECTION,
    }
)


class Region(models.TextChoices):
    LOWER_SILESIA = "lower_silesia", _("Lower Silesia")
    ELSEWHERE_PL = "elsewhere_pl", _("elsewhere in Poland")
    ABROAD = "abroad", _("abroad")
    UNKNOWN = "unknown", _("unknown")


class TargetGroup(models.TextChoices):
    THIRD_COUNTRY_NATIONAL = "tcn", _("third-country national")
    EMPLOYER = "employer", _("host society: employer")
    TEACHER = "teacher", _("host society: teacher")
    PUPIL = "pupil", _("host society: pupil")
    PARENT = "parent", _("host society: parent")
    PROFESSIONAL = "professional", _("professional working with migrants")


# Sensitive items a person may refuse to give; a refusal is recorded, not left blank.
SENSITIVE_FIELDS = ("birth_date", "sex", "citizenship", "residence_status")



class AgeBand(models.TextChoices):
    """The age bands of the funder's breakdowns, at the time of an activity."""

    CHILD = "0-17", _("0–17")
    YOUNG = "18-29", _("18–29")
    ADULT = "30-54", _("30–54")
    SENIOR = "55+", _("55 and over")
    UNKNOWN = "unknown", _("unknown")


class EligibilityCode(models.TextChoices):
    """Why a person was or was not eligible: the first check that decided it."""

    ELIGIBLE = "eligible", _("eligible")
    CITIZENSHIP_UNKNOWN = "citizenship_unknown", _("citizenship not known yet")
    CITIZENSHIP_REFUSED = "citizenship_refused", _("citizenship refused")
    EU_CITIZEN = "eu_citizen", _("citizen of the EU, EEA or Switzerland")
    STAY_UNKNOWN = "stay_unknown", _("residence status not known yet")
    STAY_REFUSED = "stay_refused", _("residence status refused")
    NO_LEGAL_STAY = "no_legal_stay", _("no legal stay recorded")
    STAY_EXPIRED = "stay_expired", _("residence permit expired")
    REGION_UNKNOWN = "region_unknown", _("place of residence not known yet")
    OUTSIDE_REGION = "outside_region", _("lives outside the region")


# Codes that mean "we do not know yet", not "no": a consultant can complete them.
NOT_KNOWN_YET = frozenset(
    {EligibilityCode.CITIZENSHIP_UNKNOWN, EligibilityCode.STAY_UNKNOWN, EligibilityCode.REGION_UNKNOWN}
)
