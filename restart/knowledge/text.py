"""Tokens, lemmas and sentences of article texts (shared by indexing and search)."""

import re
import unicodedata

from markdown_it import MarkdownIt

WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*", re.UNICODE)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n{2,}|\n(?=[-*\d])")
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})


def tokens(text: str) -> list[str]:
    return [match.group(0).lower().replace("’", "'") for match in WORD.finditer(text or "")][:5000]


def render_markdown(text: str) -> str:
    """Markdown to HTML with raw HTML escaped and unsafe links refused: script in a body stays inert."""
    return _markdown.render(text or "")


def plain_text(markdown: str) -> str:
    """The words of a Markdown text without its markup, for snippets."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown or "")
    text = re.sub(r"^\s{0,3}(#+|[-*+]|\d+[.)])\s+", "", text, flags=re.MULTILINE)
    return re.sub(r"[*_`>#]", "", text)


def sentences(text: str) -> list[str]:
    return [part.strip() for part in SENTENCE_END.split(plain_text(text)) if len(part.strip()) > 2]


# Words as people type them on a phone: without diacritics, and Polish office words in Cyrillic
# ("мельдунек", "карта побиту") or Ukrainian ones in Latin ("dovidka"). Every form is also indexed
# under a "spelling key" in one Latin alphabet without diacritics, and a typed word is looked up by
# its keys too. Cyrillic follows Polish spelling (ш→sz, ч→cz, в→w), since the words people carry
# across are Polish; "v" and "w" share a key, as phones type either.
_CYRILLIC = {
    "а": "a", "б": "b", "в": "w", "ґ": "g", "д": "d", "е": "e", "ё": "jo", "є": "je", "ж": "z", "з": "z",
    "і": "i", "ї": "ji", "й": "j", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz", "ш": "sz", "щ": "szcz", "ъ": "",
    "ы": "y", "ь": "", "э": "e", "ю": "ju", "я": "ja", "'": "", "’": "",
}  # fmt: skip
# The letters read differently in the two languages: и is "y" in Ukrainian and "i" in Russian,
# г is "h" and "g".
_AMBIGUOUS = {"и": ("y", "i"), "г": ("h", "g")}


def _latin(word: str) -> str:
    word = word.replace("ł", "l").replace("v", "w")
    return "".join(char for char in unicodedata.normalize("NFKD", word) if not unicodedata.combining(char))


def spelling_keys(word: str, language: str = "") -> set[str]:
    """The Latin, diacritic-free spellings a word may be typed as (one for a known language's word;
    every reading of и and г for a typed word whose language is not known)."""
    if not any("\u0400" <= char <= "\u04ff" for char in word):
        return {_latin(word)}
    readings = [""]
    for char in word:
        if char in _AMBIGUOUS:
            ukrainian, russian = _AMBIGUOUS[char]
            options = {"uk": (ukrainian,), "ru": (russian,), "be": (russian,)}.get(language, (ukrainian, russian))
        else:
            options = (_CYRILLIC.get(char, char),)
        readings = [reading + option for reading in readings for option in options][:8]
    return {_latin(reading) for reading in readings}


def typo_keys(key: str) -> set[str]:
    """The key and every way of deleting one letter from it: two words one edit apart share one."""
    if len(key) < 4:
        return {key}
    return {key} | {key[:i] + key[i + 1 :] for i in range(len(key))}


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed the limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, 1):
        current = [i]
        for j, char_b in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]
