"""Explained matching: how well a candidate fits an offer, with the reasons a reader can check.

Hard requirements (the Polish the offer asks for, its years of experience) are kept apart from
preferences (the occupation, skills, other languages, distance): a candidate who meets every hard
requirement ranks above one who does not, whatever the preferences say. Skills are compared after
normalising spelling and synonyms (skills.py); occupations by ISCO-08 group, with credit for
closely related groups (isco.py). The same scoring ranks candidates for an offer and offers for a
candidate.
"""

import heapq
from dataclasses import dataclass, field

from django.db.models import CharField, QuerySet
from django.db.models.functions import Cast
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from restart.jobfair import isco
from restart.jobfair.models import LEVEL_RANK, CandidateProfile, JobOffer
from restart.jobfair.places import distance_km
from restart.jobfair.skills import canonical_set

CEFR_RANK = {"A1": 1, "A2": 2, "B1": 3, "B2": 4, "C1": 5, "C2": 6}
WEIGHTS = {"occupation": 40, "skills": 25, "languages": 10, "place": 15, "wanted": 10}


@dataclass(frozen=True)
class OfferFeatures:
    id: int
    isco: str
    polish: int
    min_years: int
    skills: frozenset
    skill_names: dict  # canonical -> as the offer wrote it
    languages: dict  # lang -> rank
    city: str
    housing: bool


@dataclass(frozen=True)
class CandidateFeatures:
    id: int
    key: str | None
    polish: int
    occupations: dict  # isco -> years
    wanted: frozenset
    skills: frozenset
    languages: dict
    city: str


@dataclass
class Match:
    candidate: int
    key: str | None
    offer: int
    score: float
    meets_requirements: bool
    reasons: list[str] = field(default_factory=list)  # what fits, then what is missing


def _languages(items) -> dict:
    return {str(item.get("lang", "")).lower(): CEFR_RANK.get(str(item.get("level", "")).upper(), 0)
            for item in items or [] if isinstance(item, dict)}  # fmt: skip


def offer_features(offer: JobOffer) -> OfferFeatures:
    return OfferFeatures(
        id=offer.pk, isco=offer.isco, polish=LEVEL_RANK.get(offer.polish_level, 0),
        min_years=offer.min_experience_years, skills=canonical_set(offer.skills),
        skill_names={skill: written for written in offer.skills for skill in canonical_set([written])},
        languages=_languages(offer.languages), city=offer.city, housing=offer.housing,
    )  # fmt: skip


# What matching reads of a profile: only these, not whole rows (thousands are read for one offer).
PROFILE_FIELDS = ("id", "key", "polish_level", "occupations", "wanted_occupations", "skills", "languages", "city")


def candidate_features_row(row: dict) -> CandidateFeatures:
    occupations = {}
    for item in row["occupations"] or []:
        code = str(item.get("isco", ""))
        occupations[code] = max(occupations.get(code, 0), int(item.get("years") or 0))
    return CandidateFeatures(
        id=row["id"], key=row["key"], polish=LEVEL_RANK.get(row["polish_level"], 0), occupations=occupations,
        wanted=frozenset(map(str, row["wanted_occupations"] or [])), skills=canonical_set(row["skills"]),
        languages=_languages(row["languages"]), city=row["city"],
    )  # fmt: skip


# What matching derived from each profile, kept in the process: {pk: (updated_at, features)}.
# Reading and parsing 20,000 profiles' JSON took two thirds of a ranking (docs/benchmarks.md);
# their id and updated_at are read every time, so a changed profile is read again at once.
_FEATURES: dict[int, tuple] = {}


def features_of(profiles: QuerySet) -> dict[int, CandidateFeatures]:
    """{pk: features} of the profiles the query selects (its filter, such as consent, is applied
    every time); only profiles new or saved since they were last read are read again."""
    # The stamp as the database writes it: comparing text skips parsing 20,000 datetimes.
    stamps = dict(profiles.order_by().values_list("pk", Cast("updated_at", CharField())))
    stale = [pk for pk, stamp in stamps.items() if _FEATURES.get(pk, (None,))[0] != stamp]
    for start in range(0, len(stale), 2000):
        rows = CandidateProfile.objects.filter(pk__in=stale[start : start + 2000]).values(
            *PROFILE_FIELDS, stamp=Cast("updated_at", CharField()))  # fmt: skip
        _FEATURES.update({row["id"]: (row["stamp"], candidate_features_row(row)) for row in rows})
    if len(_FEATURES) > 2 * len(stamps) + 1000:  # maybe profiles deleted since: let those go
        for pk in set(_FEATURES) - set(CandidateProfile.objects.values_list("pk", flat=True)):
            _FEATURES.pop(pk, None)
    return {pk: _FEATURES[pk][1] for pk in stamps if pk in _FEATURES}


def candidate_features(profile: CandidateProfile) -> CandidateFeatures:
    row = {field: getattr(profile, field) for field in PROFILE_FIELDS if field != "id"}
    return candidate_features_row({**row, "id": profile.pk})


def _level(rank: int) -> str:
    return list(LEVEL_RANK)[rank] if rank else _("no Polish")


def _occupation(code: str) -> str:
    return _("%(occupation)s (ISCO %(code)s)") % {"occupation": isco.occupation_name(code), "code": code}


def _experience(offer: OfferFeatures, candidate: CandidateFeatures) -> tuple[float, int, str]:
    """(closeness × how far the years go, years in the closest occupation, that occupation)."""
    best = (0.0, 0, "")
    for code, years in candidate.occupations.items():
        close = isco.closeness(offer.isco, code)
        if close:
            enough = min(years / offer.min_years, 1.0) if offer.min_years else min(years / 2, 1.0) * 0.5 + 0.5
            value = close * enough
            if (value, years) > best[:2]:
                best = (value, years, code)
    return best


