"""Four complete languages, chosen by the URL and remembered; a fifth needs no code."""

import datetime
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command
from django.utils import formats, translation
from django.utils.translation import gettext

from restart.core.i18n import country_name, language_name

HEADLINE = "Start your life in Lower Silesia with support"
SOURCE_DIR = Path(settings.BASE_DIR) / "restart"
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])


def _catalogue(code: str):
    path = LOCALE_DIR / code / "LC_MESSAGES" / "django.po"
    assert path.exists(), f"no catalogue for {code}: {path}"
    with path.open("rb") as handle:
        return read_po(handle, locale=code.replace("-", "_"))


def _message_ids(catalogue) -> set:
    return {
        (message.context, message.id if isinstance(message.id, str) else message.id[0])
        for message in catalogue
        if message.id
    }


@pytest.mark.parametrize("code", [code for code, _name in settings.LANGUAGES])
def test_every_catalogue_entry_is_translated_and_not_fuzzy(code):
    problems = []
    for message in _catalogue(code):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        elif not all(strings):
            problems.append(f"empty: {message.id!r}")
    assert problems == []


def test_the_catalogues_hold_every_string_in_the_source(tmp_path, monkeypatch, settings):
    # makemessages on a copy of the source, into a scratch catalogue, then compare.
    source = tmp_path / "src"
    shutil.copytree(SOURCE_DIR, source, ignore=shutil.ignore_patterns("locale", "__pycache__", "static"))
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(source)
    call_command("makemessages", locale=["en"], verbosity=0, no_location=True)
    with (tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.po").open("rb") as handle:
        in_source = _message_ids(read_po(handle))
    assert len(in_source) > 50
    for code, _name in settings.LANGUAGES:
        missing = in_source - _message_ids(_catalogue(code))
        assert not missing, f"{code} catalogue lacks {sorted(m[1] for m in missing)[:10]} (run `make messages`)"


@pytest.mark.parametrize("code", ["pl", "uk", "ru"])
def test_the_home_page_speaks_the_language_of_its_url(client, db, code):
    response = client.get(f"/{code}/")
    with translation.override(code):
        headline = gettext(HEADLINE)
    assert headline != HEADLINE
    assert headline in response.content.decode()
    assert f'<html lang="{code}">' in response.content.decode()


def test_every_page_links_to_itself_in_every_language(client, db):
    html = client.get("/uk/courses/").content.decode()
    for code, name in settings.LANGUAGES:
        assert f'href="/{code}/courses/"' in html
        assert name in html


def test_the_root_follows_the_browser_language_then_the_remembered_choice(client, db):
    assert client.get("/", headers={"accept-language": "uk,en;q=0.5"})["Location"] == "/uk/"
    client.get("/ru/")  # visiting a language remembers it
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ru"
    assert client.get("/", headers={"accept-language": "uk"})["Location"] == "/ru/"


def test_a_fifth_language_needs_only_a_setting(client, db, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("de", "Deutsch")]
    response = client.get("/de/")
    assert response.status_code == 200
    assert 'href="/de/"' in client.get("/pl/").content.decode()
    assert '<html lang="de">' in response.content.decode()


def test_country_and_language_names_come_in_the_readers_language():
    assert country_name("UA", "uk") == "Україна"
    assert country_name("GE", "pl") == "Gruzja"
    assert country_name("BY", "ru") == "Беларусь"
    assert language_name("uk", "pl") == "ukraiński"
    assert country_name("QQ", "pl") == "QQ"


def test_dates_follow_the_page_language():
    day = datetime.date(2026, 3, 9)
    with translation.override("pl"):
        assert "marca" in formats.date_format(day, "DATE_FORMAT")
    with translation.override("uk"):
        assert "березня" in formats.date_format(day, "DATE_FORMAT")
