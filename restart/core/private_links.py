"""Private links to one booking or registration, for the person who made it, without an account.

The object carries its own secret (`manage_secret`): a link is a signed token of its number and
secret (for mails), or a short code — its number and an HMAC of the secret (for SMS, where every
character costs). Both die with the secret; a tampered, expired or unknown link finds nothing.
"""

from django.core import signing
from django.db.models import Model, QuerySet
from django.utils.crypto import constant_time_compare, salted_hmac


def link_token(obj: Model, *, salt: str, key: str) -> str:
    return signing.dumps({key: obj.pk, "s": obj.manage_secret}, salt=salt, compress=True)


def object_from_token(objects: QuerySet, token: str, *, salt: str, key: str, max_age: int) -> Model | None:
    try:
        data = signing.loads(token, salt=salt, max_age=max_age)
        obj = objects.get(pk=int(data[key]))
    except (signing.BadSignature, KeyError, TypeError, ValueError, objects.model.DoesNotExist):
        return None
    return obj if constant_time_compare(obj.manage_secret, str(data.get("s"))) else None


def short_code(obj: Model, *, salt: str) -> str:
    digest = salted_hmac(salt, f"{obj.pk}:{obj.manage_secret}").hexdigest()[:16]
    return f"{obj.pk}-{digest}"


def object_from_short_code(objects: QuerySet, code: str, *, salt: str) -> Model | None:
    number, _dash, _digest = code.partition("-")
    obj = objects.filter(pk=int(number)).first() if number.isdigit() else None
    if obj is None or not constant_time_compare(short_code(obj, salt=salt), code):
        return None
    return obj
