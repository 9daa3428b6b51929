"""Who came: check-in at the door (a series ticket opens every date), staff marking attendance,
and the feedback asked of those who took part (R.2.9 counts "yes")."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy
from django_tasks import task

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.registrations.models import Feedback, Quota, Registration
from restart.registrations.notifications import notify
from restart.registrations.owners import owner_adapter, owner_details
from restart.registrations.services.batches import batch_siblings
from restart.registrations.services.seats import _ledger, _locked

FEEDBACK_AFTER = datetime.timedelta(hours=1)


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


def _ask_for_feedback(registration: Registration) -> None:
    """An hour after it ends, those who took part are asked whether it helped (once)."""
    details = owner_details(registration.quota)
    if not details.asks_feedback or Feedback.objects.filter(registration=registration).exists():
        return
    ends_at = details.ends_at
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
        registration = _admitted_elsewhere(registration, quota, by) or registration
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


def _admitted_elsewhere(registration: Registration, quota: Quota, by) -> Registration | None:
    """What the ticket's owner says it opens at this door (an interview ticket opens its fair)."""
    adapter = owner_adapter(registration.quota)
    return adapter.door(registration, quota, by) if adapter and adapter.door else None


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
