"""`manage.py import_jobfair FILE.json`: employers, offers and candidate profiles in the shape of
docs/jobfair-import.md, all or nothing. Every bad item is reported with its JSON path and reason
(`offers[3].isco: unknown ISCO-08 unit group "9999"`); `key`s are the file's own identifiers,
kept on the records, so importing the same file again updates instead of duplicating."""

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from restart.core.i18n import country_choices
from restart.jobfair import isco
from restart.jobfair.models import CandidateProfile, Employer, JobOffer, PolishLevel
from restart.jobfair.places import coordinates
from restart.people.choices import Region
from restart.people.models import Consent, Organization
from restart.people.services import consent_give, consent_withdraw, organization_save, person_create, person_update
from restart.people.validators import normalise_nip, validate_nip

CEFR = {"A1", "A2", "B1", "B2", "C1", "C2"}
CONSENT_VERSION = "jobfair-import"


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    counts: dict = field(default_factory=lambda: {"employers": [0, 0], "offers": [0, 0], "candidates": [0, 0]})

    def bad(self, path: str, reason: str) -> None:
        self.errors.append(f"{path}: {reason}")

    def summary(self) -> str:
        return ", ".join(f"{name}: {new} new, {updated} updated" for name, (new, updated) in self.counts.items())


class ImportRefused(Exception):
    def __init__(self, report: Report):
        super().__init__("\n".join(report.errors))
        self.report = report


def _text(item: dict, name: str, path: str, report: Report, *, required: bool = True, limit: int = 200) -> str:
    value = item.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        report.bad(f"{path}.{name}", "a non-empty text is required" if required else "must be a text")
        return ""
    if len(value) > limit:
        report.bad(f"{path}.{name}", f"at most {limit} characters")
    return value.strip()


def _flag(item: dict, name: str, path: str, report: Report) -> bool:
    value = item.get(name, False)
    if not isinstance(value, bool):
        report.bad(f"{path}.{name}", "must be true or false")
        return False
    return value


def _polish(item: dict, path: str, report: Report) -> str:
    value = item.get("polish_level", "none")
    if value not in PolishLevel.values:
        report.bad(f"{path}.polish_level", f'unknown level {value!r}: "none" or A1, A2, B1, B2, C1, C2')
        return PolishLevel.NONE
    return value


def _languages(item: dict, path: str, report: Report) -> list[dict]:
    value = item.get("languages", [])
    if not isinstance(value, list):
        report.bad(f"{path}.languages", "must be a list")
        return []
    clean = []
    for number, language in enumerate(value):
        where = f"{path}.languages[{number}]"
        if not isinstance(language, dict) or not isinstance(language.get("lang"), str) or not language["lang"]:
            report.bad(where, 'must be {"lang": code, "level": CEFR level}')
            continue
        if language.get("level") not in CEFR:
            report.bad(f"{where}.level", f"unknown CEFR level {language.get('level')!r}: A1, A2, B1, B2, C1 or C2")
            continue
        clean.append({"lang": language["lang"].strip().lower()[:10], "level": language["level"]})
    return clean


def _skills(item: dict, path: str, report: Report) -> list[str]:
    value = item.get("skills", [])
    if not isinstance(value, list) or not all(isinstance(skill, str) for skill in value):
        report.bad(f"{path}.skills", "must be a list of texts")
        return []
    return [skill.strip()[:100] for skill in value if skill.strip()][:50]


def _isco(value, path: str, report: Report) -> str:
    if not isinstance(value, str) or not isco.is_unit_group(value):
        report.bad(path, f"unknown ISCO-08 unit group {value!r} (four digits, e.g. 7212)")
        return ""
    return value


def _keyed(items, name: str, report: Report) -> list[tuple[str, dict]]:
    if not isinstance(items, list):
        report.bad(name, "must be a list")
        return []
    seen, keyed = set(), []
    for number, item in enumerate(items):
        path = f"{name}[{number}]"
        if not isinstance(item, dict):
            report.bad(path, "must be an object")
            continue
        key = item.get("key")
        if not isinstance(key, str) or not key.strip():
            report.bad(f"{path}.key", "a non-empty text is required")
            continue
        if key in seen:
            report.bad(f"{path}.key", f"{key!r} appears twice in the file")
        seen.add(key)
        keyed.append((path, item))
    return keyed


# --- Employers ---


def _employer(path: str, item: dict, report: Report, by) -> None:
    name = _text(item, "name", path, report)
    nip = normalise_nip(item.get("nip") or "") if isinstance(item.get("nip", ""), str) else ""
    if nip:
        try:
            validate_nip(nip)
        except ValidationError as error:
            report.bad(f"{path}.nip", error.messages[0])
    sector = _text(item, "sector", path, report, required=False, limit=100)
    city = _text(item, "city", path, report, limit=100)
    if report.errors:
        return
    employer = Employer.objects.filter(key=item["key"]).select_related("organization").first()
    known = Organization.objects.filter(nip=nip).first() if nip else None  # the registry may know the company
    organization = (employer.organization if employer else known) or Organization(kind=Organization.Kind.EMPLOYER)
    organization.name, organization.city = name, city
    if nip:
        organization.nip = nip
    organization_save(organization=organization, by=by)  # audited, as the registry's own page does
    report.counts["employers"][0 if employer is None else 1] += 1
    employer = employer or Employer(organization=organization, key=item["key"])
    employer.sector, employer.status = sector, Employer.Status.APPROVED
    employer.save()


# --- Offers ---


