"""The fair's public side: the offers in the visitor's language, filterable, each with its page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from restart.core.paging import paginate
from restart.jobfair import interviews, isco, links, selectors, services
from restart.jobfair.forms import CandidateStartForm, EmployerRegistrationForm, OfferFilterForm, ProfileForm
from restart.jobfair.models import JobOffer
from restart.registrations.links import manage_token, registration_from_token


def offer_list(request):
    form = OfferFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    offers = selectors.published_offers(isco=filters.get("field", ""), city=filters.get("city", "").strip(),
                                        polish_level=filters.get("polish_level", ""),
                                        contract=filters.get("contract", ""))  # fmt: skip
    page, query_string = paginate(request, offers, 20)
    return render(request, "jobfair/list.html", {"form": form, "page": page, "query_string": query_string})


def offer_detail(request, pk: int):
    offer = get_object_or_404(JobOffer.objects.select_related("employer__organization"), pk=pk,
                              status=JobOffer.Status.PUBLISHED)  # fmt: skip
    return render(request, "jobfair/offer.html", {"offer": offer, "occupation": isco.occupation_name(offer.isco)})


def employer_register(request):
    """A company signs up for the fair; the coordinator approves it, then its contact is invited."""
    form = EmployerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_register(data={**form.cleaned_data, "language": get_language()}, request=request)
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            return render(request, "jobfair/registered.html", {"email": form.cleaned_data["contact_email"]})
    return render(request, "jobfair/register.html", {"form": form})


def candidate_start(request):
    """A job seeker starts a profile; the private link to it goes to their e-mail or phone."""
    form = CandidateStartForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.candidate_start(full_name=data["full_name"], email=data["email"], phone=data["phone"],
                                 language=get_language(), request=request)  # fmt: skip
        return render(request, "jobfair/candidate_sent.html", {"email": data["email"], "phone": data["phone"]})
    return render(request, "jobfair/candidate_start.html", {"form": form})


@never_cache
def profile(request, token: str):
    """The candidate's own page, by their private link: fill in the profile, show it or not."""
    found = links.profile_from_token(token)
    if found is None:
        return render(request, "jobfair/link_invalid.html", status=404)
    return profile_form_page(request, found, template="jobfair/profile.html", by=None,
                             done=reverse("jobfair:profile", args=[token]),
                             extra={"token": token, **selectors.candidate_interviews(found)})  # fmt: skip


@require_POST
def profile_book(request, token: str):
    """The candidate books a free interview time at a stand from their own page."""
    found = links.profile_from_token(token)
    if found is None:
        return render(request, "jobfair/link_invalid.html", status=404)
    slot = selectors.free_slots().filter(pk=_number(request.POST.get("slot"))).first()
    if slot is None:
        messages.error(request, _("This time has just been taken. Please choose another one."))
        return redirect("jobfair:profile", token=token)
    try:
        interview = interviews.interview_book(slot=slot, candidate=found, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
        return redirect("jobfair:profile", token=token)
    messages.success(request, _("Your interview is booked. The confirmation with a calendar file is on its way."))
    return redirect("registrations:manage", token=manage_token(interview.registration))


def _number(value) -> int | None:
    return int(value) if str(value or "").isdigit() else None


def _interview_or_404(token: str):
    registration = registration_from_token(token)
    interview = getattr(registration, "interview", None) if registration and not registration.person.is_erased else None
    if interview is None:
        raise Http404
    return interview


@require_POST
def interview_accept(request, token: str):
    interview = _interview_or_404(token)
    try:
        interviews.interview_accept(interview=interview, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("You accepted the interview. The company now sees your name and CV."))
    return redirect("registrations:manage", token=token)


@require_POST
def interview_decline(request, token: str):
    interview = _interview_or_404(token)
    interviews.interview_cancel(interview=interview, request=request)
    messages.success(request, _("You declined the interview. The company does not learn who you are."))
    return redirect("registrations:manage", token=token)


@require_POST
def still_employed(request, token: str):
    interview = _interview_or_404(token)
    answer = request.POST.get("answer")
    if answer not in ("yes", "no"):
        messages.error(request, _("Choose yes or no."))
        return redirect("registrations:manage", token=token)
    try:
        interviews.still_employed_record(interview=interview, answer=answer == "yes", request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("Thank you for letting us know."))
    return redirect("registrations:manage", token=token)


def profile_form_page(request, profile, *, template: str, by, done: str, extra: dict):
    """The profile form, shared by the candidate's link and a consultant helping them."""
    shown = services.sharing(profile)
    form = ProfileForm(request.POST or None, request.FILES or None, initial=ProfileForm.initial_for(profile, shown))
    if request.method == "POST" and form.is_valid():
        services.profile_save(profile=profile, data=form.profile_data(), share=form.cleaned_data["share"],
                              cv=form.cleaned_data.get("cv"), by=by, request=request)  # fmt: skip
        messages.success(request, _("Your profile is saved.") if by is None else _("The profile is saved."))
        return redirect(done)
    return render(request, template, {"form": form, "profile": profile, "shown": shown, **extra})


@never_cache
def profile_cv(request, token: str):
    found = links.profile_from_token(token)
    if found is None or not found.cv:
        raise Http404
    return cv_response(found)


def cv_response(profile) -> FileResponse:
    # The stored name is random; what the browser saves says what it is.
    response = FileResponse(profile.cv.open("rb"), content_type="application/pdf", as_attachment=True,
                            filename=f"cv-{profile.pk}.pdf")  # fmt: skip
    response["Cache-Control"] = "private, no-store"
    return response
