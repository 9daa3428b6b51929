"""Polish courses (issue 10): groups and their lessons, applying with the fee and its reason,
the waiting list through the seat engine, placement, attendance on a phone, levels, R.2.8's flag,
completion and the certificate that anyone can verify."""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from restart.core.errors import DomainError
from restart.core.roles import Role
from restart.courses import services
from restart.courses.forms import suggested_level
from restart.courses.holidays import is_holiday
from restart.courses.models import Assessment, Attendance, Certificate, Course, Enrollment, improved_by_a_whole_level
from restart.people.models import Participation
from restart.registrations import links
from restart.registrations import services as seats
from restart.registrations.models import Registration
from tests.conftest import make_staff, run_worker, sign_in
from tests.people_factories import make_person


def make_course(slug="lets-mow") -> Course:
    return services.course_create(data={"slug": slug, "cycle": "autumn 2026", "titles": {
        "pl": "Let's mów", "uk": "Let's mów — польська", "ru": "Let's mów — польский", "en": "Let's mów"}}, by=None)


def make_group(course=None, *, code="A1-1", capacity=12, teacher=None, first=None, weeks=12, weekdays=(0, 2),
               **fields):  # fmt: skip
    first = first or timezone.localdate() + datetime.timedelta(days=7)
    data = {"code": code, "level": "a1", "weekdays": list(weekdays), "lesson_starts": datetime.time(17, 30),
            "lesson_minutes": 90, "starts_on": first, "ends_on": first + datetime.timedelta(weeks=weeks),
            "place": "ul. Ruska 46a, Wrocław", "capacity": capacity, "teacher": teacher, "fee": Decimal("600"),
            "subsidised_fee": Decimal("60"), **fields}  # fmt: skip
    return services.group_create(course=course or make_course(), data=data, by=None)


def _eligible(**fields):
    return make_person(citizenship="UA", residence_status="temporary_protection", municipality="Wrocław",
                       region="lower_silesia", **fields)  # fmt: skip


def _enrol(group, person):
    return services.enrollment_add(group=group, person=person, by=None)


def _started(group):
    """The group began a month ago (people were enrolled before it did)."""
    group.starts_on = timezone.localdate() - datetime.timedelta(days=30)
    group.save(update_fields=["starts_on"])


def _held(enrollment, lesson):
    """Make a lesson one that has taken place (attendance is marked during or after it)."""
    _started(lesson.group)
    lesson.starts_at = timezone.now() - datetime.timedelta(hours=2)
    lesson.ends_at = lesson.starts_at + datetime.timedelta(minutes=90)
    lesson.save()
    return lesson


def test_lessons_follow_the_schedule_and_skip_polish_public_holidays(db):
    group = make_group(first=datetime.date(2030, 4, 29), weeks=1, weekdays=(2, 3))  # Wed 1 May, Fri 3 May 2030
    days = [timezone.localtime(lesson.starts_at).date() for lesson in group.lessons.all()]
    assert datetime.date(2030, 5, 1) not in days and datetime.date(2030, 5, 2) in days
    assert is_holiday(datetime.date(2030, 5, 3)) and is_holiday(datetime.date(2030, 4, 22))  # Easter Monday 2030
    assert all(timezone.localtime(lesson.starts_at).time() == datetime.time(17, 30) for lesson in group.lessons.all())


@pytest.mark.parametrize("problem", ["no_lesson", "teacher_twice", "too_many_seats", "no_place"])
def test_a_group_that_cannot_run_is_refused_with_the_reason_and_nothing_saved(db, problem):
    teacher = make_staff("teacher@example.org", Role.TEACHER)
    course = make_course()
    make_group(course, code="A1-1", teacher=teacher)
    fields = {
        "no_lesson": {"weekdays": (6,), "first": datetime.date(2030, 12, 25), "weeks": 0},  # one day, a Wednesday
        "teacher_twice": {"teacher": teacher, "weekdays": (0,)},
        "too_many_seats": {"capacity": 13},
        "no_place": {"place": ""},
    }[problem]
    key = {"no_lesson": "weekdays", "teacher_twice": "teacher", "too_many_seats": "capacity", "no_place": "place"}
    with pytest.raises(DomainError) as refusal:
        make_group(course, code="A1-2", **fields)
    assert key[problem] in refusal.value.message_dict
    assert course.groups.count() == 1


