"""Reads of the job fair: published offers, the candidates employers may see, who may see an offer."""

from django.db.models import Exists, OuterRef, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from restart.core.access import user_roles
from restart.core.roles import Role
from restart.jobfair import matching
from restart.jobfair.models import (
    CandidateProfile,
    Employer,
    Fair,
    Interview,
    InterviewSlot,
    JobOffer,
    PolishLevel,
    Stand,
)
from restart.people.models import Consent
from restart.registrations.links import manage_token
from restart.registrations.models import Registration
from restart.registrations.owners import OwnerDetails


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


def slots_details(owner_ids: list[str]) -> dict:
    """What the seat engine tells about interview slots (registered in apps.py), in one query:
    an interview is job-fair activity and, for O.2.3.3, professional guidance."""
    numbers = [int(owner_id) for owner_id in owner_ids if owner_id.isdigit()]
    slots = InterviewSlot.objects.select_related("stand__employer__organization", "stand__fair__event", "offer")
    found = {}
    for slot in slots.filter(pk__in=numbers):
        event = slot.stand.fair.event
        company = slot.stand.employer.organization.name
        title = _("Interview: %(company)s") % {"company": company}
        if slot.offer:
            title = f"{title} — {slot.offer.title()}"
        stand = _("stand %(number)s") % {"number": slot.stand.number}
        found[str(slot.pk)] = OwnerDetails(
            title=title, starts_at=slot.starts_at, ends_at=slot.ends_at,
            place=f"{event.place}, {stand}" if event.place else stand, online_url=event.online_url,
            public_path=reverse("jobfair:offer", args=[slot.offer_id]) if slot.offer_id else reverse("jobfair:list"),
            staff_path=reverse("jobfair_staff:fair", args=[slot.stand.fair_id]), ledger_kind="job_fair",
            ledger_flags={"professional_guidance": True}, asks_feedback=False,
        )  # fmt: skip
    return found


def free_slots() -> QuerySet:
    """Interview times still ahead that nobody holds, at fairs whose day was not called off."""
    held = Registration.objects.filter(quota=OuterRef("quota"), status__in=Registration.HOLDING)
    return InterviewSlot.objects.filter(starts_at__gt=timezone.now()).exclude(Exists(held)).select_related(
        "stand__employer__organization", "stand__fair__event", "offer").order_by("starts_at", "pk")  # fmt: skip


def candidate_interviews(profile: CandidateProfile, stands: int = 5) -> dict:
    """The candidate's interviews (each with its private page) and, if they are shown to
    employers, the stands with free times, the best-matching employers first."""
    booked = list(Interview.objects.filter(candidate=profile).select_related(
        "registration", "slot__stand__employer__organization", "offer").order_by("-slot__starts_at"))  # fmt: skip
    for interview in booked:
        interview.token = manage_token(interview.registration)
    shown = consenting_profiles().filter(pk=profile.pk).exists()
    return {"interviews": booked, "may_book": shown, "bookable": _bookable_stands(profile, booked, stands) if shown
            else []}  # fmt: skip


def _bookable_stands(profile: CandidateProfile, booked: list, limit: int) -> list[dict]:
    busy = {interview.slot.stand_id for interview in booked if interview.registration.holds_seat}
    by_stand: dict[int, list] = {}
    for slot in free_slots().exclude(stand__in=busy)[:1000]:
        by_stand.setdefault(slot.stand_id, []).append(slot)
    if not by_stand:
        return []
    stands = [slots[0].stand for slots in by_stand.values()]  # an employer may have a stand at two fairs
    offers = {offer.pk: offer for offer in published_offers().filter(employer__in={s.employer_id for s in stands})}
    best: dict[int, tuple] = {}  # employer -> (its best-fitting offer's match, that offer)
    for match in matching.rank_offers(profile, offers.values(), limit=len(offers)):
        best.setdefault(offers[match.offer].employer_id, (match, offers[match.offer]))
    rows = []
    for stand in stands:
        match, offer = best.get(stand.employer_id, (None, None))
        rows.append({"stand": stand, "slots": by_stand[stand.pk][:16], "match": match, "offer": offer})
    rows.sort(key=lambda row: (-(row["match"].score if row["match"] else -1), row["stand"].number))
    return rows[:limit]


def fairs_ahead() -> QuerySet:
    """Fairs whose day has not ended (every approved employer may look at them and book a stand)."""
    return Fair.objects.filter(event__occurrences__ends_at__gt=timezone.now(),
                               event__occurrences__cancelled_at__isnull=True).distinct().select_related("event")


def fair_get_for_user(*, user, pk: int) -> Fair:
    fair = Fair.objects.select_related("event").filter(pk=pk).first()
    if fair is None or not (runs_the_fair(user) or employers_of(user).exists()):
        raise Http404
    return fair


def stands_for_user(user) -> QuerySet:
    stands = Stand.objects.select_related("employer__organization", "fair__event")
    return stands if runs_the_fair(user) else stands.filter(employer__in=employers_of(user))


def stand_get_for_user(*, user, pk: int) -> Stand:
    stand = stands_for_user(user).filter(pk=pk).first()
    if stand is None:
        raise Http404
    return stand


def slot_get_for_user(*, user, pk: int) -> InterviewSlot:
    slot = InterviewSlot.objects.select_related("stand__fair", "quota").filter(
        pk=pk, stand__in=stands_for_user(user)).first()  # fmt: skip
    if slot is None:
        raise Http404
    return slot


def interviews_for_user(user) -> QuerySet:
    """The programme sees every interview; an employer only those at its own stands."""
    return Interview.objects.filter(slot__stand__in=stands_for_user(user)).select_related(
        "registration__person", "slot__stand__employer__organization", "offer", "candidate")  # fmt: skip


def interview_get_for_user(*, user, pk: int) -> Interview:
    interview = interviews_for_user(user).filter(pk=pk).first()
    if interview is None:
        raise Http404
    return interview
