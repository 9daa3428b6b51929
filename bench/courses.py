"""Polish courses at 100 groups × 12 people × 40 lessons: the teacher's and the coordinator's
pages keep their query counts, one attendance tap on a phone, and a certificate's PDF."""

import datetime
import gc
import random
import sys
import time
from decimal import Decimal

from django.db import connection, reset_queries
from django.db.models import Max
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.people import _people

# A teacher's four evening slots (weekdays, start): 90-minute lessons that never overlap.
SLOTS = [((0, 2), datetime.time(17, 30)), ((0, 2), datetime.time(19, 15)), ((1, 3), datetime.time(17, 30)),
         ((1, 3), datetime.time(19, 15))]  # fmt: skip
LESSONS, SEATS, MINUTES = 40, 12, 90
PLACE = "ul. Ruska 46a, Wrocław"
TITLES = {"pl": "Let's mów — kurs języka polskiego", "uk": "Let's mów — курс польської мови",
          "ru": "Let's mów — курс польского языка", "en": "Let's mów — Polish course"}  # fmt: skip
STATUSES = ["present", "absent", "excused"]


def _signed_in(email: str, role: str) -> tuple[Client, object]:
    """A staff member with one role, signed in with two-factor (as bench.people._staff_client)."""
    from django.contrib.auth.models import Group
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from restart.core.roles import roles_sync
    from restart.staff.models import User

    roles_sync()
    user = User.objects.create_user(email, "x", full_name=f"Bench {role}")
    user.groups.add(*Group.objects.filter(name=role))
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client, user


def _schedule(weekdays, starts: datetime.time, first: datetime.date) -> tuple[list, datetime.date]:
    """The first 40 lessons of a schedule from `first` (holidays skipped), and the day of the last."""
    from restart.courses.services import lesson_times

    times = lesson_times(weekdays=list(weekdays), starts=starts, minutes=MINUTES, first=first,
                         last=first + datetime.timedelta(weeks=30))[:LESSONS]  # fmt: skip
    assert len(times) == LESSONS
    return times, timezone.localtime(times[-1][0]).date()


def _first_day() -> datetime.date:
    """The cycle began on a Monday ten weeks ago: about half of the 40 lessons are held."""
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=10)


def _new_people(rng, count: int):
    from restart.people.models import Person

    before = Person.objects.aggregate(n=Max("pk"))["n"] or 0
    _people(rng, count, 300_000 + before)
    return iter(Person.objects.filter(pk__gt=before).order_by("pk"))


def _held(group, *, skip=None) -> list:
    lessons = group.lessons.filter(cancelled_at__isnull=True, starts_at__lte=timezone.now()).order_by("starts_at")
    return [lesson for lesson in lessons if lesson != skip]


def _status(rng: random.Random) -> str:
    roll = rng.random()  # as the demo cycle: 86 % present, 7 % excused, 7 % absent
    return "present" if roll < 0.86 else "excused" if roll < 0.93 else "absent"


def _small_cycle(rng, coordinator, teacher) -> tuple:
    """4 groups of the teacher × 3 people × 40 lessons, through the services; every lesson held so
    far is marked, but the latest one of the first group (the one the teacher opens on the phone)."""
    from restart.courses import services
    from restart.courses.models import GROUP_LEVELS, Enrollment

    course = services.course_create(data={"slug": "bench-lets-mow", "cycle": "bench", "titles": TITLES},
                                    by=coordinator)  # fmt: skip
    first, groups = _first_day(), []
    for number, (weekdays, starts) in enumerate(SLOTS):
        level = GROUP_LEVELS[number]
        groups.append(services.group_create(course=course, by=coordinator, data={
            "code": f"{level.label}-{number + 1}", "level": level, "weekdays": list(weekdays), "lesson_starts": starts,
            "lesson_minutes": MINUTES, "starts_on": first, "ends_on": _schedule(weekdays, starts, first)[1],
            "capacity": SEATS, "place": PLACE, "teacher": teacher, "fee": Decimal("600"),
            "subsidised_fee": Decimal("60")}))  # fmt: skip
    people = _new_people(rng, len(groups) * 3)
    for group in groups:
        for _number in range(3):
            enrollment = services.enrollment_add(group=group, person=next(people), by=coordinator)
            services.enrollment_place(enrollment=enrollment, level=group.level, accept=True, by=coordinator)
    measured = _held(groups[0])[-1]
    for group in groups:
        for lesson in _held(group, skip=measured):
            # Fetched again for each lesson: attendance_mark reads the registration's status it is given.
            for enrollment in Enrollment.objects.filter(registration__quota=group.quota).select_related("registration"):
                services.attendance_mark(lesson=lesson, enrollment=enrollment, status=_status(rng), by=teacher)
    return course, groups, measured


