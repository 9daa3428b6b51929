"""Every write of the events app: an event and its occasions (once or weekly), each with its seats."""

import datetime
import uuid

from django.db import transaction
from django.http import HttpRequest
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.events.models import Event, Occurrence
from restart.registrations import services as seats
from restart.registrations.models import Quota

OWNER_TYPE = "events.occurrence"
MAX_OCCASIONS = 60  # a year of weekly meetings and some


def _weekly(first: datetime.datetime, until: datetime.date | None) -> list[datetime.datetime]:
    starts = [first]
    while until and len(starts) <= MAX_OCCASIONS:
        following = timezone.localtime(starts[-1]) + datetime.timedelta(days=7)
        if following.date() > until:
            break
        starts.append(following)
    if len(starts) > MAX_OCCASIONS:
        raise DomainError({"repeat_until": gettext_lazy(
            "That would make more than %(count)s occasions. Choose an earlier end."
        ) % {"count": MAX_OCCASIONS}})  # fmt: skip
    return starts


def occurrence_add(*, event: Event, starts_at: datetime.datetime, minutes: int) -> Occurrence:
    # The seats are created first (an occasion cannot exist without them), then told whose they are.
    quota = Quota.objects.create(owner_type=OWNER_TYPE, owner_id=f"new-{uuid.uuid4().hex}", capacity=event.capacity)
    occurrence = Occurrence.objects.create(
        event=event, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=minutes), quota=quota
    )
    quota.owner_id = str(occurrence.pk)
    quota.save(update_fields=["owner_id"])
    return occurrence


@transaction.atomic
def event_create(
    *, data: dict, first_starts_at: datetime.datetime, minutes: int, weekly: bool = False, by,
    request: HttpRequest | None = None,
) -> Event:  # fmt: skip
    """An event with its first occasion and, for a weekly series, every occasion until its end."""
    if weekly and not data.get("repeat_until"):
        raise DomainError({"repeat_until": gettext_lazy("A weekly series needs an end date.")})
    if data.get("repeat_until") and data["repeat_until"] < timezone.localtime(first_starts_at).date():
        raise DomainError({"repeat_until": gettext_lazy("The series cannot end before its first occasion.")})
    if not data.get("place") and not data.get("online_url"):
        raise DomainError({"place": gettext_lazy("Give the place, or an online link for an online event.")})
    event = Event.objects.create(**{**data, "repeat_until": data.get("repeat_until") if weekly else None})
    for starts_at in _weekly(first_starts_at, event.repeat_until):
        occurrence_add(event=event, starts_at=starts_at, minutes=minutes)
    audit_record(actor=by, action="event.create", obj=event, request=request,
                 details={"occasions": event.occurrences.count()})  # fmt: skip
    return event


class Scope:
    """Which dates of a series a change applies to (as a calendar app asks)."""

    THIS = "this"
    FOLLOWING = "following"


def _in_scope(occurrence: Occurrence, scope: str):
    dates = Occurrence.objects.select_related("quota").select_for_update(of=("self",))
    if scope == Scope.FOLLOWING:
        return dates.filter(event=occurrence.event, starts_at__gte=occurrence.starts_at, cancelled_at__isnull=True)
    return dates.filter(pk=occurrence.pk)


def _local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


@transaction.atomic
def occurrence_update(
    *, occurrence: Occurrence, starts_at: datetime.datetime, minutes: int, capacity: int, scope: str = Scope.THIS,
    by, request: HttpRequest | None = None,
) -> int:  # fmt: skip
    """A date's time, length and seats; for "this and following", each later date moves by the
    same number of days to the same wall-clock time (right across a change to summer time).
    Registrants are told the new time; fewer seats than are taken is refused, naming the date."""
    if occurrence.cancelled_at or occurrence.starts_at <= timezone.now():
        raise DomainError(gettext_lazy("This date has passed or is cancelled: it cannot be changed."))
    if starts_at <= timezone.now():
        raise DomainError({"starts_at": gettext_lazy("Choose a time that is still ahead.")})
    shift = _local_day(starts_at) - _local_day(occurrence.starts_at)
    wall_clock = timezone.localtime(starts_at).time()
    moved = []
    for date in _in_scope(occurrence, scope).order_by("starts_at"):
        new_start = timezone.make_aware(datetime.datetime.combine(_local_day(date.starts_at) + shift, wall_clock))
        new_end = new_start + datetime.timedelta(minutes=minutes)
        if date.quota.capacity != capacity:
            _set_capacity(date, capacity, by, request)
        if (new_start, new_end) != (date.starts_at, date.ends_at):
            date.starts_at, date.ends_at = new_start, new_end
            date.save(update_fields=["starts_at", "ends_at"])
            moved.append(date)
    seats.quotas_rescheduled(quotas=[date.quota for date in moved], by=by, request=request)
    audit_record(actor=by, action="event.dates_change", obj=occurrence.event, request=request,
                 details={"from": occurrence.pk, "scope": scope, "moved": len(moved)})  # fmt: skip
    return len(moved)


