"""Every write of the job fair made through its pages: employers registering and being approved,
offers written and moderated."""

import uuid

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.core.notifications import mail_send, sms_send
from restart.core.roles import Role
from restart.jobfair import isco
from restart.jobfair.links import profile_url
from restart.jobfair.models import CandidateProfile, Employer, JobOffer
from restart.people.models import Consent, Organization
from restart.people.services import consent_give, consent_withdraw, organization_save, person_for_contact
from restart.staff.models import User
from restart.staff.services import staff_invite


@transaction.atomic
def employer_register(*, data: dict, request: HttpRequest | None = None) -> Employer:
    """A company asks to take part: its organisation (found by NIP, or new) and a pending
    employer. No account yet: the coordinator approves first, then its contact is invited."""
    nip = data["nip"]
    organization = Organization.objects.filter(nip=nip).first() if nip else None
    if organization is not None and Employer.objects.filter(organization=organization).exists():
        raise DomainError({"nip": gettext_lazy(
            "This company is already registered for the fair. Ask its contact person to add you, or write to us."
        )})  # fmt: skip
    if User.objects.filter(email__iexact=data["contact_email"]).exists():
        raise DomainError({"contact_email": gettext_lazy(
            "An account with this e-mail address already exists. Sign in, or give another address.")})  # fmt: skip
    organization = organization or Organization(kind=Organization.Kind.EMPLOYER, nip=nip)
    organization.name, organization.city = data["name"], data["city"]
    organization.email = organization.email or data["contact_email"]
    organization_save(organization=organization, by=None, request=request)
    employer = Employer.objects.create(
        organization=organization, sector=data["sector"], size=data["size"], contact_name=data["contact_name"],
        contact_email=data["contact_email"], contact_phone=data["contact_phone"], language=data["language"],
    )  # fmt: skip
    audit_record(actor=None, action="employer.register", obj=employer, request=request)
    mail_send(to=settings.NGO_CONTACT_EMAIL, template="jobfair/email/employer_registered", language="pl",
              context={"employer": employer, "programme_name": settings.PROGRAMME_NAME})  # fmt: skip
    return employer


@transaction.atomic
def employer_decide(*, employer: Employer, approve: bool, by, request: HttpRequest | None = None) -> Employer:
    """The coordinator approves (the contact gets an invitation to choose a password and set up
    the second factor, like every staff account) or rejects a registration."""
    employer = Employer.objects.select_for_update().select_related("organization").get(pk=employer.pk)
    if employer.status != Employer.Status.PENDING:
        raise DomainError(gettext_lazy("This registration has been decided already."))
    employer.status = Employer.Status.APPROVED if approve else Employer.Status.REJECTED
    employer.save(update_fields=["status"])
    if approve and employer.contact_email:
        account = staff_invite(email=employer.contact_email, full_name=employer.contact_name or employer.contact_email,
                               roles=[Role.EMPLOYER], language=employer.language, by=by, request=request)  # fmt: skip
        employer.accounts.add(account)
    audit_record(actor=by, action="employer.decide", obj=employer, request=request,
                 details={"status": employer.status})  # fmt: skip
    return employer


def _check_offer(data: dict) -> None:
    errors = {}
    if not any(text.strip() for text in data["titles"].values()):
        errors["title_pl"] = gettext_lazy("Give the title in at least one language (Polish and English help most).")
    if not isco.is_unit_group(data["isco"]):
        errors["isco"] = gettext_lazy("Unknown ISCO-08 occupation: choose one from the list (four digits).")
    if data.get("pay_min") and data.get("pay_max") and data["pay_min"] > data["pay_max"]:
        errors["pay_max"] = gettext_lazy("The upper end of the pay is below the lower end.")
    if errors:
        raise DomainError(errors)


OFFER_FIELDS = ("titles", "descriptions", "isco", "workplace", "city", "contract", "hours", "shifts", "pay_min",
                "pay_max", "polish_level", "languages", "skills", "min_experience_years", "housing", "permit_help")


@transaction.atomic
def offer_save(*, employer: Employer, data: dict, by, offer: JobOffer | None = None,
               request: HttpRequest | None = None) -> JobOffer:  # fmt: skip
    """An employer writes or changes an offer; a change waits for the coordinator's approval again
    (saving it unchanged leaves it as it was)."""
    if employer.status != Employer.Status.APPROVED:
        raise DomainError(gettext_lazy("Your company's registration is not approved yet."))
    _check_offer(data)
    offer = offer or JobOffer(employer=employer)
    changed = offer.pk is None
    for field in OFFER_FIELDS:
        value = data.get(field, getattr(offer, field))
        changed = changed or value != getattr(offer, field)
        setattr(offer, field, value)
    if not changed:
        return offer
    offer.status, offer.published_at = JobOffer.Status.PENDING, None
    offer.save()
    audit_record(actor=by, action="offer.save", obj=offer, request=request)
    return offer


