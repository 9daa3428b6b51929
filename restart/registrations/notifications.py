"""What a registrant is told, in their language: a mail (with the ticket and the calendar file
when they hold a seat), or an SMS when they gave a phone number and no e-mail."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation

from restart.core.calendar import ics_event
from restart.core.notifications import Attachment, mail_send, sms_send
from restart.registrations.links import manage_url, short_manage_url
from restart.registrations.models import Registration
from restart.registrations.owners import owner_details


def notify(*, registration: Registration, kind: str, request: HttpRequest | None = None,
           extra: dict | None = None) -> None:  # fmt: skip
    """kind: confirmed, waitlisted, offered, cancelled, lapsed, reminder, feedback or message
    (a coordinator's text, in `extra`)."""
    person = registration.person
    if not (person.email or person.phone):
        return
    language = person.preferred_language
    with translation.override(language):
        details = owner_details(registration.quota)
    context = {
        "person": person,
        "registration": registration,
        "details": details,
        # The online link only for those holding a seat (DESIGN: shown only to confirmed registrants).
        "online_url": details.online_url if registration.status == Registration.Status.CONFIRMED else "",
        "manage_url": manage_url(registration, request),
        "programme_name": settings.PROGRAMME_NAME,
        **(extra or {}),
    }
    if not person.email:
        context["manage_url"] = short_manage_url(registration)  # every character of an SMS costs
        sms_send(to=person.phone, template=f"registrations/sms/{kind}", context=context, language=language)
        return
    attachments = []
    if kind in ("confirmed", "cancelled"):
        ics = ics_event(
            uid=f"registration-{registration.pk}@{settings.PROGRAMME_NAME.lower()}",
            starts_at=details.starts_at,
            ends_at=details.ends_at,
            summary=details.title,
            location=details.place or context["online_url"],
            sequence=registration.calendar_sequence,
            cancelled=kind == "cancelled",
        )
        attachments.append(Attachment("event.ics", ics, "text/calendar"))
    mail_send(to=person.email, template=f"registrations/email/{kind}", context=context, language=language,
              attachments=attachments)  # fmt: skip
