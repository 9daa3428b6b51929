import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from restart.jobfair.importer import ImportRefused, import_jobfair


class Command(BaseCommand):
    help = "Import employers, job offers and candidate profiles from a JSON file (docs/jobfair-import.md)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: {error}") from error
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}"
            raise CommandError(f"{file}: not valid JSON at {where}: {error.msg}") from error
        try:
            report = import_jobfair(data)
        except ImportRefused as refused:
            for line in refused.report.errors:
                self.stderr.write(line)
            raise CommandError(f"Nothing imported: {len(refused.report.errors)} problem(s) in {file}.") from refused
        self.stdout.write(f"Imported {file}: {report.summary()}.")
