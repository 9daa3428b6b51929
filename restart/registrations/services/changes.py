"""What the owner (or its staff) changes under the registrations: a move to another date or group,
dates moved in time or called off, a message to everyone registered or waiting."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.registrations.models import Quota, Registration
from restart.registrations.notifications import notify, notify_batch
from restart.registrations.owners import owner_details
from restart.registrations.services.seats import (
    _ledger,
    _locked,
    _offer_seats,
    _schedule_reminder,
    quota_counts,
)  # fmt: skip


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
    if registration.status not in Registration.OPEN:
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
        for registration in quota.registrations.filter(status__in=Registration.OPEN).select_related("person", "quota"):
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
        for registration in quota.registrations.filter(status__in=Registration.OPEN).select_related("person", "quota"):
            registration.status = Registration.Status.CANCELLED
            registration.offer_expires_at = None
            registration.calendar_sequence += 1
            registration.save(update_fields=["status", "offer_expires_at", "calendar_sequence", "updated_at"])
            _ledger(registration)
            audit_record(actor=by, action="registration.call_off", obj=registration, request=request)
            ended.append(registration)
    _tell_each(ended, kind="called_off", request=request)
    return len(ended)
