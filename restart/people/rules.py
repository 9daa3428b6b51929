"""The rules every write of a person obeys, whoever makes it: the staff form, the import, a
booking, a command or the API. The services call `person_check`; the form calls it too, so its
messages appear next to the fields."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from restart.core.errors import DomainError
from restart.core.i18n import country_choices
from restart.people.choices import SENSITIVE_FIELDS
from restart.people.eligibility import STATELESS
from restart.people.validators import normalise_phone

# What a refused item holds: nothing.
REFUSED_BLANK = {"birth_date": None, "sex": "not_stated", "citizenship": "", "residence_status": "unknown"}


def _known_country(code: str) -> bool:
    """The codes the staff form offers: ISO countries (not "ZZ", "EU"…) and stateless."""
    return code == STATELESS or code in dict(country_choices("en"))


def person_check(person) -> None:
    """Normalise what can be normalised (phone, e-mail, codes) and refuse what breaks a rule,
    with every problem named against its field."""
    errors: dict[str, list] = {}

    def refuse(field, message):
        errors.setdefault(field, []).append(message)

    person.full_name = (person.full_name or "").strip()
    if not person.full_name:
        refuse("full_name", _("Enter the person's name."))
    person.email = (person.email or "").strip().lower()
    if person.email:
        try:
            validate_email(person.email)
        except ValidationError:
            refuse("email", _("Enter a valid e-mail address."))
    try:
        person.phone = normalise_phone(person.phone)
    except ValidationError as error:
        refuse("phone", error.messages[0])
    person.citizenship = (person.citizenship or "").upper()
    person.second_citizenship = (person.second_citizenship or "").upper()
    for field in ("citizenship", "second_citizenship"):
        code = getattr(person, field)
        if code and not _known_country(code):
            refuse(field, _("Choose a country from the list."))
    if person.second_citizenship and person.second_citizenship == person.citizenship:
        refuse("second_citizenship", _("The second citizenship is the same as the first."))
    _check_dates(person, refuse)
    for field in person.refused or []:
        if field not in SENSITIVE_FIELDS:
            refuse("refused", _("Only date of birth, sex, citizenship and residence status can be refused."))
        elif getattr(person, field) not in (REFUSED_BLANK[field], "", None):
            refuse(field, _("This item is marked as refused: leave it empty or untick the refusal."))
    if errors:
        raise DomainError(errors)


def _check_dates(person, refuse) -> None:
    born = person.birth_date
    if born and born > timezone.localdate():
        refuse("birth_date", _("A date of birth cannot be in the future."))
    if born and born < datetime.date(1900, 1, 1):
        refuse("birth_date", _("Check the year: this date of birth is before 1900."))
    if person.residence_valid_until and born and person.residence_valid_until < born:
        refuse("residence_valid_until", _("The residence cannot end before the date of birth."))
