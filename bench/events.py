"""Events at 1,000 events × 50 registrations (the pages' queries stay constant), and the door:
checking in 500 tickets one scan at a time."""

import datetime
import gc
import json
import random
import time

from django.db import connection, reset_queries
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from bench.people import _people, _staff_client

TITLES = ["Klub konwersacji", "Joga", "Pokaz filmu", "Szkolenie dla nauczycieli", "Spotkanie dla pracodawców"]
KINDS = ["meeting", "meeting", "training", "screening", "info_session"]
CAPACITY = 40  # the 50-registration occasions are full: 40 confirmed and 10 waiting, as the engine leaves them


def _events(rng: random.Random, count: int, *, capacity: int = CAPACITY) -> list:
    """`count` published events, each with one future occasion and its own quota, as
    event_create and occurrence_add leave them, in bulk."""
    from restart.events.models import Event, Occurrence
    from restart.events.services import OWNER_TYPE
    from restart.registrations.models import Quota

    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    first = (Event.objects.aggregate(n=Max("pk"))["n"] or 0) + 1
    events = Event.objects.bulk_create(
        [
            Event(slug=f"bench-{number}", kind=KINDS[number % len(KINDS)], language="pl", capacity=capacity,
                  place="ul. Ruska 46a, Wrocław", titles={code: f"{rng.choice(TITLES)} {number}"
                                                          for code in ("pl", "uk", "ru", "en")})
            for number in range(first, first + count)
        ],
        batch_size=1000,
    )  # fmt: skip
    quotas = Quota.objects.bulk_create(
        [Quota(owner_type=OWNER_TYPE, owner_id=f"bench-new-{event.pk}", capacity=capacity) for event in events],
        batch_size=1000,
    )
    occurrences = []
    for event, quota in zip(events, quotas, strict=True):
        starts_at = now + datetime.timedelta(hours=rng.randint(24, 24 * 60))
        occurrences.append(Occurrence(event=event, quota=quota, starts_at=starts_at,
                                      ends_at=starts_at + datetime.timedelta(minutes=90)))  # fmt: skip
    Occurrence.objects.bulk_create(occurrences, batch_size=1000)
    for occurrence, quota in zip(occurrences, quotas, strict=True):
        quota.owner_id = str(occurrence.pk)  # as occurrence_add tells the seats whose they are
    Quota.objects.bulk_update(quotas, ["owner_id"], batch_size=1000)
    return occurrences


def _register(rng: random.Random, occurrences: list, count: int, *, already: int = 0) -> None:
    """`count` more registrations of new people for each occasion (confirmed while seats are
    free, then waiting), with their ledger rows: what registration_create writes, in bulk."""
    from restart.people import ledger
    from restart.people.models import Participation, Person
    from restart.registrations.models import Registration

    now = timezone.now()
    before = Person.objects.aggregate(n=Max("pk"))["n"] or 0
    _people(rng, len(occurrences) * count, 200_000 + before)
    people = iter(Person.objects.filter(pk__gt=before).order_by("pk"))
    registrations, participations = [], []
    for occurrence in occurrences:
        day = timezone.localtime(occurrence.starts_at).date()
        for number in range(already, already + count):
            person = next(people)
            confirmed = number < occurrence.quota.capacity
            registrations.append(Registration(
                quota=occurrence.quota, person=person, language="uk", target_group=person.target_group,
                status=Registration.Status.CONFIRMED if confirmed else Registration.Status.WAITLISTED,
                created_at=now - datetime.timedelta(minutes=1000 - number),
            ))  # fmt: skip
            participations.append(Participation(
                person=person, kind=Participation.Kind.EVENT, starts_on=day, ends_on=day,
                status=Participation.Status.REGISTERED if confirmed else Participation.Status.WAITLISTED,
                source_type="registrations.registration", **ledger.snapshot(person, day),
            ))  # fmt: skip
    Registration.objects.bulk_create(registrations, batch_size=2000)  # tickets: the model's default, unique
    for registration, participation in zip(registrations, participations, strict=True):
        participation.source_id = str(registration.pk)
    Participation.objects.bulk_create(participations, batch_size=2000)


