"""The one seat engine: register, wait, be offered a freed seat, confirm, cancel, check in.

Every change that counts seats first locks the quota's row (`select_for_update`) in its own
transaction, so concurrent requests never oversell: the lock, not a unique constraint, is what
keeps the count right. Each change writes the person's ledger row and tells the person in the
same transaction (a rolled-back change sends nothing).
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.people.models import Consent, Participation, Person
from restart.people.services import consent_give, participation_record, person_for_contact, person_update
from restart.registrations.models import Feedback, Quota, Registration
from restart.registrations.notifications import notify, notify_batch
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


CANCELLABLE = (Registration.Status.CONFIRMED, Registration.Status.WAITLISTED, Registration.Status.OFFERED)


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
    request: HttpRequest | None = None, batch: uuid.UUID | None = None, tell: bool = True,
) -> Registration:  # fmt: skip
    """A seat if one is free and nobody is waiting for it; otherwise a place on the waiting list.
    `tell=False` leaves the person's mail to the caller (one mail for a whole series)."""
    quota = _locked(quota)
    now = timezone.now()
    if by is None:  # staff may add someone on the day or afterwards (a walk-in, a paper list)
        _refuse_closed(quota, now)
    if quota.registrations.filter(person=person, status__in=Registration.ACTIVE).exists():
        raise DomainError(gettext_lazy("This person is already registered for it."))
    counts = quota_counts(quota)
    free = counts["free"] > 0 and counts["waiting"] == 0
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


@transaction.atomic
def registration_register_many(
    *, quotas: list[Quota], full_name: str, email: str, phone: str, language: str, target_group: str = "",
    request: HttpRequest | None = None,
) -> list[Registration]:  # fmt: skip
    """Every date of a series at once: a seat or the waiting list for each, decided date by date;
    dates already begun, closed or already booked by the person are skipped. One mail lists them
    all, and the first registration's ticket opens the door on every date."""
    person = _registrant(full_name=full_name, email=email, phone=phone, language=language,
                         target_group=target_group, request=request)  # fmt: skip
    now, batch, registrations = timezone.now(), uuid.uuid4(), []
    for quota in sorted(quotas, key=lambda quota: quota.pk):  # one lock order: no deadlock between two series
        try:
            _refuse_closed(quota, now)
        except DomainError:
            continue
        if quota.registrations.filter(person=person, status__in=Registration.ACTIVE).exists():
            continue
        registrations.append(registration_create(quota=quota, person=person, language=language,
                                                 target_group=target_group, request=request, batch=batch,
                                                 tell=False))  # fmt: skip
    if not registrations:
        raise DomainError(gettext_lazy("There is no date left to register for: you are registered for every "
                                       "one still open, or registration has closed."))  # fmt: skip
    registrations.sort(key=lambda registration: owner_details(registration.quota).starts_at)
    notify_batch(registrations=registrations, request=request)
    return registrations


def batch_siblings(registration: Registration):
    """The registrations made together with this one (itself included), soonest first."""
    if registration.batch is None:
        return Registration.objects.filter(pk=registration.pk).select_related("quota")
    return Registration.objects.filter(batch=registration.batch).select_related("quota").order_by("created_at", "pk")


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
def registration_cancel_batch(*, registration: Registration, request: HttpRequest | None = None) -> list[Registration]:
    """Every date still ahead of those registered together, cancelled at once, with one mail."""
    now = timezone.now()
    cancelled = [
        registration_cancel(registration=sibling, request=request, tell=False)
        for sibling in batch_siblings(registration).filter(status__in=CANCELLABLE)
        if owner_details(sibling.quota).starts_at > now
    ]
    if cancelled:
        cancelled.sort(key=lambda sibling: owner_details(sibling.quota).starts_at)
        notify_batch(registrations=cancelled, request=request, template="series_cancelled")
    return cancelled


MOVABLE = (Registration.Status.CONFIRMED, Registration.Status.OFFERED, Registration.Status.WAITLISTED)


