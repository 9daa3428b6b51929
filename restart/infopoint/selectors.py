"""Reads of the information point: free slots, a consultant's week, referrals."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from restart.core.access import user_can_enter, user_roles
from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot, ContactDetails, Referral
from restart.people.ledger import SourceLabel

# A slot can be booked up to this long before it starts.
BOOKING_LEAD = datetime.timedelta(hours=2)


def _active_booking():
    return Consultation.objects.filter(slot=OuterRef("pk"), status__in=Consultation.ACTIVE_STATUSES)


def _unbooked_from(moment: datetime.datetime) -> QuerySet:
    return (
        ConsultationSlot.objects.filter(starts_at__gte=moment, consultant__is_active=True)
        .exclude(Exists(_active_booking()))
        .order_by("starts_at", "pk")
    )


def free_slots(*, language: str = "", channel: str = "", now: datetime.datetime | None = None) -> QuerySet:
    """Slots anyone may book, next available first: consultants' times. A specialist's times are
    given through referrals (`offerable_slots`), not to whoever books first."""
    now = now or timezone.now()
    slots = _unbooked_from(now + BOOKING_LEAD).filter(consultant__groups__name=Role.CONSULTANT)
    if language:
        slots = slots.filter(languages__contains=f",{language},")
    if channel:
        slots = slots.filter(channel=channel)
    return slots


def offerable_slots(*, specialist) -> QuerySet:
    """A specialist's own free times ahead, to offer a referred person."""
    return _unbooked_from(timezone.now()).filter(consultant=specialist)


def slot_is_free(slot: ConsultationSlot) -> bool:
    return not slot.consultations.filter(status__in=Consultation.ACTIVE_STATUSES).exists()


