"""Every write to people, organisations, consents and the participation ledger."""

import datetime

from django.db import models, transaction
from django.http import HttpRequest
from django.utils import timezone

from restart.core.audit import audit_record
from restart.people.models import Consent, Organization, Participation, Person, Region, ResidenceStatus, Sex
from restart.people.names import name_key

PERSON_FIELDS = (
    "full_name", "given_name", "family_name", "email", "phone", "preferred_language", "languages_spoken",
    "citizenship", "second_citizenship", "birth_date", "sex", "residence_status", "residence_valid_until",
    "municipality", "region", "target_group", "organization", "refused", "notes",
)  # fmt: skip


def _refresh_derived(person: Person) -> None:
    names = " ".join(filter(None, [person.full_name, person.given_name, person.family_name]))
    person.search_key = " ".join(filter(None, [name_key(names), person.email.lower(), person.phone]))[:400]
    person.birth_year = person.birth_date.year if person.birth_date else person.birth_year
    person.email = person.email.strip().lower()


@transaction.atomic
def person_create(*, data: dict, by, request: HttpRequest | None = None, action: str = "person.create") -> Person:
    person = Person(**{field: value for field, value in data.items() if field in PERSON_FIELDS})
    _refresh_derived(person)
    person.save()
    audit_record(actor=by, action=action, obj=person, request=request)
    return person


@transaction.atomic
def person_update(*, person: Person, data: dict, by, request: HttpRequest | None = None) -> Person:
    changed = []
    for field, value in data.items():
        if field in PERSON_FIELDS and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if changed:
        _refresh_derived(person)
        person.save()
        # Field names only: the audit trail must not become a second copy of the data.
        audit_record(actor=by, action="person.update", obj=person, request=request, details={"fields": changed})
    return person


@transaction.atomic
def organization_save(*, organization: Organization, by, request: HttpRequest | None = None) -> Organization:
    created = organization.pk is None
    organization.full_clean()
    organization.save()
    audit_record(
        actor=by, action="organization.create" if created else "organization.update", obj=organization, request=request
    )
    return organization


@transaction.atomic
def consent_give(*, person: Person, purpose: str, text_version: str, by, request: HttpRequest | None = None) -> Consent:
    consent = Consent.objects.create(
        person=person,
        purpose=purpose,
        text_version=text_version,
        recorded_by=by if by and by.is_authenticated else None,
    )
    audit_record(actor=by, action="consent.give", obj=person, request=request, details={"purpose": purpose})
    return consent


@transaction.atomic
def consent_withdraw(*, consent: Consent, by, request: HttpRequest | None = None) -> Consent:
    """Takes effect at once: every check of `person_has_consent` sees it in the same request."""
    if consent.withdrawn_at is None:
        consent.withdrawn_at = timezone.now()
        consent.save(update_fields=["withdrawn_at"])
        audit_record(
            actor=by,
            action="consent.withdraw",
            obj=consent.person,
            request=request,
            details={"purpose": consent.purpose},
        )
    return consent


def person_has_consent(person: Person, purpose: str) -> bool:
    return person.consents.filter(purpose=purpose, withdrawn_at__isnull=True).exists()


def participation_record(
    *,
    person: Person,
    kind: str,
    date: datetime.date,
    source: models.Model,
    attended: bool,
    title: str = "",
    **flags: bool,
) -> Participation:
    """Write or update the ledger row of one person in one activity.

    Modules call this inside their own service's transaction, so the ledger never
    disagrees with the module's state.
    """
    participation, _created = Participation.objects.update_or_create(
        person=person,
        source_type=source._meta.label_lower,
        source_id=str(source.pk),
        defaults={"kind": kind, "date": date, "attended": attended, "title": title[:200], **flags},
    )
    return participation


FLAG_FIELDS = (
    "attended", "language_course", "civic_orientation", "professional_guidance", "recognition_applied",
    "long_term_residence_applied", "found_helpful",
)  # fmt: skip


@transaction.atomic
def person_merge(*, survivor: Person, duplicate: Person, by, request: HttpRequest | None = None) -> Person:
    """Fold `duplicate` into `survivor`: activities, consents and every other record move; blanks fill in."""
    if survivor.pk == duplicate.pk:
        raise ValueError("A person cannot be merged with themselves.")
    _merge_participations(survivor, duplicate)
    for relation in Person._meta.related_objects:
        if relation.related_model is Participation or not relation.one_to_many:
            continue
        relation.related_model._base_manager.filter(**{relation.field.name: duplicate}).update(
            **{relation.field.name: survivor}
        )
    for field in PERSON_FIELDS:
        fillable = field != "refused" and _is_blank(field, getattr(survivor, field))
        if fillable and not _is_blank(field, getattr(duplicate, field)):
            setattr(survivor, field, getattr(duplicate, field))
    survivor.refused = [item for item in survivor.refused if _is_blank(item, getattr(survivor, item, None))]
    _refresh_derived(survivor)
    survivor.save()
    audit_record(actor=by, action="person.merge", obj=survivor, request=request, details={"merged": duplicate.pk})
    audit_record(actor=by, action="person.merged_into", obj=duplicate, request=request, details={"into": survivor.pk})
    duplicate.delete()
    return survivor


# Values that mean "nobody said": a merge may fill them from the other record.
_UNSAID = {"sex": Sex.NOT_STATED, "residence_status": ResidenceStatus.UNKNOWN, "region": Region.UNKNOWN}


def _is_blank(field: str, value) -> bool:
    return value in (None, "", []) or _UNSAID.get(field) == value


def _merge_participations(survivor: Person, duplicate: Person) -> None:
    existing = {(p.source_type, p.source_id): p for p in survivor.participations.all()}
    for row in duplicate.participations.all():
        twin = existing.get((row.source_type, row.source_id))
        if twin is None:
            row.person = survivor
            row.save(update_fields=["person"])
            continue
        # Both records were in the same activity: keep one row, with every flag either had.
        for flag in FLAG_FIELDS:
            setattr(twin, flag, getattr(twin, flag) or getattr(row, flag))
        twin.save()
        row.delete()
