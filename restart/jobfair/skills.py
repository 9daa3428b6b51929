"""Skills compared as people write them: without case, accents or punctuation, and with the
synonyms employers and candidates use for the same thing in four languages."""

import re
import unicodedata
from functools import cache, lru_cache

# canonical -> the ways it is written (normalised forms are compared, so write them plainly).
SYNONYMS = {
    "forklift licence": ["forklift", "forklift licence", "forklift license", "udt forklift certificate",
                         "udt forklift", "wozek widlowy", "uprawnienia na wozek widlowy",
                         "uprawnienia udt na wozki jezdniowe", "wozki jezdniowe", "wozek jezdniowy",
                         "operator wozka widlowego", "udt wozki widlowe",
                         "uprawnienia udt", "uprawnienia udt na wozek widlowy", "wozki widlowe",
                         "навантажувач", "посвідчення водія навантажувача", "погрузчик",
                         "удостоверение водителя погрузчика", "карщик"],
    "welding mig/mag": ["mig", "mag", "mig/mag", "mig mag", "welding mig", "welding mag", "mig welding",
                        "mag welding", "mag 135", "mig 131", "135", "131", "spawanie metoda mag", "spawanie mig",
                        "spawanie mag", "spawanie mig/mag", "зварювання mig/mag", "сварка mig/mag"],
    "welding tig": ["tig", "welding tig", "spawanie tig", "зварювання tig", "сварка tig"],
    "driving licence b": ["driving licence b", "driving license b", "category b", "prawo jazdy b",
                          "prawo jazdy kat b", "kat b", "посвідчення водія b", "водительские права b", "права b"],
    "driving licence c": ["driving licence c", "driving license c", "category c", "prawo jazdy c",
                          "prawo jazdy kat c", "kat c", "посвідчення водія c", "водительские права c", "права c"],
    "driving licence c+e": ["driving licence c+e", "driving license ce", "category ce", "prawo jazdy ce",
                            "prawo jazdy c+e", "prawo jazdy kat c+e", "kat ce", "kat c+e", "c+e", "ce",
                            "посвідчення водія ce", "права ce", "права c+e", "водительские права ce",
                            "права категории ce", "посвідчення водія категорії ce"],
    "sanitary booklet": ["sanitary booklet", "health certificate for food handling", "ksiazeczka sanepidowska",
                         "ksiazeczka sanitarna", "orzeczenie do celow sanitarno epidemiologicznych",
                         "санітарна книжка", "санитарная книжка"],
    "haccp": ["haccp", "system haccp"],
    "cnc": ["cnc", "cnc operation", "obsluga cnc", "operator cnc", "programowanie cnc", "чпк", "чпу"],
    "technical drawing": ["technical drawing", "reading technical drawings", "rysunek techniczny",
                          "czytanie rysunku technicznego", "читання креслень", "чтение чертежей"],
    "sep electrical licence": ["sep", "uprawnienia sep", "sep e1", "sep g1", "electrical licence",
                               "електрик sep", "допуск sep"],
    "excel": ["excel", "ms excel", "microsoft excel"],
    "customer service": ["customer service", "obsluga klienta", "обслуговування клієнтів", "обслуживание клиентов"],
    "cooking": ["cooking", "gotowanie", "kuchnia", "приготування їжі", "кулинария", "готовка"],
    "cleaning": ["cleaning", "sprzatanie", "прибирання", "уборка"],
    "care of the elderly": ["care of the elderly", "elderly care", "opieka nad osobami starszymi",
                            "догляд за літніми людьми", "уход за пожилыми"],
    "first aid": ["first aid", "pierwsza pomoc", "перша допомога", "первая помощь"],
    "warehouse work": ["warehouse work", "warehouse", "praca w magazynie", "magazyn", "склад", "робота на складі",
                       "работа на складе"],
    "picking": ["picking", "order picking", "kompletowanie zamowien", "комплектування замовлень",
                "комплектация заказов"],
    "hand scanner": ["hand scanner", "skaner reczny", "ручний сканер", "ручной сканер"],
    "sewing": ["sewing", "szycie", "szycie przemyslowe", "stebnowka", "industrial sewing", "шиття", "шитье",
               "промислове шиття", "промышленное шитье"],
    "carpentry": ["carpentry", "stolarstwo", "ciesielstwo", "столярство", "столярка", "плотницкие работы"],
    "bricklaying": ["bricklaying", "murarstwo", "мурування", "кладка кирпича", "каменщик"],
    "plastering": ["plastering", "tynkowanie", "штукатурка", "штукатурні роботи"],
    "painting": ["painting", "malowanie", "малярні роботи", "малярные работы"],
    "tiling": ["tiling", "glazurnictwo", "kladzenie plytek", "укладання плитки", "укладка плитки"],
}


def normalise(text: str) -> str:
    """Lower case, no accents (ł → l), no punctuation but "+" and "/", single spaces."""
    text = (text or "").lower().replace("ł", "l").replace("ё", "е")
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    text = re.sub(r"[^\w+/ ]+", " ", text)
    return " ".join(text.split())


@cache
def _canonical_of() -> dict[str, str]:
    table = {}
    for canonical, spellings in SYNONYMS.items():
        for spelling in [canonical, *spellings]:
            table[normalise(spelling)] = canonical
    return table


@lru_cache(maxsize=65536)
def canonical(skill: str) -> str:
    """The one name of a skill whatever its spelling; an unknown skill is its normalised self."""
    written = normalise(skill)
    return _canonical_of().get(written, written)


def canonical_set(skills) -> frozenset[str]:
    return frozenset(filter(None, (canonical(skill) for skill in skills or [] if isinstance(skill, str))))