def _hard(offer: OfferFeatures, candidate: CandidateFeatures, fits: list | None, missing: list | None) -> bool:
    """The Polish asked for and the years of experience (in the occupation or a closely related one)."""
    polish_ok = candidate.polish >= offer.polish
    if offer.polish and fits is not None:
        line = _("Polish %(has)s, the offer asks %(asks)s") % {"has": _level(candidate.polish),
                                                                "asks": _level(offer.polish)}  # fmt: skip
        (fits if polish_ok else missing).append(line)
    related = [years for code, years in candidate.occupations.items() if isco.closeness(offer.isco, code) >= 0.6]
    years_ok = max(related, default=0) >= offer.min_years
    if offer.min_years and not years_ok and missing is not None:
        missing.append(ngettext("experience: the offer asks %(years)s year",
                                "experience: the offer asks %(years)s years", offer.min_years)
                       % {"years": offer.min_years})  # fmt: skip
    return polish_ok and years_ok


def _skills(offer: OfferFeatures, candidate: CandidateFeatures, fits: list | None, missing: list | None) -> float:
    shared = offer.skills & candidate.skills
    if fits is None:
        return len(shared) / len(offer.skills) if offer.skills else 0.5
    lacking = offer.skills - candidate.skills
    if shared:
        fits.append(_("skills: %(skills)s") % {"skills": ", ".join(sorted(offer.skill_names[s] for s in shared))})
    if lacking:
        missing.append(_("missing: %(skills)s") % {"skills": ", ".join(sorted(offer.skill_names[s] for s in lacking))})
    return len(shared) / len(offer.skills) if offer.skills else 0.5


def _other_languages(offer: OfferFeatures, candidate: CandidateFeatures, fits: list | None) -> float:
    if not offer.languages:
        return 1.0
    met = [lang for lang, rank in offer.languages.items() if candidate.languages.get(lang, 0) >= rank]
    for lang in met if fits is not None else ():
        level = list(CEFR_RANK)[candidate.languages[lang] - 1]
        fits.append(_("%(language)s %(level)s") % {"language": lang.upper(), "level": level})
    return len(met) / len(offer.languages)


def score(offer: OfferFeatures, candidate: CandidateFeatures, explain: bool = True) -> Match:
    """The fit of one candidate for one offer; `explain=False` skips writing the reasons (ranking
    thousands needs the numbers only, and the reasons of the few shown are written afterwards)."""
    fits, missing = ([], []) if explain else (None, None)
    meets = _hard(offer, candidate, fits, missing)
    experience, years, code = _experience(offer, candidate)
    if code and explain:
        fits.insert(0, ngettext("%(years)s year as %(occupation)s", "%(years)s years as %(occupation)s", years)
                    % {"years": years, "occupation": _occupation(code)})  # fmt: skip
    wanted = max((isco.closeness(offer.isco, code) for code in candidate.wanted), default=0.0)
    if wanted and offer.isco not in candidate.occupations and explain:
        fits.append(_("wants to work as %(occupation)s") % {"occupation": _occupation(offer.isco)})
    skills = _skills(offer, candidate, fits, missing)
    languages = _other_languages(offer, candidate, fits)
    place, place_line = _place(offer, candidate, explain)
    if place_line:
        (fits if place >= 0.5 else missing).append(place_line)
    total = (WEIGHTS["occupation"] * experience + WEIGHTS["skills"] * skills + WEIGHTS["languages"] * languages
             + WEIGHTS["place"] * place + WEIGHTS["wanted"] * wanted) / sum(WEIGHTS.values())  # fmt: skip
    return Match(candidate=candidate.id, key=candidate.key, offer=offer.id, meets_requirements=meets,
                 score=round((1.0 if meets else 0.0) + total, 4), reasons=(fits + missing) if explain else [])


def _place(offer: OfferFeatures, candidate: CandidateFeatures, explain: bool = True) -> tuple[float, str]:
    if not candidate.city:
        return 0.3, ""
    km = distance_km(candidate.city, offer.city)
    if km is None:  # a town we cannot place: housing offered makes the distance matter less
        unknown = 0.5 if offer.housing else 0.3
        return unknown, _("lives in %(city)s") % {"city": candidate.city} if explain else ""
    if km == 0:
        return 1.0, _("lives in %(city)s, where the job is") % {"city": candidate.city} if explain else ""
    value = 0.8 if km <= 30 else 0.5 if km <= 60 else 0.1
    line = _("lives in %(city)s, %(km)s km away") % {"city": candidate.city, "km": km} if explain else ""
    return (max(value, 0.7) if offer.housing and km > 30 else value), line


def rank_candidates(offer: JobOffer, profiles, limit: int = 20) -> list[Match]:
    """The consenting candidates `profiles` for one offer, best first: all hard requirements met
    before any that are not, then by score."""
    features = offer_features(offer)
    if isinstance(profiles, QuerySet):
        candidates = features_of(profiles)
    else:
        candidates = {candidate.id: candidate for candidate in map(candidate_features, profiles)}
    best = heapq.nsmallest(limit, ((-score(features, candidate, explain=False).score, candidate.id)
                                   for candidate in candidates.values()))  # fmt: skip
    return [score(features, candidates[pk]) for _score, pk in best]


def rank_offers(profile: CandidateProfile, offers, limit: int = 20) -> list[Match]:
    candidate = candidate_features(profile)
    matches = [score(offer_features(offer), candidate) for offer in offers]
    matches.sort(key=lambda match: (-match.score, match.offer))
    return matches[:limit]
