"""The migrant's side: read about the information point, book, and manage a booking by its link."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from restart.infopoint import links, selectors
from restart.infopoint.forms import BookingChoiceForm, BookingDetailsForm
from restart.infopoint.models import ConsultationSlot
from restart.infopoint.services import booking
from restart.topics.models import Topic

SLOTS_PER_PAGE = 12


@require_GET
def overview(request):
    topics = Topic.objects.filter(active=True, parent__isnull=True)
    return render(request, "infopoint/overview.html", {"topics": topics})


def _slot_page(request, *, language: str, channel: str):
    slots = selectors.free_slots(language=language, channel=channel).select_related("consultant")
    return Paginator(slots, SLOTS_PER_PAGE).get_page(request.GET.get("page"))


@require_GET
def book(request):
    """Step 1 (what, language, how) and step 2 (free slots, next available first) on one page."""
    initial = {"language": get_language(), "channel": "in_person"}
    # The form always sends a language and a channel (they start ticked), so either one means
    # "Show free times" was pressed: a missing topic is then an error next to the field, not a
    # silent reload. A topic alone is a link from a topic page: it preselects, nothing more.
    submitted = "language" in request.GET or "channel" in request.GET
    if not submitted and request.GET.get("topic", "").isdigit():
        initial["topic"] = int(request.GET["topic"])
    form = BookingChoiceForm(request.GET if submitted else None, initial=initial)
    page = None
    if form.is_valid():
        page = _slot_page(request, language=form.cleaned_data["language"], channel=form.cleaned_data["channel"])
    return render(request, "infopoint/book.html", {"form": form, "page": page, "choice": request.GET.urlencode()})


def book_slot(request, slot_id: int):
    """Step 3: the person's details and consent; then the booking, or "just taken" and the next slots."""
    choice = BookingChoiceForm(request.GET)
    if not choice.is_valid():
        return redirect("infopoint:book")
    slot = get_object_or_404(ConsultationSlot.objects.select_related("consultant"), pk=slot_id)
    form = BookingDetailsForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = booking.consultation_book(
                slot_id=slot.pk, topic=choice.cleaned_data["topic"], language=choice.cleaned_data["language"],
                channel=choice.cleaned_data["channel"], full_name=data["full_name"], email=data["email"],
                phone=data["phone"], question=data["question"], request=request,
            )  # fmt: skip
        except booking.SlotUnavailable:
            messages.error(request, _("Sorry, this time was just taken. Here are the next free times."))
            return redirect(f"{reverse('infopoint:book')}?{request.GET.urlencode()}")
        messages.success(request, _("Your consultation is booked. We have sent the details to you."))
        return redirect("infopoint:manage", token=links.manage_token(consultation))
    return render(request, "infopoint/book_slot.html", {"form": form, "slot": slot, "choice": choice})


def _consultation_or_404(token: str):
    return links.consultation_from_token(token)


def _invalid_link(request):
    # One answer for tampered, expired and unknown links: nothing about whether a booking exists.
    return render(request, "infopoint/link_invalid.html", status=404)


@require_GET
def manage_short(request, code: str):
    """The SMS's short link: on to the booking's page in the person's language."""
    consultation = links.consultation_from_short_code(code)
    if consultation is None:
        return render(request, "infopoint/link_invalid.html", status=404)
    return redirect(links.manage_url(consultation, request))


def manage(request, token: str):
    consultation = _consultation_or_404(token)
    if consultation is None:
        return _invalid_link(request)
    return render(request, "infopoint/manage.html", {"consultation": consultation, "token": token})


def manage_cancel(request, token: str):
    consultation = _consultation_or_404(token)
    if consultation is None:
        return _invalid_link(request)
    if request.method == "POST" and consultation.is_upcoming:
        booking.consultation_cancel(consultation=consultation, request=request)
        messages.success(request, _("Your consultation is cancelled. You can book a new one at any time."))
        return redirect("infopoint:manage", token=token)
    return render(request, "infopoint/manage_cancel.html", {"consultation": consultation, "token": token})


def manage_move(request, token: str):
    consultation = _consultation_or_404(token)
    if consultation is None:
        return _invalid_link(request)
    if not consultation.is_upcoming:
        return redirect("infopoint:manage", token=token)
    if request.method == "POST":
        try:
            booking.consultation_move(consultation=consultation, slot_id=int(request.POST.get("slot", 0)),
                                      request=request)  # fmt: skip
        except (booking.SlotUnavailable, ValueError):
            messages.error(request, _("Sorry, this time was just taken. Here are the next free times."))
        else:
            messages.success(request, _("Your consultation has been moved. We have sent the new details to you."))
            return redirect("infopoint:manage", token=token)
    page = _slot_page(request, language=consultation.language, channel=consultation.channel)
    return render(request, "infopoint/manage_move.html", {"consultation": consultation, "token": token, "page": page})
