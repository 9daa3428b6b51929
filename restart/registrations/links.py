"""The private manage link of a registration: signed, bound to the registration's own secret."""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac

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


# The SMS form of the link, where every character costs: "/r/<number>-<16 hex>". An HMAC of the
# registration's own secret: unguessable, and it dies with the secret.
def short_code(registration: Registration) -> str:
    digest = salted_hmac(MANAGE_SALT, f"{registration.pk}:{registration.manage_secret}").hexdigest()[:16]
    return f"{registration.pk}-{digest}"


def registration_from_short_code(code: str) -> Registration | None:
    number, _dash, _digest = code.partition("-")
    registration = (
        Registration.objects.select_related("person").filter(pk=int(number)).first() if number.isdigit() else None
    )
    if registration is None or not constant_time_compare(short_code(registration), code):
        return None
    return registration


def short_manage_url(registration: Registration) -> str:
    return settings.SITE_URL + reverse("registration_short", kwargs={"code": short_code(registration)})
