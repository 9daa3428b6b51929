"""A migrant books, moves and cancels a consultation without an account."""

import datetime
import re
import threading

import pytest
from django.core import mail, signing
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from restart.core.roles import Role
from restart.infopoint import links, selectors
from restart.infopoint.models import Consultation
from restart.infopoint.tasks import consultation_remind
from restart.people import selectors as people_selectors
from restart.people.models import Consent, Participation, Person
from restart.topics.models import Topic
from restart.topics.taxonomy import load_topics
from tests.conftest import make_staff, run_worker
from tests.infopoint_factories import make_slot
from tests.people_factories import make_person


@pytest.fixture
def consultant(db):
    return make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena Konsultantka")


@pytest.fixture
def topic(db):
    return Topic.objects.get(slug="legal-stay")


def _choice(topic, language="uk", channel="in_person") -> str:
    return f"topic={topic.pk}&language={language}&channel={channel}"


def _details(**overrides) -> dict:
    return {"full_name": "Iryna Bondarenko", "email": "iryna@example.org", "phone": "", "question": "Karta pobytu",
            "consent": "on", **overrides}  # fmt: skip


def _book(client, slot, topic, **overrides):
    url = f"/uk/information-point/book/{slot.pk}/?{_choice(topic)}"
    return client.post(url, _details(**overrides))


def test_free_times_are_listed_next_available_first_in_the_chosen_language(client, consultant, topic):
    later = make_slot(consultant, days=5)
    sooner = make_slot(consultant, days=2)
    make_slot(consultant, days=1, languages=("en",))
    html = client.get(f"/uk/information-point/book/?{_choice(topic)}").content.decode()
    links = re.findall(r"/uk/information-point/book/(\d+)/", html)
    assert links.index(str(sooner.pk)) < links.index(str(later.pk))


def test_a_booking_creates_the_person_and_mails_a_confirmation_with_a_calendar_file(client, consultant, topic):
    slot = make_slot(consultant)
    response = _book(client, slot, topic)
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse("infopoint:manage", kwargs={"token": links.manage_token(consultation)})
    person = consultation.person
    assert (person.full_name, person.email, person.preferred_language) == (
        "Iryna Bondarenko",
        "iryna@example.org",
        "uk",
    )
    assert person.consents.filter(purpose=Consent.Purpose.SERVICE).exists()
    row = Participation.objects.get(person=person)
    assert (row.status, row.starts_on) == ("registered", timezone.localtime(consultation.starts_at).date())

    run_worker()
    message = mail.outbox[0]
    assert message.to == ["iryna@example.org"]
    assert message.subject != "Your consultation is booked"  # rendered in Ukrainian
    name, content, mimetype = message.attachments[0]
    assert (name, mimetype) == ("consultation.ics", "text/calendar")
    assert "BEGIN:VEVENT" in content and "METHOD:PUBLISH" in content
    link = re.search(r"http://testserver(/uk/information-point/booking/\S+/)", message.body).group(1)
    assert Client().get(link).status_code == 200
    reminder = DBTaskResult.objects.get(task_path__endswith="consultation_remind")
    assert reminder.run_after == consultation.starts_at - datetime.timedelta(days=1)


def test_a_booking_reuses_the_person_with_the_same_email_or_phone_and_name(client, consultant, topic):
    known = make_person(full_name="Iryna Bondarenko", email="iryna@example.org", phone="+48601234567")
    _book(client, make_slot(consultant, days=2), topic, full_name="Ірина Бондаренко", email="IRYNA@example.org")
    _book(client, make_slot(consultant, days=3), topic, full_name="iryna bondarenko", email="", phone="601 234 567")
    assert Person.objects.count() == 1
    assert Consultation.objects.filter(person=known).count() == 2


def test_booking_with_someone_elses_email_creates_a_new_record_for_review(client, consultant, topic):
    """Security review, item 7: a stranger's booking must not reach the record of whoever owns the address."""
    known = make_person(full_name="Iryna Bondarenko", email="iryna@example.org", notes="Known case")
    _book(client, make_slot(consultant, days=2), topic, full_name="Petro Shevchuk", question="Who lives here?")
    stranger = Person.objects.exclude(pk=known.pk).get()
    assert stranger.full_name == "Petro Shevchuk" and stranger.email == "iryna@example.org"
    assert not known.consultations.exists() and not known.participations.exists()
    run_worker()
    assert "Petro Shevchuk" in mail.outbox[0].body and "Iryna" not in mail.outbox[0].body
    assert [known.pk, stranger.pk] in [[p.pk for p in group] for group in people_selectors.contact_twins()]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"consent": ""}, "consent"), ({"phone": "12"}, "phone"), ({"email": "", "phone": ""}, "email"),
     ({"full_name": ""}, "full_name")],
)  # fmt: skip
def test_bad_booking_details_are_refused_next_to_the_field_and_kept(client, consultant, topic, overrides, field):
    response = _book(client, make_slot(consultant), topic, **overrides)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("field field--error") == 1
    assert f'id="id_{field}"' in html
    assert "Karta pobytu" in html  # what was typed stays
    assert Consultation.objects.count() == 0


