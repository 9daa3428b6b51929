import csv

from django.db import transaction
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from restart.core.access import area_required
from restart.core.audit import AUDIT_ACTIONS, audit_action_sentence, audit_record
from restart.core.forms import AuditFilterForm
from restart.core.models import AuditEvent
from restart.core.paging import paginate
from restart.core.spreadsheets import spreadsheet_cell


def _filtered(request):
    form = AuditFilterForm(request.GET or None)
    events = AuditEvent.objects.select_related("actor").order_by("-at", "-id")
    if form.is_valid():
        data = form.cleaned_data
        if data["actor"]:
            events = events.filter(actor=data["actor"])
        if data["person"]:
            events = events.filter(object_type="people.person", object_id=str(data["person"]))
        if data["actions"]:
            events = events.filter(action__in=data["actions"])
    return form, events


def _object_text(event: AuditEvent) -> str:
    return event.object_repr or f"#{event.object_id}"


def _described(event: AuditEvent) -> str:
    """The event as a sentence, with a person's name linking to their record."""
    if event.object_type == "people.person":
        url = reverse("people:detail", args=[event.object_id])
        # An erased record's name is gone: its number alone, not "#211 #211".
        name = "" if event.object_repr in ("", f"#{event.object_id}") else event.object_repr
        obj = format_html('<a href="{}">{}</a>', url, f"#{event.object_id} {name}".strip())
    else:
        obj = escape(_object_text(event))
    sentence = AUDIT_ACTIONS.get(event.action)
    if sentence is None:
        return format_html("<code>{}</code> {}", event.action, obj)
    return mark_safe(escape(str(sentence)) % {"object": obj})  # every part is escaped


@area_required("audit")
def audit_list(request):
    """Managers browse the trail by person (object), staff member or actions."""
    form, events = _filtered(request)
    page, query_string = paginate(request, events, 50)
    for event in page.object_list:
        event.described = _described(event)
    return render(request, "core/audit_list.html", {"form": form, "page": page, "query_string": query_string})


class _Echo:
    def write(self, value: str) -> str:
        return value


def _rows(writer, events):
    for event in events.iterator(chunk_size=2000):
        sentence = audit_action_sentence(event.action, _object_text(event)) or _object_text(event)
        yield writer.writerow([spreadsheet_cell(value) for value in (
            timezone.localtime(event.at).isoformat(timespec="seconds"), event.actor or "", sentence,
            event.action, event.object_type, event.object_id, event.ip_address or "",
        )])  # fmt: skip


@area_required("audit")
def audit_export(request):
    """The filtered trail as CSV; the export itself is an audited event."""
    _form, events = _filtered(request)
    with transaction.atomic():
        count = events.count()
        filters = {key: request.GET.getlist(key) for key in request.GET if key != "page"}
        audit_record(
            actor=request.user, action="audit.export", obj=request.user, request=request,
            details={"filters": filters, "rows": count},
        )  # fmt: skip
    header = [_("When"), _("Who"), _("What happened"), _("Action code"), _("Object type"), _("Object number"),
              _("Address")]  # fmt: skip

    language = translation.get_language()

    def rows():
        writer = csv.writer(_Echo())
        yield "\ufeff" + writer.writerow(header)  # the BOM makes spreadsheets read UTF-8
        with translation.override(language):  # streamed after the view has returned
            yield from _rows(writer, events)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")

    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
    return response
