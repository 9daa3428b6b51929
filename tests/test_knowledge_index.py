"""The inverted index, spelling keys, typo keys, the published corpus held in memory and the
answering passage (issue 13), through search() as the page and the API call it."""

import os
import subprocess
import sys
from io import StringIO
from unittest import mock

import numpy as np
import pytest
from django.core.management import call_command

from restart.knowledge.embedders import embedder
from restart.knowledge.indexing import translations_index
from restart.knowledge.models import Article, ArticleTranslation, Passage, Posting, TypoKey
from restart.knowledge.search import search
from restart.knowledge.text import spelling_keys, typo_keys
from tests.conftest import run_worker
from tests.test_knowledge import DATA

needs_embedder = pytest.mark.skipif(embedder() is None, reason="no embedder on this machine")


@pytest.fixture
def corpus(db):
    call_command("import_articles", str(DATA), stdout=StringIO())
    run_worker()


def _slugs(query: str, language: str, **kwargs) -> list[str]:
    return [result.article.slug for result in search(query, language=language, **kwargs).results]


def test_a_word_typed_without_diacritics_or_in_another_alphabet_finds_its_article(corpus):
    assert _slugs("kaucji najmu", "pl", semantic=False)[:1] == ["rental-contract"]
    assert _slugs("umowa na pismie", "pl", semantic=False)[:1] == ["rental-contract"]  # "piśmie"
    assert _slugs("умова найму", "uk", semantic=False)[:1] == ["rental-contract"]  # Polish words in Cyrillic
    assert _slugs("karta pobitu", "uk", semantic=False)[:1] == ["residence-card"]  # Ukrainian in Latin


def test_spelling_keys_read_both_languages_where_letters_differ():
    assert spelling_keys("мельдунек") == {"meldunek"}
    assert spelling_keys("побиту", "uk") == {"pobytu"} and spelling_keys("побыту", "ru") == {"pobytu"}
    assert spelling_keys("гміна") == {"hmina", "gmina"}
    assert spelling_keys("Zaświadczenie".lower()) == {"zaswiadczenie"}
    assert "kaucja" in typo_keys("kaucja") and "kacja" in typo_keys("kaucja") and typo_keys("abc") == {"abc"}


def test_a_typo_in_a_long_question_is_still_found(corpus):
    # Not only short queries: the typo keys cost one indexed lookup, not a scan of every form.
    assert _slugs("czy moge dostac z powrotem kacje po wyprowadzce", "pl", semantic=False)[:1] == ["rental-contract"]


def test_an_edited_article_is_found_by_its_new_words_and_no_longer_by_the_old(corpus):
    translation = ArticleTranslation.objects.get(article__slug="rental-contract", language="pl")
    translation.body = "Wynajmujący zwraca depozyt po wyprowadzce."
    translation.save()
    translations_index([translation])
    assert _slugs("depozyt", "pl", semantic=False)[:1] == ["rental-contract"]
    assert "rental-contract" not in _slugs("czynsz", "pl", semantic=False)
    assert Posting.objects.filter(lemma="czynsz").count() == 0  # nothing else holds it


def test_an_unpublished_or_deleted_article_leaves_the_results_at_once(corpus):
    assert _slugs("pesel", "pl", semantic=False)[:1] == ["pesel"]
    article = Article.objects.get(slug="pesel")
    article.status = Article.Status.DRAFT
    article.save()  # the held corpus notices without re-indexing
    assert "pesel" not in _slugs("pesel", "pl", semantic=False)
    Article.objects.filter(slug="residence-card").delete()
    assert "residence-card" not in _slugs("karta pobytu", "pl", semantic=False)


def test_each_paragraph_of_the_body_is_a_passage(corpus):
    texts = list(Passage.objects.filter(translation__article__slug="pesel", translation__language="pl")
                 .values_list("text", flat=True))  # fmt: skip
    assert texts[0].startswith("Wniosek o nadanie numeru PESEL") and len(texts) >= 2
    assert all("\n\n" not in text for text in texts)


