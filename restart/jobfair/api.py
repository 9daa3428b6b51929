"""The job fair as JSON (DESIGN.md §7): `GET /api/v1/jobs` (published offers, public) and
`GET /api/v1/jobs/<id>/matches` (a token of the programme's staff or of the offer's employer)."""

import datetime

from django.conf import settings
from django.http import Http404
from django.utils import translation
from ninja import Field, Query, Router, Schema
from ninja.errors import AuthorizationError
from ninja.pagination import paginate

from restart.api.auth import staff_token
from restart.api.pagination import Paginated
from restart.api.schemas import ErrorOut
from restart.jobfair import isco, matching, selectors
from restart.jobfair.models import JobOffer, PolishLevel

router = Router(tags=["jobs"])


class JobFilters(Schema):
    occupation: str = Field("", pattern=r"^\d{0,4}$", description="ISCO-08 code or its first digits (7212, 72…).")
    city: str = Field("", max_length=100)
    polish_level: str = Field("", pattern="^(|" + "|".join(PolishLevel.values) + ")$",
                              description="Offers asking at most this Polish: none, A1 … C2.")  # fmt: skip
    contract: str = Field("", pattern="^(|" + "|".join(JobOffer.Contract.values) + ")$")


class LanguageOut(Schema):
    lang: str
    level: str


class JobOut(Schema):
    id: int
    key: str | None = Field(description="The import file's key, if the offer came from one.")
    title: str = Field(description="In the requested language (`lang`), else the request's, else Polish.")
    employer: str = Field(alias="employer.organization.name")
    isco: str
    occupation: str = Field(description="The ISCO-08 unit group's name in the requested language.")
    city: str
    contract: str
    polish_level: str
    languages: list[LanguageOut]
    skills: list[str]
    min_experience_years: int
    shifts: bool
    housing: bool
    pay_min: int | None
    pay_max: int | None
    published_at: datetime.datetime | None

    @staticmethod
    def resolve_title(offer) -> str:
        return offer.title()

    @staticmethod
    def resolve_occupation(offer) -> str:
        return isco.occupation_name(offer.isco)


class MatchOut(Schema):
    candidate: int = Field(description="The candidate profile's id (no name: employers see none before an interview).")
    key: str | None = Field(description="The import file's key of the candidate, if any.")
    score: float = Field(description="Higher is better; above 1 every hard requirement is met.")
    reasons: list[str] = Field(description="What fits, then what is missing, in the request's language.")


class MatchParams(Schema):
    limit: int = Field(20, ge=1, le=100, description="How many, at most 100.")
    lang: str = Field("", max_length=10, description="The language of the reasons (pl, uk, ru, en).")


class MatchesOut(Schema):
    results: list[MatchOut]


def _language(lang: str) -> None:
    if lang in dict(settings.LANGUAGES):
        translation.activate(lang)


@router.get("", response={200: list[JobOut], 422: ErrorOut}, url_name="jobs", operation_id="jobs_list",
            summary="Published job offers of the fair", auth=None)  # fmt: skip
@paginate(Paginated)
def jobs_list(request, filters: Query[JobFilters], lang: str = ""):
    """Offers the coordinator approved (and imported ones), newest first. No token needed."""
    _language(lang)
    return selectors.published_offers(isco=filters.occupation, city=filters.city, polish_level=filters.polish_level,
                                      contract=filters.contract)  # fmt: skip


@router.get("/{offer_id}/matches", response={200: MatchesOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                              422: ErrorOut},
            url_name="job_matches", operation_id="jobs_matches", auth=staff_token,
            summary="Consenting candidates ranked for one offer, with the reasons")  # fmt: skip
def jobs_matches(request, offer_id: int, params: Query[MatchParams]):
    """Best first; only candidates who consent to be shown to employers, without names. The token
    must belong to the programme's coordinators or managers, or to the offer's employer."""
    _language(params.lang)
    offer = JobOffer.objects.filter(pk=offer_id, status=JobOffer.Status.PUBLISHED).select_related(
        "employer").first()  # fmt: skip
    if offer is None:
        raise Http404
    if not selectors.may_see_matches(request.auth, offer):
        raise AuthorizationError
    matches = matching.rank_candidates(offer, selectors.consenting_profiles(), limit=params.limit)
    return {"results": [{"candidate": m.candidate, "key": m.key, "score": m.score, "reasons": m.reasons}
                        for m in matches]}  # fmt: skip
