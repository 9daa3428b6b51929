"""Reads of the information point: free slots, a consultant's week, referrals."""

import datetime

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from restart.infopoint.models import Consultation, ConsultationSlot, Referral

# A slot can be booked up to this long before it starts.
BOOKING_LEAD = datetime.timedelta(hours=2)


def _active_booking():
    return Consultation.objects.filter(slot=OuterRef("pk"), status__in=Consultation.ACTIVE_STATUSES)


def free_slots(*, language: str = "", channel: str = "", now: datetime.datetime | None = None) -> QuerySet:
    """Bookable slots, next available first."""
    now = now or timezone.now()
    slots = (
        ConsultationSlot.objects.filter(starts_at__gte=now + BOOKING_LEAD, consultant__is_active=True)
        .exclude(Exists(_active_booking()))
        .order_by("starts_at", "pk")
    )
    if language:
        slots = slots.filter(languages__contains=f",{language},")
    if channel:
        slots = slots.filter(channel=channel)
    return slots


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


def referrals_for(user) -> QuerySet:
    """Cases referred to this specialist."""
    return (
        Referral.objects.filter(specialist=user)
        .select_related("person", "consultation", "created_by")
        .order_by("status", "-created_at")
    )
