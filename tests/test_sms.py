"""People who gave only a phone number get their confirmations and reminders by SMS."""

import datetime
import json
import re
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.db import transaction
from django.utils import formats, timezone, translation
from django_tasks_db.models import DBTaskResult

from restart.core import sms
from restart.core.notifications import sms_send
from restart.core.roles import Role
from restart.core.tasks import sms_deliver
from restart.infopoint import links, notifications
from restart.infopoint.models import Consultation
from restart.infopoint.services import booking
from restart.topics.models import Topic
from tests.conftest import make_staff, run_worker
from tests.infopoint_factories import make_slot

LANGUAGES = ["pl", "uk", "ru", "en"]


@pytest.fixture(autouse=True)
def _empty_outbox():
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def consultant(db):
    return make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena Konsultantka")


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="legal-stay")


def _book_by_phone(client, slot, topic, language="uk", **overrides):
    url = f"/{language}/information-point/book/{slot.pk}/?topic={topic.pk}&language={language}&channel=in_person"
    data = {"full_name": "Дар'я О'Коннор", "email": "", "phone": "601 234 567", "question": "", "consent": "on"}
    return client.post(url, {**data, **overrides})


def _local(moment: datetime.datetime, fmt: str) -> str:
    return formats.date_format(timezone.localtime(moment), fmt)


def test_a_booking_with_only_a_phone_is_confirmed_by_sms_with_the_time_and_manage_link(client, consultant, topic):
    _book_by_phone(client, make_slot(consultant, days=4, hour=10), topic)
    consultation = Consultation.objects.get()
    assert sms.outbox == []  # queued, not sent inside the request
    run_worker()
    (message,) = sms.outbox
    assert message.to == "+48601234567"
    assert "консультацію" in message.body and _local(consultation.starts_at, "d.m.Y") in message.body
    assert " о 10:00." in message.body
    code = re.search(r"/b/(\S+)/$", message.body).group(1)
    assert links.consultation_from_short_code(code) == consultation
    landing = client.get(f"/b/{code}/")
    assert landing.status_code == 302 and "/uk/information-point/booking/" in landing["Location"]
    assert client.get(landing["Location"]).status_code == 200
    assert mail.outbox == []


def test_the_day_before_reminder_goes_out_by_sms_through_the_worker(client, consultant, topic):
    _book_by_phone(client, make_slot(consultant, days=4, hour=10, languages=("ru",)), topic, language="ru")
    run_worker()
    sms.outbox.clear()
    reminder = DBTaskResult.objects.get(task_path__endswith="consultation_remind")
    assert reminder.run_after == Consultation.objects.get().starts_at - datetime.timedelta(days=1)
    run_worker()
    assert sms.outbox == []  # not due yet
    DBTaskResult.objects.filter(pk=reminder.pk).update(run_after=timezone.now())  # a day passes
    run_worker()
    (message,) = sms.outbox
    assert "напоминаем, консультация завтра" in message.body and " в 10:00." in message.body


def test_a_moved_booking_gets_an_sms_and_only_the_new_times_reminder(client, consultant, topic):
    _book_by_phone(client, make_slot(consultant, days=4), topic, language="pl")
    consultation = Consultation.objects.get()
    booking.consultation_move(consultation=consultation, slot_id=make_slot(consultant, days=6, hour=15).pk)
    DBTaskResult.objects.filter(task_path__endswith="consultation_remind").update(run_after=timezone.now())
    run_worker()
    bodies = [message.body for message in sms.outbox]
    assert len(bodies) == 3, bodies  # confirmation, moved, one reminder
    assert "konsultacja przeniesiona na" in bodies[1] and "godz. 15:00" in bodies[1]
    assert "przypominamy" in bodies[2] and "godz. 15:00" in bodies[2]


def test_a_cancelled_booking_gets_an_sms_and_no_reminder(client, consultant, topic):
    _book_by_phone(client, make_slot(consultant, days=4, languages=("en",)), topic, language="en")
    booking.consultation_cancel(consultation=Consultation.objects.get())
    DBTaskResult.objects.filter(task_path__endswith="consultation_remind").update(run_after=timezone.now())
    run_worker()
    confirmation, cancellation = sms.outbox  # the stale reminder sent nothing
    assert "your consultation is booked for" in confirmation.body
    assert "is cancelled. To book a new one: http://127.0.0.1:8000/b/" in cancellation.body


def test_someone_with_both_email_and_phone_gets_mail_only(client, consultant, topic):
    _book_by_phone(client, make_slot(consultant, days=4), topic, email="darya@example.org")
    run_worker()
    assert sms.outbox == [] and len(mail.outbox) == 1


def test_an_sms_queued_in_a_rolled_back_change_is_never_sent(db):
    with pytest.raises(RuntimeError), transaction.atomic():
        sms_send(to="+48601234567", template="infopoint/sms/cancelled", context={}, language="pl")
        raise RuntimeError("the change failed")
    run_worker()
    assert sms.outbox == []


def test_numbers_are_normalised_and_one_that_cannot_be_dialled_is_skipped(db):
    assert sms_send(to="0048 601-234-567", template="infopoint/sms/cancelled", context={}, language="pl") is True
    assert sms_send(to="12", template="infopoint/sms/cancelled", context={}, language="pl") is False
    run_worker()
    assert [message.to for message in sms.outbox] == ["+48601234567"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["confirmation", "moved", "cancelled", "reminder"])
