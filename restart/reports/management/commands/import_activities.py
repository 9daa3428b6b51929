"""python manage.py import_activities FILE.csv|FILE.xlsx [--partial] — columns in docs/import.md."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from restart.people.services.importing import ImportFileError, rows_from_path
from restart.reports.activities import COLUMNS, REQUIRED, activities_import


class Command(BaseCommand):
    help = "Import past activities into the ledger from a CSV (UTF-8) or XLSX file; all or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partial", action="store_true", help="Write the valid rows even if others fail.")

    def handle(self, *args, file: str, partial: bool, **options):
        try:
            rows = rows_from_path(file, columns=COLUMNS, required=REQUIRED)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = activities_import(rows=rows, partial=partial, by=None, file_name=Path(file).name)
        for line, message in report.errors:
            self.stdout.write(_("Line %(line)s: %(message)s") % {"line": line, "message": message})
        summary = _("%(written)s activities written, %(errors)s errors, of %(total)s rows") % {
            "written": report.written, "errors": len(report.errors), "total": report.total}  # fmt: skip
        if not report.written:
            raise CommandError(_("Nothing written (%(summary)s). Correct the rows or use --partial.")
                               % {"summary": summary})  # fmt: skip
        self.stdout.write(self.style.SUCCESS(summary))
