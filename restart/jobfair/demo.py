"""Demo job fair: 8 employers of Lower Silesia with 20 offers (imported as a coordinator's file
would be), and 60 candidate profiles of demo people, most of them consenting to be shown."""

import random

from django.db import transaction

from restart.jobfair.importer import import_jobfair
from restart.jobfair.models import CandidateProfile, Employer
from restart.jobfair.services import profile_save
from restart.people.models import Person, TargetGroup

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
    return f"{len(EMPLOYERS)} employers, {len(OFFERS)} offers, {len(people)} candidates ({consenting} consenting)"
