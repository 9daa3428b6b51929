"""Multilingual articles and a search that finds the answer across languages."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from restart.knowledge.embedders import embedder
from restart.knowledge.models import Article, ArticleTranslation, LemmaForm
from restart.knowledge.search import search
from tests.conftest import run_worker, sign_in

DATA = Path(__file__).parent / "data" / "articles.jsonl"
needs_embedder = pytest.mark.skipif(embedder() is None, reason="no embedder on this machine")


@pytest.fixture
def corpus(db):
    call_command("import_articles", str(DATA), stdout=StringIO())
    run_worker()  # the worker lemmatises and embeds


def _slugs(query: str, language: str, **kwargs) -> list[str]:
    return [result.article.slug for result in search(query, language=language, **kwargs).results]


def test_import_is_idempotent_by_slug_and_the_worker_indexes(corpus):
    assert Article.objects.count() == 4
    call_command("import_articles", str(DATA), stdout=StringIO())
    assert Article.objects.count() == 4 and ArticleTranslation.objects.count() == 8
    run_worker()
    assert LemmaForm.objects.filter(language="pl", form="zezwolenia").exists() or LemmaForm.objects.exists()
    assert all(t.indexed_length > 0 for t in ArticleTranslation.objects.all())


@pytest.mark.parametrize(
    ("lines", "message"),
    [(["{not json"], "Line 1: not valid JSON"),
     (['{"slug": "a", "translations": {"pl": {"title": "T", "body": "B"}}}', '{"translations": {}}'],
      "Line 2: the slug"),
     (['{"slug": "a", "translations": {"xx": {"title": "T", "body": "B"}}}'], "unknown language xx"),
     (['{"slug": "a", "topic": "nope", "translations": {"pl": {"title": "T", "body": "B"}}}'], "unknown topic")],
)  # fmt: skip
def test_a_bad_import_line_is_reported_and_nothing_is_written(db, tmp_path, lines, message):
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines))
    out = StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_articles", str(path), stdout=out)
    assert message in out.getvalue()
    assert Article.objects.count() == 0


def test_lemmatised_search_finds_other_forms_of_the_words(corpus):
    assert _slugs("numerem pesel", "pl", semantic=False)[0] == "pesel"
    assert _slugs("kaucji za mieszkanie", "pl", semantic=False)[0] == "rental-contract"


def test_a_short_query_with_a_typo_still_finds_the_article(corpus):
    assert _slugs("kaucja", "pl", semantic=False)[:1] == ["rental-contract"]
    assert _slugs("kacja", "pl", semantic=False)[:1] == ["rental-contract"]


def test_results_come_in_the_readers_language_when_translated(corpus):
    results = search("residence card", language="en").results
    assert results[0].translation.language == "en"
    uk = search("PESEL", language="uk").results[0]
    assert uk.translation.language == "uk" and not uk.is_fallback
    fallback = search("najmu", language="uk").results[0]
    assert fallback.translation.language == "pl" and fallback.is_fallback


def test_the_snippet_is_the_matching_sentence_with_the_words_marked(corpus):
    result = search("kaucja", language="pl", semantic=False).results[0]
    assert "<mark>kaucję</mark>" in result.snippet


@needs_embedder
def test_a_ukrainian_question_finds_an_article_written_only_in_polish(corpus):
    assert _slugs("Як орендувати квартиру і чи треба платити заставу?", "uk")[0] == "rental-contract"


@needs_embedder
def test_the_same_question_in_four_languages_finds_the_same_article(corpus):
    questions = {
        "pl": "Gdzie odebrać kartę pobytu?",
        "uk": "Де отримати карту побиту?",
        "ru": "Где получить карту побыту?",
        "en": "Where do I collect my residence card?",
    }
    for language, question in questions.items():
        assert _slugs(question, language)[0] == "residence-card", language


@pytest.mark.parametrize(
    "query",
    ["", " ", "x" * 10_000, "'; DROP TABLE knowledge_article; --", "<script>alert(1)</script>", "😀🇺🇦", "Pesel ПЕСЕЛЬ",
     "%", "_", "\x00"],
)  # fmt: skip
def test_search_survives_any_string(client, corpus, query):
    for lang in ("uk", "xx", ""):
        response = client.get("/api/v1/knowledge/search", {"q": query, "lang": lang, "limit": "abc"})
        assert response.status_code == 200
        assert set(response.json()) == {"results", "took_ms"}
    page = client.get("/uk/information-point/knowledge/", {"q": query})
    assert page.status_code == 200
    assert "<script>alert(1)</script>" not in page.content.decode()


def test_the_api_returns_the_documented_shape(client, corpus):
    data = client.get("/api/v1/knowledge/search", {"q": "pesel", "lang": "uk", "limit": 2}).json()
    assert len(data["results"]) <= 2
    first = data["results"][0]
    assert set(first) == {"slug", "title", "lang", "score", "snippet"}
    assert (first["slug"], first["lang"]) == ("pesel", "uk")
    assert isinstance(data["took_ms"], float | int)


def test_an_article_body_with_html_is_rendered_inert(client, db, consultant):
    sign_in(client, consultant)
    client.post(reverse("knowledge_staff:create"), {
        "slug": "inert", "status": "published",
        "pl-title": "Test", "pl-body": "<script>alert(1)</script> [x](javascript:alert(1)) **ok**",
    })  # fmt: skip
    html = client.get("/pl/information-point/knowledge/inert/").content.decode()
    assert "<script>alert(1)" not in html and 'href="javascript:' not in html and "<strong>ok</strong>" in html


def test_a_missing_translation_shows_another_language_with_a_note(client, corpus):
    html = client.get("/uk/information-point/knowledge/health-insurance/").content.decode()
    assert "Медицинская страховка NFZ" in html and 'lang="ru"' in html


def test_consultants_see_missing_and_outdated_translations(client, corpus, consultant):
    sign_in(client, consultant)
    article = Article.objects.get(slug="pesel")
    url = reverse("knowledge_staff:edit", args=[article.pk])
    data = {"slug": "pesel", "status": "published", "topic": article.topic_id or ""}
    for version in article.translations.all():
        for field in ("title", "summary", "body"):
            data[f"{version.language}-{field}"] = getattr(version, field)
    data["pl-summary"] += " Zmienione."
    client.post(url, data)
    html = client.get(reverse("knowledge_staff:list")).content.decode()
    assert "UK — " in html and "RU — " in html
    uk = ArticleTranslation.objects.get(article=article, language="uk")
    pl = ArticleTranslation.objects.get(article=article, language="pl")
    assert uk.updated_at < pl.updated_at  # untouched Ukrainian text is now older than the Polish


def test_without_an_embedder_search_is_lexical_and_the_staff_area_says_so(client, corpus, consultant, settings):
    settings.KNOWLEDGE_EMBEDDER = "none"
    embedder.cache_clear()
    try:
        response = search("kaucja najem", language="pl")
        assert not response.semantic and response.results[0].article.slug == "rental-contract"
        sign_in(client, consultant)
        html = client.get(reverse("knowledge_staff:list")).content.decode()
        assert 'role="status"' in html
    finally:
        embedder.cache_clear()


def test_web_code_does_not_load_the_lemmatiser():
    import subprocess
    import sys

    code = (
        "import sys, django; django.setup();"
        "import restart.knowledge.views.public, restart.knowledge.search, restart.api.views, restart.knowledge.api;"
        "sys.exit('simplemma' in sys.modules)"
    )
    env = {"DJANGO_SETTINGS_MODULE": "tests.settings", "PATH": "/usr/bin:/bin"}
    assert subprocess.run([sys.executable, "-c", code], env=env, cwd=Path(__file__).parent.parent).returncode == 0


def test_browsing_by_topic_costs_the_same_queries_for_many_articles(client, corpus, django_assert_max_num_queries):
    client.get("/pl/information-point/knowledge/")
    with django_assert_max_num_queries(12):
        html = client.get("/pl/information-point/knowledge/").content.decode()
    assert "Jak uzyskać numer PESEL?" in html
    for number in range(20):
        Article.objects.create(slug=f"extra-{number}", status="published", topic=Article.objects.first().topic)
        ArticleTranslation.objects.create(article_id=Article.objects.get(slug=f"extra-{number}").pk, language="pl",
                                          title=f"Extra {number}", body="x")  # fmt: skip
    with django_assert_max_num_queries(12):
        client.get("/pl/information-point/knowledge/")
