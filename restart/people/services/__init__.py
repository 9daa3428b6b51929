"""Every write to people, organisations, consents and the participation ledger."""

import datetime

from django.db import models, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.people import ledger
from restart.people.choices import NOT_KNOWN_YET, AgeBand
from restart.people.models import Consent, Organization, Participation, Person, ResidenceStatus, Sex
from restart.people.names import name_key, similar_names
from restart.people.rules import person_check

PERSON_FIELDS = (
    "full_name", "given_name", "family_name", "email", "phone", "preferred_language", "languages_spoken",
    "citizenship", "second_citizenship", "birth_date", "sex", "residence_status", "residence_valid_until",
    "municipality", "region", "target_group", "organization", "refused", "notes",
)  # fmt: skip


def refresh_derived(person: Person) -> None:
    names = " ".join(filter(None, [person.full_name, person.given_name, person.family_name]))
    person.search_key = " ".join(filter(None, [name_key(names), person.email.lower(), person.phone]))[:400]
    person.birth_year = person.birth_date.year if person.birth_date else person.birth_year
    person.email = person.email.strip().lower()


@transaction.atomic
def person_create(*, data: dict, by, request: HttpRequest | None = None, action: str = "person.create") -> Person:
    person = Person(**{field: value for field, value in data.items() if field in PERSON_FIELDS})
    person_check(person)
    refresh_derived(person)
    person.save()
    audit_record(actor=by, action=action, obj=person, request=request)
    return person


def person_for_contact(
    *, full_name: str, email: str, phone: str, language: str, action: str, target_group: str = ""
) -> Person:
    """Who is booking or registering without an account: the existing record only when the e-mail
    or phone AND the name match it; otherwise a new one.

    Anyone can type anyone's e-mail address: a booking must not attach itself (and what it says)
    to another person's record. A new record that shares an e-mail or phone with an existing one
    shows up in the registry's possible duplicates for a consultant to merge (docs/privacy.md).
    """
    known = Person.objects.filter(restricted_at__isnull=True, erased_at__isnull=True)
    contact = models.Q(pk__in=[])
    if email:
        contact |= models.Q(email__iexact=email)
    if phone:
        contact |= models.Q(phone=phone)
    for person in known.filter(contact).order_by("pk")[:20]:
        if similar_names(full_name, person.full_name):
            return person
    data = {"full_name": full_name, "email": email, "phone": phone, "preferred_language": language}
    if target_group:
        data["target_group"] = target_group
    return person_create(data=data, by=None, action=action)


@transaction.atomic
def person_update(*, person: Person, data: dict, by, request: HttpRequest | None = None) -> Person:
    # Compared with the stored row, not with the object passed in: a ModelForm has already copied
    # the posted values onto its instance, which made every edit look like "no change".
    person = Person.objects.select_for_update().get(pk=person.pk)
    changed = []
    for field, value in data.items():
        if field in PERSON_FIELDS and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if changed:
        person_check(person)
        refresh_derived(person)
        person.save()
        _ledger_completed(person)
        # Field names only: the audit trail must not become a second copy of the data.
        audit_record(actor=by, action="person.update", obj=person, request=request, details={"fields": changed})
    return person


