"""The information point's contact details, changed by a manager (read by `selectors.contact_details_get`)."""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from restart.core.audit import audit_record
from restart.infopoint.models import ContactDetails


@transaction.atomic
def contact_details_update(
    *, phone: str, email: str, address: dict[str, str], opening_hours: dict[str, str], by,
    request: HttpRequest | None = None,
) -> ContactDetails:  # fmt: skip
    details, _created = ContactDetails.objects.select_for_update().get_or_create(pk=ContactDetails.SINGLE_ROW)
    fields = ("phone", "email", "address", "opening_hours")
    before = {field: getattr(details, field) for field in fields}
    details.phone, details.email = phone, email
    details.address = {code: text for code, text in address.items() if text}
    details.opening_hours = {code: text for code, text in opening_hours.items() if text}
    details.updated_at = timezone.now()
    details.save()
    changed = sorted(key for key, value in before.items() if value != getattr(details, key))
    audit_record(actor=by, action="infopoint.contact_details", obj=details, request=request,
                 details={"changed": changed})  # fmt: skip
    return details
