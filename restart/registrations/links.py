"""The private manage link of a registration: signed, bound to the registration's own secret."""

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

from restart.core import private_links
from restart.core.private_links import link_token, object_from_short_code, object_from_token
from restart.registrations.models import Registration

MANAGE_SALT = "restart.registrations.manage"
MANAGE_MAX_AGE = 400 * 24 * 3600  # a series can run for a year


def manage_token(registration: Registration) -> str:
    return link_token(registration, salt=MANAGE_SALT, key="r")


def registration_from_token(token: str) -> Registration | None:
    """The registration a link points to, or None for a tampered, expired or unknown link."""
    registrations = Registration.objects.select_related("person", "quota")
    return object_from_token(registrations, token, salt=MANAGE_SALT, key="r", max_age=MANAGE_MAX_AGE)


def manage_url(registration: Registration, request: HttpRequest | None = None) -> str:
    with translation.override(registration.person.preferred_language):
        path = reverse("registrations:manage", kwargs={"token": manage_token(registration)})
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


# The SMS form of the link, where every character costs: "/r/<number>-<16 hex>".
def short_code(registration: Registration) -> str:
    return private_links.short_code(registration, salt=MANAGE_SALT)


def registration_from_short_code(code: str) -> Registration | None:
    return object_from_short_code(Registration.objects.select_related("person"), code, salt=MANAGE_SALT)


def short_manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("registration_short", kwargs={"code": short_code(registration)})
