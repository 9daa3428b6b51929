from unittest import mock

import pytest
from django.core.management import call_command
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from restart.core.roles import Role
from restart.staff.models import User

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


@pytest.fixture(autouse=True)
def _plain_settings(settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.LANGUAGE_CODE = "pl"
    settings.MEDIA_ROOT = tmp_path / "media"  # uploads made by a test never land in var/


def make_staff(email: str, *roles: Role, password: str = "a-long-Passw0rd!", **fields) -> User:
    user = User.objects.create_user(email, password, full_name=fields.pop("full_name", email.split("@")[0]), **fields)
    from django.contrib.auth.models import Group

    user.groups.set(Group.objects.filter(name__in=[r.value for r in roles]))
    return user


def sign_in(client, user: User) -> None:
    """Signed in with password and a verified second factor, as after the real two steps."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test", confirmed=True
    )
    client.force_login(user, backend=MODEL_BACKEND)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def run_worker() -> None:
    """Run every queued background task to completion, as `manage.py db_worker` does.

    The worker closes "obsolete" connections between tasks; inside a test's transaction
    that would close the test's own connection, so that one call is held back here.
    """
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


@pytest.fixture
def manager(db):
    return make_staff("manager@example.org", Role.MANAGER, full_name="Maria Manager")


@pytest.fixture
def consultant(db):
    return make_staff("consultant@example.org", Role.CONSULTANT, full_name="Olena Consultant")


@pytest.fixture
def teacher(db):
    return make_staff("teacher@example.org", Role.TEACHER, full_name="Tadeusz Teacher")


@pytest.fixture
def manager_client(client, manager):
    sign_in(client, manager)
    return client
