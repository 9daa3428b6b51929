from django import template

from restart.core.roles import Role

register = template.Library()


@register.filter
def role_label(name: str) -> str:
    """A group name ("consultant") as its translated role label."""
    try:
        return Role(name).label
    except ValueError:
        return name


@register.filter
def summary_label(label) -> str:
    """A field's label as it leads its error in the summary: "Topic: choose one", not "Which topic?: …"."""
    return str(label).rstrip(" ?:？")
