"""List people past the retention period; with --apply, erase (pseudonymise) them."""

from django.conf import settings
from django.core.management.base import BaseCommand

from restart.people.services.gdpr import people_past_retention, person_erase


class Command(BaseCommand):
    help = "List people whose last activity is older than PEOPLE_RETENTION_YEARS; --apply erases them."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Erase the people listed.")

    def handle(self, *args, apply: bool, **options):
        people = list(people_past_retention())
        for person in people:
            self.stdout.write(f"#{person.pk}\t{person.last_seen}\t{person.full_name}")
        years = settings.PEOPLE_RETENTION_YEARS
        if not apply:
            self.stdout.write(f"{len(people)} people past the {years}-year retention period (use --apply to erase).")
            return
        for person in people:
            person_erase(person=person, by=None)
        self.stdout.write(self.style.SUCCESS(f"{len(people)} people erased."))
