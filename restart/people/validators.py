import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from restart.core.phones import normalise_phone  # noqa: F401  (people's forms and import use it from here)

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)


def normalise_nip(value: str) -> str:
    return re.sub(r"[\s-]", "", value or "").upper().removeprefix("PL")


def validate_nip(value: str) -> None:
    """Polish tax number: ten digits whose last one is the weighted checksum of the first nine."""
    digits = normalise_nip(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(_("A NIP has ten digits."), code="nip_format")
    checksum = sum(int(d) * w for d, w in zip(digits, NIP_WEIGHTS, strict=False)) % 11
    if checksum == 10 or checksum != int(digits[9]):
        raise ValidationError(_("This NIP is not valid: its check digit does not match."), code="nip_checksum")
