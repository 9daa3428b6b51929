"""Importing people from CSV or Excel: every row checked by the same form staff use.

Nothing is written unless every row is valid (or `partial` is asked for); people who already
exist are reported, not created twice. Column reference: docs/import.md.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from restart.people.forms import PersonForm
from restart.people.models import Person
from restart.people.names import name_key
from restart.people.services import person_create

COLUMNS = (
    "full_name", "given_name", "family_name", "email", "phone", "preferred_language", "languages_spoken",
    "citizenship", "second_citizenship", "birth_date", "sex", "residence_status", "residence_valid_until",
    "municipality", "region", "target_group", "refused", "notes",
)  # fmt: skip
REQUIRED_COLUMNS = ("full_name",)
DEFAULTS = {"preferred_language": "uk", "sex": "not_stated", "residence_status": "unknown",
            "region": "lower_silesia", "target_group": "tcn"}  # fmt: skip


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is translated and says why."""


@dataclass
class ImportReport:
    total: int = 0
    created: list[Person] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)
    duplicates: list[tuple[int, str]] = field(default_factory=list)
    written: bool = False


def read_rows(content: bytes, filename: str, *, columns: tuple = COLUMNS,
              required: tuple = REQUIRED_COLUMNS) -> list[tuple[int, dict]]:  # fmt: skip
    """(line number, {column: text}) for each data row; line numbers as a spreadsheet shows them.
    `columns` and `required` are the people's unless another import (past activities) says."""
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(content)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(content)
    else:
        raise ImportFileError(_("Only .csv and .xlsx files can be imported."))
    if not rows:
        raise ImportFileError(_("The file is empty."))
    header = [str(cell or "").strip().lower() for cell in rows[0]]
    missing = [column for column in required if column not in header]
    if missing:
        raise ImportFileError(_("Required column missing: %(columns)s.") % {"columns": ", ".join(missing)})
    unknown = [column for column in header if column and column not in columns]
    if unknown:
        raise ImportFileError(_("Unknown column: %(columns)s.") % {"columns": ", ".join(unknown)})
    data = []
    for offset, cells in enumerate(rows[1:], start=2):
        values = {column: _text(cell) for column, cell in zip(header, cells, strict=False) if column}
        if any(values.values()):
            data.append((offset, values))
    if not data:
        raise ImportFileError(_("The file has a header but no rows."))
    return data


MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def rows_from_upload(upload, **columns) -> list[tuple[int, dict]]:
    """An uploaded file's rows (the upload pages of people and of past activities)."""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImportFileError(_("The file is larger than 20 MB. Split it into smaller files."))
    return read_rows(upload.read(), upload.name, **columns)


def rows_from_path(file: str, **columns) -> list[tuple[int, dict]]:
    """A file's rows (the import commands)."""
    path = Path(file)
    if not path.is_file():
        raise ImportFileError(f"{file}: no such file")
    return read_rows(path.read_bytes(), path.name, **columns)


def _csv_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not in UTF-8. In your spreadsheet, save it as “CSV UTF-8” and try again.")
        ) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return list(csv.reader(io.StringIO(text), dialect))


def _xlsx_rows(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError(_("The Excel file cannot be read. Is it a real .xlsx file?")) from exc
    rows = [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
    workbook.close()
    return rows


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _form_data(values: dict) -> dict:
    data = {**DEFAULTS, **{key: value for key, value in values.items() if value}}
    for key in ("citizenship", "second_citizenship"):
        data[key] = data.get(key, "").upper()
    data["refused"] = [item.strip() for item in data.get("refused", "").replace(";", ",").split(",") if item.strip()]
    return data


class _KnownPeople:
    """Who exists already (and who earlier rows added), to spot duplicates without a query per row."""

    def __init__(self):
        self.emails, self.phones, self.births = {}, {}, {}
        for pk, full_name, email, phone, birth in Person.objects.filter(erased_at__isnull=True).values_list(
            "pk", "full_name", "email", "phone", "birth_date"
        ):
            self.add(f"#{pk} {full_name}", email, phone, birth, full_name)

    def add(self, label, email, phone, birth, full_name):
        if email:
            self.emails[email.lower()] = label
        if phone:
            self.phones[phone] = label
        if birth:
            self.births.setdefault(birth, []).append((name_key(full_name), label))

    def find(self, email, phone, birth, full_name) -> str | None:
        if email and email.lower() in self.emails:
            return self.emails[email.lower()]
        if phone and phone in self.phones:
            return self.phones[phone]
        key = set(name_key(full_name).split())
        for other_key, label in self.births.get(birth, []):
            if set(other_key.split()) == key:
                return label
        return None


def people_import(
    *, rows: list[tuple[int, dict]], partial: bool, by, request=None, progress: Callable[[int, int], None] | None = None
) -> ImportReport:
    report = ImportReport(total=len(rows))
    known = _KnownPeople()
    valid = []
    for index, (line, values) in enumerate(rows, start=1):
        form = PersonForm(data=_form_data(values))
        if not form.is_valid():
            for column, messages in form.errors.items():
                for message in messages:
                    report.errors.append((line, f"{column}: {message}" if column != "__all__" else message))
        else:
            data = form.person_data()
            twin = known.find(data["email"], data["phone"], data["birth_date"], data["full_name"])
            if twin:
                report.duplicates.append((line, twin))
            else:
                known.add(_("line %(line)s") % {"line": line}, data["email"], data["phone"], data["birth_date"],
                          data["full_name"])  # fmt: skip
                valid.append(data)
        if progress:
            progress(index, len(rows))
    if report.errors and not partial:
        return report
    with transaction.atomic():
        for data in valid:
            report.created.append(person_create(data=data, by=by, request=request, action="person.import"))
    report.written = True
    return report
