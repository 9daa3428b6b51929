"""The private manage link of a registration: signed, bound to the registration's own secret."""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from restart.registrations.models import Registration

MANAGE_SALT = "restart.registrations.manage"
MANAGE_MAX_AGE = 400 * 24 * 3600  # a series can run for a year


def manage_token(registration: Registration) -> str:
    return signing.dumps({"r": registration.pk, "s": registration.manage_secret}, salt=MANAGE_SALT, compress=True)


def registration_from_token(token: str) -> Registration | None:
    """The registration a link points to, or None for a tampered, expired or unknown link."""
    try:
        data = signing.loads(token, salt=MANAGE_SALT, max_age=MANAGE_MAX_AGE)
        registration = Registration.objects.select_related("person", "quota").get(pk=int(data["r"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, Registration.DoesNotExist):
        return None
    return registration if registration.manage_secret == data["s"] else None


def manage_url(registration: Registration, request: HttpRequest | None = None) -> str:
    with translation.override(registration.person.preferred_language):
        path = reverse("registrations:manage", kwargs={"token": manage_token(registration)})
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path