@transaction.atomic
def registration_move(*, registration: Registration, to: Quota, by, request: HttpRequest | None = None) -> Registration:
    """Staff move a registrant to another date (or group) into a free seat, keeping the ticket; the
    seat left behind goes to the next one waiting there. A full target is refused, not queued:
    moving someone must not jump them ahead of the people already waiting."""
    if to.pk == registration.quota_id or to.owner_type != registration.quota.owner_type:
        raise DomainError({"to": gettext_lazy("Choose another date.")})
    # Both quotas locked, always in the same order, so two moves in opposite directions never deadlock.
    first, second = sorted([registration.quota_id, to.pk])
    locked = {quota.pk: quota for quota in (_locked(Quota(pk=first)), _locked(Quota(pk=second)))}
    source, to = locked[registration.quota_id], locked[to.pk]
    registration = Registration.objects.select_related("person", "quota").get(pk=registration.pk)
    if registration.status not in MOVABLE:
        raise DomainError(gettext_lazy("Only a registration that is confirmed or waiting can be moved."))
    if to.registrations.filter(person=registration.person, status__in=Registration.ACTIVE).exists():
        raise DomainError({"to": gettext_lazy("This person is already registered for that date.")})
    if quota_counts(to)["free"] <= 0:
        raise DomainError({"to": gettext_lazy("That date is full. Add seats to it first, or choose another date.")})
    held = registration.holds_seat
    registration.quota = to
    registration.status = Registration.Status.CONFIRMED
    registration.offer_expires_at = None
    registration.calendar_sequence += 1
    registration.save(update_fields=["quota", "status", "offer_expires_at", "calendar_sequence", "updated_at"])
    _ledger(registration)
    audit_record(actor=by, action="registration.move", obj=registration, request=request,
                 details={"from": source.pk, "to": to.pk})  # fmt: skip
    notify(registration=registration, kind="moved", request=request)
    _schedule_reminder(registration)
    if held:
        _offer_seats(source, timezone.now(), request)
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


