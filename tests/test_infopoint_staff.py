"""Consultants publish times, see their week, record consultations, walk-ins and referrals."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from restart.core.models import AuditEvent
from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot, Referral
from restart.people.models import Consent, Participation
from restart.topics.models import Topic
from tests.conftest import make_staff, sign_in
from tests.infopoint_factories import make_consultation, make_slot
from tests.people_factories import make_person


@pytest.fixture
def consultant_client(client, consultant):
    sign_in(client, consultant)
    return client


def _record(consultation, **overrides) -> dict:
    data = {"status": "attended", "topics": [Topic.objects.get(slug="work").pk], "language": "uk",
            "channel": "in_person", "duration_minutes": 45, "notes": consultation.notes, "outcome": "",
            "follow_up_on": ""}  # fmt: skip
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_publishing_a_weekly_series_creates_slots_and_skips_overlaps(consultant_client, consultant):
    first = timezone.localdate() + datetime.timedelta(days=1)
    make_slot(consultant, days=1, hour=10)  # already there: 10:00–10:45
    response = consultant_client.post(
        reverse("infopoint_staff:availability"),
        {"first_day": first.isoformat(), "start": "09:00", "end": "12:00", "slot_minutes": 60,
         "languages": ["uk", "ru"], "channel": "in_person", "place": "Ruska 46",
         "repeat_until": (first + datetime.timedelta(weeks=3)).isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    mine = ConsultationSlot.objects.filter(consultant=consultant)
    assert mine.count() == 1 + 2 + 3 * 3  # week one loses 10:00–11:00, which overlaps
    assert set(mine.exclude(series="").values_list("languages", flat=True)) == {",ru,uk,"}


@pytest.mark.parametrize(
    ("overrides", "field"),
    [({"end": "08:00"}, "end"), ({"first_day": "2020-01-01"}, "first_day"), ({"languages": []}, "languages")],
)
def test_bad_availability_is_refused_next_to_the_field(consultant_client, overrides, field):
    data = {"first_day": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "start": "09:00",
            "end": "12:00", "slot_minutes": 60, "languages": ["uk"], "channel": "phone", **overrides}  # fmt: skip
    response = consultant_client.post(reverse("infopoint_staff:availability"), data)
    assert response.status_code == 200 and response.content.decode().count("field field--error") == 1
    assert ConsultationSlot.objects.count() == 0


def test_the_week_shows_bookings_and_walk_ins_in_a_fixed_number_of_queries(consultant_client, consultant):
    url = reverse("infopoint_staff:week")
    monday = -timezone.localdate().weekday()

    def fill(day):
        slot = make_slot(consultant, days=monday + day)
        make_consultation(consultant=consultant, slot=slot, starts_at=slot.starts_at, status="booked",
                          person=make_person(full_name=f"Person {day}"))  # fmt: skip
        make_consultation(consultant=consultant, walk_in=True, starts_at=slot.starts_at + datetime.timedelta(hours=3),
                          person=make_person(full_name=f"Walk-in {day}"))  # fmt: skip

    fill(0)
    consultant_client.get(url)
    with CaptureQueriesContext(connection) as few:
        consultant_client.get(url)
    for day in range(1, 7):
        fill(day)
    with CaptureQueriesContext(connection) as many:
        html = consultant_client.get(url).content.decode()
    assert len(many) == len(few)
    assert "Person 3" in html and "Walk-in 5" in html


def test_recording_attendance_on_an_employment_topic_counts_as_professional_guidance(consultant_client, consultant):
    consultation = make_consultation(consultant=consultant, status="booked")
    url = reverse("infopoint_staff:consultation", args=[consultation.pk])
    consultant_client.post(url, _record(consultation, recognition_applied="on"))
    row = Participation.objects.get(source_id=str(consultation.pk))
    assert row.attended and row.professional_guidance and row.recognition_applied
    assert not row.long_term_residence_applied
    consultant_client.post(url, _record(consultation, status="no_show"))
    row.refresh_from_db()
    assert not row.attended and not row.professional_guidance


def test_a_consultant_cannot_change_notes_on_a_colleagues_case_but_a_manager_can(client, consultant, manager):
    colleague = make_staff("colleague@example.org", Role.CONSULTANT)
    consultation = make_consultation(consultant=colleague, notes="Private.")
    url = reverse("infopoint_staff:consultation", args=[consultation.pk])
    sign_in(client, consultant)
    page = client.get(url).content.decode()
    assert "Private." not in page and 'name="notes"' not in page  # not even in a disabled box
    client.post(url, _record(consultation, notes="Changed by someone else", outcome="Seen"))
    consultation.refresh_from_db()
    assert consultation.notes == "Private." and consultation.outcome == "Seen"
    sign_in(client, manager)
    client.post(url, _record(consultation, notes="Manager's note"))
    consultation.refresh_from_db()
    assert consultation.notes == "Manager's note"


def test_a_referral_needs_consent_and_reaches_the_specialist(client, consultant):
    lawyer = make_staff("lawyer@example.org", Role.SPECIALIST, full_name="Adam Prawnik", speciality="lawyer")
    consultation = make_consultation(consultant=consultant)
    url = reverse("infopoint_staff:referral_create", args=[consultation.pk])
    sign_in(client, consultant)
    data = {"kind": "specialist", "specialist": lawyer.pk, "reason": "Appeal against a refusal"}
    response = client.post(url, data)
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    assert Referral.objects.count() == 0
    client.post(url, {**data, "consent_now": "on"})
    referral = Referral.objects.get()
    assert referral.consent.purpose == Consent.Purpose.REFERRAL and referral.specialist == lawyer

    sign_in(client, lawyer)
    assert "Appeal" not in client.get(reverse("infopoint_staff:referrals")).content.decode()  # reason on the page
    assert consultation.person.full_name in client.get(reverse("infopoint_staff:referrals")).content.decode()
    detail = reverse("infopoint_staff:referral", args=[referral.pk])
    client.post(detail, {"status": "done", "outcome": "Appeal filed"})
    referral.refresh_from_db()
    assert (referral.status, referral.outcome) == ("done", "Appeal filed")

    outsider = make_staff("other@example.org", Role.CONSULTANT)
    sign_in(client, outsider)
    assert client.get(detail).status_code == 404


def test_a_walk_in_is_recorded_without_a_slot(consultant_client, consultant):
    person = make_person()
    when = timezone.localtime().replace(second=0, microsecond=0) - datetime.timedelta(hours=1)
    data = _record(Consultation(), person=person.pk, starts_at=when.strftime("%Y-%m-%dT%H:%M"))
    response = consultant_client.post(reverse("infopoint_staff:walk_in"), data)
    consultation = Consultation.objects.get()
    assert response["Location"] == reverse("infopoint_staff:consultation", args=[consultation.pk])
    assert consultation.walk_in and consultation.slot is None and consultation.consultant == consultant
    assert Participation.objects.get(person=person).attended
    future = _record(Consultation(), person=person.pk,
                     starts_at=(when + datetime.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M"))  # fmt: skip
    assert consultant_client.post(reverse("infopoint_staff:walk_in"), future).status_code == 200
    unknown = {**data, "person": 99999}
    assert "field--error" in consultant_client.post(reverse("infopoint_staff:walk_in"), unknown).content.decode()
    assert Consultation.objects.count() == 1


def test_a_booked_slot_cannot_be_removed(consultant_client, consultant):
    slot = make_slot(consultant)
    make_consultation(consultant=consultant, slot=slot, starts_at=slot.starts_at, status="booked")
    consultant_client.post(reverse("infopoint_staff:slot_delete", args=[slot.pk]))
    assert ConsultationSlot.objects.filter(pk=slot.pk).exists()
    free = make_slot(consultant, days=9)
    consultant_client.post(reverse("infopoint_staff:slot_delete", args=[free.pk]))
    assert not ConsultationSlot.objects.filter(pk=free.pk).exists()


def test_a_manager_edits_a_topic_in_every_language_and_the_public_sees_it(client, manager, consultant):
    topic = Topic.objects.get(slug="housing")
    url = reverse("infopoint_staff:topic_edit", args=[topic.pk])
    sign_in(client, consultant)
    assert client.get(url).status_code == 403
    sign_in(client, manager)
    client.post(url, {"slug": "housing", "position": 9, "active": "on", "name_pl": "Mieszkanie",
                      "name_uk": "Житло й оренда", "name_ru": "", "name_en": "Housing"})  # fmt: skip
    topic.refresh_from_db()
    assert topic.names == {"pl": "Mieszkanie", "uk": "Житло й оренда", "en": "Housing"}
    assert "Житло й оренда" in client.get("/uk/information-point/book/").content.decode()
    assert "Mieszkanie" in client.get("/ru/information-point/book/").content.decode()  # falls back to Polish


@pytest.mark.parametrize("week", ["2026-13-45", "yesterday", "", "2026-02-30"])
def test_the_week_survives_any_date_in_the_address(consultant_client, week):
    response = consultant_client.get(reverse("infopoint_staff:week"), {"week": week, "consultant": "x"})
    assert response.status_code == 200


def test_a_consultant_completes_eligibility_from_the_consultation_page(client, consultant):
    """What a new user met (5.9): people who booked online are "not known yet", completed on the spot."""
    person = make_person(citizenship="", residence_status="unknown", region="unknown", birth_date=None)
    consultation = make_consultation(consultant=consultant, person=person, status="booked")
    row = Participation.objects.get(source_id=str(consultation.pk))
    assert row.eligibility_code == "citizenship_unknown"
    sign_in(client, consultant)
    url = reverse("infopoint_staff:consultation", args=[consultation.pk])
    page = client.get(url).content.decode()
    assert "Kwalifikowalność jeszcze nieznana" in page and "obywatelstwo jeszcze nieznane" in page
    complete = reverse("infopoint_staff:consultation_person", args=[consultation.pk])
    typed = {"citizenship": "UA", "second_citizenship": "UA", "residence_status": "temporary_protection",
             "residence_valid_until": "2027-03-04", "municipality": "Oleśnica", "region": "lower_silesia"}
    response = client.post(complete, typed)
    assert response.status_code == 200 and 'value="Oleśnica"' in response.content.decode()  # nothing typed is lost
    assert 'value="2027-03-04"' in response.content.decode()
    client.post(complete, {**typed, "second_citizenship": ""})
    person.refresh_from_db()
    row.refresh_from_db()
    assert person.is_eligible and (row.eligible, row.citizenship) == (True, "UA")
    assert AuditEvent.objects.filter(action="person.update", object_id=str(person.pk), actor=consultant).exists()