def _teachers(count: int) -> list:
    from django.contrib.auth.models import Group

    from restart.core.roles import Role
    from restart.staff.models import User

    users = User.objects.bulk_create([User(email=f"bench-teacher-{number}@example.org", full_name=f"Lektor {number}",
                                           password="!") for number in range(count)])  # fmt: skip
    role = Group.objects.get(name=Role.TEACHER)
    User.groups.through.objects.bulk_create([User.groups.through(user_id=user.pk, group_id=role.pk) for user in users])
    return users


def _groups(course, teachers: list) -> list:
    """Four groups for each teacher, each with its own quota and its 40 lessons, as group_create
    leaves them, in bulk."""
    from restart.courses.models import GROUP_LEVELS, Group, Lesson
    from restart.courses.services import OWNER_TYPE
    from restart.registrations.models import Quota

    first = _first_day()
    schedules = {slot: _schedule(*slot, first) for slot in SLOTS}
    plan = [(teacher, slot) for teacher in teachers for slot in SLOTS]
    quotas = Quota.objects.bulk_create([Quota(owner_type=OWNER_TYPE, owner_id=f"bench-new-{number}", capacity=SEATS)
                                        for number in range(len(plan))])  # fmt: skip
    groups = []
    for number, ((teacher, (weekdays, starts)), quota) in enumerate(zip(plan, quotas, strict=True)):
        level = GROUP_LEVELS[number % len(GROUP_LEVELS)]
        groups.append(Group(course=course, quota=quota, code=f"{level.label}-{number + 10}", level=level,
                            weekdays=",".join(map(str, weekdays)), lesson_starts=starts, lesson_minutes=MINUTES,
                            starts_on=first, ends_on=schedules[(weekdays, starts)][1], place=PLACE, teacher=teacher,
                            fee=Decimal("600"), subsidised_fee=Decimal("60")))  # fmt: skip
    Group.objects.bulk_create(groups)
    for group, quota in zip(groups, quotas, strict=True):
        quota.owner_id = str(group.pk)  # as group_create tells the seats whose they are
    Quota.objects.bulk_update(quotas, ["owner_id"])
    Lesson.objects.bulk_create([Lesson(group=group, starts_at=start, ends_at=end)
                                for group, (_teacher, slot) in zip(groups, plan, strict=True)
                                for start, end in schedules[slot][0]], batch_size=2000)  # fmt: skip
    return groups


