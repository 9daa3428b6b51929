"""What the engine needs to know of the thing a quota sells seats for, from the module that owns it.

The engine imports no module: events (and later courses and the job fair) register one adapter per
owner type in their AppConfig.ready(), and the engine asks it for a title in the reader's language,
the dates, the place or online link, and the ledger's kind and flags.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class OwnerDetails:
    title: str  # in the active language
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str = ""
    online_url: str = ""  # shown only to those holding a seat
    public_path: str = ""  # the public page, in the active language
    staff_path: str = ""  # the staff page listing its registrations
    ledger_kind: str = "event"
    ledger_flags: dict = field(default_factory=dict)
    # When those who took part may say whether it helped (None: once they took part). A course
    # asks at its last lesson, not after the first one.
    feedback_opens_at: datetime.datetime | None = None
    # Whether a ticket opens the door (a meeting's check-in); a course takes attendance by name.
    tickets: bool = True
    # Whether those who took part are asked if it helped (a job interview is not asked: the fair is).
    asks_feedback: bool = True


@dataclass(frozen=True)
class OwnerAdapter:
    # owner ids -> {owner id: details} in one go (a person's page lists many); a gone one is left out
    details: Callable[[list[str]], dict[str, OwnerDetails]]
    # Ledger flags that depend on the registration, not only on its owner (a course's level gained).
    registration_flags: Callable[[object], dict] | None = None
    # A template folder whose email/<kind>.txt (and sms/<kind>.txt) replace the engine's own.
    templates: str = ""
    # What the owner adds to the registrant's private page: (registration, request) -> HTML.
    panel: Callable[[object, object], str] | None = None
    # The calendar file a confirmation carries, when one event from start to end is not it
    # (a course's lessons): registration -> .ics bytes.
    calendar: Callable[[object], bytes] | None = None
    # A ticket of this owner shown at another quota's door (an interview's ticket at its job
    # fair's entrance): (registration, door quota, staff user) -> the registration to check in
    # there, or None to refuse it as a ticket for something else.
    door: Callable[[object, object, object], object] | None = None
    # The owner's own cancellation from the private page, when more than the seat changes (an
    # interview's employer is told): (registration, request) -> None.
    cancel: Callable[[object, object], None] | None = None


_OWNERS: dict[str, OwnerAdapter] = {}


def register_owner(owner_type: str, adapter: OwnerAdapter) -> None:
    _OWNERS[owner_type] = adapter


def owner_adapter(quota) -> OwnerAdapter | None:
    return _OWNERS.get(quota.owner_type)


def owners_details(quotas) -> dict[int, OwnerDetails]:
    """{quota pk: details} for many quotas, one call per owner type."""
    by_type: dict[str, list] = {}
    for quota in quotas:
        by_type.setdefault(quota.owner_type, []).append(quota)
    found = {}
    for owner_type, group in by_type.items():
        adapter = _OWNERS.get(owner_type)
        details = adapter.details([quota.owner_id for quota in group]) if adapter else {}
        found.update({quota.pk: details[quota.owner_id] for quota in group if quota.owner_id in details})
    return found


def owner_details(quota) -> OwnerDetails:
    details = owners_details([quota]).get(quota.pk)
    if details is None:
        raise LookupError(f"No registered owner for {quota}")
    return details
