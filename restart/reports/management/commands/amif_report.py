"""`manage.py amif_report --from YYYY-MM-DD --to YYYY-MM-DD --format json|xlsx|pdf [--output FILE]`
(DESIGN.md §7): the funder's indicators for a period, as JSON (labels in --language), an XLSX
workbook or a PDF in Polish. Without --output the file goes to standard output."""

import datetime
import json
import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from restart.reports.exports import report_pdf, report_xlsx
from restart.reports.indicators import amif_report


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"Not a date in the form YYYY-MM-DD: {text!r}") from None


class Command(BaseCommand):
    help = "The AMIF indicators for a period, as JSON, XLSX or PDF."

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--to", dest="end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--format", choices=["json", "xlsx", "pdf"], default="json")
        parser.add_argument("--output", help="Write here instead of standard output.")
        parser.add_argument("--language", default=settings.LANGUAGE_CODE, help="Labels of the JSON and XLSX.")

    def handle(self, *args, start, end, format, output, language, **options):
        start, end = _date(start), _date(end)
        if end < start:
            raise CommandError("--to is before --from.")
        report = amif_report(start=start, end=end, language=language)
        if format == "json" and not output:
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2))
            return
        if format == "json":
            data = (json.dumps(report, ensure_ascii=False, indent=2) + "\n").encode()
        elif format == "xlsx":
            data = report_xlsx(report, language=language)
        else:
            data = report_pdf(report)
        if output:
            Path(output).write_bytes(data)
            self.stderr.write(f"Written: {output}")
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
