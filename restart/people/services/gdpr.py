"""Data-subject rights across every app: export, restriction, erasure, merge, retention.

The steps of each app come from the privacy registry (restart/core/privacy.py); this module
runs them in order, audits, and owns the people app's own steps (registered in apps.py).
"""

import csv
import datetime
import io
import json
import zipfile

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q, QuerySet
from django.db.models.functions import Coalesce, TruncDate
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from restart.core.audit import audit_record
from restart.core.errors import DomainError
from restart.core.models import AuditEvent
from restart.core.privacy import ExportSection, Identity, privacy_steps
from restart.core.spreadsheets import spreadsheet_cell
from restart.core.traces import audit_forget
from restart.people.models import Person

# --- Export (art. 15 and 20) ---


def person_export_sections(person: Person, *, viewer) -> list[ExportSection]:
    """Everything every app holds about the person, with readable labels in the person's language."""
    with translation.override(person.preferred_language):
        sections = [section for steps in privacy_steps() for section in steps.export(person, viewer)]
    return sorted(sections, key=lambda section: _READING_ORDER.get(section.key, 50))


# The person's own record first, what modules keep in the middle, who saw it last.
_READING_ORDER = {"person": 0, "consents": 1, "activities": 2, "access_log": 99}


@transaction.atomic
def person_export_record(*, person: Person, by, request: HttpRequest | None = None, fmt: str) -> list[ExportSection]:
    if person.is_erased:
        raise DomainError(gettext_lazy("This record was erased: there is nothing left to export."))
    sections = person_export_sections(person, viewer=by)
    audit_record(actor=by, action="person.export", obj=person, request=request, details={"format": fmt})
    return sections


def export_archive(person: Person, sections: list[ExportSection]) -> bytes:
    """A zip with data.json (every section) and one CSV per section, headers in the person's language."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(export_json(person, sections), ensure_ascii=False, indent=2))
        for section in sections:
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([label for _key, label in section.columns])
            for row in section.rows:
                writer.writerow([spreadsheet_cell(row.get(key, "")) for key, _label in section.columns])
            archive.writestr(f"{section.key}.csv", "\ufeff" + text.getvalue())  # BOM: spreadsheets read UTF-8
    return buffer.getvalue()


def export_json(person: Person, sections: list[ExportSection]) -> dict:
    return {
        "person": person.pk,
        "language": person.preferred_language,
        "generated_at": timezone.now().isoformat(),
        "sections": {
            section.key: {"title": section.title, "columns": dict(section.columns), "rows": section.rows}
            for section in sections
        },
    }


# --- Restriction ---


@transaction.atomic
def person_restrict(*, person: Person, reason: str, by, request: HttpRequest | None = None) -> Person:
    """Hide the person from every list and search; the record stays for the retention period."""
    if person.is_erased:
        raise DomainError(gettext_lazy("This record was erased: it cannot be restricted any more."))
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


# --- Erasure ---


def identity_of(person: Person) -> Identity:
    return Identity(person_id=person.pk, emails=tuple(filter(None, [person.email])),
                    phones=tuple(filter(None, [person.phone])))  # fmt: skip


@transaction.atomic
def person_erase(*, person: Person, by, request: HttpRequest | None = None) -> Person:
    """Pseudonymise the person and scrub every free text about them in every app; every figure
    counted on them stays the same (the ledger keeps its snapshots)."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.is_erased:
        raise DomainError(gettext_lazy("This record was already erased."))
    identity = identity_of(person)
    for steps in privacy_steps():
        steps.erase(person, identity, by, request)
    audit_record(actor=by, action="person.erase", obj=person, request=request)
    return person


# What the people app's own erasure wipes: everything that names or reaches the person.
ERASED_FIELDS = ("given_name", "family_name", "email", "phone", "languages_spoken", "municipality", "notes",
                 "restriction_reason")  # fmt: skip


def erase_person_record(person: Person, identity: Identity, by, request) -> None:
    """The people app's erase step: runs last, after every module has read what it needed."""
    for field in ERASED_FIELDS:
        setattr(person, field, "")
    person.full_name = f"#{person.pk}"
    person.birth_year = person.birth_date.year if person.birth_date else person.birth_year
    person.birth_date = None
    person.residence_valid_until = None
    person.organization = None
    person.search_key = ""
    person.erased_at = timezone.now()
    person.save()
    # The trail keeps every event about the record, and about records merged into it, without a name.
    merges = AuditEvent.objects.filter(action="person.merge", object_type="people.person", object_id=str(person.pk))
    merged = [event.details.get("merged") for event in merges]
    audit_forget(object_type="people.person", ids=[person.pk, *filter(None, merged)])


# --- Merge ---


def merge_refusal(survivor: Person, duplicate: Person) -> str | None:
    """Why two records may not be merged, in the reader's language, or None."""
    if survivor.pk == duplicate.pk:
        return _("A record cannot be merged with itself.")
    if survivor.is_erased or duplicate.is_erased:
        return _("An erased record cannot be merged.")
    if survivor.is_restricted or duplicate.is_restricted:
        return _("A restricted record cannot be merged. A manager must lift the restriction first.")
    return None


@transaction.atomic
def person_merge(*, survivor: Person, duplicate: Person, by, request: HttpRequest | None = None) -> Person:
    """Fold `duplicate` into `survivor` through every app's own merge step; blanks fill in."""
    locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[survivor.pk, duplicate.pk])}
    survivor, duplicate = locked.get(survivor.pk, survivor), locked.get(duplicate.pk, duplicate)
    refusal = merge_refusal(survivor, duplicate)
    if refusal:
        raise DomainError(refusal)
    for steps in privacy_steps():
        steps.merge(survivor, duplicate, by, request)
    return survivor


# --- Retention ---


def people_past_retention(*, now: datetime.datetime | None = None) -> QuerySet[Person]:
    """Not yet erased people whose last activity (or creation) is older than the retention period."""
    now = now or timezone.now()
    cutoff = (now - datetime.timedelta(days=365 * settings.PEOPLE_RETENTION_YEARS)).date()
    return (
        Person.objects.filter(erased_at__isnull=True)
        .annotate(last_seen=Coalesce(Max("participations__ends_on"), TruncDate("created_at")))
        .filter(Q(last_seen__lt=cutoff))
        .order_by("last_seen", "pk")
    )
