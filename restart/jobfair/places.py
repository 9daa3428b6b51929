"""Where towns of Lower Silesia are, to tell a candidate's distance from a job ("30 km away").
Approximate centres; a town not listed is "distance unknown"."""

import math
from functools import lru_cache

from restart.jobfair.skills import normalise

TOWNS = {
    "wroclaw": (51.107, 17.038), "olesnica": (51.209, 17.383), "olawa": (50.946, 17.293),
    "trzebnica": (51.310, 17.063), "sroda slaska": (51.164, 16.595), "legnica": (51.207, 16.155),
    "walbrzych": (50.771, 16.284), "jelenia gora": (50.904, 15.719), "glogow": (51.664, 16.085),
    "lubin": (51.401, 16.201), "swidnica": (50.843, 16.490), "boleslawiec": (51.264, 15.569),
    "dzierzoniow": (50.728, 16.651), "klodzko": (50.435, 16.661), "strzelin": (50.781, 17.066),
    "katy wroclawskie": (51.031, 16.767), "siechnice": (51.036, 17.150), "dlugoleka": (51.180, 17.196),
    "sobotka": (50.899, 16.744), "jelcz laskowice": (51.033, 17.350), "milicz": (51.527, 17.271),
    "wolow": (51.338, 16.636), "oborniki slaskie": (51.301, 16.917), "zmigrod": (51.467, 16.906),
    "polkowice": (51.504, 16.073), "zgorzelec": (51.150, 15.008), "kamienna gora": (50.784, 16.030),
    "bielawa": (50.690, 16.623), "nowa ruda": (50.580, 16.502), "zabkowice slaskie": (50.590, 16.812),
    "zlotoryja": (51.126, 15.920), "jawor": (51.052, 16.193), "gora": (51.667, 16.541),
    "chojnow": (51.274, 15.935), "luban": (51.118, 15.289), "lwowek slaski": (51.110, 15.585),
    "strzegom": (50.961, 16.350), "bierutow": (51.125, 17.545), "sycow": (51.308, 17.720),
    "brzeg dolny": (51.272, 16.713), "swiebodzice": (50.860, 16.319), "bystrzyca klodzka": (50.298, 16.652),
    "kobierzyce": (51.000, 16.930), "czernica": (51.046, 17.241), "miekinia": (51.188, 16.745),
    "wisznia mala": (51.233, 17.033), "zorawina": (50.983, 17.033), "olesnica county": (51.209, 17.383),
    # As people write them in Cyrillic.
    "вроцлав": (51.107, 17.038), "олесниця": (51.209, 17.383), "олесница": (51.209, 17.383),
    "олава": (50.946, 17.293), "легниця": (51.207, 16.155), "легница": (51.207, 16.155),
    "валбжих": (50.771, 16.284), "вальбжих": (50.771, 16.284), "єленя гура": (50.904, 15.719),
    "еленя гура": (50.904, 15.719), "глогув": (51.664, 16.085), "любін": (51.401, 16.201),
    "любин": (51.401, 16.201), "свидниця": (50.843, 16.490), "свидница": (50.843, 16.490),
}  # fmt: skip


@lru_cache(maxsize=4096)
def coordinates(city: str) -> tuple[float, float] | None:
    return TOWNS.get(normalise(city).replace("-", " "))


@lru_cache(maxsize=65536)
def distance_km(a: str, b: str) -> float | None:
    """Great-circle distance between two listed towns, rounded to 5 km; None when either is unknown."""
    first, second = coordinates(a), coordinates(b)
    if first is None or second is None:
        return None
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    km = 2 * 6371 * math.asin(math.sqrt(h))
    return 5 * round(km / 5)
