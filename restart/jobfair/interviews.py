"""The fair day: stands, interview slots (seats of the registration engine), interviews booked,
accepted or declined, what came of them, and whether a hire lasted.

An interview is a registration for a one-seat quota, so the engine's lock is what stops two
bookings of one time; the candidate's profile row is locked too, so one person cannot be in two
interviews at once. An employer who invites a candidate sees only "Candidate #N" until the
candidate accepts; a candidate who books for themselves has accepted by booking.
"""

import datetime
import uuid

from django.conf import settings
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext, gettext_lazy
from django_tasks import task

from restart.core.audit import audit_record
from restart.core.calendar import ics_event
from restart.core.errors import DomainError
from restart.core.notifications import Attachment, mail_send
from restart.events.models import Event
from restart.jobfair.models import CandidateProfile, Employer, Fair, Interview, InterviewSlot, JobOffer, Stand
from restart.jobfair.selectors import consenting_profiles
from restart.registrations import services as seats
from restart.registrations.models import Quota, Registration
from restart.registrations.notifications import notify

OWNER_TYPE = "jobfair.slot"
FOLLOW_UP_AFTER = datetime.timedelta(days=91)  # "three months after a hire"
EMPLOYER_REMINDER_BEFORE = datetime.timedelta(hours=24)
SLOT_MINUTES = (10, 120)
MAX_STANDS = 500


@transaction.atomic
def fair_set_up(*, event: Event, stands: int, by, request: HttpRequest | None = None) -> Fair:
    """The coordinator says how many stands a job-fair day has (and can change it later)."""
    if event.kind != Event.Kind.JOB_FAIR:
        raise DomainError({"event": gettext_lazy("Choose an event of the kind “job fair day”.")})
    if not 1 <= stands <= MAX_STANDS:
        raise DomainError({"stands": gettext_lazy("A fair has from 1 to %(most)s stands.") % {"most": MAX_STANDS}})
    fair = Fair.objects.select_for_update().filter(event=event).first() or Fair(event=event)
    highest = fair.booked_stands.order_by("-number").values_list("number", flat=True).first() if fair.pk else None
    if highest and stands < highest:
        raise DomainError({"stands": gettext_lazy("Stand %(number)s is booked: keep at least %(number)s stands.")
                           % {"number": highest}})  # fmt: skip
    fair.stands = stands
    fair.save()
    audit_record(actor=by, action="jobfair.fair", obj=fair, request=request, details={"stands": stands})
    return fair


@transaction.atomic
def stand_book(*, fair: Fair, employer: Employer, by, request: HttpRequest | None = None) -> Stand:
    """The lowest free stand number for an approved employer (its own again if it has one). The
    fair's row is locked, so two employers booking at once never get the same stand."""
    fair = Fair.objects.select_for_update().get(pk=fair.pk)
    if employer.status != Employer.Status.APPROVED:
        raise DomainError(gettext_lazy("Only an approved employer can book a stand."))
    day = fair.day
    if day is None or day.ends_at <= timezone.now():
        raise DomainError(gettext_lazy("This fair is over."))
    existing = fair.booked_stands.filter(employer=employer).first()
    if existing:
        return existing
    taken = set(fair.booked_stands.values_list("number", flat=True))
    number = next((n for n in range(1, fair.stands + 1) if n not in taken), None)
    if number is None:
        raise DomainError(gettext_lazy("Every stand is booked. Write to us and we will tell you if one frees."))
    stand = Stand.objects.create(fair=fair, employer=employer, number=number, booked_by=by)
    audit_record(actor=by, action="jobfair.stand", obj=stand, request=request)
    return stand