def test_an_eligible_migrant_applies_in_ukrainian_and_sees_the_subsidised_fee_and_why(client, db):
    group = make_group()
    response = client.post(f"/uk/courses/groups/{group.pk}/", {
        "full_name": "Олена Коваленко", "email": "olena@example.org", "citizenship": "UA",
        "residence_status": "temporary_protection", "municipality": "Wrocław", "lives_in_lower_silesia": "yes",
        "consent": "on", "q1": "yes", "q2": "partly", "q3": "no",
    })  # fmt: skip
    enrollment = Enrollment.objects.get()
    assert response["Location"] == reverse("registrations:manage",
                                           kwargs={"token": links.manage_token(enrollment.registration)})
    assert enrollment.subsidised and enrollment.fee_amount == Decimal("60") and enrollment.suggested_level == "a2"
    assert enrollment.fee_basis == "eligible" and enrollment.registration.status == "confirmed"
    page = client.get(response["Location"]).content.decode()
    assert "60" in page and "Wrocław" in page
    row = Participation.objects.get(person=enrollment.registration.person)
    assert row.kind == "course" and row.language_course and row.eligible  # the snapshot learnt what she told
    run_worker()
    (message,) = [m for m in mail.outbox if m.to == ["olena@example.org"]]
    assert message.attachments[0][0] == "lessons.ics" and message.attachments[0][1].count("BEGIN:VEVENT") > 20
    assert "&#" not in message.body


def test_someone_not_eligible_or_not_known_yet_pays_the_full_fee_and_is_told_why(db):
    group = make_group()
    german = services.enrollment_apply(group=group, full_name="Hans Müller", email="hans@example.org", phone="",
                                       language="en", facts={"citizenship": "DE"})  # fmt: skip
    unknown = services.enrollment_apply(group=group, full_name="Ali Karimov", email="ali@example.org", phone="",
                                        language="ru")  # fmt: skip
    with translation.override("en"):
        assert (german.subsidised, german.fee_amount) == (False, Decimal("600"))
        assert services.fee_explanation(german).startswith("Full fee: citizen of Germany (EU/EEA/Switzerland)")
        assert unknown.fee_amount == Decimal("600") and "Bring your passport" in services.fee_explanation(unknown)


def test_a_form_never_overwrites_what_a_consultant_recorded(db):
    person = make_person(full_name="Iryna Melnyk", email="iryna@example.org", citizenship="BY", municipality="")
    services.enrollment_apply(group=make_group(), full_name="Iryna Melnyk", email="iryna@example.org", phone="",
                              language="uk", facts={"citizenship": "UA", "municipality": "Oleśnica"})  # fmt: skip
    person.refresh_from_db()
    assert person.citizenship == "BY" and person.municipality == "Oleśnica"


def test_a_full_group_waitlists_and_a_freed_seat_is_offered_in_order(db):
    group = make_group(capacity=1)
    first = _enrol(group, _eligible(full_name="First", email="first@example.org"))
    waiting = _enrol(group, _eligible(full_name="Second", email="second@example.org"))
    assert waiting.registration.status == "waitlisted"
    services.enrollment_withdraw(enrollment=first)
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == "offered"
    seats.registration_confirm_offer(registration=waiting.registration)
    waiting.registration.refresh_from_db()
    assert waiting.registration.status == "confirmed"


def test_the_questionnaire_never_places_above_what_the_easier_statements_allow():
    assert suggested_level({"q1": "no", "q2": "yes", "q3": "yes"}) == "pre_a1"
    assert suggested_level({"q1": "yes"}) == "a1"
    assert suggested_level({"q1": "yes", "q2": "yes", "q3": "partly"}) == "b1"
    assert suggested_level(dict.fromkeys(("q1", "q2", "q3", "q4", "q5"), "yes")) == "b2"