def _ledger_completed(person: Person) -> None:
    """What the ledger did not know when an activity was recorded (a birth date, a sex, a
    citizenship given later) is filled in now, so that completing a record completes the report's
    breakdowns; what it knew is never rewritten (a closed period keeps its own figures besides)."""
    unknown = Q(eligibility_code__in=NOT_KNOWN_YET)
    for field, value in _UNKNOWN_IN_SNAPSHOT.items():
        unknown |= Q(**{field: value})
    rows = person.participations.select_for_update().filter(unknown)
    for row in rows:
        filled = _only_newly_known(row, ledger.snapshot(person, row.starts_on))
        if filled:
            _apply(row, {**filled, "snapshot_on": timezone.localdate()})
            row.save()


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
    source: models.Model,
    status: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    **flags: bool,
) -> Participation:
    """Write or update the ledger row of one person in one activity (docs/architecture.md).

    Modules call this inside their own service's transaction, so the ledger never disagrees
    with the module's state. The snapshot of the person is taken when the row is created and
    whenever its status changes; at other writes it only fills in what was not known before,
    so a correction of the person's record never rewrites what was counted.
    """
    unknown_flags = set(flags) - set(FLAG_FIELDS)
    if unknown_flags:
        raise TypeError(f"Unknown ledger flags: {sorted(unknown_flags)}")
    ends_on = ends_on or starts_on
    row = (
        Participation.objects.select_for_update()
        .filter(person=person, source_type=source._meta.label_lower, source_id=str(source.pk))
        .first()
    )
    fresh = ledger.snapshot(person, starts_on)
    if row is None or row.status != status:
        row = row or Participation(person=person, source_type=source._meta.label_lower, source_id=str(source.pk))
        _apply(row, {**fresh, "snapshot_on": timezone.localdate()})
    else:
        filled = _only_newly_known(row, fresh)
        _apply(row, {**filled, "snapshot_on": timezone.localdate()} if filled else {})
    row.kind, row.status, row.starts_on, row.ends_on = kind, status, starts_on, ends_on
    _apply(row, flags)
    row.save()
    return row


FLAG_FIELDS = (
    "language_course", "civic_orientation", "professional_guidance", "recognition_applied",
    "long_term_residence_applied", "found_helpful", "language_level_improved", "hired",
)  # fmt: skip

# Snapshot values that mean "not known when recorded"; a later write may fill them in.
_UNKNOWN_IN_SNAPSHOT = {
    "residence_status": ResidenceStatus.UNKNOWN, "sex": Sex.NOT_STATED, "age_band": AgeBand.UNKNOWN, "citizenship": "",
}  # fmt: skip


def _apply(row: Participation, values: dict) -> None:
    for field, value in values.items():
        setattr(row, field, value)


def _only_newly_known(row: Participation, fresh: dict) -> dict:
    filled = {
        field: fresh[field]
        for field, unknown in _UNKNOWN_IN_SNAPSHOT.items()
        if getattr(row, field) == unknown and field not in row.refused
    }
    if row.eligibility_code in NOT_KNOWN_YET:
        filled.update({key: fresh[key] for key in ("third_country_national", "eligible", "eligibility_code")})
    return filled


# What each action code these services write means in the audit trail (registered in apps.py).
AUDIT_ACTIONS = {
    "person.create_by_registration": gettext_lazy("%(object)s registered by signing up for an event"),
    "person.view": gettext_lazy("viewed the record of %(object)s"),
    "person.create": gettext_lazy("registered %(object)s"),
    "person.create_by_booking": gettext_lazy("%(object)s registered by booking a consultation"),
    "person.demo": gettext_lazy("demo record %(object)s created"),
    "person.import": gettext_lazy("imported %(object)s from a file"),
    "person.update": gettext_lazy("changed the record of %(object)s"),
    "person.merge": gettext_lazy("merged a duplicate into %(object)s"),
    "person.merged_into": gettext_lazy("%(object)s merged into another record"),
    "person.export": gettext_lazy("exported the data of %(object)s"),
    "person.restrict": gettext_lazy("restricted the processing of the data of %(object)s"),
    "person.lift_restriction": gettext_lazy("lifted the restriction on the data of %(object)s"),
    "person.erase": gettext_lazy("erased the personal data of %(object)s"),
    "consent.give": gettext_lazy("recorded a consent of %(object)s"),
    "consent.withdraw": gettext_lazy("recorded that %(object)s withdrew a consent"),
    "organization.create": gettext_lazy("added the organisation %(object)s"),
    "organization.update": gettext_lazy("changed the organisation %(object)s"),
}
