"""Reads of the seat engine that owners use in their own queries."""

from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce

from restart.registrations.models import Registration


def seats_count(statuses, quota_field: str = "quota") -> Coalesce:
    """How many registrations of the row's quota are in these statuses: a correlated subquery,
    so a page of 20 rows counts the seats of those 20 only, not of every row before the LIMIT."""
    counted = (Registration.objects.filter(quota=OuterRef(quota_field), status__in=statuses).order_by()
               .values("quota").annotate(n=Count("pk")).values("n"))  # fmt: skip
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def with_seats(queryset):
    """Seats taken, free and people waiting on each row (an owner with a `quota`)."""
    return queryset.annotate(
        taken=seats_count(Registration.HOLDING), waiting=seats_count([Registration.Status.WAITLISTED]),
    ).annotate(free=F("quota__capacity") - F("taken"))