@transaction.atomic
def slots_open(*, stand: Stand, start: datetime.time, end: datetime.time, minutes: int, offer: JobOffer | None = None,
               by, request: HttpRequest | None = None) -> list[InterviewSlot]:  # fmt: skip
    """Interview times of `minutes` each from `start` to `end` on the fair's day, inside its
    opening hours; a time the stand already has is left as it is."""
    if not SLOT_MINUTES[0] <= minutes <= SLOT_MINUTES[1]:
        raise DomainError({"minutes": gettext_lazy("An interview lasts from %(low)s to %(high)s minutes.")
                           % {"low": SLOT_MINUTES[0], "high": SLOT_MINUTES[1]}})  # fmt: skip
    if offer is not None and offer.employer_id != stand.employer_id:
        raise DomainError({"offer": gettext_lazy("Choose one of your own offers.")})
    day = stand.fair.day
    if day is None:
        raise DomainError(gettext_lazy("This fair has no date."))
    date = timezone.localtime(day.starts_at).date()
    zone = timezone.get_current_timezone()
    first = datetime.datetime.combine(date, start, tzinfo=zone)
    last = datetime.datetime.combine(date, end, tzinfo=zone)
    if first < day.starts_at or last > day.ends_at or last <= first:
        hours = f"{timezone.localtime(day.starts_at):%H:%M}–{timezone.localtime(day.ends_at):%H:%M}"
        raise DomainError({"end": gettext_lazy("The fair is open %(hours)s: choose times inside it.")
                           % {"hours": hours}})  # fmt: skip
    existing = list(stand.slots.values_list("starts_at", "ends_at"))
    step = datetime.timedelta(minutes=minutes)
    created = []
    at = first
    while at + step <= last:
        if not any(at < other_end and other_start < at + step for other_start, other_end in existing):
            created.append(_slot_create(stand=stand, offer=offer, starts_at=at, ends_at=at + step))
        at += step
    audit_record(actor=by, action="jobfair.slots", obj=stand, request=request, details={"opened": len(created)})
    return created


def _slot_create(*, stand: Stand, offer: JobOffer | None, starts_at, ends_at) -> InterviewSlot:
    # The seat first (a slot cannot exist without it), then told whose it is: as events do.
    quota = Quota.objects.create(owner_type=OWNER_TYPE, owner_id=f"new-{uuid.uuid4().hex}", capacity=1,
                                 closes_at=starts_at)  # fmt: skip
    slot = InterviewSlot.objects.create(stand=stand, offer=offer, starts_at=starts_at, ends_at=ends_at, quota=quota)
    quota.owner_id = str(slot.pk)
    quota.save(update_fields=["owner_id"])
    return slot


@transaction.atomic
def slot_remove(*, slot: InterviewSlot, by, request: HttpRequest | None = None) -> None:
    """A time nobody booked is taken off the stand's list (a booked one is cancelled first)."""
    quota = Quota.objects.select_for_update().get(pk=slot.quota_id)
    if quota.registrations.exists():
        raise DomainError(gettext_lazy("This time has been booked: it stays in the history."))
    audit_record(actor=by, action="jobfair.slot_remove", obj=slot.stand, request=request)
    slot.delete()
    quota.delete()


@transaction.atomic
def interview_book(*, slot: InterviewSlot, candidate: CandidateProfile, by=None, agreed: bool = False,
                   request: HttpRequest | None = None) -> Interview:  # fmt: skip
    """Book a slot for a consenting candidate. `by=None` is the candidate on their own page
    (accepted by booking); staff book as an invitation the candidate accepts or declines, unless
    `agreed` (the coordinator booking at the candidate's request)."""
    candidate = CandidateProfile.objects.select_for_update().select_related("person").get(pk=candidate.pk)
    if not consenting_profiles().filter(pk=candidate.pk).exists():
        raise DomainError(gettext_lazy(
            "Only a candidate who agreed to be shown to employers can have an interview booked."))  # fmt: skip
    if slot.starts_at <= timezone.now():
        raise DomainError(gettext_lazy("This time has passed. Please choose another one."))
    holding = Interview.objects.filter(candidate=candidate, registration__status__in=Registration.HOLDING)
    if holding.filter(slot__stand=slot.stand).exists():
        raise DomainError(gettext_lazy("This candidate already has an interview at this stand."))
    if holding.filter(slot__starts_at__lt=slot.ends_at, slot__ends_at__gt=slot.starts_at).exists():
        raise DomainError(gettext_lazy("This candidate already has an interview at this time."))
    person = candidate.person
    registration = seats.registration_create(quota=slot.quota, person=person, language=person.preferred_language,
                                             by=by, request=request, tell=False, waitlist=False)  # fmt: skip
    accepted = by is None or agreed
    interview = Interview.objects.create(
        registration=registration, slot=slot, candidate=candidate, offer=slot.offer, invited_by=by,
        accepted_at=timezone.now() if accepted else None,
    )  # fmt: skip
    audit_record(actor=by, action="jobfair.interview_book", obj=interview, request=request,
                 details={"accepted": accepted})  # fmt: skip
    notify(registration=registration, kind="confirmed" if accepted else "invited", request=request,
           extra=_mail_context(interview))  # fmt: skip
    if accepted:
        _employer_told(interview, kind="interview_booked")
    return interview


