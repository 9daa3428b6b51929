"""What a registrant is told, in their language: a mail (with the ticket and the calendar file
when they hold a seat), or an SMS when they gave a phone number and no e-mail."""

from django.conf import settings
from django.http import HttpRequest
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.utils import translation

from restart.core.calendar import ics_event, ics_feed
from restart.core.notifications import Attachment, mail_send, sms_send
from restart.registrations.links import manage_url, short_manage_url
from restart.registrations.models import Registration
from restart.registrations.owners import owner_adapter, owner_details, owners_details


def notify(*, registration: Registration, kind: str, request: HttpRequest | None = None,
           extra: dict | None = None) -> None:  # fmt: skip
    """kind: confirmed, waitlisted, offered, cancelled, lapsed, reminder, feedback, moved (staff
    moved the person to another date), changed (the date's time changed), called_off (the date was
    cancelled by the organisers) or message (a coordinator's text, in `extra`)."""
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
        sms_send(to=person.phone, template=_template(registration, "sms", kind), context=context, language=language)
        return
    attachments = []
    adapter = owner_adapter(registration.quota)
    if kind in CALENDAR_KINDS and adapter and adapter.calendar:
        if kind not in ("cancelled", "called_off"):
            attachments.append(Attachment("lessons.ics", adapter.calendar(registration), "text/calendar"))
    elif kind in CALENDAR_KINDS:
        ics = ics_event(
            uid=_uid(registration),
            starts_at=details.starts_at,
            ends_at=details.ends_at,
            summary=details.title,
            location=details.place or context["online_url"],
            sequence=registration.calendar_sequence,
            cancelled=kind in ("cancelled", "called_off"),
        )
        attachments.append(Attachment("event.ics", ics, "text/calendar"))
    mail_send(to=person.email, template=_template(registration, "email", kind), context=context, language=language,
              attachments=attachments)  # fmt: skip


def _template(registration: Registration, channel: str, kind: str) -> str:
    """The owner's own wording of a message when it has one (a course application is not a
    meeting), else the engine's."""
    adapter = owner_adapter(registration.quota)
    if adapter and adapter.templates:
        own = f"{adapter.templates}/{channel}/{kind}"
        try:
            get_template(f"{own}.txt")
        except TemplateDoesNotExist:
            return f"registrations/{channel}/{kind}"
        return own
    return f"registrations/{channel}/{kind}"


# The kinds whose mail carries the calendar file: the same UID each time, so a calendar app
# updates (or removes) the entry it added from the confirmation.
CALENDAR_KINDS = ("confirmed", "cancelled", "moved", "changed", "called_off")


def _uid(registration: Registration) -> str:
    return f"registration-{registration.pk}@{settings.PROGRAMME_NAME.lower()}"


# Batch templates: a new series registration, dates cancelled by the person, dates called off by
# the organisers, dates moved in time. Only the first one's calendar file holds the seats alone.
BATCH_CANCELS = ("series_cancelled", "series_called_off")


def notify_batch(*, registrations: list[Registration], request: HttpRequest | None = None,
                 template: str = "series") -> None:  # fmt: skip
    """One message for several dates of one person (every date of a series): each date with its
    status, the one ticket that opens the door on all of them, and a calendar file adding the
    dates that hold a seat, updating them, or taking them back."""
    lead = registrations[0]
    person = lead.person
    if not (person.email or person.phone):
        return
    language = person.preferred_language
    with translation.override(language):
        found = owners_details([registration.quota for registration in registrations])
    dates = [{"registration": registration, "details": found[registration.quota_id]} for registration in registrations]
    held = [d for d in dates if d["registration"].status == Registration.Status.CONFIRMED]
    context = {
        "person": person, "registration": lead, "dates": dates, "details": dates[0]["details"],
        "confirmed": len(held),
        "waiting": sum(registration.status == Registration.Status.WAITLISTED for registration in registrations),
        "online_url": held[0]["details"].online_url if held else "",
        "manage_url": manage_url(lead, request), "programme_name": settings.PROGRAMME_NAME,
    }  # fmt: skip
    if not person.email:
        context["manage_url"] = short_manage_url(lead)
        sms_send(to=person.phone, template=f"registrations/sms/{template}", context=context, language=language)
        return
    cancels = template in BATCH_CANCELS
    in_calendar = dates if cancels else held
    attachments = []
    if in_calendar:
        ics = ics_feed(name=dates[0]["details"].title, cancelled=cancels, events=[
            {"uid": _uid(d["registration"]), "starts_at": d["details"].starts_at, "ends_at": d["details"].ends_at,
             "summary": d["details"].title, "location": d["details"].place or context["online_url"],
             "sequence": d["registration"].calendar_sequence}
            for d in in_calendar
        ])  # fmt: skip
        attachments.append(Attachment("events.ics", ics, "text/calendar"))
    mail_send(to=person.email, template=f"registrations/email/{template}", context=context, language=language,
              attachments=attachments)  # fmt: skip
