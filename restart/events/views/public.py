"""The public programme: upcoming meetings, an event's page and registration for one of its dates."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from restart.core.calendar import ics_feed
from restart.events import selectors
from restart.events.forms import EventFilterForm, RegistrationForm
from restart.events.models import Event
from restart.registrations import links
from restart.registrations.services import registration_register, registration_register_many

PER_PAGE = 20


def event_list(request):
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    occurrences = selectors.upcoming_occurrences(**{key: value for key, value in filters.items() if value})
    page = Paginator(occurrences, PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "events/list.html", {"form": form, "page": page, "query_string": query.urlencode()})


def _soonest(occurrences):
    first = occurrences.first()
    return str(first.pk) if first else None


def event_detail(request, slug: str):
    event = selectors.public_event_get(slug=slug)
    occurrences = selectors.event_occurrences(event)
    host_society = event.audience == Event.Audience.HOST_SOCIETY
    form = RegistrationForm(request.POST or None, occurrences=occurrences, host_society=host_society,
                            series=event.is_series,
                            initial={"occurrence": request.GET.get("date") or _soonest(occurrences)})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data, chosen = form.cleaned_data, form.chosen_occurrences()
        person = {"full_name": data["full_name"], "email": data["email"], "phone": data["phone"],
                  "language": get_language(), "target_group": data.get("target_group", ""), "request": request}
        try:
            if len(chosen) > 1:
                registration = registration_register_many(quotas=[o.quota for o in chosen], **person)[0]
            else:
                registration = registration_register(quota=chosen[0].quota, **person)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return redirect("registrations:manage", token=links.manage_token(registration))
    return render(request, "events/detail.html", {"event": event, "occurrences": occurrences, "form": form})


def _feed(request, occurrences, name: str) -> HttpResponse:
    items = [
        {"uid": f"occurrence-{o.pk}@{settings.PROGRAMME_NAME.lower()}", "starts_at": o.starts_at, "ends_at": o.ends_at,
         "summary": o.event.title(), "location": o.event.place or _("online"),
         "url": request.build_absolute_uri(reverse("events:detail", args=[o.event.slug]))}
        for o in occurrences[:500]
    ]  # fmt: skip
    response = HttpResponse(ics_feed(name=name, events=items), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="events.ics"'
    return response


def events_ics(request):
    """GET /events.ics (?kind=screening…): every upcoming published date, for a calendar app."""
    kind = request.GET.get("kind", "")
    occurrences = selectors.upcoming_occurrences(kind=kind if kind in Event.Kind.values else "")
    return _feed(request, occurrences, settings.PROGRAMME_NAME)


def event_ics(request, slug: str):
    event = selectors.public_event_get(slug=slug)
    return _feed(request, selectors.event_occurrences(event), event.title())
