"""Staff writes: availability, consultation records, walk-ins, referrals."""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from restart.core.access import user_roles
from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.core.notifications import mail_send
from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot, Referral
from restart.infopoint.selectors import may_see_notes
from restart.people.models import Consent, Participation, Person
from restart.people.services import consent_give, participation_record, person_update
from restart.topics.models import Topic

MAX_SLOTS_PER_PUBLICATION = 300


# How a consultation's state reads in the activity ledger.
LEDGER_STATUS = {
    Consultation.Status.BOOKED: Participation.Status.REGISTERED,
    Consultation.Status.ATTENDED: Participation.Status.ATTENDED,
    Consultation.Status.NO_SHOW: Participation.Status.ABSENT,
    Consultation.Status.CANCELLED: Participation.Status.CANCELLED,
}


def participation_sync(consultation: Consultation) -> None:
    """Keep the person's ledger row in step with the consultation (same transaction as the caller)."""
    attended = consultation.status == Consultation.Status.ATTENDED
    topics = list(consultation.topics.select_related("parent")) if consultation.pk else []
    employment = any(topic.is_employment or (topic.parent and topic.parent.is_employment) for topic in topics)
    participation_record(
        person=consultation.person,
        kind=Participation.Kind.CONSULTATION,
        source=consultation,
        status=LEDGER_STATUS[consultation.status],
        starts_on=timezone.localtime(consultation.starts_at).date(),
        professional_guidance=attended and employment,
        recognition_applied=consultation.recognition_applied,
        long_term_residence_applied=consultation.long_term_residence_applied,
    )


@transaction.atomic
def availability_publish(
    *,
    consultant,
    first_day: datetime.date,
    start: datetime.time,
    end: datetime.time,
    slot_minutes: int,
    languages: list[str],
    channel: str,
    place: str = "",
    repeat_until: datetime.date | None = None,
    by,
    request: HttpRequest | None = None,
) -> list[ConsultationSlot]:
    """Cut [start, end) into slots on `first_day` and, if asked, on the same weekday until `repeat_until`.
    Times that overlap the consultant's existing slots are skipped."""
    tz = timezone.get_current_timezone()
    series = uuid.uuid4().hex if repeat_until else ""
    days = [first_day]
    while repeat_until and days[-1] + datetime.timedelta(days=7) <= repeat_until:
        days.append(days[-1] + datetime.timedelta(days=7))
    created = []
    for day in days:
        at = datetime.datetime.combine(day, start, tzinfo=tz)
        day_end = datetime.datetime.combine(day, end, tzinfo=tz)
        while at + datetime.timedelta(minutes=slot_minutes) <= day_end:
            ends = at + datetime.timedelta(minutes=slot_minutes)
            overlaps = ConsultationSlot.objects.filter(consultant=consultant, starts_at__lt=ends, ends_at__gt=at)
            if at > timezone.now() and not overlaps.exists():
                created.append(
                    ConsultationSlot(
                        consultant=consultant,
                        starts_at=at,
                        ends_at=ends,
                        channel=channel,
                        place=place,
                        languages=ConsultationSlot.pack_languages(languages),
                        series=series,
                    )
                )
            at = ends
            if len(created) > MAX_SLOTS_PER_PUBLICATION:
                raise DomainError(_("That would create more than 300 slots. Choose a shorter period."))
    ConsultationSlot.objects.bulk_create(created)
    if created:
        audit_record(actor=by, action="slots.publish", obj=consultant, request=request, details={"count": len(created)})
    return created


@transaction.atomic
def slot_delete(*, slot: ConsultationSlot, by, request: HttpRequest | None = None) -> None:
    slot = ConsultationSlot.objects.select_for_update().get(pk=slot.pk)
    if slot.consultations.filter(status__in=Consultation.ACTIVE_STATUSES).exists():
        raise DomainError(_("This slot is booked. Cancel or move the booking first."))
    audit_record(actor=by, action="slots.delete", obj=slot.consultant, request=request,
                 details={"starts_at": slot.starts_at.isoformat()})  # fmt: skip
    slot.delete()


RECORD_FIELDS = ("language", "channel", "duration_minutes", "status", "outcome", "follow_up_on",
                 "recognition_applied", "long_term_residence_applied")  # fmt: skip


