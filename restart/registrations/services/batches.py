"""Several seats for one person at once (every date of a series): registered, told and cancelled together."""

import uuid

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from restart.core.errors import DomainError
from restart.registrations.models import Quota, Registration
from restart.registrations.notifications import notify_batch
from restart.registrations.owners import owner_details
from restart.registrations.services.seats import (
    CANCELLABLE,
    _refuse_closed,
    _registrant,
    registration_cancel,
    registration_create,
)  # fmt: skip


@transaction.atomic
def registration_register_many(
    *, quotas: list[Quota], full_name: str, email: str, phone: str, language: str, target_group: str = "",
    request: HttpRequest | None = None,
) -> list[Registration]:  # fmt: skip
    """Every date of a series at once: a seat or the waiting list for each, decided date by date;
    dates already begun, closed or already booked by the person are skipped. One mail lists them
    all, and the first registration's ticket opens the door on every date."""
    person = _registrant(full_name=full_name, email=email, phone=phone, language=language,
                         target_group=target_group, request=request)  # fmt: skip
    now, batch, registrations = timezone.now(), uuid.uuid4(), []
    for quota in sorted(quotas, key=lambda quota: quota.pk):  # one lock order: no deadlock between two series
        try:
            _refuse_closed(quota, now)
        except DomainError:
            continue
        if quota.registrations.filter(person=person, status__in=Registration.ACTIVE).exists():
            continue
        registrations.append(registration_create(quota=quota, person=person, language=language,
                                                 target_group=target_group, request=request, batch=batch,
                                                 tell=False))  # fmt: skip
    if not registrations:
        raise DomainError(gettext_lazy("There is no date left to register for: you are registered for every "
                                       "one still open, or registration has closed."))  # fmt: skip
    registrations.sort(key=lambda registration: owner_details(registration.quota).starts_at)
    notify_batch(registrations=registrations, request=request)
    return registrations


def batch_siblings(registration: Registration):
    """The registrations made together with this one (itself included), soonest first."""
    if registration.batch is None:
        return Registration.objects.filter(pk=registration.pk).select_related("quota")
    return Registration.objects.filter(batch=registration.batch).select_related("quota").order_by("created_at", "pk")


@transaction.atomic
def registration_cancel_batch(*, registration: Registration, request: HttpRequest | None = None) -> list[Registration]:
    """Every date still ahead of those registered together, cancelled at once, with one mail."""
    now = timezone.now()
    cancelled = [
        registration_cancel(registration=sibling, request=request, tell=False)
        for sibling in batch_siblings(registration).filter(status__in=CANCELLABLE)
        if owner_details(sibling.quota).starts_at > now
    ]
    if cancelled:
        cancelled.sort(key=lambda sibling: owner_details(sibling.quota).starts_at)
        notify_batch(registrations=cancelled, request=request, template="series_cancelled")
    return cancelled
