"""Background tasks run by `manage.py db_worker`."""

import base64

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django_tasks import task

from restart.core.sms import SmsMessage, get_backend


@task()
def mail_deliver(
    *,
    to: list[str],
    subject: str,
    body: str,
    html: str = "",
    attachments: list[dict] | None = None,
    reply_to: list[str] | None = None,
) -> int:
    """Send one message already rendered in its recipient's language.

    Attachments arrive base64-encoded (task arguments must be JSON).
    """
    message = EmailMultiAlternatives(
        subject=subject,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    if html:
        message.attach_alternative(html, "text/html")
    for item in attachments or []:
        message.attach(item["filename"], base64.b64decode(item["content"]), item["mimetype"])
    return message.send()


@task()
def sms_deliver(*, to: str, body: str) -> int:
    """Send one SMS already rendered in its recipient's language, through `SMS_BACKEND`.

    A provider's refusal raises, so the task is recorded as failed with the reason.
    """
    return get_backend().send_messages([SmsMessage(to=to, body=body)])
