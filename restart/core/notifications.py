"""Outgoing mail and SMS: rendered in the recipient's language, delivered by the task worker."""

import base64
import logging
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template import Context, Engine
from django.utils import translation

from restart.core.phones import normalise_phone
from restart.core.tasks import mail_deliver, sms_deliver

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


def render_text(template_name: str, context: dict) -> str:
    """A plain-text template rendered without HTML escaping: "Дар'я" stays "Дар'я", not "Дар&#x27;я".

    Every mail and SMS goes through here, so no template has to remember `{% autoescape off %}`.
    Blank lines left by template tags are collapsed and trailing spaces dropped.
    """
    text = Engine.get_default().get_template(template_name).render(Context(context, autoescape=False))
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def mail_send(
    *,
    to: str | list[str],
    template: str,
    context: dict,
    language: str,
    attachments: list[Attachment] = (),
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` in `language` and queue delivery.

    The queued task is a row written in the caller's transaction: if the caller's change
    rolls back, no mail goes out.
    """
    with translation.override(language):
        subject = " ".join(render_text(f"{template}_subject.txt", context).split())
        body = render_text(f"{template}.txt", context)
    mail_deliver.enqueue(
        to=[to] if isinstance(to, str) else list(to),
        subject=subject,
        body=body,
        attachments=[
            {
                "filename": item.filename,
                "content": base64.b64encode(item.content).decode("ascii"),
                "mimetype": item.mimetype,
            }
            for item in attachments
        ],
    )


def sms_render(*, template: str, context: dict, language: str) -> str:
    """The text of `<template>.txt` in `language`, on one line as a phone shows it."""
    with translation.override(language):
        return " ".join(render_text(f"{template}.txt", context).split())


def sms_send(*, to: str, template: str, context: dict, language: str) -> bool:
    """Render `<template>.txt` in `language` and queue delivery to `to` (normalised to +48601234567).

    Like `mail_send`, the task is written in the caller's transaction: a rolled-back change
    sends nothing. A stored number that cannot be dialled is logged and skipped, not raised,
    so that a booking never fails over it. Returns whether an SMS was queued.
    """
    try:
        number = normalise_phone(to)
    except ValidationError:
        number = ""
    if not number:
        logger.warning("SMS not sent: %r is not a phone number that can be dialled.", to)
        return False
    sms_deliver.enqueue(to=number, body=sms_render(template=template, context=context, language=language))
    return True
