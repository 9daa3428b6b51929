"""Booking: a migrant books, moves and cancels with a private link; a specialist offers a referred
person a time. Each tells the person (notifications.py) and schedules the reminder (tasks.py)."""

import datetime

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.core.access import user_roles
from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot, Referral
from restart.infopoint.notifications import notify
from restart.infopoint.selectors import BOOKING_LEAD, slot_is_free
from restart.infopoint.services.records import participation_sync
from restart.infopoint.tasks import consultation_remind
from restart.people.models import Consent
from restart.people.services import consent_give, person_for_contact
from restart.topics.models import Topic

PRIVACY_NOTICE_VERSION = "2026-01"
REMINDER_BEFORE = datetime.timedelta(days=1)


class SlotUnavailable(DomainError):
    """The slot was taken (or is no longer bookable) by the time the booking arrived."""

    def __init__(self, message=None):
        super().__init__(message or _("That time is no longer free. Choose another one."))


def _locked_free_slot(slot_id: int, *, language: str, channel: str) -> ConsultationSlot:
    slot = ConsultationSlot.objects.select_for_update().filter(pk=slot_id).select_related("consultant").first()
    bookable = (
        slot is not None
        and slot.starts_at >= timezone.now() + BOOKING_LEAD
        and language in slot.language_list
        and slot.channel == channel
        and slot.consultant.is_active
        # A specialist's times are given through referrals only (consultation_offer), never to
        # whoever guesses a slot's number.
        and Role.CONSULTANT in user_roles(slot.consultant)
    )
    if not bookable or not slot_is_free(slot):
        raise SlotUnavailable
    return slot


@transaction.atomic
def consultation_book(
    *,
    slot_id: int,
    topic: Topic,
    language: str,
    channel: str,
    full_name: str,
    email: str,
    phone: str,
    question: str = "",
    request: HttpRequest | None = None,
) -> Consultation:
    """Book a slot for a migrant; two requests for the last slot give one booking and one SlotUnavailable."""
    slot = _locked_free_slot(slot_id, language=language, channel=channel)
    person = person_for_contact(full_name=full_name, email=email, phone=phone, language=language,
                                action="person.create_by_booking")
    consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version=PRIVACY_NOTICE_VERSION, by=None,
                 request=request)  # fmt: skip
    try:
        with transaction.atomic():
            consultation = Consultation.objects.create(
                person=person, slot=slot, consultant=slot.consultant, starts_at=slot.starts_at,
                duration_minutes=slot.duration_minutes, language=language, channel=channel, question=question[:2000],
            )  # fmt: skip
    except IntegrityError as exc:  # the database's unique guard, should a lock ever be missing
        raise SlotUnavailable from exc
    consultation.topics.set([topic])
    _booked(consultation, action="consultation.book", notice="confirmation", request=request)
    return consultation


@transaction.atomic
def consultation_move(*, consultation: Consultation, slot_id: int, request: HttpRequest | None = None) -> Consultation:
    consultation = Consultation.objects.select_for_update().select_related("person").get(pk=consultation.pk)
    if not consultation.is_upcoming:
        raise SlotUnavailable
    slot = _locked_free_slot(slot_id, language=consultation.language, channel=consultation.channel)
    consultation.slot = slot
    consultation.consultant = slot.consultant
    consultation.starts_at = slot.starts_at
    consultation.duration_minutes = slot.duration_minutes
    consultation.calendar_sequence += 1
    consultation.save()
    _booked(consultation, action="consultation.move", notice="moved", request=request)
    return consultation


@transaction.atomic
def consultation_cancel(*, consultation: Consultation, by=None, request: HttpRequest | None = None) -> Consultation:
    consultation = Consultation.objects.select_for_update().select_related("person").get(pk=consultation.pk)
    if consultation.status != Consultation.Status.BOOKED:
        return consultation
    consultation.status = Consultation.Status.CANCELLED
    consultation.calendar_sequence += 1
    consultation.save(update_fields=["status", "calendar_sequence", "updated_at"])
    participation_sync(consultation)
    audit_record(actor=by, action="consultation.cancel", obj=consultation, request=request)
    if consultation.starts_at > timezone.now():
        notify(consultation=consultation, kind="cancelled", request=request)
    return consultation


def _booked(consultation: Consultation, *, action: str, notice: str, request, by=None, details=None) -> None:
    """What follows every booking or move, in the same transaction: the ledger, the audit
    entry, the person told, the reminder scheduled."""
    participation_sync(consultation)
    audit_record(actor=by, action=action, obj=consultation, request=request, details=details)
    notify(consultation=consultation, kind=notice, request=request)
    _schedule_reminder(consultation)


def _schedule_reminder(consultation: Consultation) -> None:
    remind_at = consultation.starts_at - REMINDER_BEFORE
    person = consultation.person
    if remind_at <= timezone.now() or not (person.email or person.phone):
        return  # booked for tomorrow or sooner: the confirmation is the reminder
    consultation_remind.using(run_after=remind_at).enqueue(
        consultation_id=consultation.pk, starts_at=consultation.starts_at.isoformat()
    )


@transaction.atomic
def consultation_offer(*, referral, slot_id: int, by, request: HttpRequest | None = None) -> Consultation:
    """A specialist gives a referred person one of their free times: booked at once, the person
    gets the usual confirmation with the link to move or cancel it."""
    referral = Referral.objects.select_for_update().select_related("person", "consent").get(pk=referral.pk)
    person = referral.person
    if person.is_erased or person.is_restricted:
        raise DomainError(_("This person's data may not be processed further, so no time can be offered."))
    if referral.status in (Referral.Status.DONE, Referral.Status.DECLINED) or referral.consent.withdrawn_at:
        raise DomainError(_("This referral is closed or its consent was withdrawn: no time can be offered."))
    slot = ConsultationSlot.objects.select_for_update().filter(pk=slot_id, consultant=by).first()
    if slot is None or slot.starts_at <= timezone.now() or not slot_is_free(slot):
        raise SlotUnavailable
    language = person.preferred_language if person.preferred_language in slot.language_list else slot.language_list[0]
    consultation = Consultation.objects.create(
        person=person, slot=slot, consultant=by, starts_at=slot.starts_at, duration_minutes=slot.duration_minutes,
        language=language, channel=slot.channel,
    )  # fmt: skip
    consultation.topics.set(referral.consultation.topics.all())
    if referral.status == referral.Status.OPEN:
        referral.status = referral.Status.IN_PROGRESS
        referral.save(update_fields=["status", "updated_at"])
    _booked(consultation, action="consultation.offer", notice="confirmation", request=request, by=by,
            details={"referral": referral.pk})  # fmt: skip
    return consultation