def test_every_sms_is_short_and_says_the_date_time_and_manage_link(consultant, settings, language, kind):
    settings.SITE_URL = "https://restart.example.org"
    slot = make_slot(consultant, days=4, hour=9, languages=(language,))
    consultation = booking.consultation_book(
        slot_id=slot.pk, topic=Topic.objects.get(slug="legal-stay"), language=language, channel="in_person",
        full_name="Дар'я О'Коннор", email="", phone=f"+38067123456{LANGUAGES.index(language)}",
    )  # fmt: skip
    with translation.override(language):
        notifications.notify(consultation=consultation, kind=kind)
    run_worker()
    body = sms.outbox[-1].body
    code = re.search(r" https://restart\.example\.org/b/(\S+)/$", body).group(1)
    assert links.consultation_from_short_code(code) == consultation
    assert _local(consultation.starts_at, "d.m.Y") in body and "09:00" in body
    assert "&#" not in body and "\n" not in body
    encoding, length, parts = sms.sms_parts(body)
    # The short link keeps a GSM-7 text in one part and a Cyrillic (UCS-2) one in two.
    assert parts <= (1 if language in ("pl", "en") else 2), (encoding, length, body)
    assert encoding == ("GSM-7" if language in ("pl", "en") else "UCS-2")


def test_the_file_backend_writes_one_readable_file_per_message(db, settings, tmp_path):
    settings.SMS_BACKEND = "restart.core.sms.FileBackend"
    settings.SMS_FILE_PATH = tmp_path / "sms"
    sms_deliver.enqueue(to="+48601234567", body="reSTART: консультацію скасовано.")
    sms_deliver.enqueue(to="+380671234567", body="reSTART: second")
    run_worker()
    files = sorted((tmp_path / "sms").iterdir())
    assert len(files) == 2
    text = "".join(path.read_text(encoding="utf-8") for path in files)
    assert "To: +48601234567" in text and "reSTART: консультацію скасовано.\n" in text
    assert "UCS-2, 1 part(s)" in text


class FakeSmsapi(BaseHTTPRequestHandler):
    """SMSAPI.pl's /sms.do as far as we use it; records what it received."""

    received: list = []
    answer: tuple = (200, {"count": 1, "list": [{"id": "1", "points": 0.16, "status": "QUEUE"}]})
    delay = 0.0

    def do_POST(self):
        length = int(self.headers["Content-Length"])
        fields = urllib.parse.parse_qs(self.rfile.read(length).decode("utf-8"))
        FakeSmsapi.received.append((self.path, self.headers["Authorization"], fields))
        time.sleep(self.delay)
        status, payload = self.answer
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def smsapi(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeSmsapi)
    FakeSmsapi.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.SMS_BACKEND = "restart.core.sms.SmsapiBackend"
    settings.SMSAPI_URL = f"http://127.0.0.1:{server.server_port}/sms.do"
    settings.SMSAPI_TOKEN = "test-token"
    settings.SMSAPI_SENDER = "reSTART"
    settings.SMSAPI_TIMEOUT = 1
    yield FakeSmsapi
    server.shutdown()
    server.server_close()
    FakeSmsapi.answer = (200, {"count": 1, "list": [{"id": "1", "points": 0.16, "status": "QUEUE"}]})
    FakeSmsapi.delay = 0.0


def test_the_smsapi_backend_posts_the_message_with_the_token(db, smsapi):
    sms_deliver.enqueue(to="+380671234567", body="reSTART: консультацію скасовано: Дар'я & <Ко>")
    run_worker()
    (path, authorization, fields), = smsapi.received
    assert (path, authorization) == ("/sms.do", "Bearer test-token")
    assert fields == {"to": ["380671234567"], "message": ["reSTART: консультацію скасовано: Дар'я & <Ко>"],
                      "from": ["reSTART"], "encoding": ["utf-8"], "format": ["json"]}  # fmt: skip
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.parametrize(
    "answer", [(200, {"error": 101, "message": "Authorization failed"}), (401, {"error": 101, "message": "Bad token"}),
               (500, {"detail": "down"})],
)  # fmt: skip
def test_an_smsapi_refusal_raises_so_the_task_is_recorded_as_failed(db, smsapi, answer):
    smsapi.answer = answer
    with pytest.raises(sms.SmsError):
        sms.get_backend().send_messages([sms.SmsMessage(to="+48601234567", body="x")])
    sms_deliver.enqueue(to="+48601234567", body="x")
    run_worker()
    assert DBTaskResult.objects.get().status == "FAILED"


def test_a_silent_smsapi_times_out_with_an_error(db, smsapi):
    smsapi.delay = 1.5
    with pytest.raises(sms.SmsError, match="could not be reached"):
        sms.get_backend().send_messages([sms.SmsMessage(to="+48601234567", body="x")])


def test_sms_parts_are_counted_as_networks_bill_them():
    assert sms.sms_parts("a" * 160) == ("GSM-7", 160, 1)
    assert sms.sms_parts("a" * 161) == ("GSM-7", 161, 2)
    assert sms.sms_parts("€" * 80) == ("GSM-7", 160, 1)
    assert sms.sms_parts("я" * 70) == ("UCS-2", 70, 1)
    assert sms.sms_parts("я" * 135) == ("UCS-2", 135, 3)
    assert sms.sms_parts("zażółć") == ("UCS-2", 6, 1)


def test_a_short_link_that_was_tampered_with_or_is_old_leads_nowhere(client, consultant, topic):
    _book_by_phone(client, make_slot(consultant, days=4, hour=10), topic)
    consultation = Consultation.objects.get()
    code = links.short_code(consultation)
    flipped = code[:-1] + ("0" if code[-1] != "0" else "1")
    for bad in (flipped, f"{consultation.pk + 1}-{code.split('-')[1]}", "x-y", "1"):
        assert client.get(f"/b/{bad}/").status_code == 404, bad
    Consultation.objects.filter(pk=consultation.pk).update(
        starts_at=consultation.starts_at - datetime.timedelta(days=60))
    assert client.get(f"/b/{code}/").status_code == 404
