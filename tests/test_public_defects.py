"""The defects a new user met on the public pages and in forms (issue 8), each pinned by a test."""

import datetime
import re
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from restart.core.models import AuditEvent
from restart.infopoint.forms import AvailabilityForm, BookingChoiceForm, ConsultationRecordForm, WalkInForm
from restart.infopoint.models import ContactDetails
from restart.knowledge.forms import ArticleForm
from restart.knowledge.models import Article
from restart.knowledge.search import search
from restart.people.forms import PersonForm
from restart.topics.models import Topic
from tests.conftest import run_worker, sign_in
from tests.infopoint_factories import make_consultation, make_slot
from tests.people_factories import make_person

LANGUAGES = [code for code, _name in settings.LANGUAGES]
ARTICLES = Path(__file__).parent / "data" / "articles.jsonl"


class _FormReader(HTMLParser):
    """What a browser would submit for the page's own form (method="post", no action), as it was rendered."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self.inside = self.done = False
        self._select = self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and not self.done and attrs.get("method") == "post" and "action" not in attrs:
            self.inside = True
        if not self.inside:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in ("submit", "button"):
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attrs:
            self._add(self._select, attrs.get("value", ""))
        elif tag == "textarea" and name and "disabled" not in attrs:
            self._textarea = name
            self._add(name, "")

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n") if not self.data[self._textarea][-1] else data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def rendered_form(html: str) -> dict[str, list[str]]:
    reader = _FormReader()
    reader.feed(html)
    return reader.data


# 5.1 — every date and time input renders an ISO value the browser keeps, in every language.


def _forms_with_values():
    consultation = make_consultation(follow_up_on=datetime.date(2026, 12, 15))
    walk_in = {"starts_at": datetime.datetime(2026, 12, 15, 9, 30, tzinfo=datetime.UTC)}
    return [
        (ConsultationRecordForm(instance=consultation), "follow_up_on", "2026-12-15"),
        (WalkInForm(initial=walk_in), "starts_at", "2026-12-15T10:30"),  # Warsaw time
        (AvailabilityForm(initial={"first_day": datetime.date(2026, 12, 15)}), "first_day", "2026-12-15"),
        (AvailabilityForm(initial={"start": datetime.time(9, 5)}), "start", "09:05"),
        (AvailabilityForm(initial={"end": datetime.time(17, 45)}), "end", "17:45"),
        (AvailabilityForm(initial={"repeat_until": datetime.date(2027, 1, 31)}), "repeat_until", "2027-01-31"),
        (PersonForm(instance=make_person(birth_date=datetime.date(1990, 5, 17))), "birth_date", "1990-05-17"),
        (PersonForm(initial={"residence_valid_until": datetime.date(2027, 3, 1)}), "residence_valid_until",
         "2027-03-01"),
        (ArticleForm(instance=Article(slug="a", reviewed_on=datetime.date(2026, 11, 2))), "reviewed_on",
         "2026-11-02"),
    ]  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_date_and_time_input_renders_an_iso_value_and_reads_it_back(db, language):
    with translation.override(language):
        for form, name, iso in _forms_with_values():
            html = str(form[name])
            assert f'value="{iso}"' in html, (language, name, html)
            field = form.fields[name]
            assert field.clean(field.widget.value_from_datadict({name: iso}, {}, name)) is not None


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_follow_up_date_survives_two_saves_of_the_consultation_page(client, consultant, language):
    consultation = make_consultation(consultant=consultant)
    sign_in(client, consultant)
    with translation.override(language):
        url = reverse("infopoint_staff:consultation", args=[consultation.pk])
    data = rendered_form(client.get(url).content.decode())
    data["follow_up_on"] = ["2026-12-15"]
    assert client.post(url, data).status_code == 302
    for _save in range(2):  # the page as rendered, posted back untouched
        page = client.get(url).content.decode()
        assert 'value="2026-12-15"' in page
        assert client.post(url, rendered_form(page)).status_code == 302
        consultation.refresh_from_db()
        assert consultation.follow_up_on == datetime.date(2026, 12, 15)


def test_a_date_shown_to_people_is_in_their_language(client, consultant):
    person = make_person(birth_date=datetime.date(1990, 5, 17))
    sign_in(client, consultant)
    with translation.override("uk"):
        html = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "17 травня 1990" in re.sub(r"\s+", " ", html)


# 5.3 — a free time reads as one line: "Tuesday, 1 December 2026, 10:00–10:45".


class _SlotLines(HTMLParser):
    """The lines of each free-time link: its direct children are laid out one per line (flex column)."""

    def __init__(self):
        super().__init__()
        self.slots: list[list[str]] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if self.depth:
            if self.depth == 1:
                self.slots[-1].append("")
            self.depth += 1
        elif tag == "a" and "slot" in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.slots.append([])

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth == 1 and data.strip():  # loose text directly in the link is a line of its own
            self.slots[-1].append(data)
        elif self.depth > 1:
            self.slots[-1][-1] += data


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_free_time_is_one_line_without_a_stray_comma(client, consultant, language):
    make_slot(consultant, days=2, hour=10, languages=[language])
    topic = Topic.objects.get(slug="legal-stay")
    html = client.get(f"/{language}/information-point/book/",
                      {"topic": topic.pk, "language": language, "channel": "in_person"}).content.decode()  # fmt: skip
    reader = _SlotLines()
    reader.feed(html)
    assert reader.slots, html
    for lines in reader.slots:
        lines = [" ".join(line.split()) for line in lines if line.strip()]
        assert not any(line.startswith(",") for line in lines), lines
        assert re.fullmatch(r"\w+, \d+ \w+ 2\d{3}, 10:00–10:45", lines[0]), lines


# 5.4 — "Show free times" without a topic says what is missing and keeps the other choices.


@pytest.mark.parametrize("language", LANGUAGES)
def test_showing_free_times_without_a_topic_asks_for_it_next_to_the_field(client, db, language):
    response = client.get(f"/{language}/information-point/book/", {"language": "ru", "channel": "phone"})
    html = response.content.decode()
    assert response.status_code == 200
    with translation.override(language):
        message = str(BookingChoiceForm.base_fields["topic"].error_messages["required"])
    assert 'class="error-summary"' in html and '<a href="#id_topic">' in html
    assert html.count(message) == 2  # in the summary and next to the field
    assert "?:" not in html  # the question-shaped label leads its error without stray punctuation
    assert re.search(r'value="ru"[^>]*checked', html) and re.search(r'value="phone"[^>]*checked', html)
    assert "free-times" not in html


# 5.6 — nonsense finds nothing and says so; stop-words are never matched nor marked.


@pytest.fixture
def corpus(db):
    call_command("import_articles", str(ARTICLES), stdout=StringIO())
    run_worker()  # the worker lemmatises and embeds


@pytest.mark.parametrize("semantic", [True, False])
def test_a_nonsense_query_or_a_lone_stop_word_says_nothing_matches(client, corpus, semantic):
    for query in ("asdfgh", "qwerty zxcv", "на"):
        response = search(query, language="uk", semantic=semantic)
        assert response.nothing_matches and response.results == [], query
    html = " ".join(client.get("/uk/information-point/knowledge/", {"q": "asdfgh"}).content.decode().split())
    with translation.override("uk"):
        said = gettext("Nothing in the knowledge base matches “%(query)s”.") % {"query": "asdfgh"}
    assert said in html and "<mark>" not in html and 'class="results"' not in html
    for topic in Topic.objects.filter(active=True, parent__isnull=True):
        assert f'href="{reverse("knowledge:topic", args=[topic.slug])}"' in html
    assert 'href="/uk/information-point/book/"' in html
    assert client.get("/api/v1/knowledge/search", {"q": "qwerty zxcv", "lang": "uk"}).json()["results"] == []


@pytest.mark.parametrize(
    ("language", "query"),
    [("pl", "karta pobytu"), ("uk", "карта побиту"), ("ru", "карта побыту"), ("en", "residence card")],
)
def test_a_real_question_still_finds_its_article_in_each_language(corpus, language, query):
    for semantic in (True, False):
        response = search(query, language=language, semantic=semantic)
        assert not response.nothing_matches
        assert response.results[0].article.slug == "residence-card"
        assert response.results[0].translation.language == language


def test_the_snippet_marks_the_words_but_never_a_stop_word(corpus):
    result = search("документи на карту побиту", language="uk").results[0]
    assert result.translation.language == "uk" and "<mark>" in result.snippet
    assert "<mark>на</mark>" not in result.snippet.lower()
    assert " на " in result.snippet  # the word is there, just not marked


# 5.7 — the topic cards are links; the "Need help now?" box shows what a manager entered.


def test_every_topic_card_on_the_information_point_page_is_a_link_that_opens(client, db):
    html = client.get("/uk/information-point/").content.decode()
    cards = re.findall(r'<a class="card card--link" href="([^"]+)">', html)
    topics = Topic.objects.filter(active=True, parent__isnull=True)
    assert len(cards) == topics.count() > 10
    for url, topic in zip(cards, topics, strict=True):
        page = client.get(url)
        assert page.status_code == 200 and topic.name("uk") in page.content.decode()
        assert f"/uk/information-point/book/?topic={topic.pk}" in page.content.decode()


def test_a_topic_link_preselects_the_topic_on_the_booking_form_without_errors(client, db):
    topic = Topic.objects.get(slug="housing")
    html = client.get("/uk/information-point/book/", {"topic": topic.pk}).content.decode()
    assert re.search(rf'value="{topic.pk}"[^>]*checked', html) and "error-summary" not in html


CONTACT = {
    "phone": "+48 71 344 00 00", "email": "punkt@restart.example",
    "address_pl": "ul. Ruska 46, Wrocław", "address_uk": "вул. Руська 46, Вроцлав",
    "opening_hours_pl": "pon.–pt. 9:00–17:00", "opening_hours_uk": "пн–пт 9:00–17:00",
    "opening_hours_en": "Mon–Fri 9:00–17:00",
}  # fmt: skip


def test_a_manager_edits_the_contact_details_and_every_public_language_shows_them(client, manager):
    assert "tel:" not in client.get("/uk/").content.decode()  # nothing set: the e-mail fallback, no empty labels
    assert "info@restart.example" in client.get("/uk/").content.decode()
    sign_in(client, manager)
    url = reverse("infopoint_staff:contact")
    assert client.get(url).status_code == 200
    assert client.post(url, CONTACT).status_code == 302
    assert AuditEvent.objects.filter(action="infopoint.contact_details", actor=manager).exists()
    expected = {"pl": ("ul. Ruska 46", "pon.–pt."), "uk": ("вул. Руська 46", "пн–пт"),
                "ru": ("ul. Ruska 46", "pon.–pt."), "en": ("ul. Ruska 46", "Mon–Fri")}  # fmt: skip
    for language, (address, hours) in expected.items():
        for page in (f"/{language}/", f"/{language}/information-point/"):
            html = client.get(page).content.decode()
            assert 'href="tel:+48713440000">+48 71 344 00 00</a>' in html, page
            assert html.count('id="need-help"') == 1, page
            assert "mailto:punkt@restart.example" in html and address in html and hours in html, page


def test_a_bad_phone_number_is_refused_next_to_the_field_and_the_rest_is_kept(client, manager):
    sign_in(client, manager)
    response = client.post(reverse("infopoint_staff:contact"), {**CONTACT, "phone": "call us"})
    html = response.content.decode()
    assert response.status_code == 200 and 'class="field-error"' in html and "вул. Руська 46" in html
    assert not ContactDetails.objects.exists()


def test_a_consultant_cannot_edit_the_contact_details(client, consultant):
    sign_in(client, consultant)
    url = reverse("infopoint_staff:contact")
    assert client.get(url).status_code == 403
    assert client.post(url, CONTACT).status_code == 403
    assert not ContactDetails.objects.exists()