@transaction.atomic
def offer_decide(*, offer: JobOffer, approve: bool, by, request: HttpRequest | None = None) -> JobOffer:
    """The coordinator publishes an offer (then it is listed and matched) or rejects it."""
    offer = JobOffer.objects.select_for_update().get(pk=offer.pk)
    offer.status = JobOffer.Status.PUBLISHED if approve else JobOffer.Status.REJECTED
    offer.published_at = timezone.now() if approve else None
    offer.save(update_fields=["status", "published_at"])
    audit_record(actor=by, action="offer.decide", obj=offer, request=request, details={"status": offer.status})
    return offer


# --- Candidates ---

SERVICE_NOTICE_VERSION = "2026-01"


@transaction.atomic
def candidate_start(*, full_name: str, email: str, phone: str, language: str,
                    request: HttpRequest | None = None) -> CandidateProfile:  # fmt: skip
    """A job seeker starts a profile without an account: the person is found or created as a
    booking does, and the private link to fill the profile in goes to their e-mail (or phone)."""
    person = person_for_contact(full_name=full_name, email=email, phone=phone, language=language,
                                action="person.create_by_registration")  # fmt: skip
    consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version=SERVICE_NOTICE_VERSION, by=None,
                 request=request)  # fmt: skip
    profile, created = CandidateProfile.objects.get_or_create(person=person)
    audit_record(actor=None, action="candidate.start", obj=profile, request=request, details={"new": created})
    context = {"person": person, "url": profile_url(profile, request), "programme_name": settings.PROGRAMME_NAME}
    if person.email:
        mail_send(to=person.email, template="jobfair/email/profile_link", context=context, language=language)
    elif person.phone:
        sms_send(to=person.phone, template="jobfair/sms/profile_link", context=context, language=language)
    return profile


def sharing(profile: CandidateProfile) -> bool:
    return profile.person.consents.filter(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS,
                                          withdrawn_at__isnull=True).exists()  # fmt: skip


@transaction.atomic
def profile_save(*, profile: CandidateProfile, data: dict, share: bool, cv=None, by=None,
                 request: HttpRequest | None = None) -> CandidateProfile:  # fmt: skip
    """The candidate (by their link) or a consultant with them saves the profile; showing it to
    employers follows the consent, given or withdrawn here, at once."""
    profile = CandidateProfile.objects.select_for_update().select_related("person").get(pk=profile.pk)
    for field, value in data.items():
        setattr(profile, field, value)
    if cv is not None:
        if profile.cv:
            profile.cv.delete(save=False)
        profile.cv.save(f"{uuid.uuid4().hex}.pdf", cv, save=False)  # never the uploaded name: it may name the person
    profile.save()
    active = profile.person.consents.filter(purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, withdrawn_at__isnull=True)
    if share and not active.exists():
        consent_give(person=profile.person, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS,
                     text_version=SERVICE_NOTICE_VERSION, by=by, request=request)  # fmt: skip
    elif not share:
        for consent in active:
            consent_withdraw(consent=consent, by=by, request=request)
    audit_record(actor=by, action="candidate.profile", obj=profile, request=request, details={"shown": share})
    return profile


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "employer.register": gettext_lazy("registration of the employer %(object)s for the job fair"),
    "employer.decide": gettext_lazy("decision on the employer %(object)s"),
    "offer.save": gettext_lazy("job offer %(object)s written"),
    "offer.decide": gettext_lazy("decision on the job offer %(object)s"),
    "candidate.start": gettext_lazy("candidate profile %(object)s started"),
    "candidate.profile": gettext_lazy("candidate profile %(object)s saved"),
    "jobfair.fair": gettext_lazy("stands of the job fair %(object)s set"),
    "jobfair.stand": gettext_lazy("stand %(object)s booked"),
    "jobfair.slots": gettext_lazy("interview times opened at the stand %(object)s"),
    "jobfair.slot_remove": gettext_lazy("an interview time removed at the stand %(object)s"),
    "jobfair.interview_book": gettext_lazy("interview %(object)s booked"),
    "jobfair.interview_accept": gettext_lazy("interview %(object)s accepted by the candidate"),
    "jobfair.interview_cancel": gettext_lazy("interview %(object)s cancelled"),
    "jobfair.outcome": gettext_lazy("outcome of the interview %(object)s recorded"),
    "jobfair.still_employed": gettext_lazy("whether the hire of interview %(object)s lasted recorded"),
}
