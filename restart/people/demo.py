"""Demo people for `seed_demo`: names and situations typical of the region's migrants."""

import datetime
import random

from django.db import transaction

from restart.people.models import Consent, Organization, Person, Region, ResidenceStatus, TargetGroup
from restart.people.names import latin
from restart.people.services import consent_give, person_create

DEMO_DOMAIN = "demo.restart.example"

# country: (share, female given names, male given names, family names (f, m), statuses, languages)
ORIGINS = {
    "UA": (40, ["Олена", "Ірина", "Наталія", "Oksana", "Tetiana", "Yulia", "Kateryna", "Світлана", "Anastasiia"],
           ["Олександр", "Андрій", "Serhii", "Dmytro", "Volodymyr", "Mykola", "Taras", "Богдан", "Yurii"],
           [("Коваленко", "Коваленко"), ("Shevchenko", "Shevchenko"), ("Bondarenko", "Bondarenko"),
            ("Tkachenko", "Tkachenko"), ("Мельник", "Мельник"), ("Boiko", "Boiko"), ("Lysenko", "Lysenko"),
            ("Savchenko", "Savchenko"), ("Гнатюк", "Гнатюк")],
           ["temporary_protection"] * 4 + ["temporary_residence", "permanent_residence"], "uk"),
    "BY": (10, ["Volha", "Hanna", "Darya", "Alesia"], ["Aliaksandr", "Siarhei", "Pavel", "Dzmitry"],
           [("Kavaliova", "Kavaliou"), ("Novik", "Novik"), ("Lukashevich", "Lukashevich"), ("Ivanova", "Ivanou")],
           ["temporary_residence", "international_protection", "visa"], "ru"),
    "GE": (8, ["Nino", "Tamar", "Mariam", "Ana"], ["Giorgi", "Levan", "Davit", "Irakli"],
           [("Beridze", "Beridze"), ("Kapanadze", "Kapanadze"), ("Gelashvili", "Gelashvili"),
            ("Tsiklauri", "Tsiklauri")],
           ["visa_free", "temporary_residence"], "ru"),
    "IN": (8, ["Priya", "Anjali", "Sneha", "Pooja"], ["Rahul", "Amit", "Arjun", "Deepak"],
           [("Sharma", "Sharma"), ("Patel", "Patel"), ("Singh", "Singh"), ("Nair", "Nair")],
           ["temporary_residence", "visa"], "en"),
    "CO": (6, ["Valentina", "Camila", "María José"], ["Santiago", "Andrés", "Juan Carlos"],
           [("Rodríguez", "Rodríguez"), ("Gómez", "Gómez"), ("Hernández", "Hernández")],
           ["visa", "temporary_residence"], "en"),
    "PH": (8, ["Kristine", "Joy", "Angelica", "Maria"], ["Mark", "Jose", "Paolo", "Rommel"],
           [("Santos", "Santos"), ("Reyes", "Reyes"), ("Bautista", "Bautista"), ("Mendoza", "Mendoza")],
           ["temporary_residence"], "en"),
    "TR": (6, ["Ayşe", "Zeynep", "Elif"], ["Mehmet", "Emre", "Mustafa"],
           [("Yılmaz", "Yılmaz"), ("Kaya", "Kaya"), ("Demir", "Demir"), ("Çelik", "Çelik")],
           ["temporary_residence", "visa"], "en"),
    "UZ": (6, ["Dilnoza", "Gulnora", "Madina"], ["Aziz", "Jasur", "Sardor"],
           [("Karimova", "Karimov"), ("Rakhimova", "Rakhimov"), ("Yusupova", "Yusupov")],
           ["visa", "temporary_residence"], "ru"),
}  # fmt: skip
HOST = (
    ["Anna", "Katarzyna", "Magdalena", "Agnieszka", "Joanna", "Ewa"],
    ["Piotr", "Tomasz", "Paweł", "Michał", "Krzysztof", "Marcin"],
    [("Kowalska", "Kowalski"), ("Nowak", "Nowak"), ("Wiśniewska", "Wiśniewski"), ("Wójcik", "Wójcik"),
     ("Kamińska", "Kamiński"), ("Lewandowska", "Lewandowski"), ("Zielińska", "Zieliński")],
)  # fmt: skip
MUNICIPALITIES = ["Wrocław"] * 10 + ["Oleśnica", "Oława", "Legnica", "Wałbrzych", "Jelenia Góra", "Świdnica",
                                     "Kąty Wrocławskie", "Długołęka", "Siechnice"]  # fmt: skip