@transaction.atomic
def registration_mark(
    *, registration: Registration, status: str, by, request: HttpRequest | None = None
) -> Registration:
    """Staff mark a registrant attended or absent (check-in marks attended)."""
    if status not in (Registration.Status.ATTENDED, Registration.Status.ABSENT, Registration.Status.CONFIRMED):
        raise DomainError(gettext_lazy("Choose attended, absent or confirmed."))
    _locked(registration.quota)
    registration = Registration.objects.select_related("person", "quota").get(pk=registration.pk)
    if not registration.holds_seat:
        raise DomainError(gettext_lazy("Only someone holding a seat can be marked."))
    registration.status = status
    registration.checked_in_at = timezone.now() if status == Registration.Status.ATTENDED else None
    registration.checked_in_by = by if status == Registration.Status.ATTENDED else None
    registration.save(update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"])
    _ledger(registration)
    if status == Registration.Status.ATTENDED:
        _ask_for_feedback(registration)
    audit_record(actor=by, action="registration.mark", obj=registration, request=request, details={"status": status})
    return registration


REMINDER_BEFORE = datetime.timedelta(days=1)
FEEDBACK_AFTER = datetime.timedelta(hours=1)


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


def _ask_for_feedback(registration: Registration) -> None:
    """An hour after it ends, those who took part are asked whether it helped (once)."""
    if Feedback.objects.filter(registration=registration).exists():
        return
    ends_at = owner_details(registration.quota).ends_at
    feedback_request.using(run_after=max(ends_at + FEEDBACK_AFTER, timezone.now())).enqueue(
        registration_id=registration.pk
    )


@task()
def feedback_request(*, registration_id: int) -> bool:
    """Run by the worker: the question in the participant's language, with their private link."""
    registration = Registration.objects.select_related("person", "quota").filter(pk=registration_id).first()
    if registration is None or registration.status != Registration.Status.ATTENDED or registration.person.is_erased:
        return False
    if Feedback.objects.filter(registration=registration).exists():
        return False
    notify(registration=registration, kind="feedback")
    return True


@transaction.atomic
def feedback_give(*, registration: Registration, helpful: str, comment: str = "",
                  request: HttpRequest | None = None) -> Feedback:  # fmt: skip
    """The participant's answer (once; a second answer replaces the first). R.2.9 counts "yes"."""
    registration = Registration.objects.select_related("person", "quota").get(pk=registration.pk)
    if registration.status != Registration.Status.ATTENDED:
        raise DomainError(gettext_lazy("Feedback is asked of those who took part."))
    if helpful not in Feedback.Answer.values:
        raise DomainError({"helpful": gettext_lazy("Choose yes, partly or no.")})
    feedback, _created = Feedback.objects.update_or_create(
        registration=registration, defaults={"helpful": helpful, "comment": comment[:2000], "given_at": timezone.now()}
    )
    _ledger(registration)
    audit_record(actor=None, action="registration.feedback", obj=registration, request=request)
    return feedback


@dataclass(frozen=True)
class CheckIn:
    """What the door is told about one scanned or typed ticket."""

    ok: bool
    message: str
    registration: Registration | None = None


def normalise_ticket(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())[:16]


@transaction.atomic
def registration_check_in(*, quota: Quota, ticket: str, by, request: HttpRequest | None = None) -> CheckIn:
    """Check a ticket in at the door of this quota's event; a forged, reused or other-event code
    is refused with the reason. Checking in marks attendance in the ledger."""
    quota = _locked(quota)
    code = normalise_ticket(ticket)
    registration = Registration.objects.select_related("person", "quota").filter(ticket=code).first() if code else None
    if registration is None:
        return CheckIn(False, gettext_lazy("Unknown ticket: %(code)s.") % {"code": code or "—"})
    if registration.quota_id != quota.pk and registration.batch:  # a series ticket opens every date of it
        registration = batch_siblings(registration).filter(quota=quota).select_related("person").last() or registration
    if registration.quota_id != quota.pk:
        other = owner_details(registration.quota)
        when = formats.date_format(timezone.localtime(other.starts_at), "SHORT_DATETIME_FORMAT")
        message = gettext_lazy("This ticket is for another event: %(title)s, %(date)s.")
        return CheckIn(False, message % {"title": other.title, "date": when}, registration)
    if registration.status == Registration.Status.ATTENDED:
        at = formats.time_format(timezone.localtime(registration.checked_in_at), "H:i")
        return CheckIn(False, gettext_lazy("Already checked in at %(time)s.") % {"time": at}, registration)
    if registration.status not in (Registration.Status.CONFIRMED, Registration.Status.ABSENT):
        return CheckIn(False, gettext_lazy("This ticket holds no seat (%(status)s).") % {
            "status": registration.get_status_display()}, registration)  # fmt: skip
    registration.status = Registration.Status.ATTENDED
    registration.checked_in_at, registration.checked_in_by = timezone.now(), by
    registration.save(update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"])
    _ledger(registration)
    _ask_for_feedback(registration)
    audit_record(actor=by, action="registration.check_in", obj=registration, request=request)
    return CheckIn(True, gettext_lazy("Welcome, %(name)s!") % {"name": registration.person.full_name}, registration)


@transaction.atomic
def registration_check_in_undo(*, registration: Registration, by, request: HttpRequest | None = None) -> Registration:
    """A wrong check-in taken back: the seat is confirmed again and the ledger follows."""
    _locked(registration.quota)
    registration = Registration.objects.select_related("person", "quota").get(pk=registration.pk)
    if registration.status != Registration.Status.ATTENDED:
        raise DomainError(gettext_lazy("This person is not checked in."))
    registration.status = Registration.Status.CONFIRMED
    registration.checked_in_at = registration.checked_in_by = None
    registration.save(update_fields=["status", "checked_in_at", "checked_in_by", "updated_at"])
    _ledger(registration)
    audit_record(actor=by, action="registration.check_in_undo", obj=registration, request=request)
    return registration


@transaction.atomic
def quota_message(*, quota: Quota, to_waiting_list: bool, texts: dict[str, tuple[str, str]], by,
                  request: HttpRequest | None = None) -> int:  # fmt: skip
    """A coordinator's message to everyone holding a seat (or to the waiting list), each in their
    language: `texts` maps a language code to (subject, body); Polish is the fallback."""
    if not texts.get("pl"):
        raise DomainError({"subject_pl": gettext_lazy("Write the message in Polish at least.")})
    statuses = [Registration.Status.WAITLISTED] if to_waiting_list else [Registration.Status.CONFIRMED,
                                                                        Registration.Status.OFFERED]  # fmt: skip
    recipients = quota.registrations.filter(status__in=statuses, person__erased_at__isnull=True).select_related(
        "person", "quota")  # fmt: skip
    sent = 0
    for registration in recipients:
        subject, body = texts.get(registration.person.preferred_language) or texts["pl"]
        notify(registration=registration, kind="message", extra={"subject": subject, "body": body})
        sent += 1
    audit_record(actor=by, action="quota.message", obj=quota, request=request,
                 details={"to": "waiting list" if to_waiting_list else "registrants", "sent": sent})  # fmt: skip
    return sent


AFFECTED = (Registration.Status.CONFIRMED, Registration.Status.OFFERED, Registration.Status.WAITLISTED)


def _tell_each(registrations: list[Registration], *, kind: str, request) -> None:
    """One message per person: a single date's own mail, or one mail listing all of theirs."""
    by_person: dict[int, list[Registration]] = {}
    for registration in registrations:
        by_person.setdefault(registration.person_id, []).append(registration)
    for theirs in by_person.values():
        if len(theirs) == 1:
            notify(registration=theirs[0], kind=kind, request=request)
        else:
            theirs.sort(key=lambda registration: owner_details(registration.quota).starts_at)
            notify_batch(registrations=theirs, request=request, template=f"series_{kind}")


@transaction.atomic
def quotas_rescheduled(*, quotas: list[Quota], by, request: HttpRequest | None = None) -> int:
    """The owner moved these dates in time: the ledger follows, reminders are set again, and
    everyone still coming or waiting is told the new time with an updated calendar entry."""
    changed = []
    for quota in sorted(quotas, key=lambda quota: quota.pk):
        _locked(quota)
        for registration in quota.registrations.filter(status__in=AFFECTED).select_related("person", "quota"):
            registration.calendar_sequence += 1
            registration.save(update_fields=["calendar_sequence", "updated_at"])
            _ledger(registration)
            if registration.status == Registration.Status.CONFIRMED:
                _schedule_reminder(registration)
            changed.append(registration)
    _tell_each(changed, kind="changed", request=request)
    return len(changed)


@transaction.atomic
def quotas_call_off(*, quotas: list[Quota], by, request: HttpRequest | None = None) -> int:
    """The owner cancelled these dates: every registration still open ends, and each person is
    told once, with a calendar file that removes the dates."""
    ended = []
    for quota in sorted(quotas, key=lambda quota: quota.pk):
        _locked(quota)
        for registration in quota.registrations.filter(status__in=AFFECTED).select_related("person", "quota"):
            registration.status = Registration.Status.CANCELLED
            registration.offer_expires_at = None
            registration.calendar_sequence += 1
            registration.save(update_fields=["status", "offer_expires_at", "calendar_sequence", "updated_at"])
            _ledger(registration)
            audit_record(actor=by, action="registration.call_off", obj=registration, request=request)
            ended.append(registration)
    _tell_each(ended, kind="called_off", request=request)
    return len(ended)


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "registration.create": gettext_lazy("registration %(object)s"),
    "registration.offer": gettext_lazy("offering a freed seat to %(object)s"),
    "registration.confirm": gettext_lazy("confirmation of the offered seat %(object)s"),
    "registration.cancel": gettext_lazy("cancellation of the registration %(object)s"),
    "registration.lapse": gettext_lazy("lapse of the unanswered offer %(object)s"),
    "registration.mark": gettext_lazy("attendance of %(object)s recorded"),
    "registration.check_in": gettext_lazy("check-in of %(object)s"),
    "registration.feedback": gettext_lazy("feedback on %(object)s"),
    "registration.check_in_undo": gettext_lazy("check-in of %(object)s taken back"),
    "registration.move": gettext_lazy("moving %(object)s to another date"),
    "registration.call_off": gettext_lazy("cancellation of %(object)s because the date was called off"),
    "registration.transfer": gettext_lazy("moving the registration %(object)s to the surviving record of a merge"),
    "quota.message": gettext_lazy("message to the registrants of %(object)s"),
    "quota.capacity": gettext_lazy("change of the number of seats of %(object)s"),
}
