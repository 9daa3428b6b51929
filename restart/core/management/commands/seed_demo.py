"""Demo data for `make run`: safe to run again, it only adds what is missing."""

from django.core.management.base import BaseCommand
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role, roles_sync
from restart.infopoint.demo import seed_infopoint
from restart.knowledge.demo import seed_articles
from restart.people.demo import seed_people
from restart.staff.models import User

DEMO_PASSWORD = "restart-demo-2026"

DEMO_STAFF = [
    ("manager@restart.example", "Magdalena Nowak", "pl", [Role.MANAGER]),
    ("consultant@restart.example", "Olena Kovalenko", "uk", [Role.CONSULTANT]),
    ("teacher@restart.example", "Katarzyna Wiśniewska", "pl", [Role.TEACHER]),
    ("coordinator@restart.example", "Tomasz Zieliński", "pl", [Role.COORDINATOR]),
    ("employer@restart.example", "Piotr Kaczmarek", "pl", [Role.EMPLOYER]),
]


class Command(BaseCommand):
    help = "Create demo staff (one per role, with two-factor devices) and demo people; idempotent."

    @transaction.atomic
    def handle(self, *args, **options):
        roles_sync()
        created = 0
        for email, name, language, roles in DEMO_STAFF:
            user, was_created = User.objects.get_or_create(
                email=email, defaults={"full_name": name, "language": language}
            )
            if was_created:
                user.set_password(DEMO_PASSWORD)
                user.is_staff = Role.MANAGER in roles
                user.save()
                user.groups.add(*_groups(roles))
                created += 1
        self.stdout.write(f"Demo staff: {created} created, {len(DEMO_STAFF) - created} already there.")
        self.stdout.write(f"Demo people: {seed_people()} created.")
        self.stdout.write(f"Demo information point: {seed_infopoint(password=DEMO_PASSWORD)}.")
        self.stdout.write(f"Demo knowledge base: {seed_articles()}.")
        # Every demo login gets an authenticator; `manage.py otp_code EMAIL` prints its code.
        for user in User.objects.filter(email__endswith="@restart.example", totpdevice__isnull=True):
            TOTPDevice.objects.create(user=user, name="demo", confirmed=True)


def _groups(roles):
    from django.contrib.auth.models import Group

    return Group.objects.filter(name__in=[role.value for role in roles])
