"""The people app's own privacy steps: the person's record, consents, activities, access log.

Registered in apps.py with order 1000, so they run after every module's steps: a module's
erase step still reads the person's name and contacts, and a merge moves the module's
records before the duplicate is deleted here.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from restart.core.audit import audit_action_sentence, audit_record
from restart.core.i18n import language_name
from restart.core.models import AuditEvent
from restart.core.privacy import ExportSection, PrivacySteps
from restart.people import ledger
from restart.people.eligibility import citizenship_label
from restart.people.models import SENSITIVE_FIELDS, Consent, Participation, Person
from restart.people.services import FLAG_FIELDS, PERSON_FIELDS, refresh_derived
from restart.people.services.gdpr import erase_person_record


def readable_date(value) -> str:
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def readable_datetime(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def export_person(person: Person, viewer) -> list[ExportSection]:
    return [_details(person), _consents(person), _activities(person, viewer), _access_log(person)]


def _details(person: Person) -> ExportSection:
    assessment = person.assess()
    refused = [Person._meta.get_field(item).verbose_name for item in SENSITIVE_FIELDS if person.has_refused(item)]
    items = [
        (_("Full name"), person.full_name),
        (_("Given name"), person.given_name),
        (_("Family name"), person.family_name),
        (_("E-mail address"), person.email),
        (_("Phone"), person.phone),
        (_("Preferred language"), language_name(person.preferred_language)),
        (_("Languages spoken"), person.languages_spoken),
        (_("Citizenship"), ", ".join(citizenship_label(code) for code in person.citizenships)),
        (_("Date of birth"), readable_date(person.birth_date) or (str(person.birth_year or ""))),
        (_("Sex"), person.get_sex_display()),
        (_("Residence status"), person.get_residence_status_display()),
        (_("Residence valid until"), readable_date(person.residence_valid_until)),
        (_("Municipality"), person.municipality),
        (_("Region"), person.get_region_display()),
        (_("Target group"), person.get_target_group_display()),
        (_("Organisation"), person.organization.name if person.organization else ""),
        (_("Refused to answer"), ", ".join(str(label) for label in refused)),
        (_("Notes"), person.notes),
        (_("Eligibility"), assessment.reason),
        (_("Record created"), readable_datetime(person.created_at)),
        (_("Processing restricted on"), readable_datetime(person.restricted_at)),
    ]
    return ExportSection(
        key="person",
        title=_("Your details"),
        columns=[("item", _("Item")), ("value", _("Value"))],
        rows=[{"item": str(label), "value": str(value or "—")} for label, value in items],
    )


def _consents(person: Person) -> ExportSection:
    return ExportSection(
        key="consents",
        title=_("Consents"),
        columns=[("purpose", _("Purpose")), ("version", _("Version of the text")), ("given", _("Given on")),
                 ("withdrawn", _("Withdrawn on"))],
        rows=[
            {"purpose": consent.get_purpose_display(), "version": consent.text_version,
             "given": readable_datetime(consent.given_at), "withdrawn": readable_datetime(consent.withdrawn_at)}
            for consent in person.consents.all()
        ],
    )


def _activities(person: Person, viewer) -> ExportSection:
    rows = list(person.participations.all())
    labels = ledger.source_labels(rows, user=viewer)
    return ExportSection(
        key="activities",
        title=_("Activities"),
        columns=[("starts_on", _("From")), ("ends_on", _("To")), ("kind", _("Kind")), ("activity", _("Activity")),
                 ("status", _("Status"))],
        rows=[
            {"starts_on": readable_date(row.starts_on), "ends_on": readable_date(row.ends_on),
             "kind": row.get_kind_display(), "activity": getattr(labels.get((row.source_type, row.source_id)),
                                                                 "title", ""),
             "status": row.get_status_display()}
            for row in rows
        ],
    )


def _access_log(person: Person) -> ExportSection:
    events = (
        AuditEvent.objects.filter(object_type=Person._meta.label_lower, object_id=str(person.pk))
        .select_related("actor")
        .order_by("at")
    )
    return ExportSection(
        key="access_log",
        title=_("Who saw or changed the record"),
        columns=[("at", _("When")), ("who", _("Who")), ("what", _("What"))],
        rows=[
            {"at": readable_datetime(event.at), "who": event.actor.full_name if event.actor else _("the system"),
             "what": audit_action_sentence(event.action, person.full_name) or event.action}
            for event in events
        ],
    )


def merge_person(survivor: Person, duplicate: Person, by, request) -> None:
    """Ledger rows (twins folded), consents, blank fields filled in; then the duplicate goes."""
    _merge_participations(survivor, duplicate)
    for consent in Consent.objects.filter(person=duplicate):
        consent.person = survivor
        consent.save(update_fields=["person"])
    for field in PERSON_FIELDS:
        fillable = field != "refused" and _is_blank(field, getattr(survivor, field))
        if fillable and not _is_blank(field, getattr(duplicate, field)):
            setattr(survivor, field, getattr(duplicate, field))
    survivor.refused = [item for item in survivor.refused if _is_blank(item, getattr(survivor, item, None))]
    refresh_derived(survivor)
    survivor.save()
    audit_record(actor=by, action="person.merge", obj=survivor, request=request, details={"merged": duplicate.pk})
    audit_record(actor=by, action="person.merged_into", obj=duplicate, request=request, details={"into": survivor.pk})
    duplicate.delete()


# Values that mean "nobody said": a merge may fill them from the other record.
_UNSAID = {"sex": "not_stated", "residence_status": "unknown", "region": "unknown"}

_STATUS_RANK = [
    Participation.Status.CANCELLED, Participation.Status.WAITLISTED, Participation.Status.REGISTERED,
    Participation.Status.ABSENT, Participation.Status.ATTENDED,
]

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
        # Both records were in the same activity: one row, the furthest status, every flag either had.
        for flag in FLAG_FIELDS:
            setattr(twin, flag, getattr(twin, flag) or getattr(row, flag))
        twin.status = max(twin.status, row.status, key=_STATUS_RANK.index)
        twin.save()
        row.delete()


PEOPLE_STEPS = PrivacySteps(
    app_label="people", export=export_person, erase=erase_person_record, merge=merge_person, order=1000
)