def _pages(client, timed, occurrence) -> list[dict]:
    pages = {
        "public events list, first page": "/pl/meetings/",
        "staff events list, first page": "/pl/staff/meetings/",
        "an event's staff page": f"/pl/staff/meetings/{occurrence.event_id}/",
        "an occasion's registrants": f"/pl/staff/meetings/occasions/{occurrence.pk}/",
    }
    rows = []
    gc.collect()  # the garbage of the bulk build is not the pages' cost
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append({"name": name, "queries": len(queries), **timed(lambda url=url: client.get(url), 30)})
    return rows


def _check_in(client, timed, occurrence) -> tuple[dict, float]:
    """Every ticket of the occasion scanned once, as the door's camera sends them (one code a
    request while online); then all of them sent again as one offline batch, each refused."""
    from restart.registrations.models import Registration

    url = f"/pl/staff/meetings/occasions/{occurrence.pk}/check-in/scans/"
    tickets = list(occurrence.quota.registrations.order_by("pk").values_list("ticket", flat=True))
    codes, counts = iter(tickets), []
    gc.collect()

    def scan() -> None:
        reset_queries()  # the captured log keeps 9,000 queries at most: start each scan from empty
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, json.dumps({"scans": [next(codes)]}), content_type="application/json")
        counts.append(len(queries))
        assert response.status_code == 200 and response.json()["results"][0]["ok"], response.content[:300]

    row = timed(scan, len(tickets))
    row["queries"] = max(counts)
    if min(counts) != max(counts):
        row["queries_min"] = min(counts)
    attended = occurrence.quota.registrations.filter(status=Registration.Status.ATTENDED).count()
    assert attended == len(tickets), f"{attended} of {len(tickets)} checked in"

    start = time.perf_counter()
    response = client.post(url, json.dumps({"scans": tickets}), content_type="application/json")
    again = time.perf_counter() - start
    results = response.json()["results"]
    assert len(results) == len(tickets) and not any(result["ok"] for result in results), results[:3]
    assert response.json()["checked_in"] == len(tickets)
    return row, again


def run(timed) -> dict:
    rng = random.Random(9)
    client = _staff_client(email="bench-events@example.org")
    first_ten = _events(rng, 10)
    _register(rng, first_ten, 5)
    small = {row["name"]: row for row in _pages(client, timed, first_ten[0])}
    started = time.perf_counter()
    _register(rng, first_ten, 45, already=5)
    _register(rng, _events(rng, 990), 50)
    built = time.perf_counter() - started
    rows = _pages(client, timed, first_ten[0])  # the same event and occasion, now with 50 registrations
    for row in rows:
        base = small[row["name"]]
        row.update(baseline_10x5_p50_ms=base["p50_ms"], baseline_queries=base["queries"],
                   ratio=round(row["p50_ms"] / base["p50_ms"], 2))  # fmt: skip
        row["name"] += " (1,000 events × 50)"
    rows.append({"name": "growing to 1,000 events × 50 registrations (bulk)", "p50_ms": round(built * 1000)})

    warm_up, door_50, door_500 = _events(rng, 3, capacity=500)
    _register(rng, [warm_up], 5)
    _register(rng, [door_50], 50)
    _register(rng, [door_500], 500)
    _check_in(client, timed, warm_up)  # the process's first check-ins pay for imports and caches: not measured
    base, base_again = _check_in(client, timed, door_50)
    scans, again = _check_in(client, timed, door_500)
    rows.append({"name": "check-in, one scan (500 tickets)", **scans, "baseline_50_tickets_p50_ms": base["p50_ms"],
                 "baseline_50_tickets_p95_ms": base["p95_ms"], "baseline_queries": base["queries"],
                 "ratio": round(scans["p95_ms"] / base["p95_ms"], 2)})  # fmt: skip
    rows.append({"name": "the 500 scanned again, one batch (all refused)", "p50_ms": round(again * 1000),
                 "baseline_50_ms": round(base_again * 1000), "ratio": round(again / base_again, 2)})  # fmt: skip
    return {"rows": rows, "measured_at": datetime.datetime.now().isoformat(timespec="seconds")}
