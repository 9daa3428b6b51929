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


@dataclass(frozen=True)
class OwnerAdapter:
    details: Callable[[str], OwnerDetails | None]  # owner_id -> details, None if it is gone


_OWNERS: dict[str, OwnerAdapter] = {}


def register_owner(owner_type: str, adapter: OwnerAdapter) -> None:
    _OWNERS[owner_type] = adapter


def owner_details(quota) -> OwnerDetails:
    adapter = _OWNERS.get(quota.owner_type)
    details = adapter.details(quota.owner_id) if adapter else None
    if details is None:
        raise LookupError(f"No registered owner for {quota}")
    return details
