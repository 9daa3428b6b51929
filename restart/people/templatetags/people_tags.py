from django import template

from restart.core.i18n import language_name
from restart.people.eligibility import citizenship_label

register = template.Library()


@register.filter
def country(code: str) -> str:
    """ISO code -> country name in the page's language ("—" when empty)."""
    return citizenship_label(code) if code else "—"


@register.filter
def language_label(code: str) -> str:
    """Language code -> its name in the page's language ("uk" on a Polish page: "ukraiński")."""
    return language_name(code) if code else "—"


@register.filter
def has_refused(person, field: str) -> bool:
    return person.has_refused(field)


@register.filter
def get_item(mapping: dict, key: str):
    """A row's value by its column key (export tables)."""
    return mapping.get(key, "")