@needs_embedder
def test_the_snippet_comes_from_the_paragraph_that_answers(corpus):
    translation = ArticleTranslation.objects.get(article__slug="pesel", language="pl")
    translation.body = (
        "Numer PESEL to jedenaście cyfr.\n\n"
        "Wniosek składasz w urzędzie gminy, potrzebujesz paszportu.\n\n"
        "Urzędy są zamknięte w święta państwowe."
    )
    translation.save()
    translations_index([translation])
    result = search("gdzie złożyć wniosek z paszportem", language="pl").results[0]
    assert result.article.slug == "pesel" and "urzędzie gminy" in result.snippet


@needs_embedder
def test_a_polish_only_answer_beats_a_text_in_the_readers_language_sharing_its_words(corpus):
    # health-insurance exists only in Russian; the Ukrainian reader asks in Ukrainian.
    assert _slugs("медичне страхування коли працюю за трудовим договором", "uk")[0] == "health-insurance"


def test_no_process_lets_its_threads_spin_for_the_embedder():
    # Spinning threads starved the embedder: 1.7 s a query with two processes embedding at once
    # (docs/benchmarks.md, issue 13).
    script = "import restart, numpy, os; print(os.environ['OPENBLAS_NUM_THREADS'], os.environ['GOMP_SPINCOUNT'])"
    env = {key: value for key, value in os.environ.items() if key not in ("OPENBLAS_NUM_THREADS", "GOMP_SPINCOUNT")}
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=True)
    assert output.stdout.split() == ["1", "1000"]


def test_reindex_articles_gives_an_upgraded_base_its_passages_postings_and_typo_keys(corpus):
    # As after migration 0003 on a base indexed before: forms known, no passages nor typo keys.
    Passage.objects.all().delete()
    Posting.objects.all().delete()
    TypoKey.objects.all().delete()
    out = StringIO()
    call_command("reindex_articles", stdout=out)
    assert "4 articles queued" in out.getvalue()
    run_worker()
    assert Passage.objects.filter(translation__article__slug="pesel").exists()
    assert _slugs("kaucji", "pl", semantic=False)[:1] == ["rental-contract"]
    assert _slugs("kacja", "pl", semantic=False)[:1] == ["rental-contract"]  # typo keys of known forms too


def test_an_article_unpublished_a_moment_ago_is_not_shown_from_a_corpus_held_before(corpus):
    from restart.knowledge import search as knowledge_search

    held = knowledge_search.corpus("")
    Article.objects.filter(slug="pesel").update(status=Article.Status.DRAFT)
    with mock.patch.object(knowledge_search, "corpus", lambda model_name="": held):
        assert "pesel" not in _slugs("pesel", "pl", semantic=False)


def test_the_snippet_never_marks_the_inside_of_an_escaped_character(corpus):
    translation = ArticleTranslation.objects.get(article__slug="rental-contract", language="pl")
    translation.body = "Kaucja & czynsz < 3000 zł: zasady."
    translation.save()
    translations_index([translation])
    snippet = search("amp lt kaucja", language="pl", semantic=False).results[0].snippet
    assert "<mark>Kaucja</mark> &amp; czynsz &lt; 3000 zł: zasady." in snippet


def test_stored_vectors_of_another_width_leave_search_to_the_words(corpus):
    ArticleTranslation.objects.update(embedding=np.zeros(8, dtype=np.float32).tobytes())
    Article.objects.first().save()  # the held corpus reloads
    response = search("kaucja", language="pl")
    assert response.results[0].article.slug == "rental-contract" and not response.semantic


def test_in_a_base_of_one_article_its_own_word_still_matches(db):
    # "PESEL" is in every text of such a base; words in most texts used to be skipped, and the
    # page said that nothing matches (found by the browser test of the article editor).
    call_command("import_articles", str(DATA), stdout=StringIO())
    Article.objects.exclude(slug="pesel").delete()
    run_worker()
    for semantic in (True, False):
        response = search("PESEL", language="uk", semantic=semantic)
        assert not response.nothing_matches and [r.article.slug for r in response.results] == ["pesel"]
