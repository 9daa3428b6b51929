"""Demo courses: a cycle running now (6 groups, pre-A1 to B1, one online, one full with a waiting
list), the next cycle open for applications, and a past cycle with attendance, levels and
certificates."""

import datetime
import random
from decimal import Decimal

from django.contrib.auth.models import Group as Role_group
from django.db import transaction
from django.utils import timezone

from restart.core.roles import Role
from restart.courses import services
from restart.courses.models import Attendance, Course
from restart.people.models import Person, TargetGroup
from restart.registrations.models import Registration
from restart.staff.models import User

PLACE = "ul. Ruska 46a, Wrocław"
ONLINE = "https://meet.example.org/lets-mow-b1"
TITLES = {"pl": "Let's mów — kurs języka polskiego", "uk": "Let's mów — курс польської мови",
          "ru": "Let's mów — курс польского языка", "en": "Let's mów — Polish course"}  # fmt: skip
DESCRIPTIONS = {
    "pl": "Kurs w małych grupach (do 12 osób), dwa razy w tygodniu po 90 minut, z certyfikatem na koniec.",
    "uk": "Курс у малих групах (до 12 осіб), двічі на тиждень по 90 хвилин, із сертифікатом наприкінці.",
    "ru": "Курс в малых группах (до 12 человек), два раза в неделю по 90 минут, с сертификатом в конце.",
    "en": "Small groups (up to 12), twice a week for 90 minutes, with a certificate at the end.",
}
# code, level, weekdays, start, teacher (0: Katarzyna, 1: Marek), online
GROUPS = [
    ("PRE-A1", "pre_a1", (0, 2), datetime.time(17, 30), 0, False),
    ("A1-1", "a1", (0, 2), datetime.time(19, 15), 0, False),
    ("A1-2", "a1", (1, 3), datetime.time(17, 30), 1, False),
    ("A2-1", "a2", (1, 3), datetime.time(19, 15), 1, False),
    ("A2-2", "a2", (5,), datetime.time(10, 0), 1, False),
    ("B1-ONLINE", "b1", (4,), datetime.time(18, 0), 0, True),
]
NEXT_LEVEL = {"pre_a1": "a1", "a1": "a2", "a2": "b1", "b1": "b2"}


def _teachers(password: str) -> list:
    katarzyna = User.objects.get(email="teacher@restart.example")
    marek, created = User.objects.get_or_create(email="teacher2@restart.example",
                                                defaults={"full_name": "Marek Nowicki", "language": "pl"})
    if created:
        marek.set_password(password)
        marek.save()
        marek.groups.add(Role_group.objects.get(name=Role.TEACHER))
    return [katarzyna, marek]


def _cycle(*, slug: str, cycle: str, first: datetime.date, weeks: int, groups, teachers) -> list:
    course = services.course_create(data={"slug": slug, "cycle": cycle, "titles": TITLES,
                                          "descriptions": DESCRIPTIONS}, by=None)  # fmt: skip
    made = []
    for code, level, weekdays, starts, teacher, online in groups:
        made.append(services.group_create(course=course, by=None, data={
            "code": code, "level": level, "weekdays": list(weekdays), "lesson_starts": starts, "lesson_minutes": 90,
            "starts_on": first, "ends_on": first + datetime.timedelta(weeks=weeks), "capacity": 12,
            "place": "" if online else PLACE, "online_url": ONLINE if online else "", "teacher": teachers[teacher],
            "fee": Decimal("600.00"), "subsidised_fee": Decimal("60.00"),
        }))  # fmt: skip
    return made


def _fill(group, people, count: int, coordinator) -> list:
    enrollments = []
    for person in people[:count]:
        enrollment = services.enrollment_add(group=group, person=person, by=coordinator)
        if enrollment.registration.holds_seat:
            services.enrollment_place(enrollment=enrollment, level=group.level, accept=True, by=coordinator)
        enrollments.append(enrollment)
    return enrollments


def _attend(group, enrollments, rng, teacher, until) -> None:
    for lesson in group.lessons.filter(starts_at__lt=until).order_by("starts_at"):
        for enrollment in enrollments:
            if enrollment.registration.holds_seat:
                roll = rng.random()
                status = Attendance.Status.PRESENT if roll < 0.86 else (
                    Attendance.Status.EXCUSED if roll < 0.93 else Attendance.Status.ABSENT)  # fmt: skip
                services.attendance_mark(lesson=lesson, enrollment=enrollment, status=status, by=teacher)


@transaction.atomic
def seed_courses(*, password: str) -> str:
    coordinator = User.objects.filter(email="coordinator@restart.example").first()
    if Course.objects.exists() or coordinator is None:
        return "already there"
    rng = random.Random(10)  # noqa: S311 (demo data)
    teachers = _teachers(password)
    migrants = list(Person.objects.filter(target_group=TargetGroup.THIRD_COUNTRY_NATIONAL, erased_at__isnull=True)
                    .order_by("pk")[:150])  # fmt: skip
    today = timezone.localdate()
    # A past cycle: attendance, entry and exit levels, certificates for those who completed.
    past = _cycle(slug="lets-mow-2026-spring", cycle="spring 2026", first=today - datetime.timedelta(weeks=34),
                  weeks=14, groups=GROUPS[:3], teachers=teachers)  # fmt: skip
    certificates = 0
    for number, group in enumerate(past):
        enrollments = _fill(group, migrants[number * 10:], 10, coordinator)
        _attend(group, enrollments, rng, group.teacher, timezone.now())
        for enrollment in enrollments:
            start = group.starts_on
            services.assessment_record(enrollment=enrollment, kind="entry", level=group.level, test="placement",
                                       taken_on=start, score=rng.randint(40, 80), by=group.teacher)  # fmt: skip
            exit_level = NEXT_LEVEL[group.level] if rng.random() < 0.7 else group.level
            services.assessment_record(enrollment=enrollment, kind="exit", level=exit_level, test="written",
                                       taken_on=group.ends_on, score=rng.randint(55, 95), by=group.teacher)
            if services.completion_check(enrollment)[0]:
                services.certificate_issue(enrollment=enrollment, by=coordinator)
                certificates += 1
    # The cycle running now: six weeks in; A1-1 is full with people waiting.
    current = _cycle(slug="lets-mow-2026-autumn", cycle="autumn 2026", first=today - datetime.timedelta(weeks=6),
                     weeks=14, groups=GROUPS, teachers=teachers)  # fmt: skip
    offset = 30
    for group in current:
        count = 15 if group.code == "A1-1" else rng.randint(6, 11)
        enrollments = _fill(group, migrants[offset:], count, coordinator)
        offset += count
        _attend(group, enrollments, rng, group.teacher, timezone.now())
        for enrollment in enrollments:
            if enrollment.registration.holds_seat:
                services.assessment_record(enrollment=enrollment, kind="entry", level=group.level, test="placement",
                                           taken_on=group.starts_on, score=rng.randint(40, 85), by=group.teacher)
    # The next cycle, open for applications.
    upcoming = _cycle(slug="lets-mow-2027-winter", cycle="winter 2027", first=today + datetime.timedelta(weeks=9),
                      weeks=14, groups=[GROUPS[0], GROUPS[2], GROUPS[5]], teachers=teachers)  # fmt: skip
    for group in upcoming[:2]:
        _fill(group, migrants[offset:], 4, coordinator)
        offset += 4
    waiting = Registration.objects.filter(quota__course_group__in=current, status="waitlisted").count()
    return (f"3 cycles, {len(past) + len(current) + len(upcoming)} groups, {certificates} certificates, "
            f"{waiting} people waiting")  # fmt: skip
