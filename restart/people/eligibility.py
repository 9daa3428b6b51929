"""Who the AMIF indicators count: third-country nationals with legal stay in the region.

`assess` answers with a code (stored in the activity ledger, language-neutral) and a reason
in the reader's language, so that staff see why. `selectors.eligible_q` is the same rule as a
database filter; a property test keeps the two in step.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext as _

from restart.core.i18n import country_name
from restart.people.choices import LEGAL_STAY, NOT_KNOWN_YET, EligibilityCode, Region, ResidenceStatus

EU_EEA_CH = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",  # EU
    "IS", "LI", "NO",  # EEA
    "CH",
})  # fmt: skip
STATELESS = "XX"


@dataclass(frozen=True)
class Check:
    ok: bool
    code: str
    reason: str


@dataclass(frozen=True)
class Assessment:
    """A person's standing on one day: third-country national? eligible? and why."""

    third_country_national: bool
    eligible: bool
    code: str
    reason: str

    @property
    def not_known_yet(self) -> bool:
        """Not eligible only because something is missing, which a consultant can complete."""
        return not self.eligible and self.code in NOT_KNOWN_YET


def citizenship_label(code: str) -> str:
    if code == STATELESS:
        return _("stateless")
    return country_name(code)


def _third_country(person) -> Check:
    codes = person.citizenships
    if not codes:
        if person.has_refused("citizenship"):
            return Check(False, EligibilityCode.CITIZENSHIP_REFUSED,
                         _("citizenship refused, so not counted as a third-country national"))  # fmt: skip
        return Check(False, EligibilityCode.CITIZENSHIP_UNKNOWN, _("citizenship not known yet"))
    eu = [code for code in codes if code in EU_EEA_CH]
    if eu:
        reason = _("citizen of %(country)s (EU/EEA/Switzerland)") % {"country": citizenship_label(eu[0])}
        return Check(False, EligibilityCode.EU_CITIZEN, reason)
    if codes == [STATELESS]:
        return Check(True, EligibilityCode.ELIGIBLE, _("stateless"))
    countries = ", ".join(citizenship_label(code) for code in codes)
    return Check(True, EligibilityCode.ELIGIBLE, _("citizen of %(country)s") % {"country": countries})


def _legal_stay(person, on: datetime.date) -> Check:
    status = person.get_residence_status_display()
    if person.residence_status not in LEGAL_STAY:
        if person.has_refused("residence_status"):
            return Check(False, EligibilityCode.STAY_REFUSED, _("residence status refused"))
        if person.residence_status == ResidenceStatus.UNKNOWN:
            return Check(False, EligibilityCode.STAY_UNKNOWN, _("residence status not known yet"))
        return Check(False, EligibilityCode.NO_LEGAL_STAY, _("residence status: %(status)s") % {"status": status})
    valid_until = person.residence_valid_until
    if valid_until and valid_until < on:
        reason = _("%(status)s expired on %(date)s") % {"status": status, "date": valid_until.isoformat()}
        return Check(False, EligibilityCode.STAY_EXPIRED, reason)
    return Check(True, EligibilityCode.ELIGIBLE, status)


def _lives_in_region(person) -> Check:
    if person.region == Region.UNKNOWN:
        return Check(False, EligibilityCode.REGION_UNKNOWN, _("place of residence not known yet"))
    if person.region != Region.LOWER_SILESIA:
        reason = _("lives %(where)s") % {"where": person.get_region_display()}
        return Check(False, EligibilityCode.OUTSIDE_REGION, reason)
    place = person.municipality or person.get_region_display()
    return Check(True, EligibilityCode.ELIGIBLE, _("lives in %(place)s") % {"place": place})


def assess(person, on: datetime.date | None = None) -> Assessment:
    """The person's standing on `on` (today by default): a permit valid then counts, even if expired since."""
    on = on or timezone.localdate()
    third_country = _third_country(person)
    checks = [third_country, _legal_stay(person, on), _lives_in_region(person)]
    failed = [check for check in checks if not check.ok]
    if not failed:
        reason = ", ".join(check.reason for check in checks)
        return Assessment(True, True, EligibilityCode.ELIGIBLE, reason)
    # "Not known yet" only when nothing already rules the person out.
    deciding = next((check for check in failed if check.code not in NOT_KNOWN_YET), failed[0])
    reason = ", ".join(check.reason for check in failed)
    return Assessment(third_country.ok, False, deciding.code, reason)


def third_country_national(person) -> tuple[bool, str]:
    check = _third_country(person)
    return check.ok, check.reason


def eligible(person) -> tuple[bool, str]:
    assessment = assess(person)
    return assessment.eligible, assessment.reason
