"""Reads of events: the public programme, one event's occasions with their seats, access helpers."""

import datetime

from django.db.models import Count, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from restart.core.access import user_can_enter
from restart.events.models import Event, Occurrence
from restart.registrations.models import Feedback, Registration
from restart.registrations.owners import OwnerDetails
from restart.registrations.selectors import with_seats


def _with_seats(occurrences: QuerySet) -> QuerySet:
    """Seats taken, seats free and people waiting, counted by the database in the same query —
    for the rows it returns only: correlated counts, not a join and GROUP BY over every
    registration, so a page of 20 dates costs the same however many dates lie ahead."""
    return with_seats(occurrences.select_related("event", "quota"))


def upcoming_occurrences(*, kind: str = "", audience: str = "", language: str = "",
                         from_day: datetime.date | None = None) -> QuerySet:  # fmt: skip
    """Published occasions still ahead, soonest first, with seats taken and people waiting."""
    start = timezone.now()
    if from_day:
        start = max(start, timezone.make_aware(datetime.datetime.combine(from_day, datetime.time.min)))
    occurrences = Occurrence.objects.filter(
        event__status=Event.Status.PUBLISHED, cancelled_at__isnull=True, starts_at__gte=start
    )
    if kind:
        occurrences = occurrences.filter(event__kind=kind)
    if audience:
        occurrences = occurrences.filter(event__audience=audience)
    if language:
        occurrences = occurrences.filter(event__language=language)
    return _with_seats(occurrences).order_by("starts_at", "pk")


def event_occurrences(event: Event, *, upcoming: bool = True, cancelled: bool = False) -> QuerySet:
    occurrences = event.occurrences.all() if cancelled else event.occurrences.filter(cancelled_at__isnull=True)
    if upcoming:
        occurrences = occurrences.filter(starts_at__gte=timezone.now())
    return _with_seats(occurrences).order_by("starts_at", "pk")


def public_event_get(*, slug: str) -> Event:
    event = Event.objects.filter(slug=slug, status=Event.Status.PUBLISHED).first()
    if event is None:
        raise Http404
    return event


def event_get_for_user(*, user, pk: int) -> Event:
    event = Event.objects.filter(pk=pk).first() if user_can_enter(user, "events") else None
    if event is None:
        raise Http404
    return event


def occurrence_get_for_user(*, user, pk: int) -> Occurrence:
    occurrence = (
        Occurrence.objects.select_related("event", "quota").filter(pk=pk).first()
        if user_can_enter(user, "events") else None
    )  # fmt: skip
    if occurrence is None:
        raise Http404
    return occurrence


def registration_get_for_user(*, user, pk: int) -> Registration:
    """A registration for an event, for the coordinators who run events."""
    registration = (
        Registration.objects.select_related("person", "quota").filter(pk=pk, quota__owner_type="events.occurrence")
        .first() if user_can_enter(user, "events") else None
    )  # fmt: skip
    if registration is None or registration.person.is_restricted:
        raise Http404
    return registration


def occurrences_details(owner_ids: list[str]) -> dict[str, OwnerDetails]:
    """What the seat engine tells about occasions (registered in apps.py), in one query."""
    numbers = [int(owner_id) for owner_id in owner_ids if owner_id.isdigit()]
    return {
        str(occurrence.pk): OwnerDetails(
            title=occurrence.event.title(), starts_at=occurrence.starts_at, ends_at=occurrence.ends_at,
            place=occurrence.event.place, online_url=occurrence.event.online_url,
            public_path=reverse("events:detail", args=[occurrence.event.slug]),
            staff_path=reverse("events_staff:occurrence", args=[occurrence.pk]),
            # A job-fair day is job-fair attendance in the funder's report (O.2.3), not a meeting.
            ledger_kind="job_fair" if occurrence.event.kind == Event.Kind.JOB_FAIR else "event",
            ledger_flags={"civic_orientation": occurrence.event.civic_orientation},
        )
        for occurrence in Occurrence.objects.select_related("event").filter(pk__in=numbers)
    }  # fmt: skip


def screenings_held(*, start: datetime.date | None = None, end: datetime.date | None = None) -> dict:
    """Film screenings that took place (in [start, end] if given) and how many people came, from
    check-ins and attendance: {"held": n, "audience": n} — two aggregate queries."""
    occurrences = Occurrence.objects.filter(
        event__kind=Event.Kind.SCREENING, cancelled_at__isnull=True, starts_at__lt=timezone.now()
    )
    if start:
        occurrences = occurrences.filter(starts_at__date__gte=start)
    if end:
        occurrences = occurrences.filter(starts_at__date__lte=end)
    audience = Registration.objects.filter(
        quota__occurrence__in=occurrences, status=Registration.Status.ATTENDED
    ).count()
    return {"held": occurrences.count(), "audience": audience}


def feedback_summary(occurrences) -> dict:
    """How those who took part answered "was it helpful?": counts per answer and the comments."""
    answers = Feedback.objects.filter(registration__quota__occurrence__in=occurrences)
    counts = dict(answers.values_list("helpful").annotate(n=Count("pk")).values_list("helpful", "n"))
    return {
        "yes": counts.get("yes", 0), "partly": counts.get("partly", 0), "no": counts.get("no", 0),
        "total": sum(counts.values()),
        "comments": list(answers.exclude(comment="").order_by("-given_at").values_list("comment", flat=True)[:50]),
    }
