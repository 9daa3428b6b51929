"""The private manage link of a booking: signed, bound to a per-booking secret, 120 days."""

import datetime

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone, translation

from restart.core import private_links
from restart.core.private_links import link_token, object_from_short_code, object_from_token
from restart.infopoint.models import Consultation

MANAGE_SALT = "restart.infopoint.manage"
MANAGE_MAX_AGE = 120 * 24 * 3600


def manage_token(consultation: Consultation) -> str:
    return link_token(consultation, salt=MANAGE_SALT, key="c")


def consultation_from_token(token: str) -> Consultation | None:
    """The booking a manage link points to, or None for a tampered, expired or unknown link."""
    bookings = Consultation.objects.select_related("person", "slot")
    return object_from_token(bookings, token, salt=MANAGE_SALT, key="c", max_age=MANAGE_MAX_AGE)


def manage_url(consultation: Consultation, request: HttpRequest | None = None) -> str:
    with translation.override(consultation.person.preferred_language):
        path = reverse("infopoint:manage", kwargs={"token": manage_token(consultation)})
    return request.build_absolute_uri(path) if request else settings.SITE_URL + path


# A short form of the same link for SMS, where every character costs: "/b/<number>-<16 hex>".
# The code is an HMAC of the booking's own secret, so it is unguessable and dies with the
# secret; it stops working a month after the consultation.
SHORT_VALID_AFTER = datetime.timedelta(days=30)


def short_code(consultation: Consultation) -> str:
    return private_links.short_code(consultation, salt=MANAGE_SALT)


def consultation_from_short_code(code: str) -> Consultation | None:
    consultation = object_from_short_code(Consultation.objects.select_related("person"), code, salt=MANAGE_SALT)
    if consultation is None:
        return None
    if consultation.starts_at + SHORT_VALID_AFTER < timezone.now():
        return None
    return consultation


def short_manage_url(consultation: Consultation) -> str:
    return settings.SITE_URL + reverse("manage_short", kwargs={"code": short_code(consultation)})
