"""What the person is told about their booking, in their language: a mail with the calendar
file, or an SMS when they gave a phone number and no e-mail. Used by the services and the
reminder task alike."""

from django.conf import settings
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext as _

from restart.core.calendar import ics_event
from restart.core.notifications import Attachment, mail_send, sms_send
from restart.infopoint.links import manage_url, short_manage_url
from restart.infopoint.models import Consultation


def notify(*, consultation: Consultation, kind: str, request: HttpRequest | None = None) -> None:
    """Tell the person, in their language: by mail with the calendar file, or by SMS when they
    gave a phone number and no e-mail."""
    person = consultation.person
    if not (person.email or person.phone):
        return
    language = person.preferred_language
    location = consultation.slot.place if consultation.slot else ""
    context = {
        "person": person,
        "consultation": consultation,
        "place": location,
        "manage_url": manage_url(consultation, request),
        "programme_name": settings.PROGRAMME_NAME,
    }
    if not person.email:
        # Every character of an SMS costs, and Cyrillic halves a part: the short form of the link.
        context["manage_url"] = short_manage_url(consultation)
        sms_send(to=person.phone, template=f"infopoint/sms/{kind}", context=context, language=language)
        return
    with translation.override(language):
        summary = _("Consultation at the information point")
        ics = ics_event(
            uid=f"consultation-{consultation.pk}@{settings.PROGRAMME_NAME.lower()}",
            starts_at=consultation.starts_at,
            ends_at=consultation.ends_at,
            summary=summary,
            location=location or consultation.get_channel_display(),
            sequence=consultation.calendar_sequence,
            cancelled=kind == "cancelled",
        )
    mail_send(
        to=person.email,
        template=f"infopoint/email/{kind}",
        context=context,
        language=language,
        attachments=[Attachment("consultation.ics", ics, "text/calendar")],
    )
