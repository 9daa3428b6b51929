"""The demo campaign page for `seed_demo`: four languages, the authors, transcript and subtitles, no film.

No video ships with the code (the repository stays small, and nothing is downloaded at run time):
the page shows "the film will appear here" until the coordinator uploads one.
"""

import datetime

from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape

from restart.campaign.models import Campaign, Material
from restart.campaign.services import campaign_save, material_save

AUTHORS = "Olena Astakhova, Aleksandra Dziuli"

TEXTS = {
    "pl": {
        "title": "Jestem wrocławianinem tak jak Ty",
        "intro": "Kampania społeczna o ludziach, którzy przyjechali do Wrocławia z innych krajów i zbudowali "
        "tu swój dom. Pokazujemy sąsiadów, współpracowników i przyjaciół — takich jak Ty.",
        "film_text": "Film nakręciły **Olena Astakhova** i **Aleksandra Dziuli**. Bohaterowie opowiadają o "
        "pierwszych dniach w mieście, o pracy, szkole dzieci i o tym, co sprawiło, że poczuli się u siebie.",
        "transcript": "Kiedy przyjechałam do Wrocławia, nie znałam tu nikogo.\n"
        "Dziś mam tu pracę, przyjaciół i swoje ulubione miejsca.\nJestem wrocławianką — tak jak Ty.",
    },
    "uk": {
        "title": "Я вроцлав'янин, так само як Ти",
        "intro": "Соціальна кампанія про людей, які приїхали до Вроцлава з інших країн і збудували тут свій "
        "дім. Ми показуємо сусідів, колег і друзів — таких, як Ти.",
        "film_text": "Фільм зняли **Олена Астахова** та **Александра Дзюлі**. Герої розповідають про перші дні "
        "в місті, про роботу, школу дітей і про те, що допомогло їм почуватися вдома.",
        "transcript": "Коли я приїхала до Вроцлава, я нікого тут не знала.\n"
        "Сьогодні в мене тут робота, друзі й улюблені місця.\nЯ вроцлав'янка — так само як Ти.",
    },
    "ru": {
        "title": "Я вроцлавянин, так же как Ты",
        "intro": "Социальная кампания о людях, которые приехали во Вроцлав из других стран и построили здесь "
        "свой дом. Мы показываем соседей, коллег и друзей — таких, как Ты.",
        "film_text": "Фильм сняли **Олена Астахова** и **Александра Дзюли**. Герои рассказывают о первых днях "
        "в городе, о работе, школе детей и о том, что помогло им почувствовать себя дома.",
        "transcript": "Когда я приехала во Вроцлав, я никого здесь не знала.\n"
        "Сегодня у меня здесь работа, друзья и любимые места.\nЯ вроцлавянка — так же как Ты.",
    },
    "en": {
        "title": "I am from Wrocław, just like you",
        "intro": "A social campaign about people who came to Wrocław from other countries and made their home "
        "here. We show neighbours, colleagues and friends — just like you.",
        "film_text": "The film was made by **Olena Astakhova** and **Aleksandra Dziuli**. Its people talk about "
        "their first days in the city, about work, their children's school and what made them feel at home.",
        "transcript": "When I came to Wrocław, I knew no one here.\n"
        "Today I have a job, friends and my favourite places here.\nI am from Wrocław — just like you.",
    },
}


def _subtitles(transcript: str) -> str:
    """WebVTT cues of four seconds each, one per line of the transcript."""
    cues = [
        f"{index + 1}\n00:00:{index * 4:02d}.000 --> 00:00:{index * 4 + 4:02d}.000\n{line}\n"
        for index, line in enumerate(transcript.splitlines())
    ]
    return "WEBVTT\n\n" + "\n".join(cues)


def seed_campaign(*, password: str = "") -> str:
    if Campaign.objects.exists():
        return "already there"
    translations = {
        code: {**texts, "subtitles": ContentFile(_subtitles(texts["transcript"]).encode(), name=f"demo-{code}.vtt")}
        for code, texts in TEXTS.items()
    }
    campaign_save(campaign=Campaign(film_authors=AUTHORS), translations=translations, by=None)
    for titles, package, days_ago in MATERIALS:
        pdf = ContentFile(_leaflet(titles["pl"]), name="demo-material.pdf")
        material_save(material=Material(titles=titles, file=pdf, is_information_package=package,
                                        published_on=timezone.localdate() - datetime.timedelta(days=days_ago)),
                      by=None)  # fmt: skip
    return (f"the page in 4 languages with subtitles (no film: upload one in the staff area), "
            f"{len(MATERIALS)} materials")


# Materials to download: two information packages (indicator O.2.4) and a poster.
MATERIALS = (
    ({"pl": "Pakiet informacyjny: legalny pobyt i praca", "uk": "Інформаційний пакет: легальне перебування і робота",
      "ru": "Информационный пакет: легальное пребывание и работа",
      "en": "Information package: legal stay and work"}, True, 120),
    ({"pl": "Pakiet informacyjny: PESEL, NFZ i szkoła", "uk": "Інформаційний пакет: PESEL, NFZ і школа",
      "ru": "Информационный пакет: PESEL, NFZ и школа", "en": "Information package: PESEL, NFZ and school"}, True, 40),
    ({"pl": "Plakat kampanii", "uk": "Плакат кампанії", "ru": "Плакат кампании", "en": "Campaign poster"}, False, 30),
)  # fmt: skip


def _leaflet(title: str) -> bytes:
    """A one-page PDF standing in for the real material (nothing is downloaded at run time)."""
    from weasyprint import HTML  # loads pango: only when the demo is seeded

    return HTML(string=f"<h1 style='font-family: DejaVu Sans'>{escape(title)}</h1><p>reSTART · demo</p>").write_pdf()
