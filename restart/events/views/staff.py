"""The coordinator's side: events, their occasions, and who registered."""

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from restart.core.access import area_required
from restart.core.paging import paginate
from restart.events import selectors, services
from restart.events.forms import (
    AddPersonForm,
    CapacityForm,
    EventEditForm,
    EventForm,
    MoveForm,
    OccurrenceCancelForm,
    OccurrenceForm,
)  # fmt: skip
from restart.events.models import Event
from restart.people.access import people_for_user
from restart.people.names import name_key
from restart.registrations import services as seats
from restart.registrations.models import Registration
from restart.registrations.staff import message_form


@area_required("events")
def event_list(request):
    events = Event.objects.order_by("-created_at")
    page, query_string = paginate(request, events, 50)
    return render(request, "events/staff/list.html", {"page": page, "query_string": query_string})


@area_required("events")
def event_create(request):
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                data=form.event_data(), first_starts_at=form.cleaned_data["first_starts_at"],
                minutes=form.cleaned_data["minutes"], weekly=form.cleaned_data["weekly"], by=request.user,
                request=request,
            )  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The event is created."))
            return redirect("events_staff:event", pk=event.pk)
    return render(request, "events/staff/event_form.html", {"form": form})


@area_required("events")
def event_detail(request, pk: int):
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    occurrences = selectors.event_occurrences(event, upcoming=False, cancelled=True)
    return render(request, "events/staff/event.html", {
        "event": event, "occurrences": occurrences, "feedback": selectors.feedback_summary(event.occurrences.all()),
        "now": timezone.now(),
    })  # fmt: skip


@area_required("events")
def event_edit(request, pk: int):
    event = selectors.event_get_for_user(user=request.user, pk=pk)
    form = EventEditForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(event=event, data=form.event_data(), by=request.user, request=request)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events_staff:event", pk=event.pk)
    return render(request, "events/staff/event_form.html", {"form": form, "event": event})


@area_required("events")
def occurrence_edit(request, pk: int):
    """A date's time, length and seats; in a series, for this date only or this and every later one."""
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    length = int((occurrence.ends_at - occurrence.starts_at).total_seconds() // 60)
    form = OccurrenceForm(request.POST or None, series=occurrence.event.is_series, initial={
        "starts_at": timezone.localtime(occurrence.starts_at), "minutes": length,
        "capacity": occurrence.quota.capacity,
    })  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.occurrence_update(occurrence=occurrence, starts_at=data["starts_at"], minutes=data["minutes"],
                                       capacity=data["capacity"], scope=data.get("scope") or services.Scope.THIS,
                                       by=request.user, request=request)  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Saved. Everyone registered is told of a new time."))
            return redirect("events_staff:event", pk=occurrence.event.pk)
    return render(request, "events/staff/occurrence_edit.html", {"occurrence": occurrence, "form": form})


@area_required("events")
def occurrence_cancel(request, pk: int):
    """Call off a date (or it and every later one); each registrant is told once."""
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    form = OccurrenceCancelForm(request.POST or None)
    if not occurrence.event.is_series:
        del form.fields["scope"]
    if request.method == "POST" and form.is_valid():
        try:
            cancelled = services.occurrence_cancel(occurrence=occurrence, by=request.user, request=request,
                                                   scope=form.cleaned_data.get("scope") or services.Scope.THIS)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, ngettext("%(count)s date is cancelled; its registrants are told.",
                                               "%(count)s dates are cancelled; their registrants are told.",
                                               cancelled) % {"count": cancelled})  # fmt: skip
            return redirect("events_staff:event", pk=occurrence.event.pk)
    registered = occurrence.quota.registrations.filter(status__in=Registration.OPEN).count()
    return render(request, "events/staff/occurrence_cancel.html", {
        "occurrence": occurrence, "form": form, "registered": registered})  # fmt: skip


@area_required("events")
def registration_move(request, pk: int):
    """Move one registrant to another date of the same event, into a free seat."""
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    occurrence = registration.quota.occurrence
    dates = [date for date in selectors.event_occurrences(occurrence.event) if date.pk != occurrence.pk]
    form = MoveForm(request.POST or None, dates=dates)
    if request.method == "POST" and form.is_valid():
        try:
            seats.registration_move(registration=registration, to=form.chosen().quota, by=request.user,
                                    request=request)  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("Moved. The person is told, with the new date for their calendar."))
            return redirect("events_staff:occurrence", pk=occurrence.pk)
    return render(request, "events/staff/registration_move.html", {
        "registration": registration, "occurrence": occurrence, "form": form})  # fmt: skip


@area_required("events")
def occurrence_detail(request, pk: int):
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    capacity_form = CapacityForm(request.POST or None, initial={"capacity": occurrence.quota.capacity})
    if request.method == "POST" and capacity_form.is_valid():
        try:
            seats.quota_set_capacity(quota=occurrence.quota, capacity=capacity_form.cleaned_data["capacity"],
                                     by=request.user, request=request)  # fmt: skip
        except ValidationError as refusal:
            capacity_form.add_error(None, refusal)
        else:
            messages.success(request, _("The number of seats is saved."))
            return redirect("events_staff:occurrence", pk=occurrence.pk)
    return _occurrence_page(request, occurrence, capacity_form=capacity_form)


