"""The one error type services raise when a rule of the domain says no.

It is a ValidationError, so a view shows it next to the field it names (`form.add_error(None,
error)` or a field's name in a dict) or as a message, always in the reader's language:
raise it with a lazily translated text.
"""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the programme refused the change; the message says why, translated."""
