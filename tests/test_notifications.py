"""Every mail, in every language, reads as plain text: no HTML escapes, dates in grammatical places."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import formats, timezone, translation

from restart.core.roles import Role
from restart.infopoint import links
from restart.infopoint.services import booking
from restart.infopoint.tasks import consultation_remind
from restart.staff.services import staff_invite
from restart.topics.models import Topic
from tests.conftest import make_staff, run_worker
from tests.infopoint_factories import make_slot

LANGUAGES = ["pl", "uk", "ru", "en"]
NAME = "Дар'я О'Коннор"
QUESTION = "Karta pobytu: czy 3 < 5 & 7 > 2? \"Pilne\""
PLACE = "ul. Ruska 46 <II piętro> & podwórze"
ESCAPES = ("&#x27;", "&#39;", "&amp;", "&lt;", "&gt;", "&quot;")


def assert_reads_as_plain_text(message) -> None:
    for text in (message.subject, message.body):
        assert not any(escape in text for escape in ESCAPES), text
    assert "\n\n\n" not in message.body
    assert not re.search(r" +$| ,|,,|\{|\}|%\(", message.body, flags=re.MULTILINE), message.body


def when(moment: datetime.datetime, fmt: str) -> str:
    return formats.date_format(timezone.localtime(moment), fmt)


def _slot(consultant, **fields):
    slot = make_slot(consultant, **fields)
    slot.place = PLACE
    slot.save()
    return slot


@pytest.fixture
def consultant(db):
    return make_staff("olena@restart.example", Role.CONSULTANT, full_name="Olena Konsultantka")


@pytest.mark.parametrize("language", LANGUAGES)
def test_booking_mails_carry_names_and_question_verbatim_and_dates_on_their_own_lines(consultant, language):
    slot = _slot(consultant, days=4, languages=(language,))
    consultation = booking.consultation_book(
        slot_id=slot.pk, topic=Topic.objects.get(slug="legal-stay"), language=language, channel="in_person",
        full_name=NAME, email=f"darya-{language}@example.org", phone="", question=QUESTION,
    )  # fmt: skip
    first_start = consultation.starts_at
    consultation = booking.consultation_move(consultation=consultation, slot_id=_slot(consultant, days=6, hour=14,
                                             languages=(language,)).pk)  # fmt: skip
    consultation_remind.enqueue(consultation_id=consultation.pk, starts_at=consultation.starts_at.isoformat())
    run_worker()
    booking.consultation_cancel(consultation=consultation)
    run_worker()

    confirmation, moved, reminder, cancelled = mail.outbox
    with translation.override(language):
        for message, start in ((confirmation, first_start), (moved, consultation.starts_at),
                               (reminder, consultation.starts_at), (cancelled, consultation.starts_at)):  # fmt: skip
            assert_reads_as_plain_text(message)
            assert NAME in message.body
            assert PLACE in message.body
            date_line = f"{translation.gettext('Date:')} {when(start, 'l, j E Y')}\n"
            end = start + datetime.timedelta(minutes=45)
            time_line = f"{translation.gettext('Time:')} {when(start, 'H:i')}–{when(end, 'H:i')}\n"
            assert date_line in message.body and time_line in message.body
            token = re.search(rf"http://127\.0\.0\.1:8000/{language}/information-point/booking/(\S+)/\n", message.body)
            assert links.consultation_from_token(token.group(1)) == consultation
    assert QUESTION in confirmation.body


def test_the_ukrainian_cancellation_no_longer_puts_the_weekday_after_a_preposition(consultant):
    slot = make_slot(consultant, days=4, languages=("uk",))
    consultation = booking.consultation_book(
        slot_id=slot.pk, topic=Topic.objects.get(slug="legal-stay"), language="uk", channel="in_person",
        full_name=NAME, email="darya@example.org", phone="",
    )  # fmt: skip
    booking.consultation_cancel(consultation=consultation)
    run_worker()
    body = mail.outbox[-1].body
    assert "заплановану на" not in body
    with translation.override("uk"):
        assert f"Дата: {when(consultation.starts_at, 'l, j E Y')}" in body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_staff_invitation_keeps_apostrophes_and_ampersands(manager, settings, language):
    settings.PROGRAMME_NAME = "reSTART & Partnerzy"
    manager.full_name = "Seán O'Brien"
    manager.save()
    staff_invite(email="darya@example.org", full_name=NAME, roles=[Role.CONSULTANT.value], language=language,
                 by=manager)  # fmt: skip
    run_worker()
    message = mail.outbox[-1]
    assert_reads_as_plain_text(message)
    assert NAME in message.body and "Seán O'Brien" in message.body
    assert "reSTART & Partnerzy" in message.body and "reSTART & Partnerzy" in message.subject
    assert f"http://127.0.0.1:8000/{language}/staff/invitation/" in message.body


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_password_reset_mail_is_plain_text_with_a_working_link(db, language):
    make_staff("darya@example.org", Role.CONSULTANT, full_name=NAME, language=language)
    Client().post(f"/{language}/staff/password-reset/", {"email": "darya@example.org"})
    run_worker()
    message = mail.outbox[-1]
    assert_reads_as_plain_text(message)
    link = re.search(r"http://testserver(/\S+/password-reset/\S+/)", message.body).group(1)
    assert Client().get(link, follow=True).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_referral_mail_reaches_the_specialist_in_their_language_and_names_no_one(consultant, language):
    from restart.infopoint.services import records
    from tests.infopoint_factories import make_consultation
    from tests.people_factories import make_person

    lawyer = make_staff(f"lawyer-{language}@restart.example", Role.SPECIALIST, full_name="Adam O'Prawnik",
                        speciality="lawyer", language=language)  # fmt: skip
    consultation = make_consultation(consultant=consultant, person=make_person(full_name=NAME))
    referral = records.referral_create(consultation=consultation, kind="specialist", specialist=lawyer,
                                       reason=QUESTION, consent_now=True, by=consultant)  # fmt: skip
    run_worker()
    message = next(message for message in mail.outbox if message.to == [lawyer.email])
    assert_reads_as_plain_text(message)
    assert "Adam O'Prawnik" in message.body and "Olena Konsultantka" in message.body
    assert NAME not in message.body and QUESTION not in message.body  # the case is read behind the sign-in
    assert f"/{language}/staff/information-point/referrals/{referral.pk}/" in message.body
    with translation.override(language):
        subject = translation.gettext("A case has been referred to you at %(programme_name)s")
    assert message.subject == subject % {"programme_name": "reSTART"}