def _occurrence_page(request, occurrence, *, capacity_form=None, add_form=None):
    registrations = (
        occurrence.quota.registrations.filter(person__restricted_at__isnull=True)
        .select_related("person").order_by("created_at", "pk")
    )  # fmt: skip
    return render(request, "events/staff/occurrence.html", {
        "occurrence": occurrence, "registrations": registrations, "counts": seats.quota_counts(occurrence.quota),
        "capacity_form": capacity_form or CapacityForm(initial={"capacity": occurrence.quota.capacity}),
        "add_form": add_form or AddPersonForm(),
        "feedback": selectors.feedback_summary([occurrence]),
    })  # fmt: skip


@area_required("events")
@require_POST
def occurrence_add_person(request, pk: int):
    """Staff add a person by hand (someone who phoned, a walk-in)."""
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    form = AddPersonForm(request.POST)
    if form.is_valid():
        person = people_for_user(request.user).filter(pk=form.cleaned_data["person"], erased_at__isnull=True,
                                                      restricted_at__isnull=True).first()  # fmt: skip
        if person is None:
            form.add_error("person", _("There is no person with this number."))
        else:
            try:
                seats.registration_create(quota=occurrence.quota, person=person, language=person.preferred_language,
                                          by=request.user, request=request)  # fmt: skip
            except ValidationError as refusal:
                form.add_error("person", refusal)
            else:
                messages.success(request, _("The person is registered."))
                return redirect("events_staff:occurrence", pk=occurrence.pk)
    return _occurrence_page(request, occurrence, add_form=form)


@area_required("events")
@require_POST
def registration_mark(request, pk: int):
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    status = request.POST.get("status", "")
    try:
        if status == Registration.Status.CANCELLED:
            seats.registration_cancel(registration=registration, by=request.user, request=request)
        else:
            seats.registration_mark(registration=registration, status=status, by=request.user, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("Saved."))
    return redirect("events_staff:occurrence", pk=registration.quota.occurrence.pk)


@area_required("events")
def occurrence_check_in(request, pk: int):
    """The door, on a phone: type or scan a ticket, or find a name; a live count; undo."""
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    result = None
    if request.method == "POST":
        result = seats.registration_check_in(quota=occurrence.quota, ticket=request.POST.get("ticket", ""),
                                             by=request.user, request=request)  # fmt: skip
    query = request.GET.get("q", "").strip()[:100]
    registrations = occurrence.quota.registrations.select_related("person").filter(
        person__restricted_at__isnull=True)  # fmt: skip
    waiting_at_door = registrations.filter(status__in=[Registration.Status.CONFIRMED, Registration.Status.ABSENT])
    if query:
        waiting_at_door = waiting_at_door.filter(person__search_key__contains=name_key(query))
    response = render(request, "events/staff/check_in.html", {
        "occurrence": occurrence, "result": result, "query": query,
        "counts": seats.quota_counts(occurrence.quota),
        "checked_in": registrations.filter(status=Registration.Status.ATTENDED).order_by("-checked_in_at")[:20],
        "checked_in_count": registrations.filter(status=Registration.Status.ATTENDED).count(),
        "to_find": waiting_at_door.order_by("person__full_name")[:30],
    }, status=200 if result is None or result.ok else 409)  # fmt: skip
    # The camera is for this page only (the site's policy allows none elsewhere).
    response["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()"
    return response


@area_required("events")
@require_POST
def occurrence_scans(request, pk: int):
    """Scans the phone kept while the venue had no signal, sent at once when it returns:
    {"scans": ["CODE", ...]} -> one result per scan, duplicates refused with the reason."""
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    try:
        codes = json.loads(request.body or b"{}").get("scans", [])
    except (ValueError, AttributeError):
        codes = None
    if not isinstance(codes, list) or len(codes) > 500:
        return JsonResponse({"detail": _("Send up to 500 scans as {\"scans\": [codes]}.")}, status=400)
    results = []
    for code in codes:
        outcome = seats.registration_check_in(quota=occurrence.quota, ticket=str(code), by=request.user,
                                              request=request)  # fmt: skip
        results.append({"code": str(code)[:32], "ok": outcome.ok, "message": str(outcome.message)})
    checked = occurrence.quota.registrations.filter(status=Registration.Status.ATTENDED).count()
    return JsonResponse({"results": results, "checked_in": checked}, json_dumps_params={"ensure_ascii": False})


@area_required("events")
@require_POST
def registration_check_in_undo(request, pk: int):
    registration = selectors.registration_get_for_user(user=request.user, pk=pk)
    try:
        seats.registration_check_in_undo(registration=registration, by=request.user, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The check-in is taken back."))
    return redirect("events_staff:check_in", pk=registration.quota.occurrence.pk)


@area_required("events")
def occurrence_message(request, pk: int):
    """Tell everyone registered for a date (or waiting for it), each in their language."""
    occurrence = selectors.occurrence_get_for_user(user=request.user, pk=pk)
    form, sent = message_form(request, occurrence.quota)
    if sent:
        return redirect("events_staff:occurrence", pk=occurrence.pk)
    return render(request, "events/staff/message.html", {"occurrence": occurrence, "form": form})