@transaction.atomic
def interview_accept(*, interview: Interview, request: HttpRequest | None = None) -> Interview:
    """The candidate says yes: from now on the employer sees their name and CV."""
    interview = Interview.objects.select_for_update().select_related("registration__person", "slot").get(
        pk=interview.pk)  # fmt: skip
    if interview.registration.status != Registration.Status.CONFIRMED:
        raise DomainError(gettext_lazy("This interview is no longer booked."))
    if interview.accepted:
        return interview
    interview.accepted_at = timezone.now()
    interview.save(update_fields=["accepted_at"])
    audit_record(actor=None, action="jobfair.interview_accept", obj=interview, request=request)
    notify(registration=interview.registration, kind="confirmed", request=request, extra=_mail_context(interview))
    _employer_told(interview, kind="interview_booked")
    return interview


@transaction.atomic
def interview_cancel(*, interview: Interview, by=None, request: HttpRequest | None = None) -> Interview:
    """The candidate declines or cancels (or staff cancel): the time is free again, and an
    employer who was told of it gets the cancellation for its calendar."""
    registration = seats.registration_cancel(registration=interview.registration, by=by, request=request,
                                             tell=interview.accepted)  # fmt: skip
    interview.registration = registration
    if interview.accepted:
        _employer_told(interview, kind="interview_cancelled")
    audit_record(actor=by, action="jobfair.interview_cancel", obj=interview, request=request)
    return interview


def interview_cancel_from_link(registration: Registration, request: HttpRequest | None = None) -> None:
    """The engine's private page cancels through here (registered in apps.py)."""
    interview = Interview.objects.filter(registration=registration).first()
    if interview is None:
        seats.registration_cancel(registration=registration, request=request)
    else:
        interview_cancel(interview=interview, request=request)


@transaction.atomic
def interview_outcome(*, interview: Interview, outcome: str, by, request: HttpRequest | None = None) -> Interview:
    """What came of it, by the employer or the coordinator: hired, not hired or in progress (the
    interview took place: professional guidance in the ledger), or "absent" (the candidate did
    not come). A hire is followed up three months later."""
    interview = Interview.objects.select_for_update().select_related("registration__quota", "slot").get(
        pk=interview.pk)  # fmt: skip
    if interview.slot.starts_at > timezone.now():
        raise DomainError({"outcome": gettext_lazy("An outcome is recorded once the interview has begun.")})
    if interview.registration.status not in Registration.HOLDING:
        raise DomainError({"outcome": gettext_lazy("This interview was cancelled.")})
    if outcome not in (*Interview.Outcome.values, "absent"):
        raise DomainError({"outcome": gettext_lazy("Choose hired, not hired, in progress or did not come.")})
    took_place = outcome != "absent"
    status = Registration.Status.ATTENDED if took_place else Registration.Status.ABSENT
    if interview.registration.status != status:
        seats.registration_mark(registration=interview.registration, status=status, by=by, request=request)
    was_hired = interview.outcome == Interview.Outcome.HIRED
    interview.outcome = outcome if took_place else ""
    interview.outcome_at, interview.outcome_by = timezone.now(), by
    interview.save(update_fields=["outcome", "outcome_at", "outcome_by"])
    seats.registration_ledger(registration=interview.registration)  # the ledger's "hired" follows
    audit_record(actor=by, action="jobfair.outcome", obj=interview, request=request, details={"outcome": outcome})
    if interview.outcome == Interview.Outcome.HIRED and not was_hired:
        hire_follow_up.using(run_after=interview.outcome_at + FOLLOW_UP_AFTER).enqueue(interview_id=interview.pk)
    return interview


@task()
def hire_follow_up(*, interview_id: int) -> bool:
    """Run by the worker three months after a hire: the candidate is asked, in their language,
    whether they still work there; the answer is given on their private page."""
    interview = Interview.objects.select_related("registration__person", "registration__quota").filter(
        pk=interview_id).first()  # fmt: skip
    if interview is None or interview.outcome != Interview.Outcome.HIRED or interview.still_employed is not None:
        return False
    if interview.registration.person.is_erased or interview.follow_up_asked_at:
        return False
    interview.follow_up_asked_at = timezone.now()
    interview.save(update_fields=["follow_up_asked_at"])
    notify(registration=interview.registration, kind="follow_up", extra=_mail_context(interview))
    return True