def test_a_past_or_taken_slot_sends_the_visitor_back_to_the_next_free_times(client, consultant, topic):
    past = make_slot(consultant, days=-1)
    response = _book(client, past, topic)
    assert response["Location"].startswith("/uk/information-point/book/?")
    slot = make_slot(consultant)
    _book(client, slot, topic)
    response = _book(Client(), slot, topic, email="someone@example.org")
    assert response["Location"].startswith("/uk/information-point/book/?")
    assert Consultation.objects.count() == 1


def _booked(client, consultant, topic) -> tuple[Consultation, str]:
    _book(client, make_slot(consultant, days=4), topic)
    consultation = Consultation.objects.get()
    return consultation, links.manage_token(consultation)


def test_the_manage_link_moves_the_booking_and_mails_the_new_time(client, consultant, topic):
    consultation, token = _booked(client, consultant, topic)
    old_slot, old_start = consultation.slot, consultation.starts_at
    new_slot = make_slot(consultant, days=6)
    response = client.post(f"/uk/information-point/booking/{token}/move/", {"slot": new_slot.pk})
    assert response["Location"] == f"/uk/information-point/booking/{token}/"
    consultation.refresh_from_db()
    assert consultation.slot == new_slot and consultation.calendar_sequence == 1
    assert links.consultation_from_token(token) == consultation
    run_worker()
    assert "SEQUENCE:1" in mail.outbox[-1].attachments[0][1]
    # The old time is free again, and its reminder is stale.
    assert old_slot.pk in {slot.pk for slot in selectors.free_slots(language="uk")}
    assert consultation_remind.call(consultation_id=consultation.pk, starts_at=old_start.isoformat()) is False


def test_the_manage_link_cancels_and_no_reminder_follows(client, consultant, topic):
    consultation, token = _booked(client, consultant, topic)
    assert client.get(f"/uk/information-point/booking/{token}/cancel/").status_code == 200  # asks first
    client.post(f"/uk/information-point/booking/{token}/cancel/")
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.CANCELLED
    run_worker()
    assert "METHOD:CANCEL" in mail.outbox[-1].attachments[0][1]
    sent = len(mail.outbox)
    assert (
        consultation_remind.call(consultation_id=consultation.pk, starts_at=consultation.starts_at.isoformat()) is False
    )
    assert len(mail.outbox) == sent


def test_the_worker_sends_a_due_reminder_in_the_persons_language(client, consultant, topic):
    consultation, _token = _booked(client, consultant, topic)
    consultation_remind.enqueue(consultation_id=consultation.pk, starts_at=consultation.starts_at.isoformat())
    run_worker()
    reminders = [m for m in mail.outbox if "Нагадування" in m.subject]
    assert len(reminders) == 1


@pytest.mark.parametrize("mangle", ["tampered", "expired", "unknown"])
def test_a_bad_manage_link_reveals_nothing(client, consultant, topic, mangle, monkeypatch):
    consultation, token = _booked(client, consultant, topic)
    if mangle == "tampered":
        token = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    elif mangle == "expired":
        monkeypatch.setattr(links, "MANAGE_MAX_AGE", -1)
    else:
        token = signing.dumps({"c": consultation.pk + 999, "s": "x"}, salt=links.MANAGE_SALT, compress=True)
    response = client.get(f"/uk/information-point/booking/{token}/")
    assert response.status_code == 404
    assert "Iryna" not in response.content.decode()
    assert client.post(f"/uk/information-point/booking/{token}/cancel/").status_code == 404
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.BOOKED


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_of_the_last_slot_give_one_booking_and_one_clear_refusal():
    if connection.vendor != "postgresql":
        pytest.skip("real row locks: this runs in the PostgreSQL pass of `make test`")
    consultant = make_staff("race@restart.example", Role.CONSULTANT)
    load_topics(Topic)  # a transactional test starts from a flushed database
    topic = Topic.objects.get(slug="legal-stay")
    for round_number in range(3):
        slot = make_slot(consultant, days=2 + round_number)
        barrier = threading.Barrier(4)
        outcomes = []

        def attempt(number, slot=slot, barrier=barrier, outcomes=outcomes):
            try:
                client = Client()
                barrier.wait()
                response = _book(client, slot, topic, email=f"racer{number}@example.org")
                outcomes.append(response["Location"])
            finally:
                connection.close()

        threads = [threading.Thread(target=attempt, args=(n,)) for n in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        booked = [url for url in outcomes if "/booking/" in url]
        refused = [url for url in outcomes if url.startswith("/uk/information-point/book/?")]
        assert (len(booked), len(refused)) == (1, 3), outcomes
        assert Consultation.objects.filter(slot=slot).count() == 1


def test_a_specialists_time_cannot_be_booked_publicly_even_by_its_number(client, topic):
    """Second review, item 2: specialists' times are given through referrals only."""
    lawyer = make_staff("lawyer@example.org", Role.SPECIALIST, speciality="lawyer")
    slot = make_slot(lawyer, days=3)
    response = _book(client, slot, topic)
    assert response["Location"].startswith("/uk/information-point/book/?")  # back to the public free times
    assert not Consultation.objects.exists()
