import datetime

from django import template

from restart.infopoint.selectors import contact_details_get

register = template.Library()


@register.filter
def add_minutes(moment: datetime.datetime, minutes: int) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=int(minutes))


@register.simple_tag
def contact_details():
    """The information point's contact details, for the "Need help now?" box on any public page."""
    return contact_details_get()
