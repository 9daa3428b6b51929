"""The people registry at 10,000 people, and importing 10,000 rows."""

import datetime
import random
import time

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

FIRST = ["Olena", "Iryna", "Andrii", "Taras", "Giorgi", "Nino", "Priya", "Rahul", "Aziz", "Mark", "Олена", "Богдан"]
LAST = ["Kovalenko", "Shevchenko", "Beridze", "Sharma", "Karimov", "Santos", "Коваленко", "Мельник", "Yılmaz"]
COUNTRIES = ["UA", "UA", "UA", "BY", "GE", "IN", "CO", "PH", "TR", "UZ"]


def _people(rng: random.Random, count: int, offset: int):
    from restart.people.models import Person
    from restart.people.names import name_key

    rows = []
    for number in range(offset, offset + count):
        name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        email = f"p{number}@example.org"
        rows.append(
            Person(
                full_name=name,
                email=email,
                phone=f"+48{600_000_000 + number}",
                citizenship=rng.choice(COUNTRIES),
                birth_date=datetime.date(rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28)),
                residence_status=rng.choice(["temporary_protection", "temporary_residence", "visa"]),
                municipality="Wrocław",
                search_key=f"{name_key(name)} {email}",
            )
        )
    Person.objects.bulk_create(rows, batch_size=1000)


def _csv(rng: random.Random, count: int, offset: int) -> bytes:
    lines = ["full_name,email,phone,citizenship,birth_date,sex,residence_status,municipality"]
    for number in range(offset, offset + count):
        born = datetime.date(rng.randint(1960, 2005), rng.randint(1, 12), rng.randint(1, 28))
        lines.append(
            f"{rng.choice(FIRST)} {rng.choice(LAST)},i{number}@example.org,+48{700_000_000 + number},"
            f"{rng.choice(COUNTRIES)},{born.isoformat()},female,temporary_protection,Wrocław"
        )
    return ("\n".join(lines) + "\n").encode()


def _staff_client(email: str = "bench@example.org") -> Client:
    from django.contrib.auth.models import Group
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from restart.core.roles import Role, roles_sync
    from restart.staff.models import User

    roles_sync()
    user = User.objects.create_user(email, "x", full_name="Bench")
    user.groups.add(*Group.objects.filter(name=Role.MANAGER))
    device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def _pages(client: Client, timed) -> list[dict]:
    from restart.people.models import Person

    some = Person.objects.order_by("pk")[Person.objects.count() // 2]
    pages = {
        "list, first page": "/pl/staff/people/",
        "list, name search": "/pl/staff/people/?query=kovalenko",
        "list, eligible from UA": "/pl/staff/people/?citizenship=UA&eligibility=eligible",
        "list, page 100": "/pl/staff/people/?page=100",
        "person page": f"/pl/staff/people/{some.pk}/",
    }
    rows = []
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        rows.append({"name": name, "queries": len(queries), **timed(lambda url=url: client.get(url), 30)})
    return rows


def _import(rng: random.Random, count: int, offset: int) -> float:
    from restart.people.services.importing import people_import, read_rows

    content = _csv(rng, count, offset)
    start = time.perf_counter()
    report = people_import(rows=read_rows(content, "bench.csv"), partial=False, by=None)
    elapsed = time.perf_counter() - start
    # Random names and birthdays collide now and then: those rows are (rightly) duplicates.
    assert not report.errors and len(report.created) + len(report.duplicates) == count, report.errors[:3]
    return elapsed


def run(timed) -> dict:
    rng = random.Random(7)
    client = _staff_client()
    _people(rng, 100, 0)
    small = {row["name"]: row for row in _pages(client, timed)}
    _people(rng, 9_900, 100)
    large = _pages(client, timed)
    for row in large:
        base = small[row["name"]]
        row["baseline_100_people_p50_ms"] = base["p50_ms"]
        row["baseline_queries"] = base["queries"]
        row["ratio"] = round(row["p50_ms"] / base["p50_ms"], 2)
        row["name"] += " (10k people)"
    import_1k = _import(rng, 1_000, 0)
    import_10k = _import(rng, 10_000, 1_000)
    large.append(
        {
            "name": "import 10,000 rows",
            "p50_ms": round(import_10k * 1000),
            "baseline_1000_rows_ms": round(import_1k * 1000),
            "ratio": round(import_10k / import_1k, 2),
        }
    )
    return {"rows": large, "measured_at": datetime.datetime.now().isoformat(timespec="seconds")}
