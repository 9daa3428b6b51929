"""Every write of the events app: an event and its occasions (once or weekly), each with its seats."""

import datetime
import uuid

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.events.models import Event, Occurrence
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


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "event.create": gettext_lazy("creation of the event %(object)s"),
}
