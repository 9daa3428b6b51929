"""Demo events: the programme's clubs, a training, an info session and the campaign film's screening,
with registrations, a full date with a waiting list, and past dates with attendance."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from restart.events.models import Event
from restart.events.services import event_create
from restart.people.models import Person, TargetGroup
from restart.registrations import services as seats
from restart.staff.models import User

PLACE = "ul. Ruska 46a, Wrocław"
T = {  # titles in the four languages
    "english-club": ("Klub konwersacji po angielsku", "Розмовний клуб англійської", "Разговорный клуб английского",
                     "English Speaking Club"),
    "french-online": ("Francuski online", "Французька онлайн", "Французский онлайн", "French online"),
    "ashtanga-yoga": ("Joga Ashtanga", "Аштанга-йога", "Аштанга-йога", "Ashtanga yoga"),
    "teachers-training": ("Szkolenie: uczeń z doświadczeniem migracji w klasie",
                          "Тренінг: учень з досвідом міграції у класі",
                          "Тренинг: ученик с опытом миграции в классе",
                          "Training: a pupil with a migration background in your class"),
    "employers-info": ("Spotkanie informacyjne dla pracodawców: zatrudnianie cudzoziemców",
                       "Інформаційна зустріч для роботодавців: працевлаштування іноземців",
                       "Информационная встреча для работодателей: трудоустройство иностранцев",
                       "Information session for employers: hiring foreigners"),
    "film-premiere": ("Premiera filmu „Jestem wrocławianinem tak jak Ty”",
                      "Прем'єра фільму «Jestem wrocławianinem tak jak Ty»",
                      "Премьера фильма «Jestem wrocławianinem tak jak Ty»",
                      "Premiere of the film “Jestem wrocławianinem tak jak Ty”"),
    "teachers-training-spring": ("Szkolenie: jak uczyć dzieci, które dopiero poznają polski",
                                 "Тренінг: як навчати дітей, які тільки вивчають польську",
                                 "Тренинг: как учить детей, которые только учат польский",
                                 "Training: teaching children who are just learning Polish"),
    "film-screening": ("Pokaz filmu „Jestem wrocławianinem tak jak Ty”",
                       "Показ фільму «Jestem wrocławianinem tak jak Ty»",
                       "Показ фильма «Jestem wrocławianinem tak jak Ty»",
                       "Screening of the film “Jestem wrocławianinem tak jak Ty”"),
}  # fmt: skip
EVENTS = [
    # slug, kind, audience, language, place, online, capacity, first day offset, hour, weeks, civic orientation
    ("english-club", "meeting", "migrants", "en", PLACE, "", 12, -21, 18, 10, False),
    ("french-online", "meeting", "migrants", "fr", "", "https://meet.example.org/french", 15, -14, 19, 8, False),
    ("ashtanga-yoga", "meeting", "migrants", "pl", "Studio Joga, ul. Kiełbaśnicza 5, Wrocław", "", 3, -7, 10, 6, False),
    ("teachers-training", "training", "host_society", "pl", PLACE, "", 25, 9, 16, 0, True),
    ("employers-info", "info_session", "host_society", "pl", PLACE, "", 30, 12, 11, 0, False),
    ("film-screening", "screening", "migrants", "pl", "Kino Nowe Horyzonty, ul. Kazimierza Wielkiego 19a", "", 80,
     5, 19, 0, True),
    # Held already: the civic orientation and the host society in this year's report.
    ("film-premiere", "screening", "migrants", "pl", "Kino Nowe Horyzonty, ul. Kazimierza Wielkiego 19a", "", 80,
     -50, 19, 0, True),
    ("teachers-training-spring", "training", "host_society", "pl", PLACE, "", 25, -75, 16, 0, True),
]  # fmt: skip


@transaction.atomic
def seed_events(*, password: str = "") -> str:
    coordinator = User.objects.filter(email="coordinator@restart.example").first()
    if Event.objects.exists() or coordinator is None:
        return "already there"
    rng = random.Random(9)  # noqa: S311 (demo data)
    migrants = list(Person.objects.filter(target_group=TargetGroup.THIRD_COUNTRY_NATIONAL).order_by("pk")[:60])
    hosts = list(Person.objects.exclude(target_group=TargetGroup.THIRD_COUNTRY_NATIONAL).order_by("pk")[:20])
    now = timezone.localtime()
    registrations = 0
    for slug, kind, audience, language, place, online, capacity, offset, hour, weeks, civic in EVENTS:
        first = (now + datetime.timedelta(days=offset)).replace(hour=hour, minute=0, second=0, microsecond=0)
        titles = dict(zip(("pl", "uk", "ru", "en"), T[slug], strict=True))
        event = event_create(data={
            "slug": slug, "kind": kind, "audience": audience, "language": language, "place": place,
            "online_url": online, "capacity": capacity, "civic_orientation": civic, "titles": titles,
            "repeat_until": (first + datetime.timedelta(weeks=weeks)).date() if weeks else None,
        }, first_starts_at=first, minutes=90, weekly=bool(weeks), by=None)  # fmt: skip
        pool = hosts if audience == "host_society" else migrants
        for occurrence in event.occurrences.order_by("starts_at")[:5]:
            past = occurrence.starts_at < now
            wanted = capacity + 2 if slug == "ashtanga-yoga" and not past else min(capacity, rng.randint(2, 8))
            for person in rng.sample(pool, k=min(wanted, len(pool))):
                registration = seats.registration_create(quota=occurrence.quota, person=person, by=coordinator,
                                                         language=person.preferred_language)  # fmt: skip
                registrations += 1
                if past and registration.holds_seat:
                    status = "attended" if rng.random() < 0.8 else "absent"
                    seats.registration_mark(registration=registration, status=status, by=coordinator)
                    if status == "attended" and rng.random() < 0.6:  # R.2.9 counts the "yes"
                        seats.feedback_give(registration=registration, helpful=rng.choice(["yes", "yes", "partly"]))
    return f"{Event.objects.count()} events, {registrations} registrations"
