"""The fair's public side: the offers in the visitor's language, filterable, each with its page."""

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from restart.core.paging import paginate
from restart.jobfair import isco, selectors, services
from restart.jobfair.forms import EmployerRegistrationForm, OfferFilterForm
from restart.jobfair.models import JobOffer


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
