"""Outgoing mail: rendered in the recipient's language, delivered by the task worker."""

import base64
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation

from restart.core.tasks import mail_deliver


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


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
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
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
