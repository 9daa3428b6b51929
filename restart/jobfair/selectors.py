"""Reads of the job fair: published offers, the candidates employers may see, who may see an offer."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404

from restart.core.access import user_roles
from restart.core.roles import Role
from restart.jobfair.models import CandidateProfile, Employer, JobOffer, PolishLevel
from restart.people.models import Consent


def published_offers(*, isco: str = "", city: str = "", polish_level: str = "", contract: str = "") -> QuerySet:
    """Offers the coordinator approved, newest first. `polish_level`: offers asking at most this
    level (what someone with it can apply to); `isco` matches a group at any level ("72" or "7212")."""
    offers = JobOffer.objects.filter(status=JobOffer.Status.PUBLISHED).select_related("employer__organization")
    if isco:
        offers = offers.filter(isco__startswith=isco)
    if city:
        offers = offers.filter(city__iexact=city)
    if polish_level:
        allowed = PolishLevel.values[: PolishLevel.values.index(polish_level) + 1]
        offers = offers.filter(polish_level__in=allowed)
    if contract:
        offers = offers.filter(contract=contract)
    return offers.order_by("-published_at", "-pk")


def consenting_profiles() -> QuerySet:
    """Candidates who agreed to be shown to employers, now: no consent, a withdrawn one, a
    restricted or an erased person — and the profile is in no list, ranking or page of an employer."""
    consent = Consent.objects.filter(person=OuterRef("person"), purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS,
                                     withdrawn_at__isnull=True)  # fmt: skip
    return CandidateProfile.objects.filter(Exists(consent), person__restricted_at__isnull=True,
                                           person__erased_at__isnull=True)  # fmt: skip


def may_see_matches(user, offer: JobOffer) -> bool:
    """The programme's coordinators and managers, or an account of the offer's employer."""
    roles = user_roles(user)
    if roles & {Role.MANAGER, Role.COORDINATOR}:
        return True
    return Role.EMPLOYER in roles and offer.employer.accounts.filter(pk=user.pk).exists()


def runs_the_fair(user) -> bool:
    return bool(user_roles(user) & {Role.MANAGER, Role.COORDINATOR})


def offers_for_user(user) -> QuerySet:
    """The programme sees every offer; an employer's account only its companies' offers."""
    offers = JobOffer.objects.select_related("employer__organization")
    if runs_the_fair(user):
        return offers
    if Role.EMPLOYER in user_roles(user):
        return offers.filter(employer__accounts=user)
    return offers.none()


def offer_get_for_user(*, user, pk: int) -> JobOffer:
    offer = offers_for_user(user).filter(pk=pk).first()
    if offer is None:
        raise Http404
    return offer


def employer_get_for_user(*, user, pk: int) -> Employer:
    employer = Employer.objects.select_related("organization").filter(pk=pk).first() if runs_the_fair(user) else None
    if employer is None:
        raise Http404
    return employer


def employers_of(user) -> QuerySet:
    return Employer.objects.filter(accounts=user, status=Employer.Status.APPROVED).select_related("organization")