def _set_capacity(date: Occurrence, capacity: int, by, request) -> None:
    try:
        seats.quota_set_capacity(quota=date.quota, capacity=capacity, by=by, request=request)
    except DomainError as refusal:
        when = formats.date_format(timezone.localtime(date.starts_at), "SHORT_DATETIME_FORMAT")
        raise DomainError({"capacity": f"{when}: {refusal.messages[0]}"}) from refusal


@transaction.atomic
def occurrence_cancel(
    *, occurrence: Occurrence, scope: str = Scope.THIS, by, request: HttpRequest | None = None
) -> int:
    """Call off a date (or it and every later one): its registrations end and each person is told
    once. Dates already past stay as they were."""
    dates = list(_in_scope(occurrence, scope).filter(cancelled_at__isnull=True, starts_at__gt=timezone.now()))
    if not dates:
        raise DomainError(gettext_lazy("This date has passed or is cancelled already."))
    Occurrence.objects.filter(pk__in=[date.pk for date in dates]).update(cancelled_at=timezone.now())
    seats.quotas_call_off(quotas=[date.quota for date in dates], by=by, request=request)
    audit_record(actor=by, action="event.dates_cancel", obj=occurrence.event, request=request,
                 details={"from": occurrence.pk, "scope": scope, "cancelled": len(dates)})  # fmt: skip
    return len(dates)


@transaction.atomic
def event_update(*, event: Event, data: dict, by, request: HttpRequest | None = None) -> Event:
    """What the event is (titles, texts, place, link, audience…), for every date; a later end of a
    weekly series adds dates, an earlier one calls off the dates after it."""
    if not data.get("place") and not data.get("online_url"):
        raise DomainError({"place": gettext_lazy("Give the place, or an online link for an online event.")})
    event = Event.objects.select_for_update().get(pk=event.pk)
    until = data.get("repeat_until") if event.is_series else None
    if event.is_series and not until:
        raise DomainError({"repeat_until": gettext_lazy("A weekly series needs an end date.")})
    for field, value in {**data, "repeat_until": until}.items():
        setattr(event, field, value)
    event.save()
    if event.is_series:
        _series_end(event, by, request)
    audit_record(actor=by, action="event.update", obj=event, request=request, details={"fields": sorted(data)})
    return event


def _series_end(event: Event, by, request) -> None:
    dates = event.occurrences.filter(cancelled_at__isnull=True).order_by("starts_at")
    after = [date for date in dates if _local_day(date.starts_at) > event.repeat_until]
    ahead = [date for date in after if date.starts_at > timezone.now()]
    if ahead:
        occurrence_cancel(occurrence=ahead[0], scope=Scope.FOLLOWING, by=by, request=request)
    last = dates.last()
    if last is None or after:
        return
    minutes = int((last.ends_at - last.starts_at).total_seconds() // 60)
    for starts_at in _weekly(last.starts_at, event.repeat_until)[1:]:
        occurrence_add(event=event, starts_at=starts_at, minutes=minutes)


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "event.create": gettext_lazy("creation of the event %(object)s"),
    "event.update": gettext_lazy("change of the event %(object)s"),
    "event.dates_change": gettext_lazy("change of the time or seats of dates of %(object)s"),
    "event.dates_cancel": gettext_lazy("cancellation of dates of %(object)s"),
}
