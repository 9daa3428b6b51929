"""A consultant's week and a person's history with 10,000 people and 100,000 consultations."""

import datetime
import random

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.people import _people, _staff_client


def _consultations(rng: random.Random, count: int, consultants: list, people: list) -> None:
    from restart.infopoint.models import Consultation, ConsultationSlot
    from restart.people.models import Participation

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    rows, slots = [], []
    for _number in range(count):
        starts_at = now + datetime.timedelta(hours=rng.randint(-24 * 700, 24 * 14))
        rows.append(
            Consultation(
                person=rng.choice(people),
                consultant=rng.choice(consultants),
                starts_at=starts_at,
                language="uk",
                channel="in_person",
                status="attended" if starts_at < now else "booked",
            )
        )
    Consultation.objects.bulk_create(rows, batch_size=2000)
    for consultation in rows[:2000]:
        slots.append(ConsultationSlot(consultant=consultation.consultant, starts_at=consultation.starts_at,
                                      ends_at=consultation.starts_at + datetime.timedelta(minutes=45),
                                      languages=",uk,"))  # fmt: skip
    ConsultationSlot.objects.bulk_create(slots, batch_size=2000)
    Participation.objects.bulk_create(
        [
            Participation(person=row.person, kind="consultation", starts_on=row.starts_at.date(),
                          ends_on=row.starts_at.date(), status="attended" if row.status == "attended" else "registered",
                          source_type="infopoint.consultation", source_id=str(row.pk))
            for row in rows
        ],
        batch_size=2000,
    )  # fmt: skip


def _measure(client, timed, consultant, person) -> list[dict]:
    today = timezone.localdate()
    pages = {
        "consultant's week": f"/pl/staff/information-point/?consultant={consultant.pk}&week={today.isoformat()}",
        "person's history page": f"/pl/staff/people/{person.pk}/",
        "free times (public)": "/uk/information-point/book/?topic=1&language=uk&channel=in_person",
    }
    rows = []
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append({"name": name, "queries": len(queries), **timed(lambda url=url: client.get(url), 30)})
    return rows


def run(timed) -> dict:
    from django.contrib.auth.models import Group

    from restart.core.roles import Role
    from restart.people.models import Person
    from restart.staff.models import User

    rng = random.Random(11)
    client = _staff_client(email="bench-ip@example.org")
    consultants = [User.objects.create_user(f"c{n}@example.org", "x", full_name=f"Consultant {n}") for n in range(20)]
    for consultant in consultants:
        consultant.groups.add(Group.objects.get(name=Role.CONSULTANT))
    if Person.objects.count() < 10_000:
        _people(rng, 10_000 - Person.objects.count(), 50_000)
    people = list(Person.objects.order_by("pk")[:10_000])
    _consultations(rng, 1_000, consultants, people)
    person = max(people[:50], key=lambda p: p.participations.count())
    small = {row["name"]: row for row in _measure(client, timed, consultants[0], person)}
    _consultations(rng, 99_000, consultants, people)
    large = _measure(client, timed, consultants[0], person)
    for row in large:
        base = small[row["name"]]
        row.update(baseline_1k_p50_ms=base["p50_ms"], baseline_queries=base["queries"],
                   ratio=round(row["p50_ms"] / base["p50_ms"], 2))  # fmt: skip
        row["name"] += " (100k consultations)"
    return {"rows": large, "measured_at": datetime.datetime.now().isoformat(timespec="seconds")}
