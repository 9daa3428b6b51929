"""The seats themselves: register (one place or the waiting list), cancel, offer a freed seat for a
limited time, confirm it, let it lapse, change the capacity; the ledger and the reminder.

Every change that counts seats first locks the quota's row (`select_for_update`) in its own
transaction, so concurrent requests never oversell: the lock, not a unique constraint, is what
keeps the count right. Each change writes the person's ledger row and tells the person in the
same transaction (a rolled-back change sends nothing).
"""

import datetime
import uuid

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.people.models import Consent, Participation, Person
from restart.people.services import consent_give, participation_record, person_for_contact, person_update
from restart.registrations.models import Feedback, Quota, Registration
from restart.registrations.notifications import notify
from restart.registrations.owners import owner_adapter, owner_details

PRIVACY_NOTICE_VERSION = "2026-01"

# How a registration reads in the activity ledger.
LEDGER_STATUS = {
    Registration.Status.CONFIRMED: Participation.Status.REGISTERED,
    Registration.Status.OFFERED: Participation.Status.WAITLISTED,
    Registration.Status.WAITLISTED: Participation.Status.WAITLISTED,
    Registration.Status.LAPSED: Participation.Status.CANCELLED,
    Registration.Status.CANCELLED: Participation.Status.CANCELLED,
    Registration.Status.ATTENDED: Participation.Status.ATTENDED,
    Registration.Status.ABSENT: Participation.Status.ABSENT,
}


CANCELLABLE = Registration.OPEN


def _locked(quota: Quota) -> Quota:
    return Quota.objects.select_for_update().get(pk=quota.pk)


def seats_taken(quota: Quota) -> int:
    return quota.registrations.filter(status__in=Registration.HOLDING).count()


def quota_counts(quota: Quota) -> dict:
    """Seats taken, seats free and people waiting, in one query."""
    counts = quota.registrations.aggregate(
        taken=Count("pk", filter=Q(status__in=Registration.HOLDING)),
        waiting=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
    )
    return {**counts, "free": max(quota.capacity - counts["taken"], 0)}


def _ledger(registration: Registration) -> None:
    details = owner_details(registration.quota)
    feedback = Feedback.objects.filter(registration=registration).first()
    participation_record(
        person=registration.person,
        kind=details.ledger_kind,
        source=registration,
        status=LEDGER_STATUS[registration.status],
        starts_on=timezone.localtime(details.starts_at).date(),
        ends_on=timezone.localtime(details.ends_at).date(),
        found_helpful=bool(feedback and feedback.helpful == Feedback.Answer.YES),
        **details.ledger_flags,
        **_registration_flags(registration),
    )


@transaction.atomic
def registration_ledger(*, registration: Registration) -> None:
    """Write the ledger row again after the owner changed something it reads (a course's levels)."""
    _ledger(Registration.objects.select_related("person", "quota").get(pk=registration.pk))


def _registration_flags(registration: Registration) -> dict:
    adapter = owner_adapter(registration.quota)
    return adapter.registration_flags(registration) if adapter and adapter.registration_flags else {}


def _refuse_closed(quota: Quota, now: datetime.datetime) -> None:
    details = owner_details(quota)
    if details.starts_at <= now:
        raise DomainError(gettext_lazy("This has already begun: registration is closed."))
    if quota.closes_at and quota.closes_at <= now:
        raise DomainError(gettext_lazy("Registration has closed."))
    if quota.opens_at and quota.opens_at > now:
        raise DomainError(gettext_lazy("Registration has not opened yet."))