ORGANIZATIONS = [
    ("Dolnośląskie Centrum Logistyki sp. z o.o.", "employer", "8992689516", "Wrocław"),
    ("Hotel Odra Wrocław", "employer", "8960005673", "Wrocław"),
    ("Szkoła Podstawowa nr 118 we Wrocławiu", "school", "", "Wrocław"),
    ("Fundacja Ukraina-Dolny Śląsk", "partner", "", "Wrocław"),
]


def _email(given: str, family: str, number: int) -> str:
    local = ".".join(latin(part) for part in (given, family))
    return f"{local}.{number}@{DEMO_DOMAIN}"


@transaction.atomic
def seed_people(*, count: int = 200) -> int:
    """Create the demo people once; returns how many were created."""
    if Person.objects.filter(email__endswith=DEMO_DOMAIN).exists():
        return 0
    rng = random.Random(2026)  # noqa: S311 (demo data, not secrets)
    organizations = [
        Organization.objects.get_or_create(name=name, defaults={"kind": kind, "nip": nip, "city": city})[0]
        for name, kind, nip, city in ORGANIZATIONS
    ]
    host_count = count // 8
    weights = [origin[0] for origin in ORIGINS.values()]
    for number in range(count):
        if number < host_count:
            data = _host_person(rng, number, organizations)
        else:
            code = rng.choices(list(ORIGINS), weights)[0]
            data = _migrant(rng, number, code)
        person = person_create(data=data, by=None, action="person.demo")
        consent_give(person=person, purpose=Consent.Purpose.SERVICE, text_version="2026-01", by=None)
        if data["target_group"] == TargetGroup.THIRD_COUNTRY_NATIONAL and rng.random() < 0.4:
            consent_give(person=person, purpose=Consent.Purpose.SHARE_WITH_EMPLOYERS, text_version="2026-01", by=None)
    return count


def _migrant(rng: random.Random, number: int, code: str) -> dict:
    _share, women, men, families, statuses, language = ORIGINS[code]
    female = rng.random() < 0.55
    given = rng.choice(women if female else men)
    family = rng.choice(families)[0 if female else 1]
    status = rng.choice(statuses)
    born = datetime.date(rng.randint(1962, 2006), rng.randint(1, 12), rng.randint(1, 28))
    refuses_birth = rng.random() < 0.03
    return {
        "full_name": f"{given} {family}",
        "given_name": given,
        "family_name": family,
        "email": _email(given, family, number) if rng.random() < 0.85 else "",
        "phone": f"+48{rng.randint(500_000_000, 799_999_999)}",
        "preferred_language": language,
        "languages_spoken": rng.choice(["", "Polish A1", "Polish A2", "Polish B1", "English B2"]),
        "citizenship": code,
        "birth_date": None if refuses_birth else born,
        "sex": "female" if female else "male",
        "residence_status": status,
        "residence_valid_until": (
            datetime.date(2027, rng.randint(1, 12), 1) if status not in {"permanent_residence"} else None
        ),
        "municipality": rng.choice(MUNICIPALITIES),
        "region": Region.LOWER_SILESIA if rng.random() < 0.95 else Region.ELSEWHERE_PL,
        "target_group": TargetGroup.THIRD_COUNTRY_NATIONAL,
        "refused": ["birth_date"] if refuses_birth else [],
    }


def _host_person(rng: random.Random, number: int, organizations: list[Organization]) -> dict:
    women, men, families = HOST
    female = rng.random() < 0.6
    given = rng.choice(women if female else men)
    family = rng.choice(families)[0 if female else 1]
    group = rng.choice([TargetGroup.EMPLOYER, TargetGroup.TEACHER, TargetGroup.PARENT, TargetGroup.PROFESSIONAL])
    organization = {
        TargetGroup.EMPLOYER: rng.choice(organizations[:2]),
        TargetGroup.TEACHER: organizations[2],
        TargetGroup.PROFESSIONAL: organizations[3],
    }.get(group)
    return {
        "full_name": f"{given} {family}",
        "given_name": given,
        "family_name": family,
        "email": _email(given, family, number),
        "phone": f"+48{rng.randint(500_000_000, 799_999_999)}",
        "preferred_language": "pl",
        "citizenship": "PL",
        "birth_date": datetime.date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28)),
        "sex": "female" if female else "male",
        "residence_status": ResidenceStatus.CITIZEN,
        "municipality": rng.choice(MUNICIPALITIES),
        "region": Region.LOWER_SILESIA,
        "target_group": group,
        "organization": organization,
    }


def seed_demo_people(*, password: str) -> str:
    return f"{seed_people()} created"
