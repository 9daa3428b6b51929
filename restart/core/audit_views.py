from django.shortcuts import render

from restart.core.access import area_required
from restart.core.forms import AuditFilterForm
from restart.core.models import AuditEvent
from restart.core.paging import paginate


@area_required("audit")
def audit_list(request):
    """Managers browse the trail by person (object), staff member or action."""
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor=data["actor"])
        if data["person"]:
            events = events.filter(object_type="people.person", object_id=str(data["person"]))
        if data["action"]:
            events = events.filter(action__startswith=data["action"])
    page, query_string = paginate(request, events, 50)
    return render(request, "core/audit_list.html", {"form": form, "page": page, "query_string": query_string})