@transaction.atomic
def registration_create(
    *, quota: Quota, person: Person, language: str, target_group: str = "", by=None,
    request: HttpRequest | None = None, batch: uuid.UUID | None = None, tell: bool = True, waitlist: bool = True,
) -> Registration:  # fmt: skip
    """A seat if one is free and nobody is waiting for it; otherwise a place on the waiting list
    (or, with `waitlist=False`, a refusal: an interview time is taken or not). `tell=False` leaves
    the person's mail to the caller (one mail for a whole series)."""
    quota = _locked(quota)
    now = timezone.now()
    if by is None:  # staff may add someone on the day or afterwards (a walk-in, a paper list)
        _refuse_closed(quota, now)
    if quota.registrations.filter(person=person, status__in=Registration.ACTIVE).exists():
        raise DomainError(gettext_lazy("This person is already registered for it."))
    counts = quota_counts(quota)
    free = counts["free"] > 0 and counts["waiting"] == 0
    if not free and not waitlist:
        raise DomainError(gettext_lazy("This time has just been taken. Please choose another one."))
    registration = Registration.objects.create(
        quota=quota, person=person, language=language, target_group=target_group or person.target_group,
        status=Registration.Status.CONFIRMED if free else Registration.Status.WAITLISTED, created_at=now,
        batch=batch,
    )  # fmt: skip
    _ledger(registration)
    audit_record(actor=by, action="registration.create", obj=registration, request=request,
                 details={"status": registration.status})  # fmt: skip
    if tell:
        notify(registration=registration, kind="confirmed" if free else "waitlisted", request=request)
    if free:
        _schedule_reminder(registration)
    return registration


def _registrant(*, full_name: str, email: str, phone: str, language: str, target_group: str,
                request: HttpRequest | None) -> Person:  # fmt: skip
    """The person behind a public registration, found or created as a booking does, with consent."""
    person = person_for_contact(full_name=full_name, email=email, phone=phone, language=language,
                                target_group=target_group, action="person.create_by_registration")  # fmt: skip
    if target_group and person.target_group != target_group and not person.participations.exists():
        # Known but never seen at anything yet: the host-society registrant says who they are.
        person = person_update(person=person, data={"target_group": target_group}, by=None, request=request)
    consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version=PRIVACY_NOTICE_VERSION, by=None,
                 request=request)  # fmt: skip
    return person


@transaction.atomic
def registration_register(
    *, quota: Quota, full_name: str, email: str, phone: str, language: str, target_group: str = "",
    request: HttpRequest | None = None,
) -> Registration:  # fmt: skip
    """A public registration without an account: the person is found or created as a booking does."""
    person = _registrant(full_name=full_name, email=email, phone=phone, language=language,
                         target_group=target_group, request=request)  # fmt: skip
    return registration_create(quota=quota, person=person, language=language, target_group=target_group,
                               request=request)  # fmt: skip


def _offer_seats(quota: Quota, now: datetime.datetime, request=None) -> None:
    """Free seats go to those waiting, first come first offered, each for a limited time — never
    past the start: a seat freed on the day is no use to someone who confirms afterwards."""
    expires_at = min(now + datetime.timedelta(hours=quota.offer_hours), owner_details(quota).starts_at)
    if expires_at <= now:
        return
    free = quota_counts(quota)["free"]
    waiting = quota.registrations.filter(status=Registration.Status.WAITLISTED).order_by("created_at", "pk")
    for registration in waiting[:free]:
        registration.status = Registration.Status.OFFERED
        registration.offer_expires_at = expires_at
        registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
        _ledger(registration)
        audit_record(actor=None, action="registration.offer", obj=registration, request=request)
        notify(registration=registration, kind="offered", request=request)
        offer_expire.using(run_after=registration.offer_expires_at).enqueue(
            registration_id=registration.pk, expires_at=registration.offer_expires_at.isoformat()
        )


@transaction.atomic
def registration_cancel(*, registration: Registration, by=None, request: HttpRequest | None = None,
                        tell: bool = True) -> Registration:  # fmt: skip
    """The person (by their link) or staff cancels; a seat it held goes to the next one waiting."""
    quota = _locked(registration.quota)
    registration = Registration.objects.select_related("person", "quota").get(pk=registration.pk)
    if registration.status not in CANCELLABLE:
        return registration
    held = registration.holds_seat
    registration.status = Registration.Status.CANCELLED
    registration.calendar_sequence += 1
    registration.save(update_fields=["status", "calendar_sequence", "updated_at"])
    _ledger(registration)
    audit_record(actor=by, action="registration.cancel", obj=registration, request=request)
    if tell:
        notify(registration=registration, kind="cancelled", request=request)
    if held:
        _offer_seats(quota, timezone.now(), request)
    return registration


