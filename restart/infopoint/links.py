"""The private manage link of a booking: signed, bound to a per-booking secret, 120 days."""

from django.conf import settings
from django.core import signing
from django.http import HttpRequest
from django.urls import reverse
from django.utils import translation

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
