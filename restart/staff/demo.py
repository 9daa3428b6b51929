"""Demo staff: one login per role, and an authenticator for every demo login."""

from django.contrib.auth.models import Group
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role, roles_sync
from restart.staff.models import User

DEMO_STAFF = [
    ("manager@restart.example", "Magdalena Nowak", "pl", [Role.MANAGER]),
    ("consultant@restart.example", "Olena Kovalenko", "uk", [Role.CONSULTANT]),
    ("teacher@restart.example", "Katarzyna Wiśniewska", "pl", [Role.TEACHER]),
    ("coordinator@restart.example", "Tomasz Zieliński", "pl", [Role.COORDINATOR]),
    ("employer@restart.example", "Piotr Kaczmarek", "pl", [Role.EMPLOYER]),
]


@transaction.atomic
def seed_staff(*, password: str) -> str:
    roles_sync()
    created = 0
    for email, name, language, roles in DEMO_STAFF:
        user, was_created = User.objects.get_or_create(email=email, defaults={"full_name": name, "language": language})
        if was_created:
            user.set_password(password)
            user.is_staff = Role.MANAGER in roles
            user.save()
            user.groups.add(*Group.objects.filter(name__in=[role.value for role in roles]))
            created += 1
    return f"{created} created, {len(DEMO_STAFF) - created} already there"


@transaction.atomic
def seed_authenticators(*, password: str) -> str:
    """Every demo login (modules add some, such as the specialists) gets an authenticator;
    `manage.py otp_code EMAIL` prints its code."""
    users = User.objects.filter(email__endswith="@restart.example", totpdevice__isnull=True)
    count = 0
    for user in users:
        TOTPDevice.objects.create(user=user, name="demo", confirmed=True)
        count += 1
    return f"{count} created"
