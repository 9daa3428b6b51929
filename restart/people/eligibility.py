"""Who the AMIF indicators count: third-country nationals with legal stay in the region.

Each check returns (answer, reason) so that staff see why, in their language.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from restart.core.i18n import country_name

EU_EEA_CH = frozenset({
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE",  # EU
    "IS", "LI", "NO",  # EEA
    "CH",
})  # fmt: skip
STATELESS = "XX"


def citizenship_label(code: str) -> str:
    if code == STATELESS:
        return _("stateless")
    return country_name(code)


def third_country_national(person) -> tuple[bool, str]:
    codes = person.citizenships
    if not codes:
        if person.has_refused("citizenship"):
            return False, _("citizenship refused, so not counted as a third-country national")
        return False, _("citizenship not recorded")
    eu = [code for code in codes if code in EU_EEA_CH]
    if eu:
        return False, _("citizen of %(country)s (EU/EEA/Switzerland)") % {"country": citizenship_label(eu[0])}
    if codes == [STATELESS]:
        return True, _("stateless")
    countries = ", ".join(citizenship_label(code) for code in codes)
    return True, _("citizen of %(country)s") % {"country": countries}


def _legal_stay(person) -> tuple[bool, str]:
    from restart.people.models import LEGAL_STAY

    status = person.get_residence_status_display()
    if person.residence_status not in LEGAL_STAY:
        return False, _("residence status: %(status)s") % {"status": status}
    valid_until = person.residence_valid_until
    if valid_until and valid_until < timezone.localdate():
        return False, _("%(status)s expired on %(date)s") % {"status": status, "date": valid_until.isoformat()}
    return True, status


def _lives_in_region(person) -> tuple[bool, str]:
    from restart.people.models import Region

    if person.region != Region.LOWER_SILESIA:
        return False, _("lives %(where)s") % {"where": person.get_region_display()}
    place = person.municipality or person.get_region_display()
    return True, _("lives in %(place)s") % {"place": place}


def eligible(person) -> tuple[bool, str]:
    checks = [third_country_national(person), _legal_stay(person), _lives_in_region(person)]
    reasons = ", ".join(reason for _ok, reason in checks)
    if all(ok for ok, _reason in checks):
        return True, reasons
    return False, ", ".join(reason for ok, reason in checks if not ok)
