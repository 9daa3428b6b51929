"""Demo data for `make run`: safe to run again, it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from restart.core.demo import DEMO_PASSWORD, demo_steps


class Command(BaseCommand):
    help = "Create demo staff (one per role, with two-factor devices) and each app's demo data; idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        for step in demo_steps():
            self.stdout.write(f"{step.name}: {step.seed(password=DEMO_PASSWORD)}.")
