"""Search keys for names in any script: "Коваленко", "Kovalenko" and "KOWALENKO" meet."""

import re
import unicodedata
from difflib import SequenceMatcher

# Ukrainian and Russian letters to Latin, then spellings that vary between
# transliteration schemes folded together (kh/h/g, y/i/j, w/v, ts/c …).
_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ё": "io",
    "ж": "zh", "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m",
    "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh",
    "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "iu",
    "я": "ia", "ў": "u",
}  # fmt: skip
_FOLDS = [
    ("shch", "sc"), ("sch", "sc"), ("szcz", "sc"), ("sz", "s"), ("sh", "s"), ("cz", "c"),
    ("ch", "c"), ("tch", "c"), ("zh", "z"), ("rz", "z"), ("ż", "z"), ("kh", "h"), ("ts", "c"),
    ("tz", "c"), ("w", "v"), ("g", "h"), ("y", "i"), ("j", "i"), ("ie", "e"), ("ye", "e"),
    ("yu", "u"), ("iu", "u"), ("ju", "u"), ("ya", "a"), ("ia", "a"), ("ja", "a"), ("x", "ks"),
    ("q", "k"), ("ph", "f"), ("ou", "u"),
]  # fmt: skip
_NON_ALNUM = re.compile(r"[^a-z0-9@.+ ]+")


def transliterate(text: str) -> str:
    return "".join(_CYRILLIC.get(char, char) for char in text.lower())


def _strip_accents(text: str) -> str:
    text = text.replace("ł", "l").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def latin(text: str) -> str:
    """A plain Latin spelling: "Wójcik" -> "wojcik", "Коваленко" -> "kovalenko"."""
    return re.sub(r"[^a-z0-9]+", "-", _strip_accents(transliterate(text or ""))).strip("-")


def name_key(text: str) -> str:
    """A lossy, script-independent key: equal for common spellings of one name."""
    key = _strip_accents(transliterate(text or ""))
    for before, after in _FOLDS:
        key = key.replace(before, after)
    key = _NON_ALNUM.sub(" ", key)
    key = re.sub(r"(.)\1+", r"\1", key)  # double letters: "Anna" = "Ana"
    return " ".join(key.split())


def name_tokens(text: str) -> set[str]:
    return set(name_key(text).split())


def similar_names(a: str, b: str) -> bool:
    key_a, key_b = name_key(a), name_key(b)
    if not key_a or not key_b:
        return False
    if set(key_a.split()) == set(key_b.split()):
        return True
    return SequenceMatcher(None, key_a, key_b).ratio() >= 0.85
