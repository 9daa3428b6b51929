"""Demo job fair: 8 employers of Lower Silesia with 20 offers (imported as a coordinator's file
would be), and 60 candidate profiles of demo people, most of them consenting to be shown."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from restart.core.errors import DomainError
from restart.events.services import event_create
from restart.jobfair import interviews
from restart.jobfair.importer import import_jobfair
from restart.jobfair.models import CandidateProfile, Employer, Interview, JobOffer
from restart.jobfair.selectors import consenting_profiles
from restart.jobfair.services import profile_save
from restart.people.models import Person, TargetGroup
from restart.registrations import services as seats
from restart.staff.models import User

NIP_WEIGHTS = (6, 5, 7, 2, 3, 4, 5, 6, 7)
EMPLOYERS = [
    ("odra", "Hotel Odra", "hospitality", "Wrocław"), ("metal", "Metal-Bud sp. z o.o.", "manufacturing", "Oleśnica"),
    ("logis", "LogisPark Bielany", "logistics", "Kobierzyce"), ("opieka", "Dom Opieki Złota Jesień", "care", "Oława"),
    ("budmax", "Budmax Wrocław", "construction", "Wrocław"), ("trans", "Trans-Śląsk", "transport", "Legnica"),
    ("szwalnia", "Szwalnia Kasia", "textiles", "Dzierżoniów"), ("czysto", "Czysto sp. j.", "cleaning", "Wrocław"),
]  # fmt: skip
# employer, ISCO, titles (pl, en, uk), city, Polish, skills, years, contract, shifts, housing
OFFERS = [
    ("metal", "7212", ("Spawacz MIG/MAG", "MIG/MAG welder", "Зварник MIG/MAG"), "Oleśnica", "A2",
     ["MIG/MAG", "rysunek techniczny"], 2, "employment", True, True),
    ("metal", "7223", ("Operator CNC", "CNC operator", "Оператор ЧПК"), "Oleśnica", "A2", ["CNC", "rysunek techniczny"],
     1, "employment", True, True),
    ("metal", "9329", ("Pracownik produkcji", "Production worker", "Працівник виробництва"), "Oleśnica", "none", [],
     0, "temporary", True, True),
    ("odra", "5120", ("Kucharz", "Cook", "Кухар"), "Wrocław", "B1", ["HACCP", "książeczka sanepidowska"], 2,
     "employment", False, False),
    ("odra", "9412", ("Pomoc kuchenna", "Kitchen helper", "Помічник кухаря"), "Wrocław", "A1",
     ["książeczka sanepidowska"], 0, "mandate", True, False),
    ("odra", "5131", ("Kelner/kelnerka", "Waiter/waitress", "Офіціант"), "Wrocław", "B1", ["obsługa klienta"], 1,
     "mandate", True, False),
    ("odra", "4224", ("Recepcjonista", "Receptionist", "Адміністратор рецепції"), "Wrocław", "B2",
     ["obsługa klienta", "Excel"], 1, "employment", True, False),
    ("logis", "9333", ("Magazynier", "Warehouse worker", "Комірник"), "Kobierzyce", "none",
     ["praca w magazynie", "skaner ręczny"], 0, "temporary", True, False),
    ("logis", "8344", ("Operator wózka widłowego", "Forklift operator", "Водій навантажувача"), "Kobierzyce", "A1",
     ["uprawnienia UDT na wózek widłowy"], 1, "employment", True, False),
    ("logis", "4321", ("Specjalista ds. magazynu", "Stock clerk", "Спеціаліст складу"), "Kobierzyce", "B1",
     ["Excel", "praca w magazynie"], 2, "employment", False, False),
    ("opieka", "5322", ("Opiekun osób starszych", "Elderly carer", "Доглядальниця"), "Oława", "A2",
     ["opieka nad osobami starszymi", "pierwsza pomoc"], 1, "employment", True, True),
    ("opieka", "2221", ("Pielęgniarka", "Nurse", "Медсестра"), "Oława", "B2", ["pierwsza pomoc"], 2, "employment",
     True, True),
    ("budmax", "7112", ("Murarz", "Bricklayer", "Муляр"), "Wrocław", "A1", ["murarstwo"], 2, "employment", False,
     True),
    ("budmax", "7123", ("Tynkarz", "Plasterer", "Штукатур"), "Wrocław", "A1", ["tynkowanie"], 1, "mandate", False,
     True),
    ("budmax", "7115", ("Cieśla/stolarz", "Carpenter", "Тесля/столяр"), "Wrocław", "A2", ["stolarstwo"], 2,
     "b2b", False, True),
    ("trans", "8332", ("Kierowca C+E", "Lorry driver C+E", "Водій C+E"), "Legnica", "A2",
     ["prawo jazdy C+E"], 2, "employment", True, False),
    ("trans", "8322", ("Kierowca kat. B (dostawy)", "Delivery driver (B)", "Водій кат. B (доставка)"), "Wrocław",
     "A2", ["prawo jazdy kat. B"], 1, "employment", True, False),
    ("szwalnia", "7533", ("Szwaczka", "Sewing machinist", "Швачка"), "Dzierżoniów", "none", ["szycie"], 1,
     "employment", False, True),
    ("czysto", "9112", ("Sprzątanie biur", "Office cleaner", "Прибирання офісів"), "Wrocław", "none", ["sprzątanie"],
     0, "mandate", True, False),
    ("czysto", "5153", ("Gospodarz budynku", "Building caretaker", "Доглядач будинку"), "Wrocław", "A2", [], 1,
     "employment", False, False),
]  # fmt: skip
# What demo candidates did before: ISCO, skills they name (in their own words).
PASTS = [("7212", ["spawanie MIG/MAG", "rysunek techniczny"]), ("8344", ["UDT forklift certificate"]),
         ("5120", ["gotowanie", "HACCP", "санітарна книжка"]), ("9333", ["склад", "ручний сканер"]),
         ("5322", ["догляд за літніми людьми", "перша допомога"]), ("7112", ["кладка кирпича"]),
         ("8332", ["права CE", "права B"]), ("7533", ["шиття"]), ("9112", ["прибирання"]),
         ("2221", ["first aid"]), ("7223", ["ЧПК"]), ("5131", ["обслуговування клієнтів"])]  # fmt: skip
TOWNS = ["Wrocław", "Wrocław", "Wrocław", "Oleśnica", "Oława", "Kobierzyce", "Legnica", "Trzebnica", "Siechnice"]


def _nip(rng: random.Random) -> str:
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(8)]
        check = sum(d * w for d, w in zip(digits, NIP_WEIGHTS, strict=True)) % 11
        if check != 10:
            return "".join(map(str, digits)) + str(check)


def _file(rng: random.Random) -> dict:
    return {
        "employers": [{"key": f"demo-{key}", "name": name, "nip": _nip(rng), "sector": sector, "city": city}
                      for key, name, sector, city in EMPLOYERS],
        "offers": [
            {"key": f"demo-offer-{number}", "employer": f"demo-{employer}", "isco": code, "city": city,
             "title": {"pl": pl, "en": en, "uk": uk}, "polish_level": polish, "languages": [], "skills": skills,
             "min_experience_years": years, "contract": contract, "shifts": shifts, "housing": housing}
            for number, (employer, code, (pl, en, uk), city, polish, skills, years, contract, shifts, housing)
            in enumerate(OFFERS, start=1)
        ],
        "candidates": [],
    }  # fmt: skip


@transaction.atomic
def seed_jobfair(*, password: str = "") -> str:
    if Employer.objects.exists():
        return "already there"
    rng = random.Random(11)  # noqa: S311 (demo data)
    import_jobfair(_file(rng))
    people = list(Person.objects.filter(target_group=TargetGroup.THIRD_COUNTRY_NATIONAL, erased_at__isnull=True,
                                        candidate_profile__isnull=True).order_by("-pk")[:60])  # fmt: skip
    consenting = 0
    for number, person in enumerate(people):
        code, skills = PASTS[number % len(PASTS)]
        wanted = OFFERS[number % len(OFFERS)][1]
        profile = CandidateProfile.objects.create(person=person)
        share = bool(number % 5)  # one in five has not agreed to be shown
        profile_save(profile=profile, share=share, data={
            "occupations": [{"isco": code, "years": rng.randint(1, 12)}], "wanted_occupations": [wanted],
            "skills": skills, "polish_level": rng.choice(["none", "A1", "A1", "A2", "A2", "B1", "B2"]),
            "languages": [{"lang": "en", "level": rng.choice(["A2", "B1", "B2"])}] if rng.random() < 0.4 else [],
            "city": person.municipality or rng.choice(TOWNS), "availability": "od zaraz",
        })  # fmt: skip
        consenting += share
    booked = _fair_days(rng)
    return (f"{len(EMPLOYERS)} employers, {len(OFFERS)} offers, {len(people)} candidates ({consenting} consenting), "
            f"{booked}")  # fmt: skip


def _fair_days(rng: random.Random) -> str:
    """The spring fair that took place (interviews with outcomes, hires followed up) and the
    autumn one ahead (stands booked, times open, interviews booked or waiting for an answer)."""
    account = User.objects.filter(email="employer@restart.example").first()
    coordinator = User.objects.filter(email="coordinator@restart.example").first()
    metal = Employer.objects.get(key="demo-metal")
    if account:
        metal.accounts.add(account)
    candidates = list(consenting_profiles().select_related("person").order_by("pk"))
    past = _fair(days=-60, title=("Targi Pracy dla Cudzoziemców — wiosna", "Job Fair for Foreigners — spring"))
    done = 0
    for employer in Employer.objects.order_by("pk")[:5]:
        stand = _stand(past, employer, rng)
        for slot in stand.slots.all()[:3]:
            _past_interview(slot, candidates[done % len(candidates)], rng, coordinator)
            done += 1
    ahead = _fair(days=21, title=("Targi Pracy dla Cudzoziemców — jesień", "Job Fair for Foreigners — autumn"))
    upcoming = 0
    for employer in Employer.objects.order_by("pk"):
        stand = _stand(ahead, employer, rng)
        for slot in stand.slots.all()[:2]:
            candidate = candidates[(done + upcoming) % len(candidates)]
            try:
                interviews.interview_book(slot=slot, candidate=candidate, by=None if upcoming % 3 else account)
            except DomainError:  # a demo candidate already busy at that time: the next slot
                continue
            upcoming += 1
    return f"2 fairs, {done} past interviews with outcomes, {upcoming} booked ahead"


def _fair(*, days: int, title: tuple[str, str]):
    starts = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)
    event = event_create(data={
        "slug": f"targi-pracy-{starts:%Y-%m}", "kind": "job_fair", "audience": "migrants",
        "titles": {"pl": title[0], "en": title[1], "uk": "Ярмарок вакансій для іноземців",
                   "ru": "Ярмарка вакансий для иностранцев"},
        "language": "pl", "place": "Hala Stulecia, ul. Wystawowa 1, Wrocław", "capacity": 400,
    }, first_starts_at=starts, minutes=360, by=None)  # fmt: skip
    return interviews.fair_set_up(event=event, stands=12, by=None)


def _stand(fair, employer, rng: random.Random):
    stand = interviews.stand_book(fair=fair, employer=employer, by=None) if fair.day.ends_at > timezone.now() else (
        fair.booked_stands.create(employer=employer, number=fair.booked_stands.count() + 1))  # fmt: skip
    offer = JobOffer.objects.filter(employer=employer).order_by("pk").first()
    start = datetime.time(rng.choice([10, 11, 12]))
    interviews.slots_open(stand=stand, start=start, end=datetime.time(start.hour + 2), minutes=20, offer=offer, by=None)
    return stand


def _past_interview(slot, candidate, rng: random.Random, coordinator) -> None:
    """An interview of the fair that took place, entered afterwards by the coordinator (staff may
    add a registration after its time, as from a paper list), with what came of it."""
    registration = seats.registration_create(quota=slot.quota, person=candidate.person, tell=False, waitlist=False,
                                             language=candidate.person.preferred_language, by=coordinator)  # fmt: skip
    interview = Interview.objects.create(registration=registration, slot=slot, candidate=candidate, offer=slot.offer,
                                         accepted_at=slot.starts_at - datetime.timedelta(days=7),
                                         created_at=slot.starts_at - datetime.timedelta(days=9))  # fmt: skip
    outcome = rng.choice(["hired", "hired", "not_hired", "in_progress", "absent"])
    interview = interviews.interview_outcome(interview=interview, outcome=outcome, by=coordinator)
    if outcome == "hired" and rng.random() < 0.5:
        interviews.still_employed_record(interview=interview, answer=rng.random() < 0.8)
