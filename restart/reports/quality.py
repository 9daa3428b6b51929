"""Data quality: among the people a period's first indicator counts, who lack an item a breakdown
needs. Missing, not refused: a refusal is a valid answer and is not listed."""

import datetime

from django.utils.translation import gettext_lazy as _

from restart.people.models import Person
from restart.reports.definitions import definitions
from restart.reports.indicators import UNKNOWN_CITIZENSHIP, people_counted

# (the person's item, the breakdown it feeds, the breakdown's key for "not known", what to say)
ITEMS = (
    ("birth_date", "age_band", "unknown", _("date or year of birth")),
    ("sex", "sex", "not_stated", _("sex")),
    ("citizenship", "citizenship", UNKNOWN_CITIZENSHIP, _("citizenship")),
    ("residence_status", "residence_status", "unknown", _("residence status")),
)


def lead_code() -> str:
    return next(indicator.code for indicator in definitions().indicators if indicator.count == "people")


def missing(*, item: str, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> list[int]:
    """Ids of the counted people whose breakdown shows the item as not known and who did not refuse it."""
    dimension, key = next((dimension, key) for name, dimension, key, _label in ITEMS if name == item)
    ids = people_counted(code=lead_code(), start=start, end=end, today=today, dimension=dimension, key=key)
    return [pk for pk, refused in Person.objects.filter(pk__in=ids).values_list("pk", "refused")
            if item not in (refused or [])]  # fmt: skip


def data_quality(*, start: datetime.date, end: datetime.date, today: datetime.date | None = None) -> list[dict]:
    return [{"item": name, "label": label, "count": len(missing(item=name, start=start, end=end, today=today))}
            for name, _dimension, _key, label in ITEMS]  # fmt: skip