def _fill(rng, groups: list, count: int, *, skip) -> None:
    """`count` more people in each group, enrolled, placed and accepted, marked at every lesson held
    so far (but `skip`), the first "present" making them attended, with their ledger rows: what
    enrollment_add, enrollment_place and attendance_mark leave, in bulk."""
    from restart.courses.models import Attendance, Enrollment, Lesson
    from restart.courses.services import fee_for
    from restart.people import ledger
    from restart.people.models import Participation
    from restart.registrations.models import Registration

    now = timezone.now()
    people = _new_people(rng, len(groups) * count)
    held: dict[int, list] = {}
    for lesson in Lesson.objects.filter(group__in=groups, cancelled_at__isnull=True, starts_at__lte=now).exclude(
            pk=skip.pk).order_by("starts_at"):  # fmt: skip
        held.setdefault(lesson.group_id, []).append(lesson)
    registrations, enrollments, participations, marks = [], [], [], []
    for group in groups:
        for _number in range(count):
            person = next(people)
            statuses = [(lesson, _status(rng)) for lesson in held.get(group.pk, [])]
            came = next((lesson for lesson, status in statuses if status == "present"), None)
            registrations.append(Registration(
                quota_id=group.quota_id, person=person, language=person.preferred_language,
                target_group=person.target_group, created_at=now,
                status=Registration.Status.ATTENDED if came else Registration.Status.CONFIRMED,
                checked_in_at=came.ends_at if came else None, checked_in_by_id=group.teacher_id if came else None,
            ))  # fmt: skip
            subsidised, amount, basis = fee_for(group, person)
            enrollments.append(Enrollment(placement_level=group.level, accepted_at=now, subsidised=subsidised,
                                          fee_amount=amount, fee_basis=basis))  # fmt: skip
            participations.append(Participation(
                person=person, kind=Participation.Kind.COURSE, starts_on=group.starts_on, ends_on=group.ends_on,
                status=Participation.Status.ATTENDED if came else Participation.Status.REGISTERED,
                source_type="registrations.registration", language_course=True, snapshot_on=now.date(),
                **ledger.snapshot(person, group.starts_on),
            ))  # fmt: skip
            marks.append([Attendance(lesson=lesson, status=status, marked_at=lesson.ends_at,
                                     marked_by_id=group.teacher_id) for lesson, status in statuses])  # fmt: skip
    Registration.objects.bulk_create(registrations, batch_size=2000)  # tickets: the model's default, unique
    for registration, enrollment, participation in zip(registrations, enrollments, participations, strict=True):
        enrollment.registration = registration
        participation.source_id = str(registration.pk)
    Enrollment.objects.bulk_create(enrollments, batch_size=2000)
    Participation.objects.bulk_create(participations, batch_size=2000)
    for enrollment, rows in zip(enrollments, marks, strict=True):
        for row in rows:
            row.enrollment = enrollment
    Attendance.objects.bulk_create([row for rows in marks for row in rows], batch_size=5000)


def _pages(teacher, coordinator, timed, course, group, lesson) -> list[dict]:
    pages = [
        ("a lesson's attendance page (teacher)", teacher, f"/pl/staff/courses/lessons/{lesson.pk}/"),
        ("the teacher's group list (4 groups)", teacher, "/pl/staff/courses/"),
        ("the group list (coordinator, every group)", coordinator, "/pl/staff/courses/"),
        ("the course page (coordinator, every group)", coordinator, f"/pl/staff/courses/{course.pk}/"),
        ("a group page (coordinator)", coordinator, f"/pl/staff/courses/groups/{group.pk}/"),
        ("the group's attendance grid (teacher)", teacher, f"/pl/staff/courses/groups/{group.pk}/attendance/"),
    ]
    rows = []
    gc.collect()  # the garbage of the bulk build is not the pages' cost
    for name, client, url in pages:
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append({"name": name, "queries": len(queries), **timed(lambda c=client, u=url: c.get(u), 30)})
    return rows


def _taps(client, timed, lesson, count: int = 100) -> dict:
    """`count` taps on the lesson's page as the phone sends them (htmx, one person and one status a
    request), cycling through the group: the first round marks everyone present, the next ones
    change each mark to absent, then excused, and so on."""
    from restart.courses.selectors import group_enrollments

    people = [enrollment.pk for enrollment in group_enrollments(lesson.group)]
    url = f"/pl/staff/courses/lessons/{lesson.pk}/mark/"
    taps, counts = iter(range(count)), []
    gc.collect()

    def tap() -> None:
        number = next(taps)
        status = STATUSES[(number // len(people)) % len(STATUSES)]
        reset_queries()
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"enrollment": people[number % len(people)], "status": status},
                                   HTTP_HX_REQUEST="true")  # fmt: skip
        counts.append(len(queries))
        assert response.status_code == 200 and b'tap--on" aria-pressed="true" aria-label="' in response.content, \
            response.content[:300]  # fmt: skip

    row = timed(tap, count)
    row["queries"] = max(counts)
    if min(counts) != max(counts):
        row["queries_min"] = min(counts)
    return row


