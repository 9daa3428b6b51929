"""The activity ledger's contract (docs/architecture.md): statuses, dates, the snapshot, titles."""

import datetime

import pytest
from django.utils import timezone

from restart.infopoint.services import records
from restart.people import ledger
from restart.people.models import Participation, Person
from restart.people.services import gdpr, participation_record, person_update
from restart.topics.models import Topic
from tests.infopoint_factories import make_consultation
from tests.people_factories import make_person

DAY = datetime.date(2026, 3, 2)


def _record(person, status="attended", **fields):
    return participation_record(person=person, kind="event", source=person, status=status, starts_on=DAY, **fields)


def test_the_snapshot_keeps_the_person_as_they_were(db, manager):
    person = make_person(birth_date=datetime.date(1990, 5, 17), residence_valid_until=datetime.date(2026, 6, 30))
    row = _record(person)
    assert (row.eligible, row.eligibility_code, row.citizenship, row.sex) == (True, "eligible", "UA", "female")
    assert (row.residence_status, row.age_band, row.target_group) == ("temporary_protection", "30-54", "tcn")

    # The permit expires, the record is corrected, then the person is erased: last year's row stands.
    person_update(person=person, data={"citizenship": "DE", "sex": "male", "residence_status": "other"}, by=manager)
    _record(person)  # written again by its service, same status
    gdpr.person_erase(person=Person.objects.get(pk=person.pk), by=manager)
    row.refresh_from_db()
    assert (row.eligible, row.citizenship, row.sex, row.residence_status) == (True, "UA", "female",
                                                                               "temporary_protection")  # fmt: skip


def test_eligibility_is_judged_on_the_day_of_the_activity(db):
    person = make_person(residence_valid_until=DAY - datetime.timedelta(days=1))
    row = _record(person)
    assert (row.eligible, row.eligibility_code) == (False, "stay_expired")
    assert person.assess(on=DAY - datetime.timedelta(days=5)).eligible


def test_what_was_not_known_is_filled_in_when_the_service_writes_again_but_nothing_is_overwritten(db, manager):
    person = make_person(citizenship="", sex="not_stated", birth_date=None, residence_status="unknown")
    row = _record(person, status="registered")
    assert (row.eligibility_code, row.citizenship, row.age_band) == ("citizenship_unknown", "", "unknown")
    assert person.assess().not_known_yet
    person_update(person=person, data={"citizenship": "UA", "residence_status": "temporary_protection",
                                       "birth_date": datetime.date(2000, 1, 1)}, by=manager)  # fmt: skip
    row = _record(Person.objects.get(pk=person.pk), status="registered")
    assert (row.eligible, row.citizenship, row.age_band) == (True, "UA", "18-29")
    person_update(person=Person.objects.get(pk=person.pk), data={"citizenship": "BY"}, by=manager)
    row = _record(Person.objects.get(pk=person.pk), status="registered")
    assert row.citizenship == "UA"  # known once, kept


def test_a_status_change_takes_a_fresh_snapshot(db, manager):
    person = make_person(citizenship="", residence_status="unknown")
    first = _record(person, status="registered")
    Participation.objects.filter(pk=first.pk).update(snapshot_on=DAY - datetime.timedelta(days=30))
    person_update(person=person, data={"citizenship": "GE", "residence_status": "visa"}, by=manager)
    row = _record(Person.objects.get(pk=person.pk), status="attended")
    assert (row.citizenship, row.residence_status, row.eligible) == ("GE", "visa", True)
    assert row.snapshot_on == timezone.localdate()  # the date of the snapshot it now holds


def test_a_refused_item_is_recorded_as_refused_not_missing(db):
    person = make_person(citizenship="", refused=["citizenship"])
    row = _record(person)
    assert row.eligibility_code == "citizenship_refused" and row.refused == ["citizenship"]
    assert not person.assess().not_known_yet


@pytest.mark.parametrize(
    ("status", "starts", "ends", "counted"),
    [
        ("attended", DAY, DAY, True),
        ("registered", DAY, DAY, False),
        ("cancelled", DAY, DAY, False),
        ("absent", DAY, DAY, False),
        ("attended", DAY - datetime.timedelta(days=90), DAY + datetime.timedelta(days=30), True),  # a course across
        ("attended", DAY + datetime.timedelta(days=60), DAY + datetime.timedelta(days=60), False),  # after the period
    ],
)
def test_only_activities_taken_part_in_and_overlapping_the_period_count(db, status, starts, ends, counted):
    person = make_person()
    participation_record(person=person, kind="course", source=person, status=status, starts_on=starts, ends_on=ends)
    q = ledger.counted_q(start=DAY, end=DAY + datetime.timedelta(days=30), today=DAY + datetime.timedelta(days=365))
    assert Participation.objects.filter(q).exists() is counted


def test_a_future_activity_counts_in_nothing_yet(db):
    person = make_person()
    today = timezone.localdate()
    participation_record(person=person, kind="event", source=person, status="attended",
                         starts_on=today + datetime.timedelta(days=3))  # fmt: skip
    q = ledger.counted_q(start=today, end=today + datetime.timedelta(days=30), today=today)
    assert not Participation.objects.filter(q).exists()


def test_a_consultations_status_reads_the_same_in_the_ledger(db, consultant):
    consultation = make_consultation(consultant=consultant, status="booked")
    row = Participation.objects.get(source_type="infopoint.consultation", source_id=str(consultation.pk))
    assert row.status == "registered"
    work = Topic.objects.get(slug="work")
    for status, expected in (("no_show", "absent"), ("attended", "attended"), ("cancelled", "cancelled")):
        records.consultation_record_update(consultation=consultation, data={"status": status}, topics=[work],
                                           by=consultant)  # fmt: skip
        row.refresh_from_db()
        assert row.status == expected
    assert not row.professional_guidance  # guidance counts only when attended


def test_unknown_ledger_flags_are_refused(db):
    person = make_person()
    with pytest.raises(TypeError):
        _record(person, attended=True)
