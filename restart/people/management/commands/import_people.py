"""python manage.py import_people FILE.csv|FILE.xlsx [--partial] — columns in docs/import.md."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from restart.people.services.importing import ImportFileError, people_import, rows_from_path


class Command(BaseCommand):
    help = "Import people from a CSV (UTF-8) or XLSX file; nothing is written if any row is invalid."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--partial", action="store_true", help="Write the valid rows even if others fail.")

    def handle(self, *args, file: str, partial: bool, **options):
        try:
            rows = rows_from_path(file)
        except ImportFileError as error:
            raise CommandError(str(error)) from error
        report = people_import(rows=rows, partial=partial, by=None, progress=self._progress)
        self.stderr.write("")
        for line, message in report.errors:
            self.stdout.write(_("Line %(line)s: %(message)s") % {"line": line, "message": message})
        for line, existing in report.duplicates:
            self.stdout.write(_("Line %(line)s: same person as %(existing)s") % {"line": line, "existing": existing})
        summary = _("%(created)s created, %(duplicates)s already registered, %(errors)s with errors, of %(total)s") % {
            "created": len(report.created),
            "duplicates": len(report.duplicates),
            "errors": len(report.errors),
            "total": report.total,
        }
        if not report.written:
            raise CommandError(
                _("Nothing written (%(summary)s). Correct the rows or use --partial.") % {"summary": summary}
            )
        self.stdout.write(self.style.SUCCESS(summary))

    def _progress(self, done: int, total: int) -> None:
        """A text progress bar on stderr, redrawn every 100 rows."""
        if done % 100 and done != total:
            return
        filled = 30 * done // total
        self.stderr.write(f"\rchecking [{'#' * filled}{'-' * (30 - filled)}] {done}/{total}", ending="")
        self.stderr.flush()