def test_r28_counts_a_whole_cefr_level():
    assert improved_by_a_whole_level("pre_a1", "a1") and improved_by_a_whole_level("a2_plus", "b1")
    assert not improved_by_a_whole_level("a2", "a2_plus") and not improved_by_a_whole_level("", "b1")


def test_a_teacher_marks_attendance_with_one_tap_and_the_ledger_follows(client, db):
    teacher = make_staff("teacher@example.org", Role.TEACHER)
    group = make_group(teacher=teacher)
    enrollment = _enrol(group, _eligible(full_name="Taras Shevchenko", email="taras@example.org"))
    lesson = _held(enrollment, group.lessons.first())
    sign_in(client, teacher)
    with translation.override("en"):
        url = reverse("courses_staff:lesson", args=[lesson.pk])
        mark = reverse("courses_staff:lesson_mark", args=[lesson.pk])
    page = client.get(url).content.decode()
    assert "Taras Shevchenko" in page and 'value="present"' in page
    response = client.post(mark, {"enrollment": enrollment.pk, "status": "present"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and 'aria-pressed="true"' in response.content.decode()
    client.post(mark, {"enrollment": enrollment.pk, "status": "excused"})  # a second tap replaces the first
    assert Attendance.objects.get().status == "excused"
    row = Participation.objects.get(person=enrollment.registration.person)
    assert row.status == "attended"


def test_attendance_for_someone_not_in_the_group_or_outside_the_course_is_refused(db):
    course = make_course()
    group, other = make_group(course, code="A1-1"), make_group(course, code="A2-1")
    stranger = _enrol(other, _eligible(email="stranger@example.org"))
    lesson = group.lessons.first()
    with pytest.raises(DomainError):
        services.attendance_mark(lesson=lesson, enrollment=stranger, status="present", by=None)
    mine = _enrol(group, _eligible(full_name="Mine", email="mine@example.org"))
    _started(group)
    lesson.starts_at = timezone.make_aware(datetime.datetime.combine(group.ends_on + datetime.timedelta(days=3),
                                                                     datetime.time(17, 30)))  # fmt: skip
    lesson.ends_at = lesson.starts_at + datetime.timedelta(minutes=90)
    lesson.save()
    with pytest.raises(DomainError):
        services.attendance_mark(lesson=lesson, enrollment=mine, status="present", by=None)
    assert not Attendance.objects.exists()


def test_a_teacher_sees_only_their_own_groups(client, db):
    mine, theirs = make_staff("mine@example.org", Role.TEACHER), make_staff("theirs@example.org", Role.TEACHER)
    course = make_course()
    group = make_group(course, code="A1-1", teacher=mine)
    other = make_group(course, code="B1-1", teacher=theirs)
    sign_in(client, mine)
    listing = client.get(reverse("courses_staff:list")).content.decode()
    assert "A1-1" in listing and "B1-1" not in listing
    assert client.get(reverse("courses_staff:group", args=[group.pk])).status_code == 200
    assert client.get(reverse("courses_staff:group", args=[other.pk])).status_code == 404
    assert client.get(reverse("courses_staff:lesson", args=[other.lessons.first().pk])).status_code == 404


def test_an_exit_level_needs_an_entry_level_and_a_whole_level_gained_sets_the_ledger_flag(db):
    group = make_group()
    enrollment = _enrol(group, _eligible(email="level@example.org"))
    today = timezone.localdate()
    with pytest.raises(DomainError):
        services.assessment_record(enrollment=enrollment, kind="exit", level="a2", test="written", taken_on=today,
                                   score=70, by=None)  # fmt: skip
    services.assessment_record(enrollment=enrollment, kind="entry", level="a1", test="placement", taken_on=today,
                               score=None, by=None)  # fmt: skip
    services.assessment_record(enrollment=enrollment, kind="exit", level="a1_plus", test="written", taken_on=today,
                               score=80, by=None)  # fmt: skip
    row = Participation.objects.get(person=enrollment.registration.person)
    assert not row.language_level_improved
    services.assessment_record(enrollment=enrollment, kind="exit", level="a2", test="written", taken_on=today,
                               score=85, by=None)  # fmt: skip
    row.refresh_from_db()
    assert row.language_level_improved and Assessment.objects.filter(enrollment=enrollment).count() == 2


def _completed(group, person):
    enrollment = _enrol(group, person)
    _started(group)
    lessons = list(group.lessons.order_by("starts_at")[:5])
    for number, lesson in enumerate(lessons):
        lesson.starts_at = timezone.now() - datetime.timedelta(days=10 - number)
        lesson.ends_at = lesson.starts_at + datetime.timedelta(minutes=90)
        lesson.save()
    for lesson in lessons:
        services.attendance_mark(lesson=lesson, enrollment=enrollment, status="present", by=None)
    group.lessons.exclude(pk__in=[lesson.pk for lesson in lessons]).update(cancelled_at=timezone.now())  # it ended
    today = timezone.localdate()
    services.assessment_record(enrollment=enrollment, kind="entry", level="pre_a1", test="placement", taken_on=today,
                               score=None, by=None)  # fmt: skip
    return enrollment


def test_completion_needs_the_end_of_the_course_the_attendance_threshold_and_an_exit_level(db):
    group = make_group()
    early = _enrol(group, _eligible(full_name="Early Bird", email="early@example.org"))
    services.assessment_record(enrollment=early, kind="entry", level="a1", test="placement",
                               taken_on=timezone.localdate(), score=None, by=None)  # fmt: skip
    services.assessment_record(enrollment=early, kind="exit", level="a2", test="written",
                               taken_on=timezone.localdate(), score=90, by=None)  # fmt: skip
    with translation.override("en"):
        assert "has not ended yet" in services.completion_check(early)[1]
    enrollment = _completed(group, _eligible(email="done@example.org"))
    with pytest.raises(DomainError):
        services.certificate_issue(enrollment=enrollment, by=None)  # no exit level yet
    services.assessment_record(enrollment=enrollment, kind="exit", level="a1", test="written",
                               taken_on=timezone.localdate(), score=90, by=None)  # fmt: skip
    certificate = services.certificate_issue(enrollment=enrollment, by=None)
    assert certificate.hours == Decimal("7.5") and certificate.level == "a1"
    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None


def test_the_certificate_pdf_names_the_person_in_their_own_script_and_its_page_verifies_it(client, db):
    from pypdf import PdfReader

    group = make_group()
    enrollment = _completed(group, _eligible(full_name="Олена Ковальчук-Żółkiewska", email="cert@example.org"))
    services.assessment_record(enrollment=enrollment, kind="exit", level="a1", test="written",
                               taken_on=timezone.localdate(), score=90, by=None)  # fmt: skip
    certificate = services.certificate_issue(enrollment=enrollment, by=None)
    token = links.manage_token(enrollment.registration)
    response = client.get(reverse("courses:certificate", args=[token]))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Олена Ковальчук-Żółkiewska" in text and "Zaświadczenie" in text and certificate.code in text
    reader = Client()  # someone holding the paper: no cookie of ours, a browser in Ukrainian, then English
    check = reader.get(f"/verify/{certificate.code}", HTTP_ACCEPT_LANGUAGE="uk").content.decode()
    assert "Олена Ковальчук-Żółkiewska" in check and "cert@example.org" not in check and 'lang="uk"' in check
    services.certificate_revoke(certificate=certificate, reason="Issued by mistake", by=None)
    revoked = Client().get(f"/verify/{certificate.code}", HTTP_ACCEPT_LANGUAGE="en")
    assert "withdrawn" in revoked.content.decode() and "Issued by mistake" not in revoked.content.decode()
    assert client.get(reverse("courses:certificate", args=[token])).status_code == 404
    assert client.get("/verify/AAAA-BBBB-CCCC").status_code == 404


def test_a_cancelled_lesson_tells_the_group_each_in_their_language(db):
    group = make_group()
    _enrol(group, _eligible(full_name="Ірина", email="iryna@example.org", preferred_language="uk"))
    run_worker()
    mail.outbox.clear()
    services.lesson_cancel(lesson=group.lessons.first(), by=None)
    run_worker()
    (message,) = mail.outbox
    assert "Урок скасовано" in message.subject or "скасовано" in message.subject.lower()


def test_an_enrollment_is_in_the_persons_export_and_erasure_withdraws_the_certificate(db):
    from restart.people.services.gdpr import person_erase, person_export_sections

    group = make_group()
    person = _eligible(full_name="Erased Person", email="erase@example.org")
    enrollment = _completed(group, person)
    services.assessment_record(enrollment=enrollment, kind="exit", level="a1", test="written",
                               taken_on=timezone.localdate(), score=90, by=None)  # fmt: skip
    certificate = services.certificate_issue(enrollment=enrollment, by=None)
    manager = make_staff("manager@example.org", Role.MANAGER)
    sections = {section.key: section for section in person_export_sections(person, viewer=manager)}
    assert sections["courses"].rows[0]["certificate"] == certificate.code
    person_erase(person=person, by=manager)
    certificate.refresh_from_db()
    assert certificate.revoked_at and "Erased" not in certificate.full_name
    assert Registration.objects.get(pk=enrollment.registration_id).status == "attended"  # figures stay
    assert Certificate.objects.count() == 1


def test_the_groups_api_lists_open_groups_with_seats_and_filters(client, db):
    course = make_course()
    make_group(course, code="A1-1")
    online = make_group(course, code="B1-1", level="b1", place="", online_url="https://meet.example.org/b1")
    _enrol(online, _eligible(email="online@example.org"))
    body = client.get("/api/v1/courses/groups?lang=uk").json()
    assert [group["code"] for group in body["results"]] == ["A1-1", "B1-1"] and body["count"] == 2
    b1 = body["results"][1]
    assert b1["course_title"] == "Let's mów — польська" and b1["online"] and b1["place"] == ""
    assert (b1["seats"], b1["free"], b1["waiting"], b1["weekdays"]) == (12, 11, 0, [0, 2])
    assert "meet.example.org" not in str(body)  # the link is for participants only
    only = client.get("/api/v1/courses/groups?level=b1&online=true").json()
    assert [group["code"] for group in only["results"]] == ["B1-1"]
    assert client.get("/api/v1/courses/groups?level=x9").status_code == 422


def test_each_participant_and_teacher_has_a_private_calendar_of_lessons(client, db):
    from icalendar import Calendar

    from restart.courses import calendars

    teacher = make_staff("teacher@example.org", Role.TEACHER)
    group = make_group(teacher=teacher)
    enrollment = _enrol(group, _eligible(email="cal@example.org"))
    lessons = group.lessons.count()
    mine = client.get(reverse("courses:participant_calendar", args=[calendars.enrollment_code(enrollment)]))
    assert len(Calendar.from_ical(mine.content).walk("VEVENT")) == lessons
    code = calendars.teacher_code(teacher)
    assert len(Calendar.from_ical(client.get(reverse("courses:teacher_calendar", args=[code])).content)
               .walk("VEVENT")) == lessons  # fmt: skip
    real = calendars.enrollment_code(enrollment)
    forged = real[:-1] + ("1" if real[-1] == "0" else "0")  # one hex digit changed, never the same code
    assert client.get(reverse("courses:participant_calendar", args=[forged])).status_code == 404
    teacher.set_password("a-new-long-Passw0rd!")
    teacher.save()
    assert client.get(reverse("courses:teacher_calendar", args=[code])).status_code == 404


def test_a_polish_date_and_time_have_one_space_between_them():
    from django.utils import formats

    with translation.override("pl"):
        assert formats.date_format(datetime.datetime(2027, 1, 4, 17, 30), "SHORT_DATETIME_FORMAT") == "04-01-2027 17:30"


def test_a_coordinator_changes_the_teacher_and_seats_and_fewer_seats_than_taken_is_refused(client, db):
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    busy, free = make_staff("busy@example.org", Role.TEACHER), make_staff("free@example.org", Role.TEACHER)
    course = make_course()
    make_group(course, code="B1-1", teacher=busy)  # same days and time
    group = make_group(course, code="A1-1", capacity=2)
    for number in range(2):
        _enrol(group, _eligible(full_name=f"Seat {number}", email=f"seat{number}@example.org"))
    sign_in(client, coordinator)
    with translation.override("en"):
        url = reverse("courses_staff:group", args=[group.pk])
    clash = client.post(url, {"teacher": busy.pk, "capacity": 2}).content.decode()
    assert "already teaches group B1-1" in clash
    fewer = client.post(url, {"teacher": free.pk, "capacity": 1}).content.decode()
    assert "2 seats are already taken" in fewer
    group.refresh_from_db()
    assert group.teacher is None and group.quota.capacity == 2  # nothing saved half-way
    assert client.post(url, {"teacher": free.pk, "capacity": 3}).status_code == 302
    group.refresh_from_db()
    assert group.teacher == free and group.quota.capacity == 3


def test_the_course_feedback_is_asked_at_the_last_lesson_not_after_the_first(client, db):
    group = make_group()
    enrollment = _enrol(group, _eligible(email="fb@example.org"))
    lesson = _held(enrollment, group.lessons.first())
    services.attendance_mark(lesson=lesson, enrollment=enrollment, status="present", by=None)
    token = links.manage_token(enrollment.registration)
    assert 'name="helpful"' not in client.get(reverse("registrations:manage", args=[token])).content.decode()
    group.lessons.exclude(pk=lesson.pk).update(cancelled_at=timezone.now())  # the held lesson is now the last
    assert 'name="helpful"' in client.get(reverse("registrations:manage", args=[token])).content.decode()


@pytest.mark.django_db(transaction=True)
def test_120_people_applying_at_once_to_a_12_seat_group_fill_exactly_12_seats():
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("real row locks: this runs in the PostgreSQL pass of `make test`")
    group = make_group(capacity=12)
    barrier, errors = threading.Barrier(120), []

    def apply(number):
        try:
            barrier.wait()
            services.enrollment_apply(group=group, full_name=f"Applicant {number}", email=f"a{number}@example.org",
                                      phone="", language="uk")  # fmt: skip
        except Exception as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(number,)) for number in range(120)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    statuses = list(Registration.objects.filter(quota=group.quota).values_list("status", flat=True))
    assert statuses.count("confirmed") == 12 and statuses.count("waitlisted") == 108
    assert Enrollment.objects.filter(registration__quota=group.quota).count() == 120


def test_a_draft_course_and_its_groups_leave_the_catalogue_and_the_api(client, db):
    coordinator = make_staff("coordinator@example.org", Role.COORDINATOR)
    group = make_group()
    sign_in(client, coordinator)
    form = {"cycle": "autumn 2026", "attendance_threshold": "75", "status": "draft", "title_pl": "Let's mów",
            "title_uk": "Польська"}  # fmt: skip
    assert client.post(reverse("courses_staff:course_edit", args=[group.course.pk]), form).status_code == 302
    group.course.refresh_from_db()
    assert group.course.attendance_threshold == 75 and group.course.titles == {"pl": "Let's mów", "uk": "Польська"}
    assert client.get("/api/v1/courses/groups").json()["count"] == 0
    assert client.get(f"/uk/courses/groups/{group.pk}/").status_code == 404


def test_a_teacher_sees_levels_and_attendance_but_not_the_fee_or_why(client, db):
    teacher = make_staff("teacher@example.org", Role.TEACHER)
    group = make_group(teacher=teacher)
    enrollment = _enrol(group, _eligible(full_name="Private Person", email="private@example.org"))
    sign_in(client, teacher)
    with translation.override("en"):
        page = client.get(reverse("courses_staff:enrollment", args=[enrollment.pk])).content.decode()
    assert "Private Person" in page and "Record a level" in page
    assert "temporary protection" not in page
    # A word, not three letters anywhere: the CSRF token once held "PLN".
    assert not re.search(r"\bPLN\b", page)
    assert reverse("people:detail", args=[enrollment.registration.person_id]) not in page


def test_the_groups_api_gives_the_lesson_time_as_hours_and_minutes(client, db):
    make_group()
    assert client.get("/api/v1/courses/groups").json()["results"][0]["lesson_starts"] == "17:30"
