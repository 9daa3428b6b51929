"""python manage.py import_articles FILE.jsonl — one article per line, idempotent by slug."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from restart.knowledge.services import articles_import


class Command(BaseCommand):
    help = 'Import articles: {"slug", "topic", "translations": {"pl": {"title","summary","body"}, ...}} per line.'

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--draft", action="store_true", help="Import as drafts instead of publishing.")

    def handle(self, *args, file: str, draft: bool, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise CommandError(f"{file}: not UTF-8") from exc
        report = articles_import(lines=lines, publish=not draft)
        for number, message in report.errors:
            self.stdout.write(_("Line %(line)s: %(message)s") % {"line": number, "message": message})
        if report.errors:
            raise CommandError(f"Nothing imported: {len(report.errors)} errors.")
        self.stdout.write(self.style.SUCCESS(f"{report.created} created, {report.updated} updated."))