def _offer(path: str, item: dict, report: Report, employers: set[str]) -> None:
    errors = len(report.errors)
    if item.get("employer") not in employers:
        report.bad(f"{path}.employer",
                   f"no employer with the key {item.get('employer')!r} in the file or imported before")
    titles = item.get("title")
    if not isinstance(titles, dict) or not any(isinstance(t, str) and t.strip() for t in titles.values()):
        report.bad(f"{path}.title", 'a title in at least one language is required, e.g. {"pl": "…", "en": "…"}')
        titles = {}
    code = _isco(item.get("isco"), f"{path}.isco", report)
    city = _text(item, "city", path, report, limit=100)
    contract = item.get("contract", "employment")
    if contract not in JobOffer.Contract.values:
        report.bad(f"{path}.contract", f"unknown contract {contract!r}: employment, mandate, b2b or temporary")
    years = item.get("min_experience_years", 0)
    if not isinstance(years, int) or isinstance(years, bool) or not 0 <= years <= 60:
        report.bad(f"{path}.min_experience_years", "a whole number of years from 0 to 60")
    values = {
        "titles": {lang: text.strip() for lang, text in titles.items() if isinstance(text, str) and text.strip()},
        "isco": code, "city": city, "contract": contract, "polish_level": _polish(item, path, report),
        "languages": _languages(item, path, report), "skills": _skills(item, path, report),
        "min_experience_years": years if isinstance(years, int) else 0,
        "shifts": _flag(item, "shifts", path, report), "housing": _flag(item, "housing", path, report),
    }  # fmt: skip
    if len(report.errors) > errors or report.errors:
        return
    offer = JobOffer.objects.filter(key=item["key"]).first()
    report.counts["offers"][0 if offer is None else 1] += 1
    offer = offer or JobOffer(key=item["key"])
    for name, value in values.items():
        setattr(offer, name, value)
    offer.employer = Employer.objects.get(key=item["employer"])
    offer.status = JobOffer.Status.PUBLISHED
    offer.published_at = offer.published_at or timezone.now()
    offer.save()


# --- Candidates ---


def _occupations(item: dict, path: str, report: Report) -> list[dict]:
    value = item.get("occupations", [])
    if not isinstance(value, list):
        report.bad(f"{path}.occupations", "must be a list")
        return []
    clean = []
    for number, occupation in enumerate(value):
        where = f"{path}.occupations[{number}]"
        if not isinstance(occupation, dict):
            report.bad(where, 'must be {"isco": code, "years": number}')
            continue
        code = _isco(occupation.get("isco"), f"{where}.isco", report)
        years = occupation.get("years", 0)
        if not isinstance(years, int) or isinstance(years, bool) or not 0 <= years <= 60:
            report.bad(f"{where}.years", "a whole number of years from 0 to 60")
            continue
        if code:
            clean.append({"isco": code, "years": years})
    return clean


def _candidate(path: str, item: dict, report: Report, by, countries: set[str]) -> None:
    errors = len(report.errors)
    name, city = _text(item, "name", path, report), _text(item, "city", path, report, required=False, limit=100)
    citizenship = item.get("citizenship", "")
    if citizenship and citizenship not in countries:
        report.bad(f"{path}.citizenship", f"unknown country code {citizenship!r} (two letters, e.g. UA)")
    values = {"polish_level": _polish(item, path, report), "languages": _languages(item, path, report),
              "occupations": _occupations(item, path, report), "skills": _skills(item, path, report), "city": city}
    consent = _flag(item, "consent", path, report)
    if len(report.errors) > errors or report.errors:
        return
    profile = CandidateProfile.objects.filter(key=item["key"]).select_related("person").first()
    facts = {"full_name": name, "citizenship": citizenship, "municipality": city,
             "region": Region.LOWER_SILESIA if coordinates(city) else Region.UNKNOWN}  # fmt: skip
    if profile is None:
        person = person_create(data={**facts, "preferred_language": "uk"}, by=by, action="person.import")
        profile = CandidateProfile(person=person, key=item["key"])
        report.counts["candidates"][0] += 1
    else:
        person_update(person=profile.person, data=facts, by=by)
        report.counts["candidates"][1] += 1
    for name, value in values.items():
        setattr(profile, name, value)
    profile.save()
    _consent(profile, consent, by)


def _consent(profile: CandidateProfile, wanted: bool, by) -> None:
    active = profile.person.consents.filter(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, withdrawn_at__isnull=True)
    if wanted and not active.exists():
        consent_give(person=profile.person, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS,
                     text_version=CONSENT_VERSION, by=by)  # fmt: skip
    elif not wanted:
        for consent in active:
            consent_withdraw(consent=consent, by=by)


def import_jobfair(data, *, by=None) -> Report:
    """Check everything, then write everything in one transaction; any bad item writes nothing."""
    report = Report()
    if not isinstance(data, dict):
        report.bad("$", 'the file must be one object {"employers": […], "offers": […], "candidates": […]}')
        raise ImportRefused(report)
    employers = _keyed(data.get("employers", []), "employers", report)
    offers = _keyed(data.get("offers", []), "offers", report)
    candidates = _keyed(data.get("candidates", []), "candidates", report)
    known = {key for _path, item in employers for key in [item["key"]]} | set(
        Employer.objects.exclude(key=None).values_list("key", flat=True))  # fmt: skip
    countries = {code for code, _name in country_choices("en")} | {"XX"}
    with transaction.atomic():
        for path, item in employers:
            _employer(path, item, report, by)
        for path, item in offers:
            _offer(path, item, report, known)
        for path, item in candidates:
            _candidate(path, item, report, by, countries)
        if report.errors:
            transaction.set_rollback(True)
            raise ImportRefused(report)
    return report