@transaction.atomic
def consultation_record_update(
    *, consultation: Consultation, data: dict, topics: list[Topic], by, request: HttpRequest | None = None
) -> Consultation:
    """Save the consultant's record; status changes update the person's participation in the same transaction."""
    consultation = Consultation.objects.select_for_update().select_related("person").get(pk=consultation.pk)
    if "notes" in data and data["notes"] != consultation.notes:
        if not may_see_notes(by, consultation):
            raise DomainError(_("Only the consultant of this case or a manager may change its private notes."))
        consultation.notes = data["notes"]
    before = consultation.status
    for field in RECORD_FIELDS:
        if field in data:
            setattr(consultation, field, data[field])
    consultation.save()
    consultation.topics.set(topics)
    participation_sync(consultation)
    audit_record(actor=by, action="consultation.record", obj=consultation, request=request,
                 details={"status": [before, consultation.status]})  # fmt: skip
    return consultation


@transaction.atomic
def consultation_walk_in(
    *, person: Person, consultant, starts_at: datetime.datetime, data: dict, topics: list[Topic], by,
    request: HttpRequest | None = None,
) -> Consultation:  # fmt: skip
    """A consultation without a booking: someone came in or called."""
    consultation = Consultation.objects.create(
        person=person, consultant=consultant, starts_at=starts_at, walk_in=True,
        **{field: data[field] for field in (*RECORD_FIELDS, "notes") if field in data},
    )  # fmt: skip
    consultation.topics.set(topics)
    participation_sync(consultation)
    audit_record(actor=by, action="consultation.walk_in", obj=consultation, request=request)
    return consultation


def _referral_consent(*, person: Person, consent_now: bool, by, request) -> Consent:
    consent = person.consents.filter(purpose=Consent.Purpose.REFERRAL, withdrawn_at__isnull=True).first()
    if consent:
        return consent
    if not consent_now:
        raise DomainError(
            {"consent_now": _("A referral needs the person's consent. Ask them, then tick the box.")}
        )
    return consent_give(person=person, purpose=Consent.Purpose.REFERRAL, text_version="2026-01", by=by,
                        request=request)  # fmt: skip


@transaction.atomic
def referral_create(
    *, consultation: Consultation, kind: str, specialist=None, institution: str = "", reason: str,
    consent_now: bool, by, request: HttpRequest | None = None,
) -> Referral:  # fmt: skip
    person = consultation.person
    if person.is_restricted or person.is_erased:
        raise DomainError(_("This person's data may not be processed further, so their case cannot be referred."))
    if kind == Referral.Kind.SPECIALIST and specialist is None:
        raise DomainError({"specialist": _("Choose the specialist.")})
    if kind == Referral.Kind.INSTITUTION and not institution.strip():
        raise DomainError({"institution": _("Name the institution.")})
    consent = _referral_consent(person=person, consent_now=consent_now, by=by, request=request)
    referral = Referral.objects.create(
        consultation=consultation, person=person, kind=kind,
        specialist=specialist if kind == Referral.Kind.SPECIALIST else None,
        institution=institution if kind == Referral.Kind.INSTITUTION else "",
        reason=reason, consent=consent, created_by=by,
    )  # fmt: skip
    audit_record(actor=by, action="referral.create", obj=referral, request=request)
    if referral.specialist:
        _tell_specialist(referral)
    return referral


def _tell_specialist(referral: Referral) -> None:
    """A mail in the specialist's language. It names no one: the case is read behind the sign-in."""
    specialist = referral.specialist
    path = reverse_in(specialist.language, "infopoint_staff:referral", referral.pk)
    mail_send(
        to=specialist.email,
        template="infopoint/email/referral_received",
        context={"specialist": specialist, "url": settings.SITE_URL + path, "referred_by": referral.created_by,
                 "programme_name": settings.PROGRAMME_NAME},
        language=specialist.language,
    )  # fmt: skip


def reverse_in(language: str, name: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


@transaction.atomic
def referral_update(
    *, referral: Referral, status: str, outcome: str, by, request: HttpRequest | None = None
) -> Referral:
    allowed = by.pk in (referral.specialist_id, referral.created_by_id) or Role.MANAGER in user_roles(by)
    if not allowed:
        raise PermissionDenied
    referral.status = status
    referral.outcome = outcome
    referral.save(update_fields=["status", "outcome", "updated_at"])
    audit_record(actor=by, action="referral.update", obj=referral, request=request, details={"status": status})
    return referral


@transaction.atomic
def consultation_person_complete(
    *, consultation: Consultation, data: dict, by, request: HttpRequest | None = None
) -> Consultation:
    """The consultant completes what decides the person's eligibility (citizenship, stay, where they
    live) during the consultation: the record changes through its service, and this consultation's
    ledger row takes in what was not known when it was booked."""
    consultation.person = person_update(person=consultation.person, data=data, by=by, request=request)
    participation_sync(consultation)
    return consultation