@transaction.atomic
def registration_confirm_offer(*, registration: Registration, request: HttpRequest | None = None) -> Registration:
    """The person takes the freed seat offered to them, while the offer lasts."""
    _locked(registration.quota)
    registration = Registration.objects.select_related("person", "quota").get(pk=registration.pk)
    if registration.status != Registration.Status.OFFERED:
        raise DomainError(gettext_lazy("There is no seat waiting for you to confirm."))
    if registration.offer_expires_at and registration.offer_expires_at <= timezone.now():
        raise DomainError(gettext_lazy("The offer has run out; the seat went to the next person waiting."))
    registration.status = Registration.Status.CONFIRMED
    registration.offer_expires_at = None
    registration.save(update_fields=["status", "offer_expires_at", "updated_at"])
    _ledger(registration)
    audit_record(actor=None, action="registration.confirm", obj=registration, request=request)
    notify(registration=registration, kind="confirmed", request=request)
    _schedule_reminder(registration)
    return registration


@task()
def offer_expire(*, registration_id: int, expires_at: str) -> bool:
    """Run by the worker at an offer's end (it lives here, beside the services that schedule it)."""
    return registration_lapse(registration_id=registration_id, expires_at=expires_at)


@transaction.atomic
def registration_lapse(*, registration_id: int, expires_at: str) -> bool:
    """An offer not taken up in time: the seat passes to the next in line. Called by the worker at
    the offer's end; a registration confirmed, cancelled or offered again since is left alone."""
    registration = Registration.objects.filter(pk=registration_id).select_related("quota").first()
    if registration is None:
        return False
    quota = _locked(registration.quota)
    registration = Registration.objects.select_related("person", "quota").get(pk=registration_id)
    current = registration.offer_expires_at.isoformat() if registration.offer_expires_at else ""
    if registration.status != Registration.Status.OFFERED or current != expires_at:
        return False
    now = timezone.now()
    if registration.offer_expires_at > now:
        return False
    registration.status = Registration.Status.LAPSED
    registration.save(update_fields=["status", "updated_at"])
    _ledger(registration)
    audit_record(actor=None, action="registration.lapse", obj=registration)
    notify(registration=registration, kind="lapsed")
    _offer_seats(quota, now)
    return True


@transaction.atomic
def quota_set_capacity(*, quota: Quota, capacity: int, by, request: HttpRequest | None = None) -> Quota:
    """Fewer seats than are confirmed is refused; more seats go to those waiting at once."""
    quota = _locked(quota)
    taken = seats_taken(quota)
    if capacity < taken:
        raise DomainError({"capacity": gettext_lazy(
            "%(taken)s seats are already taken: the capacity cannot be lower. Cancel registrations first."
        ) % {"taken": taken}})  # fmt: skip
    quota.capacity = capacity
    quota.save(update_fields=["capacity"])
    audit_record(actor=by, action="quota.capacity", obj=quota, request=request, details={"capacity": capacity})
    _offer_seats(quota, timezone.now(), request)
    return quota


REMINDER_BEFORE = datetime.timedelta(days=1)


def _schedule_reminder(registration: Registration) -> None:
    """The day before, a reminder to those holding a seat (not when it is sooner than that)."""
    starts_at = owner_details(registration.quota).starts_at
    remind_at = starts_at - REMINDER_BEFORE
    if remind_at > timezone.now():
        registration_remind.using(run_after=remind_at).enqueue(
            registration_id=registration.pk, starts_at=starts_at.isoformat()
        )


@task()
def registration_remind(*, registration_id: int, starts_at: str) -> bool:
    """Run by the worker the day before; a cancelled registration or a date moved since gets nothing."""
    registration = Registration.objects.select_related("person", "quota").filter(pk=registration_id).first()
    if registration is None or registration.status != Registration.Status.CONFIRMED:
        return False
    details = owner_details(registration.quota)
    if details.starts_at.isoformat() != starts_at or details.starts_at <= timezone.now():
        return False
    notify(registration=registration, kind="reminder")
    return True
