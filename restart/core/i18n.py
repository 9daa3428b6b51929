"""Names of countries and languages in the reader's language, offline (Babel's CLDR data)."""

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from django.conf import settings
from django.utils.translation import get_language


@lru_cache(maxsize=16)
def _locale(language: str) -> Locale:
    try:
        return Locale.parse(language.replace("-", "_"))
    except (ValueError, UnknownLocaleError):
        return Locale("en")


def country_name(code: str, language: str | None = None) -> str:
    """`UA` -> "Україна" for `uk`; an unknown code is returned unchanged."""
    locale = _locale(language or get_language() or "en")
    return locale.territories.get(code.upper(), code)


def language_name(code: str, language: str | None = None) -> str:
    locale = _locale(language or get_language() or "en")
    return locale.languages.get(code.lower(), code)


def country_choices(language: str | None = None) -> list[tuple[str, str]]:
    """ISO 3166-1 alpha-2 countries, sorted by their name in the given language."""
    return list(_country_choices(language or get_language() or "en"))


@lru_cache(maxsize=16)
def _country_choices(language: str) -> tuple[tuple[str, str], ...]:
    locale = _locale(language)
    countries = [
        (code, name)
        for code, name in locale.territories.items()
        if len(code) == 2 and code.isalpha() and code not in {"ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"}
    ]
    return tuple(sorted(countries, key=lambda item: item[1]))


def in_language(texts: dict, language: str | None = None) -> str:
    """One text of a {language code: text} field: the reader's language, else Polish, else English,
    else whichever there is (a visible fallback, DESIGN.md §6)."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return texts.get(language) or texts.get("pl") or texts.get("en") or next(iter(texts.values()), "")


class TitledInLanguages:
    """For models with `titles` and `descriptions` JSON fields ({language code: text}) and a `slug`."""

    def title(self, language: str | None = None) -> str:
        return in_language(self.titles, language) or self.slug

    def description(self, language: str | None = None) -> str:
        return in_language(self.descriptions, language)
