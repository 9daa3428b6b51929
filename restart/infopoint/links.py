"""The private manage link of a booking: signed, bound to a per-booking secret, 120 days."""

import datetime

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import constant_time_compare, salted_hmac

from restart.infopoint.models import Consultation

MANAGE_SALT = "restart.infopoint.manage"
MANAGE_MAX_AGE = 120 * 24 * 3600


def manage_token(consultation: Consultation) -> str:
    return signing.dumps({"c": consultation.pk, "s": consultation.manage_secret}, salt=MANAGE_SALT, compress=True)


def consultation_from_token(token: str) -> Consultation | None:
    """The booking a manage link points to, or None for a tampered, expired or unknown link."""
    try:
        data = signing.loads(token, salt=MANAGE_SALT, max_age=MANAGE_MAX_AGE)
        consultation = Consultation.objects.select_related("person", "slot").get(pk=int(data["c"]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, Consultation.DoesNotExist):
        return None
    return consultation if consultation.manage_secret == data["s"] else None


def manage_url(consultation: Consultation, request: HttpRequest | None = None) -> str:
    with translation.override(consultation.person.preferred_language):
        path = reverse("infopoint:manage", kwargs={"token": manage_token(consultation)})
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


# A short form of the same link for SMS, where every character costs: "/b/<number>-<16 hex>".
# The code is an HMAC of the booking's own secret, so it is unguessable and dies with the
# secret; it stops working a month after the consultation.
SHORT_VALID_AFTER = datetime.timedelta(days=30)


def short_code(consultation: Consultation) -> str:
    digest = salted_hmac(MANAGE_SALT, f"{consultation.pk}:{consultation.manage_secret}").hexdigest()[:16]
    return f"{consultation.pk}-{digest}"


def consultation_from_short_code(code: str) -> Consultation | None:
    number, _dash, _digest = code.partition("-")
    consultation = (
        Consultation.objects.select_related("person").filter(pk=int(number)).first() if number.isdigit() else None
    )
    if consultation is None or not constant_time_compare(short_code(consultation), code):
        return None
    if consultation.starts_at + SHORT_VALID_AFTER < timezone.now():
        return None
    return consultation


def short_manage_url(consultation: Consultation) -> str:
    return settings.SITE_URL + reverse("manage_short", kwargs={"code": short_code(consultation)})