@transaction.atomic
def still_employed_record(*, interview: Interview, answer: bool, by=None, request: HttpRequest | None = None):
    """The candidate's answer (or one staff heard on the phone); a second answer replaces it."""
    if interview.outcome != Interview.Outcome.HIRED:
        raise DomainError(gettext_lazy("This is asked only after a hire."))
    interview.still_employed, interview.still_employed_at = answer, timezone.now()
    interview.save(update_fields=["still_employed", "still_employed_at"])
    audit_record(actor=by, action="jobfair.still_employed", obj=interview, request=request,
                 details={"still_employed": answer})  # fmt: skip
    return interview


def interview_flags(registration: Registration) -> dict:
    """The ledger flag an interview adds (registered in apps.py): whether it ended in a hire."""
    interview = Interview.objects.filter(registration=registration).only("outcome").first()
    return {"hired": bool(interview and interview.outcome == Interview.Outcome.HIRED)}


def interview_door(registration: Registration, quota: Quota, by) -> Registration | None:
    """An interview ticket scanned at its fair's entrance opens the fair: the person's
    registration for the fair day, added by the staff member at the door if they had none."""
    interview = Interview.objects.filter(registration=registration).select_related("slot__stand__fair").first()
    day = interview.slot.stand.fair.day if interview else None
    if day is None or day.quota_id != quota.pk or not registration.holds_seat or not interview.accepted:
        return None
    found = quota.registrations.filter(person=registration.person, status__in=Registration.ACTIVE).first()
    if found:
        return found
    return seats.registration_create(quota=quota, person=registration.person, language=registration.language,
                                     by=by, tell=False)  # fmt: skip


def _mail_context(interview: Interview) -> dict:
    stand = interview.slot.stand
    return {"interview": interview, "employer_name": stand.employer.organization.name, "stand_number": stand.number,
            "offer_title": interview.offer.title(interview.registration.person.preferred_language)
            if interview.offer else ""}  # fmt: skip


def _employer_told(interview: Interview, *, kind: str) -> None:
    """The employer's contact, in the company's language, with the calendar entry (added, the
    same again with a reminder, or taken back on a cancellation); a booking queues the reminder."""
    employer = interview.slot.stand.employer
    if not employer.contact_email:
        return
    slot, person = interview.slot, interview.registration.person
    cancelled = kind == "interview_cancelled"
    with translation.override(employer.language):
        summary = str(gettext_lazy("Interview: %(name)s") % {"name": person.full_name})
        place = _place(slot)
    ics = ics_event(uid=f"interview-{interview.pk}@{settings.PROGRAMME_NAME.lower()}", starts_at=slot.starts_at,
                    ends_at=slot.ends_at, summary=summary, location=place,
                    sequence=interview.registration.calendar_sequence, cancelled=cancelled)  # fmt: skip
    mail_send(to=employer.contact_email, template=f"jobfair/email/{kind}", language=employer.language,
              context={"interview": interview, "slot": slot, "person": person, "employer": employer,
                       "place": place, "offer_title": interview.offer.title(employer.language)
                       if interview.offer else "", "programme_name": settings.PROGRAMME_NAME},
              attachments=[Attachment("interview.ics", ics, "text/calendar")])  # fmt: skip
    reminder_at = slot.starts_at - EMPLOYER_REMINDER_BEFORE
    if kind == "interview_booked" and reminder_at > timezone.now():
        employer_remind.using(run_after=reminder_at).enqueue(interview_id=interview.pk)


@task()
def employer_remind(*, interview_id: int) -> bool:
    """Run by the worker the day before: the employer is reminded of an accepted interview."""
    interview = Interview.objects.select_related("registration__person", "slot__stand__employer").filter(
        pk=interview_id).first()  # fmt: skip
    if interview is None or not interview.accepted or interview.registration.status != Registration.Status.CONFIRMED:
        return False
    if interview.slot.starts_at <= timezone.now():
        return False
    _employer_told(interview, kind="interview_reminder")
    return True


def _place(slot: InterviewSlot) -> str:
    event = slot.stand.fair.event
    where = event.place or event.online_url
    stand = gettext("stand %(number)s") % {"number": slot.stand.number}
    return f"{where}, {stand}" if where else stand
