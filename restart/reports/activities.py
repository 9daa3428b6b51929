"""Past activities from a spreadsheet into the ledger (`manage.py import_activities`, the upload
page; columns in docs/import.md): every row checked, line-numbered errors, all or nothing unless
`partial`. Each row becomes a ledger row whose source is the imported activity, with the person's
eligibility as their record says it at import time (the ledger's own snapshot)."""

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from restart.core.audit import audit_record
from restart.core.phones import normalise_phone
from restart.courses.models import Level, improved_by_a_whole_level
from restart.people.models import Participation, Person
from restart.people.services import participation_record
from restart.reports.models import ActivityImport, ImportedActivity

FLAGS = ("language_course", "civic_orientation", "professional_guidance", "recognition_applied",
         "long_term_residence_applied", "found_helpful")  # fmt: skip
COLUMNS = ("email", "phone", "kind", "title", "start_date", "end_date", "status", *FLAGS, "entry_level", "exit_level")
REQUIRED = ("kind", "title", "start_date", "status")
KINDS = ("consultation", "course", "event", "job_fair")
STATUSES = ("attended", "absent", "cancelled", "registered")
# "A2+", "a2+", "pre-A1", "A2 plus" -> the courses' codes.
LEVELS = {label.lower().replace(" ", ""): value for value, label in Level.choices}


@dataclass
class ActivityImportReport:
    total: int = 0
    written: int = 0
    errors: list[tuple[int, str]] = field(default_factory=list)
    batch: ActivityImport | None = None


def _people() -> tuple[dict, dict]:
    emails, phones = {}, {}
    for pk, email, phone in Person.objects.filter(erased_at__isnull=True).values_list("pk", "email", "phone"):
        if email:
            emails[email.lower()] = pk
        if phone:
            phones[phone] = pk
    return emails, phones


def _date(text: str) -> datetime.date | None:
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _check(values: dict, emails: dict, phones: dict) -> tuple[dict | None, list[str]]:
    """The row as the ledger will get it, or the reasons it cannot be."""
    errors = []
    email, phone = values.get("email", "").lower(), values.get("phone", "")
    person = emails.get(email) if email else None
    if person is None and phone:
        person = phones.get(normalise_phone(phone))
    if person is None:
        errors.append(_("No registered person has this e-mail or phone; import the people first."))
    kind, status, title = values.get("kind", "").lower(), values.get("status", "").lower(), values.get("title", "")
    if kind not in KINDS:
        errors.append(_("kind: one of %(values)s.") % {"values": ", ".join(KINDS)})
    if status not in STATUSES:
        errors.append(_("status: one of %(values)s.") % {"values": ", ".join(STATUSES)})
    if not title or len(title) > 200:
        errors.append(_("title: give the activity's title (at most 200 characters)."))
    starts_on = _date(values.get("start_date", ""))
    ends_on = _date(values["end_date"]) if values.get("end_date") else starts_on
    if starts_on is None:
        errors.append(_("start_date: a date such as 2026-03-01 or 01.03.2026."))
    elif ends_on is None or ends_on < starts_on:
        errors.append(_("end_date: a date not before start_date."))
    flags = {}
    for flag in FLAGS:
        text = values.get(flag, "")
        if text not in ("", "0", "1"):
            errors.append(_("%(column)s: 1, 0 or empty.") % {"column": flag})
        flags[flag] = text == "1"
    levels = {}
    for column in ("entry_level", "exit_level"):
        text = values.get(column, "").lower().replace(" ", "").replace("plus", "+")
        levels[column] = LEVELS.get(text, "") if text else ""
        if text and not levels[column]:
            errors.append(_("%(column)s: a CEFR level such as pre-A1, A1, A2+ or B1.") % {"column": column})
    if (levels["entry_level"] or levels["exit_level"]) and kind != "course":
        errors.append(_("Entry and exit levels are for language courses (kind: course)."))
    if errors:
        return None, errors
    return {"person": person, "kind": kind, "status": status, "title": title, "starts_on": starts_on,
            "ends_on": ends_on, "flags": flags, **levels,
            "improved": improved_by_a_whole_level(levels["entry_level"], levels["exit_level"])}, []  # fmt: skip


@transaction.atomic
def activities_import(*, rows: list[tuple[int, dict]], partial: bool, by, file_name: str = "",
                      request=None) -> ActivityImportReport:  # fmt: skip
    report = ActivityImportReport(total=len(rows))
    emails, phones = _people()
    valid = []
    for line, values in rows:
        checked, errors = _check(values, emails, phones)
        report.errors += [(line, error) for error in errors]
        if checked:
            valid.append((line, checked))
    if (report.errors and not partial) or not valid:
        return report
    batch = ActivityImport.objects.create(file_name=file_name[:200], imported_by=by, rows=len(valid))
    people = Person.objects.in_bulk([item["person"] for _line, item in valid])
    for line, item in valid:
        activity = ImportedActivity.objects.create(batch=batch, line=line, person_id=item["person"], kind=item["kind"],
                                                   title=item["title"], entry_level=item["entry_level"],
                                                   exit_level=item["exit_level"])  # fmt: skip
        participation_record(person=people[item["person"]], kind=item["kind"], source=activity,
                             status=Participation.Status(item["status"]), starts_on=item["starts_on"],
                             ends_on=item["ends_on"], language_level_improved=item["improved"],
                             **item["flags"])  # fmt: skip
    audit_record(actor=by, action="reports.import_activities", obj=batch, request=request,
                 details={"rows": len(valid), "errors": len(report.errors)})  # fmt: skip
    report.written, report.batch = len(valid), batch
    return report