def _certificate(coordinator, rng, group):
    """A certificate issued through the services, for someone of the group who came to at least
    80 % of the lessons so far, with entry and exit levels; a name in Cyrillic if there is one."""
    from restart.courses import services
    from restart.courses.models import Enrollment

    # The course ends here: its lessons not held yet are called off (a certificate needs the end).
    group.lessons.filter(starts_at__gt=timezone.now()).update(cancelled_at=timezone.now())
    candidates = Enrollment.objects.filter(registration__quota=group.quota_id).select_related(
        "registration__person", "registration__quota__course_group").order_by("pk")  # fmt: skip
    done = [e for e in candidates if services.attendance_summary(e)["share"] >= group.course.attendance_threshold]
    enrollment = next((e for e in done if not e.registration.person.full_name.isascii()), done[0])
    for kind, level, test in (("entry", "pre_a1", "placement"), ("exit", "a1", "written")):
        services.assessment_record(enrollment=enrollment, kind=kind, level=level, test=test,
                                   taken_on=group.starts_on, score=rng.randint(55, 90), by=group.teacher)  # fmt: skip
    return services.certificate_issue(enrollment=enrollment, by=coordinator)


def _pdf(timed, certificate) -> list[dict]:
    from restart.courses.certificates import render_pdf

    imported = "weasyprint" in sys.modules
    start = time.perf_counter()
    first = render_pdf(certificate)
    cold = (time.perf_counter() - start) * 1000
    assert first.startswith(b"%PDF"), first[:20]
    warm = timed(lambda: render_pdf(certificate), 10)
    return [
        {"name": "certificate PDF, first render (cold)", "p50_ms": round(cold, 2),
         "weasyprint_imported_before": imported},
        {"name": "certificate PDF, render_pdf (10 renders)", **warm, "pdf_bytes": len(first),
         "baseline_first_render_ms": round(cold, 2), "ratio": round(warm["p50_ms"] / cold, 2)},
    ]  # fmt: skip


def run(timed) -> dict:
    from restart.courses.models import Attendance, Group, Lesson

    rng = random.Random(10)
    coordinator_client, coordinator = _signed_in("bench-coordinator@example.org", "coordinator")
    teacher_client, teacher = _signed_in("bench-teacher@example.org", "teacher")
    course, groups, lesson = _small_cycle(rng, coordinator, teacher)
    small = {row["name"]: row for row in _pages(teacher_client, coordinator_client, timed, course, groups[0], lesson)}
    small_taps = _taps(teacher_client, timed, lesson)

    started = time.perf_counter()
    _fill(rng, groups, SEATS - 3, skip=lesson)  # the teacher's 4 groups: 9 more people each
    others = _groups(course, _teachers(24))  # 96 groups of 24 other teachers
    _fill(rng, others, SEATS, skip=lesson)
    built = time.perf_counter() - started
    data = {
        "groups": Group.objects.filter(course=course).count(),
        "lessons": Lesson.objects.filter(group__course=course).count(),
        "attendance": Attendance.objects.filter(lesson__group__course=course).count(),
    }
    assert data["groups"] == 100 and data["lessons"] == 100 * LESSONS, data
    assert groups[0].quota.registrations.count() == SEATS

    rows = _pages(teacher_client, coordinator_client, timed, course, groups[0], lesson)  # the same objects
    for row in rows:
        base = small[row["name"]]
        row.update(baseline_4x3_p50_ms=base["p50_ms"], baseline_queries=base["queries"],
                   ratio=round(row["p50_ms"] / base["p50_ms"], 2))  # fmt: skip
        row["name"] += " (100 groups × 12)"
    rows.append({"name": "growing to 100 groups × 12 × 40 (bulk)", "p50_ms": round(built * 1000)})
    taps = _taps(teacher_client, timed, lesson)
    rows.append({"name": "one attendance tap (12 people)", **taps, "baseline_3_people_p50_ms": small_taps["p50_ms"],
                 "baseline_3_people_p95_ms": small_taps["p95_ms"], "baseline_queries": small_taps["queries"],
                 "ratio": round(taps["p50_ms"] / small_taps["p50_ms"], 2)})  # fmt: skip
    rows += _pdf(timed, _certificate(coordinator, rng, others[0]))  # a pre-A1 group
    return {"rows": rows, "data": data, "measured_at": datetime.datetime.now().isoformat(timespec="seconds")}
