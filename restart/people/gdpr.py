"""Data-subject rights: export, restriction, erasure, and the retention sweep."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpRequest
from django.utils import timezone

from restart.core.audit import audit_record
from restart.core.models import AuditEvent
from restart.people.models import Person
from restart.people.services import PERSON_FIELDS

# What erasure wipes: everything that names or reaches the person, or that they told us in words.
ERASED_FIELDS = ("given_name", "family_name", "email", "phone", "languages_spoken", "municipality", "notes")


def person_export_data(person: Person) -> dict:
    """Everything held about a person, as JSON-ready data."""
    data = {field: _plain(getattr(person, field)) for field in PERSON_FIELDS if field != "organization"}
    data.update(
        id=person.pk,
        organization=person.organization.name if person.organization else None,
        birth_year=person.birth_year,
        created_at=_plain(person.created_at),
        updated_at=_plain(person.updated_at),
        restricted_at=_plain(person.restricted_at),
        restriction_reason=person.restriction_reason,
        erased_at=_plain(person.erased_at),
        is_third_country_national=person.is_third_country_national,
        is_eligible=person.is_eligible,
        eligibility_reason=person.eligibility_reason,
        consents=[
            {
                "purpose": consent.purpose,
                "text_version": consent.text_version,
                "given_at": _plain(consent.given_at),
                "withdrawn_at": _plain(consent.withdrawn_at),
            }
            for consent in person.consents.all()
        ],
        participations=[
            {
                "kind": row.kind,
                "title": row.title,
                "date": _plain(row.date),
                "attended": row.attended,
                "source": f"{row.source_type}:{row.source_id}",
            }
            for row in person.participations.all()
        ],
        access_log=[
            {"at": _plain(event.at), "action": event.action, "by": str(event.actor) if event.actor else None}
            for event in AuditEvent.objects.filter(object_type=Person._meta.label_lower, object_id=str(person.pk))
            .select_related("actor")
            .order_by("at")
        ],
    )
    return data


def _plain(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    return value


@transaction.atomic
def person_export_record(*, person: Person, by, request: HttpRequest | None = None, fmt: str) -> dict:
    data = person_export_data(person)
    audit_record(actor=by, action="person.export", obj=person, request=request, details={"format": fmt})
    return data


@transaction.atomic
def person_restrict(*, person: Person, reason: str, by, request: HttpRequest | None = None) -> Person:
    """Hide the person from every list and search; the record stays for the retention period."""
    person.restricted_at = timezone.now()
    person.restriction_reason = reason[:300]
    person.save(update_fields=["restricted_at", "restriction_reason"])
    audit_record(actor=by, action="person.restrict", obj=person, request=request)
    return person


@transaction.atomic
def person_lift_restriction(*, person: Person, by, request: HttpRequest | None = None) -> Person:
    person.restricted_at = None
    person.restriction_reason = ""
    person.save(update_fields=["restricted_at", "restriction_reason"])
    audit_record(actor=by, action="person.lift_restriction", obj=person, request=request)
    return person


@transaction.atomic
def person_erase(*, person: Person, by, request: HttpRequest | None = None) -> Person:
    """Pseudonymise: names, contacts and free text go; year of birth, sex, citizenship and
    activities stay, so every figure counted on this person stays the same."""
    pseudonym = f"#{person.pk}"
    for field in ERASED_FIELDS:
        setattr(person, field, "")
    person.full_name = pseudonym
    person.birth_year = person.birth_date.year if person.birth_date else person.birth_year
    person.birth_date = None
    person.residence_valid_until = None
    person.organization = None
    person.search_key = ""
    person.erased_at = timezone.now()
    person.save()
    # Earlier audit entries named the person; they keep the event, not the name.
    AuditEvent.objects.filter(object_type=Person._meta.label_lower, object_id=str(person.pk)).update(
        object_repr=pseudonym
    )
    audit_record(actor=by, action="person.erase", obj=person, request=request)
    return person


def people_past_retention(*, now: datetime.datetime | None = None) -> QuerySet[Person]:
    """Not yet erased people whose last activity (or creation) is older than the retention period."""
    now = now or timezone.now()
    cutoff = (now - datetime.timedelta(days=365 * settings.PEOPLE_RETENTION_YEARS)).date()
    return (
        Person.objects.filter(erased_at__isnull=True)
        .annotate(last_seen=Coalesce(Max("participations__date"), TruncDate("created_at")))
        .filter(Q(last_seen__lt=cutoff))
        .order_by("last_seen", "pk")
    )