def week_start(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def consultant_week(*, consultant, monday: datetime.date) -> list[dict]:
    """Seven days of one consultant: their slots (with any booking) and walk-ins, in three queries."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(monday, datetime.time.min, tzinfo=tz)
    end = start + datetime.timedelta(days=7)
    active = Consultation.objects.filter(status__in=Consultation.ACTIVE_STATUSES).select_related("person")
    slots = list(
        ConsultationSlot.objects.filter(consultant=consultant, starts_at__gte=start, starts_at__lt=end)
        .prefetch_related(Prefetch("consultations", queryset=active, to_attr="bookings"))
        .order_by("starts_at")
    )
    walk_ins = list(
        Consultation.objects.filter(consultant=consultant, slot__isnull=True, starts_at__gte=start, starts_at__lt=end)
        .select_related("person")
        .order_by("starts_at")
    )
    days = []
    for offset in range(7):
        day = monday + datetime.timedelta(days=offset)
        entries = [
            {"at": slot.starts_at, "slot": slot, "consultation": (slot.bookings or [None])[0]}
            for slot in slots
            if timezone.localtime(slot.starts_at).date() == day
        ] + [
            {"at": visit.starts_at, "slot": None, "consultation": visit}
            for visit in walk_ins
            if timezone.localtime(visit.starts_at).date() == day
        ]
        days.append({"date": day, "entries": sorted(entries, key=lambda entry: entry["at"])})
    return days


# --- Access: every consultation, referral and slot a view reads comes through these. ---


def consultations_for_user(user) -> QuerySet[Consultation]:
    """Managers: all. Consultants: all of people not restricted. Specialists: the consultations
    they hold and those referred to them, of people not restricted. Anyone else: none."""
    roles = user_roles(user)
    consultations = Consultation.objects.all()
    if Role.MANAGER in roles:
        return consultations
    consultations = consultations.filter(person__restricted_at__isnull=True)
    if Role.CONSULTANT in roles:
        return consultations
    if Role.SPECIALIST in roles:
        referred = Referral.objects.filter(consultation=OuterRef("pk"), specialist=user)
        return consultations.filter(Q(consultant=user) | Q(Exists(referred)))
    return consultations.none()


def consultation_get_for_user(*, user, pk: int, write: bool = False) -> Consultation:
    """404 for a consultation the user may not see; 403 for one they may see but not record
    (a specialist records only the consultations they hold)."""
    consultation = (
        consultations_for_user(user).select_related("person", "consultant", "slot").filter(pk=pk).first()
    )
    if consultation is None:
        raise Http404
    if write and not may_record(user, consultation):
        raise PermissionDenied
    return consultation


def may_record(user, consultation: Consultation) -> bool:
    """Consultants and managers record any consultation they see; a specialist only their own."""
    roles = user_roles(user)
    return bool(roles & {Role.MANAGER, Role.CONSULTANT}) or consultation.consultant_id == user.pk


def may_see_notes(user, consultation: Consultation) -> bool:
    """Private case notes: the consultant of the case and managers, nobody else — not other
    consultants, and not a specialist the case is referred to, who gets the referral's reason."""
    return consultation.consultant_id == user.pk or Role.MANAGER in user_roles(user)


def referrals_for_user(user) -> QuerySet[Referral]:
    """Managers: all. Others: the referrals they sent or received, of people not restricted."""
    referrals = Referral.objects.select_related("person", "consultation", "specialist", "created_by")
    if Role.MANAGER in user_roles(user):
        return referrals
    if not user_roles(user) & {Role.CONSULTANT, Role.SPECIALIST}:
        return referrals.none()
    return referrals.filter(Q(specialist=user) | Q(created_by=user), person__restricted_at__isnull=True)


def referral_get_for_user(*, user, pk: int, write: bool = False) -> Referral:
    referral = referrals_for_user(user).filter(pk=pk).first()
    if referral is None:
        raise Http404
    if write and not (user.pk in (referral.specialist_id, referral.created_by_id) or Role.MANAGER in user_roles(user)):
        raise PermissionDenied
    return referral


def consultant_get_for_user(*, user, pk: int):
    """A colleague whose week a consultant or manager looks at."""
    from_staff = get_user_model().objects.filter(pk=pk).first() if user_can_enter(user, "infopoint") else None
    if from_staff is None:
        raise Http404
    return from_staff


def slot_get_for_user(*, user, pk: int) -> ConsultationSlot:
    """A consultant's own slot (managers: any)."""
    slots = ConsultationSlot.objects.all()
    if Role.MANAGER not in user_roles(user):
        slots = slots.filter(consultant=user)
    slot = slots.filter(pk=pk).first()
    if slot is None:
        raise Http404
    return slot


def people_granted_to(user) -> Q | None:
    """The people a specialist serves: those referred to them or booked with them."""
    if Role.SPECIALIST not in user_roles(user):
        return None
    return Q(referrals__specialist=user) | Q(consultations__consultant=user)


def consultation_labels(ids: list[str], user) -> dict[str, SourceLabel]:
    """Ledger titles for consultations: their topics in the reader's language, linked when the reader may open it."""
    numbers = [int(source_id) for source_id in ids if source_id.isdigit()]
    consultations = Consultation.objects.filter(pk__in=numbers).prefetch_related("topics")
    openable = set(consultations_for_user(user).filter(pk__in=numbers).values_list("pk", flat=True))
    labels = {}
    for consultation in consultations:
        topics = ", ".join(topic.name() for topic in consultation.topics.all())
        title = topics or gettext("Consultation at the information point")
        url = reverse("infopoint_staff:consultation", args=[consultation.pk]) if consultation.pk in openable else ""
        labels[str(consultation.pk)] = SourceLabel(title=title, url=url)
    return labels


def contact_details_get() -> ContactDetails:
    """The one row, or an empty unsaved one before a manager first fills it in."""
    return ContactDetails.objects.filter(pk=ContactDetails.SINGLE_ROW).first() or ContactDetails(
        pk=ContactDetails.SINGLE_ROW
    )
