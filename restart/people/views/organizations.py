from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from restart.core.access import area_required
from restart.core.paging import paginate
from restart.people import selectors, services
from restart.people.forms import OrganizationForm
from restart.people.models import Organization


@area_required("people")
def organization_list(request):
    query = request.GET.get("q", "").strip()[:100]
    organizations = Organization.objects.order_by("name")
    if query:
        organizations = organizations.filter(
            Q(name__icontains=query) | Q(nip__contains=query) | Q(city__icontains=query)
        )
    page, query_string = paginate(request, organizations, 50)
    return render(
        request, "people/organization_list.html", {"page": page, "query": query, "query_string": query_string}
    )


@area_required("people")
def organization_edit(request, pk: int | None = None):
    organization = selectors.organization_get_for_user(user=request.user, pk=pk) if pk else Organization()
    form = OrganizationForm(request.POST or None, instance=organization)
    if request.method == "POST" and form.is_valid():
        services.organization_save(organization=form.save(commit=False), by=request.user, request=request)
        messages.success(request, _("%(name)s saved.") % {"name": organization.name})
        return redirect("people:organization_list")
    return render(request, "people/organization_form.html", {"form": form, "organization": organization})
