"""Mail goes out through the task worker, in the recipient's language, only after commit."""

from django.core import mail
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from restart.core.notifications import Attachment, mail_send
from tests.conftest import run_worker


def test_the_worker_delivers_queued_mail_with_attachments(db):
    mail_send(
        to="olena@example.org",
        template="staff/email/password_reset",
        context={"protocol": "https", "domain": "restart.example", "uid": "MQ", "token": "t-1"},
        language="uk",
        attachments=[Attachment("event.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    assert mail.outbox == []
    assert DBTaskResult.objects.count() == 1
    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["olena@example.org"]
    assert "/uk/staff/password-reset/MQ/t-1/" in message.body
    assert message.subject and message.subject != "Reset your password"  # Ukrainian subject
    assert message.attachments[0][0] == "event.ics"
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


def test_mail_queued_in_a_rolled_back_change_is_never_sent(db):
    try:
        with transaction.atomic():
            mail_send(to="x@example.org", template="staff/email/password_reset",
                      context={"protocol": "https", "domain": "d", "uid": "u", "token": "t"}, language="pl")
            raise RuntimeError("the change failed")
    except RuntimeError:
        pass
    run_worker()
    assert mail.outbox == []
