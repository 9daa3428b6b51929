"""The fair's staff side: the coordinator approves employers and offers; an employer's account
writes its offers and sees who matches them, without names."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from restart.core.access import area_required
from restart.jobfair import isco, matching, selectors, services
from restart.jobfair.forms import FairForm, OfferForm
from restart.jobfair.models import CandidateProfile, Employer, Fair, JobOffer
from restart.jobfair.views.public import profile_form_page
from restart.people.selectors import person_get_for_user


@area_required("jobfair")
def home(request):
    if selectors.runs_the_fair(request.user):
        return render(request, "jobfair/staff/coordinator.html", {
            "pending_employers": Employer.objects.filter(status=Employer.Status.PENDING).select_related("organization"),
            "pending_offers": selectors.offers_for_user(request.user).filter(status=JobOffer.Status.PENDING),
            "employers": Employer.objects.exclude(status=Employer.Status.PENDING).select_related("organization")[:200],
            "fairs": Fair.objects.select_related("event").order_by("-pk")[:20], "fair_form": FairForm(),
        })  # fmt: skip
    employers = list(selectors.employers_of(request.user))
    stands = {stand.fair_id: stand for stand in selectors.stands_for_user(request.user)}
    fairs = list(selectors.fairs_ahead()) if employers else []
    for fair in fairs:
        fair.own_stand = stands.get(fair.pk)
    return render(request, "jobfair/staff/employer.html", {
        "employers": employers, "offers": selectors.offers_for_user(request.user).order_by("-created_at")[:100],
        "fairs": fairs})  # fmt: skip


@area_required("jobfair")
def offer_edit(request, pk: int | None = None):
    """An employer writes an offer (or changes one: it is checked again before it is shown)."""
    offer = selectors.offer_get_for_user(user=request.user, pk=pk) if pk else None
    # The coordinator may write an offer for any approved company (one that phoned it in).
    companies = Employer.objects.filter(status=Employer.Status.APPROVED) if selectors.runs_the_fair(
        request.user) else selectors.employers_of(request.user)  # fmt: skip
    if offer is None and not companies.exists():
        return render(request, "jobfair/staff/offer_form.html", {"form": None, "offer": None, "employer": None})
    form = OfferForm(request.POST or None, initial=OfferForm.initial_for(offer) if offer else None,
                     companies=None if offer else companies.select_related("organization"))  # fmt: skip
    employer = offer.employer if offer else None
    if request.method == "POST" and form.is_valid():
        try:
            offer = services.offer_save(employer=employer or form.cleaned_data["employer"], data=form.offer_data(),
                                        offer=offer, by=request.user, request=request)  # fmt: skip
        except ValidationError as refusal:
            form.add_error(None, refusal)
        else:
            messages.success(request, _("The offer is saved. It is shown once the coordinator approves it."))
            return redirect("jobfair_staff:offer", pk=offer.pk)
    return render(request, "jobfair/staff/offer_form.html", {"form": form, "offer": offer, "employer": employer})



@area_required("jobfair")
def offer_detail(request, pk: int):
    """The offer and the consenting candidates who match it, best first, without names."""
    offer = selectors.offer_get_for_user(user=request.user, pk=pk)
    matches = []
    if offer.status == JobOffer.Status.PUBLISHED:
        matches = matching.rank_candidates(offer, selectors.consenting_profiles(), limit=20)
    slots = list(selectors.free_slots().filter(stand__employer=offer.employer)[:48]) if matches else []
    return render(request, "jobfair/staff/offer.html", {
        "offer": offer, "occupation": isco.occupation_name(offer.isco), "matches": matches, "slots": slots,
        "runs_the_fair": selectors.runs_the_fair(request.user)})  # fmt: skip


@area_required("jobfair")
@require_POST
def offer_decide(request, pk: int):
    offer = selectors.offer_get_for_user(user=request.user, pk=pk)
    if not selectors.runs_the_fair(request.user):
        raise PermissionDenied
    services.offer_decide(offer=offer, approve=request.POST.get("decision") == "approve", by=request.user,
                          request=request)  # fmt: skip
    messages.success(request, _("Saved."))
    return redirect("jobfair_staff:offer", pk=offer.pk)


@area_required("jobfair")
@require_POST
def employer_decide(request, pk: int):
    employer = selectors.employer_get_for_user(user=request.user, pk=pk)
    try:
        services.employer_decide(employer=employer, approve=request.POST.get("decision") == "approve",
                                 by=request.user, request=request)  # fmt: skip
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("Saved. An approved company's contact gets an invitation to sign in."))
    return redirect("jobfair_staff:home")


@area_required("people")
def candidate_profile(request, pk: int):
    """A consultant fills the profile in with the person (who still decides whether it is shown)."""
    person = person_get_for_user(user=request.user, pk=pk, request=request, write=True)
    profile, _created = CandidateProfile.objects.get_or_create(person=person)
    return profile_form_page(request, profile, template="jobfair/staff/candidate.html", by=request.user,
                             done=reverse("jobfair_staff:candidate", args=[person.pk]), extra={"person": person})
