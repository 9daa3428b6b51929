"""Phone numbers in one form everywhere (E.164): for people's records, bookings and SMS."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def normalise_phone(value: str) -> str:
    """+48 601 234 567, 601-234-567, 0048601234567 → +48601234567; Polish numbers without a prefix get +48."""
    raw = (value or "").strip()
    if not raw:
        return ""
    compact = re.sub(r"[\s().-]", "", raw)
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if not re.fullmatch(r"\+?\d+", compact):
        raise ValidationError(_("A phone number may contain only digits, spaces, dashes and a leading +."))
    if not compact.startswith("+"):
        if len(compact) == 9:
            compact = "+48" + compact
        elif len(compact) >= 10 and not compact.startswith("0"):
            compact = "+" + compact  # spreadsheets drop the "+" of 380671234567
        else:
            raise ValidationError(_("Write the number with its country code, for example +380 67 123 4567."))
    if not 8 <= len(compact) - 1 <= 15:
        raise ValidationError(_("This phone number is too short or too long."))
    return compact
