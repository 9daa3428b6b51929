"""The starting taxonomy (shared/domain/consultation-topics.md), in the four languages.

Loaded by a data migration; afterwards it is data the manager edits.
"""

TOPICS = [
    ("legal-stay", False, {"pl": "Legalizacja pobytu", "uk": "Легалізація перебування", "ru": "Легализация пребывания", "en": "Legal stay"}, [
        ("temporary-residence", {"pl": "Zezwolenie na pobyt czasowy", "uk": "Дозвіл на тимчасове проживання", "ru": "Разрешение на временное проживание", "en": "Temporary residence permit"}),
        ("permanent-residence", {"pl": "Pobyt stały i rezydent długoterminowy UE", "uk": "Постійне проживання та резидент ЄС", "ru": "ПМЖ и долгосрочный резидент ЕС", "en": "Permanent residence and EU long-term resident"}),
        ("residence-card", {"pl": "Karta pobytu", "uk": "Карта побиту", "ru": "Карта побыту", "en": "Residence card"}),
        ("appeals", {"pl": "Procedura, opóźnienia i odwołania", "uk": "Процедура, затримки та оскарження", "ru": "Процедура, задержки и обжалование", "en": "Procedure, delays and appeals"}),
    ]),
    ("protection", False, {"pl": "Ochrona czasowa i międzynarodowa", "uk": "Тимчасовий і міжнародний захист", "ru": "Временная и международная защита", "en": "Temporary and international protection"}, [
        ("ukr-status", {"pl": "Status UKR, PESEL UKR, Diia.pl", "uk": "Статус UKR, PESEL UKR, Diia.pl", "ru": "Статус UKR, PESEL UKR, Diia.pl", "en": "UKR status, PESEL UKR, Diia.pl"}),
        ("refugee-status", {"pl": "Status uchodźcy i ochrona uzupełniająca", "uk": "Статус біженця та додатковий захист", "ru": "Статус беженца и дополнительная защита", "en": "Refugee status and subsidiary protection"}),
    ]),
    ("work", True, {"pl": "Praca i legalne zatrudnienie", "uk": "Робота та легальне працевлаштування", "ru": "Работа и легальное трудоустройство", "en": "Work and legal employment"}, [
        ("work-permit", {"pl": "Zezwolenie na pracę i oświadczenie", "uk": "Дозвіл на роботу та освядчення", "ru": "Разрешение на работу и освядчение", "en": "Work permit and employer's declaration"}),
        ("contracts", {"pl": "Umowy: o pracę, zlecenie", "uk": "Договори: трудовий, доручення", "ru": "Договоры: трудовой, поручения", "en": "Contracts of employment and mandate"}),
        ("own-business", {"pl": "Własna działalność (CEIDG)", "uk": "Власна справа (CEIDG)", "ru": "Собственный бизнес (CEIDG)", "en": "Own business (CEIDG)"}),
    ]),
    ("registration", False, {"pl": "PESEL, meldunek, Profil Zaufany", "uk": "PESEL, реєстрація, Profil Zaufany", "ru": "PESEL, прописка, Profil Zaufany", "en": "PESEL, address registration, e-ID"}, []),
    ("health", False, {"pl": "Zdrowie i ubezpieczenie", "uk": "Здоров’я та страхування", "ru": "Здоровье и страхование", "en": "Health and insurance"}, []),
    ("benefits", False, {"pl": "Świadczenia socjalne", "uk": "Соціальні виплати", "ru": "Социальные выплаты", "en": "Social benefits"}, []),
    ("education", False, {"pl": "Edukacja i szkoła", "uk": "Освіта та школа", "ru": "Образование и школа", "en": "Education and school"}, []),
    ("employment-support", True, {"pl": "Wsparcie w szukaniu pracy", "uk": "Допомога в пошуку роботи", "ru": "Помощь в поиске работы", "en": "Help finding a job"}, [
        ("cv", {"pl": "CV i rozmowa kwalifikacyjna", "uk": "Резюме та співбесіда", "ru": "Резюме и собеседование", "en": "CV and job interview"}),
        ("recognition", {"pl": "Uznanie kwalifikacji i dyplomów", "uk": "Визнання кваліфікацій і дипломів", "ru": "Признание квалификаций и дипломов", "en": "Recognition of qualifications"}),
    ]),
    ("housing", False, {"pl": "Mieszkanie i najem", "uk": "Житло та оренда", "ru": "Жилье и аренда", "en": "Housing and renting"}, []),
    ("taxes-banking", False, {"pl": "Podatki i bank", "uk": "Податки та банк", "ru": "Налоги и банк", "en": "Taxes and banking"}, []),
    ("family", False, {"pl": "Rodzina i stan cywilny", "uk": "Сім’я та цивільний стан", "ru": "Семья и гражданское состояние", "en": "Family and civil status"}, []),
    ("documents", False, {"pl": "Dokumenty i tłumaczenia", "uk": "Документи та переклади", "ru": "Документы и переводы", "en": "Documents and translations"}, []),
    ("rights-safety", False, {"pl": "Prawa i bezpieczeństwo", "uk": "Права та безпека", "ru": "Права и безопасность", "en": "Rights and safety"}, []),
    ("daily-life", False, {"pl": "Codzienne życie i integracja", "uk": "Повсякденне життя та інтеграція", "ru": "Повседневная жизнь и интеграция", "en": "Daily life and integration"}, []),
]  # fmt: skip


def load_topics(Topic) -> int:
    """Create the topics that do not exist yet (by code); never overwrite a manager's edits."""
    created = 0
    for position, (slug, employment, names, children) in enumerate(TOPICS):
        parent, made = Topic.objects.get_or_create(
            slug=slug, defaults={"names": names, "is_employment": employment, "position": position}
        )
        created += made
        for child_position, (child_slug, child_names) in enumerate(children):
            _child, made = Topic.objects.get_or_create(
                slug=f"{slug}-{child_slug}",
                defaults={"names": child_names, "parent": parent, "is_employment": employment,
                          "position": child_position},
            )  # fmt: skip
            created += made
    return created
