"""The registrant's private page, reached by the link in their mail: see, confirm, cancel, download."""

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from restart.core.audit import audit_record
from restart.core.qr import qr_svg
from restart.people.services import gdpr
from restart.registrations import links, services
from restart.registrations.forms import FeedbackForm
from restart.registrations.models import Registration
from restart.registrations.owners import owner_adapter, owner_details, owners_details


def _registration_or_404(request, token: str):
    registration = links.registration_from_token(token)
    if registration is None or registration.person.is_erased:
        return None, render(request, "registrations/link_invalid.html", status=404)
    return registration, None


@never_cache  # a private page: never kept by the browser or a proxy
def manage(request, token: str):
    registration, invalid = _registration_or_404(request, token)
    if invalid:
        return invalid
    details = owner_details(registration.quota)
    return render(request, "registrations/manage.html", {
        "registration": registration, "details": details, "token": token, "series": _series(registration),
        "panel": _owner_panel(registration, request),
        "cancellable": registration.status in services.CANCELLABLE,
        "feedback_form": FeedbackForm(instance=getattr(registration, "feedback", None))
        if registration.status == Registration.Status.ATTENDED and _feedback_open(details) else None,
        "online_url": details.online_url if registration.status == Registration.Status.CONFIRMED else "",
        "ticket_qr": _ticket_qr(registration) if registration.status == "confirmed" and details.tickets else "",
    })  # fmt: skip


def _ticket_qr(registration: Registration) -> str:
    label = _("Your ticket as a QR code: %(code)s") % {"code": registration.door_ticket}
    return qr_svg(registration.door_ticket, label=label)


def _feedback_open(details) -> bool:
    return details.feedback_opens_at is None or details.feedback_opens_at <= timezone.now()


def _owner_panel(registration: Registration, request) -> str:
    adapter = owner_adapter(registration.quota)
    return adapter.panel(registration, request) if adapter and adapter.panel else ""


def _series(registration: Registration) -> list[dict]:
    """The other dates registered together with this one, each with its own private link."""
    if registration.batch is None:
        return []
    siblings = list(services.batch_siblings(registration))
    found = owners_details([sibling.quota for sibling in siblings])
    dates = [{"registration": sibling, "details": found[sibling.quota_id], "token": links.manage_token(sibling)}
             for sibling in siblings if sibling.quota_id in found]  # fmt: skip
    return sorted(dates, key=lambda date: date["details"].starts_at)


def manage_cancel(request, token: str):
    registration, invalid = _registration_or_404(request, token)
    if invalid:
        return invalid
    ahead = [date for date in _series(registration)
             if date["registration"].status in services.CANCELLABLE and date["details"].starts_at > timezone.now()]
    if request.method == "POST":
        if request.POST.get("scope") == "all" and ahead:
            cancelled = services.registration_cancel_batch(registration=registration, request=request)
            messages.success(request, ngettext("Your registration for %(count)s date is cancelled.",
                                               "Your registrations for %(count)s dates are cancelled.",
                                               len(cancelled)) % {"count": len(cancelled)})  # fmt: skip
        elif registration.status in services.CANCELLABLE:
            adapter = owner_adapter(registration.quota)
            if adapter and adapter.cancel:
                adapter.cancel(registration, request)
            else:
                services.registration_cancel(registration=registration, request=request)
            messages.success(request, _("Your registration is cancelled."))
        return redirect("registrations:manage", token=token)
    details = owner_details(registration.quota)
    return render(request, "registrations/manage_cancel.html", {
        "registration": registration, "details": details, "token": token, "ahead": len(ahead),
        "this_cancellable": registration.status in services.CANCELLABLE,
    })  # fmt: skip


@require_POST
def manage_confirm(request, token: str):
    registration, invalid = _registration_or_404(request, token)
    if invalid:
        return invalid
    try:
        services.registration_confirm_offer(registration=registration, request=request)
    except ValidationError as refusal:
        messages.error(request, refusal.messages[0])
    else:
        messages.success(request, _("The place is yours. See you there!"))
    return redirect("registrations:manage", token=token)


def manage_data(request, token: str):
    """Everything the programme keeps about the person, as the zip a manager would give them.
    Private case notes are not in it: only the case's consultant and managers read those."""
    registration, invalid = _registration_or_404(request, token)
    if invalid:
        return invalid
    person = registration.person
    sections = gdpr.person_export_sections(person, viewer=AnonymousUser())
    audit_record(actor=None, action="person.export", obj=person, request=request, details={"via": "manage link"})
    response = HttpResponse(gdpr.export_archive(person, sections), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="my-data.zip"'
    return response


@require_POST
def manage_feedback(request, token: str):
    registration, invalid = _registration_or_404(request, token)
    if invalid:
        return invalid
    form = FeedbackForm(request.POST)
    if form.is_valid():
        try:
            services.feedback_give(registration=registration, helpful=form.cleaned_data["helpful"],
                                   comment=form.cleaned_data["comment"], request=request)  # fmt: skip
        except ValidationError as refusal:
            messages.error(request, refusal.messages[0])
        else:
            messages.success(request, _("Thank you! Your answer helps us plan the next meetings."))
    else:
        messages.error(request, _("Choose yes, partly or no."))
    return redirect("registrations:manage", token=token)


def manage_short(request, code: str):
    """The SMS's short link: on to the registration's page in the person's language."""
    registration = links.registration_from_short_code(code)
    if registration is None or registration.person.is_erased:
        return render(request, "registrations/link_invalid.html", status=404)
    return redirect(links.manage_url(registration, request))
