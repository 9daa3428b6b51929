"""Demo data for the information point: specialists, free times ahead, consultations behind."""

import datetime
import random

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from restart.core.roles import Role
from restart.infopoint.models import Consultation, ConsultationSlot
from restart.infopoint.services import records
from restart.people.models import Person, TargetGroup
from restart.staff.models import User
from restart.topics.models import Topic

SPECIALISTS = [
    ("lawyer@restart.example", "Adam Prawnik", "lawyer"),
    ("psychologist@restart.example", "Halyna Psycholog", "psychologist"),
]
PLACE = "ul. Ruska 46a, Wrocław"


@transaction.atomic
def seed_infopoint(*, password: str) -> str:
    consultant = User.objects.filter(email="consultant@restart.example").first()
    if consultant is None or ConsultationSlot.objects.filter(consultant=consultant).exists():
        return "already there"
    for email, name, speciality in SPECIALISTS:
        user, created = User.objects.get_or_create(email=email, defaults={"full_name": name, "speciality": speciality})
        if created:
            user.set_password(password)
            user.save()
            user.groups.add(Group.objects.get(name=Role.SPECIALIST))
    rng = random.Random(46)  # noqa: S311 (demo data)
    slots = _free_times(consultant)
    visits = _past_consultations(consultant, rng)
    return f"{slots} free slots, {visits} past consultations"


def _free_times(consultant) -> int:
    today = timezone.localdate()
    count = 0
    for offset in range(1, 22):
        day = today + datetime.timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        channel, languages = {1: ("phone", ["uk", "ru"]), 3: ("video", ["en", "pl"])}.get(
            day.weekday(), ("in_person", ["uk", "ru", "pl"])
        )
        count += len(records.availability_publish(
            consultant=consultant, first_day=day, start=datetime.time(10), end=datetime.time(14), slot_minutes=45,
            languages=languages, channel=channel, place=PLACE if channel == "in_person" else "", by=None,
        ))  # fmt: skip
    return count


def _past_consultations(consultant, rng: random.Random) -> int:
    people = list(Person.objects.filter(target_group=TargetGroup.THIRD_COUNTRY_NATIONAL).order_by("pk")[:80])
    topics = list(Topic.objects.filter(parent__isnull=True))
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for person in people:
        starts_at = now - datetime.timedelta(days=rng.randint(1, 120), hours=rng.randint(0, 5))
        status = rng.choices([Consultation.Status.ATTENDED, Consultation.Status.NO_SHOW], [9, 1])[0]
        records.consultation_walk_in(
            person=person, consultant=consultant, starts_at=starts_at, by=None,
            topics=rng.sample(topics, k=rng.randint(1, 2)),
            data={"language": person.preferred_language if person.preferred_language != "pl" else "uk",
                  "channel": "in_person", "duration_minutes": rng.choice([30, 45, 60]), "status": status,
                  "outcome": "", "recognition_applied": rng.random() < 0.1,
                  "long_term_residence_applied": rng.random() < 0.08},
        )  # fmt: skip
    return len(people)
