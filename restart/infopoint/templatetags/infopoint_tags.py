import datetime

from django import template

register = template.Library()


@register.filter
def add_minutes(moment: datetime.datetime, minutes: int) -> datetime.datetime:
    return moment + datetime.timedelta(minutes=int(minutes))
